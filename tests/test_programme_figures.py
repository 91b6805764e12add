"""Every programme figure traces to the source paper, and the content of issue 4 is all there.

The paper (docs/sources/legco-2015-07-cpp-report.tc.txt) is text taken from a PDF: it has CJK
compatibility ideographs and full-width punctuation (fixed by NFKC) and spaces between characters
and inside numbers (`9,306 萬 元`, `6 100`, `300 ,000`). `paper_values` reads it into the set of
values it states, by kind:

- "hkd": amounts in dollars (`9,306萬元` -> 93060000, `1億5,000萬元` -> 150000000, `10億元`);
- "pct": percentages (`13%` -> 13);
- "number": every number written in digits or in Chinese numerals (`6 100` -> 6100, `六家` -> 6);
- "date": dates in Chinese numerals as ISO strings, as precise as written
  (`二零一五年二月五日` -> "2015-02-05", `二零零八年四月` -> "2008-04", `二零零九年` -> "2009").

A figure in programme.yaml must be in the set of its kind: keys ending in `_hkd` in "hkd", keys
ending in `_pct` in "pct", other numbers in "number", date strings in "date". `para` keys are
paragraph references, not figures; they are checked against the paragraph numbers of the paper.
"""

import importlib.util
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def _load_programme_model():
    """Import plugins/contract/programme.py on its own, without the rest of the build plugins."""
    spec = importlib.util.spec_from_file_location("programme_schema", ROOT / "plugins" / "contract" / "programme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Programme


Programme = _load_programme_model()

PAPER = ROOT / "docs" / "sources" / "legco-2015-07-cpp-report.tc.txt"
PROGRAMME = ROOT / "content" / "data" / "programme.yaml"
CONTENT = ROOT / "content"

# --------------------------------------------------------------------------------------------
# Reading the paper


def normalise(raw):
    """NFKC, then drop the spaces the PDF put between characters.

    A run of spaces between two digits on one line is kept as a single space (it may be a
    thousands separator, `6 100`, or a column gap in the table of paragraph 9, `164 107`); a
    line break between two digits is kept as a line break; every other blank is removed.
    """
    text = unicodedata.normalize("NFKC", raw)
    text = re.sub(r"(?<=\d)\s+(?=,\d)", "", text)  # "300 ,000" -> "300,000"

    def blank(match):
        gap = match.group(0)
        start, end = match.start(), match.end()
        between_digits = start > 0 and end < len(text) and text[start - 1].isdigit() and text[end].isdigit()
        if not between_digits:
            return ""
        return "\n" if "\n" in gap else " "

    return re.sub(r"\s+", blank, text)


CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}


def chinese_number(word):
    """A Chinese numeral below 100: 五 -> 5, 十 -> 10, 十七 -> 17, 三十一 -> 31."""
    if "十" in word:
        tens, _, units = word.partition("十")
        return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[units] if units else 0)
    value = 0
    for char in word:
        value = value * 10 + CN_DIGITS[char]
    return value


DATE = re.compile(r"([〇零一二三四五六七八九]{4})年(?:([一二三四五六七八九十]{1,3})月"
                  r"(?:([一二三四五六七八九十]{1,3})日)?)?")
CN_NUMBER = re.compile(r"[一二兩三四五六七八九十]+")
MONEY = re.compile(r"(?:([\d,]+)億)?(?:([\d,]+)萬)?([\d,]+)?元")
PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")
CLUSTER = re.compile(r"\d[\d, ]*\d|\d")  # digits with the commas and spaces inside a number


def _int(digits):
    return int(digits.replace(",", ""))


def cluster_values(cluster):
    """The values a run of digit groups can mean: `6 100` -> 6, 100 and 6100;
    `164 107 271 250` (a table row) -> each column alone (and a few joined values no figure has)."""
    parts = cluster.split()
    values = set()
    for i, first in enumerate(parts):
        values.add(_int(first))
        joined = first.replace(",", "")
        for part in parts[i + 1:]:
            if len(part) != 3 or not part.isdigit():
                break
            joined += part
            values.add(int(joined))
    return values


