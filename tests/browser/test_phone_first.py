"""Phone first (issue 11, items 1 and 2), on a 390 x 844 screen: a compact header whose Menu opens
the navigation and search with and without JavaScript, a case report's title and its results strip
on the first screen, the first result of every list on the first screen with its count, filters
folded behind "Filter (n)", and at 1,280 px the navigation on one line."""

import pytest

from plugins.multilingual.formatting import format_hkd, format_number, format_percent

from .support import DESKTOP, PHONE

SCREEN = 844
LANGS = ("en", "tc", "sc")
#: The fixture's case report with the most results: 85% less VOC, HK$1,200,000 a year, 120,000 kWh.
CASE = "cases/printer-voc-recovery/"
#: Each list, and a filter page of one, with what its first result is.
LISTS = {
    "cases/": "#case-list [data-filter-item]",
    "cases/sector/printing/": "#case-list [data-filter-item]",
    "events/": "#event-list [data-filter-item]",
    "events/type/seminar/": "#event-list [data-filter-item]",
    "technologies/": ".app-card",
    "awardees/": "#awardee-table [data-filter-item]",
}

_BOX = "el => { const b = el.getBoundingClientRect(); return {top: b.top, bottom: b.bottom, height: b.height}; }"


def phone(open_page, path, javascript=True):
    return open_page(path, width=PHONE, height=SCREEN, javascript=javascript)


@pytest.mark.parametrize("lang", LANGS)
def test_case_title_and_results_strip_on_the_first_screen(open_page, lang):
    page = phone(open_page, f"{lang}/{CASE}")
    title = page.locator("main h1").evaluate(_BOX)
    assert title["bottom"] <= SCREEN / 2, f"the title ends at y = {title['bottom']:.0f}, not in the top half of the screen"
    strip = page.locator(".app-results-strip")
    assert strip.evaluate(_BOX)["top"] < SCREEN * 0.75, "the results strip starts on the first screen"
    figures = strip.locator(".app-results-strip__figure").all_inner_texts()
    years = format_number(1.5, lang)
    assert figures[:3] == [format_percent(85, lang), format_hkd(1200000, lang), {"en": "120,000 kWh", "tc": "120,000 千瓦時", "sc": "120,000 千瓦时"}[lang]]
    assert figures[3] == format_hkd(1800000, lang), "then the investment"
    assert years in figures[4] and figures[4] != years, "then the payback, in years"
    labels = strip.locator("dt").all_inner_texts()
    assert labels[0] == {"en": "VOC emissions reduced", "tc": "揮發性有機化合物減排", "sc": "挥发性有机化合物减排"}[lang]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("lang", LANGS)
def test_first_result_and_count_on_the_first_screen_of_every_list(open_page, lang, javascript):
    page = phone(open_page, None, javascript=javascript)
    problems = []
    for path, first in LISTS.items():
        page.goto(page.site_url + f"{lang}/{path}")
        result = page.locator(first).first
        box = result.evaluate(_BOX)
        # Its heading (a card's title, a directory row's name) is on the screen, not just its top edge.
        if box["top"] + min(box["height"], 60) > SCREEN:
            problems.append(f"/{lang}/{path}: the first result starts at y = {box['top']:.0f}")
        count = page.locator("[role=status].app-count")
        if count.count() and count.first.evaluate(_BOX)["bottom"] > SCREEN:
            problems.append(f"/{lang}/{path}: the count of results is below the first screen")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_filters_fold_behind_a_filter_button_that_counts_them(open_page, javascript):
    page = phone(open_page, "en/cases/sector/printing/", javascript=javascript)
    button = page.locator(".app-filter-panel__button")
    assert button.inner_text().strip() == "Filter (1)", "a filter page has one filter in force"
    links = page.locator("#case-filters-links .app-filters__legend").first
    assert not links.is_visible(), "folded on a phone"
    button.click()
    assert links.is_visible(), "the button unfolds the filters"
    if javascript:
        page.goto(page.site_url + "en/cases/?sector=printing")
        assert page.locator(".app-filter-panel__button").inner_text().strip() == "Filter (1)"
        page.locator(".app-filter-panel__button").click()
        page.select_option("#case-filters-city", "dongguan")
        assert page.locator(".app-filter-panel__button").inner_text().strip() == "Filter (2)"
        page.locator("[data-filter-clear]").click()
        assert page.locator(".app-filter-panel__button").inner_text().strip() == "Filter"


