"""Markdown bodies to safe HTML.

Raw HTML in Markdown is escaped (the html_block preprocessor and html inline pattern are
removed), and the result is sanitised again with nh3 (Ammonia), so nothing an editor writes can
inject script. Relative images (`![alt](plant.jpg)`) are resolved against the item's folder and
become a responsive `<picture>` (plugins/images/plan.py) at their published address; the names
found are returned for checking. Links to this site written from the root (`/en/cases/`) get the
site's path prefix, so they keep working when the site is published under a sub-folder.

Content sets no attributes of its own: `attr_list` is not enabled, and an attribute list written
anyway (`{: style=... }`, `{#main}`, `{.app-button}`) is returned for the loader to refuse. On the
final HTML only what Markdown itself makes survives (`_allowed_value`): heading ids under the
prefix `section-` (never one of the theme's ids such as `main`), footnote ids and classes, a code
block's `language-*` class and a table column's `text-align`. No `style`, no theme class.
"""

import re
import xml.etree.ElementTree as etree
from urllib.parse import unquote, urlsplit

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import Treeprocessor

from ..common.clues import may_hold
from ..images.plan import SIZES_BODY

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em",
    "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre",
    "small", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    "picture", "source",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "lang", "title"},  # id and class: only the values _allowed_value keeps
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "source": {"type", "srcset", "sizes"},
    "th": {"scope", "colspan", "rowspan", "style"},
    "td": {"colspan", "rowspan", "style"},
    "ol": {"start"},
}
#: Heading ids are `section-` + the heading's words, so no heading can take the id of a theme element.
HEADING_ID_PREFIX = "section-"
_ALLOWED_IDS = re.compile(r"(?:section-|fn:|fnref:)\S+")
_ALLOWED_CLASSES = re.compile(r"footnote|footnote-ref|footnote-backref|language-[A-Za-z0-9_+-]+")
_ALLOWED_STYLES = re.compile(r"text-align: (?:left|right|center);?")
#: What an attribute list (`{: ... }`, `{#id}`, `{.class}`, `{key=value}`) looks like in text.
ATTRIBUTE_LIST = re.compile(r"\{:[^}\n]*\}|\{[ ]*(?:[#.][^\s}]|[A-Za-z_-]+=)[^}\n]*\}")
UNSAFE_PATTERN = re.compile(r"<\s*script|javascript\s*:|vbscript\s*:|data\s*:\s*text/html", re.I)
UNSAFE_CLUES = ("script", "text/html")  # what each of UNSAFE_PATTERN's alternatives needs


def unsafe_lines(text, first_line=1):
    """Yield (line number, excerpt) for script tags and script URLs written in `text`."""
    if not may_hold(text, UNSAFE_CLUES):  # nearly every file (common/clues.py)
        return
    for offset, line in enumerate(text.splitlines()):
        match = UNSAFE_PATTERN.search(line)
        if match:
            yield first_line + offset, match.group(0)


def _allowed_value(element, attribute, value):
    """nh3's attribute filter: keep only the ids, classes and styles Markdown itself writes."""
    if attribute == "id":
        return value if _ALLOWED_IDS.fullmatch(value) else None
    if attribute == "class":
        kept = [name for name in value.split() if _ALLOWED_CLASSES.fullmatch(name)]
        return " ".join(kept) or None
    if attribute == "style":
        return value if _ALLOWED_STYLES.fullmatch(value.strip()) else None
    return value


def _heading_id(value, separator):
    return HEADING_ID_PREFIX + slugify_unicode(value, separator)


def is_relative_reference(url):
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not url.startswith(("/", "#"))


class _ResolveImages(Treeprocessor):
    def run(self, root):
        images = self.md.found_images
        parents = {child: parent for parent in root.iter() for child in parent}
        for element in list(root.iter("img")):
            src = element.get("src", "")
            if is_relative_reference(src):
                src = unquote(src)  # ![](工廠%20照片.jpg) is the file 工廠 照片.jpg
                images.append(src)
                plan = self.md.picture_for(src) if self.md.picture_for else None
                if plan is not None:
                    _become_picture(element, parents[element], plan, self.md.media_url)
                    continue
                element.set("src", self.md.media_url + src)
            else:
                images.append(src)  # not a file of the item's folder: the loader refuses it
            element.set("loading", "lazy")
            element.set("decoding", "async")
        for element in root.iter("a"):
            href = element.get("href", "")
            self.md.found_links.append(href)
            if href.startswith("/") and not href.startswith(("//", "/\\")):
                element.set("href", self.md.site_path + href)
        self._find_attribute_lists(root)

    def _find_attribute_lists(self, root):
        """Attribute lists left in the text (attr_list is not enabled): the loader refuses them."""
        for element in root.iter():
            texts = [element.tail] if element.tag in {"code", "pre"} else [element.text, element.tail]
            for text in texts:
                if text and "{" in text:
                    self.md.found_attribute_lists.extend(match.group(0) for match in ATTRIBUTE_LIST.finditer(text))


def _become_picture(img, parent, plan, media_url):
    """Replace `img` in `parent` by <picture><source type=image/webp><img></picture> (below the fold: lazy)."""
    sources, attributes = plan.picture_parts(media_url)
    picture = etree.Element("picture")
    for mime, srcset in sources:
        etree.SubElement(picture, "source", {"type": mime, "srcset": srcset, "sizes": SIZES_BODY})
    attributes = dict(attributes, alt=img.get("alt", ""), sizes=SIZES_BODY, loading="lazy", decoding="async")
    if img.get("title"):
        attributes["title"] = img.get("title")
    etree.SubElement(picture, "img", attributes)
    picture.tail = img.tail
    index = list(parent).index(img)
    parent.remove(img)
    parent.insert(index, picture)


class _ResolveImagesExtension(Extension):
    def extendMarkdown(self, md):
        md.registerExtension(self)
        md.treeprocessors.register(_ResolveImages(md), "resolve_images", 5)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")

    def reset(self):
        pass


class BodyRenderer:
    """One reusable Markdown converter (building one costs more than converting a page)."""

    def __init__(self):
        self._md = markdown.Markdown(
            extensions=[
                "tables",
                "fenced_code",
                "sane_lists",
                "footnotes",
                "toc",
                _ResolveImagesExtension(),
            ],
            extension_configs={"toc": {"slugify": _heading_id, "permalink": False}},
            output_format="html",
        )

    def render(self, text, media_url, picture_for=None, site_path=""):
        """Return (safe html, [relative image names], [link targets], [attribute lists written]).

        `picture_for(name)` gives the ImagePlan of a relative image, or None (then a plain <img>).
        """
        md = self._md
        md.reset()
        md.media_url = media_url
        md.picture_for = picture_for
        md.site_path = site_path
        md.found_images = []
        md.found_links = []
        md.found_attribute_lists = []
        html = md.convert(text)
        safe = nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto", "tel"},
            link_rel=None,
            strip_comments=True,
            attribute_filter=_allowed_value,
        )
        return safe, md.found_images, md.found_links, md.found_attribute_lists
