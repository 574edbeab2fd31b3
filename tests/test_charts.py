"""The target chart (``tracker.charts``) and the status bar
(``tracker.status_bar``): server-made SVG from the domain's conversions and
intervals."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from tracker.charts import target_chart
from tracker.models import Document, Outcome, Target
from tracker.status_bar import status_bar


def _target(**fields) -> Target:
    values = {
        "pk": 1,
        "code": "三.8.4",
        "indicator": "高耗能产业占比",
        "comparator": "about",
        "value": Decimal("30"),
        "unit": "%",
        "direction": "lower",
        "measure": "level",
        "period_start": date(2020, 1, 1),
        "period_end": date(2020, 12, 31),
    }
    values.update(fields)
    return Target(**values)


def _outcome(value, unit="%", end=date(2023, 12, 31), **fields) -> Outcome:
    values = {
        "value": Decimal(value),
        "unit": unit,
        "period_start": date(end.year, 1, 1),
        "period_end": end,
        "qualifier": "exact",
        "document": Document(slug="d", title="d"),
    }
    values.update(fields)
    return Outcome(**values)


def test_chart_has_title_desc_band_and_points():
    svg = target_chart(_target(), [_outcome("25.3"), _outcome("28.1", end=date(2022, 12, 31))])
    assert svg.startswith('<svg class="chart"')
    assert '<title id="chart-title">三.8.4 高耗能产业占比：报告值与目标区间</title>' in svg
    assert "目标：≈ 30%，考核期2020年。" in svg
    assert "25.3% · 2023年 · 事后" in svg
    assert len(re.findall(r'<g class="point grade-later"><circle [^>]*><title>', svg)) == 2
    assert '<polygon class="band"' in svg


def test_band_is_the_satisfying_interval():
    # About 30% lower-is-better: (-inf, 31.5]; the band runs down to the plot bottom.
    svg = target_chart(_target(), [_outcome("25.3")])
    points = re.search(r'<polygon class="band" points="([^"]+)"', svg)[1].split()
    ys = {float(p.split(",")[1]) for p in points}
    assert max(ys) == 28 + 214  # plot bottom (TOP + PLOT_H)
    assert "达标区间：≈ 30%" in svg


def test_values_are_converted_and_incomparable_ones_skipped():
    target = _target(comparator="at_least", value=Decimal("85"), unit="万吨", direction="higher")
    svg = target_chart(target, [_outcome("900000", unit="吨"), _outcome("3", unit="%")])
    assert "报告值：90万吨 · 2023年 · 事后。" in svg
    assert "1个报告值的单位无法换算，未画出。" in svg


def test_flow_band_grows_pro_rata():
    target = _target(
        comparator="at_least",
        value=Decimal("700"),
        unit="亿元",
        direction="higher",
        measure="flow",
    )
    svg = target_chart(target, [_outcome("583", unit="亿元", end=date(2020, 10, 31))])
    polygon = re.search(r'<polygon class="band" points="([^"]+)"', svg)[1].split()
    # Starts at the period start near zero and reaches 700 at the period end.
    assert len(polygon) == 6
    assert "grade-interim" in svg


def test_chart_without_figures_says_so():
    svg = target_chart(_target(), [])
    assert "暂无可比的报告值。" in svg


def test_text_is_escaped():
    svg = target_chart(_target(indicator="<script>"), [])
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_status_bar_widths_follow_counts():
    svg = status_bar({"met": 3, "missed": 1}, width=200, height=10)
    assert '<rect class="st-met" x="0.0" width="150.0"' in svg
    assert '<rect class="st-missed" x="150.0" width="50.0"' in svg
    assert 'aria-label="已完成 3，未完成 1"' in svg


def test_status_bar_when_empty():
    assert "暂无目标" in status_bar({})


def test_another_years_growth_is_drawn_as_context():
    # A rate target: 2023's growth is shown, marked as context (never evidence).
    target = _target(comparator="at_least", value=Decimal("20"), direction="higher",
                     measure="rate")  # fmt: skip
    svg = target_chart(target, [_outcome("29")])
    assert len(re.findall(r'<g class="point grade-context"><circle [^>]*><title>', svg)) == 1
    assert "29% · 2023年 · 背景" in svg
