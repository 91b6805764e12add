"""Browser fixtures for the search tests: built sites served on localhost, Debian's Chromium.

- `fixture_site_url`: the fixture site (`fixture_output`) served on a free local port.
- `real_site_url`: the real content/ (`content_output`, built once with its index) served; the
  recall set and the byte budget run against it.
- `chromium`: the session's one headless Chromium (`chromium_browser` in tests/conftest.py).
- `search_page(url, lang, query=None, width=1280, javascript=True, routes=None)`: opens
  /{lang}/search/ and waits until the search has run; fails the test on a console error or warning,
  an uncaught exception (an unhandled rejection too), an HTTP error or a request to another host.
  `routes(page)`, when given, is called before the page is opened (to make a request fail).
"""

from urllib.parse import quote, urlsplit

import pytest
from browser.support import close_and_check


#: What the search page's root says when a search has run or has failed to start.
SETTLED = '[data-module="app-search"]:is([data-state="done"], [data-state="idle"], [data-state="error"])'


@pytest.fixture(scope="session")
def fixture_site_url(served, fixture_output):
    return served(fixture_output)


@pytest.fixture(scope="session")
def real_site(content_output):
    return content_output


@pytest.fixture(scope="session")
def real_site_url(served, real_site):
    return served(real_site)


@pytest.fixture(scope="session")
def chromium(chromium_browser):
    return chromium_browser


def watch(page, site_url):
    """Collect in `page.problems` whatever a reader would see go wrong."""
    problems = []
    origin = urlsplit(site_url).netloc
    page.on("console", lambda message: message.type in ("error", "warning") and problems.append(f"console {message.type}: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"uncaught exception: {error}"))
    page.on("response", lambda response: response.status >= 400 and problems.append(f"HTTP {response.status}: {response.url}"))

    def route(route):
        if urlsplit(route.request.url).netloc == origin:
            route.continue_()
        else:
            problems.append(f"request to another host: {route.request.url}")
            route.abort("blockedbyclient")

    page.route("**/*", route)
    page.problems = problems
    return page


@pytest.fixture
def search_page(chromium):
    contexts = []

    def opener(site_url, lang, query=None, width=1280, javascript=True, params="", routes=None):
        context = chromium.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
        contexts.append(context)
        page = watch(context.new_page(), site_url)
        if routes:
            routes(page)
        page.set_default_timeout(60000)  # the first search loads Pagefind; a busy machine is slow
        address = f"{site_url}{lang}/search/"
        if query is not None:
            address += f"?q={quote(query)}{params}"
        page.goto(address)
        if javascript:
            page.wait_for_selector(SETTLED, state="attached")
        return page

    yield opener
    close_and_check(contexts)


def result_paths(page, lang):
    """Addresses of the results shown, relative to the language root: ["cases/x/", ...]."""
    hrefs = page.eval_on_selector_all(".app-search__result-title a", "links => links.map(a => a.getAttribute('href'))")
    prefix = f"/{lang}/"
    assert all(href.startswith(prefix) for href in hrefs), hrefs
    return [href[len(prefix):] for href in hrefs]
