"""Pelican plugin: `/sitemap.xml` with hreflang alternates, and `/robots.txt` pointing to it.

The sitemap lists every page that declares itself indexable, by its canonical address, with the
alternates its own `<link rel="alternate" hreflang>` tags name (as `xhtml:link`, absolute). It is
made from the written pages, on Pelican's `finalized` signal, after every generator of every
plugin has written its pages: so it holds exactly what the pages say, pages of other plugins
included, and a page that is `noindex` (a missing translation, an empty filter page, 404) has no
canonical link and stays out. Alternates are listed only for a page that is one of its own
alternates (a language version), which keeps them reciprocal; the root language chooser is listed
without any.
"""

import logging
import os
import re
from html import unescape
from xml.sax.saxutils import escape, quoteattr

from pelican import signals

logger = logging.getLogger(__name__)

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
_HEAD_END = re.compile(r"</head\s*>", re.I)
_HEAD_END_BYTES = re.compile(rb"</head\s*>", re.I)
#: How much of a page is read at a time, looking for the end of its head (a case page's head is
#: 3 KB of its 17: reading the whole pages was a third of the sitemap's time).
HEAD_CHUNK = 8192
_LINK = re.compile(r"<link\b[^>]*>", re.I)
_ATTRIBUTE = re.compile(r'([a-zA-Z-]+)\s*=\s*"([^"]*)"')
_NOINDEX = re.compile(r'<meta\s+name="robots"\s+content="[^"]*noindex', re.I)


def page_links(html):
    """(canonical or None, [(hreflang, href)]) from a page's head."""
    head = _HEAD_END.split(html, 1)[0]
    if _NOINDEX.search(head):
        return None, []
    canonical, alternates = None, []
    for tag in _LINK.findall(head):
        attributes = {name.lower(): unescape(value) for name, value in _ATTRIBUTE.findall(tag)}
        rel = attributes.get("rel", "").lower().split()
        if "canonical" in rel:
            canonical = attributes.get("href")
        elif "alternate" in rel and "hreflang" in attributes and "href" in attributes:
            alternates.append((attributes["hreflang"], attributes["href"]))
    return canonical, alternates


def read_head(path):
    """The page at `path` up to the end of its `</head>` (the whole page if it has none)."""
    data = b""
    with open(path, "rb") as handle:
        while chunk := handle.read(HEAD_CHUNK):
            data += chunk
            end = _HEAD_END_BYTES.search(data)
            if end:
                return data[:end.end()].decode("utf-8")
    return data.decode("utf-8")


def collect(output_path):
    """{canonical url: [(hreflang, href)]} over every HTML file in the output."""
    pages = {}
    for folder, folders, files in os.walk(output_path):
        folders.sort()
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            canonical, alternates = page_links(read_head(os.path.join(folder, name)))
            if canonical:
                language_versions = [(lang, href) for lang, href in alternates if lang != "x-default"]
                if canonical not in {href for _, href in alternates}:
                    language_versions = []  # in no cluster of language versions
                # The root chooser is its cluster's x-default: it lists the language homes, as they list it.
                pages[canonical] = language_versions + [(lang, href) for lang, href in alternates if lang == "x-default" and language_versions]
    return pages


def render(pages):
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for url in sorted(pages):
        lines.append(f"<url><loc>{escape(url)}</loc>")
        for hreflang, href in pages[url]:
            lines.append(f'<xhtml:link rel="alternate" hreflang={quoteattr(hreflang)} href={quoteattr(href)}/>')
        lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(site_url):
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}/{SITEMAP}\n"


def write_sitemap(pelican):
    """On `finalized`: every page has been written."""
    output = pelican.output_path
    if not os.path.isdir(output):
        return
    pages = collect(output)
    with open(os.path.join(output, SITEMAP), "w", encoding="utf-8") as handle:
        handle.write(render(pages))
    with open(os.path.join(output, ROBOTS), "w", encoding="utf-8") as handle:
        handle.write(robots(pelican.settings["SITEURL"].rstrip("/")))
    logger.info("sitemap: %d pages in %s", len(pages), SITEMAP)


def register():
    signals.finalized.connect(write_sitemap)
