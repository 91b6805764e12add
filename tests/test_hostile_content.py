"""Hostile content (issue 10, items 2, 3, 4, 7, 8): each attack is refused as `path:line: message`
by `make check`, in bounded time and memory, without a traceback.

Every attack runs the check on a copy of the fixture site in a process of its own with a generous
wall-clock timeout and an address-space limit: an attack that used to hang or eat memory fails its
test instead of stalling the suite. The processes are forked from one that imported the check once
(tests/guarded_check.py), so that each costs the check's work, not Python's start; one attack also
runs through the command itself, `python -m plugins.contract.check`.
"""

import csv
import io
import os
import re
import resource
import subprocess
import sys

import pytest

from conftest import ROOT
from guarded_check import GuardedCheck

CASE = "cases/printer-voc-recovery"
OTHER_CASE = "cases/dyeing-water-reuse"
EVENT = "events/voc-seminar"
#: Guards, not measurements: each check takes seconds; a regression would take minutes or gigabytes.
TIMEOUT_SECONDS = 60
MEMORY_BYTES = 3 * 1024**3


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def run_check(content):
    return subprocess.run(
        [sys.executable, "-m", "plugins.contract.check", str(content)],
        cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, preexec_fn=_limit_memory,
        env=dict(os.environ, COLUMNS="400"),
    )


def replace(content, file, old, new):
    path = content / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(content, file, text):
    with open(content / file, "a", encoding="utf-8") as handle:
        handle.write(text)


