"""The case diagrams in the reader's language (tools/draw_case_diagrams.py, plugins/images/variants.py):
one per language, text of at least 12 CSS px on a 390 px phone, alt text in the page's language."""

import re
import sys

import pytest
from PIL import Image

from conftest import ROOT, soup
from plugins.images.variants import for_language
from plugins.multilingual import mainland

sys.path.insert(0, str(ROOT / "tools"))
import draw_case_diagrams as tool  # noqa: E402

LANGS = ("en", "tc", "sc")
CASES = ROOT / "content" / "cases"
HAN = re.compile(r"[\u4e00-\u9fff]")


def test_font_size_rule():
    # 12 CSS px on a 358 px wide display of a 760 px image: 12 x 760 / 358 = 25.5 -> 26 image px.
    assert tool.min_font_px(width=760, display_width=358) == 26
    assert tool.min_font_px(width=358, display_width=358) == 12
    assert tool.PHONE_DISPLAY_WIDTH == 390 - 32, "the article column on a 390 px phone: 100vw - 2rem"


@pytest.mark.parametrize("lang", LANGS)
def test_every_label_is_drawn_at_least_12_css_px(monkeypatch, lang):
    sizes = []
    real_font = tool._font

    def recording_font(size, weight, lang):
        sizes.append(size)
        return real_font(size, weight, lang)

    monkeypatch.setattr(tool, "_font", recording_font)
    for slug in tool.DIAGRAMS:
        image = tool.draw_cover(slug, lang)
        assert image.width == tool.WIDTH
    assert sizes and min(sizes) * tool.PHONE_DISPLAY_WIDTH / tool.WIDTH >= 12


@pytest.mark.parametrize("slug", sorted(tool.DIAGRAMS))
def test_each_diagram_exists_in_each_language(slug):
    for name in tool.FILE_NAMES.values():
        path = CASES / slug / name
        assert path.is_file(), f"{path} is missing: run tools/draw_case_diagrams.py"
        with Image.open(path) as image:
            assert image.width == tool.WIDTH, f"{path} is {image.width} px wide, drawn before the phone-size rule"


def test_simplified_labels_come_from_the_traditional():
    title = tool.DIAGRAMS["dongguan-printer-voc-carbon-recovery"][0]
    assert tool._say(title, "sc") == to_mainland(title[1]) == "凹版印刷：以活性炭回收溶剂"
    assert tool._say(title, "tc") == "凹版印刷：以活性炭回收溶劑"


def test_language_version_choice():
    available = {"cover.png", "cover.tc.png"}
    assert for_language(available, "cover.png", "en") == "cover.png"
    assert for_language(available, "cover.png", "tc") == "cover.tc.png"
    assert for_language(available, "cover.png", "sc") == "cover.tc.png", "Simplified falls back to Traditional"
    assert for_language(available | {"cover.sc.png"}, "cover.png", "sc") == "cover.sc.png"
    assert for_language({"cover.png"}, "cover.png", "tc") == "cover.png"


@pytest.mark.parametrize("slug", sorted(tool.DIAGRAMS))
def test_page_shows_the_diagram_and_alt_text_of_its_language(content_output, slug):
    alts = {}
    for lang in LANGS:
        html = soup(content_output / lang / "cases" / slug)
        img = html.select_one(".app-cover img")
        stem = {"en": "cover", "tc": "cover.tc", "sc": "cover.sc"}[lang]
        assert img["src"].endswith(f"/{slug}/{stem}.png"), img["src"]
        assert all(f"/{stem}" in source["srcset"] for source in html.select(".app-cover source"))
        assert (content_output / img["src"].lstrip("/")).is_file()
        alts[lang] = img["alt"]
    assert alts["en"] and not HAN.search(alts["en"]), "English alt text"
    assert HAN.search(alts["tc"]) and alts["sc"] == to_mainland(alts["tc"]) != alts["tc"], "Traditional, and Simplified (mainland wording) from it"


def to_mainland(traditional):
    """What the Simplified site makes of Traditional text: hk2s, then the mainland wording table."""
    return mainland.load(ROOT / "content").convert(traditional)
