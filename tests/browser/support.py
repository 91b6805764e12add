"""Helpers for the browser tests: the local server, the watch on a page, screenshots."""

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
DESKTOP = 1280
PHONE = 390
HEIGHT = 900


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(directory):
    """Serve `directory` on a free local port in a background thread; return (server, base URL)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class Watched:
    """What went wrong while a page was open: console errors, failed or foreign requests."""

    def __init__(self, page, site_url):
        self.problems = []
        origin = urlsplit(site_url).netloc
        page.on("console", lambda message: message.type == "error" and self.problems.append(f"console error: {message.text} ({message.location.get('url', '')})"))
        page.on("pageerror", lambda error: self.problems.append(f"uncaught exception: {error}"))
        page.on("requestfailed", lambda request: self._failed(request, origin))
        page.on("response", lambda response: response.status >= 400 and self.problems.append(f"HTTP {response.status}: {response.url}"))
        page.on("request", lambda request: self._foreign(request, origin))

    def _foreign(self, request, origin):
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob") and parts.netloc != origin:
            self.problems.append(f"request to another host: {request.url}")

    def _failed(self, request, origin):
        # Foreign requests are reported by _foreign(); ERR_ABORTED is a request cut short by the
        # next navigation (a favicon still loading), not a failure of the site.
        if urlsplit(request.url).netloc == origin and request.failure != "net::ERR_ABORTED":
            self.problems.append(f"request failed ({request.failure}): {request.url}")


def close_and_check(contexts):
    """Close the browser contexts a fixture opened; fail with every problem their pages recorded
    (console errors, failed requests: `Watched`)."""
    problems = [problem for context in contexts for page in context.pages for problem in page.problems]
    for context in contexts:
        context.close()
    assert not problems, "\n".join(problems)


def screenshot(page, name):
    """Keep a full-page screenshot under `test-artifacts/screenshots/` (gitignored; CI uploads it)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def slug(path):
    """A file-name-safe name for a page path: "en/cases/" -> "en-cases", "" -> "root"."""
    return path.strip("/").replace("/", "-").replace(".html", "") or "root"


#: Controls a reader can reach: what Tab should stop at, what must not be clipped or overlap.
CONTROLS = "a[href], button, input, select, textarea, summary, [tabindex]"

_LAYOUT_PROBLEMS = """(controls) => {
  const problems = [];
  const root = document.documentElement;
  const describe = (el) => {
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ');
    const classes = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    return `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${classes}> "${text.slice(0, 40)}"`;
  };
  const shown = (el) => {  // drawn, bigger than the 1px of visually hidden text, not above the page
    const box = el.getBoundingClientRect();
    return el.checkVisibility({visibilityProperty: true}) && box.width > 1 && box.height > 1 && box.bottom + scrollY > 0;
  };
  const scrollsSideways = (el) => {  // a wide table in its own scrolling box is allowed (WCAG 1.4.10)
    for (let up = el.parentElement; up; up = up.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(up).overflowX)) return true;
    }
    return false;
  };
  if (root.scrollWidth > root.clientWidth) {
    problems.push(`the page scrolls sideways: ${root.scrollWidth}px of content in ${root.clientWidth}px`);
  }
  for (const el of document.body.querySelectorAll('*')) {
    if (!shown(el)) continue;
    const box = el.getBoundingClientRect();
    if ((box.right > root.clientWidth + 1 || box.left < -1) && !scrollsSideways(el)) {
      problems.push(`${describe(el)} sticks out of the ${root.clientWidth}px viewport (${Math.round(box.left)} to ${Math.round(box.right)})`);
      continue;
    }
    const style = getComputedStyle(el);
    const clipsX = ['hidden', 'clip'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
    const clipsY = ['hidden', 'clip'].includes(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
    if (clipsX || clipsY) problems.push(`${describe(el)} cuts off its content`);
  }
  const fragments = [];
  for (const el of document.querySelectorAll(controls)) {
    if (!shown(el) || el.tabIndex < 0) continue;
    for (const box of el.getClientRects()) fragments.push([el, box]);
  }
  for (let i = 0; i < fragments.length; i++) {
    for (let j = i + 1; j < fragments.length; j++) {
      const [a, boxA] = fragments[i];
      const [b, boxB] = fragments[j];
      if (a === b || a.contains(b) || b.contains(a)) continue;
      const across = Math.min(boxA.right, boxB.right) - Math.max(boxA.left, boxB.left);
      const down = Math.min(boxA.bottom, boxB.bottom) - Math.max(boxA.top, boxB.top);
      if (across > 1 && down > 1) problems.push(`${describe(a)} overlaps ${describe(b)}`);
    }
  }
  return [...new Set(problems)];
}"""


def layout_problems(page):
    """What a reader would lose on this page as laid out now: sideways scrolling, content sticking
    out of the viewport, boxes that cut off their content, controls lying over one another."""
    return page.evaluate(_LAYOUT_PROBLEMS, CONTROLS)
