"""`make new-case` / `new-technology` / `new-event`: every field, placeholders that cannot be published."""

import re
import subprocess
import sys

import pytest

from conftest import ROOT
from plugins.contract.check import main as check
from plugins.contract.fields import FRONT_HELP, META_HELP, front_fields, meta_fields
from plugins.contract.loader import load_content
from plugins.contract.scaffold import KINDS, scaffold
from plugins.contract.scaffold import main as scaffold_main
from plugins.contract.schema import FRONT_MODELS, META_MODELS

FILLED_TEXT = {
    "title": "A dye works reuses its rinse water",
    "summary": "Membranes return most of the rinse water to the dye house.",
    "venue": "HKPC Building, Kowloon Tong",
}


def fill(folder):
    """Replace every TODO as an editor would, with the examples of plugins/contract/fields.py."""
    kind = folder.parent.name
    examples = {help.name: help.example for help in META_HELP[kind]}
    meta = folder / "meta.yaml"
    text = meta.read_text(encoding="utf-8")
    text = re.sub(r"^(\w+): \[?TODO\]?$", lambda m: f"{m.group(1)}: {examples[m.group(1)]}", text, flags=re.M)
    text = text.replace("  TODO: 0", "  voc_reduction_pct: 85")
    meta.write_text(text, encoding="utf-8")
    for lang in ("en", "tc"):
        page = folder / f"{lang}.md"
        text = page.read_text(encoding="utf-8")
        text = re.sub(r"^(title|summary|venue): TODO$", lambda m: f"{m.group(1)}: {FILLED_TEXT[m.group(1)]}", text, flags=re.M)
        text = text.replace("| TODO | TODO |", "| 10:00 | Welcome |").replace("TODO", "The text of this section.")
        page.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_unfilled_item_is_refused_at_each_placeholder(fixture_copy, kind):
    written = scaffold(kind, "new-item", fixture_copy)
    site, problems = load_content(fixture_copy, root=fixture_copy.parent)
    errors = [p for p in problems if p.severity == "error"]
    assert site is None, "placeholders must never be publishable"
    assert errors and [str(p) for p in errors if "TODO placeholder" not in p.message] == []
    folder = f"content/{KINDS[kind]}/new-item"
    assert {p.path for p in errors} == {f"{folder}/meta.yaml", f"{folder}/en.md", f"{folder}/tc.md"}
    for path in written:  # every TODO line is reported, with its line number
        todo_lines = {n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                      if "TODO" in line.split(" #")[0] and not line.startswith("#")}
        assert todo_lines == {p.line for p in errors if p.path.endswith(path.name)}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_filled_item_passes_check(fixture_copy, kind, capsys):
    scaffold(kind, "new-item", fixture_copy)
    fill(fixture_copy / KINDS[kind] / "new-item")
    assert check([str(fixture_copy)]) == 0, capsys.readouterr().err
    site, _ = load_content(fixture_copy)
    item = site.get(KINDS[kind], "new-item")
    assert item.texts["en"].title == FILLED_TEXT["title"]
    assert "sc" in item.texts  # Simplified made from the Traditional as for any item


def test_every_field_is_scaffolded_with_its_allowed_keys(fixture_copy):
    (fixture_copy / "data/cities.yaml").write_text(
        (fixture_copy / "data/cities.yaml").read_text(encoding="utf-8") + "lufeng: {en: Lufeng, tc: 陸豐}\n", encoding="utf-8"
    )
    meta = scaffold("case", "new-item", fixture_copy)[0].read_text(encoding="utf-8")
    for name in META_MODELS["cases"].model_fields:
        assert re.search(rf"^(# )?{name}:", meta, flags=re.M), f"{name} is not in the scaffold"
    assert "lufeng (陸豐)" in meta, "the comments list the vocabulary as it is now"
    assert "activated-carbon-regeneration" in meta  # technology slugs from content/technologies/


def test_every_schema_field_has_help():
    for kind, model in META_MODELS.items():
        assert [help.name for help, _ in meta_fields(kind)] == list(model.model_fields)
        assert {help.name for help in META_HELP[kind]} == set(model.model_fields), kind
    for kind, model in FRONT_MODELS.items():
        assert [help.name for help, _ in front_fields(kind)] == list(model.model_fields)
    assert set(FRONT_HELP) == {name for model in FRONT_MODELS.values() for name in model.model_fields}


def run_scaffold(*args):
    return subprocess.run([sys.executable, "-m", "plugins.contract.scaffold", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize(
    "slug, phrase",
    [
        ("Dyeing_Works", "not a valid slug"),
        ("染廠", "not a valid slug"),
        ("printer-voc-recovery", "already exists"),
        ("Printer-VOC-Recovery", "not a valid slug"),
        ("", "give the new item's folder name, e.g. make new-case SLUG="),
        ("a" * 81, "keep a slug under 80 characters"),
    ],
)
def test_bad_or_taken_slug_is_refused(fixture_copy, capsys, slug, phrase):
    # In this process (an exception would fail the test as a traceback would); the command itself
    # runs in test_the_command_refuses_a_bad_slug_without_a_traceback.
    before = sorted(p.name for p in (fixture_copy / "cases").iterdir())
    assert scaffold_main(["case", slug, "--content", str(fixture_copy)]) == 1
    stderr = capsys.readouterr().err
    assert stderr.startswith("new-case: ") and phrase in stderr, stderr
    assert sorted(p.name for p in (fixture_copy / "cases").iterdir()) == before


def test_the_command_refuses_a_bad_slug_without_a_traceback(fixture_copy):
    result = run_scaffold("case", "Dyeing_Works", "--content", str(fixture_copy))
    assert result.returncode == 1
    assert result.stderr.startswith("new-case: ") and "not a valid slug" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_scaffold_prints_what_it_made(fixture_copy):
    result = run_scaffold("event", "guangzhou-seminar-2027", "--content", str(fixture_copy))
    assert result.returncode == 0, result.stderr
    assert f"created {fixture_copy}/events/guangzhou-seminar-2027/meta.yaml" in result.stdout
    assert "make check" in result.stdout
