"""Every message an editor can meet, read from the source code as templates ("'…' is written twice").

The source is read, not run: a message is a string literal or f-string (each `{…}` shown as `…`)
that is
- the message argument of `collector.error/warning(path, line, message)` (also `reporter.`),
  `YamlProblem(line, message)`, `ImageRefused(message)` or `raise ValueError(message)`;
- the last element of a `(path, line, message)` tuple appended to a list of problems or given to
  `WordingError`, or a message built as `f"{where}: message"` and appended;
- returned or yielded (alone or as a tuple's last element) by a function of the files below, or
  assigned to a variable called `message`;
- a module constant (UPPER_CASE) used through `.format()` at one of the places above.
Strings with fewer than two words are not messages (file name patterns, units, `{field}: {message}`), nor
HTML markup, nor what a `describe()` returns (a piece of a message: "was changed on …").
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The code that reads content and reports on it: everything `make check` and the build can say about content/.
SOURCES = [
    *sorted((ROOT / "plugins" / "contract").glob("*.py")),
    *sorted((ROOT / "plugins" / "checks").glob("*.py")),
    ROOT / "plugins" / "images" / "plan.py",
    ROOT / "plugins" / "images" / "images.py",
    ROOT / "plugins" / "multilingual" / "mainland.py",
    ROOT / "plugins" / "placeholders" / "placeholders.py",
]
#: Modules of the list whose strings are for maintainers or the command line, not about a content file.
NOT_EDITOR_FACING = {"cache.py", "scaffold.py", "workflow_commands.py", "check.py", "contract.py"}
MESSAGE_CALLS = {"error": 2, "warning": 2, "YamlProblem": 1, "ImageRefused": 0, "ValueError": 0}


def _text(node, constants):
    """The template of a string expression, or None when it is not one."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else "…" for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left, constants), _text(node.right, constants)
        return None if left is None or right is None else left + right
    if isinstance(node, ast.Name) and node.id in constants:
        return constants[node.id]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        base = _text(node.func.value, constants)
        return re.sub(r"\{[^{}]*\}", "…", base) if base is not None else None
    return None


def _last_of_tuple(node):
    return node.elts[-1] if isinstance(node, ast.Tuple) and node.elts else node


def _candidates(tree):
    """The expressions of `tree` that may be messages (see the module's docstring)."""
    pieces = {id(node) for function in ast.walk(tree) if isinstance(function, ast.FunctionDef) and function.name == "describe"
              for node in ast.walk(function)}
    for node in ast.walk(tree):
        if id(node) in pieces:
            continue
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            receiver = getattr(func.value, "id", "") if isinstance(func, ast.Attribute) else ""
            if name in MESSAGE_CALLS and receiver not in {"logger", "logging"} and len(node.args) > MESSAGE_CALLS[name]:
                yield node.args[MESSAGE_CALLS[name]]
            elif name == "append" and node.args:
                yield _last_of_tuple(node.args[0])
            elif name == "WordingError" and node.args and isinstance(node.args[0], ast.List):
                yield from (_last_of_tuple(element) for element in node.args[0].elts)
        elif isinstance(node, (ast.Return, ast.Yield)) and node.value is not None:
            yield _last_of_tuple(node.value)
        elif isinstance(node, ast.Assign) and any(getattr(target, "id", None) == "message" for target in node.targets):
            yield node.value


def _words(template):
    return re.findall(r"[A-Za-z]{2,}", template)


def message_templates():
    """{template: [source file name]} of every editor-facing message."""
    found = {}
    for path in SOURCES:
        if path.name in NOT_EDITOR_FACING:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            node.targets[0].id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and node.targets[0].id.isupper()
            and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
        }
        for node in _candidates(tree):
            template = _text(node, constants)
            if template is None:
                continue
            template = re.sub(r"^(…: )+", "", template).strip()  # `f"{where}: message"`, `f"{field}: {message}"`
            if len(_words(template)) >= 2 and not template.startswith("<"):
                found.setdefault(template, []).append(path.name)
    return found


def cell_matches(cell, template):
    """A guide's cell (the start of a message, `…` for what varies) stands for `template` when its
    pieces appear in it in order."""
    pieces = [re.escape(piece) for piece in cell.removeprefix("warning: ").split("…")]
    return re.search(".*?".join(pieces), template, flags=re.S) is not None


def message_table():
    """A Markdown table of every message with the Traditional Chinese guide's explanation of it
    (for a pull request's or an issue's note): `python tests/message_templates.py`."""
    from test_editor_guide import GUIDES, section  # a test module: imported only when run

    def rows(guide):
        table = section(guide, "What each check message means", "檢查訊息的意思")
        found = [re.match(r"^\| (.+?) \| (.+) \|$", line) for line in table.splitlines()]
        return [(re.findall(r"`([^`]+)`", match.group(1)), match.group(2)) for match in found if match and "`" in match.group(1)]

    english, chinese = rows(GUIDES[0]), rows(GUIDES[1])
    lines = ["| # | message (English, as printed; … varies) | 中文（docs/editors.tc.md） |", "| --- | --- | --- |"]
    ordered = sorted(message_templates().items(), key=lambda entry: (sorted(set(entry[1]))[0], entry[0]))
    for number, (template, files) in enumerate(ordered, start=1):
        index = next((i for i, (cells, _) in enumerate(english) if any(cell_matches(cell, template) for cell in cells)), None)
        explained = chinese[index][1] if index is not None else "(no row in the guides)"
        warning = "warning: " if index is not None and any(
            cell.startswith("warning: ") and cell_matches(cell, template) for cell in english[index][0]) else ""
        lines.append(f"| {number} | `{warning}{template}` ({', '.join(sorted(set(files)))}) | {explained} |")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT))
    print(message_table())
