"""A label written per language ({en, tc, sc?}) in one language: the one fallback order.

- `en` and `tc`: as written (the contract requires both);
- `sc`: as written when the editor wrote it, else the Traditional converted: a name (an
  organisation, an awardee) character by character with OpenCC (`to_simplified`), since a proper
  name keeps its own words; any other text also into mainland wording (`to_mainland`).
"""

from ..multilingual.languages import to_simplified
from ..multilingual.mainland import to_mainland


def in_language(texts, lang, name=False):
    """`texts` (a dict or a model with `en`, `tc`, optional `sc`) in `lang`, by the order above."""
    get = texts.get if isinstance(texts, dict) else lambda key: getattr(texts, key, None)
    if lang != "sc":
        return get(lang)
    return get("sc") or (to_simplified if name else to_mainland)(get("tc"))
