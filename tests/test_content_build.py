"""The real content/ builds with no warning at all (`--fatal warnings`)."""

import pytest

from conftest import ROOT, build

#: Builds of their own (or the HTML checker): the slow tier (tests/conftest.py, `--slow`).
pytestmark = pytest.mark.slow


def test_content_builds_without_warnings(tmp_path):
    result = build(ROOT / "content", tmp_path / "output", "--fatal", "warnings")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    for lang in ("en", "tc", "sc"):
        assert (tmp_path / "output" / lang / "index.html").is_file()
