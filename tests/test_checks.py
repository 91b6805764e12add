"""`make check`'s editorial warnings: translations behind their source, alt text, links, terms,
and the GitHub Actions annotations that put them on a pull request's diff."""

import shutil
import subprocess

import pytest

from conftest import ROOT
from plugins.checks import history, run_checks
from plugins.contract.check import main as check

CASE = "cases/printer-voc-recovery"


def warnings_of(content, git=False):
    return {str(p) for p in run_checks(content, root=content.parent, git=git)}


def append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def rewrite(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_fixture_and_real_content_have_no_editorial_warnings(fixture_copy):
    assert warnings_of(fixture_copy) == set()
    real = run_checks(ROOT / "content", root=ROOT, git=False)
    assert not [p for p in real if "inconsistent term" in p.message or p.severity == "error"], [str(p) for p in real]


# --- translations behind their source, from git ---------------------------------------------------

def git(repo, *args):
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args],
                   check=True, capture_output=True)


@pytest.fixture
def repo(fixture_copy):
    root = fixture_copy.parent
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "First version")
    return fixture_copy


def age_warnings(content):
    return [p for p in run_checks(content, root=content.parent) if "may be out of date" in p.message]


def test_translation_behind_its_source(repo):
    append(repo / CASE / "en.md", "\nThe plant now runs two shifts.\n")
    git(repo.parent, "commit", "-q", "-am", "Add the second shift")
    [warning] = age_warnings(repo)
    assert warning.path == f"content/{CASE}/tc.md"
    assert warning.message.startswith("the Traditional Chinese text may be out of date (翻譯可能過時): en.md was changed on ")
    assert '"Add the second shift")' in warning.message and "and tc.md has not changed since" in warning.message
    # once the translation is brought up to date, the warning goes
    append(repo / CASE / "tc.md", "\n工廠現時兩班運作。\n")
    git(repo.parent, "commit", "-q", "-am", "Translate the second shift")
    assert age_warnings(repo) == []


def test_source_behind_its_translation_and_uncommitted_changes(repo):
    append(repo / CASE / "tc.md", "\n工廠現時兩班運作。\n")
    git(repo.parent, "commit", "-q", "-am", "Chinese only")
    [warning] = age_warnings(repo)
    assert warning.path == f"content/{CASE}/en.md" and "the English text may be out of date" in warning.message
    append(repo / CASE / "en.md", "\nThe plant now runs two shifts.\n")  # followed, not committed yet
    assert age_warnings(repo) == []
    git(repo.parent, "commit", "-q", "-am", "English follows")
    append(repo / CASE / "en.md", "\nIt plans a third.\n")  # a new change, not committed yet
    [warning] = age_warnings(repo)
    assert warning.path == f"content/{CASE}/tc.md" and "en.md has changes not committed yet" in warning.message


def test_a_commit_marked_no_translation_is_not_counted(repo):
    rewrite(repo / CASE / "en.md", "six gravure presses", "six gravure printing presses")
    git(repo.parent, "commit", "-q", "-am", "Wording [no-translation]")
    assert age_warnings(repo) == []


def test_no_git_no_history_warnings(repo):
    append(repo / CASE / "en.md", "\nThe plant now runs two shifts.\n")
    git(repo.parent, "commit", "-q", "-am", "Add the second shift")
    assert len(age_warnings(repo)) == 1  # in the repository, the check warns
    shutil.rmtree(repo.parent / ".git")  # the same files in a folder outside any repository
    assert history.history(repo) is None
    assert age_warnings(repo) == []  # skipped, no error


# --- alt text and links ----------------------------------------------------------------------------

def test_image_without_alt_text(fixture_copy):
    append(fixture_copy / CASE / "en.md", "\n![](cover.png)\n")
    assert warnings_of(fixture_copy) == {
        f"content/{CASE}/en.md:14: warning: image 'cover.png' has no alt text (替代文字): describe what it shows "
        "between the brackets, e.g. ![Carbon beds beside the press hall](cover.png)"
    }


def test_cover_without_cover_alt(fixture_copy, capsys):
    rewrite(fixture_copy / CASE / "tc.md", "cover_alt: 印刷車間經風管連接兩組活性炭吸附床的示意圖\n", "")
    assert check([str(fixture_copy)]) == 0  # a warning, not an error
    assert f"{CASE}/tc.md:1: warning: cover_alt is missing" in capsys.readouterr().err


