"""Long lists in pages (plugins/site_pages/pagination.py): addresses, links, titles, the sitemap,
the cards' data for the filters, and every page under 50 KB gzipped at 3,000 case reports, 600
events and 5,000 awardees (the `large` tests: one build of a synthetic site, tests/large_site.py; in
the slow tier, run by `pytest --slow` and `make test`)."""

import datetime
import json
import math
import re

import pytest
from conftest import build, soup
from large_site import largest_html_pages, make_large_site

from plugins.common.hong_kong import HONG_KONG
from plugins.common.pages import PageInfo, alternates_for
from plugins.site_pages.pagination import (
    AWARDEES_PER_PAGE,
    CASES_PER_PAGE,
    EVENTS_PER_PAGE,
    Pagination,
    paginate,
)
from plugins.site_pages.site_pages import write_event_pages

LANGS = ("en", "tc", "sc")
NO_SEARCH = 'SEARCH={"index": false}'
PAGE_BUDGET = 50 * 1024  # bytes, gzipped
SITE = "http://localhost:8000/"  # pelicanconf.py's SITEURL


def head_link(html, rel):
    link = html.select_one(f'head link[rel="{rel}"]')
    return link["href"] if link else None


# --- the numbers of a pagination --------------------------------------------------------------

def test_paginate_splits_in_pages_and_keeps_one_page_when_empty():
    pages = paginate(range(7), "en/cases/", 3)
    assert [items for _, items in pages] == [[0, 1, 2], [3, 4, 5], [6]]
    assert [p.path for p, _ in pages] == ["en/cases/", "en/cases/page/2/", "en/cases/page/3/"]
    assert (pages[0][0].previous_path, pages[0][0].next_path) == (None, "en/cases/page/2/")
    assert (pages[2][0].previous_path, pages[2][0].next_path) == ("en/cases/page/2/", None)
    assert (pages[2][0].first_item, pages[2][0].last_item) == (7, 7)
    empty = paginate([], "en/cases/sector/paper/", 24)
    assert len(empty) == 1 and empty[0][0].count == 1 and empty[0][1] == []


def test_the_navigation_links_the_ends_and_the_neighbours_with_gaps():
    assert Pagination("en/cases/", 6, 125, 24, 3000).numbers() == [1, None, 4, 5, 6, 7, 8, None, 125]
    assert Pagination("en/cases/", 1, 3, 24, 60).numbers() == [1, 2, 3]
    assert Pagination("en/cases/", 4, 5, 24, 120).numbers() == [1, 2, 3, 4, 5]


# --- the fixture site in small pages ----------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_each_page_of_the_case_list_links_its_neighbours_and_itself(paged_output, site, lang):
    cases = [case.slug for case in site.items["cases"]]
    paths = [f"{lang}/cases/"] + [f"{lang}/cases/page/{n}/" for n in range(2, len(cases) + 1)]
    assert not (paged_output / lang / "cases" / "page" / str(len(cases) + 1)).exists()
    titles, descriptions, shown = set(), set(), []
    for number, path in enumerate(paths, start=1):
        html = soup(paged_output, path)
        assert head_link(html, "canonical") == SITE + path
        assert head_link(html, "prev") == (SITE + paths[number - 2] if number > 1 else None)
        assert head_link(html, "next") == (SITE + paths[number] if number < len(paths) else None)
        hreflang = {link["hreflang"]: link["href"] for link in html.select('head link[rel="alternate"][hreflang]')}
        for other in LANGS:
            expected = path.replace(f"{lang}/", f"{other}/", 1)
            assert expected in {href.removeprefix(SITE) for href in hreflang.values()}, (path, other)
        nav = html.select_one("nav.app-pagination")
        assert nav and nav.get("aria-label"), "an accessible page navigation"
        assert nav.select_one('[aria-current="page"]').get_text() == str(number)
        count = nav.select_one(".app-pagination__count").get_text()
        assert str(number) in count and str(len(paths)) in count, count
        shown += [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in html.select("#case-list .app-card__title a")]
        titles.add(html.title.get_text())
        descriptions.add(html.select_one('meta[name="description"]')["content"])
    assert shown == cases, "every case once, newest first, across the pages"
    assert len(titles) == len(paths) and len(descriptions) == len(paths), "each page has a title and description of its own"


