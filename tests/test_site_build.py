"""The fixture site built in all three languages: addresses, languages, switcher, hreflang, SC text."""

import re

import opencc
import pytest
from bs4 import BeautifulSoup

from conftest import build, soup

LANGS = {"en": "en", "tc": "zh-Hant-HK", "sc": "zh-Hans-CN"}
ITEM_PAGES = [
    "cases/printer-voc-recovery/",
    "cases/dyeing-water-reuse/",
    "technologies/activated-carbon-regeneration/",
    "technologies/reverse-osmosis/",
    "events/voc-seminar/",
    "about/",
]
SECTION_PAGES = ["", "cases/", "technologies/", "events/"]
TO_SIMPLIFIED = opencc.OpenCC("hk2s")


def site_path(url):
    """http://localhost:8000/en/cases/ -> en/cases/"""
    return re.sub(r"^https?://[^/]+/", "", url)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", SECTION_PAGES + ITEM_PAGES)
def test_every_page_exists_with_its_language(fixture_output, lang, page):
    html = soup(fixture_output, f"{lang}/{page}")
    assert html.html["lang"] == LANGS[lang]
    assert html.title.string.strip()
    assert html.find("a", class_="app-skip-link")["href"] == "#main"
    assert html.find(id="main")


def test_titles_in_each_language(fixture_output):
    titles = {lang: soup(fixture_output, f"{lang}/cases/printer-voc-recovery/").h1.get_text() for lang in LANGS}
    assert titles == {
        "en": "A Dongguan printer recovers its solvent with activated carbon",
        "tc": "東莞印刷廠以活性炭回收溶劑",
        "sc": "东莞印刷厂以活性炭回收溶剂",
    }


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", SECTION_PAGES + ITEM_PAGES)
def test_switcher_targets_exist_and_keep_the_page(fixture_output, lang, page):
    html = soup(fixture_output, f"{lang}/{page}")
    links = html.select(".app-lang a")
    assert [link["href"] for link in links] == [f"/{code}/{page}" for code in LANGS]
    for link in links:
        assert (fixture_output / link["href"].lstrip("/") / "index.html").is_file()


def test_hreflang_is_reciprocal_absolute_and_has_x_default(fixture_output):
    for page in SECTION_PAGES + ITEM_PAGES:
        for lang in LANGS:
            html = soup(fixture_output, f"{lang}/{page}")
            if html.find("meta", attrs={"name": "robots", "content": "noindex"}):
                continue
            alternates = {link["hreflang"]: link["href"] for link in html.find_all("link", rel="alternate", hreflang=True)}
            canonical = html.find("link", rel="canonical")["href"]
            assert canonical == f"http://localhost:8000/{lang}/{page}"
            assert alternates[LANGS[lang]] == canonical, "a page lists itself"
            assert "x-default" in alternates
            for hreflang, url in alternates.items():
                assert url.startswith("http://localhost:8000/")
                if hreflang == "x-default":
                    continue
                other = soup(fixture_output, site_path(url))
                back = {link["hreflang"]: link["href"] for link in other.find_all("link", rel="alternate", hreflang=True)}
                assert back.get(LANGS[lang]) == canonical, f"{url} does not link back to {canonical}"


def test_missing_translation_page_says_so_and_is_not_indexed(fixture_output):
    # The seminar has no tc.md, so neither a Traditional nor a generated Simplified version.
    for lang in ("tc", "sc"):
        html = soup(fixture_output, f"{lang}/events/voc-seminar/")
        assert html.find("meta", attrs={"name": "robots", "content": "noindex"})
        assert not html.find("link", rel="alternate", hreflang=True)
        links = [a["href"] for a in html.select("main a[hreflang]")]
        assert links == ["/en/events/voc-seminar/"]
    assert "這個語言" in soup(fixture_output, "tc/events/voc-seminar/").h1.get_text()
    assert "该语言" in soup(fixture_output, "sc/events/voc-seminar/").h1.get_text()
    english = soup(fixture_output, "en/events/voc-seminar/")
    hreflangs = {link["hreflang"] for link in english.find_all("link", rel="alternate", hreflang=True)}
    assert hreflangs == {"en", "x-default"}


def test_simplified_pages_hold_no_traditional_characters(fixture_output):
    checked = 0
    for file in (fixture_output / "sc").rglob("index.html"):
        html = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        if html.find("meta", attrs={"name": "robots", "content": "noindex"}):
            continue
        for foreign in html.select("[lang]:not(html)"):
            foreign.decompose()  # the switcher's "繁體中文" is meant to be Traditional
        text = html.get_text(" ")
        han = "".join(re.findall(r"[\u3400-\u9fff]", text))
        assert han, f"{file} has no Chinese text"
        assert TO_SIMPLIFIED.convert(han) == han, f"{file} holds Traditional characters"
        checked += 1
    assert checked >= 8


