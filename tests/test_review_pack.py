"""The review pack of a pull request (tools/review_pack.py gathers, tools/review_comment.py writes
the comment): a fixture pull request that changes one case folder, built as CI builds it."""

import json
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURE_SITE, ROOT, build
from tools import review_comment
from tools.review_pack import BUDGET, make_pack, page_groups

PR = 7
PREVIEW = "https://example.github.io/cpp-website-previews/pr-7"
CASE = "dyeing-water-reuse"
BROKEN_LINK = "/tc/cases/no-such-case/"
HK_QUOTE = "> 請到主頁搜尋資料。"  # a quotation: the build keeps its Hong Kong wording (主頁, 搜尋, 資料)


def git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def pull_request(tmp_path):
    """A repository whose `main` holds the fixture site and whose HEAD is a pull request that
    edits the Traditional text of one case report (a quotation in Hong Kong wording and a link to a
    page that does not exist). Returns (content folder, head SHA)."""
    repo = tmp_path / "repo"
    content = repo / "content"
    shutil.copytree(FIXTURE_SITE, content)
    shutil.copy(ROOT / "content" / "data" / "mainland-wording.yaml", content / "data")
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "pull-request")
    tc = content / "cases" / CASE / "tc.md"
    tc.write_text(tc.read_text(encoding="utf-8") + f"\n{HK_QUOTE}\n\n參見[另一個案]({BROKEN_LINK})。\n", encoding="utf-8")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-am", "case: more text")
    return content, git(repo, "rev-parse", "HEAD")


def build_preview(content, output):
    result = build(content, output, "-e", f'SITEURL="{PREVIEW}"')
    return result


def comment_of(pack):
    return review_comment.render(pack, PREVIEW, "https://github.com/o/r/actions/runs/1")


def test_changed_case_folder_maps_to_its_page_in_each_language():
    groups = page_groups([("M", "content/cases/x/tc.md"), ("A", "content/cases/x/photo.jpg"),
                          ("A", "content/pages/about/en.md"), ("M", "content/data/awardees.csv"),
                          ("M", "README.md")], "content")
    assert groups == [
        {"source": "content/cases/x/", "kind": "case report", "paths": ["cases/x/"], "status": "changed"},
        {"source": "content/pages/about/", "kind": "page", "paths": ["about/"], "status": "added"},
        {"source": "content/data/awardees.csv", "kind": "data file", "paths": ["awardees/"], "status": "changed"},
    ]


@pytest.mark.slow
def test_comment_of_a_pull_request_that_builds(pull_request, tmp_path):
    content, head = pull_request
    output = tmp_path / "output"
    result = build_preview(content, output)
    assert result.returncode == 0, result.stderr[-3000:]
    pack = make_pack(content, output, "main", PREVIEW, "success", PR, head)
    json.dumps(pack)  # what the artifact carries
    comment = comment_of(pack)
    assert comment.startswith(review_comment.MARKER + "\n")
    assert f"## Review pack for {head[:7]}" in comment
    assert f"**[Open the preview]({PREVIEW}/)**" in comment
    # The changed case report, in three languages, each linked to its preview with its title.
    assert "[A Foshan dye house reuses its rinse water](" + PREVIEW + f"/en/cases/{CASE}/)" in comment
    assert "[佛山染廠回用漂洗水](" + PREVIEW + f"/tc/cases/{CASE}/)" in comment
    assert "[佛山染厂回用漂洗水](" + PREVIEW + f"/sc/cases/{CASE}/)" in comment
    assert f"content/cases/{CASE}/".replace(".", "&#46;") in comment.replace("\\", "")
    # The check's problems in plain words, with file and line, ours apart from the others.
    tc_line = len((content / "cases" / CASE / "tc.md").read_text(encoding="utf-8").splitlines())
    warning = next(problem for problem in pack["problems"] if "no-such-case" in problem["message"])
    assert warning["in_change"] and warning["line"] == tc_line and warning["path"] == f"content/cases/{CASE}/tc.md"
    assert "Warnings** in the files this pull request changes" in comment
    assert f"**content/cases/{CASE}/tc&#46;md line {tc_line}**" in comment.replace("\\", "")
    assert "not a page of this site" in comment
    assert "0 error(s)" in comment
    # Hong Kong wording left on the generated Simplified page (the quotation is kept as written).
    assert pack["wording"] == [{"path": f"sc/cases/{CASE}/", "words": [["主页", "首页"], ["搜寻", "搜索"], ["资料", "信息"]]}]
    assert f"[/sc/cases/{CASE}/]({PREVIEW}/sc/cases/{CASE}/): 主页 (首页)、搜寻 (搜索)、资料 (信息)" in comment.replace("\\", "")
    # Page weight of each changed page against the 50 KB budget.
    weights = {page["path"]: page["bytes"] for page in pack["weight"]["pages"]}
    assert set(weights) == {f"{lang}/cases/{CASE}/" for lang in ("en", "tc", "sc")}
    html_only = len(__import__("gzip").compress((output / "en" / "cases" / CASE / "index.html").read_bytes(), 6, mtime=0))
    assert html_only < weights[f"en/cases/{CASE}/"] < BUDGET
    assert f"| {weights[f'en/cases/{CASE}/'] / 1024:.1f} KB | ✅ within |" in comment
    assert "budget 50.0 KB" in comment
    assert "Not measured: no changed page was checked." in comment  # axe: see the browser test
    # Before the preview repository is set up: the same pack, the pages named but not linked.
    unpublished = review_comment.render(pack, None)
    assert "the preview is not published" in unpublished and PREVIEW not in unpublished
    assert "A Foshan dye house reuses its rinse water" in unpublished


