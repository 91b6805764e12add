"""Problems with the content, collected as `path:line: message` (`Problem`, model.py): the
collector the loader reports to, and the reporter `make check`'s editorial checks use (plugins/checks)."""

from pathlib import Path

from .model import Problem
from .yamlfile import line_of


class Reporter:
    """Collects problems with paths relative to `root` (the folder `make check` or the build runs in)."""

    def __init__(self, root):
        self.root = Path(root).resolve()
        self.problems = []

    def where(self, path):
        path = Path(path)
        try:
            return str(path.resolve().relative_to(self.root))
        except ValueError:
            return str(path)

    def error(self, path, line, message):
        self.problems.append(Problem(self.where(path), line, message))

    def warning(self, path, line, message, related=()):
        self.problems.append(Problem(self.where(path), line, message, "warning", tuple(map(self.where, related))))


class Collector(Reporter):
    """The loader's reporter, which also words pydantic's validation errors for editors."""

    def validation(self, path, error, lines, first_line=1, skip_lines=()):
        """Report each pydantic error at the line of the key it concerns, once per key.

        Errors on `skip_lines` (lines already reported, e.g. a TODO placeholder) are left out.
        """
        reported = set()
        for detail in error.errors():
            # (A model field may be called `date`: the first part is always a field, never a type tag.)
            loc = tuple(part for index, part in enumerate(detail["loc"]) if index == 0 or not _is_type_tag(part))
            if loc in reported:  # a value that fits no member of a union: one message is enough
                continue
            reported.add(loc)
            line = line_of(lines, loc, first_line)
            if line in skip_lines:
                continue
            self.error(path, line, explain(detail, loc))


def _is_type_tag(part):
    """Pydantic puts the tried type into an error's location for unions and validators."""
    return isinstance(part, str) and (
        "[" in part or part in {"int", "float", "str", "bool", "date", "datetime", "list", "tuple"}
    )


def explain(detail, loc):
    """Pydantic's message, reworded where an editor would not follow it."""
    field = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).lstrip(".")
    kind = detail["type"]
    if kind == "missing":
        return f"required field '{field}' is missing"
    if kind == "extra_forbidden":
        return f"unknown key '{field}': check its spelling against the fields in docs/editors.md (欄位名稱)"
    message = detail["msg"].removeprefix("Value error, ")
    if kind in {"int_type", "float_type", "int_parsing", "float_parsing"}:
        message = f"must be a number, not '{detail['input']}'"
    elif kind == "string_type":
        message = "must be text"
    elif kind in {"greater_than_equal", "less_than_equal"}:
        bound = detail["ctx"]["ge" if kind == "greater_than_equal" else "le"]
        message = f"must be {bound} or {'more' if kind == 'greater_than_equal' else 'less'}, not {detail['input']}"
    elif kind == "too_short":
        message = "must name at least one value, e.g. [first-key]"
    elif kind in {"bool_type", "bool_parsing"}:
        message = f"must be true or false, not '{detail['input']}'"
    elif kind in {"list_type", "tuple_type"}:
        message = "must be a list, e.g. [first, second]"
    elif kind in {"dict_type", "model_type"}:
        message = "must be fields written as name: value, one a line"
    elif kind == "literal_error":
        message = f"'{detail['input']}' is not allowed: {detail['msg'].removeprefix('Input should be ')}"
    elif kind == "string_pattern_mismatch" and field.endswith("cover"):
        message = f"'{detail['input']}' is not an image file name in this folder (.jpg, .png, .webp, .gif, .heic)"
    return f"{field}: {message}" if field else message
