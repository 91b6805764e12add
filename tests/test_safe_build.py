"""The previous site is deleted off the build's path (plugins/safe_build/trash.py), and the swap of
`make html` still puts the old site back when the new one cannot be put in place."""

import os
import time

import pytest

from plugins.safe_build import build, trash


def site(folder, *names):
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name, encoding="utf-8")
    return folder


def trash_folders(output):
    return sorted(output.parent.glob(f".{output.name}.deleting-*"))


def gone_within(output, seconds=20):
    """True once every trash folder of `output` is deleted (by a process this test does not wait for)."""
    deadline = time.monotonic() + seconds
    while trash_folders(output) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not trash_folders(output)


def test_the_output_is_emptied_at_once_and_deleted_by_another_process(tmp_path):
    output = site(tmp_path / "output", "en/index.html", "sc/cases/a/index.html", ".git/HEAD", "sitemap.xml")
    trash.empty_in_background(output, retention=[".git"])
    assert sorted(path.name for path in output.iterdir()) == [".git"], "retained names stay, the rest is moved at once"
    assert (output / ".git" / "HEAD").read_text(encoding="utf-8") == ".git/HEAD"
    trash._wait_for_deleting()  # what the build does at exit
    assert trash_folders(output) == []


def test_a_folder_an_interrupted_build_left_is_deleted_too(tmp_path):
    output = site(tmp_path / "output", "en/index.html")
    left = site(tmp_path / ".output.deleting-x1y2", "en/old.html")
    unrelated = site(tmp_path / ".output2.deleting-x1y2", "keep.html")
    trash.empty_in_background(output)
    trash._wait_for_deleting()
    assert not left.exists()
    assert (unrelated / "keep.html").is_file(), "only this output's trash folders are deleted"


def test_where_nothing_can_be_moved_aside_the_output_is_emptied_in_place(tmp_path, monkeypatch):
    output = site(tmp_path / "output", "en/index.html", "keep.txt")

    def refuse(*args):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(trash.os, "rename", refuse)
    trash.empty_in_background(output, retention=["keep.txt"])
    trash._wait_for_deleting()
    assert sorted(path.name for path in output.iterdir()) == ["keep.txt"]


def test_make_html_swaps_the_new_site_in_and_the_old_one_is_deleted(tmp_path):
    output = site(tmp_path / "output", "en/index.html", "stale.html")
    fresh = site(build.staging_path(output), "en/index.html", "sc/index.html")
    (fresh / "en/index.html").write_text("new", encoding="utf-8")
    build.swap_into_place(fresh, output)
    assert not fresh.exists()
    assert sorted(path.relative_to(output).as_posix() for path in output.rglob("*.html")) == ["en/index.html", "sc/index.html"]
    assert (output / "en/index.html").read_text(encoding="utf-8") == "new"
    assert gone_within(output), "the old site is deleted in the background"


def test_a_swap_that_fails_puts_the_last_good_site_back(tmp_path, monkeypatch):
    output = site(tmp_path / "output", "en/index.html")
    fresh = site(build.staging_path(output), "en/index.html")
    real_rename = os.rename

    def refuse_the_new_site(source, target):
        if str(source) == str(fresh):
            raise OSError(16, "Device or resource busy")
        real_rename(source, target)

    monkeypatch.setattr(build.os, "rename", refuse_the_new_site)
    with pytest.raises(OSError):
        build.swap_into_place(fresh, output)
    assert (output / "en/index.html").read_text(encoding="utf-8") == "en/index.html"
