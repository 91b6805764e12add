"""Pelican plugin: open data files, `/data/<dataset>.json` and `/data/<dataset>.csv`.

Datasets: cases, technologies, events, awardees. Each dataset's columns are declared once, below, in
a fixed order with their description (docs/open-data.md lists them for readers; a test keeps the two
in step). The CSV is UTF-8 with a byte order mark, so Excel opens Chinese text correctly, with one
row per record, lists joined by ";" and empty cells for missing values. The JSON holds the same
records with the same keys, typed: lists as arrays, numbers as numbers, booleans, null.

A text cell that a spreadsheet would run as a formula (one beginning with =, +, -, @, a tab or a
carriage return, e.g. `=HYPERLINK(...)` as an awardee name) is written with a leading apostrophe, as
OWASP advises against CSV injection; numbers are written as numbers, so a negative result stays
`-5`. The JSON keeps every value as written.
"""

import csv
import io
import json
import logging
import os

from pelican import signals

from ..common.generator import SiteGenerator
from ..common.hong_kong import HONG_KONG_TZID
from ..multilingual.languages import LANGUAGE_CODES, to_simplified

logger = logging.getLogger(__name__)

LIST_SEPARATOR = ";"


def _texts(item, field):
    """{field_en: ..., field_tc: ..., field_sc: ...}: the item's own text in each language, else None."""
    values = {}
    for lang in LANGUAGE_CODES:
        text = item.texts.get(lang)
        if text is None:
            value = None
        else:
            value = getattr(text, field)
        values[f"{field}_{lang}"] = value
    return values


def _urls(item, abs_url):
    return {f"url_{lang}": abs_url(item.path(lang)) if lang in item.texts else None for lang in LANGUAGE_CODES}


def _iso(value):
    return value.isoformat() if value is not None else None


def case_records(site, abs_url):
    metrics = list(site.vocab["metrics"])
    categories_order = list(site.vocab["technology-categories"])
    for case in site.items["cases"]:
        meta = case.meta
        categories = {site.get("technologies", slug).meta.category for slug in meta.technologies}
        record = {"slug": case.slug, "date": _iso(meta.date)}
        record.update(_texts(case, "title"))
        record.update(_texts(case, "summary"))
        record.update({
            "sector": meta.sector,
            "city": meta.city,
            "project": meta.project,
            "technologies": list(meta.technologies),
            "technology_categories": sorted(categories, key=categories_order.index),
            "issues": list(meta.issues),
        })
        record.update({f"result_{metric}": meta.results.get(metric) for metric in metrics})
        record.update({
            "investment_hkd": meta.investment_hkd,
            "payback_years": meta.payback_years,
            "illustrative": meta.illustrative,
        })
        record.update(_urls(case, abs_url))
        yield record


def technology_records(site, abs_url):
    for tech in site.items["technologies"]:
        meta = tech.meta
        record = {"slug": tech.slug, "date": _iso(meta.date)}
        record.update(_texts(tech, "title"))
        record.update(_texts(tech, "summary"))
        record.update({
            "category": meta.category,
            "issues": list(meta.issues),
            "sectors": list(meta.sectors),
            "reduction_pct_min": meta.reduction_pct[0] if meta.reduction_pct else None,
            "reduction_pct_max": meta.reduction_pct[1] if meta.reduction_pct else None,
            "case_reports": [case.slug for case in site.items["cases"] if tech.slug in case.meta.technologies],
        })
        record.update(_urls(tech, abs_url))
        yield record


def event_records(site, abs_url):
    for event in site.items["events"]:
        meta = event.meta
        all_day = not hasattr(meta.start, "hour")
        record = {"slug": event.slug, "type": meta.type, "start": _iso(meta.start), "end": _iso(meta.end),
                  "all_day": all_day, "timezone": HONG_KONG_TZID, "city": meta.city}
        record.update(_texts(event, "title"))
        record.update(_texts(event, "summary"))
        record.update(_texts(event, "venue"))
        record.update({
            "organisers": list(meta.organisers),
            "languages": list(meta.languages),
            "attendees": meta.attendees,
            "registration": meta.registration,
            "enquiry": meta.enquiry,
            "illustrative": meta.illustrative,
            "ics": abs_url(f"{event.path('en')}event.ics"),
        })
        record.update(_urls(event, abs_url))
        yield record


