"""The three language sites and the Traditional-to-Simplified conversion they share.

Editors write English and Traditional Chinese; Simplified Chinese is generated from the
Traditional with OpenCC's `hk2s` configuration (Hong Kong Traditional to Simplified), as Hong Kong
government sites have done since 2002.
"""

from dataclasses import dataclass
from functools import lru_cache

import opencc
from jinja2 import pass_context


@dataclass(frozen=True)
class Language:
    code: str  # address prefix and file name: /tc/, tc.md
    html_lang: str  # BCP 47 tag for <html lang> and hreflang
    locale: str  # CLDR locale for Babel formatting and the gettext catalog
    name: str  # the language's own name, for the switcher
    short: str  # short label for narrow screens


LANGUAGES = (
    Language("en", "en", "en_HK", "English", "EN"),
    Language("tc", "zh-Hant-HK", "zh_Hant_HK", "繁體中文", "繁"),
    Language("sc", "zh-Hans-CN", "zh_Hans_CN", "简体中文", "简"),
)
BY_CODE = {language.code: language for language in LANGUAGES}
LANGUAGE_CODES = tuple(BY_CODE)
#: The languages editors write; `sc` is derived from `tc`.
SOURCE_LANGUAGES = ("en", "tc")


@lru_cache(maxsize=1)
def _converter():
    return opencc.OpenCC("hk2s")


def to_simplified(text):
    """Convert Hong Kong Traditional Chinese text (or HTML) to Simplified Chinese.

    Markup and ASCII pass through unchanged, so converting rendered HTML is safe.
    """
    if not text:
        return text
    return _converter().convert(text)


#: Where a text missing in the page's language is taken from, in order.
FALLBACK_ORDER = {"en": ("en", "tc", "sc"), "tc": ("tc", "sc", "en"), "sc": ("sc", "tc", "en")}


def text_for(item, lang):
    """(text, is_fallback): the item's text in `lang`, or the nearest language it has."""
    for code in FALLBACK_ORDER[lang]:
        if code in item.texts:
            return item.texts[code], code != lang
    raise LookupError(item.slug)


@pass_context
def text_and_fallback(context, item):
    """For templates: (text, is_fallback) of `item` in the page's language."""
    return text_for(item, context["lang"])


@pass_context
def text_of(context, item):
    """For templates: the text of `item` in the page's language, or the nearest it has."""
    return text_for(item, context["lang"])[0]
