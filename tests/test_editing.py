"""Edit links, propose links, "Last updated" and the translation notice (plugins/editing)."""

import os
import shutil
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import FIXTURE_SITE, build, soup
from plugins.contract.scaffold import meta_yaml

#: Builds of their own (or the HTML checker): the slow tier (tests/conftest.py, `--slow`).
pytestmark = pytest.mark.slow

REPOSITORY = "https://github.com/example-org/cpp-site"
FAST = 'SEARCH={"index": false}'
WITH_SC = "cases/dyeing-water-reuse"  # given a hand-written sc.md below
WITHOUT_SC = "cases/printer-voc-recovery"



def link_named(html, text):
    found = [a["href"] for a in html.select(".app-page-source a") if a.get_text(strip=True) == text]
    return found[0] if found else None


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("linked")
    content = root / "content"
    shutil.copytree(FIXTURE_SITE, content)
    tc = (content / WITH_SC / "tc.md").read_text(encoding="utf-8")
    (content / WITH_SC / "sc.md").write_text(tc.replace("---\ntitle:", "---\ntitle: 简体", 1), encoding="utf-8")
    output = root / "output"
    result = build(content, output, "-e", f'REPOSITORY_URL="{REPOSITORY}"', 'REPOSITORY_BRANCH="main"', FAST)
    assert result.returncode == 0, result.stderr[-2000:]
    return content, output


@pytest.mark.parametrize("lang, item, source", [
    ("en", WITHOUT_SC, "en.md"),
    ("tc", WITHOUT_SC, "tc.md"),
    ("sc", WITHOUT_SC, "tc.md"),  # Simplified converted from the Traditional: edit the Traditional
    ("sc", WITH_SC, "sc.md"),  # a hand-written sc.md is its own source
    ("en", "events/voc-seminar", "en.md"),
    ("tc", "pages/about", "tc.md"),
])
def test_edit_link_is_the_exact_source_file(linked_site, lang, item, source):
    content, output = linked_site
    html = soup(output, f"{lang}/{item.removeprefix('pages/')}")  # a page's address has no pages/
    edit = link_named(html, {"en": "Edit this page", "tc": "編輯此頁", "sc": "编辑此页"}[lang])
    # The fixture content lies outside any repository here: its own folder name stands for its path.
    assert edit == f"{REPOSITORY}/edit/main/content/{item}/{source}"
    assert (content / item / source).is_file()


def test_lists_propose_the_scaffold(linked_site):
    content, output = linked_site
    for kind, label in (("cases", "Propose a new case report"), ("technologies", "Propose a new technology brief"),
                        ("events", "Propose a new event")):
        html = soup(output, f"en/{kind}")
        url = urlsplit(link_named(html, label))
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPOSITORY}/new/main/content/{kind}"
        query = parse_qs(url.query, strict_parsing=True)
        assert query["filename"] == ["new-slug/meta.yaml"]
        assert query["value"] == [meta_yaml(kind, "new-slug", content)]
        assert "TODO" in query["value"][0]
    assert link_named(soup(output, "tc/cases"), "建議新增個案報告")
    assert link_named(soup(output, "sc/events"), "提议新增活动")
    # An item page edits, a list proposes; neither does the other.
    assert not link_named(soup(output, "en/cases"), "Edit this page")
    assert not link_named(soup(output, f"en/{WITHOUT_SC}"), "Propose a new case report")


def test_no_links_without_a_repository(tmp_path):
    output = tmp_path / "output"
    result = build(FIXTURE_SITE, output, "-e", FAST, env={"GITHUB_REPOSITORY": ""})
    assert result.returncode == 0, result.stderr[-2000:]
    for path in (f"en/{WITHOUT_SC}", "en/cases", f"sc/{WITH_SC}"):
        html = soup(output, path)
        assert not html.select(".app-page-source a"), path
        assert "github.com" not in str(html)


# --- freshness -------------------------------------------------------------------------------

