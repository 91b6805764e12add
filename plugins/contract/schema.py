"""The content contract (SPEC section 3) as pydantic models.

Every model forbids unknown keys. Keys of the controlled vocabularies and slugs of other items are
checked against the content being built, passed in as validation context:
`Model.model_validate(data, context={"vocab": {...}, "slugs": {...}})`.
"""

import datetime
import re
from typing import Annotated, Literal, Optional, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .text_rules import is_email_address, web_address_problem

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic", ".heif")  # compared in lower case

#: Vocabulary files under content/data/ and the keys each must define (more may be added).
REQUIRED_VOCABULARY_KEYS = {
    "sectors": ["textiles", "minerals", "metals", "food", "chemicals", "printing", "furniture", "paper"],
    "issues": ["voc", "nox", "so2", "particulates", "wastewater", "energy", "chemicals"],
    "technology-categories": ["voc", "air", "wastewater", "energy"],
    "cities": [
        "hong-kong", "guangzhou", "shenzhen", "zhuhai", "foshan", "huizhou", "dongguan",
        "zhongshan", "jiangmen", "zhaoqing", "shantou", "qingyuan",
    ],
    "metrics": [
        "voc_reduction_pct", "nox_reduction_pct", "so2_reduction_pct", "particulate_reduction_pct",
        "wastewater_reduction_pct", "water_saving_pct", "energy_saving_pct", "energy_saving_kwh",
        "co2_reduction_tonnes", "annual_saving_hkd",
    ],
    "event-types": ["seminar", "workshop", "factory-visit", "exhibition", "conference", "meeting"],
    "organisations": ["hkpc", "epd", "gdeic"],
    "languages": ["cantonese", "putonghua", "english"],
}

#: The path segments of the filter pages under /{lang}/cases/ and /{lang}/events/ (plugins/listings):
#: an item with one of these slugs would take their address.
FILTER_PAGE_NAMES = {
    "cases": {"sector", "category", "issue", "city", "year", "project"},
    "events": {"type", "year"},
}
#: Lists written in pages (plugins/site_pages/pagination.py): `page` is the folder of their pages 2, 3, ...
PAGINATED_KINDS = ("cases", "events")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _key_of(vocabulary):
    def check(value, info: ValidationInfo):
        keys = (info.context or {}).get("vocab", {}).get(vocabulary)
        if keys is not None and value not in keys:
            allowed = ", ".join(sorted(keys))
            raise ValueError(
                f"'{value}' is not a key of data/{vocabulary}.yaml (allowed: {allowed})"
            )
        return value

    return Annotated[str, AfterValidator(check)]


def _slug_of(kind):
    def check(value, info: ValidationInfo):
        slugs = (info.context or {}).get("slugs", {}).get(kind)
        if slugs is not None and value not in slugs:
            raise ValueError(f"'{value}' names no item in content/{kind}/")
        return value

    return Annotated[str, AfterValidator(check)]


