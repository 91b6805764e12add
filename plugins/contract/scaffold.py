"""`make new-case SLUG=...` (and new-technology, new-event): start a new item folder.

    python -m plugins.contract.scaffold case|technology|event SLUG [--content DIR]

Writes `<content>/<kind>/<slug>/meta.yaml` with every field (required ones set to TODO, optional
ones commented out, each with a comment naming what is allowed, read from the vocabularies in
content/data/ so the comments stay true) and `en.md` / `tc.md` with their front matter and an
outline of the body. Every TODO is a placeholder that `make check` and the build refuse, so an
unfinished item can never be published.
"""

import argparse
import re
import sys
import textwrap
from pathlib import Path

from .fields import front_fields, meta_fields
from .schema import SLUG_PATTERN
from .yamlfile import YamlProblem, load_yaml

KINDS = {"case": "cases", "technology": "technologies", "event": "events"}
TITLES = {"cases": "Case report (個案報告)", "technologies": "Technology brief (技術簡報)", "events": "Event (活動)"}
MAX_SLUG = 80
PLACEHOLDER = "TODO"

OUTLINES = {
    ("cases", "en"): ["The factory and its problem", "The technology", "Installation", "Results", "Lessons learnt"],
    ("cases", "tc"): ["工廠面對的問題", "技術簡介", "安裝過程", "成效", "經驗分享"],
    ("technologies", "en"): ["What it is", "How it works", "Where it applies", "Results to expect",
                             "Running and maintenance costs", "Before you adopt it"],
    ("technologies", "tc"): ["技術簡介", "運作原理", "適用範圍", "預期成效", "營運及維修成本", "採用前須知"],
}
RUNDOWN = {"en": ("Rundown", "Time", "Item"), "tc": ("程序", "時間", "內容")}
FRONT_NOTE = {
    "en": "# Replace every TODO. Lines starting with # are notes; remove the # before cover_alt if meta.yaml has a cover.",
    "tc": "# 請把所有 TODO 換成內容。以 # 開始的是說明；如 meta.yaml 設有 cover，請刪去 cover_alt 前的 #。",
}


class Refusal(Exception):
    """The item cannot be created; the message says why and what to do."""


def _comment(text, width=100):
    return "\n".join(textwrap.wrap(text, width=width, initial_indent="# ", subsequent_indent="#   "))


def _list_comment(intro, entries, width=100):
    """`# intro a (甲), b (乙), ...` packed into lines without splitting an entry."""
    lines, line = [], f"# {intro}"
    for index, entry in enumerate(entries):
        piece = entry + ("," if index < len(entries) - 1 else ".")
        if len(line) + 1 + len(piece) > width and line.strip("# "):
            lines.append(line)
            line = "#   " + piece
        else:
            line += " " + piece
    lines.append(line)
    return "\n".join(lines)


def _allowed(content, field):
    """A comment naming what a field that takes vocabulary keys or slugs allows, else ''."""
    if field.slugs_of:
        folder = content / field.slugs_of
        slugs = sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")) if folder.is_dir() else []
        return _list_comment(f"Allowed: a folder name in content/{field.slugs_of}/, e.g.", slugs[:3] or ["(none yet)"])
    if not field.vocabulary:
        return ""
    path = content / "data" / f"{field.vocabulary}.yaml"
    try:
        data, _ = load_yaml(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, YamlProblem):
        data = None
    if not isinstance(data, dict):
        return f"# Allowed: the keys of data/{field.vocabulary}.yaml."
    keys = [f"{key} ({value['tc']})" if isinstance(value, dict) and value.get("tc") else str(key) for key, value in data.items()]
    return _list_comment(f"Allowed (data/{field.vocabulary}.yaml):", keys)


def _placeholder(field):
    example = field.example
    if field.name == "results":
        return "\n  TODO: 0"  # a metric key and its number
    if example.startswith("["):
        return "[TODO]"
    return PLACEHOLDER


