"""Reading content files safely, and the data files of `content/data/`: vocabularies, the mainland
wording table, awardees, the contact details and the programme's figures."""

import csv
import io
import os
import re
from pathlib import Path

from pydantic import ValidationError

from ..common.labels import in_language
from ..multilingual import mainland
from .contact import Contact
from .limits import (
    MAX_AWARDEES_BYTES,
    MAX_AWARDEES_ROWS,
    MAX_TEXT_FILE_BYTES,
    file_too_large,
    long_lines,
)
from .markdown_body import unsafe_lines
from .problems import explain
from .schema import (
    REQUIRED_VOCABULARY_KEYS,
    AwardeeRow,
    Label,
    MetricLabel,
)
from .text_rules import hidden_character, hidden_characters_in_file
from .yamlfile import YamlProblem, load_yaml

AWARDEE_COLUMNS = list(AwardeeRow.model_fields)


def read_text(collector, path, limit=MAX_TEXT_FILE_BYTES):
    """The file's text, or None after reporting why it cannot be read: a symbolic link (reported
    once, by _report_symlinks), over `limit` bytes, not UTF-8, empty, a hidden character or an
    over-long line."""
    if path.is_symlink():
        return None
    too_large = file_too_large(path.stat().st_size, limit)
    if too_large:
        collector.error(path, None, too_large)
        return None
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        collector.error(path, line, "this file is not UTF-8 text; save it as UTF-8 (UTF-8 編碼)")
        return None
    if not text.strip():
        collector.error(path, 1, "this file is empty (檔案是空的); write its text or delete it")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    problems = list(hidden_characters_in_file(text)) + list(long_lines(text))
    for line, message in sorted(problems):
        collector.error(path, line, message)
    return None if problems else text


def _report_symlinks(collector, content_dir):
    """A symbolic link in content/ could publish, or print in a message, any file of the machine
    that builds the site: report each one (the readers then skip them). (os.scandir: whether an
    entry is a link comes with the listing, no call per file; `make serve` runs this every save.)"""
    with os.scandir(content_dir) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        if entry.is_symlink():
            collector.error(Path(entry.path), None, "symbolic links are not allowed in content/: put the file or folder itself here")
        elif entry.is_dir() and not entry.name.startswith("."):
            _report_symlinks(collector, entry.path)


def load_yaml_file(collector, path, data_file=False):
    """(data, lines) of a YAML file, or (None, {}) after reporting why not. A data file (content/data/)
    is also held to the "no scripts" rule here; meta.yaml is, by the item reader."""
    text = read_text(collector, path)
    if text is None:
        return None, {}
    if data_file and report_unsafe(collector, path, text):
        return None, {}
    try:
        return load_yaml(text)
    except YamlProblem as problem:
        collector.error(path, problem.line, problem.message)
        return None, {}


def _load_vocabularies(collector, data_dir):
    vocab = {}
    for name, required in REQUIRED_VOCABULARY_KEYS.items():
        path = data_dir / f"{name}.yaml"
        entries = {}
        vocab[name] = entries
        if not path.exists() and not path.is_symlink():
            collector.error(path, None, f"the vocabulary file data/{name}.yaml is missing")
            continue
        data, lines = load_yaml_file(collector, path, data_file=True)
        if data is None:
            continue
        if not isinstance(data, dict):
            collector.error(path, 1, "must be a mapping of key -> {en: ..., tc: ...}")
            continue
        model = MetricLabel if name == "metrics" else Label
        for key, value in data.items():
            if not re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)*", str(key)):
                collector.error(path, lines.get((key,)), f"'{key}' is not a valid key (lowercase letters, digits, - or _)")
                continue
            try:
                label = model.model_validate(value)
            except ValidationError as error:
                collector.validation(path, _prefixed(error, key), lines)
                continue
            entries[key] = label.model_dump()  # "sc" is filled in by _fill_simplified_names
        for key in required:
            if key not in entries and key not in data:
                collector.error(path, 1, f"the required key '{key}' is missing")
    return vocab


class _prefixed:
    """A ValidationError whose locations start with the vocabulary key (for line lookup)."""

    def __init__(self, error, key):
        self._error, self._key = error, key

    def errors(self):
        return [dict(d, loc=(self._key,) + tuple(d["loc"])) for d in self._error.errors()]