def test_the_page_number_is_in_the_title_in_each_language(paged_output):
    assert "Page 2 of 3" in soup(paged_output, "en/cases/page/2/").title.get_text()
    assert "第 2 頁，共 3 頁" in soup(paged_output, "tc/cases/page/2/").title.get_text()
    assert "第 2 页，共 3 页" in soup(paged_output, "sc/cases/page/2/").title.get_text()


def test_filter_pages_are_paginated_at_their_own_address(paged_output, site):
    printing = [case.slug for case in site.items["cases"] if case.meta.sector == "printing"]
    assert len(printing) == 2, "the fixture has two printing case reports"
    first, second = soup(paged_output, "en/cases/sector/printing/"), soup(paged_output, "en/cases/sector/printing/page/2/")
    assert head_link(first, "next") == SITE + "en/cases/sector/printing/page/2/"
    assert head_link(second, "prev") == SITE + "en/cases/sector/printing/"
    assert head_link(second, "canonical") == SITE + "en/cases/sector/printing/page/2/"
    assert second.select_one("#case-count").get_text() == "Showing 1 of 2 case reports"
    assert not (paged_output / "en/cases/sector/printing/page/3").exists()


def test_the_awardee_directory_is_paginated_with_the_prose_on_its_first_page(paged_output, site):
    rows = len(site.awardees)
    pages = math.ceil(rows / 2)
    assert pages > 1, "the fixture has more than two awardees"
    names = []
    for number in range(1, pages + 1):
        path = "en/awardees/" if number == 1 else f"en/awardees/page/{number}/"
        html = soup(paged_output, path)
        names += [cell.get_text(" ", strip=True) for cell in html.select("#awardee-table th[scope=row]")]
        assert html.select_one("nav.app-pagination .app-pagination__count").get_text() == f"Page {number} of {pages}"
        assert bool(html.select_one("#counts-caption")) == (number == 1), "the totals are on the first page"
    assert len(names) == rows and len(set(names)) == rows, "every awardee once"
    assert not (paged_output / f"en/awardees/page/{pages + 1}").exists()


def test_the_sitemap_lists_every_page_of_the_lists(paged_output, site):
    sitemap = (paged_output / "sitemap.xml").read_text(encoding="utf-8")
    for lang in LANGS:
        for number in range(2, len(site.items["cases"]) + 1):
            assert f"<loc>{SITE}{lang}/cases/page/{number}/</loc>" in sitemap
        assert f"<loc>{SITE}{lang}/awardees/page/2/</loc>" in sitemap
        assert f"<loc>{SITE}{lang}/cases/sector/printing/page/2/</loc>" in sitemap
        for number in range(2, len(site.items["events"]) + 1):
            assert f"<loc>{SITE}{lang}/events/page/{number}/</loc>" in sitemap
        assert f"<loc>{SITE}{lang}/events/year/2015/page/2/</loc>" in sitemap


def test_a_technology_of_many_case_reports_lists_them_in_pages(paged_output, site):
    using = [case.slug for case in site.items["cases"] if "reverse-osmosis" in case.meta.technologies]
    assert len(using) == 2, "the fixture has two case reports using reverse osmosis"
    brief = soup(paged_output, "en/technologies/reverse-osmosis/")
    cards = brief.select("#cases-heading ~ .app-cards .app-card")
    assert len(cards) == 1, "the newest only"
    more = brief.select_one('a[href="/en/technologies/reverse-osmosis/cases/"]')
    assert more and "All 2 case reports" in more.get_text()
    assert not brief.select(".app-evidence__chip"), "two figures of a measure are more than one: range only"
    shown = []
    for path in ("en/technologies/reverse-osmosis/cases/", "en/technologies/reverse-osmosis/cases/page/2/"):
        html = soup(paged_output, path)
        assert head_link(html, "canonical") == SITE + path
        shown += [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in html.select("main .app-card__title a")]
    assert shown == using
    assert not (paged_output / "en/technologies/activated-carbon-regeneration/cases").exists(), "one case report: no list"


