"""The review queue's tables (django-tables2): outcomes beside their target,
with the reviewer's or the author's actions. Split from ``tracker.tables``
(the report tables): a different reader, a different job."""

from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from tracker.datalang import zh
from tracker.formatting import figure_text, period_text
from tracker.labels import label
from tracker.models import Outcome
from tracker.tables import outcome_anchor, target_figure


def _target_cell(outcome: Outcome) -> SafeString:
    target = outcome.target
    return format_html(
        '<a href="{}"><strong>{} {}</strong></a><div class="statement">{}</div>'
        '<div class="muted">{}：{} · {}</div>',
        reverse("tracker:target-detail", args=[target.pk]),
        zh(target.code),
        zh(target.indicator),
        zh(target.statement),
        _("目标"),
        target_figure(target),
        zh(target.plan.title),
    )


def _reported_cell(outcome: Outcome) -> SafeString:
    proxy = ""
    if outcome.is_proxy:
        proxy = format_html(
            '<div><span class="tag proxy">{}</span> {}</div>',
            _("替代指标"),
            zh(outcome.reported_indicator),
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
        zh(outcome.quote),
        outcome_anchor(outcome),
        zh(outcome.document.title),
    )


class _OutcomeRowTable(tables.Table):
    """What every review row shows: the target, the reported figure and its
    quote (subclasses add their own columns and order them with ``sequence``)."""

    target = tables.Column(verbose_name=_("目标"), accessor="pk", orderable=False)
    reported = tables.Column(verbose_name=_("报告值"), accessor="pk", orderable=False)
    quote = tables.Column(verbose_name=_("原文引述"), accessor="pk", orderable=False)

    #: The row to focus after an action (``tracker.views.review``).
    focused_pk: int | None = None

    class Meta:
        attrs = {"class": "report review"}
        per_page = 20
        row_attrs = {
            "tabindex": lambda table, record: "-1" if record.pk == table.focused_pk else None,
            "autofocus": lambda table, record: "" if record.pk == table.focused_pk else None,
        }

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
            zh(record.review_comment),
        )
