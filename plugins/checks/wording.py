"""Hong Kong wording left on the Simplified site (content/data/mainland-wording.yaml).

The build writes the Simplified pages in mainland wording, but it never changes a hand-written
`sc.md` or a Simplified name given in a data file (`sc:`), nor quotations, titles in 《》, code and
addresses in a `tc.md`. Each table word left there is reported as a warning at its line, so new
content cannot bring 搜寻 or 个案 back to /sc/. Names of organisations and awardees, and the
phrases the table keeps whole, are not reported.
"""

import csv
import re

from ..contract.yamlfile import YamlProblem, line_of, load_yaml
from ..multilingual import mainland
from ..multilingual.languages import to_simplified

_INLINE_CODE = re.compile(r"(`+[^`]*`+)")
#: Data files whose `tc`/`sc` texts are names, or that hold Hong Kong wording on purpose.
SKIPPED_DATA = {"organisations.yaml", "terms.yaml", mainland.WORDING_FILE.name}


def check(reporter, content, folders):
    try:
        wording = mainland.load(content, protected=protected_names(content))
    except mainland.WordingError:
        return  # the contract reports the table's problems
    if not wording.entries:
        return
    for kind_folders in folders.values():
        for folder in kind_folders:
            if (folder / "sc.md").is_file():
                _scan_lines(reporter, wording, folder / "sc.md", "written by hand, so the build keeps it as it is")
            elif (folder / "tc.md").is_file():
                _scan_lines(reporter, wording, folder / "tc.md", "inside a quotation, a title in 《》, code or an address, "
                            "which the build never changes: reword it, keep the phrase whole in the table, or write an sc.md",
                            convert=True)
    for path in sorted((content / "data").glob("*.yaml")):
        if path.name not in SKIPPED_DATA:
            _scan_data(reporter, wording, path)


def protected_names(content):
    """The Traditional and Simplified names of organisations and awardees (never reworded)."""
    data = content / "data"
    names = []
    try:
        organisations, _ = load_yaml((data / "organisations.yaml").read_text(encoding="utf-8-sig"))
        names += [entry.get(lang) for entry in (organisations or {}).values() if isinstance(entry, dict) for lang in ("tc", "sc")]
    except (OSError, UnicodeDecodeError, YamlProblem, AttributeError):
        pass  # the contract reports it
    try:
        with open(data / "awardees.csv", encoding="utf-8-sig", newline="") as handle:
            names += [row.get(column) for row in csv.DictReader(handle) for column in ("name_tc", "name_sc")]
    except (OSError, UnicodeDecodeError, csv.Error):
        pass
    return [name for name in names if isinstance(name, str)]


def _report(reporter, wording, path, line, text, where):
    for _, hk, mainland_word in wording.leftovers(to_simplified(text), everywhere=True):
        reporter.warning(path, line, f"Hong Kong wording on the Simplified site: {to_simplified(hk)} (mainland: {mainland_word}), {where}")


def _scan_lines(reporter, wording, path, where, convert=False):
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return  # the contract reports it
    fenced = False
    for number, line in enumerate(lines, start=1):
        if convert:
            # Mark what the build leaves alone as the HTML the build would see.
            if line.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
            if fenced or line.lstrip().startswith(">"):
                line = f"<pre>{line}</pre>"
            line = wording.convert(_INLINE_CODE.sub(r"<code>\1</code>", line))
        _report(reporter, wording, path, number, line, where)


def _scan_data(reporter, wording, path):
    """Each `sc` text given by hand, and each `tc` text as the build converts it."""
    try:
        data, lines = load_yaml(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, YamlProblem):
        return  # the contract reports it

    def walk(node, where):
        if isinstance(node, dict):
            if isinstance(node.get("sc"), str):
                _report(reporter, wording, path, line_of(lines, (*where, "sc")), node["sc"], "a Simplified text given by hand")
            elif isinstance(node.get("tc"), str):
                _report(reporter, wording, path, line_of(lines, (*where, "tc")), wording.convert(node["tc"]),
                        "inside a quotation, a title in 《》, code or an address, which the build never changes")
            for key, value in node.items():
                walk(value, (*where, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, (*where, index))

    walk(data, ())
