"""Reasons said in the reader's language.

The domain returns a reason as a code with parameters
(``tracker.domain.reasons``); this is the one place that turns it into a
sentence, through gettext, for the pages and the CSV's ``reason`` column.
Each code has one template here; a code without one is a programming error
and fails loudly in tests (``test_every_reason_code_renders``) rather than
showing a raw code to a manager.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tracker.domain import format_decimal
from tracker.formatting import period_text, units_text
from tracker.labels import label

__all__ = ["render_reason"]

Params = Mapping[str, Any]


def _day(value: Any) -> str:
    return _day_in(str(value), get_language())


@lru_cache(maxsize=4096)
def _day_in(text: str, language: str | None) -> str:
    # An export repeats the same few period ends on every row: format each
    # once per language (the format depends only on the day and the language).
    return date_format(date.fromisoformat(text), "DATE_FORMAT")


def _figure(value: Any) -> str:
    """A figure as the planner wrote it (a baseline, a target value)."""
    return format_decimal(Decimal(str(value)))


def _computed(value: Any) -> str:
    """A computed figure (pro rata, on a path), to two places for reading;
    the CSV's ``expected`` column keeps six."""
    return format_decimal(Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _period(params: Params, start: str, end: str) -> str:
    return period_text(date.fromisoformat(str(params[start])), date.fromisoformat(str(params[end])))


def _units(params: Params) -> str:
    return units_text(
        str(params["from_unit"]),
        str(params["from_dimension"]),
        str(params["to_unit"]),
        str(params["to_dimension"]),
    )


def _unknown(params: Params) -> str:
    return _("未知计量单位“%(unit)s”：不在单位表中") % {"unit": params["unit"]}


def _baseline_unusable(params: Params) -> str:
    cause = _unknown(params) if params.get("cause") == "unknown_unit" else _units(params)
    return _("直接比较：基期数据不可用（%(why)s）") % {"why": cause}


def _context(params: Params, *, over: bool) -> str:
    values = {
        "period": _period(params, "context_start", "context_end"),
        "period_end": _day(params["period_end"]),
    }
    if over:
        return (
            _(
                "只有其他时期的数据（%(period)s），不能说明本考核期；"
                "考核期已于%(period_end)s结束，未报告本期数据"
            )
            % values
        )
    return _("只有其他时期的数据（%(period)s），不能说明本考核期") % values


_RENDERERS: dict[str, Callable[[Params], str]] = {
    "no_figure": lambda p: _("尚无报告值"),
    "no_figure_overdue": lambda p: (
        _("没有报告值；考核期已于%(date)s结束") % {"date": _day(p["period_end"])}
    ),
    "context_only": lambda p: _context(p, over=False),
    "context_only_overdue": lambda p: _context(p, over=True),
    "final_figure": lambda p: _("按终期数据比较"),
    "later_indicative": lambda p: (
        _("考核期（至%(date)s）之后的数据：仅供参考") % {"date": _day(p["period_end"])}
    ),
    "final_figure_owed": lambda p: (
        _("未报告终期数据：只有截至%(to)s的期中数据；考核期已于%(end)s结束")
        % {"to": _day(p["interim_end"]), "end": _day(p["period_end"])}
    ),
    "pro_rata": lambda p: (
        _("按时间进度折算比较：考核期已过%(days)s/%(total)s天，应达%(expected)s")
        % {"days": p["days"], "total": p["total"], "expected": _computed(p["expected"])}
    ),
    "interim_level": lambda p: _("直接比较期中的时点值"),
    "growth_so_far": lambda p: (
        _("直接比较截至%(date)s的期内变化率") % {"date": _day(p["interim_end"])}
    ),
    "multi_year_no_baseline": lambda p: _("直接比较：多年目标没有基期值"),
    "baseline_not_single": lambda p: _("直接比较：基期数据不是单一数值"),
    "baseline_unusable": _baseline_unusable,
    "baseline_not_earlier": lambda p: (
        _("直接比较：基期（%(date)s）不早于该数据") % {"date": _day(p["baseline_date"])}
    ),
    "baseline_meets_target": lambda p: (
        _("直接比较：基期值%(base)s已达到目标值%(aim)s")
        % {"base": _figure(p["baseline_value"]), "aim": _figure(p["aim"])}
    ),
    "path": lambda p: (
        _(
            "按%(growth)s路径比较：从%(base)s（%(base_date)s）到%(aim)s（%(end)s），此时应达%(expected)s"
        )
        % {
            "growth": label(p["growth"]),
            "base": _figure(p["baseline_value"]),
            "base_date": _day(p["baseline_date"]),
            "aim": _figure(p["aim"]),
            "end": _day(p["period_end"]),
            "expected": _computed(p["expected"]),
        }
    ),
    "path_impossible": lambda p: (
        _("无法按%(growth)s路径比较（基期值%(base)s，目标值%(aim)s）")
        % {
            "growth": label(p["growth"]),
            "base": _figure(p["baseline_value"]),
            "aim": _figure(p["aim"]),
        }
    ),
    "incomparable_units": _units,
    "unknown_unit": _unknown,
}


def render_reason(code: str, params: Params | None = None) -> str:
    """The reason in the active language; "" when there is no code."""
    if not code:
        return ""
    return _RENDERERS[code](params or {})