def paper_values(text):
    """{kind: set of values} of the normalised text `text` (see the module docstring)."""
    found = {"hkd": set(), "pct": set(), "number": set(), "date": set()}
    for match in MONEY.finditer(text):
        yi, wan, yuan = match.groups()
        if yi or wan or yuan:
            found["hkd"].add((_int(yi) * 100_000_000 if yi else 0)
                             + (_int(wan) * 10_000 if wan else 0) + (_int(yuan) if yuan else 0))
    for match in PERCENT.finditer(text):
        found["pct"].add(float(match.group(1)) if "." in match.group(1) else int(match.group(1)))
    for match in CLUSTER.finditer(text):
        found["number"] |= cluster_values(match.group(0))
    for match in DATE.finditer(text):
        year = "".join(str(CN_DIGITS[c]) for c in match.group(1))
        month, day = match.group(2), match.group(3)
        iso = year
        if month:
            iso += f"-{chinese_number(month):02d}"
        if day:
            iso += f"-{chinese_number(day):02d}"
        found["date"].add(iso)
    for match in CN_NUMBER.finditer(DATE.sub("", text)):
        found["number"].add(chinese_number(match.group(0)))
    return found


def paragraph_numbers(raw):
    """The numbers of the paper's numbered paragraphs (`2 .  環境保護署...`)."""
    text = unicodedata.normalize("NFKC", raw)
    return {int(m.group(1)) for m in re.finditer(r"^\s*(\d+) ?\.\s", text, re.MULTILINE)}


# --------------------------------------------------------------------------------------------
# Walking programme.yaml

ISO_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")


