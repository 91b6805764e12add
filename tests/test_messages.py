"""Messages in plain words, on the right line: typographic punctuation, result ranges, raw HTML,
an event ending before it starts, and what a build says when it is done."""

import os
import subprocess
import sys

import pytest

from conftest import FIXTURE_EPOCH, ROOT
from plugins.checks import run_checks
from plugins.contract.loader import load_content
from plugins.safe_build.summary import summary_line

CASE = "content/cases/printer-voc-recovery"
EXPO = "content/events/cleaner-production-expo"


def rewrite(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def errors_of(content):
    site, problems = load_content(content, root=content.parent)
    errors = [problem for problem in problems if problem.severity == "error"]
    assert site is None and errors, [str(problem) for problem in problems]
    return errors


def only_error(content):
    errors = errors_of(content)
    assert len(errors) == 1, [str(error) for error in errors]
    return errors[0]


def test_a_full_width_colon_is_named_on_its_line(fixture_copy):
    # On the second line of the front matter, YAML itself reports the line after ("could not find expected ':'").
    rewrite(fixture_copy / "cases/printer-voc-recovery/en.md", "summary: Solvent", "summary：Solvent")
    error = only_error(fixture_copy)
    assert (error.path, error.line) == (f"{CASE}/en.md", 3)
    assert "'summary' is followed by a full-width colon '：'" in error.message
    assert "use an English colon ':'" in error.message and "英文冒號" in error.message
    assert "mapping values" not in error.message


def test_a_full_width_colon_alone_in_the_front_matter(fixture_copy):
    path = fixture_copy / "cases/printer-voc-recovery/en.md"
    text = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(["---", "title：A printer", "---", *text[5:]]), encoding="utf-8")
    error = only_error(fixture_copy)
    assert (error.line, "full-width colon") == (2, "full-width colon") and "'title'" in error.message


def test_curly_quotes_are_named_on_their_line(fixture_copy):
    rewrite(fixture_copy / "events/cleaner-production-expo/en.md",
            "venue: Hong Kong Convention and Exhibition Centre", "venue: “Hall 3: Convention Centre”")
    error = only_error(fixture_copy)
    assert (error.path, error.line) == (f"{EXPO}/en.md", 4)
    assert "curly quote “" in error.message and "use straight quotes" in error.message and "直引號" in error.message


def test_curly_quotes_in_meta_yaml(fixture_copy):
    rewrite(fixture_copy / "events/cleaner-production-expo/meta.yaml",
            "registration: https://example.org/register", "registration: ‘Register: https://example.org/register’")
    error = only_error(fixture_copy)
    assert (error.path, error.line) == (f"{EXPO}/meta.yaml", 6) and "curly quote ‘" in error.message


def test_a_percentage_over_100_is_refused_with_its_label_and_line(fixture_copy):
    rewrite(fixture_copy / "cases/printer-voc-recovery/meta.yaml", "voc_reduction_pct: 85", "voc_reduction_pct: 180")
    error = only_error(fixture_copy)
    assert (error.path, error.line) == (f"{CASE}/meta.yaml", 9)
    assert "180% is not a percentage between 0 and 100" in error.message
    assert "VOC emissions reduced" in error.message  # the metric's label in data/metrics.yaml


def test_a_negative_amount_is_refused_with_its_line(fixture_copy):
    rewrite(fixture_copy / "cases/printer-voc-recovery/meta.yaml", "annual_saving_hkd: 1200000", "annual_saving_hkd: -5")
    error = only_error(fixture_copy)
    assert (error.path, error.line) == (f"{CASE}/meta.yaml", 10)
    assert "-5 is negative; a hkd amount is 0 or more" in error.message


def test_amounts_in_range_are_accepted(fixture_copy):
    rewrite(fixture_copy / "cases/printer-voc-recovery/meta.yaml", "voc_reduction_pct: 85", "voc_reduction_pct: 100")
    rewrite(fixture_copy / "cases/printer-voc-recovery/meta.yaml", "energy_saving_kwh: 120000", "energy_saving_kwh: 0")
    site, problems = load_content(fixture_copy, root=fixture_copy.parent)
    assert site is not None, [str(problem) for problem in problems]


def test_an_event_ending_before_it_starts_points_at_end_with_both_dates(fixture_copy):
    rewrite(fixture_copy / "events/cleaner-production-expo/meta.yaml", "end: 2015-03-12", "end: 2015-03-08")
    error = only_error(fixture_copy)
    assert (error.path, error.line) == (f"{EXPO}/meta.yaml", 3)
    assert "ends (2015-03-08) before it starts (2015-03-10)" in error.message


def test_raw_html_is_a_warning_on_its_line(fixture_copy):
    path = fixture_copy / "cases/printer-voc-recovery/en.md"
    rewrite(path, "The factory's six", "The factory's <b>six</b>")
    rewrite(path, "VOC emissions fell", '<iframe src="https://example.org/map"></iframe>\n\nVOC emissions fell')
    rewrite(path, "## Results", "## Results\n\nWrite `<br>` in code, it is shown as code.")
    found = [p for p in run_checks(fixture_copy, root=fixture_copy.parent, git=False) if "raw HTML" in p.message]
    assert [(p.path, p.line, p.severity) for p in found] == [(f"{CASE}/en.md", 8, "warning")] * 2 + [(f"{CASE}/en.md", 14, "warning")] * 2
    assert [p.message.split("'")[1] for p in found] == ["<b>", "</b>", '<iframe src="https://example.org/map">', "</iframe>"]
    assert "readers see as text" in found[0].message and "**bold**" in found[0].message


def test_summary_line_counts_each_language():
    assert summary_line([("English", 141), ("繁體中文", 141), ("简体中文", 141)], 11.24) == \
        "Built 141 pages in English, 141 in 繁體中文, 141 in 简体中文 in 11.2 s"
    assert summary_line([("English", 1)], 2) == "Built 1 page in English in 2.0 s"


def run_build(content, output):
    env = dict(os.environ, SOURCE_DATE_EPOCH=FIXTURE_EPOCH, COLUMNS="400")
    overrides = [f'IMAGES={{"cache_path": "{output.parent / "cache"}"}}', 'SEARCH={"index": false}']
    return subprocess.run([sys.executable, "-m", "plugins.safe_build", str(content), str(output), "-s", "pelicanconf.py",
                           "-e", *overrides], cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.mark.slow
def test_a_build_says_what_it_built_in_each_language(fixture_copy, tmp_path):
    output = tmp_path / "output"
    result = run_build(fixture_copy, output)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-3000:]
    assert "Processed 0 articles" not in log
    pages = {code: sum(1 for _ in (output / code).rglob("*.html")) for code in ("en", "tc", "sc")}
    assert all(pages.values()), pages
    assert f"Built {pages['en']} pages in English, {pages['tc']} in 繁體中文, {pages['sc']} in 简体中文 in " in log


@pytest.mark.slow
def test_a_failed_build_says_so_in_plain_words(fixture_copy, tmp_path):
    rewrite(fixture_copy / "cases/printer-voc-recovery/meta.yaml", "voc_reduction_pct: 85", "voc_reduction_pct: 180")
    result = run_build(fixture_copy, tmp_path / "output")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{CASE}/meta.yaml:9: voc_reduction_pct (VOC emissions reduced): 180%" in log.replace(str(fixture_copy.parent) + "/", "")
    assert "1 error(s) and" in log and "nothing was built" in log
    assert "CRITICAL" not in log and "contract.py" not in log and "Built " not in log