def awardee_records(site, abs_url):
    from ..awardees.awardees import sort_rows

    for row in sort_rows(site.awardees):
        yield {
            "year": row.year,
            "category": row.category,
            "name_en": row.name_en,
            "name_tc": row.name_tc,
            "name_sc": row.name_sc or to_simplified(row.name_tc),
            "sector": row.sector,
            "city": row.city,
            "website": row.website,
            "illustrative": row.illustrative,
        }


DATASETS = {
    "cases": case_records,
    "technologies": technology_records,
    "events": event_records,
    "awardees": awardee_records,
}


def columns(dataset, site):
    """The dataset's columns in their published order (also when it has no record)."""
    if dataset == "cases":
        metrics = [f"result_{metric}" for metric in site.vocab["metrics"]]
        texts = [f"{field}_{lang}" for field in ("title", "summary") for lang in LANGUAGE_CODES]
        return (["slug", "date"] + texts + ["sector", "city", "project", "technologies", "technology_categories", "issues"]
                + metrics + ["investment_hkd", "payback_years", "illustrative"] + [f"url_{lang}" for lang in LANGUAGE_CODES])
    if dataset == "technologies":
        texts = [f"{field}_{lang}" for field in ("title", "summary") for lang in LANGUAGE_CODES]
        return (["slug", "date"] + texts + ["category", "issues", "sectors", "reduction_pct_min", "reduction_pct_max", "case_reports"]
                + [f"url_{lang}" for lang in LANGUAGE_CODES])
    if dataset == "events":
        texts = [f"{field}_{lang}" for field in ("title", "summary", "venue") for lang in LANGUAGE_CODES]
        return (["slug", "type", "start", "end", "all_day", "timezone", "city"] + texts
                + ["organisers", "languages", "attendees", "registration", "enquiry", "illustrative", "ics"]
                + [f"url_{lang}" for lang in LANGUAGE_CODES])
    return ["year", "category", "name_en", "name_tc", "name_sc", "sector", "city", "website", "illustrative"]


#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)  # a number, never a formula, even when negative
    if isinstance(value, (list, tuple)):
        return neutralised(LIST_SEPARATOR.join(str(part) for part in value))
    return neutralised(str(value))


def neutralised(text):
    """`text`, with an apostrophe before it if a spreadsheet would run it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(fields, records):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(fields)
    for record in records:
        writer.writerow([csv_cell(record[name]) for name in fields])
    return "\ufeff" + buffer.getvalue()


def to_json(dataset, fields, records, source_url):
    document = {
        "dataset": dataset,
        "source": source_url,
        "fields": fields,
        "count": len(records),
        "records": records,
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


class OpenDataGenerator(SiteGenerator):
    def write_site(self, writer, site):
        abs_url = self.env.globals["abs_url"]  # SITEURL-absolute, set up by plugins.multilingual

        folder = os.path.join(self.output_path, "data")
        os.makedirs(folder, exist_ok=True)
        for dataset, make in DATASETS.items():
            fields = columns(dataset, site)
            records = list(make(site, abs_url))
            if any(list(record) != fields for record in records):
                raise RuntimeError(f"open_data: the {dataset} records' keys differ from its columns")
            with open(os.path.join(folder, f"{dataset}.csv"), "w", encoding="utf-8", newline="") as handle:
                handle.write(to_csv(fields, records))
            with open(os.path.join(folder, f"{dataset}.json"), "w", encoding="utf-8", newline="\n") as handle:
                handle.write(to_json(dataset, fields, records, abs_url("")))
            logger.info("open_data: wrote data/%s.csv and .json (%d records)", dataset, len(records))


def get_generators(pelican):
    return OpenDataGenerator


def register():
    signals.get_generators.connect(get_generators)