@pytest.mark.slow
def test_comment_when_the_build_failed_still_tells_the_problems(pull_request, tmp_path):
    content, _ = pull_request
    meta = content / "cases" / CASE / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("sector: textiles", "sector: knitting"), encoding="utf-8")
    git(content.parent, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-am", "wrong sector")
    head = git(content.parent, "rev-parse", "HEAD")
    output = tmp_path / "output"
    assert build_preview(content, output).returncode != 0
    pack = make_pack(content, output, "main", PREVIEW, "failure", PR, head)
    comment = comment_of(pack)
    assert pack["build"] == "failure"
    assert "**The site could not be built from this version**" in comment
    [error] = [problem for problem in pack["problems"] if problem["severity"] == "error"]
    assert error["path"] == f"content/cases/{CASE}/meta.yaml" and error["line"] == 2 and "knitting" in error["message"]
    assert f"**content/cases/{CASE}/meta&#46;yaml line 2**" in comment.replace("\\", "")
    assert "knitting" in comment and "1 error(s)" in comment
    assert "❌ **Errors**" in comment
    # No preview link to a page that was not built; the pages are still named.
    assert PREVIEW + "/en/cases/" not in comment
    assert f"/en/cases/{CASE}/ (not built)" in comment.replace("\\", "")
    assert "Not measured: the site was not built." in comment


def test_comment_escapes_everything_from_the_pack(pull_request, tmp_path):
    """A pull request controls the pack's content: nothing in it becomes a link, a mention or markup."""
    content, head = pull_request
    pack = {
        "format": 1, "pull_request": {"number": PR, "head_sha": head}, "build": "success",
        "pages": [{"source": "content/cases/x/", "kind": "case report", "status": "changed", "pages": [
            {"lang": "en", "path": "en/cases/x/", "exists": True,
             "title": "[click](https://evil.example) <img src=x onerror=alert(1)> @maintainer | www.evil.example"}]}],
        "problems": [{"path": "content/x`y`.md", "line": 3, "severity": "error",
                      "message": "![a](https://evil.example/t.png) <!-- review-pack --> **bold**\n# heading"}],
        "wording": [], "weight": {"budget": BUDGET, "pages": []}, "axe": None,
    }
    comment = comment_of(pack)
    assert comment.count(review_comment.MARKER) == 1
    for dangerous in ("https://evil", "www.evil", "<img", "@maintainer", "](https://evil", "**bold**", "\n# heading", "`y`"):
        assert dangerous not in comment
    pack["pages"][0]["pages"][0]["path"] = "en/../../evil/"
    with pytest.raises(review_comment.PackInvalid):
        comment_of(pack)


def test_comment_tool_refuses_a_pack_for_another_commit(pull_request, tmp_path):
    content, head = pull_request
    pack_file = tmp_path / "pack.json"
    pack_file.write_text(json.dumps({"format": 1, "pull_request": {"number": PR, "head_sha": head}}), encoding="utf-8")
    number = subprocess.run([sys.executable, str(ROOT / "tools" / "review_comment.py"), "outputs", str(pack_file),
                             "--head-sha", head], capture_output=True, text=True)
    assert number.returncode == 0 and number.stdout == f"number={PR}\nbuilt=false\n"
    other = subprocess.run([sys.executable, str(ROOT / "tools" / "review_comment.py"), "outputs", str(pack_file),
                            "--head-sha", "0" * 40], capture_output=True, text=True)
    assert other.returncode != 0 and "not the commit this run built" in other.stderr and not other.stdout
    pack_file.write_text(json.dumps({"format": 1, "pull_request": {"number": "7; rm -rf /", "head_sha": head}}), encoding="utf-8")
    bad = subprocess.run([sys.executable, str(ROOT / "tools" / "review_comment.py"), "outputs", str(pack_file),
                          "--head-sha", head], capture_output=True, text=True)
    assert bad.returncode != 0 and "not a pull request number" in bad.stderr and "Traceback" not in bad.stderr
