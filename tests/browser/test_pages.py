"""Every template, in every language, at phone and desktop widths, with and without JavaScript.

Each page is opened in Chromium and kept as a screenshot under test-artifacts/screenshots/. The
`open_page` fixture fails the test on any console error, failed request or request to another host.
"""

import pytest

from .support import DESKTOP, PHONE, layout_problems, screenshot, slug

#: Lazy images start loading when scrolled to: wait for the outcome.
IMAGE_LOADED = """img => img.complete ? img.naturalWidth > 0 : new Promise(done => {
  img.addEventListener('load', () => done(img.naturalWidth > 0));
  img.addEventListener('error', () => done(false));
})"""


@pytest.mark.parametrize("width", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_template_fits_the_screen_and_loads_whole(open_page, samples, width):
    page = open_page(width=width)
    problems = []
    for (_lang, template), path in samples.items():
        page.goto(page.site_url + path)
        for image in page.locator("main img").all():
            image.scroll_into_view_if_needed()
            if not image.evaluate(IMAGE_LOADED):
                problems.append(f"/{path}: image {image.get_attribute('src')} did not load")
        screenshot(page, f"{width}/{slug(path)}")
        problems += [f"/{path} ({template}): {problem}" for problem in layout_problems(page)]
    assert not problems, "\n".join(problems)


def test_every_template_works_without_javascript(open_page, samples):
    page = open_page(width=PHONE, javascript=False)
    problems = []
    for (_lang, template), path in samples.items():
        page.goto(page.site_url + path)
        screenshot(page, f"nojs-{PHONE}/{slug(path)}")
        heading = page.locator("main h1")
        if heading.count() != 1 or not heading.inner_text().strip():
            problems.append(f"/{path} ({template}): no heading in <main>")
        problems += [f"/{path} ({template}): {problem}" for problem in layout_problems(page)]
    assert not problems, "\n".join(problems)
