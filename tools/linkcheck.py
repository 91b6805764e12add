"""Check every internal link, resource and fragment of a built site.

Every `href`, `src` and `srcset` in every HTML page (and every `url()` in its CSS) that points into
the site, relative or absolute with the site's own origin, must name a file that exists, and every
`#fragment` must be an `id` of the page it names. Links to other sites are not followed.

    python tools/linkcheck.py OUTPUT_DIR [--site-url http://localhost:8000]

prints one `page: link: problem` line per broken link and exits 1 if there is any.
"""

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

#: Attributes that name another file or a place in one.
LINK_ATTRIBUTES = ("href", "src", "action", "poster", "data")
SRCSET_ATTRIBUTES = ("srcset", "imagesrcset")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
#: Schemes that never name a file of the site.
OTHER_SCHEMES = ("mailto:", "tel:", "data:", "javascript:")


def page_url(output, file):
    """The address a file is served at, from the site root: `/en/cases/` for en/cases/index.html."""
    relative = file.relative_to(output).as_posix()
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative


def target_file(output, path):
    """The file a site path is served from, or None (`/en/` -> en/index.html)."""
    candidate = output / unquote(path).lstrip("/")
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


class LinkChecker:
    def __init__(self, output, site_url="http://localhost:8000"):
        self.output = Path(output).resolve()
        origin = urlsplit(site_url)
        self.origin = (origin.scheme, origin.netloc)
        self._ids = {}

    def ids(self, file):
        """The ids (and old-style `<a name>`) of an HTML page, read once."""
        if file not in self._ids:
            tree = lxml.html.fromstring(file.read_bytes())
            self._ids[file] = set(tree.xpath("//@id")) | set(tree.xpath("//a/@name"))
        return self._ids[file]

    def internal_path(self, base, link):
        """(path, fragment) of a link that points into the site, or None for another site."""
        link = link.strip()
        if not link or link.startswith(OTHER_SCHEMES):
            return None
        parts = urlsplit(urljoin(base, link))
        if parts.scheme in ("http", "https") and (parts.scheme, parts.netloc) != self.origin:
            return None
        return parts.path, parts.fragment

    def check_link(self, file, base, link):
        """A problem with one link, or None."""
        internal = self.internal_path(base, link)
        if internal is None:
            return None
        path, fragment = internal
        target = target_file(self.output, path)
        if target is None:
            return "no such file in the output"
        if fragment and fragment != "top":  # "#top" always means the top of the page
            if target.suffix != ".html":
                return f"#{fragment} points into a file that is not a page"
            if unquote(fragment) not in self.ids(target):
                return f"no element with id=\"{unquote(fragment)}\" on {page_url(self.output, target)}"
        return None

    def links_of_page(self, file):
        """(link, where) of every link in an HTML page, including those in inline styles."""
        tree = lxml.html.fromstring(file.read_bytes())
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            for name in LINK_ATTRIBUTES:
                value = element.get(name)
                if value is not None and not (name == "data" and element.tag != "object"):
                    yield value
            for name in SRCSET_ATTRIBUTES:
                for candidate in (element.get(name) or "").split(","):
                    if candidate.strip():
                        yield candidate.split()[0]
            style = element.get("style")
            if style:
                yield from CSS_URL.findall(style)
            if element.tag == "style" and element.text:
                yield from CSS_URL.findall(element.text)

    def problems(self):
        """Every broken link in the output, as (page, link, problem), in a stable order."""
        found = []
        for file in sorted(self.output.rglob("*")):
            if file.suffix == ".html":
                links = self.links_of_page(file)
            elif file.suffix == ".css":
                links = CSS_URL.findall(file.read_text(encoding="utf-8"))
            else:
                continue
            base = f"{self.origin[0] or 'http'}://{self.origin[1]}{page_url(self.output, file)}"
            for link in links:
                problem = self.check_link(file, base, link)
                if problem:
                    found.append((page_url(self.output, file), link, problem))
        return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="the built site")
    parser.add_argument("--site-url", default="http://localhost:8000", help="SITEURL of the build (default: %(default)s)")
    args = parser.parse_args(argv)
    problems = LinkChecker(args.output, args.site_url).problems()
    for page, link, problem in problems:
        print(f"{page}: {link}: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
