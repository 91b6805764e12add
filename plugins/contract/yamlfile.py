"""YAML loading that remembers where each value was written, for `path:line: message` errors.

Dates stay strings here (the timestamp resolver is removed), so that a wrong date such as
`2014-02-30` is reported by the schema with its line instead of crashing the YAML parser.

Before anything is built from the text, its parser events are read once and refused when they hold
an anchor or alias (`&a`, `*a`: a few lines of aliases expand to gigabytes, and editors never need
them), nest deeper than MAX_YAML_DEPTH, or write a number longer than MAX_NUMBER_DIGITS. Every
string value is then checked for characters that hide or reorder text (text_rules.py).
"""

import re

import yaml

from .limits import MAX_NUMBER_DIGITS, MAX_YAML_DEPTH
from .text_rules import hidden_character


class _Loader(yaml.SafeLoader):
    pass


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's parser (several times faster); a text it refuses is parsed again by _Loader,
    whose messages are the ones editors see."""


_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class YamlProblem(Exception):
    def __init__(self, line, message):
        super().__init__(message)
        self.line = line
        self.message = message


def _lines(node, path, table, offset=0):
    """Record the 1-based line of every mapping key and sequence item under `node`.

    A key written twice in one mapping raises YamlProblem (YAML would silently keep the last).
    """
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1 + offset
            if path + (key,) in table:
                raise YamlProblem(line, f"'{key}' is written twice (first on line {table[path + (key,)]}); keep only one")
            table[path + (key,)] = line
            _lines(value_node, path + (key,), table, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            table[path + (index,)] = item.start_mark.line + 1 + offset
            _lines(item, path + (index,), table, offset)


def _refuse_dangerous_events(loader_class, text):
    """Read the parser events of `text` (no node is built); raise YamlProblem at the first anchor,
    alias, nesting deeper than MAX_YAML_DEPTH or over-long number."""
    loader = loader_class(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1 if event.start_mark else 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlProblem(line, "YAML anchors and aliases (& and *) are not allowed: write each value out")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    raise YamlProblem(line, f"lists and mappings are nested more than {MAX_YAML_DEPTH} levels deep here")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.ScalarEvent) and event.implicit[0] and len(event.value) > MAX_NUMBER_DIGITS:
                if loader.resolve(yaml.ScalarNode, event.value, event.implicit) in _NUMBER_TAGS:
                    raise YamlProblem(line, f"this number has more than {MAX_NUMBER_DIGITS} digits")
    finally:
        loader.dispose()


_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}


def _parse(loader_class, text):
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def load_yaml(text, first_line=1):
    """Parse `text`; return (data, {path tuple: line}). Raises YamlProblem with a line number."""
    try:
        try:
            _refuse_dangerous_events(_FastLoader, text)
            node, data = _parse(_FastLoader, text)
        except yaml.YAMLError:  # raises again, with the pure-Python message
            _refuse_dangerous_events(_Loader, text)
            node, data = _parse(_Loader, text)
    except YamlProblem as problem:
        problem.line += first_line - 1
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + first_line if mark else first_line
        _refuse_typographic_punctuation(text, first_line, up_to=line)
        problem = error.problem or str(error)
        raise YamlProblem(line, f"this is not valid YAML: {problem}") from None
    except yaml.YAMLError as error:
        _refuse_typographic_punctuation(text, first_line)
        raise YamlProblem(first_line, f"this is not valid YAML: {error}") from None
    # A key with a full-width colon at the left margin cannot be part of a mapping that parsed:
    # the whole text was read as one string (`title：…` alone), so say why.
    _refuse_typographic_punctuation(text, first_line, margin_only=True)
    table = {}
    if node is not None:
        _lines(node, (), table, first_line - 1)
    _refuse_hidden_characters(data, (), table, first_line)
    return data, table


#: `title：` (a key, then the full-width colon a Chinese keyboard types).
_FULL_WIDTH_COLON_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*)\s*[：﹕]")
#: A value that starts with a curly quote, as Word writes them: `title: “…”`, `- ‘…’`, `[“…”, …]`.
_CURLY_QUOTED_VALUE = re.compile(r"^\s*(?:-\s+)?(?:[\w-]+\s*:\s+)?(?:\[\s*)?([“”‘’])|[\[,]\s*([“”‘’])")

FULL_WIDTH_COLON = "'{key}' is followed by a full-width colon '：' (全形冒號): use an English colon ':' (英文冒號), then a space"
CURLY_QUOTES = "this value starts with a curly quote {quote} (彎引號): use straight quotes \" or ' (直引號), or none"


def _refuse_typographic_punctuation(text, first_line, up_to=None, margin_only=False):
    """Raise YamlProblem at the first line (up to line `up_to`) where a key ends in a full-width
    colon or a value starts with Word's curly quotes: YAML's own message for them ("mapping values
    are not allowed here") names neither, and often the line after."""
    for offset, line in enumerate(text.split("\n")):
        number = first_line + offset
        if up_to is not None and number > up_to:
            return
        line = re.split(r"(?:^|\s)#", line, maxsplit=1)[0]
        colon = _FULL_WIDTH_COLON_KEY.match(line)
        if colon and not (margin_only and colon.group(1)):
            raise YamlProblem(number, FULL_WIDTH_COLON.format(key=colon.group(2)))
        quote = None if margin_only else _CURLY_QUOTED_VALUE.search(line)
        if quote:
            raise YamlProblem(number, CURLY_QUOTES.format(quote=quote.group(1) or quote.group(2)))


def _refuse_hidden_characters(value, path, table, first_line):
    """Raise YamlProblem at the first string (or key) holding a control, bidi or zero-width
    character, however it was written (`"\\u202e"`, `"a\\nb"`, a `|` block)."""
    if isinstance(value, dict):
        for key, item in value.items():
            _refuse_hidden_characters(key, path + (key,), table, first_line)
            _refuse_hidden_characters(item, path + (key,), table, first_line)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_hidden_characters(item, path + (index,), table, first_line)
    elif isinstance(value, str):
        found = hidden_character(value)
        if found:
            raise YamlProblem(line_of(table, path, first_line), f"{found} is not allowed in a value: write it on one line, without hidden characters")


def line_of(lines, loc, default=1):
    """The line of the deepest known prefix of `loc` (a pydantic error location)."""
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return default
