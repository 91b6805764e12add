"""Consistent terms: the term base in content/data/terms.yaml.

Each entry names the form to use and the forms to avoid, in one language (`en` or `tc`). A
Traditional Chinese entry also applies, converted as the build converts (OpenCC, then the mainland
wording table), to hand-written `sc.md` files (unless both forms convert to the same Simplified
text, as 伙伴 and 夥伴 do, or 揮發性有機化合物 and 揮發性有機物). English forms
match whole words only, so "Programme" is not taken for "Program".
"""

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..contract.limits import file_too_large
from ..contract.yamlfile import YamlProblem, line_of, load_yaml
from ..multilingual import mainland
from ..multilingual.languages import LANGUAGE_CODES, to_simplified

TERMS_FILE = "terms.yaml"


class Term(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    use: str = Field(min_length=1)
    avoid: list[str] = Field(min_length=1)
    lang: Literal["en", "tc"] = "tc"
    why: str = Field(min_length=1)


def load_terms(reporter, content):
    path = content / "data" / TERMS_FILE
    if not path.is_file() or path.is_symlink():
        return []  # a symbolic link: the contract reports it
    too_large = file_too_large(path.stat().st_size)
    if too_large:
        reporter.error(path, None, too_large)
        return []
    try:
        data, lines = load_yaml(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        reporter.error(path, None, "this file is not UTF-8 text; save it as UTF-8 (UTF-8 編碼)")
        return []
    except YamlProblem as problem:
        reporter.error(path, problem.line, problem.message)
        return []
    if not isinstance(data, list):
        reporter.error(path, 1, "must be a list of entries: - use: ..., avoid: [...], lang: tc, why: ...")
        return []
    terms = []
    for index, entry in enumerate(data):
        try:
            terms.append(Term.model_validate(entry))
        except ValidationError as error:
            for detail in error.errors():
                field = ".".join(str(part) for part in detail["loc"])
                reporter.error(path, line_of(lines, (index, *detail["loc"])), f"entry {index + 1}, {field or 'entry'}: {detail['msg']}")
    return terms


def _rules(terms, lang, simplified):
    """[(compiled pattern, avoided form, Term, preferred form)] for text in `lang`; `simplified`
    converts a Traditional form as the build writes it on the Simplified site."""
    rules = []
    for term in terms:
        if lang == "en" and term.lang == "en":
            for form in term.avoid:
                rules.append((re.compile(rf"\b{re.escape(form)}\b"), form, term, term.use))
        elif lang in {"tc", "sc"} and term.lang == "tc":
            use = term.use if lang == "tc" else simplified(term.use)
            for form in term.avoid:
                form = form if lang == "tc" else simplified(form)
                if form != use:
                    rules.append((re.compile(re.escape(form)), form, term, use))
    return rules


def check(reporter, content, folders):
    terms = load_terms(reporter, content)
    if not terms:
        return
    try:  # a hand-written sc.md follows the mainland wording (挥发性有机物, not 挥发性有机化合物)
        simplified = mainland.load(content).convert
    except mainland.WordingError:
        simplified = to_simplified  # the contract reports the table's problems
    rules = {lang: _rules(terms, lang, simplified) for lang in LANGUAGE_CODES}
    for kind_folders in folders.values():
        for folder in kind_folders:
            for lang in LANGUAGE_CODES:
                path = folder / f"{lang}.md"
                if path.is_file():
                    _scan(reporter, path, rules[lang])


def _scan(reporter, path, rules):
    if path.is_symlink() or file_too_large(path.stat().st_size):
        return  # the contract reports it
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return  # the contract reports it
    for number, line in enumerate(text.splitlines(), start=1):
        for pattern, form, term, use in rules:
            if pattern.search(line.replace(use, " ")):  # an avoided form inside the preferred one is fine
                reporter.warning(path, number, f"inconsistent term: write {use}, not {form} ({term.why})")
