"""The HTML pages of a built site, and one sample page of each template, for checks over the output.

Templates are told apart by the shape of their address and the `app-page--<kind>` class of
`<body>`: `en/cases/<slug>/`, `en/cases/sector/<key>/` and `en/events/<slug>/` are different
templates, `tc/events/<slug>/` of an event with no Traditional text is the missing-translation
template, and each top-level page (`en/about/`, `en/results/`) counts as a template of its own. So a new template (a filter page, the
search page, the results page) is sampled by every check as soon as it is built, with no list to
keep up to date here.
"""

import re
from pathlib import Path

LANGS = ("en", "tc", "sc")
_BODY_KIND = re.compile(rb"<body[^>]*\bclass=\"[^\"]*\bapp-page--([\w-]+)")


def url_path(output, file):
    """`<output>/en/cases/index.html` -> `en/cases/`; `<output>/404.html` -> `404.html`."""
    relative = Path(file).relative_to(output).as_posix()
    if relative == "index.html":
        return ""
    return relative[: -len("index.html")] if relative.endswith("/index.html") else relative


def html_pages(output):
    """Every HTML page of the site as a path relative to its root (`""` is the root), sorted."""
    output = Path(output)
    return sorted(url_path(output, file) for file in output.rglob("*.html"))


def template_of(output, path):
    """(language or None, template key) of a page, e.g. ("tc", "cases/* [cases]")."""
    parts = [part for part in path.split("/") if part]
    lang = parts[0] if parts and parts[0] in LANGS else None
    rest = parts[1:] if lang else parts
    # en/cases/<slug>/ -> cases/*, en/cases/sector/<key>/ -> cases/*/*, en/about/ -> about
    shape = "/".join(rest[:1] + ["*"] * (len(rest) - 1))
    match = _BODY_KIND.search(_file(output, path).read_bytes())
    return lang, f"{shape or '(home)'} [{match.group(1).decode() if match else ''}]"


def template_samples(output):
    """One page per template and language: {(lang or None, template key): path}.

    The largest page of each template is taken (it shows the most of what the template can show:
    a cover, a long facts panel, a long list), the first in address order among equals.
    """
    output = Path(output)
    samples = {}
    for path in html_pages(output):
        size = _file(output, path).stat().st_size
        key = template_of(output, path)
        if key not in samples or size > samples[key][0]:
            samples[key] = (size, path)
    return {key: path for key, (size, path) in sorted(samples.items(), key=lambda entry: (entry[0][0] or "", entry[0][1]))}


def _file(output, path):
    return Path(output) / (path + "index.html" if path.endswith("/") or not path else path)
