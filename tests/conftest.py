"""Shared helpers: build a content folder with Pelican into a temporary output folder."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
PELICAN = [sys.executable, "-m", "pelican"]
#: 2015-01-01 00:00 UTC: the fixture's February 2015 seminar is then upcoming.
FIXTURE_EPOCH = "1420070400"


def build(content, output, *extra, settings="pelicanconf.py", epoch=FIXTURE_EPOCH, env=None):
    """Run Pelican as `make html` does; return the CompletedProcess (never raises)."""
    environment = dict(os.environ, SOURCE_DATE_EPOCH=epoch, **(env or {}))
    return subprocess.run(
        [*PELICAN, str(content), "-o", str(output), "-s", settings, *extra],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def fixture_copy(tmp_path):
    """A private copy of the fixture site that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, target)
    return target


@pytest.fixture(scope="session")
def fixture_output(tmp_path_factory):
    """The fixture site, built once for every test that only reads the output."""
    output = tmp_path_factory.mktemp("fixture-output")
    result = build(FIXTURE_SITE, output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="session")
def paged_output(tmp_path_factory):
    """The fixture site in small pages (one case report, two awardees a page; a technology brief
    shows one case report and the figures of one), for the tests of pagination and of the filters
    over a paginated list (tests/test_pagination.py)."""
    output = tmp_path_factory.mktemp("paged-output")
    result = build(FIXTURE_SITE, output, "-e", 'SEARCH={"index": false}', "CASES_PER_PAGE=1", "AWARDEES_PER_PAGE=2",
                   "TECHNOLOGY_CASES_SHOWN=1", "EVIDENCE_VALUES_SHOWN=1")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return output


@pytest.fixture(scope="session")
def content_output(tmp_path_factory):
    """The real content/, built once for every test that only reads the output."""
    output = tmp_path_factory.mktemp("content-output")
    result = build(ROOT / "content", output)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return output


@pytest.fixture(scope="session", params=["fixture", "content"])
def built_site(request):
    """Each built site in turn (the fixture site, then the real content): for checks that every
    published page must pass."""
    return request.getfixturevalue(f"{request.param}_output")


#: Debian's Chromium, driven by Playwright (never `playwright install`).
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Nothing but the local servers resolves: a request to another host never leaves the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def missing_chinese_font():
    """Why Chinese cannot be rendered here (then every character is an empty box in the browser
    tests' screenshots and the tests would pass regardless), or None."""
    try:
        fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "fc-list (fontconfig) is missing, so no font for Chinese can be found: install fontconfig fonts-noto-cjk"
    if not fonts.strip():
        return "no font renders Chinese (fc-list :lang=zh finds none): install fonts-noto-cjk"
    return None


@pytest.fixture(scope="session")
def chromium_browser():
    """One headless Chromium for every browser test of the session. Playwright's sync API allows
    one instance at a time in a thread, so every browser fixture takes its browser from here."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} is missing: `make test` installs Debian's chromium (apt-get install chromium)"
    problem = missing_chinese_font()
    assert problem is None, problem
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
