"""Links to pages of this site that do not exist, and images without alt text.

Each language file's Markdown is read as the build reads it. A link written relative to the page
(`../reverse-osmosis/`) or from the site's root (`/en/technologies/reverse-osmosis/`) is resolved
to an address and looked up among the addresses the site will have (SPEC section 3), which come
from the item folders. Links to other sites (https://...), e-mail and phone links, and links
inside the page (#...) are not checked here.
"""

import posixpath
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..contract.limits import file_too_large, markdown_problems
from ..contract.model import KINDS
from ..multilingual.languages import LANGUAGE_CODES

SECTIONS = ("cases", "technologies", "events")
#: Addresses every build has, besides the items' pages (SPEC section 3).
FIXED_PER_LANGUAGE = ("", "cases/", "technologies/", "events/", "search/", "awardees/", "results/", "feed.atom")
FIXED_FILES = ("", "events.ics", "sitemap.xml", "robots.txt", "404.html") + tuple(
    f"data/{name}.{ext}" for name in ("cases", "technologies", "events", "awardees") for ext in ("json", "csv")
)
KIND_NAMES = {"cases": "case report", "technologies": "technology brief", "events": "event", "pages": "page"}


class _Collect(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            if element.tag == "a":
                self.md.found.append(("link", element.get("href", ""), None))
            elif element.tag == "img":
                self.md.found.append(("image", element.get("src", ""), element.get("alt", "")))


class _CollectExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_Collect(md), "collect_links", 0)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def _markdown():
    return markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists", "footnotes", _CollectExtension()])


def site_addresses(folders):
    """Every address (path without the leading /) that a build of these folders publishes."""
    addresses = set(FIXED_FILES)
    for lang in LANGUAGE_CODES:
        addresses.update(f"{lang}/{path}" for path in FIXED_PER_LANGUAGE)
        for kind in SECTIONS:
            for folder in folders.get(kind, []):
                addresses.add(f"{lang}/{kind}/{folder.name}/")
                if kind == "events":
                    addresses.add(f"{lang}/events/{folder.name}/event.ics")
        for folder in folders.get("pages", []):
            addresses.add(f"{lang}/{folder.name}/")
    return addresses


def page_address(kind, slug, lang):
    return f"/{lang}/{slug}/" if kind == "pages" else f"/{lang}/{kind}/{slug}/"


def markdown_bodies(folders):
    """(kind, folder, lang, path, body, first line of the body) of every language file that the
    contract can read; one it cannot (missing, a link, too large, not UTF-8, too costly to read)
    is skipped here, as the contract reports it."""
    for kind in KINDS:
        for folder in folders.get(kind, []):
            for lang in LANGUAGE_CODES:
                path = folder / f"{lang}.md"
                if not path.is_file() or path.is_symlink() or file_too_large(path.stat().st_size):
                    continue
                try:
                    text = path.read_text(encoding="utf-8-sig")
                except (OSError, UnicodeDecodeError):
                    continue
                body, first_line = _body(text.replace("\r\n", "\n"))
                if not markdown_problems(body, first_line):
                    yield kind, folder, lang, path, body, first_line


def _body(text):
    """(body, first line of the body) after the front matter, or (text, 1)."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() == "---":
                return "\n".join(lines[index + 1 :]), index + 2
    return text, 1


def _line_of(body, first_line, needle):
    index = body.find(needle)
    return first_line + body.count("\n", 0, index) if index >= 0 else None


def _target(page, href):
    """The site path a link leads to ('' for the root), or None when it is not a link into this site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None  # another site, mailto:, tel:, or only #fragment / ?query
    path = parts.path if parts.path.startswith("/") else posixpath.join(page, parts.path)
    normal = posixpath.normpath(path)
    if path.endswith("/") and normal != "/":
        normal += "/"
    return normal.lstrip("/")


def check(reporter, content, folders):
    addresses = site_addresses(folders)
    md = _markdown()
    for kind, folder, lang, path, body, first_line in markdown_bodies(folders):
        md.reset()
        md.found = []
        md.convert(body)
        page = page_address(kind, folder.name, lang)
        for what, target, alt in md.found:
            line = _line_of(body, first_line, f"({target}") or _line_of(body, first_line, target)
            if what == "image":
                if not (alt or "").strip():
                    reporter.warning(path, line, f"image '{target}' has no alt text (替代文字): describe what it shows between the brackets, e.g. ![Carbon beds beside the press hall]({target})")
                continue
            _check_link(reporter, path, line, page, target, addresses, folders)


def _check_link(reporter, path, line, page, href, addresses, folders):
    target = _target(page, href)
    if target is None or target in addresses or target.startswith(("media/", "theme/", "pagefind/")):
        return
    if target + "/" in addresses:
        reporter.warning(path, line, f"link '{href}' should end with / ('{href}/'): the page is the folder /{target}/")
        return
    parts = target.strip("/").split("/")
    if len(parts) > 3 and parts[0] in LANGUAGE_CODES and parts[1] in SECTIONS:
        return  # a listing's filter page (/en/cases/sector/printing/): not an editor's link to judge
    hint = ""
    if len(parts) == 3 and parts[0] in LANGUAGE_CODES and parts[1] in SECTIONS:
        hint = f" (there is no {KIND_NAMES[parts[1]]} folder content/{parts[1]}/{parts[2]}/)"
    elif len(parts) == 2 and parts[0] in LANGUAGE_CODES:
        hint = f" (there is no page folder content/pages/{parts[1]}/)"
    reporter.warning(path, line, f"link '{href}' leads to /{target}, which is not a page of this site{hint}")