@pytest.mark.slow
def test_the_pages_with_page_navigation_are_valid_html(paged_output):
    from test_valid_html import validate

    files = [paged_output / path / "index.html" for path in (
        "en/cases/", "tc/cases/page/2/", "sc/cases/page/3/", "en/cases/sector/printing/page/2/",
        "en/awardees/", "tc/awardees/page/2/", "en/technologies/reverse-osmosis/", "sc/technologies/reverse-osmosis/cases/page/2/",
        "en/events/", "tc/events/page/2/", "sc/events/page/4/", "en/events/year/2015/page/2/")]
    messages = validate(files)
    assert not messages, "\n".join(messages)


@pytest.mark.parametrize("lang", LANGS)
def test_the_cards_data_holds_every_case_with_its_card(paged_output, site, lang):
    data = json.loads((paged_output / lang / "cases" / "cards.json").read_text(encoding="utf-8"))
    assert [item["url"] for item in data["items"]] == ["/" + case.path(lang) for case in site.items["cases"]]
    html = soup(paged_output, f"{lang}/cases/")
    card = html.select_one("#case-list .app-card")
    first = data["items"][0]
    assert card.select_one(".app-card__title a").get_text() == first["title"]
    assert [li.get_text() for li in card.select(".app-card__facts li")] == first["facts"]
    assert card.select_one(".app-card__headline").get_text() == first["headline"]
    assert first["filters"]["sector"] == [site.items["cases"][0].meta.sector]
    assert "\\u" not in (paged_output / lang / "cases" / "cards.json").read_text(encoding="utf-8"), "Chinese as is, not escaped"
    form = html.select_one("#case-filters-form")
    assert form["data-filter-source"] == f"/{lang}/cases/cards.json"


def test_a_list_in_one_page_filters_its_own_cards(fixture_output):
    """Without pages there is nothing to fetch: the script filters the cards of the page."""
    form = soup(fixture_output, "en/cases/").select_one("#case-filters-form")
    assert not form.has_attr("data-filter-source")
    assert not soup(fixture_output, "en/cases/").select_one("nav.app-pagination")


# --- the event list in pages: upcoming soonest first, then past newest first ---------------------

#: The fixture is built at 2015-01-01 08:00 in Hong Kong: two events to come, two past (2014, 2013).
UPCOMING = ["voc-seminar", "cleaner-production-expo"]
PAST = {"rinse-water-workshop": 2014, "factory-visit-dongguan": 2013}
BUILT_AT = datetime.datetime(2015, 1, 1, 8, tzinfo=HONG_KONG)


def event_slugs(html, selector="#event-list"):
    return [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in html.select(f"{selector} .app-card__title a")]


def test_an_event_page_gets_its_share_of_upcoming_and_past_events(site):
    """Pages of three: the first holds both upcoming events and the newest past one."""
    written = []
    listing = PageInfo("en/events/", "en", "", alternates=alternates_for(lambda code: f"{code}/events/", LANGS), kind="events")
    write_event_pages(lambda page, **context: written.append((page, context)), listing, site.items["events"],
                      lambda code: f"{code}/events/", 3, BUILT_AT, lang="en")
    assert [page.path for page, _ in written] == ["en/events/", "en/events/page/2/"]
    shares = [([e.slug for e in context["upcoming_events"]], [e.slug for e in context["past_events"]]) for _, context in written]
    assert shares == [(UPCOMING, ["rinse-water-workshop"]), ([], ["factory-visit-dongguan"])]
    assert all(context["items"] == context["upcoming_events"] + context["past_events"] for _, context in written)
    # The seminar is illustrative, the others took place: tagged "On record" on every page alike.
    assert {context["on_record"] for _, context in written} == {True}
    assert {context["any_illustrative"] for _, context in written} == {True}


