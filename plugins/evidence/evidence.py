"""Pelican plugin: what the case reports show for each technology, and the solution finder.

Each technology brief shows the evidence of the case reports that use it: how many, in which
sectors, and for each result metric, the investment and the payback the range of the values (and
the median from three cases on), every value linked to its case. The same evidence, narrowed to
one sector and one issue, makes the solution finder, at permanent addresses:

    /{lang}/finder/                     every sector x issue pair that has case reports, as links
    /{lang}/finder/<sector>/<issue>/    the technologies used by those cases, most cases first

The finder works without JavaScript (the index is a list of links); `theme/static/js/finder.js`
adds a two-choice form. Templates only render what is computed here.

Context for the templates: `technology_evidence` (technology slug -> Evidence of all its cases)
and `finder_pairs` ({sector: {issue: number of cases}}, in vocabulary order).
"""

import dataclasses
import logging
import statistics
from dataclasses import dataclass, field

from pelican import signals

from ..common.generator import SiteGenerator
from ..common.pages import PageInfo, alternates_for
from ..multilingual import use_language
from ..multilingual.languages import LANGUAGE_CODES

logger = logging.getLogger(__name__)

#: From this many cases on a range is shown with its median; below it, a plain note says so.
ENOUGH_CASES = 3


@dataclass(frozen=True)
class Observation:
    """One case's value of one measure."""

    case: object  # contract.model.Item
    value: float


@dataclass
class Measure:
    """The values of one measure (a result metric, the investment or the payback) over some cases."""

    key: str  # a key of data/metrics.yaml, or "investment_hkd", "payback_years"
    observations: list  # [Observation], lowest value first

    @property
    def low(self):
        return self.observations[0].value

    @property
    def high(self):
        return self.observations[-1].value

    @property
    def median(self):
        """The median, or None with fewer than ENOUGH_CASES values (too few to call typical)."""
        if len(self.observations) < ENOUGH_CASES:
            return None
        return statistics.median(observation.value for observation in self.observations)


@dataclass
class Evidence:
    """What a set of case reports achieved with one technology."""

    technology: object  # contract.model.Item
    cases: list  # [Item], newest first
    sectors: list = field(default_factory=list)  # [(sector key, number of cases)], most first
    results: list = field(default_factory=list)  # [Measure] in data/metrics.yaml order
    investment: Measure = None
    payback: Measure = None

    @property
    def enough(self):
        return len(self.cases) >= ENOUGH_CASES


def _measure(key, cases, value_of):
    observations = [Observation(case, value) for case in cases if (value := value_of(case)) is not None]
    if not observations:
        return None
    # Equal values keep the cases' own order (newest first), so the output is stable.
    return Measure(key, sorted(observations, key=lambda observation: observation.value))


def evidence_of(site, technology, cases):
    """The Evidence of `cases` (Items using `technology`, newest first)."""
    sector_order = list(site.vocab["sectors"])
    counts = {}
    for case in cases:
        counts[case.meta.sector] = counts.get(case.meta.sector, 0) + 1
    sectors = sorted(counts.items(), key=lambda pair: (-pair[1], sector_order.index(pair[0])))
    results = []
    for metric in site.vocab["metrics"]:
        measure = _measure(metric, cases, lambda case, m=metric: case.meta.results.get(m))
        if measure:
            results.append(measure)
    return Evidence(
        technology=technology,
        cases=list(cases),
        sectors=sectors,
        results=results,
        investment=_measure("investment_hkd", cases, lambda case: case.meta.investment_hkd),
        payback=_measure("payback_years", cases, lambda case: case.meta.payback_years),
    )


def cases_by_technology(site):
    """{technology slug: [case, newest first]} over every technology brief."""
    found = {technology.slug: [] for technology in site.items["technologies"]}
    for case in site.items["cases"]:  # newest first
        for slug in dict.fromkeys(case.meta.technologies):
            found.setdefault(slug, []).append(case)
    return found


def finder_pairs(site):
    """{sector: {issue: [case, newest first]}} for every pair that some case report has, in
    vocabulary order."""
    pairs = {}
    for sector in site.vocab["sectors"]:
        for issue in site.vocab["issues"]:
            cases = [case for case in site.items["cases"] if case.meta.sector == sector and issue in case.meta.issues]
            if cases:
                pairs.setdefault(sector, {})[issue] = cases
    return pairs


def ranked_evidence(site, cases):
    """[Evidence] of each technology used by `cases`, the most cases first, then by slug."""
    by_technology = {}
    for case in cases:
        for slug in dict.fromkeys(case.meta.technologies):
            by_technology.setdefault(slug, []).append(case)
    ranked = sorted(by_technology.items(), key=lambda pair: (-len(pair[1]), pair[0]))
    return [evidence_of(site, site.get("technologies", slug), used) for slug, used in ranked]


def finder_path(lang, sector=None, issue=None):
    if sector is None:
        return f"{lang}/finder/"
    return f"{lang}/finder/{sector}/{issue}/"


def titled(page, title, description=""):
    """For templates: `page` with the title and description that the template words (in the
    page's language, so the strings stay in the templates' catalog)."""
    return dataclasses.replace(page, title=title, description=description)


def install(generator):
    generator.env.globals["titled"] = titled


class EvidenceGenerator(SiteGenerator):
    """Adds the evidence to the shared context and writes the finder's pages."""

    def generate_site_context(self, site):
        used_by = cases_by_technology(site)
        self.context["technology_evidence"] = {
            technology.slug: evidence_of(site, technology, used_by[technology.slug])
            for technology in site.items["technologies"]
            if used_by[technology.slug]
        }
        self.pairs = finder_pairs(site)
        self.context["finder_pairs"] = {sector: {issue: len(cases) for issue, cases in issues.items()}
                                        for sector, issues in self.pairs.items()}

    def write_site(self, writer, site):
        ranked = {(sector, issue): ranked_evidence(site, cases)
                  for sector, issues in self.pairs.items() for issue, cases in issues.items()}
        for lang in LANGUAGE_CODES:
            use_language(self.env, lang)
            index = PageInfo(finder_path(lang), lang, "", alternates=alternates_for(finder_path, LANGUAGE_CODES), kind="finder")
            writer.write_file(index.path + "index.html", self.get_template("finder"), self.context, lang=lang, page=index)
            for (sector, issue), evidence in ranked.items():
                def path(code, s=sector, i=issue):
                    return finder_path(code, s, i)

                page = PageInfo(path(lang), lang, "", alternates=alternates_for(path, LANGUAGE_CODES), kind="finder")
                writer.write_file(page.path + "index.html", self.get_template("finder-pair"), self.context, lang=lang, page=page,
                                  sector=sector, issue=issue, cases=self.pairs[sector][issue], ranked=evidence)
        use_language(self.env, "en")


def get_generators(pelican):
    return EvidenceGenerator


def register():
    signals.generator_init.connect(install)
    signals.get_generators.connect(get_generators)
