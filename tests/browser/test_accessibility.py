"""Accessibility in a real browser: axe-core on one page of every template in every language
(zero violations at WCAG 2.1 A and AA), and text resized to 200% without loss."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from output_pages import LANGS

from .support import DESKTOP, HEIGHT, layout_problems

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE = Axe()


def axe_violations(page):
    """axe-core's WCAG 2.1 A/AA violations on the page, one readable line per rule and element."""
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]})
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at {' '.join(node['target'][0] if isinstance(node['target'][0], str) else str(node['target']) for node in violation['nodes'][:1])}"
        + (f" and {len(violation['nodes']) - 1} more" if len(violation["nodes"]) > 1 else "")
        for violation in results.response["violations"]
    ]


@pytest.mark.parametrize("lang", [*LANGS, None], ids=[*LANGS, "root"])
def test_axe_finds_no_wcag_violation(open_page, samples, lang):
    page = open_page()
    problems = []
    for (page_lang, template), path in samples.items():
        if page_lang != lang:
            continue
        page.goto(page.site_url + path)
        problems += [f"/{path} ({template}): {violation}" for violation in axe_violations(page)]
    assert not problems, "\n".join(problems)


def test_axe_catches_a_violation(open_page):
    """The check above can fail: an image without a text alternative is a violation."""
    page = open_page("en/")
    page.evaluate("document.querySelector('main').append(Object.assign(document.createElement('img'), {src: '/theme/favicon.svg'}))")
    assert any(violation.startswith("image-alt") for violation in axe_violations(page))


# 200% zoom of a 1280 px wide window is a 640 CSS px viewport, each CSS px drawn as 2 device px.
ZOOMED = {"width": DESKTOP // 2, "height": HEIGHT // 2, "device_scale_factor": 2}


def test_page_zoom_200_percent_loses_nothing(open_page, samples):
    page = open_page(width=ZOOMED["width"], height=ZOOMED["height"], device_scale_factor=ZOOMED["device_scale_factor"])
    problems = []
    for (_lang, template), path in samples.items():
        page.goto(page.site_url + path)
        problems += [f"/{path} ({template}): {problem}" for problem in layout_problems(page)]
    assert not problems, "\n".join(problems)


def test_text_only_resize_200_percent_loses_nothing(open_page, samples):
    """Text zoom (the browser's font size setting) at 1280 px: every size is in rem, so it all grows.
    The reader's setting is a user style sheet, which no page policy governs; the test adds it as a
    style element, so its context bypasses the page's Content-Security-Policy (style-src 'self')."""
    page = open_page(bypass_csp=True)
    problems = []
    for (_lang, template), path in samples.items():
        page.goto(page.site_url + path)
        normal = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        page.add_style_tag(content="html { font-size: 200% !important; }")
        larger = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        if larger < 1.9 * normal:
            problems.append(f"/{path} ({template}): body text grew from {normal}px to only {larger}px")
        problems += [f"/{path} ({template}): {problem}" for problem in layout_problems(page)]
    assert not problems, "\n".join(problems)
