/*
 * Keyboard access to wide tables (WCAG 2.1.1; axe scrollable-region-focusable).
 *
 * A table wider than the screen scrolls inside a wrapper. Keyboard users can
 * only scroll it if the wrapper can take focus, and a focusable wrapper needs a
 * role and a name so screen readers announce something sensible. Material wraps
 * only classless tables (.md-typeset__scrollwrap); our record tables carry a
 * class, so they are wrapped here unless the page already wraps them in
 * .table-scroll. The wrapper is made focusable only while it actually
 * scrolls, so narrow tables add no extra tab stops. No network requests.
 */
(function () {
  "use strict";

  var WRAPPERS = ".md-typeset__scrollwrap, .md-typeset .table-scroll";

  function update(wrapper) {
    if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
      var caption = wrapper.querySelector("caption");
      var name = caption ? caption.textContent.trim() : "";
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", (name || "Table") + " (scrolls sideways)");
      wrapper.tabIndex = 0;
    } else {
      wrapper.removeAttribute("role");
      wrapper.removeAttribute("aria-label");
      wrapper.removeAttribute("tabindex");
    }
  }

  function setup() {
    document.querySelectorAll(".md-typeset table.record-table").forEach(function (table) {
      if (table.parentElement.classList.contains("table-scroll")) return;
      var wrapper = document.createElement("div");
      wrapper.className = "table-scroll";
      table.parentNode.insertBefore(wrapper, table);
      wrapper.appendChild(table);
    });
    var observer = "ResizeObserver" in window
      ? new ResizeObserver(function (entries) {
          entries.forEach(function (entry) { update(entry.target); });
        })
      : null;
    document.querySelectorAll(WRAPPERS).forEach(function (wrapper) {
      update(wrapper);
      if (observer) observer.observe(wrapper);
    });
  }

  // Material's document$ fires after its own components (including its table
  // wrappers) are mounted, and again after instant navigation if enabled.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
