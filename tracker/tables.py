"""The report tables (django-tables2): one class per presentation, variants by
``Meta`` inheritance (docs/architecture.md section 6). Every sortable column
names the database expression it sorts by, so sorting happens in SQL, never
in Python. The review queue's tables are in ``tracker.review_tables``; the
rollup tables (plans, units) in ``tracker.rollup_tables``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tracker.datalang import DataColumn, zh
from tracker.formatting import EMPTY, figure_text, period_text, status_badge
from tracker.labels import label
from tracker.models import Assessment, Outcome, Target

# -- pieces shared by the cells ---------------------------------------------------


def assessment_of(target: Target) -> Assessment | None:
    try:
        return target.assessment
    except Assessment.DoesNotExist:
        return None


def target_url(target_pk: int, as_of: date | None = None) -> str:
    """A target's page; a report viewed as of a date links to the target as
    of the same date."""
    url = reverse("tracker:target-detail", args=[target_pk])
    return f"{url}?as_of={as_of.isoformat()}" if as_of else url


def target_figure(target: Target) -> SafeString:
    """``≥ 20%``, with 力争 flagged: aspirational targets are computed the same
    but a manager must see which ones were promised only as an effort."""
    text = figure_text(target.comparator, target.value, target.value_high, target.unit)
    if target.commitment == "aspirational":
        return format_html(
            '{} <span class="tag aspirational">{}</span>', text, label("aspirational")
        )
    return format_html("{}", text)


def outcome_anchor(outcome: Outcome) -> str:
    return f"{reverse('tracker:document', args=[outcome.document.slug])}#outcome-{outcome.pk}"


def evidence_cell(outcome: Outcome | None) -> SafeString:
    """The figure the status rests on, its period, linked to its quote."""
    if outcome is None:
        return format_html('<span class="muted">{}</span>', _("无"))
    proxy = (
        format_html(' <span class="tag proxy">{}</span>', _("替代指标")) if outcome.is_proxy else ""
    )
    return format_html(
        '<a href="{}" title="{}">{}</a> <span class="period">{}</span>{}',
        outcome_anchor(outcome),
        outcome.quote,
        figure_text(outcome.qualifier, outcome.value, outcome.value_high, outcome.unit),
        period_text(outcome.period_start, outcome.period_end),
        proxy,
    )


# -- target reports ---------------------------------------------------------------


class TargetReportTable(tables.Table):
    """A plan's targets: the target as a person reads it, the evidence, the
    status with its grade, the lead unit and the commitment. Every sort ends
    on the id, so ties never shuffle rows between pages."""

    code = DataColumn(
        verbose_name=_("编号"),
        linkify=lambda record, table: target_url(record.pk, table.as_of),
        order_by=("code", "id"),
    )
    indicator = DataColumn(
        verbose_name=_("指标"),
        linkify=lambda record, table: target_url(record.pk, table.as_of),
        order_by=("indicator", "id"),
    )
    figure = tables.Column(
        verbose_name=_("目标"), accessor="pk", orderable=False, attrs={"td": {"class": "figure"}}
    )
    period = tables.Column(
        verbose_name=_("考核期"), accessor="pk", order_by=("period_end", "period_start", "id")
    )
    evidence = tables.Column(
        verbose_name=_("依据（报告值 · 统计期）"), accessor="pk", orderable=False
    )
    grade = tables.Column(verbose_name=_("证据等级"), accessor="pk", order_by=("grade_rank", "id"))
    status = tables.Column(
        verbose_name=_("状态"),
        accessor="pk",
        order_by=("status_rank", "id"),
        attrs={"td": {"class": "status"}},
    )
    lead_unit = tables.Column(
        verbose_name=_("牵头单位"), accessor="pk", order_by=("lead_unit_name", "id")
    )
    commitment = tables.Column(
        verbose_name=pgettext_lazy("heading", "约束性"),
        accessor="pk",
        order_by=("commitment", "id"),
    )

    class Meta:
        model = Target
        fields = ()
        sequence = (
            "code",
            "indicator",
            "figure",
            "period",
            "evidence",
            "grade",
            "status",
            "lead_unit",
            "commitment",
        )
        per_page = 25
        attrs = {"class": "report"}
        empty_text = _("没有符合条件的目标。")

    def __init__(
        self,
        *args: Any,
        as_of: date | None = None,
        assessments: Mapping[int, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        """``as_of`` and ``assessments``: a report viewed as of a past date
        shows the statuses computed for it (``selectors.assessments_as_of``)
        instead of the stored ones."""
        self.as_of = as_of
        self.assessments = assessments
        super().__init__(*args, **kwargs)

    def assessment_for(self, record: Target) -> Any:
        if self.assessments is not None:
            return self.assessments.get(record.pk)
        return assessment_of(record)

    def render_figure(self, record: Target) -> str:
        # 力争 has its own column here.
        return figure_text(record.comparator, record.value, record.value_high, record.unit)

    def render_period(self, record: Target) -> str:
        return period_text(record.period_start, record.period_end)

    def render_evidence(self, record: Target) -> SafeString:
        assessment = self.assessment_for(record)
        return evidence_cell(assessment.outcome if assessment else None)

    def render_grade(self, record: Target) -> str:
        assessment = self.assessment_for(record)
        if assessment is None or not assessment.grade:
            return EMPTY
        return label(assessment.grade)

    def render_status(self, record: Target) -> SafeString:
        assessment = self.assessment_for(record)
        if assessment is None:
            return status_badge(None, None)
        return status_badge(
            assessment.status, assessment.grade, assessment.indicative, assessment.reason_code
        )

    def render_lead_unit(self, record: Target) -> SafeString | str:
        if not record.lead_unit_id:
            return EMPTY
        return format_html(
            '<a href="{}">{}</a>',
            reverse("tracker:unit-detail", args=[record.lead_unit_id]),
            zh(record.lead_unit_name),
        )

    def render_commitment(self, record: Target) -> SafeString:
        css = "tag aspirational" if record.commitment == "aspirational" else "tag"
        return format_html('<span class="{}">{}</span>', css, label(record.commitment))


class UnitTargetTable(TargetReportTable):
    """A unit's targets across plans, with its role on each."""

    plan = DataColumn(
        verbose_name=_("规划"),
        accessor="plan__title",
        linkify=lambda record: reverse("tracker:plan-report", args=[record.plan.slug]),
        order_by=("plan__title", "plan_id", "id"),
    )
    role = tables.Column(verbose_name=_("分工"), accessor="pk", order_by=("unit_role", "id"))

    class Meta(TargetReportTable.Meta):
        sequence = (
            "plan",
            "code",
            "indicator",
            "figure",
            "period",
            "evidence",
            "grade",
            "status",
            "role",
            "lead_unit",
            "commitment",
        )

    def render_role(self, record: Target) -> str:
        return label(record.unit_role) if record.unit_role else EMPTY
