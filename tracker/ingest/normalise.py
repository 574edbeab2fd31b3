"""The only changes made to a document's text before it is stored.

Quotes are located in the stored text character for character, so anything
done here changes what a quote can be. Exactly these, nothing else:

1. a leading byte-order mark (U+FEFF) is removed (an encoding artefact, not
   text);
2. line ends become ``\\n`` (``\\r\\n`` and a lone ``\\r`` alike), so a quote
   copied on any system matches;
3. blank lines before the first and after the last line of text are
   removed (an extractor's padding: HTML layout, a PDF's empty last page).

Inner spacing, full-width punctuation, the scraped ``*``/``**`` and every
other character are kept as they are.
"""

from __future__ import annotations

import re

__all__ = ["NORMALISATIONS", "normalise"]

NORMALISATIONS = ("bom", "line_ends", "outer_blank_lines")

_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t\u3000]*\n)+")
_TRAILING_BLANK_LINES = re.compile(r"(?:\n[ \t\u3000]*)+\Z")


def normalise(text: str) -> tuple[str, tuple[str, ...]]:
    """The normalised text and which of ``NORMALISATIONS`` changed it."""
    applied: list[str] = []
    if text.startswith("\ufeff"):
        text = text[1:]
        applied.append("bom")
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    if unified != text:
        applied.append("line_ends")
    trimmed = _TRAILING_BLANK_LINES.sub("", _LEADING_BLANK_LINES.sub("", unified))
    if trimmed != unified:
        applied.append("outer_blank_lines")
    return trimmed, tuple(applied)
