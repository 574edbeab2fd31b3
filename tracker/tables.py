"""The report tables (django-tables2): one class per presentation, variants by
``Meta`` inheritance (docs/architecture.md section 6). Every sortable column names the database
expression it sorts by, so sorting happens in SQL, never in Python."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tracker.charts import status_bar
from tracker.formatting import EMPTY, figure_text, period_text, rate_text, status_badge
from tracker.labels import LABELS, label
from tracker.models import Assessment, Outcome, Target
from tracker.vocabulary import STATUSES

# -- pieces shared by the cells ---------------------------------------------------


def assessment_of(target: Target) -> Assessment | None:
    try:
        return target.assessment
    except Assessment.DoesNotExist:
        return None


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

    code = tables.Column(
        verbose_name=_("编号"),
        linkify=("tracker:target-detail", [tables.A("pk")]),
        order_by=("code", "id"),
    )
    indicator = tables.Column(
        verbose_name=_("指标"),
        linkify=("tracker:target-detail", [tables.A("pk")]),
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
    status = tables.Column(verbose_name=_("状态"), accessor="pk", order_by=("status_rank", "id"))
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

    def render_figure(self, record: Target) -> str:
        # 力争 has its own column here.
        return figure_text(record.comparator, record.value, record.value_high, record.unit)

    def render_period(self, record: Target) -> str:
        return period_text(record.period_start, record.period_end)

    def render_evidence(self, record: Target) -> SafeString:
        assessment = assessment_of(record)
        return evidence_cell(assessment.outcome if assessment else None)

    def render_grade(self, record: Target) -> str:
        assessment = assessment_of(record)
        if assessment is None or not assessment.grade:
            return EMPTY
        return label(assessment.grade)

    def render_status(self, record: Target) -> SafeString:
        assessment = assessment_of(record)
        if assessment is None:
            return status_badge(None, None)
        return status_badge(assessment.status, assessment.grade, assessment.indicative)

    def render_lead_unit(self, record: Target) -> SafeString | str:
        if not record.lead_unit_id:
            return EMPTY
        return format_html(
            '<a href="{}">{}</a>',
            reverse("tracker:unit-detail", args=[record.lead_unit_id]),
            record.lead_unit_name,
        )

    def render_commitment(self, record: Target) -> SafeString:
        css = "tag aspirational" if record.commitment == "aspirational" else "tag"
        return format_html('<span class="{}">{}</span>', css, label(record.commitment))


class UnitTargetTable(TargetReportTable):
    """A unit's targets across plans, with its role on each."""

    plan = tables.Column(
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


# -- rollups ----------------------------------------------------------------------


def _count_column(status: str) -> tables.Column:
    return tables.Column(
        verbose_name=LABELS[status],
        attrs={"td": {"class": "num"}, "th": {"class": f"num st-head st-{status}"}},
    )


class RollupTable(tables.Table):
    """Counts per status, a stacked bar and the two rates, for rows of a
    Core rollup (``tracker.sqldata.SelectData``)."""

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
    bar = tables.Column(verbose_name=_("状态分布"), accessor="id", orderable=False)
    # Sorted by the SQL rate column; the rate shown is exact, from the counts.
    confirmed_rate = tables.Column(
        verbose_name=_("确认完成率"), attrs={"td": {"class": "num rate"}, "th": {"class": "num"}}
    )
    indicative_rate = tables.Column(
        verbose_name=_("参考完成率"), attrs={"td": {"class": "num rate"}, "th": {"class": "num"}}
    )

    class Meta:
        attrs = {"class": "report rollup"}
        per_page = 50
        empty_text = _("暂无数据。")

    def render_bar(self, record: dict[str, Any]) -> SafeString:
        return status_bar({status: record[status] for status in STATUSES})

    def render_confirmed_rate(self, record: dict[str, Any]) -> str:
        return rate_text(record["met_final"], record["missed_final"])

    def render_indicative_rate(self, record: dict[str, Any]) -> str:
        return rate_text(record["met_indicative"], record["missed_indicative"])


_ROLLUP_SEQUENCE = ("targets", "bar", *STATUSES, "confirmed_rate", "indicative_rate")


class PlanListTable(RollupTable):
    title = tables.Column(
        verbose_name=_("规划"),
        linkify=lambda record: reverse("tracker:plan-report", args=[record["slug"]]),
        attrs={"td": {"class": "title"}},
    )
    jurisdiction = tables.Column(verbose_name=_("行政区域"))
    period = tables.Column(
        verbose_name=_("规划期"), accessor="id", order_by=("period_end", "period_start")
    )

    class Meta(RollupTable.Meta):
        sequence = ("title", "jurisdiction", "period", *_ROLLUP_SEQUENCE)
        order_by = ("-period", "title")

    def render_period(self, record: dict[str, Any]) -> str:
        return period_text(record["period_start"], record["period_end"])


class UnitRankingTable(RollupTable):
    name = tables.Column(verbose_name=_("责任单位"))

    class Meta(RollupTable.Meta):
        sequence = ("name", *_ROLLUP_SEQUENCE)
        # Equal rates: the unit with more targets met first.
        order_by = ("-confirmed_rate", "-indicative_rate", "-met", "name")

    def render_name(self, record: dict[str, Any], value: str) -> SafeString:
        return format_html(
            '<a href="{}">{}</a>', reverse("tracker:unit-detail", args=[record["id"]]), value
        )


# -- review -----------------------------------------------------------------------


def _target_cell(outcome: Outcome) -> SafeString:
    target = outcome.target
    return format_html(
        '<a href="{}"><strong>{} {}</strong></a><div class="statement">{}</div>'
        '<div class="muted">{}：{} · {}</div>',
        reverse("tracker:target-detail", args=[target.pk]),
        target.code,
        target.indicator,
        target.statement,
        _("目标"),
        target_figure(target),
        target.plan.title,
    )


def _reported_cell(outcome: Outcome) -> SafeString:
    proxy = ""
    if outcome.is_proxy:
        proxy = format_html(
            '<div><span class="tag proxy">{}</span> {}</div>',
            _("替代指标"),
            outcome.reported_indicator,
        )
    return format_html(
        '<strong class="figure">{}</strong><div class="period">{}</div>{}',
        figure_text(outcome.qualifier, outcome.value, outcome.value_high, outcome.unit),
        period_text(outcome.period_start, outcome.period_end),
        proxy,
    )


def _quote_cell(outcome: Outcome) -> SafeString:
    return format_html(
        '<blockquote class="quote">{}</blockquote><a href="{}">{}</a>',
        outcome.quote,
        outcome_anchor(outcome),
        outcome.document.title,
    )


class _OutcomeRowTable(tables.Table):
    """What every review row shows: the target, the reported figure and its
    quote (subclasses add their own columns and order them with ``sequence``)."""

    target = tables.Column(verbose_name=_("目标"), accessor="pk", orderable=False)
    reported = tables.Column(verbose_name=_("报告值"), accessor="pk", orderable=False)
    quote = tables.Column(verbose_name=_("原文引述"), accessor="pk", orderable=False)

    class Meta:
        attrs = {"class": "report review"}
        per_page = 20

    def render_target(self, record: Outcome) -> SafeString:
        return _target_cell(record)

    def render_reported(self, record: Outcome) -> SafeString:
        return _reported_cell(record)

    def render_quote(self, record: Outcome) -> SafeString:
        return _quote_cell(record)


class ReviewQueueTable(_OutcomeRowTable):
    """Submitted outcomes, oldest first, each beside its target, with the
    approve and return forms."""

    submitted_at = tables.DateTimeColumn(
        verbose_name=_("提交时间"), format="SHORT_DATETIME_FORMAT", orderable=False
    )
    entered_by = tables.Column(verbose_name=_("录入人"), orderable=False)
    actions = tables.TemplateColumn(
        verbose_name=_("审核"),
        template_name="tracker/includes/review_actions.html",
        orderable=False,
    )

    class Meta(_OutcomeRowTable.Meta):
        sequence = ("submitted_at", "target", "reported", "quote", "entered_by", "actions")
        empty_text = _("没有待审核的完成情况。")


class OwnOutcomeTable(_OutcomeRowTable):
    """A supervisor's drafts and returned outcomes, with the reviewer's
    comment and the submit button."""

    updated_at = tables.DateTimeColumn(
        verbose_name=_("修改时间"), format="SHORT_DATETIME_FORMAT", orderable=False
    )
    state = tables.Column(verbose_name=_("审核状态"), accessor="pk", orderable=False)
    actions = tables.TemplateColumn(
        verbose_name=_("操作"),
        template_name="tracker/includes/submit_action.html",
        orderable=False,
    )

    class Meta(_OutcomeRowTable.Meta):
        sequence = ("updated_at", "target", "reported", "quote", "state", "actions")
        empty_text = _("没有草稿或被退回的完成情况。")

    def render_state(self, record: Outcome) -> SafeString:
        badge = format_html(
            '<span class="badge state-{}">{}</span>', record.state, label(record.state)
        )
        if record.state != "returned":
            return badge
        return format_html(
            '{}<div class="review-comment"><strong>{}</strong>{}</div>',
            badge,
            _("审核意见（%(reviewer)s）：")
            % {"reviewer": record.reviewed_by.get_username() if record.reviewed_by else "—"},
            record.review_comment,
        )
