"""filters.js when a paginated list's data cannot be fetched: the list falls back to its filter
links (a visible state), with no uncaught error or unhandled rejection."""

from .test_pagination import open_paged, paged_url  # noqa: F401 (fixtures)


def test_a_list_whose_data_cannot_be_fetched_offers_its_filter_links(open_paged):  # noqa: F811
    page = open_paged("en/cases/")
    page.route("**/en/cases/cards.json", lambda route: route.abort())
    own = page.eval_on_selector_all("#case-list .app-card h3", "titles => titles.map(t => t.textContent.trim())")
    page.select_option("#case-filters-sector", "printing")
    page.wait_for_selector("#case-filters-form", state="hidden")
    fallback = page.get_attribute("#case-filters-form", "data-filter-fallback")
    assert page.locator(f"#{fallback} summary").first.is_visible(), "the links to the pre-built filter pages show"
    shown = page.eval_on_selector_all("#case-list .app-card:visible h3", "titles => titles.map(t => t.textContent.trim())")
    assert shown == own, "the page's own cards stay"
    assert not any(problem.startswith("uncaught") for problem in page.problems), page.problems
    expected = ("cards.json", "filters:")
    assert all(any(text in problem for text in expected) for problem in page.problems), page.problems
    page.problems.clear()
