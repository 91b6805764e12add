"""HTML tags written in a Markdown body (`<b>`, `<iframe …>`, `<!-- … -->`).

The build escapes raw HTML (plugins/contract/markdown_body.py), so readers would see the tag itself
as text. The text is read as the build reads it, so a tag inside `code` or a code block (shown as
code on purpose) is not reported; script tags are the contract's errors, not repeated here.
"""

import re

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..contract.limits import file_too_large, markdown_problems
from ..contract.model import KINDS
from ..multilingual.languages import LANGUAGE_CODES
from .links import _body

#: An opening, closing or empty tag, or the start of a comment, as written in the text.
RAW_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>|<!--")
RAW_HTML = ("'{tag}' is raw HTML, which readers see as text (HTML 標籤會原樣顯示): use Markdown instead, "
            "e.g. **bold**, *italic*, [words](https://…); for a video or a map, link to it")


class _FindTags(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            texts = [element.tail] if element.tag in {"code", "pre"} else [element.text, element.tail]
            for text in texts:
                if text and "<" in text:
                    self.md.found_tags.extend(
                        match.group(0) for match in RAW_TAG.finditer(text) if (match.group(1) or "").lower() != "script"
                    )


class _FindTagsExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_FindTags(md), "find_raw_html", 0)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def check(reporter, content, folders):
    md = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists", "footnotes", _FindTagsExtension()])
    for kind in KINDS:
        for folder in folders.get(kind, []):
            for lang in LANGUAGE_CODES:
                path = folder / f"{lang}.md"
                if not path.is_file() or path.is_symlink() or file_too_large(path.stat().st_size):
                    continue  # the contract reports it
                try:
                    text = path.read_text(encoding="utf-8-sig")
                except (OSError, UnicodeDecodeError):
                    continue  # the contract reports it
                body, first_line = _body(text.replace("\r\n", "\n"))
                if markdown_problems(body, first_line):
                    continue  # too costly to read: the contract reports it
                md.reset()
                md.found_tags = []
                md.convert(body)
                searched_from = 0
                for tag in md.found_tags:
                    index = body.find(tag, searched_from)
                    if index < 0:
                        index = body.find(tag)
                    searched_from = index + 1
                    reporter.warning(path, first_line + body.count("\n", 0, max(index, 0)), RAW_HTML.format(tag=tag))
