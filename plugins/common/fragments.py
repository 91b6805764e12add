"""`{% call fragment("name", item, ...) %} ... {% endcall %}`: a part of a template made once per build.

A case report's card is the same on the case list, on every filter page that shows it and in
other reports' related cases. Wrapped in `{% call fragment("case-card", case) %}`, it is rendered
the first time and copied after that, for the same arguments and the same page language.

The block may use only its arguments, the page language and what is the same for the whole build
(`site`, the vocabularies, `url()`, `_()`); anything else that varies from page to page must be
an argument. Strings and numbers are told apart by value, items by identity, or in `make serve`
by their files. The copies live as long as the Jinja environment, which Pelican makes anew for
every build; `make serve` gives every environment the session's copies instead (plugins/incremental),
which it forgets whenever the theme, the catalogs or the shape of the site change.

(A global function called with Jinja's own `{% call %}`, not a new tag, so that Babel's template
extractor and any Jinja tool read the templates as they are.)
"""

from jinja2 import pass_context


def _key(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return tuple(_key(item) for item in value)
    values = vars(value)
    if values.get("signature"):  # an item in `make serve`: its files, so the copy outlives the build
        return ("item", values["kind"], values["slug"], values["signature"])
    return ("id", id(value))  # an item in a full build: its identity (it lives as long as the build)


@pass_context
def fragment(context, *arguments, caller):
    environment = context.environment
    if not hasattr(environment, "fragments"):
        environment.fragments = {}
    store = environment.fragments
    key = (_key(arguments), context.get("lang"))
    if key not in store:
        store[key] = caller()
    return store[key]