def test_filters_show_beside_the_list_on_a_desktop(open_page):
    page = open_page("en/cases/", width=DESKTOP)
    assert not page.locator(".app-filter-panel__button").is_visible()
    assert page.locator("#case-filters-sector").is_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("lang", LANGS)
def test_menu_opens_the_navigation_and_search_on_a_phone(open_page, lang, javascript):
    page = phone(open_page, f"{lang}/cases/", javascript=javascript)
    header = page.locator("header.app-header").evaluate(_BOX)
    assert header["bottom"] <= 130, f"a compact header ({header['bottom']:.0f} px high)"
    menu = page.locator("summary.app-menu__button")
    nav = page.locator(".app-nav a[href$='/technologies/']")
    search = page.locator("#header-search")
    assert menu.is_visible() and not nav.is_visible() and not search.is_visible()
    menu.click()
    assert nav.is_visible() and search.is_visible()
    assert page.locator("details.app-menu").evaluate("el => el.open")
    if javascript:
        search.focus()
        page.keyboard.press("Escape")
        assert not nav.is_visible(), "Escape closes the menu"
        assert page.evaluate("document.activeElement.classList.contains('app-menu__button')"), "and gives focus back to its button"
    else:
        nav.click()
        assert page.url.endswith(f"/{lang}/technologies/")


def test_menu_works_from_the_keyboard(open_page):
    page = phone(open_page, "en/")
    page.locator("summary.app-menu__button").focus()
    page.keyboard.press("Enter")
    assert page.locator(".app-nav a[href='/en/cases/']").is_visible()
    page.keyboard.press("Enter")
    assert not page.locator(".app-nav a[href='/en/cases/']").is_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("lang", LANGS)
def test_navigation_is_one_line_on_a_desktop(open_page, lang, javascript):
    page = open_page(f"{lang}/about/", width=DESKTOP, javascript=javascript)
    assert not page.locator("summary.app-menu__button").is_visible(), "no Menu button where there is room"
    items = page.locator(".app-nav__list > li")
    tops = {round(box["top"]) for box in items.evaluate_all("els => els.map(el => el.getBoundingClientRect())")}
    assert len(tops) == 1, f"the navigation wraps onto {len(tops)} lines"
    assert page.locator("#header-search").is_visible()
    group = page.locator(".app-nav__summary")
    group.click()
    assert page.locator(".app-nav__sublist a[aria-current=page]").is_visible(), "the programme's pages fold under one item"


@pytest.mark.parametrize("lang", LANGS)
def test_long_values_stay_inside_their_panels(open_page, lang):
    """An event's enquiry e-mail address and times, and the facts of a case report, at a phone's width."""
    page = phone(open_page, None)
    problems = []
    for path in ("events/voc-seminar/", "events/cleaner-production-expo/", CASE):
        page.goto(page.site_url + f"{lang}/{path}")
        if "missing" in (page.locator("body").get_attribute("class") or ""):
            continue
        problems += page.evaluate("""() => [...document.querySelectorAll('.app-facts dd, .app-results-strip dd, .app-notice p')]
            .filter(el => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > el.closest('.app-facts, .app-results-strip, .app-notice').getBoundingClientRect().right + 1)
            .map(el => location.pathname + ': ' + el.innerText.slice(0, 40))""")
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), f"/{lang}/{path} scrolls sideways"
    assert not problems, "\n".join(problems)
