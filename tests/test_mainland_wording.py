"""The Hong Kong -> mainland wording layer of the Simplified site (content/data/mainland-wording.yaml):
the table's validation, where it applies and where it never does, the content cache, `make check`,
and zero table words on the /sc/ pages of the real content build."""

import pytest

from conftest import ROOT
from plugins.checks import run_checks
from plugins.checks.wording import protected_names
from plugins.contract.loader import load_content
from plugins.multilingual import mainland
from tools.hk_terms import sc_texts

TABLE = ROOT / "content/data/mainland-wording.yaml"
CASE = "cases/printer-voc-recovery"
SMALL_TABLE = """\
- hk: 搜尋
  mainland: 搜索
- hk: 個案
  mainland: 案例
- hk: 資料
  mainland: 信息
- hk: 參考資料
  mainland: 参考资料
- hk: 揮發性有機化合物
  mainland: 挥发性有机物
- hk: 營運
  mainland: 运营
- hk: 懸浮粒子
  mainland: 颗粒物
"""


@pytest.fixture
def wording():
    return mainland.Wording(mainland._entries(TABLE), protected=["示例塑膠（深圳）有限公司", "香港生產力促進局"])


def write_table(tmp_path, text):
    path = tmp_path / "mainland-wording.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- the table ---------------------------------------------------------------------------------

def test_real_table_has_at_least_sixty_replacing_entries():
    pairs = mainland.load_wording(TABLE)
    assert len(pairs) >= 60
    assert ("搜尋", "搜索") in pairs and ("個案", "案例") in pairs and ("揮發性有機化合物", "挥发性有机物") in pairs
    assert all(hk != mainland_word for hk, mainland_word in pairs)


@pytest.mark.parametrize("text, line, message", [
    ("- hk: 搜尋\n  mainland: 搜索\n- hk: 搜寻\n  mainland: 搜索\n", 3, "'搜寻' is already in the table (line 1: 搜尋)"),
    ("- hk: 搜尋\n", 1, "entry 1 needs mainland"),
    ("- hk: 搜尋\n  mainland: 搜索\n  context: web\n", 1, "unknown field(s) context"),
    ("- hk: 搜尋\n  mainland: 搜尋\n", 2, "mainland '搜尋' must be written in Simplified characters"),
    ("- hk: search\n  mainland: 搜索\n", 1, "hk 'search' has no Chinese characters"),
    ("- hk: 石油氣\n  mainland: 液化石油气\n", 1, "mainland '液化石油气' contains '石油氣' (line 1)"),
    ("- hk: 資料\n  mainland: 信息\n- hk: 訊息\n  mainland: 资料\n", 3, "mainland '资料' contains '資料' (line 1)"),
    ("hk: 搜尋\n", 1, "must be a list of entries"),
    ("- hk: [搜尋\n", 2, "this is not valid YAML"),
])
def test_a_bad_table_is_reported_with_its_line(tmp_path, text, line, message):
    path = write_table(tmp_path, text)
    with pytest.raises(mainland.WordingError) as caught:
        mainland.load_wording(path)
    assert any(where == path and at == line and message in said for where, at, said in caught.value.problems), caught.value.problems
    assert f"{path}:{line}: " in str(caught.value)


def test_an_entry_keeping_a_longer_phrase_makes_a_loop_acceptable(tmp_path):
    path = write_table(tmp_path, "- hk: 石油氣\n  mainland: 液化石油气\n- hk: 液化石油氣\n  mainland: 液化石油气\n")
    assert mainland.load_wording(path) == [("石油氣", "液化石油气")]


# --- the conversion ------------------------------------------------------------------------------

def test_longest_match_first_in_one_pass(wording):
    assert wording.convert("搜尋個案的參考資料和項目資料") == "搜索案例的参考资料和项目信息"
    assert wording.convert("石油氣和液化石油氣") == "液化石油气和液化石油气"  # not 液化液化石油气
    assert wording.convert(wording.convert("聯絡我們")) == "联系我们"


