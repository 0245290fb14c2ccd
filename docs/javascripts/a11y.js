/*
 * Wide tables: keyboard access and a visible cue that they scroll sideways
 * (WCAG 2.1.1; axe scrollable-region-focusable).
 *
 * A table wider than the screen scrolls inside a wrapper. Keyboard users can
 * only scroll it if the wrapper can take focus, and a focusable wrapper needs a
 * role and a name so screen readers announce something sensible. Material wraps
 * only classless tables (.md-typeset__scrollwrap); our record tables carry a
 * class, so they are wrapped here unless the page already wraps them in
 * .table-scroll. The wrapper is made focusable only while it actually
 * scrolls, so narrow tables add no extra tab stops.
 *
 * Sighted readers get the same news: each wrapper sits in a .table-frame
 * whose first line, "Scroll sideways for more columns", shows exactly while
 * the wrapper can scroll (screen readers hear it in the wrapper's name, so the
 * line itself is aria-hidden). The wrapper carries its state as classes that
 * stylesheets/tables.css draws as a fading edge on the side with more columns:
 *
 *   table-scroll--scrolls       it is wider than its box
 *   table-scroll--more-left     columns hidden to the left (it has been scrolled)
 *   table-scroll--more-right    columns hidden to the right
 *   table-scroll--sticky-first  the first column (names or dates) is narrow
 *                               enough to stay in view while the rest scrolls
 *
 * and a cell of long text (a motion, a summary) is marked td.cell-long, which
 * tables.css gives a column wide enough for sentences.
 *
 * The state follows scrolling and resizing (ResizeObserver), never a timer.
 * No network requests.
 */
(function () {
  "use strict";

  var WRAPPERS = ".md-typeset__scrollwrap, .md-typeset .table-scroll";
  var CUE_TEXT = "Scroll sideways for more columns";
  // The first column stays in view only while it leaves most of the width to the others.
  var STICKY_SHARE = 0.4;
  // Characters of text from which a cell reads as sentences and needs a wider column.
  var LONG_TEXT = 100;

  function toggle(element, name, on) {
    if (element.classList.contains(name) !== on) element.classList.toggle(name, on);
  }

  function firstColumnWidth(table) {
    var row = table.tBodies.length && table.tBodies[0].rows.length ? table.tBodies[0].rows[0] : null;
    var cell = row && row.cells.length > 1 ? row.cells[0] : null;
    return cell ? cell.getBoundingClientRect().width : Infinity;
  }

  // Which sides have columns out of view; called on every scroll, so it reads only scroll offsets.
  function edges(wrapper, room) {
    if (room === undefined) room = wrapper.scrollWidth - wrapper.clientWidth;
    var scrolls = room > 1;
    // scrollLeft is negative in a right-to-left table; its size is what counts.
    var left = Math.abs(wrapper.scrollLeft);
    toggle(wrapper, "table-scroll--more-left", scrolls && left > 1);
    toggle(wrapper, "table-scroll--more-right", scrolls && left < room - 1);
  }

  function update(wrapper) {
    var room = wrapper.scrollWidth - wrapper.clientWidth;
    var scrolls = room > 1;
    if (scrolls) {
      var caption = wrapper.querySelector("caption");
      var name = caption ? caption.textContent.trim() : "";
      var label = (name || "Table") + " (" + CUE_TEXT.toLowerCase() + ")";
      if (wrapper.getAttribute("aria-label") !== label) wrapper.setAttribute("aria-label", label);
      if (wrapper.getAttribute("role") !== "region") wrapper.setAttribute("role", "region");
      if (wrapper.tabIndex !== 0) wrapper.tabIndex = 0;
    } else {
      wrapper.removeAttribute("role");
      wrapper.removeAttribute("aria-label");
      wrapper.removeAttribute("tabindex");
    }
    toggle(wrapper, "table-scroll--scrolls", scrolls);
    edges(wrapper, room);
    var table = wrapper.querySelector("table");
    toggle(
      wrapper,
      "table-scroll--sticky-first",
      scrolls && !!table && firstColumnWidth(table) <= wrapper.clientWidth * STICKY_SHARE
    );
    var cue = wrapper.parentElement && wrapper.parentElement.classList.contains("table-frame")
      ? wrapper.parentElement.querySelector(":scope > .table-scroll-cue")
      : null;
    if (cue && cue.hidden === scrolls) cue.hidden = !scrolls;
  }

  function frame(wrapper) {
    var parent = wrapper.parentElement;
    if (!parent || parent.classList.contains("table-frame")) return;
    var outer = document.createElement("div");
    outer.className = "table-frame";
    var cue = document.createElement("p");
    cue.className = "table-scroll-cue";
    cue.setAttribute("aria-hidden", "true");
    cue.hidden = true;
    cue.textContent = CUE_TEXT;
    parent.insertBefore(outer, wrapper);
    outer.appendChild(cue);
    outer.appendChild(wrapper);
  }

  function setup() {
    document.querySelectorAll(".md-typeset table.record-table").forEach(function (table) {
      // Cells of long text get a wider column (tables.css td.cell-long).
      table.querySelectorAll(":scope > tbody > tr > td").forEach(function (cell) {
        if (cell.textContent.length > LONG_TEXT) cell.classList.add("cell-long");
      });
      if (table.parentElement.classList.contains("table-scroll")) return;
      var wrapper = document.createElement("div");
      wrapper.className = "table-scroll";
      table.parentNode.insertBefore(wrapper, table);
      wrapper.appendChild(table);
    });
    var observer = "ResizeObserver" in window
      ? new ResizeObserver(function (entries) {
          entries.forEach(function (entry) {
            var target = entry.target;
            update(target.matches(WRAPPERS) ? target : target.parentElement);
          });
        })
      : null;
    document.querySelectorAll(WRAPPERS).forEach(function (wrapper) {
      if (wrapper.parentElement.classList.contains("table-frame")) return; // already set up
      frame(wrapper);
      update(wrapper);
      wrapper.addEventListener("scroll", function () { edges(wrapper); }, { passive: true });
      if (observer) {
        observer.observe(wrapper);
        // The table can grow or shrink inside a box that keeps its size.
        if (wrapper.firstElementChild) observer.observe(wrapper.firstElementChild);
      }
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
