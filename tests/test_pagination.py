"""Long lists in pages (plugins/site_pages/pagination.py): addresses, links, titles, the sitemap,
the cards' data for the filters, and every page under 50 KB gzipped at 3,000 case reports and
5,000 awardees (the `large` tests: one build of a synthetic site, tests/large_site.py; in the slow
tier, run by `pytest --slow` and `make test`)."""

import json
import math
import re

import pytest
from conftest import build, soup
from large_site import largest_html_pages, make_large_site

from plugins.site_pages.pagination import (
    AWARDEES_PER_PAGE,
    CASES_PER_PAGE,
    Pagination,
    paginate,
)

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
        "en/awardees/", "tc/awardees/page/2/", "en/technologies/reverse-osmosis/", "sc/technologies/reverse-osmosis/cases/page/2/")]
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


# --- 3,000 case reports and 5,000 awardees ----------------------------------------------------

LARGE_CASES, LARGE_AWARDEES = 3000, 5000


@pytest.fixture(scope="session")
def large_output(tmp_path_factory):
    content = make_large_site(tmp_path_factory.mktemp("large") / "content", LARGE_CASES, LARGE_AWARDEES)
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
