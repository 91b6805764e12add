"""Editorial checks that only `make check` runs (git history, links, alt text, raw HTML, terms, Hong Kong
wording on /sc/, full image decoding).

They read the content folder's files, not the loaded site, so they run even when the contract
finds errors, and they cost the build (`make html`, `make serve`) nothing.
"""

from .checks import run_checks  # noqa: F401
