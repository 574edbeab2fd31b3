"""How the pages write figures, periods, rates and statuses, in either language.

Figures keep Chinese magnitudes (``2500亿元``) in both languages: Western
scales would misstate them (docs/attainment.md section 8). Dates and decimals follow
the active language's format module (``config/formats/``).
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format, number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tracker.domain import IncomparableUnits, describe_target, format_decimal
from tracker.labels import dimension_label, label

__all__ = [
    "figure_text",
    "incomparable_units_text",
    "units_text",
    "format_number",
    "percent_text",
    "period_text",
    "rate_text",
    "share_text",
    "ratio_text",
    "status_badge",
    "status_text",
]

EMPTY = "—"


def figure_text(comparator: str, value: Decimal, value_high: Decimal | None, unit: str) -> str:
    """``≥ 20%`` for a target, ``29%`` or ``> 2500亿元`` for an outcome."""
    return describe_target(comparator, value, value_high, unit)


def incomparable_units_text(problem: IncomparableUnits) -> str:
    """``亿元（人民币）无法换算为目标的单位%（百分比）``: why a figure yields
    ``incomparable`` (DESIGN.md 3), with the dimensions in the reader's language."""
    return units_text(
        problem.from_unit, problem.from_dimension, problem.to_unit, problem.to_dimension
    )


def units_text(from_unit: str, from_dimension: str, to_unit: str, to_dimension: str) -> str:
    """The one wording of "this unit cannot convert to the target's" (the
    ``incomparable_units`` reason renders through it too)."""
    return _(
        "%(unit)s（%(dimension)s）无法换算为目标的单位%(target_unit)s（%(target_dimension)s）"
    ) % {
        "unit": from_unit,
        "dimension": dimension_label(from_dimension),
        "target_unit": to_unit,
        "target_dimension": dimension_label(to_dimension),
    }


def _whole_months(start: date, end: date) -> bool:
    return start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]


def period_text(start: date, end: date) -> str:
    """``2020年``, ``2022年1–10月``, ``2016–2020年``; English ``Jan–Oct 2022``.

    Statistical periods are nearly always whole years or months; writing them
    so is how the source documents state them (``1-10月``).
    """
    if start == end:
        return date_format(start, "DATE_FORMAT")
    if not _whole_months(start, end):
        return f"{date_format(start, 'DATE_FORMAT')} – {date_format(end, 'DATE_FORMAT')}"
    if start.month == 1 and end.month == 12:
        if start.year == end.year:
            return _("%(year)s年") % {"year": start.year}
        return _("%(first_year)s–%(last_year)s年") % {
            "first_year": start.year,
            "last_year": end.year,
        }
    # Month spans as date formats, so each language orders them its own way:
    # 2022年1–10月 / Jan–Oct 2022.
    month_year = pgettext("date format", "Y年n月")
    if start.year == end.year and start.month == end.month:
        return date_format(start, month_year)
    if start.year == end.year:
        first = date_format(start, pgettext("date format", "Y年n"))
        last = date_format(end, pgettext("date format", "n月"))
    else:
        first, last = date_format(start, month_year), date_format(end, month_year)
    return f"{first}–{last}"


def percent_text(share: Decimal | float | None, *, places: int = 1) -> str:
    """A share (0–1) as a localised percentage, ``—`` when there is none."""
    if share is None:
        return EMPTY
    # Django's number_format truncates; round half up first (2/3 -> 66.7%).
    percent = (Decimal(str(share)) * 100).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return f"{number_format(percent, decimal_pos=places)}%"


def rate_text(met: int, missed: int) -> str:
    """``60.0%（3/5）``: the rate with the counts it rests on, never a bare 0% or
    100% from an empty denominator (docs/attainment.md section 7)."""
    if met + missed == 0:
        return EMPTY
    return _("%(rate)s（%(met)s/%(total)s）") % {
        "rate": percent_text(Decimal(met) / Decimal(met + missed)),
        "met": met,
        "total": met + missed,
    }


def share_text(numerator: int, denominator: int) -> str:
    """``33.3%（4/12）``: a share with the counts it rests on (the reporting
    rate: final figures / targets whose period is over); ``—`` when the
    denominator is empty."""
    if denominator == 0:
        return EMPTY
    return _("%(rate)s（%(met)s/%(total)s）") % {
        "rate": percent_text(Decimal(numerator) / Decimal(denominator)),
        "met": numerator,
        "total": denominator,
    }


def ratio_text(ratio: Decimal | None) -> str:
    """Progress ratio R as stored (rounded down to 4 places): ``0.8512``."""
    if ratio is None:
        return EMPTY
    return number_format(Decimal(ratio), decimal_pos=4)


# Overdue with figures on the page (an interim one, or only other periods'):
# the label says the final figure is owed, never "no data" beside a figure.
FINAL_OWED_REASONS = ("final_figure_owed", "context_only_overdue")


def status_text(
    status: str, grade: str | None, indicative: bool = False, reason_code: str | None = None
) -> str:
    """``已完成 · 事后（参考）``: the status with its grade, indicative ones marked.

    ``overdue`` says what is missing (docs/attainment.md section 7): with an
    interim figure, or only figures of other periods (``reason_code``), the
    final figure is owed; without any, no data came for the period.
    """
    if status == "overdue":
        if grade or reason_code in FINAL_OWED_REASONS:
            return _("逾期 · 未报告终期数据")
        return _("逾期 · 无本期数据")
    text = f"{label(status)} · {label(grade)}" if grade else label(status)
    if indicative:
        text = _("%(status)s（参考）") % {"status": text}
    return text


def status_badge(
    status: str | None,
    grade: str | None,
    indicative: bool = False,
    reason_code: str | None = None,
) -> SafeString:
    """The status badge every report shows: colour by status, dashed when the
    verdict is only indicative (later evidence, docs/attainment.md section 6)."""
    if not status:
        return format_html('<span class="badge">{}</span>', EMPTY)
    classes = f"badge st-{status}" + (" indicative" if indicative else "")
    title = _("仅供参考：依据是考核期结束之后的数据") if indicative else ""
    return format_html(
        '<span class="{}" title="{}">{}</span>',
        classes,
        title,
        status_text(status, grade, indicative, reason_code),
    )


def format_number(value: Decimal | None) -> str:
    """A plain figure without trailing zeros (``7``, ``2.1``, ``2500``)."""
    return EMPTY if value is None else format_decimal(Decimal(value))
