"""Placeholder values (plugins/placeholders): `make html` warns, `make publish` refuses them with
each one's path:line, unless the maintainer passes ALLOW_PLACEHOLDERS=1."""

import subprocess

import pytest

from conftest import ROOT, build
from plugins.placeholders.placeholders import find_in_text, find_placeholders

PUBLISH = "publishconf.py"
REAL_SITE = {"SITEURL": "https://www.cleanerproduction.hk"}


def kinds(text, yaml=False):
    return [(p.line, p.kind, p.value) for p in find_in_text(text, "f", yaml=yaml)]


def test_finds_example_addresses_placeholder_numbers_and_marked_text():
    text = ("registration: https://www.example.org/cpp/register\n"
            "enquiry: events@example.com\n"
            "phone: \"+852 0000 0000\"\n"
            "also: 0000-0000 and https://intranet.invalid/x\n"
            "address: \"[placeholder] Somewhere\"\n")
    assert kinds(text) == [
        (1, "address", "https://www.example.org/cpp/register"),
        (2, "address", "events@example.com"),
        (3, "phone", "+852 0000 0000"),
        (4, "address", "https://intranet.invalid/x"),
        (4, "phone", "0000-0000"),
        (5, "marked", "[placeholder]"),
    ]


def test_real_values_and_prose_are_not_placeholders():
    text = ("For example, attend an event; see www.examples.org.hk or example.organic.\n"
            "phone: +852 2788 5678, fax 2000 0000, total 100000000\n"
            "https://www.hkpc.org/ and enquiry@hkpc.org\n")
    assert kinds(text) == []


@pytest.mark.parametrize("text, expected", [
    ("mail EVENTS@Example.Org today", [(1, "address", "EVENTS@Example.Org")]),  # the clues are matched in any case
    ("host: intranet.te\u017ft", [(1, "address", "intranet.te\u017ft")]),  # a long s, which lower() keeps
    ("\u5831\u540d\uff1a[PLACEHOLDER] \u96fb\u8a71", [(1, "marked", "[PLACEHOLDER]")]),
])
def test_the_quick_clue_test_lets_every_case_of_the_patterns_through(text, expected):
    assert kinds(text) == expected


def test_yaml_comments_may_mention_placeholders():
    assert kinds("# the phone is +852 0000 0000 until known\nphone: \"+852 2788 5678\"\n", yaml=True) == []
    assert kinds("email: a@example.org  # to replace\n", yaml=True) == [(1, "address", "a@example.org")]


def test_the_real_content_lists_its_placeholders_with_their_lines():
    found = find_placeholders(ROOT / "content", root=ROOT)
    where = {f"{p.path}:{p.line}" for p in found}
    lines = (ROOT / "content/data/contact.yaml").read_text(encoding="utf-8").splitlines()
    phone_line = next(n for n, line in enumerate(lines, 1) if line.startswith("phone:"))
    assert f"content/data/contact.yaml:{phone_line}" in where
    assert any(p.path.startswith("content/events/") and p.value.startswith("https://www.example.org/") for p in found), "registration links"


@pytest.mark.slow
def test_html_build_warns_and_builds(fixture_copy, tmp_path):
    result = build(fixture_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "data/contact.yaml:" in result.stderr and "warning: placeholder:" in result.stderr
    assert (tmp_path / "out" / "en" / "index.html").is_file()


@pytest.mark.slow
def test_publish_refuses_placeholders_listing_each(fixture_copy, tmp_path):
    output = tmp_path / "out"
    result = build(fixture_copy, output, settings=PUBLISH, env={**REAL_SITE, "ALLOW_PLACEHOLDERS": ""})
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr[-2000:]
    listed = [line for line in result.stderr.splitlines() if ": placeholder:" in line]
    assert any(line.startswith(f"{fixture_copy.relative_to(ROOT) if fixture_copy.is_relative_to(ROOT) else fixture_copy}/data/contact.yaml:") for line in listed), listed
    assert any("events/cleaner-production-expo/meta.yaml:6:" in line and "https://example.org/register" in line for line in listed), listed
    assert any("events/voc-seminar/meta.yaml:9:" in line and "enquiry@example.org" in line for line in listed), listed
    assert "ALLOW_PLACEHOLDERS=1" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not (output / "en").exists(), "nothing published"


@pytest.mark.slow
def test_publish_refuses_the_placeholder_site_address(fixture_copy, tmp_path):
    for path in fixture_copy.rglob("*"):  # a content without placeholders: only SITEURL is left
        if path.suffix in {".yaml", ".md", ".csv"}:
            text = path.read_text(encoding="utf-8")
            cleaned = text.replace("example.org", "hkpc.org").replace("0000 0000", "2788 5678").replace("[placeholder] ", "")
            if cleaned != text:
                path.write_text(cleaned, encoding="utf-8")
    refused = build(fixture_copy, tmp_path / "refused", settings=PUBLISH,
                    env={"SITEURL": "https://cleanerproduction.example.org", "ALLOW_PLACEHOLDERS": ""})
    assert refused.returncode == 1
    assert [line for line in refused.stderr.splitlines() if ": placeholder:" in line] == [
        "SITEURL (publishconf.py, or the SITEURL environment variable): placeholder: an example address "
        "'https://cleanerproduction.example.org'; replace it with the real value before publishing"]
    published = build(fixture_copy, tmp_path / "published", settings=PUBLISH, env={**REAL_SITE, "ALLOW_PLACEHOLDERS": ""})
    assert published.returncode == 0, published.stderr[-2000:]
    assert ": placeholder:" not in published.stderr


@pytest.mark.slow
@pytest.mark.parametrize("value", ["1", "true", "yes"])
def test_publish_with_the_explicit_override(fixture_copy, tmp_path, value):
    output = tmp_path / "out"
    result = build(fixture_copy, output, settings=PUBLISH, env={**REAL_SITE, "ALLOW_PLACEHOLDERS": value})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "warning: placeholder:" in result.stderr, "still listed, as warnings"
    assert (output / "en" / "index.html").is_file()


def test_make_publish_passes_the_override_on():
    dry_run = subprocess.run(["make", "-n", "publish", "ALLOW_PLACEHOLDERS=1", "VENV=/nonexistent"], cwd=ROOT,
                             capture_output=True, text=True)
    command = [line for line in dry_run.stdout.splitlines() if "plugins.safe_build" in line]
    assert command and command[0].startswith("ALLOW_PLACEHOLDERS=1 "), dry_run.stdout
    plain = subprocess.run(["make", "-n", "publish", "VENV=/nonexistent"], cwd=ROOT, capture_output=True, text=True)
    assert [line for line in plain.stdout.splitlines() if "plugins.safe_build" in line][0].startswith("ALLOW_PLACEHOLDERS= ")