def test_simplified_is_generated_from_traditional(fixture_output):
    html = soup(fixture_output, "sc/technologies/reverse-osmosis/")
    assert html.h1.get_text() == "反渗透膜过滤系统"
    assert "反渗透（RO）系统令废水回用" in html.find(class_="app-prose").get_text()


def test_hand_written_sc_overrides(fixture_output):
    assert soup(fixture_output, "sc/about/").h1.get_text() == "关于伙伴计划（人工校订）"


def test_interface_strings_translated(fixture_output):
    nav = {lang: [a.get_text() for a in soup(fixture_output, f"{lang}/").select(".app-nav a")] for lang in LANGS}
    assert nav["en"][:5] == ["Home", "Case reports", "Technologies", "Solution finder", "Events"]
    assert nav["tc"][:5] == ["主頁", "個案報告", "技術", "方案搜尋器", "活動"]
    assert nav["sc"][:5] == ["首页", "案例报告", "技术", "方案查找", "活动"]


def test_dates_numbers_and_money_per_locale(fixture_output):
    pages = {lang: soup(fixture_output, f"{lang}/cases/printer-voc-recovery/") for lang in LANGS}
    facts = {lang: html.find(class_="app-facts").get_text(" ") for lang, html in pages.items()}
    # The results lead the page, in the strip under the title; the panel keeps the other facts.
    results = {lang: html.find(class_="app-results-strip").get_text(" ") for lang, html in pages.items()}
    assert "20 November 2014" in facts["en"]
    assert "2014年11月20日" in facts["tc"] and "2014年11月20日" in facts["sc"]
    for lang in LANGS:
        assert "HK$1,800,000" in facts[lang] and "HK$1,800,000" in results[lang]
        assert "HK$1,200,000" in results[lang]
        assert "85%" in results[lang]
    assert "120,000 kWh" in results["en"] and "120,000 千瓦時" in results["tc"] and "120,000 千瓦时" in results["sc"]
    event = soup(fixture_output, "en/events/voc-seminar/").find(class_="app-facts").get_text(" ")
    assert "Thursday, 5 February 2015" in event


def test_facts_panel_labels_in_page_language(fixture_output):
    facts = soup(fixture_output, "tc/cases/printer-voc-recovery/").find(class_="app-facts")
    text = facts.get_text(" ")
    for label in ("印刷和出版業", "東莞", "示範項目", "回本期"):
        assert label in text
    assert "揮發性有機化合物減排" in soup(fixture_output, "tc/cases/printer-voc-recovery/").find(class_="app-results-strip").get_text()
    techs = [a["href"] for a in facts.select(".app-facts__techs a")]
    assert techs == ["/tc/technologies/activated-carbon-regeneration/"]


def test_technology_lists_its_cases(fixture_output):
    html = soup(fixture_output, "en/technologies/activated-carbon-regeneration/")
    links = [a["href"] for a in html.select("#cases-heading ~ ul a")]
    assert links == ["/en/cases/printer-voc-recovery/"]


def test_images_published_once_for_all_languages(fixture_output):
    assert (fixture_output / "media/cases/printer-voc-recovery/cover.png").is_file()
    for lang in LANGS:
        img = soup(fixture_output, f"{lang}/cases/printer-voc-recovery/").select_one(".app-cover img")
        assert img["src"] == "/media/cases/printer-voc-recovery/cover.png"
        assert img["alt"]
    assert not list((fixture_output / "en").rglob("*.png"))


def test_root_chooses_language_without_javascript(fixture_output):
    html = soup(fixture_output, "")
    links = {a["hreflang"]: a["href"] for a in html.select(".app-choose__list a")}
    assert links == {"en": "/en/", "zh-Hant-HK": "/tc/", "zh-Hans-CN": "/sc/"}
    assert (fixture_output / "404.html").is_file()


@pytest.mark.slow
def test_editor_text_is_escaped_in_templates(fixture_copy, tmp_path):
    page = fixture_copy / "cases/dyeing-water-reuse/en.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: A Foshan", "title: <img src=x onerror=alert(1)> A Foshan"), encoding="utf-8")
    result = build(fixture_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out/en/cases/dyeing-water-reuse/index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.slow
def test_content_error_stops_build_cleanly(fixture_copy, tmp_path):
    meta = fixture_copy / "cases/dyeing-water-reuse/meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("city: foshan", "city: atlantis"), encoding="utf-8")
    result = build(fixture_copy, tmp_path / "out")
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "cases/dyeing-water-reuse/meta.yaml:5: city: 'atlantis' is not a key" in result.stderr
    assert "Traceback" not in output