def meta_yaml(kind, slug, content):
    lines = [
        _comment(f"{TITLES[kind]}: {slug}. Replace every TODO; `make check` lists what is still missing. "
                 "A line starting with # is a note or an optional field: remove the # to use the field."),
        _comment("請把所有 TODO 換成內容；選填欄位以 # 開始，使用時刪去 #。執行 make check 可列出尚欠的內容。"),
        "",
    ]
    for field, required in meta_fields(kind):
        lines.append(_comment(field.en[0].upper() + field.en[1:] + "."))
        lines.append(_comment(field.tc + "。"))
        allowed = _allowed(content, field)
        if allowed:
            lines.append(allowed)
        if required:
            lines.append(f"{field.name}:{'' if field.name == 'results' else ' '}{_placeholder(field)}")
        else:
            lines.append(f"# {field.name}: {field.example}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def language_file(kind, lang):
    front = ["---", FRONT_NOTE[lang]]
    for field, _required in front_fields(kind):
        if field.name == "cover_alt":
            front.append(f"# cover_alt: {PLACEHOLDER}")
        else:
            front.append(f"{field.name}: {PLACEHOLDER}")
    front.append("---")
    if kind == "events":
        heading, time, item = RUNDOWN[lang]
        body = [PLACEHOLDER, "", f"## {heading}", "", f"| {time} | {item} |", "| --- | --- |", f"| {PLACEHOLDER} | {PLACEHOLDER} |"]
    else:
        body = []
        for heading in OUTLINES[(kind, lang)]:
            body += [f"## {heading}", "", PLACEHOLDER, ""]
        body = body[:-1]
    return "\n".join(front + [""] + body) + "\n"


def check_slug(kind_dir, slug, make_target):
    if not slug:
        raise Refusal(f"give the new item's folder name, e.g. make {make_target} SLUG=dongguan-dye-works")
    if not re.fullmatch(SLUG_PATTERN, slug):
        raise Refusal(
            f"'{slug}' is not a valid slug: use lowercase letters a-z, digits and single hyphens, "
            "e.g. dongguan-dye-works (no spaces, capitals, underscores or Chinese characters)"
        )
    if len(slug) > MAX_SLUG:
        raise Refusal(f"'{slug}' is {len(slug)} characters long; keep a slug under {MAX_SLUG} characters")
    if kind_dir.is_dir():
        for existing in kind_dir.iterdir():
            if existing.name.lower() == slug:
                raise Refusal(
                    f"{kind_dir / existing.name} already exists: choose another slug, or edit that folder"
                )


def scaffold(kind, slug, content="content"):
    """Create the item folder; return the paths written. Raises Refusal."""
    if kind not in KINDS:
        raise Refusal(f"unknown kind '{kind}': use one of {', '.join(KINDS)}")
    content = Path(content)
    if not (content / "data").is_dir():
        raise Refusal(f"{content} is not a content folder (it has no data/ folder)")
    folder_kind = KINDS[kind]
    kind_dir = content / folder_kind
    check_slug(kind_dir, slug, f"new-{kind}")
    folder = kind_dir / slug
    folder.mkdir(parents=True)
    written = [folder / "meta.yaml", folder / "en.md", folder / "tc.md"]
    written[0].write_text(meta_yaml(folder_kind, slug, content), encoding="utf-8")
    written[1].write_text(language_file(folder_kind, "en"), encoding="utf-8")
    written[2].write_text(language_file(folder_kind, "tc"), encoding="utf-8")
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description="Start a new case report, technology brief or event.")
    parser.add_argument("kind", choices=sorted(KINDS))
    parser.add_argument("slug", nargs="?", default="")
    parser.add_argument("--content", default="content")
    args = parser.parse_args(argv)
    try:
        written = scaffold(args.kind, args.slug.strip(), args.content)
    except Refusal as refusal:
        print(f"new-{args.kind}: {refusal}", file=sys.stderr)
        return 1
    for path in written:
        print(f"created {path}")
    print(f"Next: replace every TODO in these files, add any images to {written[0].parent}/, then run make check.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
