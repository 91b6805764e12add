"""Read a content folder (SPEC section 3) into a `Site`, collecting every problem on the way.

`load_content()` never stops at the first problem: it returns all of them, so `make check` can
report everything at once and the build can refuse to publish anything while any error remains.
"""

import csv
import hashlib
import io
import json
import os
import re
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from ..common.labels import in_language
from ..images.plan import ImageRefused, inspect_image
from ..images.variants import language_versions
from ..multilingual.formatting import format_hkd, format_number, format_percent
from ..multilingual import mainland
from ..multilingual.languages import LANGUAGE_CODES, SOURCE_LANGUAGES
from ..multilingual.mainland import to_mainland
from .cache import ContentCache
from .contact import Contact
from .limits import MAX_AWARDEES_BYTES, MAX_AWARDEES_ROWS, MAX_TEXT_FILE_BYTES, file_too_large, long_lines, markdown_problems
from .markdown_body import BodyRenderer, is_relative_reference, unsafe_lines
from .model import KINDS, Item, Problem, Site, Text
from .schema import (
    FRONT_MODELS,
    IMAGE_SUFFIXES,
    META_MODELS,
    REQUIRED_VOCABULARY_KEYS,
    FILTER_PAGE_NAMES,
    SLUG_PATTERN,
    AwardeeRow,
    ImageName,
    Label,
    MetricLabel,
    result_range_problems,
)
from .text_rules import hidden_character, hidden_characters_in_file, link_problem
from .yamlfile import YamlProblem, line_of, load_yaml

LANGUAGE_NAMES = {"en": "English (英文)", "tc": "Traditional Chinese (繁體中文)", "sc": "Simplified Chinese (简体中文)"}
ITEM_FILES = {"meta.yaml", "en.md", "tc.md", "sc.md"}
#: Page slugs that would collide with the addresses of the site's own sections.
RESERVED_PAGE_SLUGS = {"cases", "technologies", "events", "search", "data", "media", "theme", "finder"}
PLACEHOLDER = re.compile(r"\{programme:([A-Za-z0-9_.]+)\}")
#: What `make new-case` leaves for the editor to fill in (plugins/contract/scaffold.py).
SCAFFOLD_PLACEHOLDER = re.compile(r"\bTODO\b")
AWARDEE_COLUMNS = list(AwardeeRow.model_fields)
#: An image of a Markdown body is named as a cover is: a file of the item's own folder, by its name only.
_IMAGE_NAME = TypeAdapter(ImageName)


def is_image_name(name):
    try:
        _IMAGE_NAME.validate_python(name)
    except ValidationError:
        return False
    return True


class _Collector:
    def __init__(self, root):
        self.root = root
        self.problems = []

    def where(self, path):
        path = Path(path)
        try:
            return str(path.resolve().relative_to(self.root))
        except ValueError:
            return str(path)

    def error(self, path, line, message):
        self.problems.append(Problem(self.where(path), line, message))

    def warning(self, path, line, message):
        self.problems.append(Problem(self.where(path), line, message, "warning"))

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
            self.error(path, line, _explain(detail, loc))


def _is_type_tag(part):
    """Pydantic puts the tried type into an error's location for unions and validators."""
    return isinstance(part, str) and (
        "[" in part or part in {"int", "float", "str", "bool", "date", "datetime", "list", "tuple"}
    )


def _explain(detail, loc):
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


