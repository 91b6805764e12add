"""HTML tags written in a Markdown body (`<b>`, `<iframe …>`, `<!-- … -->`).

The build escapes raw HTML (plugins/contract/markdown_body.py), so readers would see the tag itself
as text. The text is read as the build reads it, so a tag inside `code` or a code block (shown as
code on purpose) is not reported; script tags are the contract's errors, not repeated here.
"""

import re

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .links import markdown_bodies

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
    for _kind, _folder, _lang, path, body, first_line in markdown_bodies(folders):
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
