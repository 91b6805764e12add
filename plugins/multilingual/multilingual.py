"""Pelican plugin: the language layer every generator's Jinja environment gets.

- Babel formatting filters (`date_long`, `hkd`, ...) that follow the page's `lang`;
- `label(vocabulary, key)`: a vocabulary label in the page's language;
- `text_of(item)` / `text_and_fallback(item)`: an item's text in the page's language (or the nearest);
- `url(path)` / `abs_url(path)`: addresses under the site's path and origin;
- gettext catalogs, switched per language with `use_language(env, lang)`;
- `fragment()` for `{% call fragment("name", ...) %}` (plugins/common/fragments.py).
"""

import functools
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals

from ..common.fragments import fragment
from .catalogs import load_translations
from .formatting import JINJA_FILTERS
from .languages import BY_CODE, LANGUAGES, text_and_fallback, text_of


@pass_context
def label(context, vocabulary, key):
    return context["site"].vocab[vocabulary][key][context["lang"]]


def install(generator):
    settings = generator.settings
    env = generator.env
    site_url = settings["SITEURL"].rstrip("/")
    site_path = urlsplit(site_url).path.rstrip("/")
    env.filters.update(JINJA_FILTERS)
    env.globals.update(
        label=label,
        text_of=text_of,
        text_and_fallback=text_and_fallback,
        url=lambda path="": f"{site_path}/{path}",
        abs_url=lambda path="": f"{site_url}/{path}",
        LANGUAGES=LANGUAGES,
        LANGUAGE=BY_CODE,
        fragment=fragment,  # `{% call fragment(...) %}`: a card rendered once per build
    )
    translations_dir = Path(settings.get("TRANSLATIONS_DIR", "translations"))
    env.translations_by_lang = load_translations(translations_dir)
    use_language(env, "en")


def use_language(env, lang):
    """Make `_()` and `{% trans %}` in `env` speak `lang` until switched again."""
    catalog = env.translations_by_lang[lang]
    env.install_gettext_translations(catalog, newstyle=True)
    env.globals["_"] = env.globals["gettext"] = gettext_for(catalog)


@functools.cache
def gettext_for(catalog):
    """Jinja's "newstyle" gettext for `catalog`, with the message of a call without placeholders
    kept once made: a page calls `_()` some 65 times, a build 300,000 times, and Jinja's own
    (two more calls through the template context, a Markup made each time) was a tenth of the
    rendering. Same result as Jinja's: translated, made Markup when autoescaping, then `%` the
    variables (so `%%` is `%` even without any)."""
    translate = catalog.gettext
    made = {}

    @pass_context
    def gettext(context, message, **variables):
        if not context.eval_ctx.autoescape:
            return translate(message) % variables
        if variables:
            return Markup(translate(message)) % variables
        found = made.get(message)
        if found is None:
            found = made[message] = Markup(translate(message)) % variables
        return found

    return gettext


def register():
    signals.generator_init.connect(install)