def _real_date(value):
    """Accept `2014-11-20` written plain or quoted; reject anything that is not a real date."""
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError(f"'{value}' is not a date written as YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"'{value}' is not a real date") from None


def _date_or_datetime(value):
    """An event time: `2015-02-05` (all day) or `2015-02-05T10:00` (Hong Kong time)."""
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return _real_date(text)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?", text):
        raise ValueError(
            f"'{value}' is not a date (YYYY-MM-DD) or date and time (YYYY-MM-DDTHH:MM)"
        )
    try:
        return datetime.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{value}' is not a real date and time") from None


def _web_address(value):
    problem = web_address_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _enquiry(value):
    if not isinstance(value, str):
        raise ValueError("must be a phone number or an e-mail address")
    email = is_email_address(value)
    phone = re.fullmatch(r"\+?[\d ()-]{6,20}", value)
    if not (email or phone):
        raise ValueError(f"'{value}' is neither a phone number nor an e-mail address")
    return value


Date = Annotated[datetime.date, BeforeValidator(_real_date)]
EventTime = Annotated[Union[datetime.datetime, datetime.date], BeforeValidator(_date_or_datetime)]
WebAddress = Annotated[str, BeforeValidator(_web_address)]
Number = Union[StrictInt, StrictFloat]
NonNegative = Annotated[Number, Field(ge=0)]
Percent = Annotated[StrictInt, Field(ge=0, le=100)]
# Any file name of this folder (phone photos: IMG_2041.JPG, 工廠 照片.heic); published under a safe name.
ImageName = Annotated[str, Field(pattern=r"^[^./\\][^/\\]*\.(?i:jpe?g|png|webp|gif|heic|heif)$")]
Text = Annotated[str, Field(min_length=1)]

Sector = _key_of("sectors")
Issue = _key_of("issues")
City = _key_of("cities")
Metric = _key_of("metrics")
Category = _key_of("technology-categories")
EventType = _key_of("event-types")
Organisation = _key_of("organisations")
SpokenLanguage = _key_of("languages")
TechnologySlug = _slug_of("technologies")


# --- meta.yaml of each kind -----------------------------------------------------------------

class CaseMeta(Strict):
    date: Date
    sector: Sector
    technologies: list[TechnologySlug] = Field(min_length=1)
    issues: list[Issue] = Field(min_length=1)
    city: City
    project: Literal["demonstration", "verification", "assessment"]
    results: dict[Metric, Number] = Field(min_length=1)
    investment_hkd: Optional[NonNegative] = None
    payback_years: Optional[NonNegative] = None
    cover: Optional[ImageName] = None
    illustrative: StrictBool = False


class TechnologyMeta(Strict):
    category: Category
    issues: list[Issue] = Field(min_length=1)
    sectors: list[Sector] = Field(min_length=1)
    reduction_pct: Optional[tuple[Percent, Percent]] = None
    date: Optional[Date] = None
    cover: Optional[ImageName] = None

    @model_validator(mode="after")
    def _range_in_order(self):
        if self.reduction_pct and self.reduction_pct[0] > self.reduction_pct[1]:
            raise ValueError("reduction_pct: the first number (minimum) is above the second")
        return self


class EventMeta(Strict):
    type: EventType
    start: EventTime
    end: Optional[EventTime] = None
    city: City
    attendees: Optional[Annotated[StrictInt, Field(ge=0)]] = None
    registration: Optional[WebAddress] = None
    organisers: list[Organisation] = Field(default_factory=list)
    languages: list[SpokenLanguage] = Field(default_factory=list)
    enquiry: Optional[Annotated[str, BeforeValidator(_enquiry)]] = None
    illustrative: StrictBool = False
    cover: Optional[ImageName] = None

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end, info: ValidationInfo):
        """On `end`, so the message points at its line; `start` is validated first (field order)."""
        start = info.data.get("start")
        if end is not None and start is not None and _as_datetime(end) < _as_datetime(start):
            raise ValueError(f"the event ends ({end.isoformat()}) before it starts ({start.isoformat()}); "
                             "check both dates (結束早於開始)")
        return end


class PageMeta(Strict):
    order: StrictInt = 100
    nav: StrictBool = False
    cover: Optional[ImageName] = None


def _as_datetime(value):
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.combine(value, datetime.time())


# --- front matter of en.md / tc.md / sc.md --------------------------------------------------

class PageFront(Strict):
    title: Text
    summary: Optional[Text] = None
    cover_alt: Optional[Text] = None


class ItemFront(PageFront):
    summary: Text


class EventFront(ItemFront):
    venue: Text


META_MODELS = {
    "cases": CaseMeta,
    "technologies": TechnologyMeta,
    "events": EventMeta,
    "pages": PageMeta,
}
FRONT_MODELS = {
    "cases": ItemFront,
    "technologies": ItemFront,
    "events": EventFront,
    "pages": PageFront,
}


# --- data files -----------------------------------------------------------------------------

class Label(Strict):
    en: Text
    tc: Text
    sc: Optional[Text] = None  # generated from tc when absent


class MetricLabel(Label):
    unit: Literal["percent", "hkd", "kwh", "tonnes", "number"]


#: The range a result may take, by its metric's unit in data/metrics.yaml: (lowest, highest or None).
UNIT_RANGES = {"percent": (0, 100), "hkd": (0, None), "kwh": (0, None), "tonnes": (0, None), "number": (0, None)}


def result_range_problems(results, metrics):
    """Yield (metric key, message) for each result outside the range of its unit; `metrics` is
    data/metrics.yaml as {key: {"en": label, "unit": unit, ...}}."""
    for key, value in (results or {}).items():
        metric = metrics.get(key) or {}
        lowest, highest = UNIT_RANGES.get(metric.get("unit"), (None, None))
        label = metric.get("en", key)
        if metric.get("unit") == "percent" and not lowest <= value <= highest:
            yield key, (f"{key} ({label}): {value}% is not a percentage between 0 and 100 "
                        "(百分比須在 0 至 100 之間)")
        elif lowest is not None and value < lowest:
            yield key, f"{key} ({label}): {value} is negative; a {metric['unit']} amount is 0 or more (數值不可為負數)"


class AwardeeRow(Strict):
    year: Annotated[int, Field(ge=2009, le=2100)]
    category: Literal["manufacturer", "etsp", "buyer", "excellent"]
    name_en: Text
    name_tc: Text
    sector: Sector
    city: City
    name_sc: Optional[str] = None
    website: Optional[WebAddress] = None
    illustrative: bool = False