@pytest.mark.parametrize("lang", LANGS)
def test_each_page_of_the_event_list_links_its_neighbours_and_keeps_the_order(paged_output, lang):
    order = UPCOMING + list(PAST)
    paths = [f"{lang}/events/"] + [f"{lang}/events/page/{n}/" for n in range(2, len(order) + 1)]
    assert not (paged_output / lang / "events" / "page" / str(len(order) + 1)).exists()
    shown, titles = [], set()
    for number, path in enumerate(paths, start=1):
        html = soup(paged_output, path)
        assert head_link(html, "canonical") == SITE + path
        assert head_link(html, "prev") == (SITE + paths[number - 2] if number > 1 else None)
        assert head_link(html, "next") == (SITE + paths[number] if number < len(paths) else None)
        hreflang = {link["href"].removeprefix(SITE) for link in html.select('head link[rel="alternate"][hreflang]')}
        assert {path.replace(f"{lang}/", f"{other}/", 1) for other in LANGS} <= hreflang, path
        nav = html.select_one("nav#event-pages.app-pagination")
        assert nav and nav.get("aria-label"), "an accessible page navigation"
        assert nav.select_one('[aria-current="page"]').get_text() == str(number)
        count = nav.select_one(".app-pagination__count").get_text()
        assert str(number) in count and str(len(paths)) in count, count
        slugs = event_slugs(html)
        assert len(slugs) == 1
        shown += slugs
        titles.add(html.title.get_text())
        # Its share under the headings it falls under: upcoming, or past and its year.
        upcoming = html.select_one("section[aria-labelledby=upcoming]")
        past = html.select_one("section[aria-labelledby=past]")
        if slugs[0] in UPCOMING:
            assert event_slugs(upcoming, "") == slugs and past is None
        else:
            assert upcoming is None, "a later page has no upcoming event and says nothing of them"
            year = past.select_one("section[aria-labelledby^=past-]")
            assert year["aria-labelledby"] == f"past-{PAST[slugs[0]]}" and event_slugs(year, "") == slugs
            assert past.select_one("h2").get_text() == {"en": "Past events", "tc": "過往活動", "sc": "往期活动"}[lang]
        assert html.select_one("#event-count").get_text() == {
            "en": "Showing 1 of 4 events", "tc": "顯示4項活動中的1項", "sc": "共 4 项活动，显示其中 1 项"}[lang]
    assert shown == order, "upcoming soonest first, then past newest first, every event once"
    assert len(titles) == len(paths)
    assert "Events – Page 3 of 4" in soup(paged_output, "en/events/page/3/").title.get_text()
    assert "第 2 頁，共 4 頁" in soup(paged_output, "tc/events/page/2/").title.get_text()


def test_only_the_first_page_says_that_no_event_is_scheduled(paged_output):
    """A filter page of past events only: its first page says so; pages of past events after the
    first page of the whole list say nothing of upcoming events."""
    first = soup(paged_output, "en/events/year/2014/")
    assert "No events are scheduled at the moment." in first.select_one("section[aria-labelledby=upcoming]").get_text()
    assert event_slugs(first) == ["rinse-water-workshop"]
    for path in ("en/events/page/3/", "en/events/page/4/"):
        assert "No events are scheduled" not in soup(paged_output, path).get_text()


