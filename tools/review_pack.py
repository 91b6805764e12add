"""The review pack of a pull request: what it changes on the site, gathered as data (pack.json).

    python -m tools.review_pack CONTENT OUTPUT --base-ref REF --site-url URL --out pack.json
                                [--pull-request N --head-sha SHA] [--build success|failure] [--axe]

Run in the unprivileged pull-request job, after `make check` and `make html`. It gathers

- the pages the change touches, in all three languages: content/<kind>/<slug>/ -> /<lang>/<kind>/<slug>/,
  content/pages/<slug>/ -> /<lang>/<slug>/, a data file -> the list pages that show it (DATA_PAGES);
- every problem `make check` reports (the same functions, run here, so a failed build still has them),
  marked whether the file is one this change touched;
- the Hong Kong wording left on the changed Simplified pages as built (plugins/checks/wording.py's table);
- the weight of each changed page (its HTML and the CSS and JS it loads, gzip-compressed; budget 50 KB,
  as tests/test_light.py) and, with --axe, axe-core's WCAG 2.1 A/AA violations (budget: none).

The privileged workflow turns pack.json into the pull request's comment with tools/review_comment.py,
which trusts none of it. docs/review-pack.md describes the flow.
"""

import argparse
import gzip
import json
import mimetypes
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from plugins.checks import run_checks  # noqa: E402
from plugins.checks.wording import protected_names  # noqa: E402
from plugins.contract.loader import load_content  # noqa: E402
from plugins.multilingual import mainland  # noqa: E402
from plugins.multilingual.languages import to_simplified  # noqa: E402
from tools.hk_terms import visible_text  # noqa: E402

LANGS = ("en", "tc", "sc")
BUDGET = 50 * 1024  # bytes of HTML+CSS+JS, gzip-compressed (tests/test_light.py)
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ITEM_KINDS = {"cases": "case report", "technologies": "technology brief", "events": "event", "pages": "page"}
#: The pages (relative to /<lang>/) that show each data file; any other file: the home page.
DATA_PAGES = {
    "awardees.csv": ["awardees/"],
    "programme.yaml": ["", "results/"],
    "metrics.yaml": ["results/", "cases/"],
    "sectors.yaml": ["cases/", "technologies/"],
    "technology-categories.yaml": ["cases/", "technologies/"],
    "issues.yaml": ["cases/"],
    "cities.yaml": ["cases/"],
    "organisations.yaml": ["cases/"],
    "event-types.yaml": ["events/"],
    "languages.yaml": ["events/"],
    "terms.yaml": [""],
    "mainland-wording.yaml": [""],
}


class PackError(Exception):
    """Something the pack cannot be made without (told as a plain message, never a traceback)."""


# --- what changed --------------------------------------------------------------------------------

def changed_files(content, base_ref):
    """[(status letter, path relative to the repository root)] of files under `content` changed
    between the merge base with `base_ref` and HEAD (A added, M modified, D deleted)."""
    content = Path(content).resolve()

    def git(*args, where=content):
        try:
            return subprocess.run(["git", "-C", str(where), *args], capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError) as error:
            raise PackError(f"git {' '.join(args)}: {getattr(error, 'stderr', '') or error}".strip()) from None

    top = Path(git("rev-parse", "--show-toplevel").strip())
    under = content.relative_to(top).as_posix()
    fields = git("diff", "--name-status", "--no-renames", "-z", f"{base_ref}...HEAD", "--", under, where=top).split("\0")
    return [(status[0], name) for status, name in zip(fields[::2], fields[1::2]) if name]


def page_groups(changes, content_prefix):
    """One group per changed item folder or data file: {source, kind, status, paths (relative to
    /<lang>/)}, in the order of the diff."""
    groups = {}
    for status, name in changes:
        parts = Path(name).relative_to(content_prefix).parts if name.startswith(content_prefix + "/") else ()
        if len(parts) >= 3 and parts[0] in ITEM_KINDS:
            kind, slug = parts[0], parts[1]
            source = f"{content_prefix}/{kind}/{slug}/"
            path = f"{slug}/" if kind == "pages" else f"{kind}/{slug}/"
            group = groups.setdefault(source, {"source": source, "kind": ITEM_KINDS[kind], "statuses": set(), "paths": [path]})
            group["statuses"].add(status)
        elif len(parts) == 2 and parts[0] == "data":
            source = f"{content_prefix}/data/{parts[1]}"
            groups[source] = {"source": source, "kind": "data file", "statuses": {status},
                              "paths": DATA_PAGES.get(parts[1], [""])}
    for group in groups.values():
        statuses = group.pop("statuses")
        group["status"] = "added" if statuses == {"A"} else "removed" if statuses == {"D"} else "changed"
    return list(groups.values())


# --- what the built pages hold -------------------------------------------------------------------

def built_file(output, path):
    return Path(output) / path / "index.html"


def page_title(file):
    try:
        tree = lxml.html.fromstring(file.read_bytes())
    except (OSError, ValueError, lxml.etree.ParserError):
        return ""
    heading = tree.xpath("//h1")
    text = heading[0].text_content() if heading else (tree.findtext(".//title") or "")
    return " ".join(text.split())


def gzipped(data):
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weight(output, path, site_path):
    """Bytes of the page's HTML and of the CSS and JS files it loads, each gzip-compressed."""
    output = Path(output)
    file = built_file(output, path)
    total = gzipped(file.read_bytes())
    tree = lxml.html.fromstring(file.read_bytes())
    base = f"http://site{site_path}/{path}"
    for href in tree.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), ' stylesheet ')]/@href | //script/@src"):
        target_path = urlsplit(urljoin(base, href)).path
        if not target_path.startswith(site_path + "/"):
            continue  # another host: tests/test_light.py refuses those
        target = output / target_path[len(site_path) + 1:]
        if target.is_file():
            total += gzipped(target.read_bytes())
    return total


