"""Deterministic builds: the real content built twice, with the same SOURCE_DATE_EPOCH, gives the
same files with the same bytes, the second time from cold caches; and the pages written by two
processes (plugins/parallel) are those one process writes.

The only exceptions are the files a plugin declares, with its reason: Pagefind's filter and
metadata indexes (plugins/search/indexer.py, `NONDETERMINISTIC`). (tests/search/test_index.py does
the same for the fixture site.)
"""

import fnmatch
import json

import pytest

from conftest import FIXTURE_SITE, PAGED_SETTINGS, ROOT, build
from plugins.search.indexer import NONDETERMINISTIC
from plugins.search.search import DEFAULTS as SEARCH_DEFAULTS

DECLARED = [pattern.format(bundle=SEARCH_DEFAULTS["bundle"]) for pattern in NONDETERMINISTIC]


def files_of(output):
    return {path.relative_to(output).as_posix(): path.read_bytes() for path in sorted(output.rglob("*")) if path.is_file()}


def differences(first, second, declared=DECLARED):
    """Files only in one build, and files whose bytes differ, except the declared ones."""

    def kept(paths):
        return {path for path in paths if not any(fnmatch.fnmatch(path, pattern) for pattern in declared)}

    only = sorted(kept(first.keys() ^ second.keys()))
    changed = sorted(path for path in kept(first.keys() & second.keys()) if first[path] != second[path])
    return only, changed


def assert_same_files(first, second, why_changed):
    """The two builds' files are the same, byte for byte (but the declared ones)."""
    only, changed = differences(first, second)
    assert not only, f"written by one build only: {only[:20]}"
    assert not changed, f"{why_changed}: {changed[:20]}"


@pytest.mark.slow
def test_two_builds_of_the_content_are_byte_identical(content_output, tmp_path):
    # The second build starts from empty caches: what a cache hands back equals what is made anew.
    cold = {"IMAGES": {"cache_path": str(tmp_path / "image-cache")}, "CONTENT_CACHE": str(tmp_path / "content.sqlite")}
    overrides = [arg for name, value in cold.items() for arg in ("-e", f"{name}={json.dumps(value)}")]
    result = build(ROOT / "content", tmp_path / "again", *overrides)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    first, second = files_of(content_output), files_of(tmp_path / "again")
    assert len(first) > 100
    assert_same_files(first, second, "different bytes from the same content")


@pytest.mark.slow
def test_the_build_in_two_processes_is_the_build_in_one(content_output, tmp_path):
    """plugins/parallel shares the pages out between two processes (`make html`); one process
    (BUILD_PROCESSES=1) must write the same files, byte for byte."""
    result = build(ROOT / "content", tmp_path / "serial", "-e", "BUILD_PROCESSES=1")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    parallel, serial = files_of(content_output), files_of(tmp_path / "serial")
    assert len(parallel) > 100
    assert_same_files(parallel, serial, "different bytes in one and two processes")


@pytest.mark.slow
def test_small_pages_in_two_processes_are_those_of_one(paged_output, tmp_path):
    """The same with every list in pages and every card on several pages: a part made once and
    copied (`fragment()`) is the same whichever process, and whichever page, makes it first."""
    result = build(FIXTURE_SITE, tmp_path / "serial", *PAGED_SETTINGS, "BUILD_PROCESSES=1")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    parallel, serial = files_of(paged_output), files_of(tmp_path / "serial")
    assert any("/technologies/" in path and "/cases/" in path for path in serial)  # the lists of a technology's cases
    assert_same_files(parallel, serial, "different bytes in one and two processes")


def test_pages_are_shared_out_between_the_processes():
    from plugins.parallel.parallel import HELPER_SHARE, share_of

    names = [f"{lang}/cases/case-{number}/index.html" for lang in ("en", "tc", "sc") for number in range(300)]
    shares = [share_of(name) for name in names]
    assert shares == [share_of(name) for name in names]  # the same in every build
    assert set(shares) == {0, 1}
    assert abs(shares.count(1) / len(shares) - HELPER_SHARE) < 0.05


def test_the_comparison_sees_a_changed_byte():
    first = {"en/index.html": b"<p>1</p>", "pagefind/filter/en_1.pf_filter": b"a"}
    second = {"en/index.html": b"<p>2</p>", "pagefind/filter/en_1.pf_filter": b"b", "extra.txt": b""}
    assert differences(first, second) == (["extra.txt"], ["en/index.html"])
