"""A failed test leaves its log, and a screenshot of every page it had open, in test-artifacts/
(tests/conftest.py), which CI uploads when the tests fail."""

import os
import subprocess
import sys

import pytest

from conftest import ROOT

FAILING_TEST = '''
def test_fails_on_a_page(chromium_browser):
    page = chromium_browser.new_page()
    page.set_content("<h1>What the reader saw</h1>")
    assert page.inner_text("h1") == "Something else"
'''


@pytest.mark.browser
def test_a_failed_browser_test_leaves_its_log_and_a_screenshot(tmp_path):
    (tmp_path / "test_failing.py").write_text(FAILING_TEST, encoding="utf-8")
    artifacts = tmp_path / "artifacts"
    # The project's conftest as a plugin, on a test outside the project: its hooks and fixtures.
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "conftest", "-p", "no:cacheprovider", "-c", os.devnull,
         "--rootdir", str(tmp_path), "test_failing.py"],
        cwd=tmp_path, capture_output=True, text=True,
        env=dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "tests"), str(ROOT)]), TEST_ARTIFACTS=str(artifacts)),
    )
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-3000:]
    [log] = artifacts.glob("*.txt")
    assert log.name.startswith("test_failing.py_") and "Something else" in log.read_text(encoding="utf-8")
    [screenshot] = artifacts.glob("*.png")
    assert screenshot.read_bytes().startswith(b"\x89PNG") and screenshot.stat().st_size > 1000
