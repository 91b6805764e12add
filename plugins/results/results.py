"""Pelican plugin: the programme's results as charts and tables, from content/data/programme.yaml.

`theme/templates/page-results.html` renders `content/pages/results/` (so the address stays
`/{lang}/results/`) and calls `results_charts()`: one `ResultChart` per chart, each with its SVG
(charts.py) and its table, both made from the same figures, in the page's language. Their interface
strings are gettext messages with named placeholders (`%(value)s`) in this file; `make translations`
extracts them (babel.cfg). Labels of programme items come from programme.yaml in the page's
language (plugins/common/labels.py: Simplified is `sc`, or converted from `tc` in mainland wording).

Also for any template: `programme_label(label)` and `programme_date("2013-04")` ("April 2013",
"2013年4月").
"""

import datetime
from dataclasses import dataclass

from babel.dates import format_date, format_skeleton
from babel.numbers import format_compact_decimal
from jinja2 import pass_context
from pelican import signals

from ..common.labels import in_language
from ..multilingual.formatting import format_hkd, format_number, format_percent, locale_of
from ..multilingual.languages import to_simplified
from .charts import Bar, Chart, Row, Segment, render


def label_in(label, lang):
    """A programme.yaml label ({en, tc, sc?}, as a model or a dict) in `lang`."""
    return in_language(label, lang)


def date_in(value, lang):
    """A programme.yaml date ("2013", "2013-04" or "2013-04-01") as precise as it is written."""
    parts = [int(part) for part in str(value).split("-")]
    day = datetime.date(*(parts + [1] * (3 - len(parts))))
    locale = locale_of(lang)
    if len(parts) == 3:
        return format_date(day, format="long", locale=locale)
    return format_skeleton("yMMMM" if len(parts) == 2 else "y", day, locale=locale)


NO_FIGURE = "–"  # a table cell for a figure the source does not give


@dataclass
class Table:
    caption: str
    head: list  # column headings; the first heads the row headings
    rows: list  # [row heading, cell, cell, ...], all strings
    numeric: bool = True


@dataclass
class ResultChart:
    id: str
    title: str
    note: str
    svg: str
    table: Table
    figures: list  # the numbers drawn, for tests and checks


def approvals(programme, lang, gettext):
    number = lambda value: format_number(value, lang)  # noqa: E731
    block = programme.approvals
    periods = [label_in(block.periods.fy2013_14, lang), label_in(block.periods.fy2014_15, lang)]
    rows, table_rows, sentences, figures = [], [], [], []
    for key in ("assessment", "demonstration", "verification"):
        item = getattr(block, key)
        name = label_in(item.label, lang)
        if item.target_min == item.target_max:
            target = number(item.target_min)
        else:
            target = gettext("%(low)s to %(high)s") % {"low": number(item.target_min), "high": number(item.target_max)}
        rows.append(Row(name, [Bar([Segment(item.fy2013_14, 0), Segment(item.fy2014_15, 1)],
                                   gettext("%(value)s (target %(target)s)") % {"value": number(item.total), "target": target})],
                        (item.target_min, item.target_max)))
        table_rows.append([name, number(item.fy2013_14), number(item.fy2014_15), number(item.total), target])
        sentences.append(gettext("%(item)s: %(first)s approved in %(first_period)s and %(second)s in %(second_period)s, "
                                 "%(total)s in all, against a target of %(target)s.")
                         % {"item": name, "first": number(item.fy2013_14), "first_period": periods[0], "second": number(item.fy2014_15),
                            "second_period": periods[1], "total": number(item.total), "target": target})
        figures += [item.fy2013_14, item.fy2014_15, item.total, item.target_min, item.target_max]
    title = gettext("Applications approved against the targets of the two-year extension")
    chart = Chart("chart-approvals", title, " ".join(sentences), rows, periods, gettext("Target"), number)
    table = Table(title, [gettext("Item"), periods[0], periods[1], gettext("Total"), gettext("Target")], table_rows)
    note = gettext("Approvals up to %(date)s.") % {"date": date_in(block.as_of, lang)}
    return ResultChart(chart.id, title, note, render(chart), table, figures)


def demonstration_split(programme, lang, gettext):
    number = lambda value: format_number(value, lang)  # noqa: E731
    block = programme.demonstration_split
    rows, table_rows, sentences, figures = [], [], [], [block.total]
    for key in ("air", "wastewater", "energy"):
        item = getattr(block, key)
        name = label_in(item.label, lang)
        share = format_percent(round(100 * item.projects / block.total), lang)
        text = gettext("%(value)s (%(share)s)") % {"value": number(item.projects), "share": share}
        rows.append(Row(name, [Bar([Segment(item.projects)], text)]))
        table_rows.append([name, number(item.projects), share])
        sentence = gettext("%(item)s: %(value)s projects, %(share)s.")
        sentences.append(sentence % {"item": name, "value": number(item.projects), "share": share})
        figures.append(item.projects)
    table_rows.append([gettext("Total"), number(block.total), format_percent(100, lang)])
    title = gettext("What the %(total)s demonstration projects set out to do") % {"total": number(block.total)}
    chart = Chart("chart-split", title, " ".join(sentences), rows, number=number)
    table = Table(title, [gettext("Aim"), gettext("Projects"), gettext("Share")], table_rows)
    return ResultChart(chart.id, title, "", render(chart), table, figures)


