"""Words that mean the same for the search on the Chinese sites (plugins/search/synonyms.py,
indexer.add_synonyms): hidden text that Pagefind indexes and results never show."""

import pytest

from plugins.search.fold import fold, separate_han
from plugins.search.indexer import SYNONYMS_MARK, _without_synonyms, add_synonyms, chinese_punctuation
from plugins.search.synonyms import SynonymsError, load_synonyms, synonym_pairs

PAIRS = [(fold("揮發性有機化合物"), fold("挥发性有机物")), (fold("廢水"), fold("污水"))]


def page(body, extra=""):
    return f'<html lang="zh-Hant-HK"><body><main data-pagefind-body>{body}{extra}</main></body></html>'


def test_a_page_holding_one_word_is_given_the_other():
    html = add_synonyms(fold(page("<p>減少揮發性有機化合物排放</p>")), PAIRS)
    assert f"<p hidden>{SYNONYMS_MARK}挥发性有机物</p></main>" in html
    assert "污水" not in html and "废水" not in html


def test_a_page_holding_both_or_neither_is_left_alone():
    both = fold(page("<p>揮發性有機化合物，即揮發性有機物</p>"))
    assert add_synonyms(both, PAIRS) == both
    neither = fold(page("<p>節約用電</p>"))
    assert add_synonyms(neither, PAIRS) == neither


def test_text_that_is_not_searched_gives_no_synonym():
    html = fold(page("<p>節約用電</p>", '<ul class="app-cards"><li>污水處理</li></ul><div data-pagefind-ignore>污水</div>'))
    assert add_synonyms(html, PAIRS, exclude=[".app-cards"]) == html


def test_keywords_are_searched_as_text_with_their_other_words():
    html = fold(page("<p>正文</p>", '<div hidden data-pagefind-ignore><span data-pagefind-meta="keywords">污水 · VOC</span></div>'))
    added = add_synonyms(html, PAIRS)
    assert '<span data-pagefind-meta="keywords">污水 · VOC · 废水</span>' in added
    assert f"<p hidden>{SYNONYMS_MARK}污水 · VOC · 废水</p>" in added


def test_the_fragment_loses_the_hidden_text_and_its_words():
    shown = separate_han("標題") + "\u200b. \u200b" + separate_han("正文結束") + "\u200b."
    stored = {
        "content": shown + " \u200b" + SYNONYMS_MARK + "\u200b" + separate_han("挥发") + " \u200b· \u200bVOC\u200b.",
        "word_count": 15,
        "meta": {"title": "標題", "keywords": "VOC"},
    }
    kept = _without_synonyms(stored)
    assert kept["content"] == shown and kept["meta"] == {"title": "標題"}
    assert kept["word_count"] == 15 - (stored["content"].count("\u200b") - shown.count("\u200b"))


def test_chinese_punctuation_keeps_the_words():
    text = "回\u200b用\u200b. \u200b在\u200b香\u200b港\u200b。 \u200b項\u200b目 DMF. Next\u200b告\u200b."
    fixed = chinese_punctuation(text)
    assert fixed == "回\u200b用\u200b。\u200b在\u200b香\u200b港\u200b。\u200b項\u200b目 DMF. Next\u200b告\u200b。"
    assert fixed.count("\u200b") == text.count("\u200b")


def test_the_pairs_come_from_the_mainland_table_and_the_search_list(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "mainland-wording.yaml").write_text("- hk: 能源效益\n  mainland: 能效\n", encoding="utf-8")
    (tmp_path / "data" / "search-synonyms.yaml").write_text("- [廢水, 污水, 污水]\n", encoding="utf-8")
    pairs = synonym_pairs(tmp_path)
    assert ("能源效益", "能效") in pairs and ("廢水", "污水") in pairs
    assert synonym_pairs(tmp_path / "nothing") == []


@pytest.mark.parametrize("text, line", [("- [廢水]\n", 1), ("- [廢水, 污水]\n- water\n", 2), ("- [廢水, 污水]\n- [a, b]\n", 2), ("- [廢水\n", 2)])
def test_a_bad_synonyms_entry_names_its_line(tmp_path, text, line):
    path = tmp_path / "search-synonyms.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SynonymsError, match=rf"^{path}:{line}: "):
        load_synonyms(path)


def test_the_real_list_loads():
    from conftest import ROOT

    assert ["廢水", "污水"] in load_synonyms(ROOT / "content" / "data" / "search-synonyms.yaml")