def _read_text(collector, path, limit=MAX_TEXT_FILE_BYTES):
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
    that builds the site: report each one (the readers then skip them)."""
    for folder, subfolders, files in os.walk(content_dir):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(subfolders) + sorted(files):
            path = Path(folder) / name
            if path.is_symlink():
                collector.error(path, None, "symbolic links are not allowed in content/: put the file or folder itself here")


def _load_yaml_file(collector, path, data_file=False):
    """(data, lines) of a YAML file, or (None, {}) after reporting why not. A data file (content/data/)
    is also held to the "no scripts" rule here; meta.yaml is, by the item reader."""
    text = _read_text(collector, path)
    if text is None:
        return None, {}
    if data_file and _report_unsafe(collector, path, text):
        return None, {}
    try:
        return load_yaml(text)
    except YamlProblem as problem:
        collector.error(path, problem.line, problem.message)
        return None, {}


# --- data files -----------------------------------------------------------------------------

def _load_vocabularies(collector, data_dir):
    vocab = {}
    for name, required in REQUIRED_VOCABULARY_KEYS.items():
        path = data_dir / f"{name}.yaml"
        entries = {}
        vocab[name] = entries
        if not path.exists() and not path.is_symlink():
            collector.error(path, None, f"the vocabulary file data/{name}.yaml is missing")
            continue
        data, lines = _load_yaml_file(collector, path, data_file=True)
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
    text = _read_text(collector, path, limit=MAX_AWARDEES_BYTES)
    if text is None or _report_unsafe(collector, path, text):
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
                collector.error(path, line + 1, _explain(detail, tuple(detail["loc"])))
        else:
            rows.append(row)
        line = reader.line_num
    return rows


def _load_contact(collector, data_dir):
    """data/contact.yaml as a contact.Contact, or None when it is absent or wrong (reported)."""
    path = data_dir / "contact.yaml"
    if not path.exists():
        return None
    data, lines = _load_yaml_file(collector, path, data_file=True)
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
    data, lines = _load_yaml_file(collector, path, data_file=True)
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


# --- items ------------------------------------------------------------------------------------

def _split_front_matter(collector, path, text):
    """(front matter text, its first line, body, body's first line) or None if malformed."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        collector.error(path, 1, "must start with a front matter block: a line '---', then title: ..., then '---'")
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), 2, "\n".join(lines[index + 1 :]), index + 2
    collector.error(path, 1, "the front matter block is not closed by a line '---'")
    return None


def _resolve_placeholder(raw_programme, dotted):
    value = raw_programme
    for part in dotted.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            raise KeyError(dotted)
    return value


def _format_figure(dotted, value, lang):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    name = dotted.rsplit(".", 1)[-1]
    if name.endswith("_hkd") or name == "hkd":
        return format_hkd(value, lang)
    if name.endswith("_pct") or name == "pct":
        return format_percent(value, lang)
    return format_number(value, lang)


def _fill_placeholders(collector, path, body, first_line, raw_programme, lang):
    def replace(match):
        dotted = match.group(1)
        try:
            return _format_figure(dotted, _resolve_placeholder(raw_programme or {}, dotted), lang)
        except KeyError:
            line = first_line + body.count("\n", 0, match.start())
            collector.error(path, line, f"{{programme:{dotted}}} names no figure in data/programme.yaml")
            return match.group(0)

    return PLACEHOLDER.sub(replace, body)