def alias_bomb(levels=9):
    lines = ["bomb0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        lines.append(f"bomb{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def body_paragraph(content, file, text):
    replace(content, file, "## Results\n", "## Results\n\n" + text + "\n")


def nested_list(levels):
    return "\n".join("    " * level + "- item" for level in range(levels))


def awardee_rows(count, name="Pearl Dyeing Works Ltd"):
    row = f"2014,manufacturer,{name},珍珠染廠有限公司,,textiles,foshan,,true\n"
    return row * count


def symlink(content, link, target):
    path = content / link
    if path.exists():
        path.unlink()
    path.symlink_to(target)


# (id, how to break the fixture copy, "file:line" the message must name, a phrase of the message)
ATTACKS = [
    # --- 3. resource exhaustion -----------------------------------------------------------------
    ("yaml-alias-bomb-meta", lambda c: append(c, f"{CASE}/meta.yaml", alias_bomb()),
     f"{CASE}/meta.yaml:15", "anchors and aliases"),
    ("yaml-alias-bomb-front-matter", lambda c: replace(c, f"{CASE}/en.md", "---\ntitle:", "---\n" + alias_bomb() + "title:"),
     f"{CASE}/en.md:2", "anchors and aliases"),
    ("yaml-5000-digit-integer", lambda c: append(c, f"{EVENT}/meta.yaml", "attendees_extra: " + "7" * 5000 + "\n"),
     f"{EVENT}/meta.yaml:10", "the limit is 5,000"),
    ("yaml-100-digit-integer", lambda c: append(c, f"{EVENT}/meta.yaml", "attendees: " + "7" * 100 + "\n"),
     f"{EVENT}/meta.yaml:10", "more than 30 digits"),
    ("yaml-5000-deep-flow-sequence", lambda c: append(c, f"{CASE}/meta.yaml", "deep: " + "[" * 5000 + "]" * 5000 + "\n"),
     f"{CASE}/meta.yaml:15", "the limit is 5,000"),
    ("yaml-2000-deep-flow-sequence", lambda c: append(c, f"{CASE}/meta.yaml", "deep: " + "[" * 2000 + "]" * 2000 + "\n"),
     f"{CASE}/meta.yaml:15", "nested more than 16 levels"),
    ("yaml-deep-block-mappings", lambda c: append(c, "data/cities.yaml", "".join(" " * level + f"k{level}:\n" for level in range(300))),
     "data/cities.yaml:", "nested more than 16 levels"),
    ("yaml-python-object-tag", lambda c: append(c, f"{CASE}/meta.yaml", "evil: !!python/object/apply:os.system [echo pwned]\n"),
     f"{CASE}/meta.yaml:15", "not valid YAML"),
    ("markdown-200kb-line-of-brackets", lambda c: body_paragraph(c, f"{CASE}/en.md", "[" * 200_000),
     f"{CASE}/en.md", "the limit is 128 KB"),
    ("markdown-100kb-line-of-brackets", lambda c: body_paragraph(c, f"{CASE}/en.md", "[" * 100_000),
     f"{CASE}/en.md:12", "the limit is 5,000"),
    ("markdown-brackets-over-many-lines", lambda c: body_paragraph(c, f"{CASE}/en.md", ("[" * 2000 + "\n") * 50),
     f"{CASE}/en.md:12", "more than 100 '['"),
    ("markdown-image-brackets", lambda c: body_paragraph(c, f"{CASE}/en.md", ("![" * 1000 + "\n") * 50),
     f"{CASE}/en.md:12", "more than 100 '['"),
    ("markdown-open-links", lambda c: body_paragraph(c, f"{CASE}/en.md", ("[a](" * 500 + "\n") * 50),
     f"{CASE}/en.md:12", "more than 100 '['"),
    ("markdown-footnote-brackets", lambda c: body_paragraph(c, f"{CASE}/en.md", ("[^" * 1000 + "\n") * 50),
     f"{CASE}/en.md:12", "more than 100 '['"),
    ("markdown-400-nested-lists", lambda c: body_paragraph(c, f"{CASE}/en.md", nested_list(400)),
     f"{CASE}/en.md", "the limit is 128 KB"),
    ("markdown-200-nested-lists", lambda c: body_paragraph(c, f"{CASE}/en.md", nested_list(200)),
     f"{CASE}/en.md:22", "nested 11 levels deep"),
    ("markdown-400-nested-list-markers", lambda c: body_paragraph(c, f"{CASE}/en.md", "- " * 400 + "deep"),
     f"{CASE}/en.md:12", "nested 400 levels deep"),
    ("markdown-400-nested-quotes", lambda c: body_paragraph(c, f"{CASE}/en.md", ">" * 400 + " deep"),
     f"{CASE}/en.md:12", "nested 400 levels deep"),
    ("markdown-file-over-128-kb", lambda c: body_paragraph(c, f"{CASE}/en.md", ("Words and more words. " * 40 + "\n\n") * 400),
     f"{CASE}/en.md", "the limit is 128 KB"),
    # --- 2. Markdown attributes -----------------------------------------------------------------
    ("attribute-list-style", lambda c: body_paragraph(c, f"{CASE}/en.md", "| a |\n|---|\n| b {: style=\"position:fixed;z-index:99999\" } |"),
     f"{CASE}/en.md:14", "content cannot set styles, classes or ids"),
    ("attribute-list-theme-class-and-id", lambda c: body_paragraph(c, f"{CASE}/en.md", "[Apply now](https://evil.example/){: .app-button #main }"),
     f"{CASE}/en.md:12", "'{: .app-button #main }' is not allowed"),
    ("attribute-list-without-colon", lambda c: body_paragraph(c, f"{CASE}/en.md", "## Results again {#main}"),
     f"{CASE}/en.md:12", "'{#main}' is not allowed"),
    # --- 4. file-system escapes -----------------------------------------------------------------
    ("image-outside-the-repository", lambda c: body_paragraph(c, f"{CASE}/en.md", "![x](../../../../some/outside.png)"),
     f"{CASE}/en.md:12", "must be a file of this item's folder"),
    ("image-of-another-item", lambda c: append(c, f"{OTHER_CASE}/en.md", "\n![x](../printer-voc-recovery/cover.png)\n"),
     f"{OTHER_CASE}/en.md:7", "must be a file of this item's folder"),
    ("image-absolute-path", lambda c: body_paragraph(c, f"{CASE}/en.md", "![x](/etc/cover.png)"),
     f"{CASE}/en.md:12", "must be a file of this item's folder"),
    ("image-foreign-host", lambda c: body_paragraph(c, f"{CASE}/en.md", "![x](https://evil.example/track.png)"),
     f"{CASE}/en.md:12", "must be a file of this item's folder"),
    ("symlinked-awardees-csv", lambda c: symlink(c, "data/awardees.csv", "/etc/passwd"),
     "data/awardees.csv", "symbolic links are not allowed"),
    ("symlinked-item-folder", lambda c: symlink(c, "cases/etc", "/etc"),
     "cases/etc", "symbolic links are not allowed"),
    ("symlinked-cover", lambda c: symlink(c, f"{CASE}/cover.png", "/usr/share/pixmaps/debian-logo.png"),
     f"{CASE}/cover.png", "symbolic links are not allowed"),
    # --- 7. text that lies ----------------------------------------------------------------------
    ("bidi-override-in-title", lambda c: replace(c, f"{CASE}/en.md", "title: A Dongguan", "title: A \u202eDongguan"),
     f"{CASE}/en.md:2", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("escaped-bidi-override-in-title", lambda c: replace(c, f"{CASE}/en.md", "title: A Dongguan printer recovers its solvent with activated carbon", 'title: "A \\u202eDongguan printer"'),
     f"{CASE}/en.md:2", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("zero-width-space-in-summary", lambda c: replace(c, f"{CASE}/en.md", "summary: Solvent", "summary: Sol\u200bvent"),
     f"{CASE}/en.md:3", "U+200B (ZERO WIDTH SPACE)"),
    ("line-break-in-venue", lambda c: replace(c, f"{EVENT}/en.md", "venue:", 'venue: "Hall\\r\\nX-Header: 1"\nold_venue:'),
     f"{EVENT}/en.md:4", "a line break is not allowed"),
    ("block-scalar-title", lambda c: replace(c, f"{CASE}/en.md", "title: A Dongguan printer recovers its solvent with activated carbon", "title: |\n  A Dongguan printer\n  SUMMARY: fake"),
     f"{CASE}/en.md:2", "a line break is not allowed"),
    ("bidi-override-in-awardee-name", lambda c: replace(c, "data/awardees.csv", "Pearl Dyeing", "Pearl \u202eDyeing"),
     "data/awardees.csv:2", "U+202E"),
    ("line-break-in-awardee-name", lambda c: replace(c, "data/awardees.csv", "Pearl Dyeing Works Ltd", '"Pearl\nDyeing Works Ltd"'),
     "data/awardees.csv:2", "a line break is not allowed"),
    ("zero-width-joiner-in-vocabulary", lambda c: replace(c, "data/sectors.yaml", "en: Textiles", "en: Tex\u200dtiles"),
     "data/sectors.yaml:3", "U+200D (ZERO WIDTH JOINER)"),
    ("bidi-isolate-in-programme", lambda c: replace(c, "data/programme.yaml", "en: Report on", "en: \u2066Report on"),
     "data/programme.yaml:6", "U+2066"),
    ("web-address-with-quote", lambda c: append(c, f"{EVENT}/meta.yaml", "registration: https://evil.example/\"onmouseover=alert(1)\n"),
     f"{EVENT}/meta.yaml:10", "is not a web address"),
    ("web-address-with-line-break", lambda c: append(c, f"{EVENT}/meta.yaml", 'registration: "https://ok.example/\\r\\nX: y"\n'),
     f"{EVENT}/meta.yaml:10", "a line break is not allowed"),
    ("web-address-with-space", lambda c: append(c, f"{EVENT}/meta.yaml", 'registration: "https://ok.example/ x"\n'),
     f"{EVENT}/meta.yaml:10", "is not a web address"),
    ("web-address-with-user", lambda c: append(c, f"{EVENT}/meta.yaml", 'registration: "https://www.hkpc.org@evil.example/"\n'),
     f"{EVENT}/meta.yaml:10", "has a name before '@'"),
    ("web-address-without-host", lambda c: append(c, f"{EVENT}/meta.yaml", "registration: https:///path\n"),
     f"{EVENT}/meta.yaml:10", "no valid host name"),
    ("awardee-website-with-quote", lambda c: replace(c, "data/awardees.csv", "https://example.org/harbour", 'https://evil.example/""onclick=x'),
     "data/awardees.csv:3", "is not a web address"),
    ("mailto-with-bcc-in-enquiry", lambda c: replace(c, f"{EVENT}/meta.yaml", "enquiry: enquiry@example.org", "enquiry: enquiry@example.org?bcc=all%40example.org"),
     f"{EVENT}/meta.yaml:9", "neither a phone number nor an e-mail address"),
    ("mailto-with-bcc-in-markdown", lambda c: body_paragraph(c, f"{CASE}/en.md", "[write](mailto:a@example.org?bcc=all@example.org)"),
     f"{CASE}/en.md:12", "one plain e-mail address"),
    ("protocol-relative-link", lambda c: body_paragraph(c, f"{CASE}/en.md", "[our report](//evil.example/x)"),
     f"{CASE}/en.md:12", "leads to another site"),
    ("backslash-link", lambda c: body_paragraph(c, f"{CASE}/en.md", "[our report](/\\evil.example/x)"),
     f"{CASE}/en.md:12", "leads to another site"),
    ("case-slug-sector", lambda c: os.rename(c / OTHER_CASE, c / "cases/sector"),
     "cases/sector", "address of the sector filter pages"),
    ("case-slug-year", lambda c: os.rename(c / OTHER_CASE, c / "cases/year"),
     "cases/year", "address of the year filter pages"),
    ("event-slug-type", lambda c: os.rename(c / "events/rinse-water-workshop", c / "events/type"),
     "events/type", "address of the type filter pages"),
    ("script-in-awardees-csv", lambda c: replace(c, "data/awardees.csv", "Pearl Dyeing Works Ltd", "<script>alert(1)</script>"),
     "data/awardees.csv:2", "'<script' is not allowed"),
    ("script-link-in-vocabulary", lambda c: replace(c, "data/sectors.yaml", "en: Textiles", "en: javascript:alert(1)"),
     "data/sectors.yaml:3", "'javascript:' is not allowed"),
    ("script-in-programme", lambda c: replace(c, "data/programme.yaml", "en: Report on", "en: <script>x</script> Report on"),
     "data/programme.yaml:6", "'<script' is not allowed"),
    # --- 8. sizes -------------------------------------------------------------------------------
    ("awardees-over-5000-rows", lambda c: append(c, "data/awardees.csv", awardee_rows(6000)),
     "data/awardees.csv:5002", "more than 5,000 rows"),
    ("awardees-over-1-mb", lambda c: append(c, "data/awardees.csv", awardee_rows(3000, name="Pearl Dyeing Works " + "x" * 400)),
     "data/awardees.csv", "the limit is 1,024 KB"),
]


@pytest.fixture(scope="module")
def guarded_check():
    check = GuardedCheck(TIMEOUT_SECONDS, MEMORY_BYTES)
    yield check
    check.close()


def assert_refused(result, fixture_copy, file_line, phrase):
    log = result.stdout + result.stderr
    assert result.returncode == 1, log[-3000:]
    assert "Traceback" not in log, log[-3000:]
    shown = f"{fixture_copy.name}/{file_line}"
    lines = [line for line in log.splitlines() if shown in line]
    assert lines, f"no message names {shown}:\n{log[-3000:]}"
    assert any(phrase in line for line in lines), f"{phrase!r} not in {lines}"
    assert "root:" not in log, "a file outside content/ was read into a message"


@pytest.mark.parametrize("attack, file_line, phrase", [pytest.param(a, f, p, id=i) for i, a, f, p in ATTACKS])
def test_attack_is_refused(fixture_copy, guarded_check, attack, file_line, phrase):
    attack(fixture_copy)
    assert_refused(guarded_check(fixture_copy), fixture_copy, file_line, phrase)


def test_the_check_command_refuses_an_attack(fixture_copy):
    """The command editors and CI run, in a process of its own, as every attack did before the
    fork server."""
    _, attack, file_line, phrase = ATTACKS[0]
    attack(fixture_copy)
    assert_refused(run_check(fixture_copy), fixture_copy, file_line, phrase)


def test_the_guard_stops_a_check_that_runs_too_long(fixture_copy):
    """What a hanging attack would meet: the time limit ends its process and fails its test."""
    check = GuardedCheck(timeout=1, memory=MEMORY_BYTES)
    try:
        (fixture_copy / "data" / "awardees.csv").unlink()
        os.mkfifo(fixture_copy / "data" / "awardees.csv")  # reading it waits for a writer that never comes
        with pytest.raises(AssertionError, match="took more than 1 s"):
            check(fixture_copy)
    finally:
        check.close()


# --- 2. what survives of attributes on the final HTML (defence behind the refusal above) ----------

THEME_IDS = {"main", "upcoming", "past", "case-list", "event-list", "header-search", "search-input"}


def render(text):
    from plugins.contract.markdown_body import BodyRenderer

    return BodyRenderer().render(text, "/media/cases/x/")


def attributes(html, name):
    from bs4 import BeautifulSoup

    return [element.get(name) for element in BeautifulSoup(html, "html.parser").find_all(attrs={name: True})]


def test_heading_ids_never_take_a_theme_id():
    html, *_ = render("## Main\n\n## Upcoming\n\n## Past")
    ids = attributes(html, "id")
    assert ids == ["section-main", "section-upcoming", "section-past"]
    assert not THEME_IDS & set(ids)


@pytest.mark.parametrize("text", [
    '[Apply](https://evil.example/){: .app-button #main style="position:fixed" }',
    '| a |\n|---|\n| b {: style="position:fixed;z-index:99999;background:url(https://evil.example/x.png)" } |',
    '![x](cover.png){: src="https://evil.example/x.png" }',
    '```{#main .app-button}\ncode\n```',
])
def test_content_sets_no_style_id_class_or_src(text):
    html, images, _links, _written = render(text)
    assert not attributes(html, "style")
    assert not THEME_IDS & set(attributes(html, "id"))
    assert not any(value.startswith("app-") for classes in attributes(html, "class") for value in classes)
    assert all(not src.startswith("https:") for src in attributes(html, "src"))


def test_what_markdown_itself_writes_survives():
    html, *_ = render("| a | b |\n|:-:|--:|\n| c | d |\n\nText[^1]\n\n[^1]: A note.")
    assert 'style="text-align: center;"' in html and 'style="text-align: right;"' in html
    assert 'id="fn:1"' in html and 'class="footnote-ref"' in html


def test_filter_page_names_are_those_of_the_listings(fixture_copy):
    """The slugs the contract refuses are exactly the filter pages plugins/listings writes."""
    from plugins.contract.loader import load_content
    from plugins.contract.schema import FILTER_PAGE_NAMES
    from plugins.listings.listings import case_facets, event_facets

    site, problems = load_content(fixture_copy, cache_path=None)
    assert site is not None, problems
    assert {facet.name for facet in case_facets(site)} == FILTER_PAGE_NAMES["cases"]
    assert {facet.name for facet in event_facets(site)} == FILTER_PAGE_NAMES["events"]


@pytest.mark.parametrize("kind", ["cases", "events"])
def test_a_slug_named_page_is_refused_where_the_list_has_pages(fixture_copy, kind):
    """/{lang}/cases/page/ holds the list's pages 2, 3, ...: an item there would take their place."""
    from plugins.contract.loader import load_content
    from plugins.site_pages.pagination import page_path

    assert page_path(f"en/{kind}/", 2) == f"en/{kind}/page/2/"
    source = next(folder for folder in sorted((fixture_copy / kind).iterdir()) if folder.is_dir())
    source.rename(fixture_copy / kind / "page")
    site, problems = load_content(fixture_copy, cache_path=None)
    assert site is None
    assert any("'page' is the address of the further pages" in str(problem) and f"{kind}/page" in str(problem) for problem in problems), \
        [str(problem) for problem in problems]


# --- 6. open data: no cell a spreadsheet would run as a formula -----------------------------------

def test_csv_cells_that_look_like_formulas_are_neutralised():
    from plugins.open_data.open_data import to_csv

    records = [{"name": '=HYPERLINK("https://evil.example/","Click")', "venue": "@SUM(A1)", "title": "+cmd|' /C calc'!A0",
                "note": "-2+3", "tab": "\tx", "cr": "\rx", "result": -5, "share": -2.5, "plain": "Pearl Dyeing"}]
    fields = list(records[0])
    rows = list(csv.reader(io.StringIO(to_csv(fields, records).lstrip("\ufeff"), newline="")))
    assert rows[1] == ["'" + records[0][name] for name in fields[:6]] + ["-5", "-2.5", "Pearl Dyeing"]


@pytest.mark.slow
def test_every_published_csv_is_neutralised(fixture_copy, tmp_path):
    from conftest import build

    replace(fixture_copy, "data/awardees.csv", "Pearl Dyeing Works Ltd", '"=HYPERLINK(""https://evil.example/"",""Pearl"")"')
    replace(fixture_copy, f"{CASE}/en.md", "title: A Dongguan", "title: +A Dongguan")
    replace(fixture_copy, f"{EVENT}/en.md", "venue: Guangzhou conference centre", "venue: '@Guangzhou conference centre'")
    output = tmp_path / "output"
    result = build(fixture_copy, output, "-e", f'IMAGES={{"cache_path": "{tmp_path / "cache"}"}}', 'SEARCH={"index": false}',
                   "CONTENT_CACHE=null")
    assert result.returncode == 0, result.stderr[-3000:]
    cells = {}
    for path in sorted((output / "data").glob("*.csv")):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")):
            for cell in row:
                cells[cell] = path.name
    formulas = [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))
                and not re.fullmatch(r"-\d+(\.\d+)?", cell)]
    assert not formulas, formulas
    assert cells["'=HYPERLINK(\"https://evil.example/\",\"Pearl\")"] == "awardees.csv"
    assert cells["'+A Dongguan printer recovers its solvent with activated carbon"] == "cases.csv"
    assert cells["'@Guangzhou conference centre"] == "events.csv"
    # (A negative number stays a number: test_csv_cells_that_look_like_formulas_are_neutralised. A
    # negative result can no longer be published at all: tests/test_messages.py.)


def test_the_hidden_characters_are_every_control_format_and_separator_character():
    import unicodedata

    from plugins.contract.text_rules import HIDDEN, HIDDEN_CATEGORIES

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert bool(HIDDEN.fullmatch(char)) == (unicodedata.category(char) in HIDDEN_CATEGORIES), f"U+{code:04X}"


# --- 4. each item publishes its images into its own folder only ------------------------------------

@pytest.mark.slow
def test_an_image_named_like_another_items_cover_leaves_that_cover_alone(fixture_copy, fixture_output, tmp_path):
    from PIL import Image

    from conftest import build

    Image.new("RGB", (640, 480), "red").save(fixture_copy / OTHER_CASE / "cover.png")
    append(fixture_copy, f"{OTHER_CASE}/en.md", "\n![A red square](cover.png)\n")
    output = tmp_path / "output"
    result = build(fixture_copy, output, "-e", f'IMAGES={{"cache_path": "{tmp_path / "cache"}"}}', 'SEARCH={"index": false}',
                   "CONTENT_CACHE=null")
    assert result.returncode == 0, result.stderr[-3000:]
    theirs = output / "media" / CASE
    assert sorted(path.name for path in theirs.iterdir()) == sorted(path.name for path in (fixture_output / "media" / CASE).iterdir())
    for path in theirs.iterdir():
        assert path.read_bytes() == (fixture_output / "media" / CASE / path.name).read_bytes(), path.name
    assert (output / "media" / OTHER_CASE / "cover.png").read_bytes() != (theirs / "cover.png").read_bytes()
