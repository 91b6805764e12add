"""Pelican plugin: schema.org JSON-LD for case reports (Report) and events (Event).

Templates call `json_ld(item, text, publisher)` (theme/templates/partials/meta.html) and get a
`<script type="application/ld+json">` element: data, not a script that runs, so it is allowed under
the no-inline-script rule. The JSON is made with `json.dumps` and every `<`, `>` and `&` in it is
written as a `\\u003c`-style escape, so no text an editor writes can close the element or open a
comment (`</script>`, `<!--`) inside it.
"""

import datetime
import json

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals

from ..common.hong_kong import HONG_KONG
from ..multilingual.languages import BY_CODE

#: Where a city is, for schema.org addresses: Hong Kong itself, every other city in Guangdong.
HONG_KONG_CITY = "hong-kong"


def _when(value):
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=HONG_KONG).isoformat()
    return value.isoformat()


def _organisation(name, url=None):
    organisation = {"@type": "Organization", "name": name}
    if url:
        organisation["url"] = url
    return organisation


def case_data(site, item, text, lang, abs_url, publisher):
    meta = item.meta
    data = {
        "@context": "https://schema.org",
        "@type": "Report",
        "headline": text.title,
        "name": text.title,
        "description": text.summary,
        "inLanguage": BY_CODE[lang].html_lang,
        "url": abs_url(item.path(lang)),
        "datePublished": meta.date.isoformat(),
        "publisher": publisher,
        "about": [
            {"@type": "Thing", "name": _title(site.get("technologies", slug), lang), "url": abs_url(site.get("technologies", slug).path(lang))}
            for slug in meta.technologies
        ],
        "keywords": [site.vocab["sectors"][meta.sector][lang]] + [site.vocab["issues"][key][lang] for key in meta.issues],
        "contentLocation": {"@type": "Place", "name": site.vocab["cities"][meta.city][lang]},
    }
    if meta.cover:
        data["image"] = abs_url(item.media_path(meta.cover))
    return data


def event_data(site, item, text, lang, abs_url, publisher):
    meta = item.meta
    city = site.vocab["cities"][meta.city][lang]
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": text.title,
        "description": text.summary,
        "inLanguage": BY_CODE[lang].html_lang,
        "url": abs_url(item.path(lang)),
        "startDate": _when(meta.start),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": text.venue or city,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": city,
                "addressCountry": "HK" if meta.city == HONG_KONG_CITY else "CN",
            },
        },
        "organizer": [_organisation(site.vocab["organisations"][key][lang]) for key in meta.organisers] or publisher,
    }
    if meta.end is not None:
        data["endDate"] = _when(meta.end)
    if meta.registration:
        data["offers"] = {"@type": "Offer", "url": meta.registration}
    if meta.cover:
        data["image"] = abs_url(item.media_path(meta.cover))
    return data


def _title(item, lang):
    for code in (lang, "en", "tc", "sc"):
        if code in item.texts:
            return item.texts[code].title
    return item.slug


def script_element(data):
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(f'<script type="application/ld+json">{text}</script>')


@pass_context
def json_ld(context, item, text, publisher):
    """The JSON-LD element of a case report or an event page (empty for other items).

    `publisher`: the publishing organisation's name in the page's language (from the template).
    """
    builders = {"cases": case_data, "events": event_data}
    if item.kind not in builders:
        return Markup("")
    site = context["site"]
    lang = context["lang"]
    abs_url = context["abs_url"]
    publisher = _organisation(str(publisher))
    return script_element(builders[item.kind](site, item, text, lang, abs_url, publisher))


def install(generator):
    generator.env.globals["json_ld"] = json_ld


def register():
    signals.generator_init.connect(install)