class _ItemReader:
    def __init__(self, collector, context, raw_programme, renderer, image_checker, media_url, cache, wording=""):
        self.cache = cache
        # What an item's validity depends on besides its own files (for reusing items), including
        # the mainland wording table's fingerprint.
        self.shared_signature = _hash([{name: sorted(keys) for name, keys in context["vocab"].items()},
                                       {kind: sorted(slugs) for kind, slugs in context["slugs"].items()},
                                       raw_programme, media_url, wording, context.get("metrics")])
        self.media_url = media_url
        self.site_path = media_url.rstrip("/")
        self.collector = collector
        self.context = context
        self.raw_programme = raw_programme
        self.renderer = renderer
        self.check_image = image_checker

    def read(self, kind, folder):
        """The item in `folder`, or None; its problems go to the collector."""
        signature = _folder_signature(folder, self.shared_signature) if self.cache.reuse_items else ""

        def read():
            start = len(self.collector.problems)
            item = self._read(kind, folder)
            if item is not None:
                item.signature = signature
            return item, self.collector.problems[start:]

        item, problems, reused = self.cache.reused_item(kind, folder, signature, read)
        if reused:
            self.collector.problems.extend(problems)
        return item

    def _read(self, kind, folder):
        collector = self.collector
        slug = folder.name
        files = {child.name: child for child in folder.iterdir() if not child.is_symlink()}  # reported
        for name, child in sorted(files.items()):
            if name.startswith("."):
                continue
            if child.is_dir() or (name not in ITEM_FILES and not name.lower().endswith(IMAGE_SUFFIXES)):
                collector.error(child, None, f"unexpected {'folder' if child.is_dir() else 'file'} in an item folder (allowed: meta.yaml, en.md, tc.md, sc.md and images)")
        meta = self._read_meta(kind, folder, files)
        # Read the language files even when meta.yaml is wrong, so that their problems are
        # reported in the same run; such an item is then left out (the build stops anyway).
        item = Item(kind=kind, slug=slug, folder=folder, meta=meta)
        published = {}  # file name -> ImagePlan
        cover = getattr(meta, "cover", None)
        if cover:
            plan = self.check_image(folder / cover, folder / "meta.yaml", cover)
            if plan:
                published[cover] = plan
            for version in language_versions(cover):  # cover.tc.png: the cover in that language
                if version in files:
                    plan = self.check_image(folder / version, folder / version, version)
                    if plan:
                        published[version] = plan
        for lang in LANGUAGE_CODES:
            path = folder / f"{lang}.md"
            if path.name in files:
                text = self._read_text(item, lang, path, published)
                if text is not None:
                    item.texts[lang] = text
            elif lang in SOURCE_LANGUAGES:
                collector.warning(path, None, f"missing {LANGUAGE_NAMES[lang]} translation: readers of that language see a notice with links to the other versions")
        if "tc" in item.texts and "sc" not in item.texts:
            item.texts["sc"] = _simplified_text(item.texts["tc"], self.cache)
        if not item.texts:
            if not any(f"{lang}.md" in files for lang in LANGUAGE_CODES):
                collector.error(folder, None, "this item has no language file (en.md or tc.md)")
            return None
        if meta is None:
            return None
        _check_distinct_names(collector, folder, published)
        item.images = sorted(published)
        item.pictures = dict(sorted(published.items()))
        return item

    def _read_meta(self, kind, folder, files):
        path = folder / "meta.yaml"
        model = META_MODELS[kind]
        if "meta.yaml" not in files:
            if kind == "pages":
                return model()
            self.collector.error(path, None, "meta.yaml is missing: every item needs its facts file")
            return None
        data, lines = _load_yaml_file(self.collector, path)
        if data is None:
            return None
        if not isinstance(data, dict):
            self.collector.error(path, 1, "must be a mapping of field: value")
            return None
        text = path.read_text(encoding="utf-8-sig")
        unsafe = _report_unsafe(self.collector, path, text)
        placeholders = _report_placeholders(self.collector, path, text.split("\n"), yaml=True)
        try:
            meta = model.model_validate(data, context=self.context)
        except ValidationError as error:
            self.collector.validation(path, error, lines, skip_lines=placeholders | unsafe)
            return None
        out_of_range = list(result_range_problems(getattr(meta, "results", None), self.context.get("metrics", {})))
        for key, message in out_of_range:
            self.collector.error(path, line_of(lines, ("results", key)), message)
        return None if placeholders or unsafe or out_of_range else meta

    def _read_text(self, item, lang, path, published):
        collector = self.collector
        raw = _read_text(collector, path)
        if raw is None:
            return None
        parts = _split_front_matter(collector, path, raw)
        if parts is None:
            return None
        front_text, front_line, body, body_line = parts
        _report_unsafe(collector, path, raw)
        raw_lines = raw.split("\n")
        front_end = body_line - 2  # index of the closing '---'
        _report_placeholders(collector, path, raw_lines[:front_end], yaml=True)
        _report_placeholders(collector, path, raw_lines[front_end:], yaml=False, first_line=front_end + 1)
        try:
            front, lines = load_yaml(front_text, front_line)
        except YamlProblem as problem:
            collector.error(path, problem.line, problem.message)
            return None
        if not isinstance(front, dict):
            collector.error(path, 1, "the front matter must be fields such as title: ...")
            return None
        try:
            front = FRONT_MODELS[item.kind].model_validate(front).model_dump(exclude_none=True)
        except ValidationError as error:
            collector.validation(path, error, lines)
            return None
        if getattr(item.meta, "cover", None) and "cover_alt" not in front:
            collector.warning(path, 1, "cover_alt is missing: describe the cover image for readers who cannot see it (替代文字)")
        too_big = markdown_problems(body, body_line)
        for line, message in too_big:
            collector.error(path, line, message)
        if too_big:
            return None
        body = _fill_placeholders(collector, path, body, body_line, self.raw_programme, lang)
        try:
            html, images, links, attribute_lists = self._render(item, body)
        except RecursionError:  # a structure the limits above did not foresee
            collector.error(path, body_line, "this text is nested too deeply to be read; simplify its lists and quotes")
            return None
        for written in attribute_lists:
            collector.error(path, body_line + _line_in(body, written),
                            f"'{written}' is not allowed: content cannot set styles, classes or ids; the theme styles the text")
        for name in images:
            line = body_line + _line_in(body, name)
            if not is_image_name(name):
                collector.error(path, line, f"image '{name}' must be a file of this item's folder, written as its "
                                            "name only (e.g. plant.jpg: no folders, no ../, no other site)")
                continue
            plan = self.check_image(item.folder / name, path, name, line)
            if plan:
                published[name] = plan
        for target in links:
            if not target:
                collector.error(path, body_line, "a link has no address")
                continue
            problem = link_problem(target)
            if problem:
                collector.error(path, body_line + _line_in(body, target), problem)
        return Text(
            lang=lang,
            title=front.pop("title"),
            summary=front.pop("summary", None),
            body_html=html,
            source=self.collector.where(path),
            cover_alt=front.get("cover_alt"),
            venue=front.get("venue"),
        )


    def _render(self, item, body):
        """(safe html, image names, link targets, attribute lists) of a Markdown body, from the cache
        when the body, its address and the images it shows are unchanged."""
        media_url = self.media_url + item.media_path("")

        def picture_for(name):
            return self.check_image.plan_for(item.folder / name)

        def make():
            html, images, links, attribute_lists = self.renderer.render(body, media_url, picture_for=picture_for, site_path=self.site_path)
            return {"html": html, "images": list(images), "links": list(links), "attribute_lists": list(attribute_lists),
                    "plans": {name: repr(picture_for(name)) for name in images if is_image_name(name)}}

        def same_images(found):
            return all(repr(picture_for(name)) == plan for name, plan in found["plans"].items())

        found = self.cache.remember("markdown", (body, media_url, self.site_path), make, same_images)
        return found["html"], found["images"], found["links"], found["attribute_lists"]


