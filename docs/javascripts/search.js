/*
 * Site search with Pagefind: the box in the header (results as you type) and the
 * search page (filters by type, confidence, technology, body, person and year; sort; more
 * results). Each result says how sure its record is, in a word (Confirmed, Reported, Disputed).
 *
 * Pagefind's index is split into small chunks that the browser fetches from this site
 * only as a query needs them; nothing is fetched until a reader starts to search.
 * Result text is rebuilt as plain text with <mark> highlights: no markup from the index
 * reaches the page. Works under any sub-path: the form carries the site root.
 *
 * Keyboard: "/" or "s" focuses the search box; Down/Up move through the results;
 * Escape closes them. Counts are announced to screen readers by a live region.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-site-search]");
  if (!form) return;

  var root = new URL(form.getAttribute("data-root") || "./", document.baseURI);
  var FACETS = [
    ["type", "Type"],
    ["confidence", "Confidence"],
    ["technology", "Technology"],
    ["body", "Body"],
    ["person", "Person"],
    ["year", "Year"],
  ];
  var FACETS_OPEN = { type: true, year: true };
  // The confidence words the site writes (search_facets.py), in the order a reader weighs them.
  var CONFIDENCE = ["Confirmed", "Reported", "Disputed"];
  var HEADER_LIMIT = 8;
  var PAGE_SIZE = 10;
  var IDENTIFIER = /^[A-Za-z]{0,8}[-_]?\d[\w.-]*$/;
  var pagefind = null;
  var attempts = 0;
  var parts = []; // the parts of the index, each a run of years (civic_record/search_parts.py)

  /* The index is in parts, each a run of years: the main part's script loads, then the others
     are merged into it, each with a filter "part" naming it. */
  function loadPagefind() {
    if (!pagefind) {
      var bundle = new URL("pagefind/", root);
      var options = { baseUrl: root.pathname, excerptLength: 22 };
      // After a failure, a fresh copy of Pagefind's module: the failed one keeps the part it
      // could not load, and would fail every search after it.
      var script = "pagefind.js" + (attempts ? "?attempt=" + attempts : "");
      attempts += 1;
      // Revalidated: a rebuilt site may have other parts than the copy a browser kept.
      pagefind = fetch(new URL("civic-record-parts.json", bundle).href, { cache: "no-cache" })
        .then(function (response) {
          if (!response.ok) throw new Error("the list of the index's parts did not load");
          return response.json();
        })
        .then(function (list) {
          return import(new URL(script, bundle).href).then(function (module) {
            return module
              .options(options)
              .then(function () {
                return module.init();
              })
              .then(function () {
                return module.options({ mergeFilter: { part: list.main } });
              })
              .then(function () {
                return Promise.all(
                  list.parts.map(function (name) {
                    var path = new URL("parts/" + encodeURIComponent(name) + "/", bundle).pathname;
                    return module.mergeIndex(path, Object.assign({ mergeFilter: { part: name } }, options));
                  })
                );
              })
              .then(function () {
                parts = [list.main].concat(list.parts);
                return module;
              });
          });
        });
      pagefind.catch(function () {
        pagefind = null; // let the next keystroke try again (e.g. after going offline)
      });
    }
    return pagefind;
  }

  /* A search in date order. Each part of the index (a run of years: "2019-2022", "2025")
     orders its own pages by date, but merged results are ordered by score: so the parts are
     searched one by one, each filtered to itself, and their results put one run of years
     after another. Pages without a date drop out, as Pagefind leaves them out of any order
     by date. */
  function inDateOrder(pf, term, options) {
    var years = parts.filter(function (name) {
      return /^\d{4}(-\d{4})?$/.test(name);
    });
    years.sort();
    if (options.sort.date === "desc") years.reverse();
    return Promise.all(
      years.map(function (year) {
        var filters = Object.assign({}, options.filters, { part: year });
        return pf.search(term || null, { filters: filters, sort: options.sort });
      })
    ).then(function (found) {
      return {
        results: [].concat.apply(
          [],
          found.map(function (one) {
            return one.results;
          })
        ),
        filters: {},
      };
    });
  }

  // ------------------------------------------------------------------ results

  function quoted(term) {
    return "\u201c" + term + "\u201d";
  }

  function plural(count, word) {
    return count.toLocaleString("en-US") + " " + word + (count === 1 ? "" : "s");
  }

  function safeHref(url) {
    var parsed = new URL(url, root);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : "#";
  }

  /* The excerpt as text and <mark> elements only, whatever the index holds. */
  function excerptFragment(html) {
    var parsed = new DOMParser().parseFromString("<p>" + (html || "") + "</p>", "text/html");
    var fragment = document.createDocumentFragment();
    var walker = parsed.createTreeWalker(parsed.body, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var text = document.createTextNode(node.data);
      if (node.parentElement && node.parentElement.closest("mark")) {
        var mark = document.createElement("mark");
        mark.appendChild(text);
        fragment.appendChild(mark);
      } else {
        fragment.appendChild(text);
      }
    }
    return fragment;
  }

  function view(data) {
    var meta = data.meta || {};
    return {
      href: safeHref(data.url),
      title: meta.title || data.url,
      type: meta.type || "",
      date: meta.date || "",
      confidence: CONFIDENCE.indexOf(meta.confidence) >= 0 ? meta.confidence : "",
      identifiers: (meta.identifiers || "").split(/\s+/).filter(Boolean),
      excerpt: data.excerpt || "",
    };
  }

  /* Load the data of results [from, from + count); when the query is an identifier
     (a file number, a meeting id), the records that carry it come first. */
  function views(results, term, from, count) {
    var exact = from === 0 && term && IDENTIFIER.test(term);
    var loaded = results.slice(from, from + (exact ? Math.max(count, 20) : count));
    return Promise.all(
      loaded.map(function (result) {
        return result.data().then(view);
      })
    ).then(function (items) {
      if (exact) {
        var wanted = term.toLowerCase();
        var carries = function (item) {
          return item.identifiers.some(function (id) {
            return id.toLowerCase() === wanted;
          });
        };
        items = items.filter(carries).concat(
          items.filter(function (item) {
            return !carries(item);
          })
        );
      }
      return items.slice(0, count);
    });
  }

  /* "Document · March 12, 2026 · Reported · 250196": the confidence as a word in a tag
     (the same as on the site's listings), never as a colour alone. */
  function describe(item) {
    var fragment = document.createDocumentFragment();
    var parts = [item.type, item.date].filter(Boolean).map(function (text) {
      return document.createTextNode(text);
    });
    if (item.confidence) {
      var tag = document.createElement("span");
      tag.className = "confidence-tag confidence-" + item.confidence.toLowerCase();
      tag.textContent = item.confidence;
      parts.push(tag);
    }
    if (item.identifiers.length) parts.push(document.createTextNode(item.identifiers.join(", ")));
    parts.forEach(function (part, index) {
      if (index) fragment.appendChild(document.createTextNode(" \u00b7 "));
      fragment.appendChild(part);
    });
    return parts.length ? fragment : null;
  }

  function resultItem(item, headingLevel) {
    var li = document.createElement("li");
    li.className = "search-hit";
    var link = document.createElement("a");
    link.href = item.href;
    link.className = "search-hit__title";
    link.textContent = item.title;
    if (headingLevel) {
      var heading = document.createElement("h" + headingLevel);
      heading.className = "search-hit__heading";
      heading.appendChild(link);
      li.appendChild(heading);
    } else {
      li.appendChild(link);
    }
    var details = describe(item);
    if (details) {
      var meta = document.createElement("p");
      meta.className = "search-hit__meta";
      meta.appendChild(details);
      li.appendChild(meta);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "search-hit__excerpt";
    excerpt.appendChild(excerptFragment(item.excerpt));
    li.appendChild(excerpt);
    return li;
  }

  function moveFocus(list, event, input) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a.search-hit__title"));
    var index = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown") {
      if (links.length) links[Math.min(index + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp") {
      if (index <= 0) input.focus();
      else links[index - 1].focus();
    } else {
      return;
    }
    event.preventDefault();
  }

  // ------------------------------------------------------------------ header box

  var input = form.querySelector("input[name=q]");
  var panel = form.querySelector("[data-search-panel]");
  var list = form.querySelector("[data-search-results]");
  var summary = form.querySelector("[data-search-summary]");
  var announcer = form.querySelector("[data-search-status]");
  var allLink = form.querySelector("[data-search-all]");
  var generation = 0;
  var timer = null;

  function closePanel() {
    panel.hidden = true;
  }

  function showHeaderResults(term, search, items) {
    list.replaceChildren.apply(list, items.map(function (item) {
      return resultItem(item, 0);
    }));
    var total = search.results.length;
    summary.textContent = total
      ? (total > items.length ? "Top " + items.length + " of " : "") + plural(total, "result") + " for " + quoted(term)
      : "No results for " + quoted(term) + ".";
    var all = new URL(form.getAttribute("action") || "search/", document.baseURI);
    all.search = "?q=" + encodeURIComponent(term);
    allLink.href = all.href;
    allLink.hidden = total === 0;
    panel.hidden = false;
    announcer.textContent = total
      ? plural(total, "result") + " for " + quoted(term) + ". Press Down to go through them."
      : "No results for " + quoted(term) + ".";
  }

  function runHeader() {
    var term = input.value.trim();
    var mine = ++generation;
    if (!term) {
      closePanel();
      announcer.textContent = "";
      delete form.dataset.searchState;
      return;
    }
    var started = performance.now();
    form.dataset.searchState = "searching";
    loadPagefind()
      .then(function (pf) {
        return pf.search(term);
      })
      .then(function (search) {
        if (mine !== generation) return null;
        return views(search.results, term, 0, HEADER_LIMIT).then(function (items) {
          if (mine !== generation) return;
          showHeaderResults(term, search, items);
          form.dataset.searchMs = String(Math.round(performance.now() - started));
          form.dataset.searchState = "done";
        });
      })
      .catch(function () {
        if (mine !== generation) return;
        summary.textContent = "Search could not load. Check your connection and try again.";
        list.replaceChildren();
        panel.hidden = false;
        announcer.textContent = summary.textContent;
        form.dataset.searchState = "failed";
      });
  }

  input.addEventListener("focus", function () {
    loadPagefind().catch(function () {});
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(runHeader, 150);
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      if (!panel.hidden) {
        closePanel();
        input.focus();
        event.preventDefault();
      }
      return;
    }
    if (!panel.hidden) moveFocus(list, event, input);
  });
  form.addEventListener("focusout", function () {
    setTimeout(function () {
      if (!form.contains(document.activeElement)) closePanel();
    }, 0);
  });
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) closePanel();
  });

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  // Capture phase, so the theme's own shortcuts never see these keys.
  document.addEventListener(
    "keydown",
    function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      if (event.key === "/" || event.key === "s" || event.key === "S") {
        event.preventDefault();
        event.stopPropagation();
        var field = document.querySelector("[data-search-page] input[name=q]") || input;
        if (field.offsetParent === null) field = document.querySelector("[data-search-page] input[name=q]") || input;
        field.focus();
        field.select();
      }
    },
    true
  );

  // ------------------------------------------------------------------ search page

  var page = document.querySelector("form[data-search-page]");
  if (page) searchPage(page);

  function searchPage(pageForm) {
    var query = pageForm.querySelector("input[name=q]");
    var sort = pageForm.querySelector("select[name=sort]");
    var filtersBox = document.querySelector("[data-search-filters]");
    var filterCount = document.querySelector("[data-search-filter-count]");
    var facetsBox = document.querySelector("[data-search-facets]");
    var status = document.querySelector("[data-search-page-status]");
    var results = document.querySelector("[data-search-page-results]");
    var more = document.querySelector("[data-search-more]");
    var moreRow = document.querySelector("[data-search-more-row]") || more;
    var params = new URLSearchParams(location.search);
    var selected = {};
    var everything = {}; // every value of every facet, with its count over the whole site
    var current = null;
    var shown = 0;
    var run = 0;

    query.value = params.get("q") || "";
    sort.value = ["newest", "oldest"].indexOf(params.get("sort")) >= 0 ? params.get("sort") : "";
    FACETS.forEach(function (facet) {
      selected[facet[0]] = params.getAll(facet[0]);
    });

    // Beside the results (wide screens) the filters are open; on a phone they fold into one
    // "Filter" control, closed, so that the results come first. The reader may still toggle it.
    var wide = window.matchMedia("(min-width: 60em)");
    function fitFilters() {
      filtersBox.open = wide.matches;
    }
    fitFilters();
    if (wide.addEventListener) wide.addEventListener("change", fitFilters);

    function facetId(key, index) {
      return "search-facet-" + key + "-" + index;
    }

    function buildFacets(all) {
      var boxes = FACETS.map(function (facet) {
        var key = facet[0];
        var values = Object.keys(all[key] || {});
        if (!values.length) return null;
        values.sort(function (a, b) {
          if (key === "confidence") return CONFIDENCE.indexOf(a) - CONFIDENCE.indexOf(b);
          return key === "year" ? b.localeCompare(a) : a.localeCompare(b);
        });
        var details = document.createElement("details");
        details.className = "search-facet";
        details.open = Boolean(FACETS_OPEN[key] || selected[key].length);
        var label = document.createElement("summary");
        label.textContent = facet[1];
        details.appendChild(label);
        var fieldset = document.createElement("fieldset");
        var legend = document.createElement("legend");
        legend.className = "visually-hidden";
        legend.textContent = "Show only results with this " + facet[1].toLowerCase();
        fieldset.appendChild(legend);
        var ul = document.createElement("ul");
        values.forEach(function (value, index) {
          var li = document.createElement("li");
          var box = document.createElement("input");
          box.type = "checkbox";
          box.name = key;
          box.value = value;
          box.id = facetId(key, index);
          box.checked = selected[key].indexOf(value) >= 0;
          var text = document.createElement("label");
          text.htmlFor = box.id;
          text.textContent = value + " ";
          var count = document.createElement("span");
          count.className = "search-facet__count";
          count.setAttribute("data-facet-count", "");
          count.textContent = "(" + all[key][value] + ")";
          text.appendChild(count);
          li.appendChild(box);
          li.appendChild(text);
          ul.appendChild(li);
        });
        fieldset.appendChild(ul);
        details.appendChild(fieldset);
        return details;
      }).filter(Boolean);
      facetsBox.replaceChildren.apply(facetsBox, boxes);
    }

    function updateCounts(counts) {
      facetsBox.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        var count = box.parentElement.querySelector("[data-facet-count]");
        var value = (counts[box.name] || {})[box.value] || 0;
        count.textContent = "(" + value + ")";
      });
    }

    function readSelection() {
      FACETS.forEach(function (facet) {
        selected[facet[0]] = Array.prototype.map.call(
          facetsBox.querySelectorAll("input[name=" + facet[0] + "]:checked"),
          function (box) {
            return box.value;
          }
        );
      });
    }

    /* Pagefind's filters: any of the values ticked within a facet, all of the facets;
       `except` leaves one facet out. */
    function chosenFilters(except) {
      var filters = {};
      FACETS.forEach(function (facet) {
        var key = facet[0];
        if (key !== except && selected[key].length) filters[key] = { any: selected[key].slice() };
      });
      return filters;
    }

    /* What ticking each value would give. Pagefind counts, for each value, the results that
       would remain with that value added to the current filters: right for a facet with
       nothing ticked, but within a facet values are "any of", so a facet that has ticks is
       counted by a search with the other facets' ticks only. In an order by date Pagefind
       leaves out pages without a date, yet still counts them: every dated page has a year,
       so the counts are then taken among pages with one. */
    function facetCounts(pf, term, options, found) {
      var dated = options.sort ? Object.keys(everything.year || {}) : null;
      var searches = {};
      var counts = {};
      var pending = FACETS.map(function (facet) {
        var key = facet[0];
        if (!selected[key].length && !dated) {
          counts[key] = (found.filters || {})[key] || {};
          return null;
        }
        var filters = chosenFilters(key);
        if (dated && key !== "year" && !filters.year) filters.year = { any: dated };
        if (!term && !Object.keys(filters).length) {
          counts[key] = everything[key] || {};
          return null;
        }
        var same = JSON.stringify(filters);
        if (!searches[same]) searches[same] = pf.search(term || null, { filters: filters });
        return searches[same].then(function (response) {
          counts[key] = (response.filters || {})[key] || {};
        });
      });
      return Promise.all(pending).then(function () {
        return counts;
      });
    }

    function narrowing() {
      var parts = [];
      FACETS.forEach(function (facet) {
        if (selected[facet[0]].length) parts.push(facet[1].toLowerCase() + " " + selected[facet[0]].join(" or "));
      });
      return parts.length ? " (" + parts.join("; ") + ")" : "";
    }

    function showChosenCount() {
      var ticked = 0;
      FACETS.forEach(function (facet) {
        ticked += selected[facet[0]].length;
      });
      filterCount.textContent = ticked ? " (" + ticked + " chosen)" : "";
    }

    function remember() {
      var next = new URLSearchParams();
      if (query.value.trim()) next.set("q", query.value.trim());
      if (sort.value) next.set("sort", sort.value);
      FACETS.forEach(function (facet) {
        selected[facet[0]].forEach(function (value) {
          next.append(facet[0], value);
        });
      });
      var search = next.toString();
      history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
    }

    function setMore(visible) {
      more.hidden = !visible;
      moreRow.hidden = !visible;
    }

    function showMore(focusFirst) {
      var mine = run;
      var term = query.value.trim();
      return views(current.results, term, shown, PAGE_SIZE).then(function (items) {
        if (mine !== run) return;
        var nodes = items.map(function (item) {
          return resultItem(item, 2);
        });
        nodes.forEach(function (node) {
          results.appendChild(node);
        });
        shown += items.length;
        setMore(shown < current.results.length);
        if (focusFirst && nodes.length) nodes[0].querySelector("a").focus();
      });
    }

    /* Run the search in the form. `toResults`: the reader asked for it (Enter, the Search
       button), so focus goes to the first result once the count is announced. */
    function search(toResults) {
      readSelection();
      remember();
      showChosenCount();
      var term = query.value.trim();
      var filters = chosenFilters();
      var mine = ++run;
      if (!term && !Object.keys(filters).length) {
        current = null;
        results.replaceChildren();
        setMore(false);
        updateCounts(everything);
        status.textContent = "Type words, a file number or a name, or choose a filter.";
        pageForm.dataset.searchState = "idle";
        return Promise.resolve();
      }
      var order = sort.value === "newest" ? { date: "desc" } : sort.value === "oldest" ? { date: "asc" } : null;
      var options = { filters: filters };
      if (order) options.sort = order;
      var started = performance.now();
      pageForm.dataset.searchState = "searching";
      return loadPagefind()
        .then(function (pf) {
          return (order ? inDateOrder(pf, term, options) : pf.search(term || null, options)).then(function (found) {
            if (mine !== run) return null;
            return facetCounts(pf, term, options, found).then(function (counts) {
              if (mine !== run) return null;
              current = found;
              shown = 0;
              results.replaceChildren();
              updateCounts(counts);
              return showMore(false);
            });
          });
        })
        .then(function () {
          if (mine !== run) return;
          var total = current.results.length;
          var words = term ? " for " + quoted(term) : "";
          // Pagefind sorts only pages that have a date: people, bodies and help pages drop out.
          var ordered = order ? (sort.value === "newest" ? ", newest first" : ", oldest first") : "";
          status.textContent = total
            ? plural(total, order ? "dated result" : "result") + words + narrowing() + ordered + "."
            : "No results" + words + narrowing() + ". Try fewer words or fewer filters.";
          if (toResults && total) results.querySelector("a.search-hit__title").focus();
          pageForm.dataset.searchMs = String(Math.round(performance.now() - started));
          pageForm.dataset.searchState = "done";
        })
        .catch(function () {
          if (mine !== run) return;
          status.textContent = "Search could not load. Check your connection and try again.";
          pageForm.dataset.searchState = "failed";
        });
    }

    var pending = null;
    function soon() {
      clearTimeout(pending);
      pending = setTimeout(function () {
        search(false);
      }, 200);
    }

    pageForm.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(pending);
      search(true);
    });
    query.addEventListener("input", soon);
    sort.addEventListener("change", function () {
      search(false);
    });
    facetsBox.addEventListener("change", function () {
      search(false);
    });
    more.addEventListener("click", function () {
      showMore(true);
    });

    loadPagefind()
      .then(function (pf) {
        return pf.filters();
      })
      .then(function (all) {
        everything = all;
        buildFacets(all);
        return search(false);
      })
      .catch(function () {
        status.textContent = "Search could not load. Check your connection and try again.";
      });
  }
})();