#: Vocabularies whose entries are names, converted character by character only.
NAME_VOCABULARIES = {"organisations"}


def _load_mainland_wording(collector, content_dir, vocab, awardees):
    """Make the Hong Kong -> mainland table of `content_dir` the one to_mainland() applies,
    leaving alone the names of organisations and awardees."""
    names = [entry[lang] for name in NAME_VOCABULARIES for entry in vocab.get(name, {}).values() for lang in ("tc", "sc")]
    names += [name for row in awardees for name in (row.name_tc, row.name_sc)]
    try:
        wording = mainland.load(content_dir, protected=names)
    except mainland.WordingError as error:
        for path, line, message in error.problems:
            collector.error(path, line, message)
        wording = mainland.Wording(protected=names)
    mainland.use(wording)
    return wording


def _fill_simplified_names(vocab):
    """Each vocabulary entry's Simplified name, where the file gives none: in mainland wording,
    except for names (NAME_VOCABULARIES)."""
    for name, entries in vocab.items():
        for entry in entries.values():
            entry["sc"] = in_language(entry, "sc", name=name in NAME_VOCABULARIES)


def _load_awardees(collector, data_dir, context):
    path = data_dir / "awardees.csv"
    if not path.exists() and not path.is_symlink():
        return []
    text = read_text(collector, path, limit=MAX_AWARDEES_BYTES)
    if text is None or report_unsafe(collector, path, text):
        return []
    if text.count("\n") > MAX_AWARDEES_ROWS + 1:
        collector.error(path, MAX_AWARDEES_ROWS + 2, f"this file has more than {MAX_AWARDEES_ROWS:,} rows, the limit "
                        "(the awardee page would be too large to read); ask a maintainer")
        return []
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    unknown = [name for name in header if name not in AWARDEE_COLUMNS]
    missing = [name for name in ("year", "category", "name_en", "name_tc", "sector", "city") if name not in header]
    if unknown or missing:
        if unknown:
            collector.error(path, 1, f"unknown column(s): {', '.join(unknown)} (allowed: {', '.join(AWARDEE_COLUMNS)})")
        if missing:
            collector.error(path, 1, f"missing column(s): {', '.join(missing)}")
        return []
    rows = []
    line = reader.line_num
    for record in reader:
        values = {key: value.strip() for key, value in record.items() if key is not None and value and value.strip()}
        hidden = {key: hidden_character(value) for key, value in values.items() if hidden_character(value)}
        for key, found in hidden.items():
            collector.error(path, line + 1, f"{key}: {found} is not allowed here: write it on one line, without hidden characters")
        if hidden:
            line = reader.line_num
            continue
        if None in record:
            collector.error(path, reader.line_num, "this row has more values than the header has columns")
        try:
            row = AwardeeRow.model_validate(values, context=context)
        except ValidationError as error:
            for detail in error.errors():
                collector.error(path, line + 1, explain(detail, tuple(detail["loc"])))
        else:
            rows.append(row)
        line = reader.line_num
    return rows


def _load_contact(collector, data_dir):
    """data/contact.yaml as a contact.Contact, or None when it is absent or wrong (reported)."""
    path = data_dir / "contact.yaml"
    if not path.exists():
        return None
    data, lines = load_yaml_file(collector, path, data_file=True)
    if data is None:
        return None
    if not isinstance(data, dict):
        collector.error(path, 1, "must be a mapping of field: value (phone, email, address, hours)")
        return None
    try:
        return Contact.model_validate(data)
    except ValidationError as error:
        collector.validation(path, error, lines)
        return None


def _load_programme(collector, data_dir):
    path = data_dir / "programme.yaml"
    if not path.exists() and not path.is_symlink():
        return None, None
    data, lines = load_yaml_file(collector, path, data_file=True)
    if data is None:
        return None, None
    try:
        from .programme import Programme
    except ImportError:  # the programme schema has not been written yet
        return data, None
    try:
        return data, Programme.model_validate(data)
    except ValidationError as error:
        collector.validation(path, error, lines)
        return data, None


def report_unsafe(collector, path, text):
    """Report script tags and script links; return the set of their lines."""
    lines = set()
    for line, excerpt in unsafe_lines(text):
        collector.error(path, line, f"'{excerpt}' is not allowed: content cannot contain scripts or script links")
        lines.add(line)
    return lines
