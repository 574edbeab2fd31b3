"""A document's full text with its quoted passages marked and linked.

Auditors read a figure back to its words: every outcome's quote (at its
stored ``quote_start``/``quote_end`` offsets) and, in a plan's own text, every
target's source quote become a ``<mark>`` linking to the target. Quotes may
overlap (two targets quoting one sentence), so the text is cut at every span
boundary and each piece is marked by the spans covering it; every piece is
escaped on its own, so the stored text can never inject markup.

A passage is told apart without colour (WCAG 1.4.1): a short visible cue
after it says what it is and for which target (``目标 三.8.2``, ``引述
三.8.2``), and each piece's link carries, in its accessible name, every
target the piece serves, so overlapping passages are not left to a tooltip.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from tracker.datalang import page_language, zh
from tracker.domain.reading.wraps import unwrap


@dataclass(frozen=True)
class Span:
    """A passage to mark: ``[start, end)`` in the text, where it links, the
    anchor id a link from elsewhere lands on, what it is (``kind``, in full,
    and ``tag``, the short visible cue), the target's ``code`` and what the
    passage says about it (``about``: indicator and figure), and a CSS class."""

    start: int
    end: int
    href: str
    anchor: str
    kind: str
    tag: str
    code: str
    about: str
    css: str = "quote"

    @property
    def title(self) -> str:
        return f"{self.kind}：{self.about}"


def find_span(text: str, quote: str) -> tuple[int, int] | None:
    """Offsets of a verbatim quote (target source quotes store none)."""
    if not quote:
        return None
    start = text.find(quote)
    return None if start < 0 else (start, start + len(quote))


def _described(spans: list[Span], lang: str) -> SafeString:
    """The hidden part of a piece's link name: every span covering it."""
    return format_html(
        '<span class="visually-hidden" lang="{}">（{}）</span>',
        lang,
        format_html_join("；", "{}：{}", ((s.kind, zh(s.about)) for s in spans)),
    )


def _cue(span: Span, lang: str) -> SafeString:
    css = span.css.split()
    return format_html(
        '<span class="cue cue-{}" lang="{}" aria-hidden="true">{} {}</span>',
        "pending" if "pending" in css else css[0],
        lang,
        span.tag,
        zh(span.code),
    )


# A document's own numbering starts a paragraph: ``一、`` (a chapter),
# ``（一）`` or ``(一)`` (a section), ``1.``, ``1．`` or ``1、`` (an item; not
# ``1.5``), where it follows the start of the text, a space or line end,
# sentence-ending punctuation or the ``*`` that scraped texts carry. Inside a
# sentence (``一、二、三产业``, ``增长1.5%``) nothing is cut.
_NUMBERING = re.compile(
    r"(?<![^\s。；：！？*])"
    r"(?:[一二三四五六七八九十]{1,3}、"
    r"|[（(][一二三四五六七八九十]{1,3}[）)]"
    r"|[0-9]{1,2}[.．、](?![0-9]))"
)
# A line that follows a line end starts a paragraph too (a run of blank
# lines stays with the paragraph before it).
_LINE_START = re.compile(r"(?<=\n)(?=[^\n])")


def paragraph_starts(text: str) -> list[int]:
    """Offsets where a paragraph begins (besides 0): at each numbering marker
    and each new line, but for the lines a PDF's layout wrapped (the reader's
    ``unwrap``: a wrapped paragraph is one, its lines kept). The text itself
    is never changed, so quote offsets still point at the same characters."""
    flat = unwrap(text)
    joined = flat.joined if flat is not None else frozenset()
    starts = {m.start() for m in _NUMBERING.finditer(text)}
    starts |= {m.start() for m in _LINE_START.finditer(text) if m.start() - 1 not in joined}
    return sorted(offset for offset in starts if 0 < offset < len(text))


class Paragraphs:
    """The paragraphs of a text (``paragraph_starts``), found once, so that
    a page showing many passages each in its own paragraph (the proposal
    and draft-target pages) reads the text once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.bounds = [0, *paragraph_starts(text), len(text)]

    def around(self, start: int, end: int) -> tuple[int, int]:
        """``[begin, finish)`` of the paragraph(s) holding ``[start, end)``,
        without the line end that closes it."""
        begin = self.bounds[max(0, bisect_right(self.bounds, start) - 1)]
        after = bisect_left(self.bounds, max(end, start + 1))
        finish = self.bounds[min(len(self.bounds) - 1, after)]
        while finish > max(end, begin) and self.text[finish - 1].isspace():
            finish -= 1
        return begin, finish


def highlight(text: str, spans: Iterable[Span], *, paragraphs: bool = False) -> SafeString:
    """The text, escaped, with each span's pieces in ``<mark>`` links and a
    cue where each span ends; with ``paragraphs``, cut into ``<p>`` at the
    document's own numbering and line ends (``paragraph_starts``). A passage
    running over a cut is marked in each paragraph; its anchor stays where
    it starts and its cue where it ends.

    Spans outside the text or empty are ignored (offsets of an edited
    document would otherwise break the page)."""
    valid = sorted(
        (s for s in spans if 0 <= s.start < s.end <= len(text)),
        key=lambda s: (s.start, -s.end),
    )
    lang = page_language()
    breaks = set(paragraph_starts(text)) if paragraphs else set()
    cuts = sorted({0, len(text), *breaks, *(s.start for s in valid), *(s.end for s in valid)})
    anchored: set[str] = set()
    parts: list[str] = ["<p>"] if paragraphs else []
    for begin, finish in zip(cuts, cuts[1:], strict=False):
        if begin in breaks:
            parts.append("</p><p>")
        piece = text[begin:finish]
        covering = [s for s in valid if s.start <= begin and finish <= s.end]
        if not covering:
            parts.append(escape(piece))
            continue
        # The innermost (shortest) span decides the link; all are named.
        main = min(covering, key=lambda s: s.end - s.start)
        ids = [s.anchor for s in covering if s.start == begin and s.anchor not in anchored]
        anchored.update(ids)
        anchors = mark_safe("".join(format_html('<span id="{}"></span>', a) for a in ids))  # noqa: S308
        ending = mark_safe("".join(_cue(s, lang) for s in covering if s.end == finish))  # noqa: S308
        parts.append(
            format_html(
                '{}<a class="mark-link" href="{}" title="{}"><mark class="{}">{}</mark>{}</a>{}',
                anchors,
                main.href,
                " / ".join(dict.fromkeys(s.title for s in covering)),
                " ".join(sorted({s.css for s in covering})),
                piece,
                _described(covering, lang),
                ending,
            )
        )
    if paragraphs:
        parts.append("</p>")
    return mark_safe("".join(parts))  # noqa: S308 (every piece escaped above)
