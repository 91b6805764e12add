"""The language switcher, clicked in the browser, keeps the reader on the same page."""

from urllib.parse import parse_qs, quote, urlsplit

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


def switcher_hrefs(page):
    """{html lang: href} of the language switcher's links."""
    return dict(page.locator(".app-lang a").evaluate_all("links => links.map(a => [a.lang, a.getAttribute('href')])"))


def test_switching_language_keeps_the_filters_of_a_list(open_page):
    page = open_page("en/cases/")
    page.select_option("#case-filters-sector", "printing")
    hrefs = switcher_hrefs(page)
    assert hrefs["zh-Hant-HK"] == "/tc/cases/?sector=printing"
    assert hrefs["zh-Hans-CN"] == "/sc/cases/?sector=printing"
    page.locator(".app-lang a[lang='zh-Hant-HK']").click()
    page.wait_for_load_state()
    assert page.url == page.site_url + "tc/cases/?sector=printing"
    assert page.input_value("#case-filters-sector") == "printing"
    # a filtered address opened directly carries too; clearing the filters stops carrying them
    assert switcher_hrefs(page)["en"] == "/en/cases/?sector=printing"
    page.select_option("#case-filters-sector", "")
    assert switcher_hrefs(page)["en"] == "/en/cases/"


def open_search(open_page, lang, query):
    page = open_page(f"{lang}/search/?q={quote(query)}")
    page.wait_for_selector('[data-module="app-search"][data-state="done"]', state="attached")
    return page


def carried_query(href):
    return parse_qs(urlsplit(href).query).get("q", [None])[0]


def test_a_chinese_query_carries_between_the_chinese_sites_in_their_script(open_page):
    page = open_search(open_page, "sc", "回收溶剂")
    hrefs = switcher_hrefs(page)
    assert carried_query(hrefs["zh-Hant-HK"]) == "回收溶劑"  # written in Traditional for /tc/
    assert carried_query(hrefs["zh-Hans-CN"]) == "回收溶剂"
    assert carried_query(hrefs["en"]) is None  # means nothing on the English site
    assert hrefs["en"] == "/en/search/"
    page.locator(".app-lang a[lang='zh-Hant-HK']").click()
    page.wait_for_selector('[data-module="app-search"][data-state="done"]', state="attached")
    assert page.input_value("#search-input") == "回收溶劑"
    assert page.locator(".app-search__result").count() > 0
    # and back: Traditional on /tc/ becomes Simplified for /sc/
    assert carried_query(switcher_hrefs(page)["zh-Hans-CN"]) == "回收溶剂"


def test_an_english_query_and_the_filters_carry_everywhere(open_page):
    page = open_page("tc/search/?q=VOC&type=cases")
    page.wait_for_selector('[data-module="app-search"][data-state="done"]', state="attached")
    for href in switcher_hrefs(page).values():
        assert parse_qs(urlsplit(href).query) == {"q": ["VOC"], "type": ["cases"]}
    page.fill("#search-input", "活性炭")
    page.wait_for_function("() => document.querySelector('.app-lang a[lang=en]').getAttribute('href') === '/en/search/?type=cases'")
