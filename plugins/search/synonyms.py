"""Words that the search on the Chinese sites treats as one (plugins/search/indexer.add_synonyms).

Two sources, both in the content's data folder:
- the mainland wording table (`mainland-wording.yaml`, plugins/multilingual/mainland.py): each
  Hong Kong word and its mainland word (揮發性有機化合物 / 挥发性有机物, 能源效益 / 能效);
- `search-synonyms.yaml`: lists of words that the site writes side by side for one thing but that
  the Simplified site must not replace (廢水 / 污水).

`synonym_pairs(content)` returns every pair; a problem in either file is a `path:line: message`.
"""

from itertools import combinations
from pathlib import Path

from ..multilingual.mainland import WORDING_FILE, WordingError, load_wording
from .fold import HAN

#: The search's own list of synonyms, relative to the content folder.
SYNONYMS_FILE = Path("data") / "search-synonyms.yaml"


class SynonymsError(Exception):
    """A synonyms file has problems; the message lists them as `path:line: message`."""


def synonym_pairs(content):
    """[(word, word)] that mean the same for the search, from both files (each is optional)."""
    pairs = []
    wording = Path(content) / WORDING_FILE
    if wording.is_file():
        try:
            pairs += load_wording(wording)
        except WordingError as error:
            raise SynonymsError(str(error)) from None
    synonyms = Path(content) / SYNONYMS_FILE
    if synonyms.is_file():
        for group in load_synonyms(synonyms):
            pairs += combinations(group, 2)
    return pairs


def load_synonyms(path):
    """[[word, ...]] of `search-synonyms.yaml`; raises SynonymsError naming each bad entry."""
    from ..contract.yamlfile import YamlProblem, load_yaml  # the contract package imports multilingual

    try:
        data, lines = load_yaml(Path(path).read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, OSError) as error:
        raise SynonymsError(f"{path}:1: cannot be read as UTF-8 text ({error})") from None
    except YamlProblem as problem:
        raise SynonymsError(f"{path}:{problem.line}: {problem.message}") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise SynonymsError(f"{path}:1: expected a list of entries such as `- [廢水, 污水]`")
    groups, problems = [], []
    for index, entry in enumerate(data):
        line = lines.get((index,), 1)
        words = entry if isinstance(entry, list) else None
        if not words or len(words) < 2 or not all(isinstance(word, str) and HAN.search(word) for word in words):
            problems.append(f"{path}:{line}: an entry is a list of two or more Chinese words, such as [廢水, 污水]")
            continue
        groups.append([word.strip() for word in words])
    if problems:
        raise SynonymsError("\n".join(problems))
    return groups
