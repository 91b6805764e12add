"""Shared helpers: build a content folder with Pelican into a temporary output folder."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

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


@pytest.fixture(scope="module")
def site():
    """The fixture site as the contract loader reads it (one per test module: a test may change it)."""
    from plugins.contract.loader import load_content

    loaded, problems = load_content(FIXTURE_SITE)
    assert loaded is not None, [str(p) for p in problems]
    return loaded


def soup(output, path):
    """The parsed page at `path` of a built site: a folder ("en/cases/", "") means its index.html."""
    file = Path(output) / path
    if path == "" or path.endswith("/") or file.is_dir():
        file = file / "index.html"
    assert file.is_file(), f"{path} was not written"
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


#: page_soup's trees, by file: a session's built sites are parsed once, however many tests walk them.
_SHARED_SOUPS = {}


def page_soup(output, path):
    """soup(output, path), parsed once per session and shared by every test that asks for that page:
    for the tests that walk every page of a built site (parsing the real content's ~500 pages takes
    seconds each time). Read it only: a test that changes the tree takes its own from soup()."""
    file = Path(output) / path
    if path == "" or path.endswith("/") or file.is_dir():
        file = file / "index.html"
    key = file.resolve()
    if key not in _SHARED_SOUPS:
        _SHARED_SOUPS[key] = soup(output, path)
    return _SHARED_SOUPS[key]


@pytest.fixture(scope="session")
def served():
    """served(folder) -> "http://127.0.0.1:<port>/": `folder` served on a free local port, one
    server per folder for the whole session, shut down at its end."""
    from browser.support import serve

    servers = {}

    def url_of(folder):
        if folder not in servers:
            servers[folder] = serve(folder)
        return servers[folder][1]

    yield url_of
    for server, _url in servers.values():
        server.shutdown()
        server.server_close()


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


# --- the `browser` marker and what a failed browser test leaves behind ---------------------------

#: Screenshots and logs of failed tests, uploaded by CI when the tests fail.
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", ROOT / "test-artifacts"))


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Chromium (deselect with -m 'not browser' for the quick inner loop)")
    config.addinivalue_line("markers", "slow: a build of its own or the HTML checker; left out unless --slow is given (make test gives it)")


# --- the slow tier: what `make test` (so CI) always runs and plain `pytest` leaves out -------------

#: Markers of the slow tier: `large` (the 3,000-case site, minutes) and `slow` (seconds each:
#: a test's own Pelican build, the Nu HTML checker, a `make serve` session).
SLOW_MARKERS = ("slow", "large")


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true",
                     help="also run the slow tier, the tests marked slow or large (make test gives it)")


def named_files(config):
    """The test files named on the command line (a file, or a test in it): their tests all run."""
    files = set()
    for arg in config.args:
        path = Path(arg.split("::")[0])
        path = path if path.is_absolute() else Path(config.invocation_params.dir) / path
        if path.is_file():
            files.add(path.resolve())
    return files


def pytest_collection_modifyitems(config, items):
    """Every test that needs Chromium, through any fixture, is a browser test: no list to keep.
    Without --slow, the slow tier is deselected (not skipped), except in the files named."""
    for item in items:
        if "chromium_browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
    if config.getoption("--slow"):
        return
    named = named_files(config)
    slow = [item for item in items
            if any(item.get_closest_marker(name) for name in SLOW_MARKERS) and Path(item.path).resolve() not in named]
    if slow:
        kept = set(map(id, items)) - set(map(id, slow))
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if id(item) in kept]
        config.stash[SLOW_LEFT_OUT] = len(slow)


SLOW_LEFT_OUT = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, config):
    left_out = config.stash.get(SLOW_LEFT_OUT, 0)
    if left_out:
        terminalreporter.write_line(f"slow tier: {left_out} test(s) deselected (own builds, the HTML checker, the 3,000-case site); "
                                    "`pytest --slow` or `make test` runs them too")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and report.when == "call":
        keep_failure(item, report)
    return report


def keep_failure(item, report):
    """test-artifacts/<test>.txt (the failure) and, for a browser test, a screenshot of every page
    still open: what the reader would have seen."""
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", item.nodeid)[:150]
    (ARTIFACTS / f"{name}.txt").write_text(report.longreprtext, encoding="utf-8")
    browser = item.funcargs.get("chromium_browser")
    pages = [page for context in (browser.contexts if browser else []) for page in context.pages]
    for number, page in enumerate(pages, start=1):
        try:
            page.screenshot(path=ARTIFACTS / f"{name}-{number}.png", full_page=True)
        except Exception as error:  # a crashed page: keep the failure, note why there is no picture
            (ARTIFACTS / f"{name}-{number}.txt").write_text(f"no screenshot: {error}", encoding="utf-8")
