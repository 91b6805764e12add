"""What `make check` prints where GitHub Actions reads workflow commands: content can never start a
command of its own, and a pull request is annotated only with the warnings it caused."""

import re
import subprocess

import pytest

from plugins.contract.check import main as check
from plugins.contract.workflow_commands import annotation, escape_property, one_line

CASE = "cases/printer-voc-recovery"
OTHER = "cases/dyeing-water-reuse"
#: the only workflow commands `make check` may print
#: the fixture's own warning (an event with no Traditional text), in a file no change here touches
UNTRANSLATED = "content/events/voc-seminar/tc.md"
OUR_COMMAND = re.compile(r"::(error|warning) file=[^:,\r\n]+(,line=\d+)?::[^\r\n]*")


def rewrite(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def printed_lines(capsys):
    captured = capsys.readouterr()
    return captured.out.splitlines() + captured.err.splitlines(), captured.out


def test_hostile_value_cannot_start_a_workflow_command(fixture_copy, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("CHECK_BASE_REF", raising=False)
    monkeypatch.chdir(fixture_copy.parent)
    hostile = r'"demonstration\n::add-mask::hkpc\r\n::error file=README.md,line=1::pwned\n::stop-commands::x"'
    rewrite(fixture_copy / CASE / "meta.yaml", "project: demonstration", f"project: {hostile}")
    assert check(["content"]) == 1
    lines, out = printed_lines(capsys)
    commands = [line for line in lines if line.startswith("::")]
    assert commands, "the problem is annotated"
    assert all(OUR_COMMAND.fullmatch(line) for line in commands), commands
    assert not any(line.startswith(("::add-mask::", "::stop-commands::")) for line in lines)
    # a line break in a value is refused before anything quotes the value (plugins/contract/text_rules.py)
    assert f"::error file=content/{CASE}/meta.yaml,line=7::a line break is not allowed in a value" in out
    assert any(line.startswith(f"content/{CASE}/meta.yaml:7: ") for line in lines)


def test_hostile_folder_name_is_quoted_escaped(fixture_copy, capsys, monkeypatch):
    """A folder name is quoted in its message as written: escaped, it starts no command."""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("CHECK_BASE_REF", raising=False)
    monkeypatch.chdir(fixture_copy.parent)
    hostile = fixture_copy / "cases" / "x\n::add-mask::hkpc\r\n::error file=README.md,line=1::pwned"
    hostile.mkdir()
    (hostile / "meta.yaml").write_bytes((fixture_copy / CASE / "meta.yaml").read_bytes())
    assert check(["content"]) == 1
    lines, out = printed_lines(capsys)
    commands = [line for line in lines if line.startswith("::")]
    assert commands and all(OUR_COMMAND.fullmatch(line) for line in commands), commands
    assert not any(line.startswith(("::add-mask::", "::error file=README.md")) for line in lines)
    # the name is still shown, escaped: %0A in the annotation, \n on the plain line
    assert "::error file=content/cases/x%0A%3A%3Aadd-mask%3A%3Ahkpc%0D%0A%3A%3Aerror" in out
    assert "%0A::add-mask::hkpc%0D%0A::error" in out
    assert any(line.startswith("content/cases/x\\n::add-mask::hkpc\\r\\n") for line in lines)


def test_escaping_follows_githubs_rules():
    assert annotation("warning", "50% done\r\nnext", file="a:b,c.md", line=3) == "::warning file=a%3Ab%2Cc.md,line=3::50%25 done%0D%0Anext"
    assert escape_property("x\n::add-mask::y") == "x%0A%3A%3Aadd-mask%3A%3Ay"
    assert one_line("a\nb\x1b[31m\u2028c") == "a\\nb\\x1b[31m\\u2028c"
    assert "\n" not in one_line("title\n::error::x")


# --- only the warnings a pull request caused are annotated ---------------------------------------

def git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args],
                          check=True, capture_output=True, text=True).stdout


@pytest.fixture
def pull_request(fixture_copy, monkeypatch):
    """A repository whose main already has two warnings (a translation behind its source, a
    missing translation), and a branch `change` whose change to one case makes two others (an
    image without alt text, a translation left behind)."""
    root = fixture_copy.parent
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "First version")
    append(fixture_copy / OTHER / "en.md", "\nThe plant now runs two shifts.\n")
    git(root, "commit", "-q", "-am", "Old news on main")
    git(root, "checkout", "-q", "-b", "change")
    append(fixture_copy / CASE / "en.md", "\nThe plant now runs two shifts.\n\n![](cover.png)\n")
    git(root, "commit", "-q", "-am", "The pull request")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("CHECK_BASE_REF", raising=False)
    monkeypatch.chdir(root)
    return fixture_copy


def annotated_files(out):
    return sorted(re.findall(r"^::warning file=([^,:]+)", out, re.MULTILINE))


def test_without_a_base_ref_every_warning_is_annotated(pull_request, capsys):
    assert check(["content"]) == 0
    _, out = printed_lines(capsys)
    assert annotated_files(out) == sorted([
        f"content/{CASE}/en.md", f"content/{CASE}/tc.md", f"content/{OTHER}/tc.md", UNTRANSLATED,
    ])


def test_only_warnings_about_changed_files_are_annotated(pull_request, capsys, monkeypatch):
    monkeypatch.setenv("CHECK_BASE_REF", "main")
    assert check(["content"]) == 0
    lines, out = printed_lines(capsys)
    # the image without alt text in the changed en.md, and its translation left behind (tc.md is
    # untouched, but the pull request's change to en.md caused the warning)
    assert annotated_files(out) == [f"content/{CASE}/en.md", f"content/{CASE}/tc.md"]
    # main's own warnings are still printed, plainly
    plain = [line for line in lines if line.startswith((f"content/{OTHER}/", UNTRANSLATED))]
    assert len(plain) == 2 and all("warning:" in line for line in plain)
    assert "check: 2 warning(s) about files this change did not touch (printed above, not annotated)" in lines


def test_uncommitted_changes_count_as_changed(pull_request, capsys, monkeypatch):
    append(pull_request / OTHER / "en.md", "\nIt plans a third.\n")  # tc.md is still behind, now because of this
    assert check(["content", "--base-ref", "main"]) == 0
    _, out = printed_lines(capsys)
    assert annotated_files(out) == [f"content/{OTHER}/tc.md", f"content/{CASE}/en.md", f"content/{CASE}/tc.md"]


def test_unknown_base_ref_annotates_everything_and_says_so(pull_request, capsys):
    assert check(["content", "--base-ref", "no-such-branch"]) == 0
    lines, out = printed_lines(capsys)
    assert len(annotated_files(out)) == 4
    assert "check: cannot compare with 'no-such-branch' in git; every warning is annotated" in lines