def git(repo, *args, date=None):
    env = dict(os.environ, GIT_AUTHOR_NAME="Editor", GIT_AUTHOR_EMAIL="editor@example.org",
               GIT_COMMITTER_NAME="Editor", GIT_COMMITTER_EMAIL="editor@example.org", TZ="UTC")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture(scope="module")
def history_site(tmp_path_factory):
    """The fixture in a git repository: everything on 3 February 2026, then an English change to
    one case on 12 May 2026 and a Chinese change to a technology brief on 20 June 2026."""
    root = tmp_path_factory.mktemp("history")
    repo = root / "repo"
    content = repo / "content"
    shutil.copytree(FIXTURE_SITE, content)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "the site", date="2026-02-03T10:00:00+00:00")
    append(content / WITHOUT_SC / "en.md", "\nThe beds were replaced in 2016.\n")
    git(repo, "commit", "-q", "-am", "English: the beds were replaced", date="2026-05-12T09:00:00+00:00")
    append(content / "technologies/reverse-osmosis/tc.md", "\n膜組件每五年更換。\n")
    git(repo, "commit", "-q", "-am", "中文：膜組件", date="2026-06-20T09:00:00+00:00")
    append(content / "cases/dyeing-water-reuse/en.md", "\nNot committed yet.\n")  # changes nothing on the pages
    outputs = []
    for name in ("first", "second"):
        output = root / name
        result = build(content, output, "-e", FAST)
        assert result.returncode == 0, result.stderr[-2000:]
        outputs.append(output)
    return outputs


def freshness(html):
    notice = html.select_one(".app-freshness")
    return " ".join(notice.get_text().split()) if notice else None


def updated(html):
    return html.select_one(".app-page-source time")["datetime"]


def test_the_older_translation_says_so(history_site):
    output = history_site[0]
    assert freshness(soup(output, f"tc/{WITHOUT_SC}")) == "英文版已於2026年5月12日更新；本譯文的日期為2026年2月3日。"
    assert freshness(soup(output, f"sc/{WITHOUT_SC}")) == "英文版已于2026年5月12日更新；本译文的日期为2026年2月3日。"
    assert freshness(soup(output, f"en/{WITHOUT_SC}")) is None
    english = soup(output, "en/technologies/reverse-osmosis")
    assert freshness(english) == ("The Chinese version was updated on 20 June 2026; "
                                  "this translation dates from 3 February 2026.")
    assert freshness(soup(output, "tc/technologies/reverse-osmosis")) is None
    assert freshness(soup(output, "en/cases/dyeing-water-reuse")) is None  # an uncommitted edit counts for nothing


def test_every_page_says_when_it_was_last_updated(history_site):
    output = history_site[0]
    assert updated(soup(output, f"en/{WITHOUT_SC}")) == "2026-05-12"
    assert updated(soup(output, f"tc/{WITHOUT_SC}")) == "2026-02-03"
    assert "Last updated 12 May 2026" in " ".join(soup(output, f"en/{WITHOUT_SC}").select_one(".app-page-source").get_text().split())
    assert updated(soup(output, "en/cases")) == "2026-05-12"  # a list: its newest item
    assert updated(soup(output, "en")) == "2026-06-20"  # the home page: the newest change anywhere
    assert updated(soup(output, "tc/technologies/reverse-osmosis")) == "2026-06-20"


def test_same_commit_same_pages(history_site):
    first, second = history_site
    for path in (f"tc/{WITHOUT_SC}", "en/technologies/reverse-osmosis", "en"):
        assert (first / path / "index.html").read_bytes() == (second / path / "index.html").read_bytes(), path


def test_outside_git_the_meta_date_and_no_notice(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, content)
    append(content / WITHOUT_SC / "en.md", "\nChanged, never committed.\n")
    output = tmp_path / "output"
    result = build(content, output, "-e", FAST, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert result.returncode == 0, result.stderr[-2000:]
    html = soup(output, f"tc/{WITHOUT_SC}")
    assert freshness(html) is None
    assert updated(html) == "2014-11-20"  # meta.yaml's date
