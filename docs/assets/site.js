(function () {
  // Keep an open figure popover inside the window: when it would run off the right edge,
  // anchor it to the figure's right end instead of its left.
  function place(figure) {
    var popover = figure.querySelector(".fig-pop");
    if (!popover) return;
    popover.classList.remove("fig-pop--end");
    var box = popover.getBoundingClientRect();
    if (box.right > document.documentElement.clientWidth - 8) popover.classList.add("fig-pop--end");
  }
  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var figure = event.target.closest && event.target.closest(".fig");
      if (figure) place(figure);
    });
  });

  // The language switcher leads to the same section of the twin page: both editions share ids.
  // Capture phase, so the hash is on the link before any other handler follows it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    if (!link || !window.location.hash || link.hash) return;
    link.hash = window.location.hash;
  }, true);
})();
