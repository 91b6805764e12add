"""filters.js when a paginated list's data cannot be fetched: the list falls back to its filter
links (a visible state), with no uncaught error or unhandled rejection."""

import pytest

from .test_pagination import open_paged, paged_url  # noqa: F401 (fixtures)


@pytest.mark.parametrize(("kind", "facet", "key"), [("case", "sector", "printing"), ("event", "type", "workshop")])
def test_a_list_whose_data_cannot_be_fetched_offers_its_filter_links(open_paged, kind, facet, key):  # noqa: F811
    page = open_paged(f"en/{kind}s/")
    page.route(f"**/en/{kind}s/cards.json", lambda route: route.abort())
    own = page.eval_on_selector_all(f"#{kind}-list .app-card a", "titles => titles.map(t => t.textContent.trim())")
    page.select_option(f"#{kind}-filters-{facet}", key)
    page.wait_for_selector(f"#{kind}-filters-form", state="hidden")
    fallback = page.get_attribute(f"#{kind}-filters-form", "data-filter-fallback")
    assert page.locator(f"#{fallback} summary").first.is_visible(), "the links to the pre-built filter pages show"
    assert page.is_visible(f"#{kind}-pages"), "and the page links"
    shown = page.eval_on_selector_all(f"#{kind}-list .app-card:visible a", "titles => titles.map(t => t.textContent.trim())")
    assert shown == own, "the page's own cards stay"
    assert not any(problem.startswith("uncaught") for problem in page.problems), page.problems
    expected = ("cards.json", "filters:")
    assert all(any(text in problem for text in expected) for problem in page.problems), page.problems
    page.problems.clear()
