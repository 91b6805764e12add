"""Folding Chinese text for the index and for queries (plugins/search/fold.py), and taking the
original text back for results (plugins/search/indexer.py)."""

import json

import pytest

from plugins.search.fold import VARIANTS, WORD_BREAK, browser_map, fold, separate_han
from plugins.search.indexer import _Mismatch, unfold


@pytest.mark.parametrize(
    "text, folded",
    [
        ("廢水回用", "废水回用"),  # Traditional to Simplified
        ("废水回用", "废水回用"),  # Simplified stays
        ("揮發性有機化合物", "挥发性有机化合物"),
        ("衞生", "卫生"),  # a Hong Kong variant form
        ("活性碳吸附", "活性炭吸附"),  # the variant spelling
        ("二氧化碳", "二氧化碳"),  # 碳 alone is not folded
        ("ＶＯＣ排放", "VOC排放"),  # full-width letters (NFKC)
        ("\uf98e", "年"),  # a CJK compatibility ideograph (NFKC)
        ("（RO）、，", "（RO）、，"),  # punctuation is left as it is
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_keeps_every_character_in_its_place():
    text = "<h1 id=\"工廠面對的問題\">東莞印刷廠以活性碳回收溶劑（ＶＯＣ）\uf98e</h1>"
    folded = fold(text)
    assert len(folded) == len(text)
    assert all(len(variant) == len(spelling) for variant, spelling in VARIANTS.items())


def test_separate_han_breaks_only_between_han_characters():
    assert separate_han("活性炭 VOC排放。RO") == f"活{WORD_BREAK}性{WORD_BREAK}炭 VOC排{WORD_BREAK}放。RO"


def test_browser_map_holds_only_what_the_index_needs():
    map_ = browser_map(["废水回用"])
    pairs = dict(zip(map_["from"], map_["to"]))
    assert pairs["廢"] == "废" and pairs["迴"] == "回"
    assert set(pairs.values()) <= set("废水回用")
    assert map_["variants"] == [["活性碳", "活性炭"]]
    assert len(json.dumps(map_, ensure_ascii=False).encode()) < 200


def test_unfold_takes_the_characters_back_and_keeps_the_word_breaks():
    original = "東莞\u200b印刷\u200b廠"  # Pagefind's words in the Traditional text
    folded = "东\u200b莞\u200b印\u200b刷\u200b厂"  # and in the folded one
    assert unfold(folded, original) == "東\u200b莞\u200b印\u200b刷\u200b廠"
    assert unfold(folded, original, keep_breaks=False) == original


def test_unfold_refuses_a_text_that_is_not_the_same_page():
    with pytest.raises(_Mismatch):
        unfold("东莞印刷厂", "東莞製衣廠")
    with pytest.raises(_Mismatch):
        unfold("东莞", "東莞廠")
