"""Shared helpers: build a content folder with Pelican into a temporary output folder."""

import fcntl
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import lxml.html
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


# --- the session's shared builds -----------------------------------------------------------------

#: The sites built once a session, for every test that only reads them: (content, extra arguments).
#: Small pages: every paginated list and every copied card (fragment) shows on more than one page.
PAGED_SETTINGS = ("-e", 'SEARCH={"index": false}', "CASES_PER_PAGE=1", "EVENTS_PER_PAGE=1", "AWARDEES_PER_PAGE=2",
                  "TECHNOLOGY_CASES_SHOWN=1", "EVIDENCE_VALUES_SHOWN=1")


SESSION_BUILDS = {
    # The fixture site.
    "fixture_output": (FIXTURE_SITE, ()),
    # The fixture site in small pages (PAGED_SETTINGS: one case report, one event, two awardees a
    # page; a technology brief shows one case report and the figures of one), for the tests of
    # pagination and of the filters over a paginated list (tests/test_pagination.py).
    "paged_output": (FIXTURE_SITE, PAGED_SETTINGS),
    # The real content/.
    "content_output": (ROOT / "content", ()),
}


class SessionBuild:
    """One of SESSION_BUILDS, built once a run in the background (`build()`'s command and
    environment) into `folder`: under pytest-xdist, by whichever worker takes the folder's lock
    first, the others reading the same output. `result()` waits for it and returns the output
    folder, or fails with the build's log."""

    def __init__(self, name, folder):
        content, extra = SESSION_BUILDS[name]
        folder.mkdir(parents=True, exist_ok=True)
        self.output, self.log, self.status = folder / "output", folder / "log", folder / "exit-status"
        self.lock = open(folder / "lock", "w")  # held while building, let go by `_finish`
        self.process = self.waiter = None
        try:
            fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # another worker is building it
        if self.status.exists():  # another worker has built it
            fcntl.flock(self.lock, fcntl.LOCK_UN)
            return
        self.output.mkdir()
        with open(self.log, "w", encoding="utf-8") as log:
            self.process = subprocess.Popen([*PELICAN, str(content), "-o", str(self.output), "-s", "pelicanconf.py", *extra],
                                            cwd=ROOT, env=dict(os.environ, SOURCE_DATE_EPOCH=FIXTURE_EPOCH),
                                            stdout=log, stderr=subprocess.STDOUT, text=True)
        self.waiter = threading.Thread(target=self._finish, daemon=True)
        self.waiter.start()

    def _finish(self):
        """When the build ends: its exit status for every worker, then the lock let go."""
        self.status.write_text(str(self.process.wait()), encoding="utf-8")
        fcntl.flock(self.lock, fcntl.LOCK_UN)

    def result(self):
        if self.waiter is not None:
            self.waiter.join()
        else:  # built by another worker, which holds the lock until the build ends
            fcntl.flock(self.lock, fcntl.LOCK_EX)
            fcntl.flock(self.lock, fcntl.LOCK_UN)
        status = self.status.read_text(encoding="utf-8") if self.status.exists() else "missing"
        assert status == "0", f"exit status {status}:\n" + self.log.read_text(encoding="utf-8")[-6000:]
        return self.output

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.waiter.join()


def needed_builds(items):
    """The SESSION_BUILDS that the tests about to run ask for, through any fixture."""
    names = set()
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "built_site" in fixtures:  # it asks for its sites by name, when it runs
            fixtures |= {"fixture_output", "content_output"}
        names |= fixtures & SESSION_BUILDS.keys()
    return names


class SessionBuilds:
    """The session's shared builds: `start(names)` starts those not started yet, in the
    background; calling it with a name (starting that build if need be) waits for the build and
    returns its output folder."""

    def __init__(self, tmp_path_factory):
        # The run's temporary folder, which pytest-xdist's workers each have a folder of.
        self.root = tmp_path_factory.getbasetemp()
        if os.environ.get("PYTEST_XDIST_WORKER"):
            self.root = self.root.parent
        self.started = {}

    def start(self, names):
        for name in sorted(set(names) - self.started.keys()):
            self.started[name] = SessionBuild(name, self.root / f"session-{name.replace('_', '-')}")

    def __call__(self, name):
        self.start([name])
        return self.started[name].result()

    def stop(self):
        """End the builds no test waited for (a run stopped early)."""
        for build in self.started.values():
            build.stop()


@pytest.fixture(scope="session")
def session_builds(tmp_path_factory):
    """The shared builds (SessionBuilds): `session_builds(name)` is the output of SESSION_BUILDS[name]."""
    builds = SessionBuilds(tmp_path_factory)
    yield builds
    builds.stop()


