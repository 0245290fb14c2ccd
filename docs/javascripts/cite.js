/*
 * "Cite this record" (civic_record/pages/citation.py): a citation says when the page was
 * read. The built page cannot know (it stays byte-identical from build to build), so the
 * reader's browser fills in today's date, in the reader's own time zone:
 *
 * - the plain text's "Retrieved the date you read it" becomes "Retrieved May 14, 2025";
 * - the empty span before the BibTeX entry's closing brace becomes
 *   ",\n  urldate = {2025-05-14}" (without JavaScript the entry has no urldate at all);
 * - the note asking the reader to add urldate says instead that the date was filled in.
 *
 * The theme's copy button copies the text as shown, so it copies the filled-in date.
 * Nothing is requested from the network. Filling in twice (instant navigation calls it for
 * every page) writes the same text.
 */
(function () {
  "use strict";

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function fill() {
    var now = new Date();
    var long = now.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
    var iso = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    document.querySelectorAll(".cite-this .cite-retrieved").forEach(function (span) {
      span.textContent = long;
    });
    document.querySelectorAll(".cite-this .cite-bibtex-date").forEach(function (span) {
      span.textContent = ",\n  urldate = {" + iso + "}";
    });
    document.querySelectorAll(".cite-this .cite-date-note").forEach(function (span) {
      span.textContent =
        "The day you read this page (" + long + ") was filled in by your browser, " +
        "in the plain text and as urldate in the BibTeX entry.";
    });
    document.querySelectorAll(".cite-this").forEach(function (block) {
      block.setAttribute("data-cite-filled", iso);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(fill);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fill);
  } else {
    fill();
  }
})();
