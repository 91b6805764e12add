"""The review-pack comment of a pull request, rendered from pack.json (tools/review_pack.py).

    python3 tools/review_comment.py outputs PACK --head-sha SHA   # number=<n> and built=true|false
    python3 tools/review_comment.py render PACK --head-sha SHA [--preview-url URL] [--run-url URL] > comment.md

Without --preview-url (the preview was not published) the pages are named but not linked.

Runs in the privileged workflow (preview-publish.yml) on a file the pull request's own run made,
so it trusts nothing in it: only the Python standard library, every field checked for its type,
page addresses checked against a pattern before they become links, every text escaped for
Markdown and HTML (no link, image, mention or markup can come from the file), lists cut short.
A pack that fails validation stops with a plain message, and no comment is written.
"""

import argparse
import html
import json
import re
import sys

MARKER = "<!-- review-pack -->"
LANG_NAMES = {"en": "English", "tc": "繁體中文", "sc": "简体中文"}
PAGE_PATH = re.compile(r"(en|tc|sc)/([a-z0-9][a-z0-9-]*/){0,3}")
SHA = re.compile(r"[0-9a-f]{40}")
MAX_PROBLEMS = 40  # per list; the rest are counted
MAX_TEXT = 600  # characters of one message
MAX_COMMENT = 60000  # GitHub refuses comments over 65,536 characters


class PackInvalid(Exception):
    pass


def md(text, limit=MAX_TEXT):
    """`text` as inert Markdown: no markup, link, mention, table break or line break."""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    text = html.escape(text, quote=False)
    text = re.sub(r"([\\`*_{}\[\]()#+\-!|~>])", r"\\\1", text)
    # Entities for what would make an automatic link or a mention (https://, www.x.org, @someone).
    return text.replace("@", "&#64;").replace(":", "&#58;").replace(".", "&#46;")


def expect(value, kind, what):
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise PackInvalid(f"{what}: expected {kind.__name__}, found {type(value).__name__}")
    return value


def load(path):
    try:
        with open(path, encoding="utf-8") as handle:
            pack = json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PackInvalid(f"{path}: cannot read: {error}") from None
    expect(pack, dict, "pack")
    if pack.get("format") != 1:
        raise PackInvalid(f"{path}: unknown format")
    return pack


def pull_request_number(pack, head_sha):
    """The pack's pull request number, if the pack is for `head_sha` (the run's own, from the event)."""
    info = expect(pack.get("pull_request"), dict, "pull_request")
    number, sha = info.get("number"), info.get("head_sha")
    if not isinstance(number, int) or isinstance(number, bool) or not 0 < number < 10**9:
        raise PackInvalid("pull_request.number: not a pull request number")
    if not isinstance(sha, str) or not SHA.fullmatch(sha) or sha != head_sha:
        raise PackInvalid("pull_request.head_sha: not the commit this run built")
    return number


def link(preview_url, path, text):
    if not PAGE_PATH.fullmatch(path):
        raise PackInvalid(f"page address {path!r} is not one of the site's")
    return f"[{md(text, 120)}]({preview_url}/{path})" if preview_url else md(text, 120)


def kilobytes(size):
    return f"{size / 1024:.1f} KB"


