"""Interface strings: gettext catalogs under `translations/`, compiled in memory at build time.

`translations/zh_Hant_HK/LC_MESSAGES/messages.po` is the Traditional catalog and
`translations/zh_Hans_CN/LC_MESSAGES/messages.po` the Simplified one, written in mainland wording
(搜索, 案例报告, 首页) by a reviewer, not converted character by character; translators keep both
complete (tests/test_translations.py). A string the Simplified catalog lacks still shows in
Simplified characters, converted from the Traditional one, until it is translated.
English is the source language of the templates and needs no catalog.
"""

import copy
import io
import logging
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from .languages import BY_CODE, to_simplified

logger = logging.getLogger(__name__)


def _read_catalog(path):
    with open(path, "rb") as handle:
        return read_po(handle)


def _to_translations(catalog):
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def simplified_catalog(traditional):
    """A copy of the Traditional catalog with every translation converted to Simplified characters
    (the stand-in for strings the reviewed Simplified catalog does not have yet)."""
    simplified = copy.deepcopy(traditional)
    simplified.locale = "zh_Hans_CN"
    for message in simplified:
        if not message.id:
            continue
        if isinstance(message.string, tuple):
            message.string = tuple(to_simplified(s) for s in message.string)
        else:
            message.string = to_simplified(message.string)
    return simplified


def load_translations(translations_dir):
    """Return {lang code: gettext translations} for the three sites: read once per process while
    the catalogs are unchanged (every generator's environment asks, some fifteen a build, and
    `make serve` builds again and again)."""
    translations_dir = Path(translations_dir)
    files = [translations_dir / BY_CODE[code].locale / "LC_MESSAGES" / "messages.po" for code in ("tc", "sc")]
    signature = tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) if path.exists() else (str(path),) for path in files)
    if signature not in _loaded:
        _loaded.clear()  # an edited catalog: the old one is of no more use
        _loaded[signature] = _load_translations(translations_dir)
    return _loaded[signature]


_loaded = {}


def _load_translations(translations_dir):
    traditional_path = translations_dir / BY_CODE["tc"].locale / "LC_MESSAGES" / "messages.po"
    traditional = _read_catalog(traditional_path)
    simplified = simplified_catalog(traditional)
    reviewed_path = translations_dir / BY_CODE["sc"].locale / "LC_MESSAGES" / "messages.po"
    if reviewed_path.exists():
        for message in _read_catalog(reviewed_path):
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.id and not message.fuzzy and all(strings):
                # Catalog[id] = message would keep the converted string of an existing id.
                simplified.delete(message.id, context=message.context)
                simplified[message.id] = message
    return {
        "en": NullTranslations(),
        "tc": _to_translations(traditional),
        "sc": _to_translations(simplified),
    }
