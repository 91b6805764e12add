"""Search as a reader meets it: the search box in the header of any page, in each language, leads
to results, and a result opens its page in the same language. (tests/search/ tests the search
itself: recall, both Chinese scripts, filters, the page without JavaScript.)"""

import pytest

QUERIES = {"en": "reverse osmosis", "tc": "反滲透", "sc": "反渗透"}
EXPECTED = "technologies/reverse-osmosis/"


@pytest.mark.parametrize("lang", QUERIES)
def test_header_search_box_finds_and_opens_a_page(open_page, lang):
    page = open_page(f"{lang}/cases/")
    page.set_default_timeout(60000)  # the first query loads Pagefind; a busy machine is slow
    page.fill("header input[type=search]", QUERIES[lang])
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{lang}/search/?q=*")
    page.wait_for_selector(".app-search__result-title a")
    links = page.eval_on_selector_all(".app-search__result-title a", "links => links.map(a => a.getAttribute('href'))")
    assert f"/{lang}/{EXPECTED}" in links[:3], links
    page.click(f".app-search__result-title a[href='/{lang}/{EXPECTED}']")
    page.wait_for_url(f"**/{lang}/{EXPECTED}")
    assert page.locator("main h1").inner_text().strip()
