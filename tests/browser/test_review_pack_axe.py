"""The review pack's accessibility part: axe-core on the changed pages of a fixture pull request,
in the session's Chromium (the pages answered from the build folder at the preview's address)."""

from test_review_pack import CASE, PR, PREVIEW, build_preview, comment_of, pull_request  # noqa: F401

from tools.review_pack import make_pack


def test_axe_runs_on_the_changed_pages_only(pull_request, tmp_path, chromium_browser):  # noqa: F811
    content, head = pull_request
    output = tmp_path / "output"
    assert build_preview(content, output).returncode == 0
    pack = make_pack(content, output, "main", PREVIEW, "success", PR, head, browser=chromium_browser)
    assert pack["axe"] == [{"path": f"{lang}/cases/{CASE}/", "violations": []} for lang in ("en", "tc", "sc")]
    assert "✅ No violations on the 3 changed page(s)." in comment_of(pack)

    # An image without a text alternative on the English page is reported, with the page's link.
    page = output / "en" / "cases" / CASE / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", '<img src="x.png"></main>'), encoding="utf-8")
    pack = make_pack(content, output, "main", PREVIEW, "success", PR, head, browser=chromium_browser)
    [failing] = [entry for entry in pack["axe"] if entry["violations"]]
    assert failing["path"] == f"en/cases/{CASE}/" and failing["violations"][0].startswith("image-alt (critical)")
    shown = comment_of(pack).replace("\\", "").replace("&#58;", ":")
    assert f"- ❌ [/en/cases/{CASE}/]({PREVIEW}/en/cases/{CASE}/): image-alt (critical): Images must have alternative text" in shown