def test_never_inside_names_quotations_titles_code_urls_or_attributes(wording):
    html = ('<p title="個案">個案：<a href="/sc/搜尋/">搜尋</a> https://example.org/搜尋 <code>個案</code></p>'
            "<blockquote><p>搜尋個案</p></blockquote><q>個案</q><pre>資料</pre>"
            "<p>《個人資料（私隱）條例》與示例塑膠（深圳）有限公司的塑膠、香港生產力促進局</p>")
    assert wording.convert(html) == (
        '<p title="个案">案例：<a href="/sc/搜寻/">搜索</a> https://example.org/搜寻 <code>个案</code></p>'
        "<blockquote><p>搜寻个案</p></blockquote><q>个案</q><pre>资料</pre>"
        "<p>《个人资料（私隐）条例》与示例塑胶（深圳）有限公司的塑料、香港生产力促进局</p>")


def test_leftovers_report_only_what_the_conversion_left(wording):
    assert wording.leftovers("<code>搜寻</code>参考资料、示例塑胶（深圳）有限公司") == []
    found = wording.leftovers("<code>搜寻</code>参考资料、示例塑胶（深圳）有限公司、塑胶", everywhere=True)
    assert [(hk, word) for _, hk, word in found] == [("搜尋", "搜索"), ("塑膠", "塑料")]


# --- the build ----------------------------------------------------------------------------------

@pytest.fixture
def fixture_with_table(fixture_copy):
    (fixture_copy / "data/mainland-wording.yaml").write_text(SMALL_TABLE, encoding="utf-8")
    return fixture_copy


def test_generated_simplified_text_is_in_mainland_wording(fixture_with_table):
    tc = fixture_with_table / CASE / "tc.md"
    tc.write_text(tc.read_text(encoding="utf-8").replace("summary: 六台", "summary: 搜尋個案：六台")
                  + "\n> 原文：個案\n\n香港生產力促進局提供資料。\n", encoding="utf-8")
    site, problems = load_content(fixture_with_table, cache_path=None)
    assert site is not None, [str(p) for p in problems]
    text = site.get("cases", "printer-voc-recovery").texts["sc"]
    assert text.summary.startswith("搜索案例：六台")
    assert "挥发性有机物排放减少" in text.body_html and "运营开支" in text.body_html
    assert "<blockquote>\n<p>原文：个案</p>" in text.body_html
    assert "香港生产力促进局提供信息" in text.body_html
    assert site.vocab["issues"]["voc"]["sc"] == "挥发性有机物"
    assert site.vocab["issues"]["particulates"]["sc"] == "颗粒物"
    assert site.vocab["organisations"]["hkpc"]["sc"] == "香港生产力促进局"


def test_a_hand_written_sc_md_is_kept_as_it_is(fixture_with_table):
    (fixture_with_table / CASE / "sc.md").write_text("---\ntitle: 搜寻个案\nsummary: 个案。\n---\n个案资料。\n", encoding="utf-8")
    site, problems = load_content(fixture_with_table, cache_path=None)
    text = site.get("cases", "printer-voc-recovery").texts["sc"]
    assert (text.title, text.summary) == ("搜寻个案", "个案。") and "个案资料" in text.body_html


def test_editing_the_table_invalidates_cached_conversions(fixture_with_table, tmp_path):
    cache = tmp_path / "cache.sqlite"
    site, _ = load_content(fixture_with_table, cache_path=cache)
    assert "运营开支" in site.get("cases", "printer-voc-recovery").texts["sc"].body_html
    table = fixture_with_table / "data/mainland-wording.yaml"
    table.write_text(table.read_text(encoding="utf-8").replace("mainland: 运营", "mainland: 运行"), encoding="utf-8")
    site, _ = load_content(fixture_with_table, cache_path=cache)
    assert "运行开支" in site.get("cases", "printer-voc-recovery").texts["sc"].body_html