def test_links_to_pages_that_do_not_exist(fixture_copy):
    append(fixture_copy / CASE / "en.md", "\n".join([
        "",
        "See [reverse osmosis](/en/technologies/reverse-osmosis/), [the seminar](../../events/voc-seminar/),",
        "[the about page](/tc/about/), [the calendar](/events.ics), [the list](../) and [HKPC](https://www.hkpc.org/).",
        "Broken: [a case](../no-such-case/), [a page](/en/no-such-page/), [a brief](/sc/technologies/ro/),",
        "and [no final slash](/en/about).",
        "",
    ]))
    found = warnings_of(fixture_copy)
    where = f"content/{CASE}/en.md"
    assert found == {
        f"{where}:16: warning: link '../no-such-case/' leads to /en/cases/no-such-case/, which is not a page of this site (there is no case report folder content/cases/no-such-case/)",
        f"{where}:16: warning: link '/en/no-such-page/' leads to /en/no-such-page/, which is not a page of this site (there is no page folder content/pages/no-such-page/)",
        f"{where}:16: warning: link '/sc/technologies/ro/' leads to /sc/technologies/ro/, which is not a page of this site (there is no technology brief folder content/technologies/ro/)",
        f"{where}:17: warning: link '/en/about' should end with / ('/en/about/'): the page is the folder /en/about/",
    }


# --- the term base ---------------------------------------------------------------------------------

def test_inconsistent_terms(fixture_copy):
    (fixture_copy / "data/terms.yaml").write_text((ROOT / "content/data/terms.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    append(fixture_copy / CASE / "tc.md", "\n計劃的夥伴以活性碳吸附揮發性有機物。\n")
    append(fixture_copy / CASE / "en.md", "\nThe Cleaner Production Partnership Program helped. The Cleaner Production Partnership Programme too.\n")
    (fixture_copy / CASE / "sc.md").write_text("---\ntitle: 东莞印刷厂\nsummary: 活性碳。\n---\n伙伴以活性炭回收。\n", encoding="utf-8")
    found = warnings_of(fixture_copy)
    tc, en, sc = (f"content/{CASE}/{name}" for name in ("tc.md", "en.md", "sc.md"))
    assert found == {
        f"{tc}:14: warning: inconsistent term: write 伙伴, not 夥伴 (the programme's own names write 伙伴, as in 清潔生產伙伴計劃 and 粵港清潔生產伙伴標誌)",
        f"{tc}:14: warning: inconsistent term: write 活性炭, not 活性碳 (activated carbon is a charcoal, 炭; 碳 is the chemical element carbon)",
        f"{tc}:14: warning: inconsistent term: write 揮發性有機化合物, not 揮發性有機物 (the Environmental Protection Department's term for VOC, as in the Air Pollution Control (Volatile Organic Compounds) Regulation, 空氣污染管制（揮發性有機化合物）規例)",
        f"{en}:14: warning: inconsistent term: write Cleaner Production Partnership Programme, not Cleaner Production Partnership Program (the programme's name in English, with the British spelling used by the Hong Kong Government)",
        f"{sc}:3: warning: inconsistent term: write 活性炭, not 活性碳 (activated carbon is a charcoal, 炭; 碳 is the chemical element carbon)",
    }


def test_broken_term_base_is_an_error_naming_it(fixture_copy, capsys):
    (fixture_copy / "data/terms.yaml").write_text("- use: 伙伴\n  avoid: 夥伴\n  why: [\n", encoding="utf-8")
    assert check([str(fixture_copy)]) == 1
    assert "content/data/terms.yaml:" in capsys.readouterr().err


# --- GitHub Actions annotations --------------------------------------------------------------------

def test_github_annotations(fixture_copy, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.chdir(fixture_copy.parent)
    append(fixture_copy / CASE / "en.md", "\n![](cover.png)\n")
    rewrite(fixture_copy / CASE / "meta.yaml", "city: dongguan", "city: atlantis")
    assert check(["content"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"::error file=content/{CASE}/meta.yaml,line=6::city: 'atlantis' is not a key of data/cities.yaml" in "\n".join(out)
    assert any(line.startswith(f"::warning file=content/{CASE}/en.md,line=14::image 'cover.png' has no alt text") for line in out)
