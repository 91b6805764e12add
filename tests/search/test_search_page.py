"""The search page in Chromium, on the fixture site: results as you type, both Chinese scripts,
filters, keyboard, shareable addresses, and the page without JavaScript."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import SETTLED, result_paths


def settle(page):
    page.wait_for_selector(SETTLED, state="attached")


def test_the_address_runs_the_search(search_page, fixture_site_url):
    page = search_page(fixture_site_url, "en", "activated carbon")
    assert page.input_value("#search-input") == "activated carbon"
    paths = result_paths(page, "en")
    assert paths[:2] == ["technologies/activated-carbon-regeneration/", "cases/printer-voc-recovery/"] or set(paths[:2]) == {
        "technologies/activated-carbon-regeneration/", "cases/printer-voc-recovery/"}
    assert "2" in page.inner_text("[data-search-status]")
    marks = page.eval_on_selector_all(".app-search__result mark", "marks => marks.map(m => m.textContent.toLowerCase())")
    assert "carbon" in marks


def test_results_come_as_you_type_and_the_address_follows(search_page, fixture_site_url):
    page = search_page(fixture_site_url, "en")
    assert page.is_hidden("[data-search-fallback]")
    page.fill("#search-input", "osmosis")
    page.wait_for_function("() => document.querySelectorAll('.app-search__result').length > 0")
    settle(page)
    assert "technologies/reverse-osmosis/" in result_paths(page, "en")
    assert page.evaluate("location.search") == "?q=osmosis"
    # the language switcher carries the search to the other sites
    assert page.get_attribute(".app-lang a[hreflang='zh-Hant-HK']", "href").endswith("/tc/search/?q=osmosis")


@pytest.mark.parametrize(
    "lang, query, expected, shown",
    [
        ("tc", "废水", "technologies/reverse-osmosis/", "廢水"),  # Simplified query, Traditional site
        ("tc", "溶劑", "cases/printer-voc-recovery/", "溶劑"),
        ("sc", "溶劑", "cases/printer-voc-recovery/", "溶剂"),  # Traditional query, Simplified site
        ("tc", "活性碳", "technologies/activated-carbon-regeneration/", "活性炭"),  # variant spelling
        ("tc", "RO", "technologies/reverse-osmosis/", "RO"),  # English inside Chinese text
        ("sc", "VOC", "cases/printer-voc-recovery/", "东莞印刷厂"),  # the abbreviation of an issue
        ("tc", "揮發性有機化合物", "cases/printer-voc-recovery/", "揮發性有機化合物"),
    ],
)
def test_chinese_in_either_script(search_page, fixture_site_url, lang, query, expected, shown):
    page = search_page(fixture_site_url, lang, query)
    assert expected in result_paths(page, lang)
    text = page.inner_text(".app-search__results")
    assert shown in text
    if lang == "tc":
        assert "溶剂" not in text and "东莞" not in text, "the Traditional site shows Traditional text"


def test_chinese_runs_are_highlighted_whole(search_page, fixture_site_url):
    page = search_page(fixture_site_url, "tc", "活性炭")
    marks = page.eval_on_selector_all(".app-search__result-excerpt mark", "marks => marks.map(m => m.textContent)")
    assert marks and set(marks) == {"活性炭"}


def test_a_phrase_outranks_its_characters_apart(search_page, fixture_site_url):
    # 回收 is in the printer case; 回 and 收 apart are elsewhere too
    page = search_page(fixture_site_url, "tc", "回收溶劑")
    assert result_paths(page, "tc")[0] in ("cases/printer-voc-recovery/", "technologies/activated-carbon-regeneration/")
    for excerpt in page.eval_on_selector_all(".app-search__result-excerpt", "els => els.map(e => e.textContent)"):
        assert "回收溶劑" in excerpt


def test_nothing_found_says_so(search_page, fixture_site_url):
    page = search_page(fixture_site_url, "tc", "電腦遊戲")
    assert result_paths(page, "tc") == []
    assert "找不到「電腦遊戲」" in page.inner_text("[data-search-status]")


def test_a_typo_finds_words_that_begin_the_same_way(search_page, fixture_site_url):
    page = search_page(fixture_site_url, "en", "osmosys")
    assert "technologies/reverse-osmosis/" in result_paths(page, "en")


def test_filters_narrow_the_results_and_live_in_the_address(search_page, fixture_site_url):
    page = search_page(fixture_site_url, "en", "water")
    assert any(path.startswith("technologies/") for path in result_paths(page, "en"))
    page.select_option("select[name=type]", "cases")
    settle(page)
    page.wait_for_function("() => location.search.includes('type=cases')")
    paths = result_paths(page, "en")
    assert paths and all(path.startswith("cases/") for path in paths)
    # a shared address opens with the filter chosen
    shared = search_page(fixture_site_url, "en", "water", params="&type=events")
    assert shared.input_value("select[name=type]") == "events"
    assert all(path.startswith("events/") for path in result_paths(shared, "en"))
    # a filter alone lists what it holds
    only = search_page(fixture_site_url, "en", "", params="&sector=textiles")
    assert "cases/dyeing-water-reuse/" in result_paths(only, "en")


def test_keyboard_from_the_box_through_the_results_and_back(search_page, fixture_site_url):
    page = search_page(fixture_site_url, "en", "water")
    links = result_paths(page, "en")
    assert len(links) >= 2
    page.focus("#search-input")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == f"/en/{links[0]}"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == f"/en/{links[1]}"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "search-input"
    page.keyboard.press("Tab")  # the submit button, then the filters
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "type"
    # Enter on a result opens the page found, in the same language
    page.focus("#search-input")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/en/{links[0]}")


def test_show_more_results_moves_focus_to_the_first_new_one(search_page, fixture_site_url):
    page = search_page(fixture_site_url, "en", "", params="&type=")
    page.select_option("select[name=year]", index=0)
    page.fill("#search-input", "the")
    page.wait_for_function("() => document.querySelector('[data-module=app-search]').dataset.state === 'done'")
    count = page.locator(".app-search__result").count()
    if page.is_visible("[data-search-more]"):
        page.click("[data-search-more]")
        page.wait_for_function(f"() => document.querySelectorAll('.app-search__result').length > {count}")
        assert page.evaluate("document.activeElement.closest('.app-search__result') !== null")
    else:
        assert count <= 10


def test_the_header_box_submits_to_the_search_page(search_page, fixture_site_url, chromium):
    context = chromium.new_context()
    page = context.new_page()
    page.goto(f"{fixture_site_url}sc/cases/printer-voc-recovery/")
    page.fill("#header-search", "废水")
    page.press("#header-search", "Enter")
    page.wait_for_url("**/sc/search/?q=*")
    settle(page)
    assert "technologies/reverse-osmosis/" in result_paths(page, "sc")
    context.close()


def test_without_javascript_the_page_says_what_to_do(search_page, fixture_site_url):
    page = search_page(fixture_site_url, "tc", "活性炭", javascript=False)
    fallback = page.locator("[data-search-fallback]")
    assert fallback.is_visible()
    assert "JavaScript" in fallback.inner_text()
    assert [a.get_attribute("href") for a in fallback.locator("a").all()] == ["/tc/cases/", "/tc/technologies/", "/tc/events/"]
    assert page.is_hidden("[data-search-filters]")
    assert page.is_visible("#search-input")


def test_editor_text_is_shown_as_text(search_page, fixture_site_url):
    page = search_page(fixture_site_url, "en", "solvent")
    assert page.locator(".app-search__results script").count() == 0
    assert page.locator(".app-search__result-excerpt *:not(mark)").count() == 0


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_axe_finds_no_wcag_violation_with_results_shown(search_page, fixture_site_url, width):
    page = search_page(fixture_site_url, "tc", "活性炭", width=width, params="&type=technologies")
    assert result_paths(page, "tc")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]})
    violations = [f"{v['id']}: {v['help']} at {v['nodes'][0]['target']}" for v in results.response["violations"]]
    assert not violations, "\n".join(violations)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "the page scrolls sideways"


#: The error message of search.html in each language (data-msg-error).
SEARCH_FAILED = {
    "en": "Search could not be loaded. Please try again later, or browse the lists below.",
    "tc": "未能載入搜尋功能。請稍後再試，或瀏覽下列清單。",
    "sc": "无法加载搜索功能。请稍后再试，或浏览下方列表。",
}


def expect_failure(page, *allowed):
    """Take from page.problems the console errors a failed request is expected to cause; fail on any
    uncaught exception or unhandled rejection."""
    uncaught = [problem for problem in page.problems if problem.startswith("uncaught")]
    assert not uncaught, uncaught
    unexpected = [problem for problem in page.problems if not any(text in problem for text in allowed)]
    assert not unexpected, unexpected
    page.problems.clear()


@pytest.mark.parametrize("lang", ["en", "tc"])
def test_search_that_cannot_load_pagefind_says_so(search_page, fixture_site_url, lang):
    page = search_page(fixture_site_url, lang, "VOC", routes=lambda page: page.route("**/pagefind/pagefind.js", lambda route: route.abort()))
    assert page.get_attribute("[data-module=app-search]", "data-state") == "error"
    assert page.inner_text("[data-search-status]") == SEARCH_FAILED[lang]
    assert page.is_visible("[data-search-fallback]") and page.is_hidden("[data-search-filters]")
    expect_failure(page, "net::ERR_FAILED", "search could not be loaded")


def test_a_query_that_fails_says_so_and_the_next_one_works(search_page, fixture_site_url):
    # The results' data (Pagefind's fragments) cannot be fetched: the search fails after it started.
    failing = []

    def routes(page):
        def fragments(route):
            if failing:
                route.abort()
            else:
                route.fallback()
        page.route("**/pagefind/fragment/**", fragments)

    page = search_page(fixture_site_url, "sc", routes=routes)
    failing.append(True)
    page.fill("#search-input", "溶剂")
    page.wait_for_selector('[data-module="app-search"][data-state="error"]', state="attached")
    assert page.inner_text("[data-search-status]") == SEARCH_FAILED["sc"]
    assert page.locator(".app-search__result").count() == 0
    assert page.is_visible("[data-search-fallback] a") and page.is_visible("[data-search-filters]")
    assert "JavaScript" not in page.inner_text("[data-search-fallback]"), "JavaScript runs: only the lists are offered"
    expect_failure(page, "net::ERR_FAILED", "search failed")
    failing.clear()
    page.fill("#search-input", "溶剂回收")
    page.wait_for_function("() => document.querySelectorAll('.app-search__result').length > 0")
    settle(page)
    assert page.get_attribute("[data-module=app-search]", "data-state") == "done"
    assert page.is_hidden("[data-search-fallback]")


def test_searching_leaves_no_uncaught_error_or_rejection(search_page, fixture_site_url):
    page = search_page(fixture_site_url, "tc", "活性炭")
    for text in ("回", "回收", "回收溶劑 VOC", "voc reduction dongguan", "osmosys", ""):
        page.fill("#search-input", text)
    page.select_option("#search-filter-type", "cases")
    page.wait_for_function("() => document.querySelector('[data-module=\"app-search\"]').dataset.state === 'done'")
    assert page.problems == []
    # ...and the watch would see one
    page.evaluate("() => { Promise.reject(new Error('left unhandled')); }")
    page.wait_for_function("() => new Promise((resolve) => setTimeout(() => resolve(true), 100))")
    assert any("left unhandled" in problem for problem in page.problems), page.problems
    page.problems.clear()
