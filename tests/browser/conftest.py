"""Browser tests: the built fixture site, served on localhost, driven by Debian's Chromium.

Fixtures for any browser test (import nothing, just name them):

- `site_url`: the address of the fixture site (built once per session by `fixture_output`),
  served by a threaded `http.server` on a free port (`served` of tests/conftest.py); "http://127.0.0.1:<port>/".
- `browser`: the session's headless Chromium (`chromium_browser` of tests/conftest.py:
  `/usr/bin/chromium`, or `$CHROMIUM`).
- `page`: a fresh desktop-sized page (1280 x 900). Whatever the test does, the test fails
  afterwards if the page logged a console error or an uncaught exception, if a request failed or
  got an HTTP error, or if anything was requested from a host other than the local server
  (Chromium resolves no other host, so none leaves the machine). A test that provokes one on purpose takes it out of
  `page.problems` before it ends.
- `open_page(path, width=1280, javascript=True)`: like `page`, at another width or without
  JavaScript; `path` is relative to the site root ("en/cases/").
- `samples`: one page of every template in every language (see tests/output_pages.py), so a
  new template is held to every check as soon as the fixture site builds it.

Every page carries a Content-Security-Policy without 'unsafe-eval' (theme/templates/partials/
policies.html): give `wait_for_function` a function (`"() => ..."`), never a bare expression, which
Playwright may evaluate with `eval` inside the page, where the policy refuses it.

Helpers for the tests are in `support.py` (`screenshot(page, name)`, the widths, ...).
"""

import pytest

from output_pages import template_samples

from .support import DESKTOP, HEIGHT, Watched, close_and_check


@pytest.fixture(scope="session")
def site_url(served, fixture_output):
    return served(fixture_output)


@pytest.fixture(scope="session")
def browser(chromium_browser):
    return chromium_browser


@pytest.fixture
def open_page(browser, site_url):
    """open_page(path, width=1280, javascript=True) -> a Playwright page with `.problems`."""
    contexts = []

    def opener(path=None, width=DESKTOP, javascript=True, height=HEIGHT, **context_options):
        context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=javascript, **context_options)
        contexts.append(context)
        page = context.new_page()
        page.site_url = site_url
        page.problems = Watched(page, site_url).problems
        if path is not None:
            page.goto(site_url + path)
        return page

    yield opener
    close_and_check(contexts)


@pytest.fixture
def page(open_page):
    """A blank desktop page (go to a page of the site with `page.goto(page.site_url + path)`)."""
    return open_page()


@pytest.fixture(scope="session")
def samples(fixture_output):
    """One page of every template in every language: {(lang, template key): path}."""
    return template_samples(fixture_output)
