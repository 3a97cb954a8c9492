(function () {
  // Material's search dialog has no accessible name (axe: aria-dialog-name); give it its input's label.
  var dialog = document.querySelector('.md-search[role="dialog"]');
  var input = document.querySelector(".md-search__input");
  if (dialog && input && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.getAttribute("placeholder") || "Search");
  }

  // Keep an open popover inside the window: anchored to the figure's right end near the right edge,
  // opening upwards when there is no room below (on a phone it is a sheet: CSS places it).
  function place(figure) {
    var popover = figure.querySelector(".fig-pop, .term-pop");
    if (!popover) return;
    popover.classList.remove("fig-pop--end", "fig-pop--up");
    var box = popover.getBoundingClientRect();
    if (getComputedStyle(popover).position === "fixed") return;
    if (box.right > document.documentElement.clientWidth - 8) popover.classList.add("fig-pop--end");
    var below = window.innerHeight - figure.getBoundingClientRect().bottom;
    if (box.bottom > window.innerHeight - 8 && figure.getBoundingClientRect().top > below) {
      popover.classList.add("fig-pop--up");
    }
  }
  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var figure = event.target.closest && event.target.closest(".fig, .term");
      if (figure) place(figure);
    });
  });
  // Esc closes the open popover (hovered or focused) until the pointer or focus leaves the figure.
  document.addEventListener("keydown", function (event) {
    var figure = document.activeElement && document.activeElement.closest &&
      document.activeElement.closest(".fig, .term");
    if (event.key === "Escape") {
      document.querySelectorAll(".fig:hover, .term:hover").forEach(function (f) { f.classList.add("fig-pop--dismissed"); });
      if (figure) figure.classList.add("fig-pop--dismissed");
    } else if (event.key === "Enter" && figure && figure.getAttribute("data-entry")) {
      window.location.href = figure.getAttribute("data-entry");  // one Tab stop: Enter follows the figure's entry
    }
  });
  ["mouseout", "focusout"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var figure = event.target.closest && event.target.closest(".fig, .term");
      if (figure && !figure.contains(event.relatedTarget)) figure.classList.remove("fig-pop--dismissed");
    });
  });
  // On a phone the sheet closes when the reader scrolls its number out of view.
  window.addEventListener("scroll", function () {
    var figure = document.activeElement && document.activeElement.closest &&
      document.activeElement.closest(".fig, .term");
    if (!figure) return;
    var box = figure.getBoundingClientRect();
    if (box.bottom < 0 || box.top > window.innerHeight) {
      figure.blur();
      figure.classList.add("fig-pop--dismissed");  // a tap also leaves the figure "hovered"
    }
  }, { passive: true });

  // The language switcher leads to the same place in the twin page: both editions share heading ids,
  // so the link carries the nearest heading above the top of the window (or the address's #section).
  // Capture phase, so the hash is on the link before any other handler follows it.
  function nearestHeading() {
    var header = document.querySelector(".md-header");
    // The reading line: a quarter down the window, below the header.
    var top = (header ? header.getBoundingClientRect().bottom : 0) + window.innerHeight / 4;
    var found = null;
    document.querySelectorAll("article :is(h2, h3)[id]").forEach(function (heading) {  // h1: the top
      if (heading.getBoundingClientRect().top <= top) found = heading;
    });
    return found;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    if (!link || link.hash) return;
    var target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    var box = target && target.getBoundingClientRect();
    if (box && box.bottom > 0 && box.top < window.innerHeight) { link.hash = window.location.hash; return; }
    var heading = nearestHeading();  // the reader scrolled on from the address's #section, or had none
    var title = document.querySelector("article h1");
    var header = document.querySelector(".md-header");
    var atTop = title && title.getBoundingClientRect().bottom > (header ? header.getBoundingClientRect().bottom : 0);
    if (heading && !atTop) link.hash = "#" + heading.id;  // while the title is in view, the top is the place
  }, true);
  // The menu marks the language the reader is in.
  var current = document.documentElement.lang.split("-")[0];
  document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
    if (link.getAttribute("hreflang") === current) link.setAttribute("aria-current", "true");
  });

  // "Cite this": the access date is the reader's today (the page shows the build date until then).
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"];
  var today = new Date();
  var y = today.getFullYear(), m = today.getMonth() + 1, d = today.getDate();
  var formats = {
    "iso": y + "-" + pad(m) + "-" + pad(d),
    "en-long": MONTHS[m - 1] + " " + d + ", " + y,
    "zh-long": y + "年" + m + "月" + d + "日"
  };
  // (The print header's date is the day of printing: the same span, filled the same way.)
  document.querySelectorAll(".access-date").forEach(function (span) {
    var text = formats[span.getAttribute("data-format")];
    if (text) span.textContent = text;
  });

  // "Cite": one small control beside each heading's ¶ opens the panel after it, which shows one format
  // at a time (the reader's last choice, remembered). Without scripts the panels open by their summary.
  var FORMAT_KEY = "yuanbao-reading-cite-format";
  function remembered() { try { return localStorage.getItem(FORMAT_KEY); } catch (e) { return null; } }
  function remember(format) { try { localStorage.setItem(FORMAT_KEY, format); } catch (e) { /* private mode */ } }
  function show(panel, format) {
    var shown = format;
    panel.querySelectorAll(".cite__group").forEach(function (group, n) {
      var formats = group.querySelectorAll(".cite__format");
      var chosen = group.querySelector('.cite__format[data-format="' + format + '"]') || formats[0];
      formats.forEach(function (f) { f.classList.toggle("cite__format--shown", f === chosen); });
      if (n === 0 && chosen) shown = chosen.getAttribute("data-format");  // a panel without the format: its first
    });
    panel.querySelectorAll(".cite__tab").forEach(function (tab) {
      tab.setAttribute("aria-selected", String(tab.getAttribute("data-format") === shown));
    });
  }
  document.querySelectorAll("details.cite").forEach(function (details, n) {
    var panel = details.querySelector(".cite__panel");
    var first = panel && panel.querySelector(".cite__group") || panel;
    if (!first) return;
    if (!panel.querySelector(".cite__group")) {  // the cite page's panel: one group of its own
      var group = document.createElement("div");
      group.className = "cite__group";
      while (panel.firstChild) group.appendChild(panel.firstChild);
      panel.appendChild(group);
      first = group;
    }
    var tabs = document.createElement("div");
    tabs.className = "cite__tabs";
    tabs.setAttribute("role", "tablist");
    tabs.setAttribute("aria-label", details.getAttribute("data-formats") || "");
    first.querySelectorAll(".cite__format").forEach(function (format) {
      var tab = document.createElement("button");
      tab.type = "button";
      tab.className = "cite__tab";
      tab.setAttribute("role", "tab");
      tab.setAttribute("data-format", format.getAttribute("data-format"));
      tab.textContent = format.querySelector(".cite__head b").textContent;
      tabs.appendChild(tab);
    });
    panel.insertBefore(tabs, panel.firstChild.nextSibling && panel.firstChild.classList.contains("cite__note")
      ? panel.firstChild.nextSibling : panel.firstChild);
    show(panel, remembered() || details.getAttribute("data-default") || "gbt7714");
    var heading = details.previousElementSibling;
    while (heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
    if (!heading || !details.hasAttribute("data-control")) { details.open = details.open; return; }
    if (!details.id) details.id = "cite-panel-" + n;
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "cite-toggle";
    toggle.textContent = details.getAttribute("data-control");
    toggle.setAttribute("aria-controls", details.id);
    toggle.setAttribute("aria-expanded", "false");
    toggle.addEventListener("click", function () {
      details.open = !details.open;
      toggle.setAttribute("aria-expanded", String(details.open));
    });
    heading.insertBefore(toggle, heading.querySelector(".headerlink"));  // before the ¶, which keeps its room
  });
  document.documentElement.classList.add("js-cite");
  document.addEventListener("click", function (event) {
    var tab = event.target.closest && event.target.closest(".cite__tab");
    if (!tab) return;
    var format = tab.getAttribute("data-format");
    remember(format);
    document.querySelectorAll(".cite__panel").forEach(function (panel) { show(panel, format); });
  });

  // One click copies a citation; in a figure's popover, the number with its citation.
  function copyText(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done);
      return;
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    document.body.removeChild(area);
    done();
  }
  function confirmed(button) {
    return function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-copied");
      setTimeout(function () { button.textContent = label; }, 1500);
    };
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".fig-pop__copy");
    if (!button) return;
    event.preventDefault();
    copyText(button.getAttribute("data-copy"), confirmed(button));
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".cite__copy");
    if (!button) return;
    // The entry, or the in-text citation under it: each is copied on its own (the <pre> after its head).
    var code = button.closest(".cite__head").nextElementSibling.querySelector("code");
    var done = confirmed(button);
    // A style with italics (APA's titles) is copied as rich text too, so they survive pasting into a
    // word processor; plain text for everything else.
    var rich = code.querySelector("i") && window.ClipboardItem;
    if (navigator.clipboard && window.isSecureContext && rich) {
      navigator.clipboard.write([new ClipboardItem({
        "text/plain": new Blob([code.textContent], {type: "text/plain"}),
        "text/html": new Blob([code.innerHTML], {type: "text/html"})
      })]).then(done);
    } else if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(code.textContent).then(done);
    } else {
      var range = document.createRange();
      range.selectNodeContents(code);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      document.execCommand("copy");
      selection.removeAllRanges();
      done();
    }
  });

  // A link to an annotation opens the collapsed list it sits in.
  function openTarget() {
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    if (target) target.scrollIntoView();
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();

  // Search: both editions share one index (mkdocs-static-i18n builds one), so the results the reader
  // sees are only those of the edition they are reading, and the count says so.
  var configElement = document.getElementById("__config");
  var config = configElement ? JSON.parse(configElement.textContent) : {};
  var words = config.translations || {};
  var root = new URL(config.base || ".", location.href).href;
  var english = document.documentElement.lang === "en";
  function inEdition(href) {
    var path = href.slice(root.length);
    return english ? path.indexOf("en/") === 0 : path.indexOf("en/") !== 0;
  }
  function filterResults(list) {
    var shown = 0;
    list.querySelectorAll(":scope > .md-search-result__item").forEach(function (item) {
      var link = item.querySelector("a");
      var keep = !link || inEdition(link.href);
      item.hidden = !keep;
      if (keep) shown += 1;
    });
    var meta = document.querySelector(".md-search-result__meta");
    if (meta && words["search.result.none"] && results.children.length) {
      var text = shown === 0 ? words["search.result.none"]
        : shown === 1 ? words["search.result.one"] : words["search.result.other"].replace("#", shown);
      if (meta.textContent !== text) meta.textContent = text;  // (this observer also watches the count)
    }
  }
  var results = document.querySelector(".md-search-result__list");
  var count = document.querySelector(".md-search-result__meta");
  if (results) {
    var observer = new MutationObserver(function () { filterResults(results); });
    observer.observe(results, { childList: true });
    if (count) observer.observe(count, { childList: true, characterData: true, subtree: true });
  }

  // Wide tables (four columns or more) stack on a phone: each cell is labelled with its column's
  // heading, so no column hides off the right edge (CSS does the stacking; without scripts they scroll).
  document.querySelectorAll("article table").forEach(function (table) {
    var heads = [].map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
    if (heads.length < 4) return;
    table.setAttribute("data-stacks", "");  // an attribute, not a class: Material styles only tables without one
    table.querySelectorAll("tbody tr").forEach(function (row) {
      [].forEach.call(row.children, function (cell, i) { if (heads[i]) cell.setAttribute("data-label", heads[i]); });
    });
  });

  // Annotations page: filter by kind and by chapter.
  var filters = { kind: "", chapter: "" };
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".annotation-filter");
    if (!button) return;
    var kind = button.getAttribute("data-filter-kind");
    var chapter = button.getAttribute("data-filter-chapter");
    if (kind !== null) filters.kind = kind;
    if (chapter !== null) filters.chapter = chapter;
    document.querySelectorAll(".annotation-filter").forEach(function (b) {
      var k = b.getAttribute("data-filter-kind"), c = b.getAttribute("data-filter-chapter");
      b.setAttribute("aria-pressed", String(k !== null ? k === filters.kind : c === filters.chapter));
    });
    document.querySelectorAll(".annotation-list .annotation").forEach(function (item) {
      var show = (!filters.kind || item.getAttribute("data-kind") === filters.kind) &&
                 (!filters.chapter || item.getAttribute("data-chapter") === filters.chapter);
      item.hidden = !show;
    });
  });
})();
