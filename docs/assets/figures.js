// Keep an open figure popover inside the window: when it would run off the right edge,
// anchor it to the figure's right end instead of its left.
(function () {
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
})();
