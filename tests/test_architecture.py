"""The plugin contract (docs/architecture.md): optional plugins are optional, and no function in
plugins/ is longer than a reader can hold at once."""

import ast
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pelicanconf  # noqa: E402
from conftest import FIXTURE_SITE, ROOT, build  # noqa: E402

NO_SEARCH = json.dumps({"index": False})  # the Pagefind index is not what is compared here
MAX_FUNCTION_LINES = 60


def files(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.slow
def test_the_site_builds_the_same_without_the_incremental_plugin(tmp_path):
    plugins = [name for name in pelicanconf.PLUGINS if name != "plugins.incremental"]
    assert len(plugins) == len(pelicanconf.PLUGINS) - 1
    with_it, without_it = tmp_path / "with", tmp_path / "without"
    for output, extra in ((with_it, []), (without_it, [f"PLUGINS={json.dumps(plugins)}"])):
        result = build(FIXTURE_SITE, output, "-e", f"SEARCH={NO_SEARCH}", *extra)  # one -e, several settings
        assert result.returncode == 0, result.stdout + result.stderr
    built, other = files(with_it), files(without_it)
    assert sorted(built) == sorted(other)
    assert [name for name in built if built[name] != other[name]] == []


def long_functions(folder, limit):
    """`path:line: name (n lines)` of every function under `folder` longer than `limit` lines."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > limit:
                    found.append(f"{path.relative_to(folder.parent)}:{node.lineno}: {node.name} ({length} lines)")
    return found


def test_no_function_in_plugins_is_over_60_lines():
    assert long_functions(ROOT / "plugins", MAX_FUNCTION_LINES) == []


def test_the_length_check_sees_a_long_function(tmp_path):
    body = "".join(f"    x{number} = {number}\n" for number in range(MAX_FUNCTION_LINES))
    (tmp_path / "long.py").write_text(f"def short():\n    return 1\n\n\ndef long():\n{body}", encoding="utf-8")
    assert [line.split(": ")[1] for line in long_functions(tmp_path, MAX_FUNCTION_LINES)] == ["long (61 lines)"]


def test_the_loaded_site_has_only_declared_attributes():
    from dataclasses import fields

    from plugins.contract.loader import load_content
    from plugins.contract.model import Item, Site, Text

    site, problems = load_content(FIXTURE_SITE)
    assert site is not None, [str(problem) for problem in problems]
    declared = {cls: {field.name for field in fields(cls)} for cls in (Site, Item, Text)}
    objects = [site, *site.all_items(), *(text for item in site.all_items() for text in item.texts.values())]
    assert {type(obj) for obj in objects} == {Site, Item, Text}
    added = [(type(obj).__name__, sorted(set(vars(obj)) - declared[type(obj)])) for obj in objects]
    assert [(name, extra) for name, extra in added if extra] == []
    assert any(text.venue for text in objects if isinstance(text, Text))  # front matter, as a field
