"""Hong Kong wording to mainland wording, on top of OpenCC's character conversion.

OpenCC `hk2s` turns Hong Kong Traditional characters into Simplified ones, but leaves Hong Kong
words as they are: 搜尋 becomes 搜寻, where a reader in Guangdong expects 搜索. The table in
`content/data/mainland-wording.yaml` lists such words (Hong Kong side in Traditional characters,
as editors write them; mainland side in Simplified). `to_mainland(text)` converts the characters
and then replaces the table's words, in one pass, longest match first, so replaced text is never
replaced again.

It never touches, in text or HTML:
- names of organisations and awardees (`protect()`), which are proper names;
- quotations (`<blockquote>`, `<q>`) and titles of documents in 《》, which quote a source;
- code (`<code>`, `<pre>`, `<script>`, `<style>`), URLs and e-mail addresses;
- HTML tags and their attributes.

An entry whose two sides are the same words (after character conversion) keeps a longer phrase
whole: with `參考資料 → 参考资料` beside `資料 → 信息`, 参考资料 stays.

The search plugin reuses `load_wording()` for synonyms; `leftovers()` finds what a Hong Kong
word left on a Simplified page (`make check`).
"""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .languages import to_simplified

#: Where the table lives, relative to the content folder.
WORDING_FILE = Path("data") / "mainland-wording.yaml"
_FIELDS = {"hk", "mainland", "why"}
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Regions never changed: whole elements whose text is code or a quotation, document titles,
# any other tag (with its attributes), URLs and e-mail addresses.
_SKIPPED = re.compile(
    r"<(code|pre|script|style|blockquote|q)\b[^>]*>.*?</\1\s*>"
    r"|<[a-zA-Z/!?][^>]*>"
    r"|《[^《》]*》"
    r"|(?:https?://|www\.)[^\s<>\"'，。、；）」]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    re.DOTALL | re.IGNORECASE,
)


class WordingError(Exception):
    """The table has problems: `problems` is a list of (path, line, message)."""

    def __init__(self, problems):
        super().__init__("\n".join(f"{path}:{line}: {message}" for path, line, message in problems))
        self.problems = problems


@dataclass(frozen=True)
class Entry:
    hk: str  # Hong Kong wording, Traditional, as written in the table
    mainland: str  # mainland wording, Simplified
    line: int
    found: str  # the Hong Kong wording as it appears after character conversion

    @property
    def keeps(self):
        """True if the entry only keeps a longer phrase whole (both sides the same)."""
        return self.found == self.mainland