def test_event_filter_pages_are_paginated_at_their_own_address(paged_output):
    first, second = soup(paged_output, "en/events/year/2015/"), soup(paged_output, "en/events/year/2015/page/2/")
    assert head_link(first, "next") == SITE + "en/events/year/2015/page/2/"
    assert head_link(second, "prev") == SITE + "en/events/year/2015/"
    assert head_link(second, "canonical") == SITE + "en/events/year/2015/page/2/"
    assert event_slugs(first) + event_slugs(second) == UPCOMING
    assert second.select_one("#event-count").get_text() == "Showing 1 of 2 events"
    assert "Events: 2015 – Page 2 of 2" in second.title.get_text()
    assert not (paged_output / "en/events/year/2015/page/3").exists()
    assert not (paged_output / "en/events/type/seminar/page/2").exists(), "one event: one page"
    assert not first.select_one("#event-filters-form"), "a filter page has no form of its own"


@pytest.mark.parametrize("lang", LANGS)
def test_the_event_cards_data_holds_every_event_in_the_list_order(paged_output, site, lang):
    text = (paged_output / lang / "events" / "cards.json").read_text(encoding="utf-8")
    data = json.loads(text)
    by_slug = {event.slug: event for event in site.items["events"]}
    order = UPCOMING + list(PAST)
    assert [item["url"] for item in data["items"]] == ["/" + by_slug[slug].path(lang) for slug in order]
    assert [item["group"] for item in data["items"]] == ["upcoming"] * len(UPCOMING) + ["past"] * len(PAST)
    assert set(data["groups"]) == {"upcoming", "past"}
    html = soup(paged_output, f"{lang}/events/")
    assert data["groups"]["upcoming"] == html.select_one("#upcoming").get_text()
    for number, item in enumerate(data["items"], start=1):
        page = soup(paged_output, f"{lang}/events/" if number == 1 else f"{lang}/events/page/{number}/")
        card = page.select_one("#event-list .app-card")
        assert card.select_one(".app-card__title a").get_text() == item["title"]
        assert [li.get_text() for li in card.select(".app-card__facts li")] == item["facts"]
        assert item["filters"] == {"type": [by_slug[order[number - 1]].meta.type], "year": [str(by_slug[order[number - 1]].meta.start.year)]}
        assert item.get("record", False) == bool(card.select_one(".app-tag--record")), "tagged as the page tags it"
        if item["group"] == "past":
            assert item["year"] == page.select_one("section[aria-labelledby^=past-] h3").get_text()
        else:
            assert "year" not in item
        assert ("lang" in item) == card.has_attr("lang"), "a card in another language says so"
    assert data["record_label"] and data["fallback_note"]
    assert "\\u" not in text, "Chinese as is, not escaped"
    form = html.select_one("#event-filters-form")
    assert form["data-filter-source"] == f"/{lang}/events/cards.json" and form["data-filter-pages"] == "event-pages"


def test_an_event_list_in_one_page_filters_its_own_cards(fixture_output):
    html = soup(fixture_output, "en/events/")
    assert not html.select_one("#event-filters-form").has_attr("data-filter-source")
    assert not html.select_one("nav.app-pagination")
    assert not (fixture_output / "en/events/page").exists()


# --- 3,000 case reports, 600 events and 5,000 awardees ---------------------------------------

LARGE_CASES, LARGE_EVENTS, LARGE_AWARDEES = 3000, 600, 5000


@pytest.fixture(scope="session")
def large_output(tmp_path_factory):
    content = make_large_site(tmp_path_factory.mktemp("large") / "content", LARGE_CASES, LARGE_AWARDEES, LARGE_EVENTS)
    output = tmp_path_factory.mktemp("large-output")
    result = build(content, output, "-e", NO_SEARCH)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return output


#: The build of the large site takes minutes (more on a busy machine): the first test to need it waits.
LARGE_BUILD_TIMEOUT = 2400


