"""What every page carries and says (issue 11, items 5 and 7): a meta description on every indexable
page, Open Graph a link preview can use, the root in the hreflang cluster of the language homes,
"illustrative" said once per page, programme figures with their date, and a 404 page that leads
back into each language."""

import re

import pytest
from conftest import page_soup as soup  # every page read only, parsed once a session
from conftest import page_tree
from output_pages import html_pages

LANGS = {"en": "en", "tc": "zh-Hant-HK", "sc": "zh-Hans-CN"}
SITE_URL = "http://localhost:8000"
#: Locales Facebook's crawler knows for these languages (en_HK is not one of them).
FACEBOOK_LOCALES = {"en": "en_GB", "tc": "zh_HK", "sc": "zh_CN"}


def indexable(tree):
    return not tree.xpath('//meta[@name="robots"][contains(@content, "noindex")]')


def meta(tree, attribute, name):
    """The content of the page's first <meta {attribute}="{name}">, or None."""
    found = tree.xpath(f'//meta[@{attribute}="{name}"]/@content')
    return found[0] if found else None


def test_every_indexable_page_has_its_own_meta_description(built_site):
    missing, by_list = [], {}
    for path in html_pages(built_site):
        tree = page_tree(built_site, path)
        if not indexable(tree):
            continue
        description = meta(tree, "name", "description")
        if not (description or "").strip():
            missing.append(path or "/")
            continue
        assert meta(tree, "property", "og:description") == description, f"/{path}: og:description differs"
        filter_page = re.fullmatch(r"(en|tc|sc)/cases/\w+/[\w-]+/", path)
        if filter_page:
            by_list.setdefault(filter_page.group(1), []).append(description)
    assert not missing, f"{len(missing)} indexable pages without a meta description: {missing[:10]}"
    # Filter pages each say what they hold, so no two of one list share a description.
    assert set(by_list) == set(LANGS)
    for lang, descriptions in by_list.items():
        assert len(set(descriptions)) == len(descriptions), f"{lang}: filter pages share a description"


@pytest.mark.parametrize("lang", LANGS)
def test_language_homes_and_the_root_are_one_hreflang_cluster(fixture_output, lang):
    home = soup(fixture_output, f"{lang}/")
    alternates = {link["hreflang"]: link["href"] for link in home.find_all("link", rel="alternate", hreflang=True)}
    assert alternates["x-default"] == f"{SITE_URL}/", "a language home names the root as x-default"
    root = soup(fixture_output, "")
    back = {link["hreflang"]: link["href"] for link in root.find_all("link", rel="alternate", hreflang=True)}
    assert back == alternates, "the root lists the same cluster"


def test_sitemap_lists_the_root_with_its_cluster(fixture_output):
    sitemap = (fixture_output / "sitemap.xml").read_text(encoding="utf-8")
    entry = re.search(rf"<url><loc>{SITE_URL}/</loc>(.*?)</url>", sitemap, re.S).group(1)
    assert f'hreflang="x-default" href="{SITE_URL}/"' in entry and f'hreflang="zh-Hans-CN" href="{SITE_URL}/sc/"' in entry


def test_open_graph_on_the_root_and_an_image_on_every_item_page(built_site):
    root = page_tree(built_site, "")
    for prop in ("og:title", "og:description", "og:url", "og:image", "og:locale"):
        assert meta(root, "property", prop), f"the root has no {prop}"
    assert (built_site / "theme" / "og-image.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    problems = []
    for path in html_pages(built_site):
        if not re.fullmatch(r"(en|tc|sc)/(technologies|events|cases)/[\w-]+/", path):
            continue
        tree = page_tree(built_site, path)
        image = meta(tree, "property", "og:image")
        if not image or not re.search(r"\.(png|jpe?g)$", image):
            problems.append(f"/{path}: og:image {image}")
        locale = meta(tree, "property", "og:locale")
        if locale != FACEBOOK_LOCALES[path[:2]]:
            problems.append(f"/{path}: og:locale {locale}")
    assert not problems, "\n".join(problems)


def test_illustrative_is_said_once_per_page(built_site):
    problems = []
    for path in html_pages(built_site):
        tree = page_tree(built_site, path)
        notices = tree.cssselect(".app-notice__label")
        tags = tree.cssselect(".app-card .app-tag--illustrative")
        if len(notices) > 1 or tags:
            problems.append(f"/{path}: {len(notices)} notices, {len(tags)} cards tagged")
    assert not problems, "\n".join(problems)
    for lang in LANGS:
        cases = page_tree(built_site, f"{lang}/cases/")
        assert len(cases.cssselect(".app-notice__label")) == 1, f"/{lang}/cases/ lists illustrative case reports: one notice"


def test_events_have_a_notice_of_their_own(fixture_output):
    event = soup(fixture_output, "en/events/voc-seminar/").select_one(".app-notice").get_text(" ")
    case = soup(fixture_output, "en/cases/printer-voc-recovery/").select_one(".app-notice").get_text(" ")
    assert "event" in event and "factory" not in event
    assert event != case


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_does_not_call_illustrative_reports_real(built_site, lang):
    main = soup(built_site, f"{lang}/").find("main")
    text = main.get_text(" ")
    assert not re.search(r"\breal case reports\b|真實個案|真实个案", text)
    # Its figures say what date they stand at: the source paper's, July 2015.
    assert {"en": "Figures as at July 2015.", "tc": "數字截至2015年7月。", "sc": "数据截至2015年7月。"}[lang] in main.select_one(".app-as-at").get_text()


def test_not_found_page_has_the_header_and_links_into_each_language(fixture_output):
    html = soup(fixture_output, "404.html")
    header = html.find("header", class_="app-header")
    assert header and header.select_one(".app-header__brand")
    assert [a["href"] for a in header.select(".app-lang a")] == ["/en/", "/tc/", "/sc/"]
    links = {a["href"] for a in html.find("main").find_all("a")}
    for lang in LANGS:
        assert {f"/{lang}/", f"/{lang}/search/"} <= links