def _entries(path):
    """The table's entries, validated. Raises WordingError listing every problem."""
    # Imported here: the contract package imports this module (to convert what it reads).
    from ..contract.yamlfile import YamlProblem, line_of, load_yaml

    path = Path(path)
    try:
        data, lines = load_yaml(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise WordingError([(path, 1, "this file is not UTF-8 text; save it as UTF-8 (UTF-8 編碼)")]) from None
    except YamlProblem as problem:
        raise WordingError([(path, problem.line, problem.message)]) from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise WordingError([(path, 1, "must be a list of entries: - hk: 搜尋, mainland: 搜索, why: ...")])
    problems, entries, by_found = [], [], {}
    for index, item in enumerate(data):
        line = line_of(lines, (index,))
        if not isinstance(item, dict):
            problems.append((path, line, f"entry {index + 1} must be a mapping: - hk: 搜尋, mainland: 搜索"))
            continue
        unknown = sorted(set(map(str, item)) - _FIELDS)
        if unknown:
            problems.append((path, line, f"unknown field(s) {', '.join(unknown)} (allowed: hk, mainland, why)"))
        hk, mainland = item.get("hk"), item.get("mainland")
        bad = [field for field, value in (("hk", hk), ("mainland", mainland)) if not isinstance(value, str) or not value.strip()]
        if bad:
            problems.append((path, line, f"entry {index + 1} needs {' and '.join(bad)}: the wording as text"))
            continue
        hk, mainland = hk.strip(), mainland.strip()
        if not _HAN.search(hk):
            problems.append((path, line_of(lines, (index, "hk")), f"hk '{hk}' has no Chinese characters"))
            continue
        if to_simplified(mainland) != mainland:
            problems.append((path, line_of(lines, (index, "mainland")),
                             f"mainland '{mainland}' must be written in Simplified characters ({to_simplified(mainland)})"))
            continue
        found = to_simplified(hk)
        if found in by_found:
            first = by_found[found]
            problems.append((path, line, f"'{hk}' is already in the table (line {first.line}: {first.hk}); keep only one"))
            continue
        entry = Entry(hk, mainland, line, found)
        by_found[found] = entry
        entries.append(entry)
    problems.extend(_loops(path, entries))
    if problems:
        raise WordingError(problems)
    return entries


def _loops(path, entries):
    """An entry whose mainland wording holds another entry's Hong Kong wording would be changed
    again by a second pass and reported by the check: the table must be stable."""
    whole = Wording(entries)
    for entry in entries:
        for _, hk, _ in whole.leftovers(entry.mainland):
            other = next(e for e in entries if e.hk == hk)
            yield (path, entry.line,
                   f"mainland '{entry.mainland}' contains '{hk}' (line {other.line}), which the table replaces; "
                   f"reword it, or add an entry keeping '{entry.mainland}' as it is")


def load_wording(path):
    """[(Hong Kong wording in Traditional, mainland wording in Simplified)], replacing entries only.

    Raises WordingError (with path:line messages) for a table that is not valid."""
    return [(entry.hk, entry.mainland) for entry in _entries(path) if not entry.keeps]


class Wording:
    """A loaded table and the names it must leave alone."""

    def __init__(self, entries=(), protected=()):
        self.entries = list(entries)
        self._by_found = {entry.found: entry for entry in self.entries}
        words = sorted(self._by_found, key=lambda word: (-len(word), word))
        self._pattern = re.compile("|".join(map(re.escape, words))) if words else None
        names = [name.strip() for name in protected if isinstance(name, str) and _HAN.search(name)]
        names = sorted(set(to_simplified("\n".join(names)).split("\n"))) if names else []
        # Only the names holding a table word matter: {word: [(name, offsets of the word in it)]}.
        self._names = {}
        for name in names:
            for word in self._by_found:
                if word in name:
                    offsets = [match.start() for match in re.finditer(re.escape(word), name)]
                    self._names.setdefault(word, []).append((name, offsets))
        self.fingerprint = hashlib.sha256(
            repr((sorted((e.found, e.mainland) for e in self.entries), sorted(self._names.items()))).encode()
        ).hexdigest()

    def _in_a_name(self, text, match):
        start = match.start()
        return any(text.startswith(name, start - offset)
                   for name, offsets in self._names.get(match.group(), ()) for offset in offsets if offset <= start)

    def _words(self, text):
        """The table's words in `text` (longest first), outside the protected names."""
        return (match for match in self._pattern.finditer(text) if not self._in_a_name(text, match))

    def _replaced(self, text):
        parts, position = [], 0
        for match in self._words(text):
            parts += [text[position:match.start()], self._by_found[match.group()].mainland]
            position = match.end()
        return "".join(parts) + text[position:]

    def apply(self, simplified):
        """Replace the table's words in Simplified text or HTML, outside the skipped regions."""
        if not simplified or self._pattern is None:
            return simplified
        return "".join(part if skipped else self._replaced(part) for part, skipped in _regions(simplified))

    def convert(self, text):
        """Hong Kong Traditional text or HTML to Simplified in this table's mainland wording."""
        return self.apply(to_simplified(text)) if text else text

    def leftovers(self, simplified, everywhere=False):
        """[(offset, Hong Kong word, mainland word)] for each table word still in Simplified text or
        HTML, outside names and keeping entries, and outside the skipped regions unless
        `everywhere` (a check wants to hear of words left in quotations, code or addresses)."""
        found = []
        if self._pattern is None or not simplified:
            return found
        offset = 0
        for part, skipped in ([(simplified, False)] if everywhere else _regions(simplified)):
            if not skipped:
                for match in self._words(part):
                    entry = self._by_found[match.group()]
                    if not entry.keeps:
                        found.append((offset + match.start(), entry.hk, entry.mainland))
            offset += len(part)
        return found


def _regions(text):
    """Split `text` into (part, skipped) pieces, in order."""
    position = 0
    for match in _SKIPPED.finditer(text):
        if match.start() > position:
            yield text[position:match.start()], False
        yield match.group(), True
        position = match.end()
    if position < len(text):
        yield text[position:], False


_ACTIVE = Wording()


def use(wording):
    """Make `wording` the table `to_mainland()` applies (the content loader calls this)."""
    global _ACTIVE
    _ACTIVE = wording


def active():
    return _ACTIVE


def load(content, protected=()):
    """The Wording of a content folder (empty if it has no table). Raises WordingError."""
    path = Path(content) / WORDING_FILE
    return Wording(_entries(path) if path.is_file() else (), protected)


def to_mainland(text):
    """Hong Kong Traditional text or HTML to Simplified in mainland wording."""
    return _ACTIVE.convert(text)
