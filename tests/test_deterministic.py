"""Deterministic builds: the real content built twice, with the same SOURCE_DATE_EPOCH, gives the
same files with the same bytes, the second time from cold caches.

The only exceptions are the files a plugin declares, with its reason: Pagefind's filter and
metadata indexes (plugins/search/indexer.py, `NONDETERMINISTIC`). (tests/search/test_index.py does
the same for the fixture site.)
"""

import fnmatch
import json

from conftest import ROOT, build
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


def test_two_builds_of_the_content_are_byte_identical(content_output, tmp_path):
    # The second build starts from empty caches: what a cache hands back equals what is made anew.
    cold = {"IMAGES": {"cache_path": str(tmp_path / "image-cache")}, "CONTENT_CACHE": str(tmp_path / "content.sqlite")}
    overrides = [arg for name, value in cold.items() for arg in ("-e", f"{name}={json.dumps(value)}")]
    result = build(ROOT / "content", tmp_path / "again", *overrides)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    first, second = files_of(content_output), files_of(tmp_path / "again")
    assert len(first) > 100
    only, changed = differences(first, second)
    assert not only, f"written by one build only: {only[:20]}"
    assert not changed, f"different bytes from the same content: {changed[:20]}"


def test_the_comparison_sees_a_changed_byte():
    first = {"en/index.html": b"<p>1</p>", "pagefind/filter/en_1.pf_filter": b"a"}
    second = {"en/index.html": b"<p>2</p>", "pagefind/filter/en_1.pf_filter": b"b", "extra.txt": b""}
    assert differences(first, second) == (["extra.txt"], ["en/index.html"])
