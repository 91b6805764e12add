"""The content cache (plugins/contract/cache.py) hands back what it was given, misses whatever
changed, and never stops a build."""

import sqlite3

from plugins.contract import cache as cache_module
from plugins.contract.cache import ContentCache
from plugins.contract.loader import load_content

from conftest import FIXTURE_SITE


def test_remembers_on_disk_and_misses_a_changed_input(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "_MEMORY", {})
    made = []

    def make(text):
        made.append(text)
        return {"html": f"<p>{text}</p>"}

    first = ContentCache(tmp_path / "content.sqlite")
    assert first.remember("markdown", ("a",), lambda: make("a")) == {"html": "<p>a</p>"}
    first.save()
    monkeypatch.setattr(cache_module, "_MEMORY", {})  # a new process: only the file remains
    second = ContentCache(tmp_path / "content.sqlite")
    assert second.remember("markdown", ("a",), lambda: make("a")) == {"html": "<p>a</p>"}
    assert second.remember("markdown", ("b",), lambda: make("b")) == {"html": "<p>b</p>"}
    assert second.remember("markdown", ("a",), lambda: make("a"), still_valid=lambda value: False) == {"html": "<p>a</p>"}
    assert made == ["a", "b", "a"]


def test_an_unusable_cache_file_is_reported_and_the_build_goes_on(tmp_path, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    site, problems = load_content(FIXTURE_SITE, cache_path=blocker / "content.sqlite")
    assert site is not None
    assert "content cache" in caplog.text


def test_a_warm_cache_gives_the_same_site(tmp_path, monkeypatch):
    """The second build reads every entry back from the file (the process's memory emptied in
    between, as in a new process) and gives the same texts as the first."""
    reads = []  # True for each entry found in the file, False for each miss
    read_from_file = ContentCache._read

    def counted_read(self, key):
        value = read_from_file(self, key)
        reads.append(value is not None)
        return value

    monkeypatch.setattr(ContentCache, "_read", counted_read)
    cache_file = tmp_path / "content.sqlite"
    monkeypatch.setattr(cache_module, "_MEMORY", {})  # earlier tests' entries would hide the file
    cold, _ = load_content(FIXTURE_SITE, cache_path=cache_file)
    assert reads and not any(reads), "a new cache file has nothing to give"
    with sqlite3.connect(cache_file) as database:
        [(stored,)] = database.execute("SELECT COUNT(*) FROM entries").fetchall()
    assert stored == len(reads), "every entry made is written to the file"

    reads.clear()
    monkeypatch.setattr(cache_module, "_MEMORY", {})  # a new process: only the file remains
    warm, _ = load_content(FIXTURE_SITE, cache_path=cache_file)
    assert len(reads) == stored and all(reads), f"{reads.count(False)} of {len(reads)} entries were made again"
    for kind, items in cold.items.items():
        assert [item.texts for item in items] == [item.texts for item in warm.items[kind]]