def reductions(programme, lang, gettext, keys, chart_id, title):
    number = lambda value: format_number(value, lang)  # noqa: E731
    block = programme.benefits.reductions
    rows, table_rows, sentences, figures = [], [], [], []
    for key in keys:
        item = getattr(block, key)
        name = label_in(item.label, lang)
        text = gettext("%(value)s tonnes") % {"value": number(item.tonnes)}
        rows.append(Row(name, [Bar([Segment(item.tonnes)], text)]))
        table_rows.append([name, number(item.tonnes)])
        sentences.append(gettext("%(item)s: %(value)s.") % {"item": name, "value": text})
        figures.append(item.tonnes)
    chart = Chart(chart_id, title, " ".join(sentences), rows, number=number)
    table = Table(title, [gettext("Pollutant"), gettext("Reduction (tonnes)")], table_rows)
    return ResultChart(chart.id, title, "", render(chart), table, figures)


def funding(programme, lang, gettext):
    money = lambda value: format_hkd(value, lang)  # noqa: E731
    rows, table_rows, sentences, figures = [], [], [], []
    for key in ("first", "extension_2013", "extension_2015"):
        phase = getattr(programme.phases, key)
        name = label_in(phase.label, lang)
        bars = []
        if phase.funding_hkd is not None:
            bars.append(Bar([Segment(phase.funding_hkd, 0)], money(phase.funding_hkd)))
            figures.append(phase.funding_hkd)
        if phase.spend_hkd is not None:
            bars.append(Bar([Segment(phase.spend_hkd, 1)], money(phase.spend_hkd)))
            figures.append(phase.spend_hkd)
        rows.append(Row(name, bars))
        dash = NO_FIGURE
        funded = money(phase.funding_hkd) if phase.funding_hkd is not None else dash
        spent = money(phase.spend_hkd) if phase.spend_hkd is not None else dash
        table_rows.append([name, funded, spent])
        sentences.append(gettext("%(item)s: funding %(funding)s, spending %(spend)s.") % {"item": name, "funding": funded, "spend": spent})
    title = gettext("Funding and spending by phase")
    series = [gettext("Funding (HK$)"), gettext("Spending (HK$)")]
    chart = Chart("chart-funding", title, " ".join(sentences), rows, series,
                  number=lambda value: _short_money(value, lang, gettext))
    table = Table(title, [gettext("Phase"), *series], table_rows)
    note = gettext("A dash means the paper gives no figure: the first phase's funding is not stated, "
                   "and the five-year extension had only begun.")
    return ResultChart(chart.id, title, note, render(chart), table, figures)


def _short_money(value, lang, gettext):
    """An axis figure, short: the translation picks millions ("HK$50m") or ten thousands ("5,000萬元")."""
    return gettext("HK$%(millions)sm") % {"millions": format_number(value / 1_000_000, lang),
                                          "ten_thousands": format_number(value / 10_000, lang)}


@pass_context
def results_charts(context):
    """The charts of the results page in the page's language. Their strings are gettext messages
    with named placeholders (`%(value)s`), extracted from this file by `make translations`."""
    programme = context["site"].programme
    if programme is None:
        return []
    lang = context["lang"]
    gettext = context.environment.translations_by_lang[lang].gettext  # plugins/multilingual
    return [
        approvals(programme, lang, gettext),
        demonstration_split(programme, lang, gettext),
        reductions(programme, lang, gettext, ("voc", "nox", "so2"), "chart-air", gettext("Reductions of air pollutants, in tonnes")),
        reductions(programme, lang, gettext, ("co2", "wastewater"), "chart-carbon-water",
                   gettext("Reductions of carbon dioxide and wastewater, in tonnes")),
        funding(programme, lang, gettext),
    ]


#: CLDR's zh_Hant_HK has no Chinese compact forms (it gives "1B"); zh_Hant's are the Hong Kong ones.
COMPACT_LOCALES = {"en": "en_HK", "tc": "zh_Hant", "sc": "zh_Hans_CN"}


def format_hkd_compact(value, lang):
    """A large amount, short: `HK$1 billion`, `10億港元`, `10亿港元` (a figure for a headline)."""
    number = format_compact_decimal(value, format_type="long", locale=COMPACT_LOCALES[lang], fraction_digits=2)
    return f"HK${number}" if lang == "en" else f"{number}{to_simplified('港元') if lang == 'sc' else '港元'}"


@pass_context
def hkd_compact(context, value):
    return format_hkd_compact(value, context["lang"])


@pass_context
def programme_label(context, label):
    return label_in(label, context["lang"])


@pass_context
def programme_date(context, value):
    return date_in(value, context["lang"])


def install(generator):
    generator.env.filters["hkd_compact"] = hkd_compact
    generator.env.globals.update(results_charts=results_charts, programme_label=programme_label,
                                 programme_date=programme_date)


def register():
    signals.generator_init.connect(install)