def render(pack, preview_url, run_url=None):
    """The comment's Markdown; `preview_url` (None: not published) and `run_url` come from the
    workflow, never from the pack."""
    preview_url = preview_url.rstrip("/") if preview_url else None
    build = pack.get("build")
    if build not in ("success", "failure"):
        raise PackInvalid("build: expected success or failure")
    info = expect(pack.get("pull_request"), dict, "pull_request")
    sha = info.get("head_sha")
    number = pull_request_number(pack, sha)
    lines = [MARKER, f"## Review pack for {sha[:7]}", ""]
    if build == "success" and not preview_url:
        lines.append("The site builds, but the preview is not published: the preview repository is not set up yet "
                     "(docs/review-pack.md, \"One-time set-up\"). The built site is in the run's artifacts.")
    elif build == "success":
        lines.append(f"**[Open the preview]({preview_url}/)** of this pull request (updated on every push).")
    else:
        lines.append("**The site could not be built from this version**, so the preview was not updated. "
                     "The problems that stop it are listed under *Check* below: fix them and push again.")
    if run_url:
        lines.append(f"Full details: [the run's log]({run_url}).")

    # Changed pages in all three languages.
    lines += ["", "### Changed pages", ""]
    groups = expect(pack.get("pages"), list, "pages")
    if not groups:
        lines.append("No page changes: this pull request changes no file under `content/`.")
    else:
        lines += ["| what changed | " + " | ".join(LANG_NAMES.values()) + " |", "| --- | --- | --- | --- |"]
        for group in groups[:MAX_PROBLEMS]:
            expect(group, dict, "pages[]")
            cells = []
            for lang in LANG_NAMES:
                entries = [page for page in expect(group.get("pages"), list, "pages[].pages")
                           if isinstance(page, dict) and page.get("lang") == lang]
                links = []
                for page in entries:
                    path = expect(page.get("path"), str, "path")
                    if page.get("exists") is True and build == "success":
                        links.append(link(preview_url, path, page.get("title") or "/" + path))
                    else:
                        links.append(md("/" + path) + (" (removed)" if group.get("status") == "removed" else " (not built)"))
                cells.append("<br>".join(links) or "–")
            what = f"{md(group.get('kind', ''), 40)} {md(group.get('source', ''), 200)} ({md(group.get('status', ''), 20)})"
            lines.append(f"| {what} | " + " | ".join(cells) + " |")
        if len(groups) > MAX_PROBLEMS:
            lines.append(f"\n…and {len(groups) - MAX_PROBLEMS} more.")

    # make check, in plain words.
    problems = [problem for problem in expect(pack.get("problems"), list, "problems") if isinstance(problem, dict)]
    errors = [problem for problem in problems if problem.get("severity") == "error"]
    warnings = [problem for problem in problems if problem.get("severity") != "error"]
    ours = [problem for problem in warnings if problem.get("in_change") is True]
    lines += ["", f"### Check (`make check`): {len(errors)} error(s), {len(warnings)} warning(s)", ""]
    if not problems:
        lines.append("✅ No problems.")

    def listed(title, items):
        if not items:
            return
        lines.extend([title, ""])
        items = sorted(items, key=lambda problem: (str(problem.get("path", "")), problem.get("line") if isinstance(problem.get("line"), int) else 0))
        for problem in items[:MAX_PROBLEMS]:
            where = md(problem.get("path", ""), 200)
            line = problem.get("line")
            if isinstance(line, int) and not isinstance(line, bool):
                where += f" line {line}"
            lines.append(f"- **{where}**: {md(problem.get('message', ''))}")
        if len(items) > MAX_PROBLEMS:
            lines.append(f"- …and {len(items) - MAX_PROBLEMS} more (see the run's log).")
        lines.append("")

    listed("❌ **Errors** (each must be fixed before this pull request can be merged):", errors)
    listed("⚠️ **Warnings** in the files this pull request changes (please look at each):", ours)
    others = len(warnings) - len(ours)
    if others:
        lines.append(f"{others} other warning(s) are about files this pull request does not change (see the run's log).")

    # Hong Kong wording on the generated Simplified pages.
    lines += ["", "### Hong Kong wording on the Simplified pages", ""]
    wording = expect(pack.get("wording") or [], list, "wording")
    if build != "success":
        lines.append("Not measured: the site was not built.")
    elif not wording:
        lines.append("✅ None on the changed Simplified pages.")
    else:
        lines.append("These Hong Kong words are still on the generated Simplified pages (mainland word in brackets):")
        lines.append("")
        for entry in wording[:MAX_PROBLEMS]:
            words = [pair for pair in expect(entry.get("words"), list, "wording[].words")
                     if isinstance(pair, list) and len(pair) == 2]
            said = "、".join(f"{md(hk, 20)} ({md(mainland, 20)})" for hk, mainland in words[:30])
            lines.append(f"- {link(preview_url, expect(entry.get('path'), str, 'path'), '/' + entry['path'])}: {said}")

    # Page weight.
    weight = expect(pack.get("weight"), dict, "weight")
    budget = expect(weight.get("budget"), int, "weight.budget")
    lines += ["", f"### Page weight (HTML + CSS + JS, gzip-compressed; budget {kilobytes(budget)})", ""]
    measured = [page for page in expect(weight.get("pages"), list, "weight.pages") if isinstance(page, dict)]
    if not measured:
        lines.append("Not measured: " + ("the site was not built." if build != "success" else "no changed page."))
    else:
        lines += ["| page | weight | budget |", "| --- | ---: | --- |"]
        for page in measured[:MAX_PROBLEMS * 3]:
            size = expect(page.get("bytes"), int, "weight.pages[].bytes")
            verdict = "✅ within" if size <= budget else f"❌ {kilobytes(size - budget)} over"
            lines.append(f"| {link(preview_url, expect(page.get('path'), str, 'path'), '/' + page['path'])} | {kilobytes(size)} | {verdict} |")

    # Accessibility.
    lines += ["", "### Accessibility (axe-core, WCAG 2.1 A and AA; budget: no violations)", ""]
    axe = pack.get("axe")
    if axe is None:
        lines.append("Not measured: " + ("the site was not built." if build != "success" else "no changed page was checked."))
    else:
        failing = [page for page in expect(axe, list, "axe") if isinstance(page, dict) and page.get("violations")]
        if not failing:
            lines.append(f"✅ No violations on the {len(axe)} changed page(s).")
        for page in failing[:MAX_PROBLEMS]:
            violations = expect(page.get("violations"), list, "axe[].violations")
            lines.append(f"- ❌ {link(preview_url, expect(page.get('path'), str, 'path'), '/' + page['path'])}: "
                         + "; ".join(md(violation, 200) for violation in violations[:10]))
    lines += ["", f"<sub>Made for pull request #{number} by the review pack (docs/review-pack.md). "
              "This comment is updated on every push.</sub>", ""]
    comment = "\n".join(lines)
    if len(comment) > MAX_COMMENT:
        comment = comment[:MAX_COMMENT] + "\n\n…(cut short; see the run's log)\n"
    return comment


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    number = commands.add_parser("outputs", help="print number=<pull request> and built=true|false")
    number.add_argument("pack")
    number.add_argument("--head-sha", required=True)
    comment = commands.add_parser("render", help="print the comment")
    comment.add_argument("pack")
    comment.add_argument("--head-sha", required=True)
    comment.add_argument("--preview-url")
    comment.add_argument("--run-url")
    args = parser.parse_args(argv)
    try:
        pack = load(args.pack)
        found = pull_request_number(pack, args.head_sha)
        if args.command == "outputs":
            print(f"number={found}\nbuilt={'true' if pack.get('build') == 'success' else 'false'}")
        else:
            for option, address in (("--preview-url", args.preview_url), ("--run-url", args.run_url)):
                if address and not re.fullmatch(r"https://[\w.-]+(/[\w.-]+)*", address.rstrip("/")):
                    raise PackInvalid(f"{option} {address!r} is not an https address")
            sys.stdout.write(render(pack, args.preview_url, args.run_url))
    except (PackInvalid, KeyError, TypeError, AttributeError) as error:
        sys.exit(f"review comment: {args.pack}: the pack is not valid ({error}); no comment written")


if __name__ == "__main__":
    main()
