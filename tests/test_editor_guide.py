"""The editor guides (docs/editors.md, docs/editors.tc.md) stay true to the code."""

import re

import pytest
import yaml
from PIL import Image

from conftest import ROOT
from message_templates import cell_matches, message_templates
from plugins.checks import run_checks
from plugins.contract.loader import load_content
from plugins.contract.schema import FRONT_MODELS, META_MODELS

GUIDES = [ROOT / "docs" / "editors.md", ROOT / "docs" / "editors.tc.md"]
EXAMPLE = "dongguan-dye-works-membrane-reuse"


def text(path):
    return path.read_text(encoding="utf-8")


def section(guide, heading_en, heading_tc):
    """The text of a `## ` section (headings inside code blocks do not count), by its English or Chinese heading."""
    collected, inside, fenced = [], False, False
    for line in text(guide).splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if line.startswith("## ") and not fenced:
            if inside:
                break
            inside = line[3:] in (heading_en, heading_tc)
            continue
        if inside:
            collected.append(line)
    assert collected, f"no section {heading_en!r} in {guide.name}"
    return "\n".join(collected) + "\n"


def message_cells(guide):
    table = section(guide, "What each check message means", "檢查訊息的意思")
    cells = []
    for row in re.findall(r"^\| (.+?) \| .+ \|$", table, flags=re.M):
        cells += re.findall(r"`([^`]+)`", row) if "`" in row else []
    return cells


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_every_field_is_in_the_guide(guide):
    rows = set(re.findall(r"^\| `([a-z_]+)` \|", text(guide), flags=re.M))
    fields = {name for model in [*META_MODELS.values(), *FRONT_MODELS.values()] for name in model.model_fields}
    assert fields <= rows, f"fields missing from {guide.name}: {sorted(fields - rows)}"


def test_every_message_in_the_guide_is_one_the_code_prints():
    source = "\n".join(text(path) for path in (ROOT / "plugins").rglob("*.py"))
    cells = message_cells(GUIDES[0])
    assert len(cells) > 30
    for cell in cells:
        for fragment in cell.removeprefix("warning: ").split("…"):
            assert fragment in source, f"the guide quotes {cell!r}, but no code prints {fragment!r}"
    assert message_cells(GUIDES[1]) == cells, "both guides explain the same messages"


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_every_message_the_code_prints_is_in_the_guide(guide):
    cells = message_cells(guide)
    templates = message_templates()
    assert len(templates) > 80  # the scan finds the messages (see tests/message_templates.py)
    undocumented = [f"{template}  ({', '.join(sorted(set(files)))})" for template, files in sorted(templates.items())
                    if not any(cell_matches(cell, template) for cell in cells)]
    assert not undocumented, f"messages without a row in {guide.name}'s message table:\n" + "\n".join(undocumented)


def test_a_new_message_without_a_row_is_noticed():
    cells = message_cells(GUIDES[0])
    assert any(cell_matches(cell, "'…' is written twice (first on line …); keep only one") for cell in cells)
    assert not any(cell_matches(cell, "this photo is upside down; rotate it") for cell in cells)


def test_the_scan_reads_messages_as_templates():
    templates = message_templates()
    assert "this item has no language file (en.md or tc.md)" in templates  # collector.error literal
    assert "'…' is written twice (first on line …); keep only one" in templates  # YamlProblem f-string
    assert any(template.startswith("'…' is followed by a full-width colon") for template in templates)  # constant .format()
    assert "must be a number, not '…'" in templates  # a reworded pydantic message
    assert not any(template.startswith("<") for template in templates)


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_the_complete_example_passes_check(guide, fixture_copy):
    example = section(guide, "A complete example", "完整示例")
    blocks = dict(re.findall(r"^`(meta\.yaml|en\.md|tc\.md)`[:：]\n\n```\w+\n(.*?)^```", example, flags=re.M | re.S))
    assert set(blocks) == {"meta.yaml", "en.md", "tc.md"}
    folder = fixture_copy / "cases" / EXAMPLE
    folder.mkdir()
    for name, body in blocks.items():
        (folder / name).write_text(body, encoding="utf-8")
    for name in ("cover.jpg", "membranes.jpg"):
        Image.new("RGB", (1200, 800), (90, 140, 160)).save(folder / name)
    site, problems = load_content(fixture_copy, root=fixture_copy.parent)
    problems += run_checks(fixture_copy, root=fixture_copy.parent, git=False)
    assert site is not None and not [str(p) for p in problems if EXAMPLE in p.path]
    item = site.get("cases", EXAMPLE)
    assert set(item.pictures) == {"cover.jpg", "membranes.jpg"}
    assert 'href="../../technologies/reverse-osmosis/"' in item.texts["tc"].body_html


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_the_term_table_follows_the_term_base(guide):
    terms = yaml.safe_load(text(ROOT / "content" / "data" / "terms.yaml"))
    table = section(guide, "Preferred terms", "統一用語")
    for term in terms:
        assert f"| {term['use']} |" in table, term["use"]


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_the_make_targets_named_exist(guide):
    makefile = text(ROOT / "Makefile")
    for target in sorted(set(re.findall(r"(?:`|^)make ([a-z0-9_-]+)", text(guide), flags=re.M))):
        assert re.search(rf"^([\w -]* )?{re.escape(target)}( [\w -]*)?:", makefile, flags=re.M), target


def test_readme_links_both_guides():
    readme = text(ROOT / "README.md")
    assert "docs/editors.md" in readme and "docs/editors.tc.md" in readme
