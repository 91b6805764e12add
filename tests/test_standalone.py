"""The repository stands alone: no file depends on anything outside it, and the tests refuse to run
where Chinese cannot be rendered (rather than pass with every character an empty box)."""

import os
import subprocess

from conftest import ROOT, missing_chinese_font

#: Written in two parts so that this file does not name them itself.
OUTSIDE = ("../" + "shared/", "shared/" + "SPEC", "PELICAN" + "-NOTES")


def test_no_tracked_file_points_outside_the_repository():
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, text=True, check=True).stdout
    offenders = []
    for name in filter(None, tracked.split("\0")):
        path = ROOT / name
        if not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", errors="ignore")
        offenders += [f"{name}: {needle}" for needle in OUTSIDE if needle in text]
    assert not offenders, offenders


def test_the_content_reference_is_in_the_repository():
    reference = (ROOT / "docs" / "content-reference.md").read_text(encoding="utf-8")
    assert "docs/content-reference.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    # every field of every kind the schema knows is documented
    from plugins.contract.schema import FRONT_MODELS, META_MODELS, REQUIRED_VOCABULARY_KEYS, AwardeeRow
    for model in [*META_MODELS.values(), *FRONT_MODELS.values(), AwardeeRow]:
        for field in model.model_fields:
            assert f"`{field}`" in reference, f"{model.__name__}.{field}"
    for vocabulary, keys in REQUIRED_VOCABULARY_KEYS.items():
        assert f"`{vocabulary}.yaml`" in reference
        assert all(f"`{key}`" in reference for key in keys), vocabulary


def fake_tools(tmp_path, fonts):
    """A PATH where chromium, java, node and npm exist, the user is not root, and fc-list lists `fonts`."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    scripts = {"chromium": "exit 0", "java": "exit 0", "node": "exit 0", "npm": "exit 0", "id": "echo 1000", "fc-list": f"printf '%s' '{fonts}'"}
    for name, body in scripts.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    return f"{bin_dir}:{os.environ['PATH']}"


def make_test_tools(path):
    return subprocess.run(["make", "-s", "test-tools"], cwd=ROOT, env=dict(os.environ, PATH=path), capture_output=True, text=True)


def test_make_test_stops_without_a_chinese_font(tmp_path):
    result = make_test_tools(fake_tools(tmp_path, fonts=""))
    assert result.returncode != 0
    assert "a Chinese font: apt-get install chromium nodejs npm default-jre-headless fontconfig fonts-noto-cjk" in result.stdout


def test_make_test_goes_on_with_a_chinese_font(tmp_path):
    result = make_test_tools(fake_tools(tmp_path, fonts="Noto Sans CJK TC\n"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_browser_tests_check_for_a_chinese_font(tmp_path, monkeypatch):
    assert missing_chinese_font() is None, "this machine renders Chinese"
    monkeypatch.setenv("PATH", fake_tools(tmp_path, fonts=""))
    assert missing_chinese_font() == "no font renders Chinese (fc-list :lang=zh finds none): install fonts-noto-cjk"
