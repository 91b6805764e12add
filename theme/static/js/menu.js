// The header's Menu and the navigation's group (theme/templates/partials/header.html), and the
// folded filters of a list (macros/filter-panel.html). Enhancement only: all are <details>, which
// open and close without this script. It adds what a menu is expected to do: Escape closes it and
// gives focus back to its button, a click elsewhere or focus moving away closes it; and a
// <details data-wide-open="(media query)">, which the stylesheet shows unfolded on a wide screen
// with ::details-content, is opened there in a browser that does not know ::details-content.

if (!(window.CSS && CSS.supports && CSS.supports("selector(::details-content)"))) {
  for (const details of document.querySelectorAll("details[data-wide-open]")) openWhenWide(details);
}
const menu = document.querySelector("[data-module=app-menu]");
if (menu) closeLikeAMenu(menu);

function openWhenWide(details) {
  const query = window.matchMedia(details.getAttribute("data-wide-open"));
  const update = () => {
    if (query.matches) details.open = true;
  };
  update();
  if (query.addEventListener) query.addEventListener("change", update);
}

function closeLikeAMenu(menu) {
  const groups = Array.from(menu.querySelectorAll("[data-nav-group]"));
  const wide = window.matchMedia(menu.getAttribute("data-wide-open"));
  // On a wide screen the Menu is a bar that stays; only the group folds.
  const closeable = () => (wide.matches ? groups : groups.concat([menu]));
  function close(details, giveFocus) {
    if (!details.open) return;
    details.open = false;
    if (giveFocus) details.querySelector("summary").focus();
  }
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const open = closeable().reverse().find((details) => details.open && details.contains(document.activeElement));
    if (open) close(open, true);
  });
  document.addEventListener("click", (event) => {
    for (const details of closeable()) if (!details.contains(event.target)) close(details, false);
  });
  document.addEventListener("focusin", (event) => {
    for (const details of groups) if (!details.contains(event.target)) close(details, false);
  });
}
