"""Validation rules shared by the services, the admin forms and the imports.

Each rule raises ``ValidationError`` with a code and, where one field is at
fault, a dict keyed by that field, so forms show the message beside it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tracker.analytics.units import unit_registry
from tracker.domain import IncomparableUnits, UnitRegistry, UnknownUnit
from tracker.formatting import incomparable_units_text


def check_period(start: date | None, end: date | None, *, field: str = "period_end") -> None:
    if start and end and end < start:
        raise ValidationError(
            {
                field: ValidationError(
                    _("截止日期（%(end)s）早于起始日期（%(start)s）。")
                    % {"start": start, "end": end},
                    code="period_order",
                )
            }
        )


def check_range(
    comparator: str, value: Decimal | None, value_high: Decimal | None, *, field: str
) -> None:
    if comparator == "range":
        if value_high is None:
            raise ValidationError(
                {field: ValidationError(_("区间须填写上限。"), code="range_missing_high")}
            )
        if value is not None and value_high <= value:
            raise ValidationError(
                {field: ValidationError(_("区间上限须大于下限。"), code="range_order")}
            )
    elif value_high is not None:
        raise ValidationError(
            {field: ValidationError(_("只有区间才填写上限。"), code="range_unexpected_high")}
        )


def check_baseline_pair(value: Decimal | None, when: date | None) -> None:
    if (value is None) != (when is None):
        raise ValidationError(
            {
                "baseline_date": ValidationError(
                    _("基期值与基期日期须同时填写或同时留空。"), code="baseline_pair"
                )
            }
        )


def incomparable_units_warning(
    outcome_unit: str, target_unit: str, *, units: UnitRegistry | None = None
) -> str | None:
    """The warning for a figure whose (known) unit cannot convert to its
    target's: it is stored and shown, and yields ``incomparable`` until a
    convertible figure exists (docs/attainment.md section 1). None when it
    converts; an unknown unit is ``check_unit_known``'s error, not a warning."""
    problem = (units or unit_registry()).problem(outcome_unit, target_unit)
    if not isinstance(problem, IncomparableUnits):
        return None
    return _("%(why)s：已保存，但只能得出“不可比”，不计入完成与否。") % {
        "why": incomparable_units_text(problem)
    }


def locate_quote(quote: str, text: str) -> tuple[int, int]:
    """Character offsets of the first verbatim occurrence of ``quote``."""
    if not quote.strip():
        raise ValidationError({"quote": ValidationError(_("请填写原文引述。"), code="quote_empty")})
    start = text.find(quote)
    if start < 0:
        raise ValidationError(
            {
                "quote": ValidationError(
                    _("引述在出处文件全文中找不到（须逐字一致，包括标点）。"),
                    code="quote_not_found",
                )
            }
        )
    return start, start + len(quote)


def check_unit_known(unit: str, *, field: str = "unit", units: UnitRegistry | None = None) -> None:
    """The unit (with any 万/亿/万亿) is in the registry; otherwise say how
    to add it, since the units are data (docs/attainment.md section 1)."""
    try:
        (units or unit_registry()).lookup(unit)
    except UnknownUnit as error:
        raise ValidationError(
            {
                field: ValidationError(
                    _(
                        "无法识别的计量单位“%(unit)s”：不在计量单位表中（规划人员可在"
                        "管理后台“计量单位”中添加）"
                    )
                    % {"unit": error.unit.strip()},
                    code="unit_unknown",
                )
            }
        ) from error


def check_tolerance(tolerance: Decimal | None) -> None:
    if tolerance is not None and tolerance < 0:
        raise ValidationError(
            {"tolerance": ValidationError(_("容差不能为负数。"), code="tolerance_sign")}
        )


def check_baseline_date(baseline_date: date | None, period_end: date | None) -> None:
    """A baseline describes where the path starts: it must precede the end
    (the progress rule divides by the time between them)."""
    if baseline_date and period_end and baseline_date >= period_end:
        raise ValidationError(
            {
                "baseline_date": ValidationError(
                    _("基期日期须早于目标截止日期。"), code="baseline_after_end"
                )
            }
        )


def check_proxy_indicator(is_proxy: bool, reported_indicator: str) -> None:
    """A proxy figure must say what it measures, or an auditor cannot tell
    it from the target's own indicator."""
    if is_proxy and not reported_indicator.strip():
        raise ValidationError(
            {
                "reported_indicator": ValidationError(
                    _("替代指标须填写报告指标。"), code="proxy_needs_indicator"
                )
            }
        )
