(function () {
  // Keep an open popover inside the window: anchored to the figure's right end near the right edge,
  // opening upwards when there is no room below (on a phone it is a sheet: CSS places it).
  function place(figure) {
    var popover = figure.querySelector(".fig-pop, .term-pop");
    if (!popover) return;
    popover.classList.remove("fig-pop--end", "fig-pop--up");
    var box = popover.getBoundingClientRect();
    if (getComputedStyle(popover).position === "fixed") return;
    if (box.right > document.documentElement.clientWidth - 8) popover.classList.add("fig-pop--end");
    // Room above ends at the sticky header, which would cover a popover's first rows.
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    var figureBox = figure.getBoundingClientRect();
    var below = window.innerHeight - figureBox.bottom;
    if (box.bottom > window.innerHeight - 8 && figureBox.top - top > below) {
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
      if (figure) {
        if (document.activeElement !== figure) figure.focus();  // from a link in the popover: back to its number
        figure.classList.add("fig-pop--dismissed");
      }
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
  // Stored under the reading's key (data/site.yml, in each page's head): two readings on one host keep theirs.
  var readingKey = document.querySelector('meta[name="reading-key"]');
  var FORMAT_KEY = (readingKey ? readingKey.getAttribute("content") : "reading") + "-cite-format";
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
      var selected = tab.getAttribute("data-format") === shown;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;  // ARIA tabs: one Tab stop, the arrow keys move between them
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
    first.querySelectorAll(".cite__format").forEach(function (format, k) {
      var tab = document.createElement("button");
      tab.type = "button";
      tab.className = "cite__tab";
      tab.setAttribute("role", "tab");
      tab.id = "cite-tab-" + n + "-" + k;
      format.id = format.id || "cite-format-" + n + "-" + k;
      format.setAttribute("role", "tabpanel");
      format.setAttribute("aria-labelledby", tab.id);
      tab.setAttribute("aria-controls", format.id);
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
    details.addEventListener("keydown", function (event) {  // Esc closes the panel, back to its control
      if (event.key !== "Escape" || !details.open) return;
      details.open = false;
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    });
    heading.insertBefore(toggle, heading.querySelector(".headerlink"));  // before the ¶, which keeps its room
  });
  document.documentElement.classList.add("js-cite");
  function choose(tab) {
    var format = tab.getAttribute("data-format");
    remember(format);
    document.querySelectorAll(".cite__panel").forEach(function (panel) { show(panel, format); });
  }
  document.addEventListener("click", function (event) {
    var tab = event.target.closest && event.target.closest(".cite__tab");
    if (tab) choose(tab);
  });
  document.addEventListener("keydown", function (event) {
    var tab = event.target.closest && event.target.closest(".cite__tab");
    var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (!tab || (!step && event.key !== "Home" && event.key !== "End")) return;
    event.preventDefault();
    var all = [].slice.call(tab.parentNode.querySelectorAll(".cite__tab"));
    var at = event.key === "Home" ? 0 : event.key === "End" ? all.length - 1
      : (all.indexOf(tab) + step + all.length) % all.length;
    choose(all[at]);
    all[at].focus();
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

  // Search (reading_plugin/site_search.py writes the control and each edition's index): what a reader
  // types is matched as written, with no word cutting: a number as written ("3.5亿"), a Chinese term, a
  // name. Latin words match whole ("Ma" is not "many"), a number not inside another ("5亿" is not in
  // "45亿"). A section ranks by where the query stands: a glossary term or a figure's card named by it, a
  // heading, then the text.
  var dialog = document.querySelector("dialog.site-search");
  var opener = document.querySelector(".site-search__open");
  if (dialog && opener && typeof dialog.showModal === "function") {
    var input = dialog.querySelector(".site-search__input");
    var list = dialog.querySelector(".site-search__results");
    var status = dialog.querySelector(".site-search__status");
    var index = null, loading = null, timer = null;
    opener.hidden = false;
    function norm(text) { return text.normalize("NFKC").toLowerCase(); }
    function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
    // A term as a pattern: Latin words whole, numbers not inside other numbers, Chinese as it stands.
    function pattern(term) {
      var before = /^[0-9]/.test(term) ? "(?<![0-9.])" : /^[a-z]/.test(term) ? "(?<![a-z0-9])" : "";
      var after = /[a-z0-9]$/.test(term) && !/[0-9]$/.test(term) ? "(?![a-z0-9])" : /[0-9]$/.test(term) ? "(?![0-9.])" : "";
      return new RegExp(before + escapeRegExp(term) + after, "g");
    }
    function terms(query) {
      var q = norm(query).trim();
      if (!q) return [];
      // Latin words are searched each on its own (all must be there); Chinese runs as they are typed.
      return /[\u3400-\u9fff]/.test(q) && !/\s/.test(q) ? [q] : q.split(/\s+/);
    }
    function count(re, text) { var n = 0; re.lastIndex = 0; while (re.exec(text) && n < 10) n += 1; return n; }
    function score(row, query, res) {
      var title = norm(row[2]), text = norm(row[4]), page = norm(row[1]), phrase = pattern(norm(query).trim());
      var total = 0;
      for (var i = 0; i < res.length; i += 1) {
        var inTitle = count(res[i], title), inText = count(res[i], text);
        if (!inTitle && !inText && !count(res[i], page)) return 0;  // every term, somewhere
        total += inTitle * 50 + inText * 2;
      }
      var forms = title.split(" / ").map(function (f) { return f.trim(); });
      if (forms.indexOf(norm(query).trim()) >= 0) total += 1000;  // a glossary term, or a heading, by name
      if (count(phrase, title)) {  // named in the title: a term, then a stated figure, before the rest
        total += 200 + ({ term: 40, stated: 30, claim: 20, derived: 10, page: 5 }[row[3]] || 0);
      }
      var inText = count(phrase, text);
      total += inText * 10 + (count(phrase, page) ? 30 : 0);
      // Of two sections that hold it as often, the shorter is more about it.
      return total + (inText ? Math.min(20, 4000 / (text.length + 200)) : 0);
    }
    function snippet(text, res) {
      var at = -1;
      for (var i = 0; i < res.length && at < 0; i += 1) {
        res[i].lastIndex = 0;
        var m = res[i].exec(norm(text));
        if (m) at = m.index;
      }
      var start = Math.max(0, at - 30), piece = text.slice(start, start + 110);
      var out = document.createDocumentFragment();
      var lowered = norm(piece), last = 0, marks = [];
      res.forEach(function (re) { re.lastIndex = 0; var m; while ((m = re.exec(lowered))) marks.push([m.index, m.index + m[0].length]); });
      marks.sort(function (a, b) { return a[0] - b[0]; });
      marks.forEach(function (m) {
        if (m[0] < last) return;
        out.appendChild(document.createTextNode(piece.slice(last, m[0])));
        var mark = document.createElement("mark");
        mark.textContent = piece.slice(m[0], m[1]);
        out.appendChild(mark);
        last = m[1];
      });
      out.appendChild(document.createTextNode(piece.slice(last) + (start + 110 < text.length ? "…" : "")));
      if (start > 0) out.insertBefore(document.createTextNode("…"), out.firstChild);
      return out;
    }
    function render() {
      var query = input.value, res = terms(query).map(pattern);
      list.textContent = "";
      list.setAttribute("data-query", query);  // what these results answer (tests wait for it)
      if (!res.length) { status.textContent = ""; return; }
      var base = new URL(dialog.getAttribute("data-index"), location.href);
      var found = index.sections.map(function (row) { return [score(row, query, res), row]; })
        .filter(function (pair) { return pair[0] > 0; })
        .sort(function (a, b) { return b[0] - a[0]; }).slice(0, 12);
      status.textContent = found.length ? dialog.getAttribute("data-count").replace("{n}", found.length)
        : dialog.getAttribute("data-none");
      found.forEach(function (pair, n) {
        var row = pair[1], item = document.createElement("li"), link = document.createElement("a");
        var target = new URL(row[0], base);
        target.search = "?h=" + encodeURIComponent(query.trim());
        link.href = target.href;
        link.id = "site-search-result-" + n;
        var where = document.createElement("span");
        where.className = "site-search__where";
        where.textContent = row[2] === row[1] ? row[1] : row[1] + " › " + row[2];
        var text = document.createElement("span");
        text.className = "site-search__snippet";
        text.appendChild(snippet(row[4] || row[2], res));
        link.appendChild(where);
        link.appendChild(text);
        item.appendChild(link);
        list.appendChild(item);
      });
    }
    function load() {
      if (!loading) {
        status.textContent = dialog.getAttribute("data-loading");
        loading = fetch(dialog.getAttribute("data-index")).then(function (r) { return r.json(); })
          .then(function (data) { index = data; status.textContent = ""; if (input.value) render(); });
      }
      return loading;
    }
    function open() {
      dialog.showModal();
      input.focus();
      load();
    }
    opener.addEventListener("click", open);
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { if (index) render(); }, 50);
    });
    dialog.addEventListener("keydown", function (event) {
      var links = [].slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape") {  // in a search box Esc would first empty it: here it closes search
        event.preventDefault();
        dialog.close();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var next = event.key === "ArrowDown" ? at + 1 : at - 1;
        if (next < 0) input.focus();
        else if (links[Math.min(next, links.length - 1)]) links[Math.min(next, links.length - 1)].focus();
      } else if (event.key === "Enter" && document.activeElement === input && links[0]) {
        event.preventDefault();
        location.href = links[0].href;  // Enter in the box follows the first result
      }
    });
    dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
    document.addEventListener("keydown", function (event) {
      var typing = event.target.closest && event.target.closest("input, textarea, [contenteditable]");
      if ((event.key === "/" || event.key === "s") && !typing && !dialog.open && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        open();
      }
    });
  }
  // Arriving from a result (?h=…): the words searched for are marked where they stand in the page.
  var searched = new URLSearchParams(location.search).get("h");
  var article = document.querySelector("article.md-content__inner");
  if (searched && article) {
    var wanted = (/[\u3400-\u9fff]/.test(searched) && !/\s/.test(searched.trim()) ? [searched.trim()]
      : searched.trim().split(/\s+/)).filter(Boolean).map(function (t) { return t.normalize("NFKC").toLowerCase(); });
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest("script, style, .fig-pop, .term-pop, details.cite, mark")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var text = node.textContent, lowered = text.normalize("NFKC").toLowerCase();
      if (lowered.length !== text.length) return;  // positions would not line up: leave it unmarked
      var hits = [];
      wanted.forEach(function (term) {
        var at = lowered.indexOf(term);
        while (at >= 0) { hits.push([at, at + term.length]); at = lowered.indexOf(term, at + term.length); }
      });
      if (!hits.length) return;
      hits.sort(function (a, b) { return a[0] - b[0]; });
      var out = document.createDocumentFragment(), last = 0;
      hits.forEach(function (h) {
        if (h[0] < last) return;
        out.appendChild(document.createTextNode(text.slice(last, h[0])));
        var mark = document.createElement("mark");
        mark.className = "search-hit";
        mark.textContent = text.slice(h[0], h[1]);
        out.appendChild(mark);
        last = h[1];
      });
      out.appendChild(document.createTextNode(text.slice(last)));
      node.parentNode.replaceChild(out, node);
    });
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

  // Annotations, filtered by kind (and on the annotations page by chapter): the choices live in the address
  // (?kind=…&chapter=…, so a filtered view can be linked), each count follows the other filter's choice,
  // and a choice that would show nothing is disabled.
  var filters = { kind: "", chapter: "" };
  var params = new URLSearchParams(location.search);
  var filterButtons = [].slice.call(document.querySelectorAll(".annotation-filter"));
  var filtered = [].slice.call(document.querySelectorAll(".annotation-list .annotation, aside.annotation-section .annotation"));
  function shows(item, kind, chapter) {
    return (!kind || item.getAttribute("data-kind") === kind) &&
           (!chapter || item.getAttribute("data-chapter") === chapter);
  }
  function applyFilters(remember) {
    filtered.forEach(function (item) { item.hidden = !shows(item, filters.kind, filters.chapter); });
    filterButtons.forEach(function (b) {
      var k = b.getAttribute("data-filter-kind"), c = b.getAttribute("data-filter-chapter");
      var n = filtered.filter(function (item) {
        return k !== null ? shows(item, k, filters.chapter) : shows(item, filters.kind, c);
      }).length;
      var count = b.querySelector(".annotation-filter__count");
      if (count) count.textContent = n;
      b.disabled = n === 0;
      b.setAttribute("aria-pressed", String(k !== null ? k === filters.kind : c === filters.chapter));
    });
    if (remember) {
      var query = new URLSearchParams(location.search);
      ["kind", "chapter"].forEach(function (f) { if (filters[f]) query.set(f, filters[f]); else query.delete(f); });
      var search = query.toString();
      history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }
    placeNotes();
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".annotation-filter");
    if (!button || button.disabled) return;
    var kind = button.getAttribute("data-filter-kind");
    var chapter = button.getAttribute("data-filter-chapter");
    if (kind !== null) filters.kind = kind;
    if (chapter !== null) filters.chapter = chapter;
    applyFilters(true);
  });

  // Beside its section: after the section's text on a narrow screen; on a wide one (Material's breakpoint
  // for its right-hand column, which toc.integrate leaves free) in the margin, level with the section's
  // heading and never over the note above it.
  var notes = [].slice.call(document.querySelectorAll("aside.annotation-section"));
  var wide = window.matchMedia("(min-width: 76.25em)");
  function placeNotes() {
    var holder = document.querySelector("article.md-content__inner");
    if (!holder || !notes.length) return;
    holder.classList.toggle("has-margin-notes", wide.matches);
    var bottom = 0;
    notes.forEach(function (note) {
      note.classList.toggle("in-margin", wide.matches);
      if (!wide.matches) { note.style.top = ""; return; }
      var heading = document.getElementById(note.getAttribute("data-section"));
      var top = Math.max(heading ? heading.offsetTop : 0, bottom ? bottom + 16 : 0);
      note.style.top = top + "px";
      bottom = top + note.offsetHeight;
    });
    holder.style.minHeight = wide.matches && bottom ? bottom + "px" : "";
  }
  // The words an annotation points at, where the page shows them, are marked; the mark and the note link
  // to each other.
  notes.forEach(function (note) {
    note.querySelectorAll(".annotation[data-quote]").forEach(function (item) {
      var quote = item.getAttribute("data-quote");
      var heading = document.getElementById(note.getAttribute("data-section"));
      var node, found = null;
      for (var el = heading && heading.nextElementSibling; el && !found && !/^H[1-3]$/.test(el.tagName) &&
           el !== note; el = el.nextElementSibling) {
        var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
          acceptNode: function (n) {
            return n.parentElement.closest(".fig-pop, .term-pop, details.cite, aside") ? NodeFilter.FILTER_REJECT
              : NodeFilter.FILTER_ACCEPT;
          }
        });
        while (!found && (node = walker.nextNode())) {
          if (node.textContent.indexOf(quote) >= 0) found = node;
        }
      }
      if (!found) return;
      var at = found.textContent.indexOf(quote);
      var range = document.createRange();
      range.setStart(found, at);
      range.setEnd(found, at + quote.length);
      var mark = document.createElement("a");
      mark.className = "annotated-quote";
      mark.id = "quote-" + item.getAttribute("data-annotation");
      mark.href = "#" + item.id;
      range.surroundContents(mark);
      var back = document.createElement("a");
      back.className = "annotation__in-text";
      back.href = "#" + mark.id;
      back.textContent = note.getAttribute("data-in-text");
      var quoted = item.querySelector(".annotation__quote");
      if (quoted) { quoted.appendChild(document.createTextNode(" · ")); quoted.appendChild(back); }
    });
  });
  if (filterButtons.length) {
    filters.kind = params.get("kind") || "";
    filters.chapter = params.get("chapter") || "";
    applyFilters(false);
  } else {
    placeNotes();
  }
  window.addEventListener("resize", placeNotes);
  document.addEventListener("toggle", placeNotes, true);  // an annotation opened or closed: heights change
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(placeNotes);
})();
