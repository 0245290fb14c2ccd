/*
 * "Cite this record": a citation says when it was retrieved. The built page cannot know
 * (it stays byte-identical from build to build), so the reader's browser fills in today's
 * date; without JavaScript the text reads "the date you read it". No network requests.
 */
(function () {
  "use strict";
  function fill() {
    var today = new Date().toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
    document.querySelectorAll(".cite-retrieved").forEach(function (span) { span.textContent = today; });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(fill);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fill);
  } else {
    fill();
  }
})();
