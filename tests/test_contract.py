"""The content contract: each kind of bad input is reported with the file (and line) it is in."""

import datetime
import shutil

import pytest

from plugins.contract.loader import load_content


def problems_of(content):
    site, problems = load_content(content, root=content.parent)
    return site, problems


def errors_of(content):
    site, problems = problems_of(content)
    errors = [p for p in problems if p.severity == "error"]
    assert site is None, "a build with errors must not produce a site"
    assert errors, "expected at least one error"
    return errors


def only_error(content):
    errors = errors_of(content)
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


def rewrite(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


CASE = "content/cases/printer-voc-recovery"


def test_fixture_is_valid(fixture_copy):
    site, problems = problems_of(fixture_copy)
    assert site is not None, [str(p) for p in problems]
    assert [p.severity for p in problems] == ["warning"]  # the seminar's missing tc.md


def test_unknown_key_names_file_and_line(fixture_copy):
    meta = fixture_copy / "cases/printer-voc-recovery/meta.yaml"
    rewrite(meta, "city: dongguan", "city: dongguan\ncolour: green")
    error = only_error(fixture_copy)
    assert (error.path, error.line) == (f"{CASE}/meta.yaml", 7)
    assert "unknown key 'colour'" in error.message


def test_missing_required_field(fixture_copy):
    meta = fixture_copy / "cases/printer-voc-recovery/meta.yaml"
    rewrite(meta, "sector: printing\n", "")
    error = only_error(fixture_copy)
    assert error.path == f"{CASE}/meta.yaml"
    assert "required field 'sector' is missing" in error.message


def test_wrong_type(fixture_copy):
    meta = fixture_copy / "cases/printer-voc-recovery/meta.yaml"
    rewrite(meta, "voc_reduction_pct: 85", "voc_reduction_pct: eighty-five")
    error = only_error(fixture_copy)
    assert (error.path, error.line) == (f"{CASE}/meta.yaml", 9)
    assert "must be a number" in error.message


def test_unreal_date(fixture_copy):
    meta = fixture_copy / "cases/printer-voc-recovery/meta.yaml"
    rewrite(meta, "date: 2014-11-20", "date: 2014-02-30")
    error = only_error(fixture_copy)
    assert (error.path, error.line) == (f"{CASE}/meta.yaml", 1)
    assert "not a real date" in error.message


@pytest.mark.parametrize("written", ['"2014-11-21"', "'2014-11-21'"])
def test_quoted_date_is_accepted(fixture_copy, written):
    # YAML reads a quoted date as text: the contract still takes it as the date it names
    rewrite(fixture_copy / "cases/printer-voc-recovery/meta.yaml", "date: 2014-11-20", f"date: {written}")
    site, problems = problems_of(fixture_copy)
    assert site is not None, [str(p) for p in problems]
    assert site.get("cases", "printer-voc-recovery").meta.date == datetime.date(2014, 11, 21)


def test_unknown_vocabulary_key(fixture_copy):
    meta = fixture_copy / "cases/printer-voc-recovery/meta.yaml"
    rewrite(meta, "sector: printing", "sector: printng")
    error = only_error(fixture_copy)
    assert (error.path, error.line) == (f"{CASE}/meta.yaml", 3)
    assert "'printng' is not a key of data/sectors.yaml" in error.message


def test_slug_that_names_no_item(fixture_copy):
    meta = fixture_copy / "cases/printer-voc-recovery/meta.yaml"
    rewrite(meta, "technologies: [activated-carbon-regeneration]", "technologies: [activated-carbon]")
    error = only_error(fixture_copy)
    assert (error.path, error.line) == (f"{CASE}/meta.yaml", 4)
    assert "'activated-carbon' names no item in content/technologies/" in error.message


def test_missing_image(fixture_copy):
    (fixture_copy / "cases/printer-voc-recovery/cover.png").unlink()
    error = only_error(fixture_copy)
    assert error.path == f"{CASE}/meta.yaml"
    assert "image 'cover.png' does not exist" in error.message


def test_missing_body_image_names_markdown_line(fixture_copy):
    page = fixture_copy / "cases/printer-voc-recovery/en.md"
    rewrite(page, "## Results\n", "## Results\n\n![A chart](chart.png)\n")
    error = only_error(fixture_copy)
    assert (error.path, error.line) == (f"{CASE}/en.md", 12)
    assert "image 'chart.png' does not exist" in error.message


def test_image_that_does_not_decode(fixture_copy):
    (fixture_copy / "cases/printer-voc-recovery/cover.png").write_bytes(b"not a png at all")
    error = only_error(fixture_copy)
    assert error.path == f"{CASE}/cover.png"
    assert "cannot be read" in error.message


def test_missing_title(fixture_copy):
    page = fixture_copy / "cases/printer-voc-recovery/tc.md"
    rewrite(page, "title: 東莞印刷廠以活性炭回收溶劑\n", "")
    error = only_error(fixture_copy)
    assert error.path == f"{CASE}/tc.md"
    assert "required field 'title' is missing" in error.message


def test_empty_language_file_is_an_error_not_a_missing_translation(fixture_copy):
    (fixture_copy / "cases/printer-voc-recovery/tc.md").write_text("\n  \n", encoding="utf-8")
    error = only_error(fixture_copy)
    assert error.path == f"{CASE}/tc.md"
    assert "empty" in error.message


def test_bad_slug_folder(fixture_copy):
    shutil.copytree(fixture_copy / "cases/dyeing-water-reuse", fixture_copy / "cases/Dyeing_Water")
    error = only_error(fixture_copy)
    assert error.path == "content/cases/Dyeing_Water"
    assert "not a valid slug" in error.message


def test_missing_translation_is_a_warning_naming_the_file(fixture_copy):
    (fixture_copy / "cases/dyeing-water-reuse/tc.md").unlink()
    site, problems = problems_of(fixture_copy)
    assert site is not None
    warnings = {p.path: p.message for p in problems}
    assert "missing Traditional Chinese" in warnings["content/cases/dyeing-water-reuse/tc.md"]


def test_every_problem_is_reported_at_once(fixture_copy):
    rewrite(fixture_copy / "cases/printer-voc-recovery/meta.yaml", "city: dongguan", "city: atlantis")
    rewrite(fixture_copy / "technologies/reverse-osmosis/meta.yaml", "category: wastewater", "category: water")
    (fixture_copy / "events/voc-seminar/en.md").write_text("no front matter\n", encoding="utf-8")
    paths = sorted(e.path for e in errors_of(fixture_copy))
    assert paths == [
        f"{CASE}/meta.yaml",
        "content/events/voc-seminar/en.md",
        "content/technologies/reverse-osmosis/meta.yaml",
    ]


def test_malformed_yaml_names_line(fixture_copy):
    rewrite(fixture_copy / "cases/printer-voc-recovery/meta.yaml", "city: dongguan", "city: [dongguan")
    error = only_error(fixture_copy)
    assert error.path == f"{CASE}/meta.yaml"
    assert "not valid YAML" in error.message


def test_script_in_markdown_is_refused(fixture_copy):
    page = fixture_copy / "cases/printer-voc-recovery/en.md"
    rewrite(page, "## The problem\n", "## The problem\n\n<script>alert(1)</script>\n")
    error = only_error(fixture_copy)
    assert (error.path, error.line) == (f"{CASE}/en.md", 8)
    assert "scripts" in error.message


def test_raw_html_is_escaped(fixture_copy):
    page = fixture_copy / "cases/printer-voc-recovery/en.md"
    rewrite(page, "## The problem\n", "## The problem\n\n<b onmouseover=x>bold</b>\n")
    site, _ = problems_of(fixture_copy)
    html = site.get("cases", "printer-voc-recovery").texts["en"].body_html
    assert "<b" not in html and "&lt;b onmouseover=x&gt;" in html


def test_missing_vocabulary_key(fixture_copy):
    rewrite(fixture_copy / "data/sectors.yaml", "paper:", "pulp:")
    error = only_error(fixture_copy)
    assert error.path == "content/data/sectors.yaml"
    assert "required key 'paper' is missing" in error.message


def test_check_command_lists_problems_and_fails(fixture_copy, capsys):
    from plugins.contract.check import main

    rewrite(fixture_copy / "cases/printer-voc-recovery/meta.yaml", "city: dongguan", "city: atlantis")
    assert main([str(fixture_copy)]) == 1
    err = capsys.readouterr().err
    assert "cases/printer-voc-recovery/meta.yaml:6: city: 'atlantis' is not a key" in err