def _hash(value):
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()


def _folder_signature(folder, shared):
    """A hash of an item folder's files (text files by content, images by size and time) and of
    what else its validity depends on."""
    digest = hashlib.sha256(shared.encode())
    for child in sorted(folder.iterdir()):
        digest.update(child.name.encode() + b"\0")
        if child.suffix in (".md", ".yaml"):
            digest.update(child.read_bytes())
        elif child.is_file():
            stat = child.stat()
            digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _report_unsafe(collector, path, text):
    """Report script tags and script links; return the set of their lines."""
    lines = set()
    for line, excerpt in unsafe_lines(text):
        collector.error(path, line, f"'{excerpt}' is not allowed: content cannot contain scripts or script links")
        lines.add(line)
    return lines


def _report_placeholders(collector, path, lines, yaml, first_line=1):
    """Report each TODO left from `make new-case`; return the set of their line numbers."""
    found = set()
    for number, line in enumerate(lines, start=first_line):
        if yaml:
            line = re.split(r"(?:^|\s)#", line, maxsplit=1)[0]  # a YAML comment may say TODO
        if SCAFFOLD_PLACEHOLDER.search(line):
            collector.error(path, number, "a TODO placeholder is still here: replace it with the real value or text (待填內容)")
            found.add(number)
    return found


def _line_in(body, needle):
    index = body.find(needle)
    return body.count("\n", 0, index) if index >= 0 else 0


def _simplified_text(traditional, cache):
    return Text(
        lang="sc",
        title=to_mainland(traditional.title),
        summary=to_mainland(traditional.summary),
        body_html=cache.remember("simplified", (traditional.body_html, mainland.active().fingerprint),
                                 lambda: to_mainland(traditional.body_html)),
        source=traditional.source,
        cover_alt=to_mainland(traditional.cover_alt),
        venue=to_mainland(traditional.venue),
        generated=True,
    )


class _ImageChecker:
    """Checks each image once: it exists, it is within the limits and it decodes (plugins/images/plan.py).

    Calling it reports a problem and returns the image's ImagePlan, or None; `plan_for()` only looks.
    """

    def __init__(self, collector):
        self.collector = collector
        self.seen = {}  # path -> ImagePlan, or the reason it is refused
        self.reported = set()

    def plan_for(self, image_path):
        if image_path not in self.seen:
            if image_path.is_symlink() or not image_path.is_file():
                self.seen[image_path] = None
            else:
                try:
                    self.seen[image_path] = inspect_image(image_path)
                except ImageRefused as refusal:
                    self.seen[image_path] = refusal
        found = self.seen[image_path]
        return found if not isinstance(found, ImageRefused) else None

    def __call__(self, image_path, referenced_from, name, line=None):
        plan = self.plan_for(image_path)
        if plan is None and image_path not in self.reported:
            self.reported.add(image_path)
            refusal = self.seen[image_path]
            if refusal is None:
                self.collector.error(referenced_from, line, f"image '{name}' does not exist in {self.collector.where(image_path.parent)}/")
            else:
                self.collector.error(image_path, None, str(refusal))
        return plan


def _check_distinct_names(collector, folder, published):
    """plant.jpg and plant.png would publish the same plant-480.webp: refuse the second."""
    stems = {}
    for name, plan in sorted(published.items()):
        stem = plan.stem.lower()  # the published stem: IMG_1.JPG and IMG_1.png would both publish IMG_1-480.webp
        if stem in stems:
            collector.error(folder / name, None, f"'{name}' and '{stems[stem]}' differ only in their extension; rename one (each image needs its own name before the dot)")
        else:
            stems[stem] = name


