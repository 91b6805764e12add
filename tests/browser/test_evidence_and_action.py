"""At 390 x 844: the call to action on the home page, a case report and a technology brief; the
solution finder without JavaScript (links) and with it (the form); a pair page's ranked
technologies; nothing cut off or scrolling sideways (issue 11, items 3 and 4)."""

import pytest

from .support import PHONE, layout_problems, screenshot

PHONE_HEIGHT = 844
LANGS = ("en", "tc", "sc")
#: WCAG 2.5.5 (AAA) target size; the call to action is the page's main control on a phone.
TAP = 44


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["", "cases/printer-voc-recovery/", "technologies/reverse-osmosis/"], ids=["home", "case", "technology"])
def test_call_to_action_on_a_phone(open_page, lang, path):
    page = open_page(f"{lang}/{path}", width=PHONE, height=PHONE_HEIGHT)
    section = page.locator("main .app-cta")
    assert section.count() == 1, f"no call to action on /{lang}/{path}"
    section.scroll_into_view_if_needed()
    assert section.is_visible()
    for selector in ('a[href^="tel:"]', 'a[href^="mailto:"]'):
        link = section.locator(selector)
        box = link.bounding_box()
        assert box["height"] >= TAP and box["width"] >= TAP * 4, f"{selector}: {box}"
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE
    assert section.locator('a[href^="tel:"]').get_attribute("href") == "tel:+85200000000"
    screenshot(page, f"evidence/{lang}-{path.strip('/').replace('/', '-') or 'home'}-cta")
    assert layout_problems(page) == []


@pytest.mark.parametrize("lang", LANGS)
def test_finder_without_javascript_is_links_to_the_pair_pages(open_page, lang):
    page = open_page(f"{lang}/finder/", width=PHONE, height=PHONE_HEIGHT, javascript=False)
    assert not page.locator("form[data-module=finder]").is_visible(), "the form needs JavaScript"
    pair = page.locator(f'main a.app-finder__pair[href="/{lang}/finder/printing/voc/"]')
    assert pair.is_visible()
    assert layout_problems(page) == []
    screenshot(page, f"evidence/{lang}-finder-nojs")
    pair.click()
    page.wait_for_url(f"**/{lang}/finder/printing/voc/")
    titles = page.locator(".app-finder__ranked .app-finder__technology-title a")
    assert titles.count() == 1
    assert titles.first.get_attribute("href") == f"/{lang}/technologies/activated-carbon-regeneration/"
    assert page.locator(".app-finder__technology .app-evidence__measure").count() == 5  # 3 results, investment, payback
    assert page.locator("main .app-cta").count() == 1
    assert layout_problems(page) == []
    screenshot(page, f"evidence/{lang}-finder-printing-voc")


def test_finder_form_goes_to_the_chosen_pair(open_page):
    page = open_page("sc/finder/", width=PHONE, height=PHONE_HEIGHT)
    form = page.locator("form[data-module=finder]")
    assert form.is_visible()
    page.select_option("#finder-sector", "printing")
    enabled = page.eval_on_selector_all("#finder-issue option:not([disabled])", "options => options.map(o => o.value)")
    assert enabled == ["voc", "wastewater", "chemicals"], "only the issues the sector has case reports for"
    page.select_option("#finder-issue", "wastewater")
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/sc/finder/printing/wastewater/")
    assert page.locator(".app-finder__technology-title a").first.get_attribute("href") == "/sc/technologies/reverse-osmosis/"
    assert layout_problems(page) == []


def test_shared_finder_query_opens_the_pair_page(open_page):
    page = open_page("en/finder/?sector=textiles&issue=wastewater", width=PHONE, height=PHONE_HEIGHT)
    page.wait_for_url("**/en/finder/textiles/wastewater/")
    assert page.locator("main h1").inner_text().startswith("Wastewater in Textiles")
