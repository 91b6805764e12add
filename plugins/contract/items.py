"""The item folders of the content (`meta.yaml`, `en.md`, `tc.md`, `sc.md`, images): each read into an
`Item` with its `Text` per language, every problem reported to the collector."""

import hashlib
import json
import re

from pydantic import TypeAdapter, ValidationError

from ..images.plan import ImageRefused, inspect_image
from ..images.variants import language_versions
from ..multilingual import mainland
from ..multilingual.formatting import format_hkd, format_number, format_percent
from ..multilingual.languages import LANGUAGE_CODES, SOURCE_LANGUAGES
from ..multilingual.mainland import to_mainland
from .datafiles import load_yaml_file, read_text, report_unsafe
from .limits import markdown_problems
from .model import Item, Text
from .schema import (
    FRONT_MODELS,
    IMAGE_SUFFIXES,
    META_MODELS,
    ImageName,
    result_range_problems,
)
from .text_rules import link_problem
from .yamlfile import YamlProblem, line_of, load_yaml

LANGUAGE_NAMES = {"en": "English (英文)", "tc": "Traditional Chinese (繁體中文)", "sc": "Simplified Chinese (简体中文)"}


ITEM_FILES = {"meta.yaml", "en.md", "tc.md", "sc.md"}


PLACEHOLDER = re.compile(r"\{programme:([A-Za-z0-9_.]+)\}")


#: What `make new-case` leaves for the editor to fill in (plugins/contract/scaffold.py).
SCAFFOLD_PLACEHOLDER = re.compile(r"\bTODO\b")


#: An image of a Markdown body is named as a cover is: a file of the item's own folder, by its name only.
_IMAGE_NAME = TypeAdapter(ImageName)


def is_image_name(name):
    try:
        _IMAGE_NAME.validate_python(name)
    except ValidationError:
        return False
    return True


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


class ItemReader:
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
        data, lines = load_yaml_file(self.collector, path)
        if data is None:
            return None
        if not isinstance(data, dict):
            self.collector.error(path, 1, "must be a mapping of field: value")
            return None
        text = path.read_text(encoding="utf-8-sig")
        unsafe = report_unsafe(self.collector, path, text)
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
        raw = read_text(self.collector, path)
        parts = None if raw is None else _split_front_matter(self.collector, path, raw)
        if parts is None:
            return None
        front_text, front_line, body, body_line = parts
        self._report_markers(path, raw, body_line)
        front = self._front(item, path, front_text, front_line)
        if front is None:
            return None
        html = self._body(item, lang, path, body, body_line, published)
        if html is None:
            return None
        return Text(
            lang=lang,
            title=front.pop("title"),
            summary=front.pop("summary", None),
            body_html=html,
            source=self.collector.where(path),
            cover_alt=front.get("cover_alt"),
            venue=front.get("venue"),
        )

    def _report_markers(self, path, raw, body_line):
        """Unsafe markup, and placeholders left in the front matter or the body."""
        report_unsafe(self.collector, path, raw)
        raw_lines = raw.split("\n")
        front_end = body_line - 2  # index of the closing '---'
        _report_placeholders(self.collector, path, raw_lines[:front_end], yaml=True)
        _report_placeholders(self.collector, path, raw_lines[front_end:], yaml=False, first_line=front_end + 1)

    def _front(self, item, path, front_text, front_line):
        """The front matter, validated, as a dict; or None after reporting why not."""
        collector = self.collector
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
        return front

    def _body(self, item, lang, path, body, body_line, published):
        """The body as safe HTML, its images added to `published`; or None after reporting why not."""
        collector = self.collector
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
        return html

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


def _report_placeholders(collector, path, lines, yaml, first_line=1):
    """Report each TODO left from `make new-case`; return the set of their line numbers."""
    found = set()
    if "TODO" not in "\n".join(lines):  # nearly every file: no line to look at
        return found
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


class ImageChecker:
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
