"""The root page marks the language the browser prefers (theme/static/js/language-suggest.js, a
module importing lib/language.js); it never redirects."""

import pytest

SUGGESTED = ".app-choose__link--suggested"


@pytest.mark.parametrize(
    "locale, suggested",
    [("zh-TW", "zh-Hant-HK"), ("zh-CN", "zh-Hans-CN"), ("en-GB", "en"), ("fr-FR", None)],
)
def test_the_preferred_language_is_marked(open_page, locale, suggested):
    page = open_page("", locale=locale)
    page.wait_for_function("() => document.readyState === 'complete'")
    marked = page.eval_on_selector_all(SUGGESTED, "links => links.map(a => a.dataset.lang)")
    assert marked == ([suggested] if suggested else [])
    assert page.url.rstrip("/") == page.site_url.rstrip("/"), "no redirect"
