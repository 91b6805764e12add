"""Both Chinese catalogs are complete for every string the templates use; the Simplified one is in
mainland wording (no word of the Hong Kong side of content/data/mainland-wording.yaml)."""


from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import pytest

from conftest import ROOT
from plugins.multilingual import mainland
from plugins.multilingual.catalogs import load_translations, simplified_catalog

CATALOG = ROOT / "translations/zh_Hant_HK/LC_MESSAGES/messages.po"
SIMPLIFIED_CATALOG = ROOT / "translations/zh_Hans_CN/LC_MESSAGES/messages.po"
# As babel.cfg (`make translations`): the templates, and the plugins that call gettext themselves.
METHOD_MAP = [("theme/templates/**.html", "jinja2"), ("plugins/results/**.py", "python")]
OPTIONS = {"theme/templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}}


def template_messages():
    found = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(ROOT, METHOD_MAP, OPTIONS):
        key = message if isinstance(message, str) else message[0]
        found.setdefault(key, f"{filename}:{lineno}")
    return found


@pytest.mark.parametrize("path", [CATALOG, SIMPLIFIED_CATALOG], ids=["zh_Hant_HK", "zh_Hans_CN"])
def test_every_template_string_is_translated(path):
    with open(path, "rb") as handle:
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


def test_simplified_catalog_is_in_mainland_wording():
    wording = mainland.load(ROOT / "content")
    with open(SIMPLIFIED_CATALOG, "rb") as handle:
        catalog = read_po(handle)
    hong_kong = [
        f"{message.id!r}: {hk} (write {mainland_word})"
        for message in catalog if message.id
        for text in (message.string if isinstance(message.string, tuple) else (message.string,))
        for _, hk, mainland_word in wording.leftovers(text, everywhere=True)
    ]
    assert not hong_kong, "Hong Kong wording in the Simplified catalog: " + "; ".join(hong_kong)


def test_sites_use_the_reviewed_simplified_catalog():
    translations = load_translations(ROOT / "translations")
    assert translations["sc"].gettext("Case reports") == "案例报告"
    assert translations["sc"].gettext("Main") == "主菜单"
    assert translations["sc"].gettext("Technologies") == "技术"
    assert translations["tc"].gettext("Technologies") == "技術"
    assert translations["en"].gettext("Technologies") == "Technologies"


def test_a_string_missing_from_the_simplified_catalog_falls_back_to_converted_traditional(tmp_path):
    for locale, text in (("zh_Hant_HK", "個案報告"), ("zh_Hans_CN", "")):
        folder = tmp_path / locale / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "messages.po").write_text(f'msgid ""\nmsgstr ""\n\nmsgid "Case reports"\nmsgstr "{text}"\n', encoding="utf-8")
    assert load_translations(tmp_path)["sc"].gettext("Case reports") == "个案报告"
    with open(CATALOG, "rb") as handle:
        assert simplified_catalog(read_po(handle)).get("Case reports").string == "个案报告"
