"""Every text of the labelled set laid out as a PDF's text would be: lines
of a fixed width and a page footer every so many lines (``score --wrapped
WIDTH``). Reading such a copy must give what reading the text gives, so
the scorer maps each proposal back to the text's offsets and scores it
against the same labels.

The width is that of an official document's line (GB/T 9704: 28 characters
a line, 22 lines a page). The break never falls inside a figure (between two of ``0-9.%``): a PDF
keeps a number on one line far more often than not, and a split number is
a different problem from a wrapped sentence.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

FIGURE_CHARS = frozenset("0123456789.%")
# GB/T 9704, the layout of official documents: 28 characters a line, 22
# lines a page.
WIDTH = 28
LINES_PER_PAGE = 22
# A text nine in ten of whose lines are no longer is laid out already
# (fresh21's).
LAID_OUT = 40


def wrap(text: str, width: int) -> tuple[str, Callable[[int], int]]:
    """``text`` laid out in lines of ``width`` characters, and the map from
    an offset of the copy back to ``text``'s; a text laid out already is
    left as it is."""
    lengths = sorted(len(line) for line in text.split("\n"))
    if lengths[int(0.9 * (len(lengths) - 1))] <= LAID_OUT:  # a table row may run longer
        return text, lambda offset: offset
    out: list[str] = []
    inserted: list[int] = []  # offsets in the copy of each character added
    length = 0
    lines = 0
    page = 1

    def add(piece: str, own: bool) -> None:
        nonlocal length
        if not own:
            inserted.extend(range(length, length + len(piece)))
        out.append(piece)
        length += len(piece)

    for n, line in enumerate(text.split("\n")):
        if n:
            add("\n", True)
        at = 0
        while len(line) - at > width:
            cut = at + width
            while cut < len(line) and line[cut - 1] in FIGURE_CHARS and line[cut] in FIGURE_CHARS:
                cut += 1
            add(line[at:cut], True)
            add("\n", False)
            at = cut
            lines += 1
            if lines % LINES_PER_PAGE == 0:
                add(f"— {page} —\n", False)
                page += 1
        add(line[at:], True)
        lines += 1

    def back(offset: int) -> int:
        return offset - bisect_right(inserted, offset - 1)

    return "".join(out), back
