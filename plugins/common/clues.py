"""A quick test before a slow search: can a case-insensitive pattern match this text at all?

A pattern with look-behinds or alternations, searched with `re.IGNORECASE`, tries every position
of a text; on a build's thousands of files that was a measurable share of reading them. Most files
hold none of the words such a pattern needs, and `str.lower()` plus substring tests rule them out
at C speed. Exact only with the four non-ASCII letters that IGNORECASE matches to an ASCII one
while `lower()` does not make them ASCII (dotted capital I, dotless i, long s, Kelvin sign): a text
holding one is always searched.
"""

import re

#: Every non-ASCII character that `re.IGNORECASE` matches to an ASCII letter (checked over the whole of Unicode).
FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def may_hold(text, clues):
    """False only when no case of any of the lower-case `clues` is in `text`."""
    lowered = text.lower()
    return any(clue in lowered for clue in clues) or bool(FOLDS_TO_ASCII.search(text))
