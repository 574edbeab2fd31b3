"""Template helpers for the report pages: labels of stored words, figures,
periods, rates, status badges and bars, written by ``tracker.formatting``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from tracker import datalang, formatting
from tracker.labels import label
from tracker.models import Outcome
from tracker.reason_text import render_reason
from tracker.status_bar import status_bar as draw_status_bar
from tracker.vocabulary import STATUSES

register = template.Library()


@register.filter
def word(value: str | None) -> str:
    """The translated label of a stored word (``met`` -> 已完成)."""
    return label(value) if value else formatting.EMPTY


@register.filter
def zh(value: object) -> SafeString:
    """Chinese data on the page, marked ``lang="zh-Hans"`` when the page is
    in another language (``tracker.datalang``, WCAG 3.1.2)."""
    return datalang.zh(value)


@register.simple_tag
def outcome_name(outcome: Outcome) -> SafeString:
    """Which outcome a row's buttons act on, for their accessible names
    (``通过`` alone would name every button in the queue alike, WCAG 2.4.6)."""
    target = outcome.target
    return format_html(
        _("{code} {indicator}：{figure} · {period}"),
        code=datalang.zh(target.code),
        indicator=datalang.zh(target.indicator),
        figure=formatting.figure_text(
            outcome.qualifier, outcome.value, outcome.value_high, outcome.unit
        ),
        period=formatting.period_text(outcome.period_start, outcome.period_end),
    )


@register.simple_tag
def status_words() -> tuple[str, ...]:
    return STATUSES


@register.simple_tag
def figure(comparator: str, value: Decimal, value_high: Decimal | None, unit: str) -> str:
    return formatting.figure_text(comparator, value, value_high, unit)


@register.simple_tag
def period(start: date, end: date) -> str:
    return formatting.period_text(start, end)


@register.simple_tag
def rate(met: int, missed: int) -> str:
    return formatting.rate_text(met, missed)


@register.simple_tag
def share(numerator: int, denominator: int) -> str:
    """A share with its counts (the reporting rate), ``—`` when nothing is due."""
    return formatting.share_text(numerator, denominator)


@register.simple_tag
def badge(
    status: str | None,
    grade: str | None = None,
    indicative: bool = False,
    reason_code: str | None = None,
) -> SafeString:
    return formatting.status_badge(status, grade, indicative, reason_code)


@register.simple_tag
def status_bar(counts: dict[str, int], width: int = 240) -> SafeString:
    return draw_status_bar(counts, width=width, height=16)


@register.filter
def ratio(value: Decimal | None) -> str:
    return formatting.ratio_text(value)


@register.filter
def number(value: Decimal | None) -> str:
    return formatting.format_number(value)


@register.simple_tag
def reason(code: str, params: dict | None = None) -> str:
    """An assessment's reason code in the reader's language
    (``tracker.reason_text``)."""
    return render_reason(code, params)


@register.simple_tag
def sorted_column(table: Any) -> str:
    """The one column a table is sorted by, as its header marks it: the first
    of its sort keys (the others only break ties, and marking them too would
    say the table is sorted by several columns at once)."""
    order_by = getattr(table, "order_by", None) or ()
    for alias in order_by:
        return str(alias).lstrip("-")
    return ""
