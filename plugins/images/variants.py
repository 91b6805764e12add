"""Images in the reader's language: `cover.png` may have language versions beside it in the item's
folder, `cover.en.png`, `cover.tc.png` and `cover.sc.png` (a diagram with labels in that language).
A page shows the version of its language; the Simplified site falls back to the Traditional
version (closer to its readers than the English one), every site to the plain `cover.png`.
Only the cover has language versions; the contract publishes each one it finds.
"""

from ..multilingual.languages import LANGUAGE_CODES

#: Which versions a page in each language looks for, in order, before the plain file.
PREFERENCE = {"en": ("en",), "tc": ("tc",), "sc": ("sc", "tc")}


def language_version(name, lang):
    """`cover.png`, "tc" -> `cover.tc.png`."""
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{lang}.{suffix}" if dot else f"{name}.{lang}"


def language_versions(name):
    """Every possible language version of `name`, in language order."""
    return [language_version(name, lang) for lang in LANGUAGE_CODES]


def for_language(available, name, lang):
    """The file to show for `name` on a page in `lang`: its language version if `available` (names
    of published images) has one, else `name`."""
    for code in PREFERENCE.get(lang, ()):
        version = language_version(name, code)
        if version in available:
            return version
    return name
