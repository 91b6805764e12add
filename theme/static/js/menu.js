// The header's Menu and the navigation's group (theme/templates/partials/header.html), and the
// folded filters of a list (macros/filter-panel.html). Enhancement only: all are <details>, which
// open and close without this script. It adds what a menu is expected to do: Escape closes it and
// gives focus back to its button, a click elsewhere or focus moving away closes it; and a
// <details data-wide-open="(media query)">, which the stylesheet shows unfolded on a wide screen
// with ::details-content, is opened there in a browser that does not know ::details-content.
(function () {
  "use strict";
  var styled = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  if (!styled) {
    Array.prototype.forEach.call(document.querySelectorAll("details[data-wide-open]"), function (details) {
      var query = window.matchMedia(details.getAttribute("data-wide-open"));
      function openWhenWide() { if (query.matches) details.open = true; }
      openWhenWide();
      if (query.addEventListener) query.addEventListener("change", openWhenWide);
    });
  }

  var menu = document.querySelector("[data-module=app-menu]");
  if (!menu) return;
  var groups = Array.prototype.slice.call(menu.querySelectorAll("[data-nav-group]"));
  var wide = window.matchMedia(menu.getAttribute("data-wide-open"));
  function closeable() {
    // On a wide screen the Menu is a bar that stays; only the group folds.
    return wide.matches ? groups : groups.concat([menu]);
  }
  function close(details, giveFocus) {
    if (!details.open) return;
    details.open = false;
    if (giveFocus) details.querySelector("summary").focus();
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    closeable().reverse().some(function (details) {
      if (details.open && details.contains(document.activeElement)) {
        close(details, true);
        return true;
      }
      return false;
    });
  });
  document.addEventListener("click", function (event) {
    closeable().forEach(function (details) {
      if (!details.contains(event.target)) close(details, false);
    });
  });
  document.addEventListener("focusin", function (event) {
    groups.forEach(function (details) {
      if (!details.contains(event.target)) close(details, false);
    });
  });
})();
