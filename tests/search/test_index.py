"""The search index of the fixture site (plugins/search): what is indexed, how, and the search page."""

import fnmatch
import gzip
import json
import re
from pathlib import Path

import pytest

from conftest import FIXTURE_SITE, build, soup
from plugins.search.indexer import NONDETERMINISTIC, UNUSED_BUNDLE_FILES

LANGS = {"en": "en", "tc": "zh-hant-hk", "sc": "zh-hans-cn"}


def fragments(output):
    """{url: fragment} of every page in the index."""
    found = {}
    for path in (Path(output) / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data[len(b"pagefind_dcd"):])
        found[fragment["url"]] = fragment
    return found


def test_one_index_per_language(fixture_output):
    entry = json.loads((fixture_output / "pagefind" / "pagefind-entry.json").read_text())
    assert set(entry["languages"]) == set(LANGS.values())
    for code, language in LANGS.items():
        marked = [p for p in (fixture_output / code).rglob("index.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
        assert entry["languages"][language]["page_count"] == len(marked) > 0


def test_only_item_pages_in_their_own_language_are_indexed(fixture_output):
    urls = set(fragments(fixture_output))
    assert "/en/cases/printer-voc-recovery/" in urls
    assert "/tc/technologies/activated-carbon-regeneration/" in urls
    assert "/sc/about/" in urls
    for lang in LANGS:
        # lists, home, search page and the missing-translation page of the English-only event
        for path in ["", "cases/", "technologies/", "events/", "search/"]:
            assert f"/{lang}/{path}" not in urls
    assert "/tc/events/voc-seminar/" not in urls
    assert "/" not in urls


def test_chinese_pages_are_searched_by_character_and_shown_in_their_own_script(fixture_output):
    found = fragments(fixture_output)
    tc = found["/tc/cases/printer-voc-recovery/"]
    sc = found["/sc/cases/printer-voc-recovery/"]
    assert tc["meta"]["title"] == "東莞印刷廠以活性炭回收溶劑"
    assert sc["meta"]["title"] == "东莞印刷厂以活性炭回收溶剂"
    assert "\u200b".join("回收溶劑") in tc["content"]  # Traditional text, a word for each character
    assert "\u200b".join("回收溶剂") in sc["content"]
    assert "溶剂" not in tc["content"].replace("\u200b", "")
    # the excerpts count words in the text as indexed: the text keeps its length in words
    assert tc["word_count"] == sc["word_count"]


def test_filters_and_metadata(fixture_output):
    found = fragments(fixture_output)
    case = found["/tc/cases/printer-voc-recovery/"]
    assert case["filters"] == {"type": ["cases"], "sector": ["printing"], "category": ["voc"], "year": ["2014"]}
    assert case["meta"]["summary"].startswith("六台印刷機")
    assert case["meta"]["image"] == "/media/cases/printer-voc-recovery/cover.png"
    technology = found["/en/technologies/activated-carbon-regeneration/"]
    assert technology["filters"]["type"] == ["technologies"]
    assert technology["filters"]["category"] == ["voc"]
    assert set(technology["filters"]["sector"]) == {"printing", "furniture"}
    assert found["/en/about/"]["filters"] == {"type": ["pages"]}


def test_chinese_pages_are_found_by_the_english_abbreviations_of_their_issues_never_shown(fixture_output):
    found = fragments(fixture_output)
    # searched as hidden text after the page's own (tests/search/test_search_page.py finds it), cut
    # from the text that results show
    assert "VOC" not in found["/tc/cases/printer-voc-recovery/"]["content"]
    assert "\ue000" not in found["/tc/cases/printer-voc-recovery/"]["content"]
    assert "keywords" not in found["/tc/cases/printer-voc-recovery/"]["meta"]
    assert "VOC" not in found["/en/about/"]["content"] and "VOC" not in found["/tc/about/"]["content"]


def test_the_facts_panel_is_searched_as_metadata_and_never_shown(fixture_output):
    case = fragments(fixture_output)["/en/cases/printer-voc-recovery/"]
    for label in ("Facts", "Investment", "Payback", "Published", "Project type"):
        assert label not in case["content"], label
    assert case["meta"]["keywords"] == "Volatile organic compounds (VOC) · Activated carbon adsorption with regeneration · Printing and publishing"
    assert case["meta"]["details"] == "Dongguan"
    assert "Related case reports" not in case["content"]


def test_chinese_text_keeps_chinese_punctuation_between_blocks(fixture_output):
    for url, fragment in fragments(fixture_output).items():
        if url.startswith(("/tc/", "/sc/")):
            text = fragment["content"].replace("\u200b", "")
            assert not re.search(r"[\u4e00-\u9fff]\.( |$)", text), (url, text[:200])
            assert not re.search(r"[。，：；]\s", text), (url, text[:200])
    assert "個案報告。東莞印刷廠以活性炭回收溶劑。六台" in fragments(fixture_output)["/tc/cases/printer-voc-recovery/"]["content"].replace("\u200b", "")


def test_breadcrumbs_and_notices_are_not_searched(fixture_output):
    case = fragments(fixture_output)["/en/cases/printer-voc-recovery/"]
    assert "Home" not in case["content"]
    assert "illustrative" not in case["content"].lower()
    assert "A Dongguan printer recovers its solvent" in case["content"]


def test_the_bundle_holds_only_what_the_search_page_loads(fixture_output):
    bundle = fixture_output / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    for name in UNUSED_BUNDLE_FILES:
        assert not (bundle / name).exists(), name
    fold_map = json.loads((bundle / "fold.json").read_text(encoding="utf-8"))
    assert dict(zip(fold_map["from"], fold_map["to"]))["劑"] == "剂"


@pytest.mark.parametrize("lang", LANGS)
def test_search_page(fixture_output, lang):
    html = soup(fixture_output, f"{lang}/search")
    form = html.select_one("main form[role=search]")
    assert form["action"] == f"/{lang}/search/" and form["method"] == "get"
    field = form.select_one("input[name=q]")
    assert html.select_one(f"label[for={field['id']}]").get_text(strip=True)
    fallback = [a["href"] for a in html.select("[data-search-fallback] a")]
    assert fallback == [f"/{lang}/cases/", f"/{lang}/technologies/", f"/{lang}/events/"]
    script = html.select_one("script[src$='search.js']")
    assert script["type"] == "module" and not html.select("script:not([src])")
    module = html.select_one("[data-module=app-search]")
    assert module["data-bundle"] == "/pagefind/"
    assert module.has_attr("data-fold") == (lang != "en")
    # Search is the box beside the navigation (in the Menu on a phone), not an item of it.
    assert not html.select(".app-nav a[aria-current=page]")
    assert not html.select("header form[role=search]"), "one search box on the search page"
    for name in ["type", "sector", "category", "year"]:
        assert html.select_one(f"select[name={name}] option[value='']")


def test_every_other_page_has_the_header_search_box(fixture_output):
    for lang in LANGS:
        form = soup(fixture_output, f"{lang}/cases/printer-voc-recovery").select_one("header form[role=search]")
        assert form["action"] == f"/{lang}/search/"
        assert form.select_one("input[name=q]")


def test_the_labels_are_in_the_page_language(fixture_output):
    tc = soup(fixture_output, "tc/search")
    assert tc.h1.get_text() == "搜尋"
    assert tc.select_one("select[name=sector] option[value=printing]").get_text() == "印刷和出版業"
    sc = soup(fixture_output, "sc/search")
    assert sc.select_one("select[name=sector] option[value=printing]").get_text() == "印刷和出版业"


@pytest.mark.slow
def test_the_build_is_deterministic_but_for_the_declared_files(fixture_output, tmp_path):
    again = tmp_path / "again"
    result = build(FIXTURE_SITE, again)
    assert result.returncode == 0, result.stderr
    first = {p.relative_to(fixture_output).as_posix(): p.read_bytes() for p in fixture_output.rglob("*") if p.is_file()}
    second = {p.relative_to(again).as_posix(): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    allowed = [pattern.format(bundle="pagefind") for pattern in NONDETERMINISTIC]

    def declared(path):
        return any(fnmatch.fnmatch(path, pattern) for pattern in allowed)

    assert {p for p in first if not declared(p)} == {p for p in second if not declared(p)}
    differing = sorted(p for p in first.keys() & second.keys() if first[p] != second[p] and not declared(p))
    assert not differing, f"changed between two builds of the same content: {differing}"


@pytest.mark.slow
def test_search_can_be_switched_off(tmp_path):
    output = tmp_path / "output"
    result = build(FIXTURE_SITE, output, "-e", 'SEARCH={"index": false}')
    assert result.returncode == 0, result.stderr
    assert not (output / "pagefind").exists()
    html = soup(output, "en/search")
    assert not html.select("script[src$='search.js']")
    assert "not available" in html.select_one("[data-search-fallback]").get_text()


@pytest.mark.slow
def test_an_unknown_setting_is_reported(tmp_path):
    result = build(FIXTURE_SITE, tmp_path / "output", "-e", 'SEARCH={"indx": false}')
    assert result.returncode == 0
    assert re.search(r"unknown SEARCH setting\(s\) indx", result.stdout + result.stderr)


@pytest.mark.slow
def test_a_failed_index_stops_the_build_with_a_clear_message(tmp_path):
    # the index folder would replace a page: refused, the build fails, no traceback
    result = build(FIXTURE_SITE, tmp_path / "output", "-e", 'SEARCH={"bundle": "404.html"}')
    assert result.returncode == 1
    assert "search: could not index" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