# --- entry point -------------------------------------------------------------------------------

def _sort_key(item):
    if item.kind == "events":
        start = item.meta.start
        return (str(start), item.slug)
    if item.kind == "pages":
        return (item.meta.order, item.slug)
    date = item.date
    return (-(date.toordinal() if date else 0), item.slug)


def _address_twins(folders):
    """{name: the other name} for folders whose names differ only in case or separators
    (`Dyeing-Water` next to `dyeing-water`): the non-canonical one of each pair is the duplicate."""
    groups = {}
    for folder in folders:
        if folder.is_dir() and not folder.name.startswith("."):
            groups.setdefault(re.sub(r"[^a-z0-9]+", "-", folder.name.lower()).strip("-"), []).append(folder.name)
    twins = {}
    for canonical, names in groups.items():
        if len(names) > 1:
            keep = canonical if canonical in names else names[0]
            for name in names:
                if name != keep:
                    twins[name] = keep
    return twins


def load_content(content_dir, root=None, site_path="", cache_path=None, reuse_items=False):
    """Load `content_dir`; return (site or None when there are errors, [Problem]).

    `root` is the folder that problem paths are relative to (default: the working directory);
    `site_path` the path prefix of the published site ("" at a domain's root); `cache_path` the
    file of the content cache (cache.py), None to keep it in memory only; `reuse_items` keeps
    unchanged items from the previous call in this process (`make serve`).
    """
    content_dir = Path(content_dir).resolve()
    root = Path(root).resolve() if root else Path.cwd().resolve()
    collector = _Collector(root)
    if not content_dir.is_dir():
        collector.error(content_dir, None, "the content folder does not exist")
        return None, collector.problems
    _report_symlinks(collector, content_dir)
    data_dir = content_dir / "data"
    vocab = _load_vocabularies(collector, data_dir)
    folders = {}
    for kind in KINDS:
        kind_dir = content_dir / kind
        folders[kind] = []
        if kind_dir.is_symlink() or not kind_dir.is_dir():
            continue
        children = sorted(kind_dir.iterdir())
        twins = _address_twins(children)
        for folder in children:
            if folder.name.startswith(".") or folder.is_symlink():
                continue
            if not folder.is_dir():
                collector.error(folder, None, f"only item folders belong in content/{kind}/")
                continue
            if folder.name in twins:
                collector.error(folder, None, f"duplicate slug: this folder and content/{kind}/{twins[folder.name]}/ differ only in capitals or separators, so they would share one address (and are one folder on Windows and macOS); keep one, named in lowercase with hyphens")
                continue
            if not re.fullmatch(SLUG_PATTERN, folder.name):
                collector.error(folder, None, f"'{folder.name}' is not a valid slug: use lowercase letters a-z, digits and hyphens")
                continue
            if kind == "pages" and folder.name in RESERVED_PAGE_SLUGS:
                collector.error(folder, None, f"'{folder.name}' is the address of a section of the site; choose another slug")
                continue
            if folder.name in FILTER_PAGE_NAMES.get(kind, ()):
                collector.error(folder, None, f"'{folder.name}' is the address of the {folder.name} filter pages "
                                              f"(/{{lang}}/{kind}/{folder.name}/); choose another slug")
                continue
            folders[kind].append(folder)
    context = {
        "vocab": {name: set(entries) for name, entries in vocab.items()},
        "slugs": {kind: {folder.name for folder in found} for kind, found in folders.items()},
        "metrics": vocab.get("metrics", {}),  # labels and units, for range checks of results
    }
    raw_programme, programme = _load_programme(collector, data_dir)
    awardees = _load_awardees(collector, data_dir, context)
    wording = _load_mainland_wording(collector, content_dir, vocab, awardees)
    _fill_simplified_names(vocab)
    contact = _load_contact(collector, data_dir)
    cache = ContentCache(cache_path, reuse_items=reuse_items)
    reader = _ItemReader(collector, context, raw_programme, BodyRenderer(), _ImageChecker(collector), site_path + "/", cache,
                         wording.fingerprint)
    items = {}
    for kind in KINDS:
        loaded = [reader.read(kind, folder) for folder in folders[kind]]
        items[kind] = sorted((item for item in loaded if item is not None), key=_sort_key)
    cache.save()
    problems = collector.problems
    site = Site(vocab=vocab, items=items, programme=programme, awardees=awardees, raw_programme=raw_programme,
                contact=contact)
    if any(problem.severity == "error" for problem in problems):
        return None, problems
    return site, problems
