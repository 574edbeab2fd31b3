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
    assert "25.3% · 2023年 · 事后 · 达标" in svg
    assert (
        len(re.findall(r'<g class="point grade-later verdict-met"><circle [^>]*><title>', svg)) == 2
    )
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
    assert "报告值：90万吨 · 2023年 · 事后 · 达标。" in svg
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
    # Starts at the period start near zero and reaches 700 at the period end,
    # where it stops.
    assert len(polygon) == 4
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
    assert len(re.findall(r'<g class="point grade-context verdict-pending"><circle ', svg)) == 1
    assert "29% · 2023年 · 背景 · 尚无定论" in svg


# -- issue 12: colour by verdict, grade by fill, band within the period ------------


def _markers(svg: str) -> list[tuple[str, str, str]]:
    """(grade, verdict, title) of every figure's marker."""
    return re.findall(
        r'<g class="point grade-(\w+) verdict-(\w+)">.*?<title>(.*?)</title>', svg, re.S
    )


def _higher_target(**fields) -> Target:
    values = {"comparator": "at_least", "value": Decimal("20"), "direction": "higher"}
    values.update(fields)
    return _target(**values)


def test_a_missed_final_figure_is_red_and_filled_not_green():
    target = _higher_target(period_start=date(2021, 1, 1), period_end=date(2021, 12, 31))
    svg = target_chart(target, [_outcome("12", end=date(2021, 12, 31))])
    assert _markers(svg) == [("final", "missed", "12% · 2021年 · 终期 · 未达标")]
    assert "verdict-met" not in svg.split('<rect class="plot"')[1].split("<text")[0]


def test_each_figure_has_its_own_verdict_colour_and_grade_shape():
    target = _higher_target(
        measure="level", period_start=date(2020, 1, 1), period_end=date(2022, 12, 31)
    )
    svg = target_chart(
        target,
        [
            _outcome("15", period_start=date(2021, 1, 1), end=date(2021, 12, 31)),  # interim
            _outcome("22", period_start=date(2022, 1, 1), end=date(2022, 12, 31)),  # final, met
            _outcome("18", period_start=date(2023, 1, 1), end=date(2023, 12, 31)),  # later, missed
        ],
    )
    assert [(grade, verdict) for grade, verdict, _ in _markers(svg)] == [
        ("interim", "pending"),
        ("final", "met"),
        ("later", "missed"),
    ]


def test_stylesheet_fills_final_markers_and_rings_the_others():
    """The fill is the grade: only final figures are filled, in their
    verdict's colour; the colour is the verdict whatever the grade."""
    from tests.test_palette import CSS

    css = CSS.read_text()
    rules = dict(re.findall(r"(svg\.chart [^{]+?)\s*\{([^}]*)\}", css))
    assert "var(--paper)" in rules["svg.chart .point circle"]  # hollow by default
    for verdict, colour in (("met", "met"), ("missed", "missed")):
        assert f"var(--{colour})" in rules[f"svg.chart .verdict-{verdict} circle"]
        assert f"fill: var(--{colour})" in rules[f"svg.chart .grade-final.verdict-{verdict} circle"]
    assert "stroke-dasharray" in rules["svg.chart .grade-later circle"]
    # No rule colours a figure's marker by its grade alone (green once meant
    # "final"); only the legend's grade keys (drawn in ink) are by grade.
    by_grade = [sel for sel in rules if re.search(r"\.grade-(final|interim) circle$", sel)]
    assert by_grade == ["svg.chart .key.grade-final circle"]
    assert "var(--ink)" in rules[by_grade[0]]


def test_band_stops_at_the_end_of_the_target_period():
    target = _higher_target()  # 2020
    svg = target_chart(target, [_outcome("25", end=date(2023, 12, 31))])
    xs = [
        float(p.split(",")[0]) for p in re.search(r'class="band" points="([^"]+)"', svg)[1].split()
    ]
    end = re.search(r'<line class="period-end" x1="([\d.]+)"', svg)[1]
    assert max(xs) == float(end)
    plot_right = 76 + 720 - 76 - 28
    assert max(xs) < plot_right - 100


def test_later_figures_sit_in_a_shaded_stretch_the_legend_names():
    svg = target_chart(_higher_target(), [_outcome("25", end=date(2023, 12, 31))])
    region = re.search(r'<rect class="after-period" x="([\d.]+)" y="28" width="([\d.]+)"', svg)
    assert region
    end = float(re.search(r'<line class="period-end" x1="([\d.]+)"', svg)[1])
    assert float(region[1]) == end
    point_x = float(re.search(r'grade-later verdict-met">.*?<circle cx="([\d.]+)"', svg, re.S)[1])
    assert point_x > end
    texts = ("考核期之后（仅供参考）", "灰底 = 考核期之后的数据，仅供参考", "虚线圈 = 事后（参考）")
    for text in (*texts, "实心 = 终期", "达标", "未达标", "尚无定论"):
        assert f">{text}</text>" in svg, text


def test_no_shaded_stretch_without_later_figures():
    svg = target_chart(_higher_target(), [_outcome("25", end=date(2020, 12, 31))])
    assert "after-period" not in svg
    assert _markers(svg) == [("final", "met", "25% · 2020年 · 终期 · 达标")]