def figures(node, path=()):
    """Yield (dotted path, kind, value) for every figure in programme.yaml."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key != "para":
                yield from figures(value, path + (str(key),))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from figures(item, path + (str(index),))
    elif isinstance(node, bool):
        return
    elif isinstance(node, (int, float)):
        key = path[-1]
        kind = "hkd" if key.endswith("_hkd") else "pct" if key.endswith("_pct") else "number"
        yield ".".join(path), kind, node
    elif isinstance(node, str) and ISO_DATE.match(node):
        yield ".".join(path), "date", node


def paras(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "para":
                yield from value if isinstance(value, list) else [value]
            else:
                yield from paras(value)
    elif isinstance(node, list):
        for item in node:
            yield from paras(item)


def untraced(data, values):
    """The figures of `data` that the paper does not state, as (path, value)."""
    return [(path, value) for path, kind, value in figures(data) if value not in values[kind]]


@pytest.fixture(scope="module")
def paper_raw():
    return PAPER.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def values(paper_raw):
    return paper_values(normalise(paper_raw))


@pytest.fixture(scope="module")
def programme():
    with PROGRAMME.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


# --------------------------------------------------------------------------------------------
# The parser itself


@pytest.mark.parametrize("written, kind, value", [
    ("首五年伙伴計劃總開支為9,306 萬 元 。", "hkd", 93060000),
    ("撥 款 1 億 5,000 萬 元 ， 以 延 展", "hkd", 150000000),
    ("開 支 總 額 為 4,998 萬 元 。", "hkd", 49980000),
    ("並 以 300 ,000 元 為 上 限", "hkd", 300000),
    ("約 10億 元 生 產 成 本", "hkd", 1000000000),
    ("吸 引 約 6 100 人 參 加", "number", 6100),
    ("吸 引 約 6100 人 參 加", "number", 6100),
    ("二 氧 化 碳  840  000", "number", 840000),
    ("的 13%升 至", "pct", 13),
    ("其 餘 六 家 為 區 外 公 司", "number", 6),
    ("「 第 十 七 屆 粵 港 合 作 聯 席 會 議 」", "number", 17),
    ("二 零 一 五 年 三 月 三 十 一 日", "date", "2015-03-31"),
    ("在 二 零 零 八 年 四 月 推 出", "date", "2008-04"),
    ("自 二 零 零 九 年 起", "date", "2009"),
])
def test_parser_reads_number_expressions(written, kind, value):
    assert value in paper_values(normalise(written))[kind]


def test_parser_keeps_table_columns_apart():
    found = paper_values(normalise("實地評估  164 107 271 250 \n示範項目  47 51  98 90"))["number"]
    assert {164, 107, 271, 250, 47, 51, 98, 90} <= found
    assert 4751 not in found  # a two-digit column is never read as a thousands group


def test_paper_is_the_seed_copy(paper_raw):
    assert "清 潔 生 產 伙 伴 計 劃 報 告" in paper_raw
    assert "\uf98e" in paper_raw  # the compatibility ideograph 年 that NFKC removes


# --------------------------------------------------------------------------------------------
# programme.yaml


def test_programme_validates(programme):
    Programme.model_validate(programme)


def test_every_figure_is_in_the_paper(programme, values):
    assert untraced(programme, values) == []


def test_there_are_figures_of_every_kind(programme):
    kinds = {kind for _, kind, _ in figures(programme)}
    assert kinds == {"hkd", "pct", "number", "date"}


@pytest.mark.parametrize("path, wrong", [
    (("phases", "first", "spend_hkd"), 93010000),           # 9,301萬 for 9,306萬
    (("phases", "extension_2013", "spend_hkd"), 4998),       # the figure without its 萬
    (("promotion", "participants"), 9301),
    (("service_providers", "total"), 193),
    (("reduction_ranges", "wastewater", "max_pct"), 95),
    (("cooperation", "first_meeting"), "2015-02-15"),
    (("benefits", "reductions", "co2", "tonnes"), 84000),
])
def test_a_mistyped_figure_is_rejected(programme, values, path, wrong):
    import copy

    data = copy.deepcopy(programme)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = wrong
    assert untraced(data, values) == [(".".join(path), wrong)]


def test_9301_is_not_in_the_paper(values):
    assert 9301 not in values["number"]
    assert 93010000 not in values["hkd"]


def test_para_references_exist(programme, paper_raw):
    numbered = paragraph_numbers(paper_raw)
    assert set(range(2, 21)) <= numbered
    assert set(paras(programme)) <= numbered


def test_totals_add_up(programme):
    p = Programme.model_validate(programme)
    assert p.phases.extension_2013.spend_hkd <= p.phases.extension_2013.funding_hkd
    assert p.demonstration_split.total == p.approvals.demonstration.total
    assert len(p.management.committee.chambers) == p.management.committee.chambers_count


def test_model_refuses_unknown_keys_and_text_numbers(programme):
    import copy

    from pydantic import ValidationError

    extra = copy.deepcopy(programme)
    extra["promotion"]["viewers"] = 1
    with pytest.raises(ValidationError):
        Programme.model_validate(extra)
    text = copy.deepcopy(programme)
    text["phases"]["first"]["spend_hkd"] = "93.06 million"
    with pytest.raises(ValidationError):
        Programme.model_validate(text)
    bad_date = copy.deepcopy(programme)
    bad_date["cooperation"]["first_meeting"] = "2015-02-30"
    with pytest.raises(ValidationError):
        Programme.model_validate(bad_date)


# --------------------------------------------------------------------------------------------
# The content this issue asks for

# Technology slug -> category (Annex B), used when a technology brief is not written yet.
CATEGORIES = {
    "voc": "electrostatic-precipitator activated-carbon-regeneration dmf-condensation-recovery "
           "sealed-vacuum-cleaning-machine enclosed-automatic-spray-line digital-inkjet-printing "
           "uv-curing-varnish central-fountain-solution-filtration ion-purification "
           "micro-bubble-scrubbing non-thermal-plasma uv-photolysis biofiltration "
           "adsorption-catalytic-combustion",
    "air": "sncr-denitrification sealed-screw-filter-centrifuge pulse-jet-filter "
           "electric-food-waste-dryer biomass-burner natural-gas-steam-boiler electric-thermal-oil-boiler",
    "wastewater": "etchant-regeneration-copper-recovery ozone-plasma-denim-fading "
                  "nano-bubble-textile-softening conductive-polymer-direct-plating "
                  "desmear-filtration-recycling reverse-osmosis ion-exchange-reverse-osmosis "
                  "electromagnetic-separator-ultrafiltration vibratory-membrane-filtration "
                  "submerged-biological-aerated-filter anaerobic-baffled-reactor sequencing-batch-mbr "
                  "ammonia-stripping anaerobic-anoxic-oxic electrocoagulation-mbr",
    "energy": "grid-connected-photovoltaic energy-management-system central-chiller-control "
              "infrared-heating-injection-moulding servo-motor heat-pump-falling-film-evaporator "
              "electromagnetic-descaling two-stage-screw-compressor oil-free-magnetic-bearing-compressor "
              "thick-film-heater variable-frequency-drive high-frequency-switching-power "
              "uv-led-pcb-exposure pump-vortex-reduction-booster chilled-water-thermal-storage "
              "waste-heat-recovery",
}
TECHNOLOGY_CATEGORY = {slug: cat for cat, slugs in CATEGORIES.items() for slug in slugs.split()}


def category_of(slug):
    meta = CONTENT / "technologies" / slug / "meta.yaml"
    if meta.exists():
        return yaml.safe_load(meta.read_text(encoding="utf-8"))["category"]
    return TECHNOLOGY_CATEGORY[slug]


def metas(kind):
    folder = CONTENT / kind
    return {p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted(folder.glob("*/meta.yaml"))}


def vocabulary(name):
    return yaml.safe_load((CONTENT / "data" / f"{name}.yaml").read_text(encoding="utf-8"))


def test_case_reports_cover_every_category_and_sector():
    cases = metas("cases")
    assert len(cases) >= 16
    assert all(meta.get("illustrative") is True for meta in cases.values())
    sectors = {meta["sector"] for meta in cases.values()}
    assert sectors == set(vocabulary("sectors"))
    categories = {category_of(slug) for meta in cases.values() for slug in meta["technologies"]}
    assert categories == {"voc", "air", "wastewater", "energy"}


# Result metric -> the range of paragraph 12 that bounds it.
METRIC_RANGE = {
    "voc_reduction_pct": "voc_nox", "nox_reduction_pct": "voc_nox",
    "so2_reduction_pct": "other_air", "particulate_reduction_pct": "other_air",
    "wastewater_reduction_pct": "wastewater", "water_saving_pct": "wastewater",
    "energy_saving_pct": "energy",
}


def test_case_results_are_within_paragraph_12(programme):
    ranges = programme["reduction_ranges"]
    cap = programme["funding"]["demonstration"]["subsidy_cap_hkd"]
    for slug, meta in metas("cases").items():
        for metric, value in meta["results"].items():
            if metric in METRIC_RANGE:
                bounds = ranges[METRIC_RANGE[metric]]
                assert bounds["min_pct"] <= value <= bounds["max_pct"], (slug, metric, value)
        assert meta["project"] in {"demonstration", "verification", "assessment"}, slug
        if meta["project"] == "demonstration" and "investment_hkd" in meta:
            # half of the cost is funded, capped: the factory's investment is at least the grant
            assert meta["investment_hkd"] > 0, slug
        assert meta["results"], slug
    assert cap == 300000


def test_events_include_the_dated_events_of_the_paper():
    events = metas("events")
    starts = {str(meta["start"])[:10] for meta in events.values()}
    assert any(start.startswith("2014-11") for start in starts)
    assert "2015-02-05" in starts
    illustrative = [meta for meta in events.values() if meta.get("illustrative") is True]
    assert len(illustrative) >= 8
    assert any(str(meta["start"]) >= "2027" for meta in illustrative)
    assert any(str(meta["start"]) < "2016" for meta in illustrative)


# --------------------------------------------------------------------------------------------
# Programme pages quote figures through placeholders, never retyped

PLACEHOLDER = re.compile(r"\{programme:([a-z0-9_.]+)\}")


def page_texts():
    return sorted((CONTENT / "pages").glob("*/*.md"))


def test_page_placeholders_name_figures(programme):
    assert page_texts()
    for path in page_texts():
        for dotted in PLACEHOLDER.findall(path.read_text(encoding="utf-8")):
            node = programme
            for key in dotted.split("."):
                assert isinstance(node, dict) and key in node, f"{path}: no {dotted} in programme.yaml"
                node = node[key]
            assert isinstance(node, int) and not isinstance(node, bool), f"{path}: {dotted} is not a number"


def test_pages_do_not_retype_figures(programme):
    numbers = {value for _, kind, value in figures(programme) if kind != "date"}
    for path in page_texts():
        text = PLACEHOLDER.sub("", path.read_text(encoding="utf-8"))
        for written in re.findall(r"\d[\d,]*", text):
            value = int(written.replace(",", ""))
            # small numbers (days, "17th", list numbering) and years are not checked
            assert value < 20 or 2000 <= value <= 2030 or value not in numbers, f"{path}: {written} retyped"


def test_awardees_cover_every_category_and_year():
    import csv

    with (CONTENT / "data" / "awardees.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {(row["year"], row["category"]) for row in rows} >= {
        (year, category) for year in ("2013", "2014") for category in ("manufacturer", "etsp", "buyer", "excellent")
    }
    assert all(row["illustrative"] == "true" for row in rows)
    assert all(row["name_en"].startswith("Illustrative ") and row["name_tc"].startswith("示例") for row in rows)
    sectors, cities = vocabulary("sectors"), vocabulary("cities")
    assert all(row["sector"] in sectors and row["city"] in cities for row in rows)