def test_a_bad_table_stops_the_build_naming_its_line(fixture_with_table):
    (fixture_with_table / "data/mainland-wording.yaml").write_text(SMALL_TABLE + "- hk: 搜尋\n  mainland: 检索\n", encoding="utf-8")
    site, problems = load_content(fixture_with_table, root=fixture_with_table.parent, cache_path=None)
    assert site is None
    assert "content/data/mainland-wording.yaml:15: '搜尋' is already in the table (line 1: 搜尋); keep only one" in {str(p) for p in problems}


# --- make check ---------------------------------------------------------------------------------

def test_check_reports_table_words_left_on_the_simplified_site(fixture_with_table):
    tc = fixture_with_table / CASE / "tc.md"
    tc.write_text(tc.read_text(encoding="utf-8") + "\n> 原文：搜尋個案\n\n參考資料見《個案手冊》及 `資料`。\n", encoding="utf-8")
    (fixture_with_table / "cases/dyeing-water-reuse/sc.md").write_text("---\ntitle: 个案\n---\n正文搜寻。\n", encoding="utf-8")
    found = {str(p) for p in run_checks(fixture_with_table, root=fixture_with_table.parent, git=False) if "Hong Kong wording" in p.message}
    quoted = "inside a quotation, a title in 《》, code or an address, which the build never changes: reword it, keep the phrase whole in the table, or write an sc.md"
    by_hand = "written by hand, so the build keeps it as it is"
    assert found == {
        f"content/{CASE}/tc.md:14: warning: Hong Kong wording on the Simplified site: 搜寻 (mainland: 搜索), {quoted}",
        f"content/{CASE}/tc.md:14: warning: Hong Kong wording on the Simplified site: 个案 (mainland: 案例), {quoted}",
        f"content/{CASE}/tc.md:16: warning: Hong Kong wording on the Simplified site: 个案 (mainland: 案例), {quoted}",
        f"content/{CASE}/tc.md:16: warning: Hong Kong wording on the Simplified site: 资料 (mainland: 信息), {quoted}",
        f"content/cases/dyeing-water-reuse/sc.md:2: warning: Hong Kong wording on the Simplified site: 个案 (mainland: 案例), {by_hand}",
        f"content/cases/dyeing-water-reuse/sc.md:4: warning: Hong Kong wording on the Simplified site: 搜寻 (mainland: 搜索), {by_hand}",
    }


def test_check_follows_the_table_for_terms_in_a_hand_written_sc_md(fixture_with_table):
    (fixture_with_table / "data/terms.yaml").write_text((ROOT / "content/data/terms.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (fixture_with_table / CASE / "sc.md").write_text("---\ntitle: 东莞印刷厂\n---\n挥发性有机物减少。\n", encoding="utf-8")
    assert not [str(p) for p in run_checks(fixture_with_table, root=fixture_with_table.parent, git=False)]


def test_real_content_has_no_hong_kong_wording_warning():
    found = [str(p) for p in run_checks(ROOT / "content", root=ROOT, git=False) if "Hong Kong wording" in p.message]
    assert not found, found


# --- the real site ------------------------------------------------------------------------------

#: Visible text that legitimately holds a Hong Kong word: besides the names of organisations and
#: awardees (data/organisations.yaml, data/awardees.csv) and the phrases the table keeps whole,
#: nothing. Add here only a proper name that the data files do not list.
ALLOWED_NAMES = ()


def test_no_table_word_on_the_simplified_pages_of_the_real_content(content_output):
    content = ROOT / "content"
    wording = mainland.load(content, protected=[*protected_names(content), *ALLOWED_NAMES])
    texts = sc_texts(content_output)
    assert len(texts) > 100
    left = [f"sc/{page}: {hk} (mainland: {word})"
            for page, text in texts.items() for _, hk, word in wording.leftovers(text, everywhere=True)]
    assert not left, f"{len(left)} Hong Kong words on /sc/: " + "; ".join(left[:40])
    everything = "\n".join(texts.values())
    assert "案例报告" in everything and "挥发性有机物" in everything and "搜索" in everything
