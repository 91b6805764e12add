"""Light pages: each template's HTML+CSS+JS at most 50 KB gzip-compressed, nothing fetched from
another host, no render-blocking or inline script. Checked on the built files of both sites
(the browser tests also watch every request the pages make)."""

import gzip
import re
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import page_file, page_tree
from output_pages import html_pages, template_samples

from tools.linkcheck import CSS_URL, page_url

BUDGET = 50 * 1024  # bytes, gzip-compressed
SITE_ORIGIN = "http://localhost:8000"  # SITEURL of the test builds
#: Elements and attributes the browser fetches by itself while showing a page.
FETCHED = {
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}
FETCHED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon", "mask-icon"}
#: `<script type>` values that are data, never run.
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json", "importmap"}


def gzipped(data):
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weight(output, path):
    """(total, {file: gzip bytes}) of a page's HTML and the CSS and JS files it loads."""
    file, tree = page_file(output, path), page_tree(output, path)
    parts = {path or "/": gzipped(file.read_bytes())}
    base = "http://site" + page_url(output, file)
    loaded = tree.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), ' stylesheet ')]/@href | //script/@src")
    for href in loaded:
        target = output / urlsplit(urljoin(base, href)).path.lstrip("/")
        parts[target.relative_to(output).as_posix()] = gzipped(target.read_bytes())
    return sum(parts.values()), parts


def fetched_urls(tree):
    """Every URL the browser fetches by itself for this page."""
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name in FETCHED.get(element.tag, ()):
            value = element.get(name) or ""
            for candidate in value.split(",") if name == "srcset" else [value]:
                if candidate.strip():
                    yield candidate.split()[0]
        if element.tag == "link" and FETCHED_LINK_RELS & set((element.get("rel") or "").lower().split()):
            yield element.get("href") or ""
        if element.get("style"):
            yield from CSS_URL.findall(element.get("style"))
        if element.tag == "style":
            yield from CSS_URL.findall(element.text or "")


def is_foreign(url):
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob"):
        return False
    return bool(parts.netloc) and f"{parts.scheme or 'http'}://{parts.netloc}" != SITE_ORIGIN


def test_each_template_within_50_kb_compressed(built_site):
    over = []
    for (_lang, template), path in template_samples(built_site).items():
        total, parts = page_weight(built_site, path)
        if total > BUDGET:
            detail = ", ".join(f"{name} {size / 1024:.1f}" for name, size in sorted(parts.items(), key=lambda part: -part[1]))
            over.append(f"/{path} ({template}): {total / 1024:.1f} KB ({detail})")
    assert not over, "pages over 50 KB gzip-compressed:\n" + "\n".join(over)


def test_the_weight_counts_html_css_and_js(fixture_output):
    total, parts = page_weight(fixture_output, "en/")
    assert "en/" in parts and "theme/css/site.css" in parts
    assert total == sum(parts.values()) > 2000


def test_no_page_fetches_from_another_host(built_site):
    foreign = []
    for path in html_pages(built_site):
        tree = page_tree(built_site, path)
        foreign += [f"/{path}: {url}" for url in fetched_urls(tree) if is_foreign(url)]
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        urls = CSS_URL.findall(text) + re.findall(r"""@import\s+['"]([^'"]+)""", text)
        foreign += [f"{css.relative_to(built_site)}: {url}" for url in urls if is_foreign(url)]
    assert not foreign, "resources from another host:\n" + "\n".join(foreign[:50])


def test_no_render_blocking_or_inline_script(built_site):
    problems = []
    for path in html_pages(built_site):
        tree = page_tree(built_site, path)
        for script in tree.iter("script"):
            kind = (script.get("type") or "text/javascript").lower()
            if kind in DATA_SCRIPT_TYPES:
                continue
            if script.get("src") is None:
                problems.append(f"/{path}: inline script (scripts live in files, loaded with defer)")
            elif kind != "module" and script.get("defer") is None and script.get("async") is None and script.getparent().tag == "head":
                problems.append(f"/{path}: {script.get('src')} blocks rendering (add defer)")
    assert not problems, "\n".join(problems[:50])


@pytest.mark.parametrize(
    "html, problem",
    [
        ('<html><head><script src="/a.js"></script></head><body></body></html>', "blocks rendering"),
        ('<html><head></head><body><script>alert(1)</script></body></html>', "inline script"),
    ],
)
def test_the_script_check_catches(tmp_path, html, problem):
    (tmp_path / "index.html").write_text(html)
    with pytest.raises(AssertionError, match=problem):
        test_no_render_blocking_or_inline_script(tmp_path)


def test_the_host_check_catches(tmp_path):
    (tmp_path / "index.html").write_text('<html><head><link rel="stylesheet" href="https://fonts.example.com/a.css"></head>'
                                         '<body><img src="//cdn.example.net/x.png" alt=""><a href="https://example.org/">a link is fine</a></body></html>')
    with pytest.raises(AssertionError) as failure:
        test_no_page_fetches_from_another_host(tmp_path)
    assert "fonts.example.com" in str(failure.value) and "cdn.example.net" in str(failure.value)
    assert "example.org" not in str(failure.value)
