"""A target's reported values against its target band, as server-made SVG.

Drawn in Python so the page needs no JavaScript and no CDN (the app runs
offline) and an auditor's printout shows what the screen showed. Values are
converted to the target's unit with the domain's ``convert`` and the band is
the domain's ``target_interval``, so the picture cannot disagree with the
verdict. Floats appear only as pixel coordinates. The reports' stacked
status bar is in ``tracker.status_bar``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from tracker.chart_marks import Point, figure_verdict, legend, legend_items, marker, verdict_text
from tracker.domain import (
    SEED_REGISTRY,
    IncomparableUnits,
    UnitRegistry,
    UnknownUnit,
    elapsed_fraction,
    format_decimal,
    grade,
    target_interval,
)
from tracker.formatting import figure_text, period_text
from tracker.labels import label
from tracker.models import Outcome, Target

WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 76, 28, 28, 98
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM


def _points(
    target: Target, outcomes: Iterable[Outcome], units: UnitRegistry
) -> tuple[list[Point], int]:
    satisfying = target_interval(
        target.comparator, target.value, target.value_high, target.direction, target.tolerance
    )
    points, skipped = [], 0
    for outcome in outcomes:
        try:
            low = units.convert(outcome.value, outcome.unit, target.unit)
            high = (
                None
                if outcome.value_high is None
                else units.convert(outcome.value_high, outcome.unit, target.unit)
            )
        except (UnknownUnit, IncomparableUnits):
            skipped += 1
            continue
        the_grade = grade(
            target.period_start,
            target.period_end,
            outcome.period_start,
            outcome.period_end,
            measure=target.measure,
        )
        verdict = figure_verdict(the_grade, outcome.qualifier, low, high, satisfying)
        shown = figure_text(outcome.qualifier, low, high, target.unit)
        text = f"{shown} · {period_text(outcome.period_start, outcome.period_end)}"
        points.append(
            Point(
                outcome.period_end,
                low,
                high,
                outcome.qualifier,
                the_grade,
                verdict,
                f"{text} · {label(the_grade)} · {verdict_text(verdict)}",
            )
        )
    return points, skipped


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _y_domain(values: Sequence[Decimal]) -> tuple[float, float, float]:
    low, high = float(min(values)), float(max(values))
    if low == high:
        pad = abs(low) * 0.2 or 1.0
        low, high = low - pad, high + pad
    pad = (high - low) * 0.12
    low, high = low - pad, high + pad
    step = _nice_step(high - low)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _x_ticks(start: date, end: date) -> list[tuple[date, str]]:
    years = [
        date(y, 1, 1) for y in range(start.year, end.year + 2) if start <= date(y, 1, 1) <= end
    ]
    if len(years) >= 2:
        every = max(1, math.ceil(len(years) / 8))
        return [(d, str(d.year)) for d in years[::every]]
    ticks, month = [], date(start.year, start.month, 1)
    while month <= end:
        if month >= start and month.month in (1, 4, 7, 10):
            ticks.append((month, f"{month.year}-{month.month:02d}"))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return ticks


class _Scale:
    def __init__(self, x0: date, x1: date, y0: float, y1: float) -> None:
        self.x0, self.days = x0, max((x1 - x0).days, 1)
        self.y0, self.y1 = y0, y1

    def x(self, when: date) -> float:
        return round(LEFT + PLOT_W * (when - self.x0).days / self.days, 1)

    def y(self, value: Decimal | float) -> float:
        share = (float(value) - self.y0) / (self.y1 - self.y0)
        return round(TOP + PLOT_H * (1 - min(max(share, 0.0), 1.0)), 1)


def _band(target: Target, scale: _Scale, x_start: date, x_end: date) -> SafeString:
    """The satisfying set as a shaded region over the target period; for a
    flow target it grows pro rata from the period start (how interim figures
    are judged)."""
    interval = target_interval(
        target.comparator, target.value, target.value_high, target.direction, target.tolerance
    )

    def edges(share: Decimal) -> tuple[float, float]:
        # SVG y grows downwards: the band's top is the interval's high end.
        top = TOP if interval.high is None else scale.y(interval.high * share)
        bottom = TOP + PLOT_H if interval.low is None else scale.y(interval.low * share)
        return top, bottom

    # Only over the target's own period: after it, the target no longer
    # applies (a later figure is judged against the band at the period end).
    start = max(target.period_start, x_start)
    end = min(target.period_end, x_end)
    if target.measure == "flow":
        share_start = elapsed_fraction(target.period_start, target.period_end, start)
        stops = [(start, share_start), (end, Decimal(1))]
    else:
        stops = [(start, Decimal(1)), (end, Decimal(1))]
    upper = [(scale.x(when), edges(share)[0]) for when, share in stops]
    lower = [(scale.x(when), edges(share)[1]) for when, share in reversed(stops)]
    polygon = " ".join(f"{x},{y}" for x, y in upper + lower)
    return format_html(
        '<polygon class="band" points="{}"><title>{}</title></polygon>',
        polygon,
        _("达标区间：%(target)s") % {"target": _target_text(target)},
    )


def _after_period(target: Target, scale: _Scale, has_later: bool) -> SafeString:
    """The stretch after the target period, shaded and named, so figures
    reported for later years stand apart from those the target judges."""
    x = scale.x(target.period_end)
    width = round(LEFT + PLOT_W - x, 1)
    if not has_later or width <= 0:
        return mark_safe("")  # noqa: S308 (constant)
    return format_html(
        '<rect class="after-period" x="{x}" y="{top}" width="{w}" height="{h}">'
        "<title>{text}</title></rect>"
        '<text class="after-period-label" x="{tx}" y="{ty}">{text}</text>',
        x=x,
        top=TOP,
        w=width,
        h=PLOT_H,
        tx=x + 4,
        ty=TOP + PLOT_H - 6,
        text=_("考核期之后（仅供参考）"),
    )


def _target_text(target: Target) -> str:
    return figure_text(target.comparator, target.value, target.value_high, target.unit)


def _description(target: Target, points: list[Point], skipped: int) -> str:
    parts = [
        _("目标：%(target)s，考核期%(period)s。")
        % {
            "target": _target_text(target),
            "period": period_text(target.period_start, target.period_end),
        }
    ]
    if points:
        parts.append(_("报告值：%(values)s。") % {"values": "；".join(p.text for p in points)})
    else:
        parts.append(_("暂无可比的报告值。"))
    if skipped:
        parts.append(_("%(count)s个报告值的单位无法换算，未画出。") % {"count": skipped})
    return "".join(parts)


def target_chart(
    target: Target,
    outcomes: Iterable[Outcome],
    *,
    chart_id: str = "chart",
    units: UnitRegistry = SEED_REGISTRY,
) -> SafeString:
    """An SVG of the approved values over time, in the target's unit, over the
    shaded satisfying band, with the period end marked. ``units`` is the
    registry the values are converted with (the page passes the table's)."""
    points, skipped = _points(target, outcomes, units)
    baseline = None
    if target.baseline_value is not None and target.baseline_date is not None:
        baseline = (target.baseline_date, target.baseline_value)

    dates = [target.period_start, target.period_end, *(p.when for p in points)]
    if baseline:
        dates.append(baseline[0])
    pad = timedelta(days=max(20, (max(dates) - min(dates)).days // 20))
    x_start, x_end = min(dates) - pad, max(dates) + pad

    values = [target.value, *(v for v in (target.value_high,) if v is not None)]
    interval = target_interval(
        target.comparator, target.value, target.value_high, target.direction, target.tolerance
    )
    values += [end for end in (interval.low, interval.high) if end is not None]
    for point in points:
        values += [point.low] + ([point.high] if point.high is not None else [])
    if baseline:
        values.append(baseline[1])
    y0, y1, step = _y_domain(values)
    scale = _Scale(x_start, x_end, y0, y1)

    title = _("%(code)s %(indicator)s：报告值与目标区间") % {
        "code": target.code,
        "indicator": target.indicator,
    }
    y_ticks = []
    tick = y0
    while tick <= y1 + step / 2:
        y_ticks.append(tick)
        tick += step
    grid = format_html_join(
        "",
        '<line class="grid" x1="{}" y1="{}" x2="{}" y2="{}"/>'
        '<text class="tick y" x="{}" y="{}">{}</text>',
        (
            (
                LEFT,
                scale.y(t),
                LEFT + PLOT_W,
                scale.y(t),
                LEFT - 8,
                scale.y(t) + 4,
                _tick_text(t, step),
            )
            for t in y_ticks
        ),
    )
    x_axis = format_html_join(
        "",
        '<line class="tick-mark" x1="{}" y1="{}" x2="{}" y2="{}"/>'
        '<text class="tick x" x="{}" y="{}">{}</text>',
        (
            (
                scale.x(d),
                TOP + PLOT_H,
                scale.x(d),
                TOP + PLOT_H + 5,
                scale.x(d),
                TOP + PLOT_H + 20,
                text,
            )
            for d, text in _x_ticks(x_start, x_end)
        ),
    )
    period_end = format_html(
        '<line class="period-end" x1="{x}" y1="{top}" x2="{x}" y2="{bottom}"/>'
        '<text class="period-end-label" x="{tx}" y="{ty}">{text}</text>',
        x=scale.x(target.period_end),
        top=TOP,
        bottom=TOP + PLOT_H,
        tx=scale.x(target.period_end) - 4,
        ty=TOP + 12,
        text=_("考核期末"),
    )
    path = mark_safe("")  # noqa: S308 (constant)
    if baseline:
        when, value = baseline
        path = format_html(
            '<line class="path" x1="{}" y1="{}" x2="{}" y2="{}"/>'
            '<g class="point grade-baseline">'
            '<circle cx="{}" cy="{}" r="5"><title>{}</title></circle></g>',
            scale.x(when),
            scale.y(value),
            scale.x(target.period_end),
            scale.y(target.value),
            scale.x(when),
            scale.y(value),
            _("基期值 %(value)s（%(date)s）")
            % {"value": figure_text("exact", value, None, target.unit), "date": when.isoformat()},
        )
    markers = mark_safe(  # noqa: S308 (format_html parts)
        "".join(
            marker(
                p,
                scale.x(p.when),
                scale.y(p.low),
                None if p.high is None else scale.y(p.high),
            )
            for p in points
        )
    )
    after = _after_period(target, scale, any(p.when > target.period_end for p in points))
    legend_marks, _rows = legend(
        legend_items(
            _target_text(target),
            points,
            baseline=baseline is not None,
            after_period=bool(after),
        ),
        left=LEFT,
        right=WIDTH - RIGHT,
        bottom=HEIGHT - 12,
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<rect class="plot" x="{left}" y="{top}" width="{pw}" height="{ph}"/>'
        "{after}{band}{grid}{x_axis}{period_end}{path}{markers}"
        '<text class="unit" x="{left}" y="{unit_y}">{unit}</text>{legend}</svg>',
        w=WIDTH,
        h=HEIGHT,
        id=chart_id,
        title=title,
        desc=_description(target, points, skipped),
        left=LEFT,
        top=TOP,
        pw=PLOT_W,
        ph=PLOT_H,
        after=after,
        band=_band(target, scale, x_start, x_end),
        grid=grid,
        x_axis=x_axis,
        period_end=period_end,
        path=path,
        markers=markers,
        unit_y=TOP - 10,
        unit=target.unit,
        legend=legend_marks,
    )


def _tick_text(value: float, step: float) -> str:
    places = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    return format_decimal(Decimal(f"{value:.{places}f}"))
