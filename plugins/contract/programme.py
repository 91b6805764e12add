"""The shape of `content/data/programme.yaml`: the programme figures of the source paper.

Use `Programme.model_validate(data)`. Every figure is a plain number; `para` names the paragraph of
the source paper (docs/sources/legco-2015-07-cpp-report.tc.txt) that a block comes from, and
`annex` the annex when the paragraph is one of an annex. Keys ending in `_hkd` are Hong Kong dollars,
keys ending in `_pct` per cent. Dates are strings as precise as the paper: "2009", "2008-04",
"2015-02-05".
"""

import datetime
from typing import Annotated, Literal, Optional, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator


def _real_date(value: str) -> str:
    """Accept "YYYY", "YYYY-MM" or "YYYY-MM-DD" when it names a real year, month or day."""
    parts = value.split("-")
    if not (1 <= len(parts) <= 3 and len(parts[0]) == 4 and all(p.isdigit() for p in parts)
            and all(len(p) == 2 for p in parts[1:])):
        raise ValueError(f"{value!r} is not a date written YYYY, YYYY-MM or YYYY-MM-DD")
    numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
    try:
        datetime.date(*numbers)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None
    return value


PaperDate = Annotated[str, AfterValidator(_real_date)]
Count = Annotated[int, Field(ge=0, strict=True)]  # a plain whole number: not "5", 5.0 or true
Para = Union[Count, list[Count]]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Label(Model):
    en: str
    tc: str
    sc: Optional[str] = None  # normally made from `tc` with OpenCC at build time


class Source(Model):
    file: str
    title: Label
    audience: Label
    issued_by: str
    date: PaperDate
    reporting_date: PaperDate


class Scope(Model):
    para: Para
    annex: Literal["A"]
    launched: PaperDate
    launched_by: list[str]
    target_sectors_count: Count
    target_sectors: list[str]
    region: Label

    @model_validator(mode="after")
    def _count(self):
        if len(self.target_sectors) != self.target_sectors_count:
            raise ValueError("target_sectors_count differs from the number of target_sectors")
        return self


class Phase(Model):
    para: Para
    label: Label
    approved: Optional[PaperDate] = None
    start: Optional[PaperDate] = None
    end: Optional[PaperDate] = None
    years: Count
    funding_hkd: Optional[Count] = None
    spend_hkd: Optional[Count] = None
    balance_returned: Optional[bool] = None


class Phases(Model):
    first: Phase
    extension_2013: Phase
    extension_2015: Phase


class Promotion(Model):
    label: Label
    target_activities_min: Count
    target_activities_max: Count


class Assessment(Model):
    label: Label
    target_factories: Count
    subsidy_share_pct: Count
    subsidy_cap_hkd: Count


class Demonstration(Model):
    label: Label
    target_projects: Count
    subsidy_share_pct: Count
    subsidy_cap_hkd: Count


class Verification(Model):
    label: Label
    target_projects_min: Count
    target_projects_max: Count
    free_of_charge: bool
    subsidy_cap_hkd: Count


class Funding(Model):
    para: Para
    annex: Literal["A"]
    items_count: Count
    promotion: Promotion
    assessment: Assessment
    demonstration: Demonstration
    verification: Verification


class Approval(Model):
    label: Label
    fy2013_14: Count
    fy2014_15: Count
    total: Count
    target_min: Count
    target_max: Count

    @model_validator(mode="after")
    def _sum(self):
        if self.fy2013_14 + self.fy2014_15 != self.total:
            raise ValueError("total differs from the sum of the two years")
        if self.target_min > self.target_max:
            raise ValueError("target_min is larger than target_max")
        return self


class Periods(Model):
    fy2013_14: Label
    fy2014_15: Label


class Approvals(Model):
    para: Para
    as_of: PaperDate
    periods: Periods
    assessment: Approval
    demonstration: Approval
    verification: Approval


class SplitItem(Model):
    label: Label
    projects: Count


class DemonstrationSplit(Model):
    para: Para
    total: Count
    air: SplitItem
    wastewater: SplitItem
    energy: SplitItem

    @model_validator(mode="after")
    def _sum(self):
        if self.air.projects + self.wastewater.projects + self.energy.projects != self.total:
            raise ValueError("total differs from the sum of air, wastewater and energy")
        return self


class VocNoxShare(Model):
    para: Para
    label: Label
    first_phase_pct: Count
    extension_pct: Count


class Range(Model):
    label: Label
    min_pct: Count
    max_pct: Count


class ReductionRanges(Model):
    para: Para
    voc_nox: Range
    other_air: Range
    wastewater: Range
    energy: Range


class Reduction(Model):
    label: Label
    tonnes: Count


class Reductions(Model):
    voc: Reduction
    so2: Reduction
    nox: Reduction
    co2: Reduction
    wastewater: Reduction


class Benefits(Model):
    para: Para
    reductions: Reductions
    annual_energy_saving_tj: Count
    annual_cost_saving_hkd: Count


class Committee(Model):
    label: Label
    meetings: Count
    chambers: list[str]
    chambers_count: Count
    departments: list[str]
    academics: Count


class SupportTeams(Model):
    count: Count
    cities: list[str]


class Management(Model):
    para: Para
    committee: Committee
    hkpc_teams: list[Label]
    support_teams: SupportTeams


class PromotionResults(Model):
    para: Para
    activities: Count
    participants: Count
    videos: Count
    case_reports_and_briefs: Count


class MainlandCooperation(Model):
    para: Para
    prd_cities: Count
    joint_activities: Count


class ServiceProviders(Model):
    para: Para
    total: Count
    hong_kong: Count
    prd: Count
    elsewhere: Count

    @model_validator(mode="after")
    def _sum(self):
        if self.hong_kong + self.prd + self.elsewhere != self.total:
            raise ValueError("total differs from hong_kong + prd + elsewhere")
        return self


class Awarded(Model):
    manufacturers: Count
    etsps: Count
    buyers: Count


class LogoScheme(Model):
    para: Para
    label: Label
    since: PaperDate
    organisers: list[str]
    awarded_in_extension: Awarded


class Cooperation(Model):
    para: Para
    plenary: Count
    agreement: Label
    task_force: Label
    task_force_chairs: Label
    signed: PaperDate
    first_meeting: PaperDate


class Milestone(Model):
    date: PaperDate
    para: Para
    label: Label


class Programme(Model):
    source: Source
    scope: Scope
    phases: Phases
    funding: Funding
    approvals: Approvals
    demonstration_split: DemonstrationSplit
    voc_nox_share: VocNoxShare
    reduction_ranges: ReductionRanges
    benefits: Benefits
    management: Management
    promotion: PromotionResults
    mainland_cooperation: MainlandCooperation
    service_providers: ServiceProviders
    logo_scheme: LogoScheme
    cooperation: Cooperation
    milestones: list[Milestone]
