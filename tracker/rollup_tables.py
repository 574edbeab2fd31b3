"""The rollup tables (django-tables2) over Core rollup rows
(``tracker.sqldata.SelectData``): plans and units with their status counts
and the three rates of DESIGN.md 6, each shown with its numerator and
denominator (``60.0%（3/5）``). Every sortable column sorts in SQL."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from tracker.datalang import DataColumn, zh
from tracker.formatting import period_text, rate_text, share_text
from tracker.labels import LABELS
from tracker.status_bar import status_bar
from tracker.vocabulary import STATUSES

UNASSIGNED = _("未分配责任单位")


def _count_column(status: str) -> tables.Column:
    return tables.Column(
        verbose_name=LABELS[status],
        attrs={"td": {"class": "num"}, "th": {"class": f"num st-head st-{status}"}},
    )


def _rate_column(name: str) -> tables.Column:
    # Sorted by the SQL rate column; the rate shown is exact, from the counts.
    return tables.Column(
        verbose_name=name, attrs={"td": {"class": "num rate"}, "th": {"class": "num"}}
    )


class RollupTable(tables.Table):
    """Counts per status, a stacked bar and the three rates."""

    targets = tables.Column(
        verbose_name=_("目标数"), attrs={"td": {"class": "num"}, "th": {"class": "num"}}
    )
    met = _count_column("met")
    missed = _count_column("missed")
    indeterminate = _count_column("indeterminate")
    on_track = _count_column("on_track")
    off_track = _count_column("off_track")
    overdue = _count_column("overdue")
    no_data = _count_column("no_data")
    incomparable = _count_column("incomparable")
    # empty_values=(): drawn for the unassigned row too (its id is NULL).
    bar = tables.Column(verbose_name=_("状态分布"), accessor="id", orderable=False, empty_values=())
    confirmed_rate = _rate_column(_("确认完成率"))
    indicative_rate = _rate_column(_("参考完成率"))
    reporting_rate = _rate_column(_("终期报告率"))

    class Meta:
        attrs = {"class": "report rollup"}
        per_page = 50
        empty_text = _("暂无数据。")

    def render_bar(self, record: dict[str, Any]) -> SafeString:
        # 120 px: the plan list fits an office screen (1366 px) unclipped.
        return status_bar({status: record[status] for status in STATUSES}, width=120)

    def render_confirmed_rate(self, record: dict[str, Any]) -> str:
        return rate_text(record["met_final"], record["missed_final"])

    def render_indicative_rate(self, record: dict[str, Any]) -> str:
        return rate_text(record["met_indicative"], record["missed_indicative"])

    def render_reporting_rate(self, record: dict[str, Any]) -> str:
        return share_text(record["reported"], record["due"])


_ROLLUP_SEQUENCE = (
    "targets",
    "bar",
    *STATUSES,
    "confirmed_rate",
    "indicative_rate",
    "reporting_rate",
)


class PlanListTable(RollupTable):
    title = DataColumn(
        verbose_name=_("规划"),
        linkify=lambda record: reverse("tracker:plan-report", args=[record["slug"]]),
        attrs={"td": {"class": "title"}},
    )
    jurisdiction = DataColumn(verbose_name=_("行政区域"))
    period = tables.Column(
        verbose_name=_("规划期"), accessor="id", order_by=("period_end", "period_start")
    )

    class Meta(RollupTable.Meta):
        sequence = ("title", "jurisdiction", "period", *_ROLLUP_SEQUENCE)
        order_by = ("-period", "title")

    def render_period(self, record: dict[str, Any]) -> str:
        return period_text(record["period_start"], record["period_end"])


class UnitRankingTable(RollupTable):
    """Units furthest behind (missed + overdue) first (DESIGN.md 6): the
    default sort is that one column, so the page marks exactly one; ties end
    on the name (``selectors.ranking_tiebreak``). The unassigned row counts
    the targets no unit answers for."""

    # empty_values=(): the unassigned row's name is '' and must still render.
    name = tables.Column(verbose_name=_("责任单位"), empty_values=())
    behind = tables.Column(
        verbose_name=_("未完成＋逾期"),
        attrs={"td": {"class": "num behind"}, "th": {"class": "num"}},
    )

    class Meta(RollupTable.Meta):
        sequence = ("name", "behind", *_ROLLUP_SEQUENCE)
        order_by = ("-behind",)
        row_attrs = {"class": lambda record: "unassigned" if record["id"] is None else ""}

    def render_name(self, record: dict[str, Any], value: str) -> SafeString:
        if record["id"] is None:
            return format_html('<span class="unassigned">{}</span>', UNASSIGNED)
        return format_html(
            '<a href="{}">{}</a>', reverse("tracker:unit-detail", args=[record["id"]]), zh(value)
        )
