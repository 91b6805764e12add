"""The Content-Security-Policy and referrer policy that every page carries (docs/security.md): the
output gives the policy nothing to forbid, and search, filters and the pages work under it in a
browser with no violation reported."""

import pytest

from conftest import page_soup
from output_pages import html_pages

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
#: Every securitypolicyviolation event of the page, kept where the test can read it.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => window.__violations.push(
  `${event.effectiveDirective} refused ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`));
"""


def policy_of(soup):
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    if meta is None:
        return None
    directives = [part.split() for part in meta["content"].split(";") if part.strip()]
    return {name: values for name, *values in directives}


def test_every_page_carries_the_policies_first(fixture_output):
    pages = html_pages(fixture_output)
    assert {"", "404.html", "en/search/", "tc/cases/"} <= set(pages)
    for path in pages:
        soup = page_soup(fixture_output, path)
        policy = policy_of(soup)
        assert policy is not None, f"{path}: no Content-Security-Policy"
        assert {name: policy.get(name) for name in POLICY} == POLICY, path
        assert "'unsafe-inline'" not in policy.get("script-src", []) and "frame-ancestors" not in policy
        # a policy in a meta tag covers only what follows it: it comes right after the charset
        head = [tag for tag in soup.head.children if getattr(tag, "name", None)]
        assert head[0].get("charset") == "utf-8" and head[1].get("http-equiv") == "Content-Security-Policy", path
        assert soup.find("meta", attrs={"name": "referrer"})["content"] == "strict-origin-when-cross-origin", path


def test_the_output_needs_nothing_the_policy_refuses(fixture_output):
    """No inline script (JSON-LD is data), no event-handler attribute, no style attribute or
    <style> element, no javascript: link, nothing loaded from another host."""
    for path in html_pages(fixture_output):
        soup = page_soup(fixture_output, path)
        for script in soup.find_all("script"):
            assert script.get("src", "").startswith("/") or script.get("type") == "application/ld+json", f"{path}: {script}"
        assert not soup.find_all("style"), path
        for tag in soup.find_all(True):
            assert "style" not in tag.attrs, f"{path}: {tag.name} has a style attribute"
            assert not [name for name in tag.attrs if name.startswith("on")], f"{path}: {tag.name}"
            for name in ("src", "href", "srcset", "action"):
                value = tag.get(name, "")
                assert not value.lower().startswith("javascript:"), f"{path}: {tag}"
                if name in ("src", "srcset") or tag.name == "link" and "stylesheet" in tag.get("rel", []):
                    assert not value.startswith(("http:", "https:", "//")), f"{path}: {tag}"


@pytest.fixture
def watched(open_page):
    """open_page with every CSP violation recorded from the first byte of each page."""

    def opener(path, **options):
        page = open_page(**options)
        page.add_init_script(RECORD_VIOLATIONS)
        page.goto(page.site_url + path)
        return page

    return opener


def violations(page):
    return page.evaluate("window.__violations")


@pytest.mark.parametrize("lang, query", [("en", "reverse osmosis"), ("tc", "反滲透")])
def test_search_runs_under_the_policy(watched, lang, query):
    page = watched(f"{lang}/search/?q={query}")
    page.set_default_timeout(60000)  # the first query loads Pagefind's WebAssembly; a busy machine is slow
    page.wait_for_selector(".app-search__result-title a")
    assert page.locator(".app-search__result-title a").count() >= 1
    assert violations(page) == []


def test_case_filters_run_under_the_policy(watched):
    page = watched("en/cases/")
    assert page.is_visible("#case-filters-form"), "filters.js ran"
    page.select_option("#case-filters-sector", "printing")
    assert page.url.endswith("/en/cases/?sector=printing")
    assert page.text_content("#case-count") == "Showing 2 of 3 case reports"
    assert violations(page) == []


@pytest.mark.parametrize("path", ["", "404.html", "en/results/", "tc/events/", "en/awardees/"])
def test_pages_open_without_a_violation(watched, path):
    page = watched(path)
    page.wait_for_load_state("load")
    assert violations(page) == []


def test_the_policy_is_in_force(watched):
    """The recorder is not blind: an inline script injected into a page is refused and reported."""
    page = watched("en/")
    page.evaluate("""() => { const s = document.createElement("script"); s.textContent = "window.__ran = true";
                         document.body.append(s); }""")
    page.wait_for_function("() => window.__violations.length > 0")
    assert page.evaluate("window.__ran === undefined")
    assert [v for v in violations(page) if v.startswith("script-src")], violations(page)
    # the console error Chromium logs for it is what this test provoked
    page.problems[:] = [p for p in page.problems if "Content Security Policy" not in p]
