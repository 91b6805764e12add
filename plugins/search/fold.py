"""Fold Chinese text to one searchable form, the same way at build time and in the browser.

A query in either Chinese script must find pages in either script, and Pagefind segments
Simplified text far better than Traditional. So the Chinese pages are indexed in a folded form and
every query is folded the same way before it is searched:

1. compatibility characters become their ordinary form (NFKC), where that is one letter, digit or
   ideograph for one (the source paper has compatibility ideographs such as U+F98E for 年, and
   full-width ＶＯＣ);
2. every Traditional character becomes its first Simplified candidate in OpenCC's `hk2s` data
   (廢 -> 废, 製 -> 制, 衞 -> 卫), one character for one character;
3. a few spellings that the content uses side by side become one (`VARIANTS`: 活性碳 -> 活性炭),
   each replaced by a spelling of the same length.

Every step maps one character to one character, so a folded text is exactly as long as the
text it came from: position i of the folded text is position i of the original. The indexer uses
that to show Traditional excerpts of pages that were indexed in folded form.

The browser gets the character map as a small JSON file (`browser_map`): only the entries whose
folded character occurs in the indexed text (a query character folding to anything else cannot
match anyway).
"""

import json
import re
import unicodedata
from collections import Counter
from functools import lru_cache

import opencc

#: Spellings used side by side in the content, folded to one (both of the same length, both in
#: folded form). 活性碳 and 活性炭 both name activated carbon; 碳 alone (二氧化碳) stays apart.
VARIANTS = {"活性碳": "活性炭"}
assert all(len(variant) == len(spelling) for variant, spelling in VARIANTS.items())

#: Blocks of Han ideographs (and the full-width forms) whose characters may fold to another.
_RANGES = (
    (0x3400, 0x4DBF),  # CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
    (0x20000, 0x2A6DF),  # Extension B
    (0x2A700, 0x2EBEF),  # Extensions C to F
    (0x2F800, 0x2FA1F),  # CJK Compatibility Ideographs Supplement
)


def _nfkc_one(char):
    """NFKC of one character when that is one letter, digit or ideograph; else the character."""
    normal = unicodedata.normalize("NFKC", char)
    return normal if len(normal) == 1 and normal.isalnum() else char


@lru_cache(maxsize=1)
def fold_table():
    """{code point: folded character} for every character that folding changes."""
    chars = [chr(code) for low, high in _RANGES for code in range(low, high + 1)]
    normal = [_nfkc_one(char) for char in chars]
    # One call for all characters, one per line: OpenCC's phrase tables never span a line break.
    simplified = opencc.OpenCC("hk2s").convert("\n".join(normal)).split("\n")
    assert len(simplified) == len(chars), "OpenCC changed the number of lines"
    table = {}
    for char, folded in zip(chars, simplified):
        if len(folded) != 1:  # never happens with OpenCC 1.4's data; keep the fold 1:1 if it does
            folded = _nfkc_one(char)
        if folded != char:
            table[ord(char)] = folded
    return table


#: Han ideographs: the blocks of `_RANGES` less the full-width forms.
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_BETWEEN_HAN = re.compile(f"(?<={HAN.pattern})(?={HAN.pattern})")
#: Pagefind's mark of a word boundary in Chinese text.
WORD_BREAK = "\u200b"


def separate_han(text):
    """`text` with a word break (U+200B) between any two adjacent Han characters.

    Pagefind then indexes each Chinese character as a word, whatever its own segmenter (at build
    time) and the browser's (at query time) would make of the text, and the browser can search
    any Chinese substring of a page as a run of characters (see theme/static/js/search.js).
    """
    return _BETWEEN_HAN.sub(WORD_BREAK, text)


def fold(text):
    """The folded form of `text`: same length, Simplified, one spelling per variant."""
    folded = text.translate(fold_table())
    for variant, spelling in VARIANTS.items():
        folded = folded.replace(variant, spelling)
    return folded


def back_map(originals):
    """{folded character: the original character it most often comes from} over `originals`
    (texts before folding), for the characters that folding changes: how the search page writes
    a Simplified query in Traditional characters when the reader switches to the Traditional site
    (发 -> 發, the commonest of 發 and 髮 in the pages)."""
    counts = Counter()
    for text in originals:
        counts.update(folded_characters(text))
    return back_map_from_counts(counts)


def folded_characters(text):
    """Counter of the characters of `text` that folding changes (what `back_map` counts)."""
    table = fold_table()
    return Counter(char for char in text if ord(char) in table)


def back_map_from_counts(counts):
    """`back_map` from the counts of `folded_characters` over the texts."""
    table = fold_table()
    back = {}
    for char, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        back.setdefault(table[ord(char)], char)
    return back


def browser_map(folded_texts, originals=()):
    """The map the browser needs to fold queries for an index built from `folded_texts`.

    Returns {"from": str, "to": str, "variants": [[variant, spelling], ...], "back": {"from": str,
    "to": str}}: `from[i]` folds to `to[i]`; `back` writes folded characters in the script of
    `originals` (`back_map`), for the language switcher. Only characters whose folded form occurs in the texts are listed. The browser
    normalises a query with NFKC before it folds it, and folds page text character by character
    (to find a query in it without moving any character), so the NFKC entries stay in the map.
    """
    present = set()
    for text in folded_texts:
        present.update(text)
    counts = Counter()
    for text in originals:
        counts.update(folded_characters(text))
    return browser_map_from(present, counts)


def browser_map_from(present, counts):
    """`browser_map` from the characters of the folded texts and the `folded_characters` counts
    of the originals (what an index built page by page collects)."""
    pairs = sorted(
        (chr(code), folded)
        for code, folded in fold_table().items()
        if folded in present
    )
    back = sorted(back_map_from_counts(counts).items())
    return {
        "from": "".join(source for source, _ in pairs),
        "to": "".join(target for _, target in pairs),
        "variants": [list(pair) for pair in VARIANTS.items()],
        "back": {"from": "".join(folded for folded, _ in back), "to": "".join(original for _, original in back)},
    }


def browser_map_json(folded_texts, originals=()):
    return json.dumps(browser_map(folded_texts, originals), ensure_ascii=False, separators=(",", ":"))
