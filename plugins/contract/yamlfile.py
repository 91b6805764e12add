"""YAML loading that remembers where each value was written, for `path:line: message` errors.

Dates stay strings here (the timestamp resolver is removed), so that a wrong date such as
`2014-02-30` is reported by the schema with its line instead of crashing the YAML parser.
"""

import yaml


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
            node, data = _parse(_FastLoader, text)
        except yaml.YAMLError:
            node, data = _parse(_Loader, text)  # raises again, with the pure-Python message
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + first_line if mark else first_line
        problem = error.problem or str(error)
        raise YamlProblem(line, f"this is not valid YAML: {problem}") from None
    except yaml.YAMLError as error:
        raise YamlProblem(first_line, f"this is not valid YAML: {error}") from None
    table = {}
    if node is not None:
        _lines(node, (), table, first_line - 1)
    return data, table


def line_of(lines, loc, default=1):
    """The line of the deepest known prefix of `loc` (a pydantic error location)."""
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return default
