"""The filters over a paginated list (theme/static/js/filters.js with data-filter-source): the
cards' and rows' data fetched on demand, results drawn a page at a time (events under their
upcoming/past and year headings), the count, the address; and the plain page links without
JavaScript. On the fixture site in small pages (`paged_output`: one case report, one event and two
awardees a page), at a phone's and a desktop's width."""

import pytest

from .support import DESKTOP, HEIGHT, PHONE, Watched, close_and_check, screenshot, serve
from .test_accessibility import axe_violations


@pytest.fixture(scope="module")
def paged_url(paged_output):
    server, url = serve(paged_output)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def open_paged(browser, paged_url):
    contexts = []

    def opener(path, width=DESKTOP, javascript=True):
        context = browser.new_context(viewport={"width": width, "height": HEIGHT}, java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        page.problems = Watched(page, paged_url).problems
        page.fetched = []
        page.on("request", lambda request: request.url.endswith(".json") and page.fetched.append(request.url))
        page.goto(paged_url + path)
        return page

    yield opener
    close_and_check(contexts)


def titles(page):
    return page.eval_on_selector_all("#case-list .app-card", "cards => cards.filter(c => c.checkVisibility()).map(c => c.querySelector('a').textContent)")


def wait_for_count(page, selector, text):
    page.wait_for_function("([selector, text]) => document.querySelector(selector).textContent === text", arg=[selector, text])


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_a_filter_fetches_the_cards_and_pages_through_the_results(open_paged, width):
    page = open_paged("en/cases/", width=width)
    assert len(titles(page)) == 1 and page.fetched == [], "the cards' data is not loaded until it is needed"
    if width == PHONE:
        page.click(".app-filter-panel__button")
    page.select_option("#case-filters-sector", "printing")
    wait_for_count(page, "#case-count", "Showing 2 of 3 case reports")
    assert page.fetched and page.fetched[0].endswith("/en/cases/cards.json")
    assert page.url.endswith("/en/cases/?sector=printing")
    first = titles(page)
    assert len(first) == 1, "one card a page, as the server's pages"
    assert page.is_hidden("#case-pages"), "the server's page links stand aside while filtering"
    nav = page.locator("nav.app-pagination:visible")
    assert "Page 1 of 2" in nav.text_content()
    nav.locator("a", has_text="Next page").click()
    page.wait_for_url("**/en/cases/?sector=printing&page=2")
    second = titles(page)
    assert len(second) == 1 and second != first
    assert nav.locator('[aria-current="page"]').text_content() == "2"
    screenshot(page, f"pagination-filtered-{width}")
    page.go_back()
    page.wait_for_function("() => !location.search.includes('page=')")
    assert titles(page) == first
    page.click("#case-filters-form [data-filter-clear]")
    wait_for_count(page, "#case-count", "Showing 1 of 3 case reports")
    assert page.url.endswith("/en/cases/") and page.is_visible("#case-pages")
    assert len(page.fetched) == 1, "fetched once"


def test_a_shared_filtered_address_opens_filtered_from_any_page(open_paged):
    page = open_paged("tc/cases/?sector=printing&page=2", width=PHONE)
    wait_for_count(page, "#case-count", "顯示3份個案報告中的2份")
    assert len(titles(page)) == 1
    assert page.get_attribute(".app-card a", "href").startswith("/tc/cases/")
    # From page 2 of the whole list, a filter leads to the filtered results; clearing it comes back.
    page = open_paged("en/cases/page/2/")
    own = titles(page)
    page.select_option("#case-filters-year", "2014")
    page.wait_for_url("**/en/cases/?year=2014")
    page.click("#case-filters-form [data-filter-clear]")
    page.wait_for_url("**/en/cases/page/2/")
    assert titles(page) == own


def test_the_cards_text_is_never_read_as_markup(open_paged):
    page = open_paged("en/cases/")
    page.route("**/en/cases/cards.json", lambda route: route.fulfill(
        content_type="application/json",
        body='{"lang":"en","fallback_note":"","items":[{"url":"javascript:alert(1)","title":"<img src=x onerror=alert(1)>",'
             '"summary":"<b>bold</b>","headline":"","facts":["<i>x</i>"],"filters":{"sector":["printing"]}}]}'))
    page.select_option("#case-filters-sector", "printing")
    wait_for_count(page, "#case-count", "Showing 1 of 1 case reports")
    card = page.locator("#case-list .app-card:visible")
    assert card.locator("a").text_content() == "<img src=x onerror=alert(1)>"
    assert card.locator("img, b, i").count() == 0
    assert card.locator("a").get_attribute("href") == "#", "only web addresses and paths become links"


def events_shown(page):
    """[(group heading, year heading or None, card heading level, title)] of the visible event cards."""
    return [tuple(card) for card in page.eval_on_selector_all("#event-list .app-card", """cards => cards.filter(c => c.checkVisibility()).map(c => {
        const year = c.closest('.app-events-year');
        return [c.closest('.app-section').querySelector('h2').textContent, year ? year.querySelector('h3').textContent : null,
                c.querySelector('.app-card__title').tagName, c.querySelector('a').textContent];
    })""")]


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_event_filters_find_events_of_other_pages_under_their_headings(open_paged, width):
    page = open_paged("en/events/", width=width)
    own = events_shown(page)
    assert [(group, year) for group, year, _, _ in own] == [("Upcoming events", None)] and page.fetched == []
    if width == PHONE:
        page.click(".app-filter-panel__button")
    # The workshop is on page 3 of the server's pages, a past event of 2014.
    page.select_option("#event-filters-type", "workshop")
    # "Showing 1 of 4" is also the server's own count on page 1: wait for the fetched card itself.
    page.wait_for_function("""() => [...document.querySelectorAll('#event-list .app-card')]
        .some(card => card.checkVisibility() && card.textContent.includes('Workshop on rinse water reuse'))""")
    wait_for_count(page, "#event-count", "Showing 1 of 4 events")
    assert page.fetched and page.fetched[0].endswith("/en/events/cards.json")
    assert page.url.endswith("/en/events/?type=workshop")
    assert events_shown(page) == [("Past events", "2014", "H4", "Workshop on rinse water reuse")]
    assert page.is_hidden("#event-pages") and page.is_hidden("#upcoming"), "the server's page and its links stand aside"
    # A year with an upcoming event on each of pages 1 and 2: the results in pages of one.
    page.select_option("#event-filters-type", "")
    page.select_option("#event-filters-year", "2015")
    wait_for_count(page, "#event-count", "Showing 2 of 4 events")
    first = events_shown(page)
    assert first == [("Upcoming events", None, "H3", own[0][3])], "soonest first, as page 1"
    nav = page.locator("nav.app-pagination:visible")
    assert "Page 1 of 2" in nav.text_content()
    nav.locator("a", has_text="Next page").click()
    page.wait_for_url("**/en/events/?year=2015&page=2")
    assert events_shown(page) == [("Upcoming events", None, "H3", "Cleaner production technology expo")]
    assert page.locator("#event-list .app-card:visible .app-tag--record").count() == 1, "a real event among illustrative ones"
    screenshot(page, f"pagination-events-filtered-{width}")
    page.click("#event-filters-form [data-filter-clear]")
    wait_for_count(page, "#event-count", "Showing 1 of 4 events")
    assert page.url.endswith("/en/events/") and page.is_visible("#event-pages") and events_shown(page) == own
    assert len(page.fetched) == 1, "fetched once"


def test_a_shared_filtered_event_address_opens_filtered_in_chinese(open_paged):
    page = open_paged("sc/events/page/4/?year=2013")
    wait_for_count(page, "#event-count", "共 4 项活动，显示其中 1 项")
    assert events_shown(page) == [("往期活动", "2013年", "H4", "参观东莞印刷厂")]
    assert page.get_attribute("#event-list .app-card:visible a", "href") == "/sc/events/factory-visit-dongguan/"


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_directory_filters_and_sorts_every_row(open_paged, width):
    page = open_paged("en/awardees/", width=width)
    rows = "rows => rows.filter(r => r.checkVisibility()).map(r => r.querySelector('th').textContent.trim())"
    assert len(page.eval_on_selector_all("#awardee-table tr[data-filter-item]", rows)) == 2
    if width == PHONE:
        page.click(".app-filter-panel__button")
    page.select_option("#awardee-filters-sort", "name")
    wait_for_count(page, "#awardee-count", "Showing 5 of 5 awardees")
    names = page.eval_on_selector_all("#awardee-table tr[data-filter-item]", rows)
    assert len(names) == 2 and names == sorted(names)
    page.locator("nav.app-pagination:visible a", has_text="3").click()
    last = page.eval_on_selector_all("#awardee-table tr[data-filter-item]", rows)
    assert len(last) == 1 and last[0] >= names[-1], "the last page of all five, by name"
    page.select_option("#awardee-filters-year", "2013")
    wait_for_count(page, "#awardee-count", "Showing 2 of 5 awardees")
    screenshot(page, f"pagination-awardees-{width}")


def test_without_javascript_the_pages_are_plain_links(open_paged):
    page = open_paged("en/cases/", javascript=False)
    assert page.is_hidden("#case-filters-form")
    page.click("#case-pages a[rel=next]")
    page.wait_for_url("**/en/cases/page/2/")
    assert page.locator('#case-pages [aria-current="page"]').text_content() == "2"
    assert page.locator("#case-list .app-card").count() == 1
    page.click("#case-pages a >> text=3")
    page.wait_for_url("**/en/cases/page/3/")
    assert page.locator("#case-pages a[rel=next]").count() == 0
    page.click("#case-filters-links summary >> text=Sector")
    page.click("#case-filters-links a[href='/en/cases/sector/printing/']")
    assert page.locator("#case-list .app-card").count() == 1 and page.is_visible("#case-pages")
    screenshot(page, "pagination-no-javascript")
    page = open_paged("en/events/page/2/", javascript=False)
    assert page.is_hidden("#event-filters-form")
    page.click("#event-pages a[rel=next]")
    page.wait_for_url("**/en/events/page/3/")
    assert page.locator("#event-list h2").all_text_contents() == ["Past events"]
    assert page.locator('#event-pages [aria-current="page"]').text_content() == "3"


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_axe_finds_no_violation_in_pages_and_filtered_results(open_paged, width):
    problems = []
    for path in ("en/cases/page/2/", "tc/awardees/page/2/", "sc/technologies/reverse-osmosis/cases/page/2/", "tc/events/page/3/"):
        page = open_paged(path, width=width)
        problems += [f"/{path}: {violation}" for violation in axe_violations(page)]
    page = open_paged("en/cases/?sector=printing", width=width)
    wait_for_count(page, "#case-count", "Showing 2 of 3 case reports")
    problems += [f"filtered: {violation}" for violation in axe_violations(page)]
    page = open_paged("en/events/?year=2015&page=2", width=width)
    wait_for_count(page, "#event-count", "Showing 2 of 4 events")
    problems += [f"filtered events: {violation}" for violation in axe_violations(page)]
    assert not problems, "\n".join(problems)