@pytest.fixture(scope="session", autouse=True)
def _start_session_builds(request):
    """Every shared build the session's tests need, started at once before the first test: the
    tests that need none run first (`pytest_collection_modifyitems`), beside the builds."""
    needed = needed_builds(request.session.items)
    if needed:
        request.getfixturevalue("session_builds").start(needed)


@pytest.fixture(scope="session")
def fixture_output(session_builds):
    """The fixture site, built once for every test that only reads the output."""
    return session_builds("fixture_output")


@pytest.fixture(scope="session")
def paged_output(session_builds):
    """The fixture site in small pages (SESSION_BUILDS), for tests/test_pagination.py."""
    return session_builds("paged_output")


@pytest.fixture(scope="session")
def content_output(session_builds):
    """The real content/, built once for every test that only reads the output."""
    return session_builds("content_output")


@pytest.fixture(scope="module")
def site():
    """The fixture site as the contract loader reads it (one per test module: a test may change it)."""
    from plugins.contract.loader import load_content

    loaded, problems = load_content(FIXTURE_SITE)
    assert loaded is not None, [str(p) for p in problems]
    return loaded


def page_file(output, path=""):
    """The file of the page at `path` of a built site: a folder ("en/cases/", "") means its index.html."""
    file = Path(output) / path
    if path == "" or path.endswith("/") or file.is_dir():
        file = file / "index.html"
    assert file.is_file(), f"{path} was not written"
    return file


def soup(output, path=""):
    """The parsed page at `path` of a built site (`page_file`)."""
    return _soup_of(page_file(output, path))


def _soup_of(file):
    return BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")


#: The pages that page_soup and page_tree parsed, by (parser, file): a session's built sites are
#: parsed once, however many tests walk them.
_SHARED_PAGES = {}


def _parsed_once(parse, output, path):
    """parse(the page's file), made once a session for each parser and page."""
    file = page_file(output, path)
    key = (parse, file.resolve())
    if key not in _SHARED_PAGES:
        _SHARED_PAGES[key] = parse(file)
    return _SHARED_PAGES[key]


def page_soup(output, path):
    """soup(output, path), parsed once per session and shared by every test that asks for that page:
    for the tests that walk every page of a built site (parsing the real content's ~500 pages takes
    seconds each time). Read it only: a test that changes the tree takes its own from soup()."""
    return _parsed_once(_soup_of, output, path)


def _lxml_tree(file):
    return lxml.html.fromstring(file.read_bytes())


def page_tree(output, path):
    """The page at `path` of a built site as an lxml tree, parsed once per session: for the tests
    that walk every page and ask a few things of each (lxml parses ten times faster than
    BeautifulSoup, and `xpath`/`cssselect` ask it). Read it only."""
    return _parsed_once(_lxml_tree, output, path)


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


def named_tests(config):
    """The files of the tests named one by one on the command line (`file::test`): those run."""
    files = set()
    for arg in config.args:
        if "::" not in arg:
            continue
        path = Path(arg.split("::")[0])
        files.add((path if path.is_absolute() else Path(config.invocation_params.dir) / path).resolve())
    return files


def pytest_collection_modifyitems(config, items):
    """Every test that needs Chromium, through any fixture, is a browser test: no list to keep.
    Without --slow, the slow tier is deselected (not skipped), except the tests named one by one."""
    for item in items:
        if "chromium_browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
    builds_last(items)
    if config.getoption("--slow"):
        return
    named = named_tests(config)
    slow = [item for item in items
            if any(item.get_closest_marker(name) for name in SLOW_MARKERS) and Path(item.path).resolve() not in named]
    if slow:
        kept = set(map(id, items)) - set(map(id, slow))
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if id(item) in kept]
        config.stash[SLOW_LEFT_OUT] = len(slow)


SLOW_LEFT_OUT = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, config):
    if config.getoption("--slow"):
        return
    left_out = config.stash.get(SLOW_LEFT_OUT, 0)
    if left_out:
        said = f"{left_out} test(s) deselected"
    elif config.pluginmanager.hasplugin("dsession"):  # pytest-xdist's controller: its workers deselect, uncounted here
        said = "left out"
    else:
        return
    terminalreporter.write_line(f"slow tier: {said} (own builds, the HTML checker, the 3,000-case site); "
                                "`pytest --slow` or `make test` runs it too")


def builds_last(items):
    """Reorder `items` in place: the test files none of whose tests reads a shared build first, then
    the others, each file's tests in their order (so a module's fixtures are made once). The
    builds, started before the first test, go on while the first files run."""
    needs = {}
    for item in items:
        needs[item.path] = needs.get(item.path, False) or bool(needed_builds([item]))
    items.sort(key=lambda item: needs[item.path])  # stable


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
