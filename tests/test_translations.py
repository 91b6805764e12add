"""The Traditional catalog is complete for every string the templates use; Simplified derives from it."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from conftest import ROOT
from plugins.multilingual.catalogs import load_translations, simplified_catalog

CATALOG = ROOT / "translations/zh_Hant_HK/LC_MESSAGES/messages.po"
METHOD_MAP = [("theme/templates/**.html", "jinja2")]
OPTIONS = {"theme/templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}}


def template_messages():
    found = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(ROOT, METHOD_MAP, OPTIONS):
        key = message if isinstance(message, str) else message[0]
        found.setdefault(key, f"{filename}:{lineno}")
    return found


def test_every_template_string_is_translated_to_traditional():
    with open(CATALOG, "rb") as handle:
        catalog = read_po(handle)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    missing = {msg: where for msg, where in template_messages().items() if msg not in translated}
    assert not missing, "untranslated (run `make translations` and fill in msgstr): " + "; ".join(
        f"{where}: {msg!r}" for msg, where in sorted(missing.items(), key=lambda kv: kv[1])
    )


def test_simplified_catalog_is_converted():
    with open(CATALOG, "rb") as handle:
        simplified = simplified_catalog(read_po(handle))
    assert simplified.get("Case reports").string == "个案报告"
    translations = load_translations(ROOT / "translations")
    assert translations["sc"].gettext("Technologies") == "技术"
    assert translations["tc"].gettext("Technologies") == "技術"
    assert translations["en"].gettext("Technologies") == "Technologies"