def wording_left(wording, output, path):
    """[(Hong Kong word, mainland word)] left in the visible text of a built Simplified page."""
    text = visible_text(built_file(output, path).read_text(encoding="utf-8"))
    found = {}
    for _, hk, mainland_word in wording.leftovers(text, everywhere=True):
        found.setdefault(to_simplified(hk), mainland_word)
    return sorted(found.items())


def axe_violations(browser, output, site_url, paths):
    """{path: [one line per violated rule]} of axe-core's WCAG 2.1 A/AA rules on each page, the
    site's files answered from `output` at `site_url` (nothing is fetched from elsewhere)."""
    from axe_playwright_python.sync_playwright import Axe

    output = Path(output).resolve()
    prefix = site_url.rstrip("/") + "/"

    def answer(route):
        relative = unquote(urlsplit(route.request.url).path[len(urlsplit(prefix).path):])
        target = (output / relative).resolve()
        if target.is_dir():
            target = target / "index.html"
        if output not in target.parents or not target.is_file():
            route.fulfill(status=404, body="not found")
            return
        route.fulfill(status=200, body=target.read_bytes(),
                      content_type=mimetypes.guess_type(target.name)[0] or "application/octet-stream")

    axe = Axe()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.route(prefix + "**", answer)
        context.route(lambda url: not url.startswith(prefix), lambda route: route.abort())
        page = context.new_page()
        found = {}
        for path in paths:
            page.goto(prefix + path)
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]})
            found[path] = [
                f"{violation['id']} ({violation['impact']}): {violation['help']}, {len(violation['nodes'])} element(s)"
                for violation in results.response["violations"]
            ]
        return found
    finally:
        context.close()


# --- the pack ------------------------------------------------------------------------------------

def problems_of(content, root):
    """Every problem `make check` reports for `content`, paths relative to `root`."""
    _, problems = load_content(content, root=root)
    return problems + run_checks(content, root=root)


def in_change(path, groups):
    return any(path == group["source"] or (group["source"].endswith("/") and path.startswith(group["source"])) for group in groups)


def make_pack(content, output, base_ref, site_url, build="success", pull_request=None, head_sha=None, browser=None):
    content = Path(content).resolve()
    output = Path(output)
    root = Path(subprocess.run(["git", "-C", str(content), "rev-parse", "--show-toplevel"],
                               capture_output=True, text=True).stdout.strip() or content.parent)
    prefix = content.relative_to(root).as_posix()
    groups = page_groups(changed_files(content, base_ref), prefix)
    site_path = urlsplit(site_url).path.rstrip("/")
    built = build == "success" and built_file(output, "en").is_file()
    wording = None
    if built:
        try:
            wording = mainland.load(content, protected=protected_names(content))
        except mainland.WordingError:
            pass  # the check reports the table's problems
    pages, weights, wording_pages, present = [], [], [], []
    for group in groups:
        entry = {key: group[key] for key in ("source", "kind", "status")}
        entry["pages"] = []
        for lang in LANGS:
            for relative in group["paths"]:
                path = f"{lang}/{relative}"
                file = built_file(output, path)
                exists = built and file.is_file()
                entry["pages"].append({"lang": lang, "path": path, "exists": exists, "title": page_title(file) if exists else ""})
                if exists and path not in present:
                    present.append(path)
        pages.append(entry)
    for path in present:
        weights.append({"path": path, "bytes": page_weight(output, path, site_path)})
        if path.startswith("sc/") and wording is not None:
            left = wording_left(wording, output, path)
            if left:
                wording_pages.append({"path": path, "words": [list(pair) for pair in left]})
    problems = [
        {"path": problem.path, "line": problem.line, "severity": problem.severity, "message": problem.message,
         "in_change": in_change(problem.path, groups)}
        for problem in problems_of(content, root)
    ]
    return {
        "format": 1,
        "pull_request": {"number": pull_request, "head_sha": head_sha},
        "build": "success" if built else "failure",
        "pages": pages,
        "problems": problems,
        "wording": wording_pages,
        "weight": {"budget": BUDGET, "pages": weights},
        "axe": None if browser is None or not present else
        [{"path": path, "violations": violations} for path, violations in axe_violations(browser, output, site_url, present).items()],
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content")
    parser.add_argument("output")
    parser.add_argument("--base-ref", required=True, help="the branch the pull request goes into, e.g. origin/main")
    parser.add_argument("--site-url", required=True, help="the SITEURL the preview was built with")
    parser.add_argument("--out", required=True, help="where to write pack.json")
    parser.add_argument("--pull-request", type=int)
    parser.add_argument("--head-sha")
    parser.add_argument("--build", choices=["success", "failure"], default="success", help="how `make html` ended")
    parser.add_argument("--axe", action="store_true", help="run axe-core in Chromium ($CHROMIUM or /usr/bin/chromium)")
    args = parser.parse_args(argv)
    try:
        if args.axe:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                                     args=["--no-sandbox", "--disable-gpu"])
                pack = make_pack(args.content, args.output, args.base_ref, args.site_url, args.build,
                                 args.pull_request, args.head_sha, browser)
                browser.close()
        else:
            pack = make_pack(args.content, args.output, args.base_ref, args.site_url, args.build, args.pull_request, args.head_sha)
    except PackError as error:
        sys.exit(f"review pack: {error}")
    Path(args.out).write_text(json.dumps(pack, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"review pack: {len(pack['pages'])} changed item(s), {len(pack['problems'])} problem(s), build {pack['build']} -> {args.out}")


if __name__ == "__main__":
    main()
