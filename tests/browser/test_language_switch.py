"""The language switcher, clicked in the browser, keeps the reader on the same page."""

from output_pages import LANGS

HTML_LANG = {"en": "en", "tc": "zh-Hant-HK", "sc": "zh-Hans-CN"}


def test_switcher_keeps_the_page(open_page, samples):
    """For each template: click round the three languages (en -> tc -> sc -> en) from its sample."""
    page = open_page()
    problems = []
    started = set()
    for (lang, template), path in samples.items():
        if not lang or template in started:
            continue
        started.add(template)
        rest = path[len(lang) + 1 :]
        page.goto(page.site_url + path)
        order = LANGS[LANGS.index(lang) :] + LANGS[: LANGS.index(lang) + 1]
        for other in order[1:]:
            page.locator(f".app-lang a[lang='{HTML_LANG[other]}']").click()
            page.wait_for_load_state()
            landed = page.url[len(page.site_url) :]
            if landed != f"{other}/{rest}":
                problems.append(f"/{path}: the {other} link leads to /{landed}, not /{other}/{rest}")
                break
            if page.evaluate("document.documentElement.lang") != HTML_LANG[other]:
                problems.append(f"/{landed} is not marked lang={HTML_LANG[other]}")
            current = page.locator(".app-lang [aria-current]").evaluate_all("links => links.map(a => a.lang)")
            if current != [HTML_LANG[other]]:
                problems.append(f"/{landed}: the switcher marks {current} as current, not {other}")
    assert not problems, "\n".join(problems)


def test_root_offers_each_language(open_page):
    page = open_page("")
    for lang in LANGS:
        page.goto(page.site_url)
        page.locator(f".app-choose__link[lang='{HTML_LANG[lang]}']").click()
        page.wait_for_load_state()
        assert page.url == f"{page.site_url}{lang}/"
        assert page.evaluate("document.documentElement.lang") == HTML_LANG[lang]
