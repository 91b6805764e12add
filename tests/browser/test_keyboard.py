"""Keyboard use: Tab reaches every control in reading order, each visibly focused, and the skip
link takes the reader straight to the main content."""

from .support import CONTROLS

#: Every control Tab should stop at, in document order, each marked with its index.
_TABBABLE = """(controls) => {
  // checkVisibility() is false inside display: none and inside a closed <details>.
  const shown = (el) => el.checkVisibility({visibilityProperty: true});
  const found = [...document.querySelectorAll(controls)].filter(
    (el) => el.tabIndex >= 0 && !el.disabled && !el.closest('[inert], [hidden]') && shown(el));
  found.forEach((el, index) => el.setAttribute('data-tab-index', index));
  return found.map((el) => ({
    index: String(found.indexOf(el)),
    region: el.closest('.app-skip-link') ? 'skip' : el.closest('.app-lang') ? 'switcher' :
            el.closest('.app-nav') ? 'nav' : el.closest('main') ? 'main' :
            el.closest('header') ? 'header' : el.closest('footer') ? 'footer' : 'other',
    text: (el.innerText || el.value || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 40),
  }));
}"""

#: Record every focus change: the control's index and whether its focus can be seen.
_RECORD_FOCUS = """() => {
  window.focusStops = [];
  document.addEventListener('focusin', (event) => {
    const el = event.target;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow && style.boxShadow !== 'none';
    window.focusStops.push({
      index: el.getAttribute('data-tab-index'),
      id: el.id,
      className: typeof el.className === 'string' ? el.className : '',
      indicator: outline || shadow,
      onScreen: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
    });
  });
}"""


#: Is there a control inside or after <main> for Tab to reach?
_CONTROL_AFTER_MAIN = """(controls) => {
  const main = document.getElementById('main');
  return [...document.querySelectorAll(controls)].some((el) => el.tabIndex >= 0 && el.checkVisibility()
    && (main.compareDocumentPosition(el) & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY)));
}"""


def _tab_through(page, count):
    """Press Tab `count` times; return where focus went each time."""
    page.evaluate(_RECORD_FOCUS)
    for _ in range(count):
        page.keyboard.press("Tab")
    return page.evaluate("window.focusStops")


def test_tab_reaches_every_control_in_order_and_shows_focus(open_page, samples):
    page = open_page()
    problems = []
    for (_lang, template), path in samples.items():
        page.goto(page.site_url + path)
        where = f"/{path} ({template})"
        controls = page.evaluate(_TABBABLE, CONTROLS)
        stops = _tab_through(page, len(controls))
        order = [stop["index"] for stop in stops]
        expected = [control["index"] for control in controls]
        if order != expected:
            by_index = {control["index"]: control for control in controls}
            missed = [f"{by_index[i]['region']}: {by_index[i]['text']}" for i in expected if i not in order]
            problems.append(f"{where}: Tab order differs from reading order; never reached: {missed or 'none'}")
        for stop in stops:
            if stop["index"] is not None and not (stop["indicator"] and stop["onScreen"]):
                control = controls[int(stop["index"])]
                problems.append(f"{where}: no visible focus on {control['region']} control '{control['text']}'")
        regions = [control["region"] for control in controls]
        if path.startswith(("en/", "tc/", "sc/")):
            wanted = ["skip", "switcher", "nav", "main"] if "main" in regions else ["skip", "switcher", "nav"]
            firsts = sorted(set(regions), key=regions.index)
            if [region for region in firsts if region in wanted] != wanted:
                problems.append(f"{where}: Tab should pass the skip link, language switcher, navigation and main content in that order, not {firsts}")
    assert not problems, "\n".join(problems)


def test_skip_link_moves_focus_to_main(open_page, samples):
    page = open_page()
    problems = []
    for (lang, _template), path in samples.items():
        if not lang:
            continue  # the root chooser and the 404 page are all main content, with no header
        page.goto(page.site_url + path)
        skip = _tab_through(page, 1)
        if not skip or skip[0]["className"] != "app-skip-link" or not skip[0]["onScreen"]:
            problems.append(f"/{path}: the first Tab does not show the skip link")
            continue
        page.keyboard.press("Enter")
        if page.evaluate("document.activeElement.id") != "main":
            problems.append(f"/{path}: the skip link does not move focus to <main>")
            continue
        if not page.evaluate(_CONTROL_AFTER_MAIN, CONTROLS):
            continue  # nothing to reach after <main>: Tab would wrap round to the top
        page.keyboard.press("Tab")
        back_up = page.evaluate("document.activeElement.closest('header, .app-skip-link') !== null")
        if back_up:
            problems.append(f"/{path}: after the skip link, Tab goes back into the header")
    assert not problems, "\n".join(problems)
