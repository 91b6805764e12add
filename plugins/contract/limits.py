"""Limits that keep a hostile or mistaken file from costing the build unbounded time or memory.

Every value is far above what real content needs (the largest Markdown file of content/ is 7 KB,
its longest line 1,100 characters, at most 2 `[` in a paragraph) and low enough that the slowest
thing an editor can write within them is checked in seconds. docs/security.md lists them.

Each check returns `(line, message)` pairs, so the loader (and `make check`) report
`path:line: message` before the Markdown or YAML parser ever sees the text.
"""

import re

#: A Markdown or YAML file of content/ (meta.yaml, en.md, data/*.yaml).
MAX_TEXT_FILE_BYTES = 128 * 1024
#: content/data/awardees.csv: bytes and rows (a row is about 150 bytes; the programme has a few hundred).
MAX_AWARDEES_BYTES = 1024 * 1024
MAX_AWARDEES_ROWS = 5_000
#: Characters in one line of any text file (a long paragraph is about 1,500).
MAX_LINE_CHARS = 5_000
#: `[` in one Markdown block (paragraph, list, table): Python-Markdown's link and footnote
#: patterns take time that grows faster than the square of their number within one block.
MAX_BRACKETS_PER_BLOCK = 100
#: Nested lists and block quotes on one line of Markdown (its parser recurses once per level).
MAX_MARKDOWN_NESTING = 10
#: Nested mappings and lists in a YAML file.
MAX_YAML_DEPTH = 16
#: Digits in a YAML number (Python refuses to read integers of more than 4,300 digits).
MAX_NUMBER_DIGITS = 30

_CONTAINER_MARKER = re.compile(r"[ ]{0,3}(?:>[ ]?|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))")


def file_too_large(size, limit=MAX_TEXT_FILE_BYTES):
    """The message for a file of `size` bytes over `limit`, or None."""
    if size <= limit:
        return None
    return (f"this file is {_kilobytes(size)}; the limit is {_kilobytes(limit)}: split it, or remove what "
            "does not belong in it")


def long_lines(text, first_line=1):
    for number, line in enumerate(text.split("\n"), start=first_line):
        if len(line) > MAX_LINE_CHARS:
            yield number, (f"this line has {len(line):,} characters; the limit is {MAX_LINE_CHARS:,}: "
                           "break it into paragraphs or lines")


def markdown_problems(body, first_line=1):
    """(line, message) for the lines and blocks of a Markdown body that exceed the limits."""
    problems = list(long_lines(body, first_line))
    if problems:
        return problems
    block_start, brackets, too_deep = first_line, 0, False
    for number, line in enumerate(body.split("\n"), start=first_line):
        if not line.strip():
            block_start, brackets = number + 1, 0
            continue
        brackets += line.count("[")
        if brackets > MAX_BRACKETS_PER_BLOCK:
            problems.append((block_start, f"this paragraph has more than {MAX_BRACKETS_PER_BLOCK} '[' (links, "
                                          "images, footnotes); split it with blank lines"))
            brackets = -len(body)  # once per block
        depth = nesting(line)
        if depth > MAX_MARKDOWN_NESTING and not too_deep:
            too_deep = True  # once: the lines below a deep one are usually deeper still
            problems.append((number, f"lists or quotes are nested {depth} levels deep here; the limit is "
                                     f"{MAX_MARKDOWN_NESTING}"))
    return problems


def nesting(line):
    """How many lists and block quotes a Markdown line opens or continues (indentation counts one
    level per 4 spaces or tab)."""
    indentation = len(line) - len(line.lstrip(" \t"))
    levels = line[:indentation].count("\t") + line[:indentation].count(" ") // 4
    rest = line[indentation:]
    while True:
        match = _CONTAINER_MARKER.match(rest)
        if not match or not match.group(0):
            return levels
        levels += 1
        rest = rest[match.end():]


def _kilobytes(size):
    return f"{size / 1024:,.0f} KB" if size < 10 * 1024 * 1024 else f"{size / 1024 / 1024:,.0f} MB"
