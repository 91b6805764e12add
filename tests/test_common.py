"""plugins/common: the shared label lookup, time zone and generator base."""

import datetime
import re

import pytest

from plugins.common.clues import FOLDS_TO_ASCII, may_hold
from plugins.common.generator import SiteGenerator
from plugins.common.hong_kong import HONG_KONG, build_time
from plugins.common.labels import in_language
from plugins.contract.markdown_body import UNSAFE_CLUES, UNSAFE_PATTERN
from plugins.multilingual import mainland


@pytest.fixture
def search_wording():
    """The content's mainland table (搜尋 -> 搜索 among others), for the test's length."""
    previous = mainland.active()
    mainland.use(mainland.load("content"))
    yield
    mainland.use(previous)


def test_english_and_traditional_as_written():
    label = {"en": "Search", "tc": "搜尋", "sc": None}
    assert in_language(label, "en") == "Search"
    assert in_language(label, "tc") == "搜尋"


def test_simplified_as_written_wins(search_wording):
    assert in_language({"en": "x", "tc": "搜尋", "sc": "检索"}, "sc") == "检索"


def test_simplified_text_is_converted_into_mainland_wording(search_wording):
    assert in_language({"en": "x", "tc": "搜尋服務", "sc": None}, "sc") == "搜索服务"


def test_a_simplified_name_keeps_its_own_words(search_wording):
    assert in_language({"en": "x", "tc": "搜尋公司", "sc": ""}, "sc", name=True) == "搜寻公司"


def test_a_model_is_read_by_attribute(search_wording):
    class Label:
        en, tc = "Search", "搜尋"  # no `sc` attribute at all

    assert in_language(Label(), "sc") == "搜索"
    assert in_language(Label(), "en") == "Search"


def test_build_time_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert build_time() == datetime.datetime(1970, 1, 1, 8, tzinfo=HONG_KONG)


class Recording(SiteGenerator):
    def __init__(self, context):  # no Pelican needed to see which hooks run
        self.context, self.seen = context, []

    def generate_site_context(self, site):
        self.seen.append(("context", site))

    def write_site(self, writer, site):
        self.seen.append(("write", site))


def test_the_base_generator_skips_work_without_a_site():
    generator = Recording({})
    generator.generate_context()
    generator.generate_output(writer=None)
    assert generator.seen == []


def test_the_base_generator_passes_the_site():
    generator = Recording({"site": "the site"})
    generator.generate_context()
    generator.generate_output(writer=None)
    assert generator.seen == [("context", "the site"), ("write", "the site")]


def test_the_characters_ignorecase_folds_to_ascii_are_all_known():
    """common/clues.py is exact only if FOLDS_TO_ASCII holds every such character of Unicode."""
    ascii_letter = re.compile("[a-z]", re.I)
    folding = {chr(code) for code in range(0x80, 0x110000) if not 0xD800 <= code <= 0xDFFF and ascii_letter.fullmatch(chr(code))}
    assert folding == set(FOLDS_TO_ASCII.pattern.strip("[]"))


@pytest.mark.parametrize("text, expected", [
    ("nothing here", False),
    ("a <SCRIPT> tag", True),
    ("java\u017fcript: with a long s", True),
    ("plain Chinese 清潔生產", False),
])
def test_may_hold_rules_out_only_texts_no_case_of_a_clue_is_in(text, expected):
    assert may_hold(text, ("script",)) is expected
    assert bool(UNSAFE_PATTERN.search(text)) <= may_hold(text, UNSAFE_CLUES)
