"""Lighthouse scores of one page of every template, in every language, at phone size.

Not a test: Lighthouse's performance score depends on the machine's load, so it is measured here
and reported (docs/benchmarks.md), while the tests check what it is made of (page weight,
metadata, accessibility with axe, no render-blocking script).

    python tools/lighthouse_report.py output/ [--lighthouse PATH] [--json report.json]

Lighthouse is not a dependency of the project: install it where you run this
(`npm install --prefix /tmp/lh lighthouse@12`, then `--lighthouse /tmp/lh/node_modules/.bin/lighthouse`).
It drives Debian's Chromium (CHROME_PATH, default /usr/bin/chromium) with mobile emulation.
"""

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: One address of each template, without the language prefix.
TEMPLATES = {
    "home": "",
    "case list": "cases/",
    "case filter page": "cases/sector/printing/",
    "case report": "cases/dongguan-printer-voc-carbon-recovery/",
    "technology list": "technologies/",
    "technology brief": "technologies/activated-carbon-regeneration/",
    "finder": "finder/",
    "event list": "events/",
    "event": "events/dongguan-seminar-voc-control-printing-packaging/",
    "awardees": "awardees/",
    "results": "results/",
    "page": "about/",
    "search": "search/",
}
LANGS = ("en", "tc", "sc")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the folder as a static host does: text compressed with gzip when the browser asks
    (every host the site deploys to does; Python's server alone does not, which would cost the
    larger pages seconds on the simulated phone network)."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.suffix in self.COMPRESSED and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(folder):
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def audit(lighthouse, url):
    """{category: score out of 100} and the audits that cost points, for one address."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        subprocess.run(
            [lighthouse, url, "--quiet", "--form-factor=mobile", "--chrome-flags=--headless=new --no-sandbox",
             f"--only-categories={','.join(CATEGORIES)}", "--output=json", f"--output-path={report}"],
            check=True, timeout=300, env=dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium")),
        )
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    losses = [
        f"{name}: {ref['id']} {data['audits'][ref['id']].get('displayValue', '')}".strip()
        for name in CATEGORIES
        for ref in data["categories"][name]["auditRefs"]
        if ref.get("weight") and (data["audits"][ref["id"]].get("score") is not None) and data["audits"][ref["id"]]["score"] < 1
    ]
    return scores, losses


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--lighthouse", default="lighthouse")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    server = serve(args.output)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    results = []
    for template, path in TEMPLATES.items():
        for lang in LANGS:
            if not (args.output / lang / path / "index.html").is_file():
                print(f"{template} ({lang}): /{lang}/{path} not in {args.output}", file=sys.stderr)
                continue
            scores, losses = audit(args.lighthouse, f"{origin}/{lang}/{path}")
            results.append({"template": template, "lang": lang, "path": f"/{lang}/{path}", "scores": scores, "losses": losses})
            print(f"{template:18} {lang}  " + "  ".join(f"{name} {score}" for name, score in scores.items())
                  + (f"   ({'; '.join(losses)})" if losses else ""), flush=True)
    server.shutdown()
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    perfect = sum(all(score == 100 for score in result["scores"].values()) for result in results)
    print(f"{perfect} of {len(results)} pages score 100 in all four categories")


if __name__ == "__main__":
    main()