@pytest.mark.large
@pytest.mark.timeout(LARGE_BUILD_TIMEOUT)
def test_every_html_page_is_under_50_kb_gzipped_at_scale(large_output):
    sizes = largest_html_pages(large_output)
    over = [f"{path}: {size / 1024:.1f} KB" for size, path in sizes if size > PAGE_BUDGET]
    assert not over, f"{len(over)} page(s) over 50 KB gzipped:\n" + "\n".join(over[:20])
    largest, path = sizes[0]
    print(f"largest HTML page: {path}, {largest / 1024:.1f} KB gzipped, of {len(sizes)} pages")
    event_list = re.compile(r"(en|tc|sc)/events/((type|year)/[^/]+/)?(page/\d+/)?index\.html")
    event_lists = [(size, path) for size, path in sizes if event_list.fullmatch(path.as_posix())]
    assert any("page" in path.parts for _, path in event_lists), "the event list is in pages"
    print(f"largest event list page: {event_lists[0][1]}, {event_lists[0][0] / 1024:.1f} KB gzipped")


@pytest.mark.large
@pytest.mark.timeout(LARGE_BUILD_TIMEOUT)
@pytest.mark.parametrize("lang", LANGS)
def test_the_large_lists_are_in_pages_from_their_old_address(large_output, lang):
    pages = math.ceil(LARGE_CASES / CASES_PER_PAGE)
    first = soup(large_output, f"{lang}/cases/")
    assert len(first.select("#case-list .app-card")) == CASES_PER_PAGE
    assert head_link(first, "next") == f"{SITE}{lang}/cases/page/2/"
    assert str(pages) in first.select_one(".app-pagination__count").get_text()
    last = soup(large_output, f"{lang}/cases/page/{pages}/")
    assert len(last.select("#case-list .app-card")) == LARGE_CASES - (pages - 1) * CASES_PER_PAGE
    assert head_link(last, "next") is None and head_link(last, "prev") == f"{SITE}{lang}/cases/page/{pages - 1}/"
    assert not (large_output / lang / "cases" / "page" / str(pages + 1)).exists()
    awardee_pages = math.ceil(LARGE_AWARDEES / AWARDEES_PER_PAGE)
    directory = soup(large_output, f"{lang}/awardees/page/{awardee_pages}/")
    rows = directory.select("#awardee-table tr[data-filter-item]")
    assert len(rows) == LARGE_AWARDEES - (awardee_pages - 1) * AWARDEES_PER_PAGE
    data = json.loads((large_output / lang / "awardees" / "rows.json").read_text(encoding="utf-8"))
    assert len(data["items"]) == LARGE_AWARDEES
    assert len(json.loads((large_output / lang / "cases" / "cards.json").read_text(encoding="utf-8"))["items"]) == LARGE_CASES
    events = len(json.loads((large_output / lang / "events" / "cards.json").read_text(encoding="utf-8"))["items"])
    assert events > LARGE_EVENTS, "the bench corpus's events and the large site's"
    event_pages = math.ceil(events / EVENTS_PER_PAGE)
    first = soup(large_output, f"{lang}/events/")
    assert len(first.select("#event-list .app-card")) == EVENTS_PER_PAGE
    assert head_link(first, "next") == f"{SITE}{lang}/events/page/2/"
    last = soup(large_output, f"{lang}/events/page/{event_pages}/")
    assert len(last.select("#event-list .app-card")) == events - (event_pages - 1) * EVENTS_PER_PAGE
    assert not (large_output / lang / "events" / "page" / str(event_pages + 1)).exists()


@pytest.mark.large
@pytest.mark.timeout(LARGE_BUILD_TIMEOUT)
def test_the_sitemap_lists_every_page_at_scale(large_output):
    sitemap = (large_output / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]*)</loc>", sitemap))
    pages = math.ceil(LARGE_CASES / CASES_PER_PAGE)
    awardee_pages = math.ceil(LARGE_AWARDEES / AWARDEES_PER_PAGE)
    for lang in LANGS:
        assert {f"{SITE}{lang}/cases/page/{n}/" for n in range(2, pages + 1)} <= listed
        assert {f"{SITE}{lang}/awardees/page/{n}/" for n in range(2, awardee_pages + 1)} <= listed
