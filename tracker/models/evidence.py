"""What supervisors and auditors enter or read back: outcomes with their
quotes, the audit trail, the reader's refused proposals.
"""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from tracker import validation
from tracker import vocabulary as v
from tracker.labels import choices
from tracker.models.fields import FIGURE, _created_at, _notes, _updated_at, _user, _version
from tracker.models.plans import Document, Target


class Outcome(models.Model):
    target = models.ForeignKey(
        Target, on_delete=models.PROTECT, related_name="outcomes", verbose_name=_("目标")
    )
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="outcomes", verbose_name=_("出处文件")
    )
    value = models.DecimalField(_("报告值"), **FIGURE)
    value_high = models.DecimalField(_("报告值上限"), null=True, blank=True, **FIGURE)
    qualifier = models.CharField(
        _("限定"),
        max_length=20,
        choices=choices(v.QUALIFIERS),
        default="exact",
        db_default="exact",
    )
    unit = models.CharField(_("计量单位"), max_length=20)
    period_start = models.DateField(_("统计期起"))
    period_end = models.DateField(_("统计期止"))
    quote = models.TextField(_("原文引述"), help_text=_("须与出处文件全文逐字一致。"))
    quote_start = models.IntegerField(_("引述起始位置"), null=True, blank=True)
    quote_end = models.IntegerField(_("引述结束位置"), null=True, blank=True)
    is_proxy = models.BooleanField(
        _("替代指标"),
        default=False,
        db_default=False,
        help_text=_("报告的是相近而非同一指标（如以“高技术制造业”代“高技术产业”）。"),
    )
    reported_indicator = models.CharField(
        _("报告指标"), max_length=200, blank=True, default="", db_default=""
    )
    state = models.CharField(
        _("审核状态"),
        max_length=20,
        choices=choices(v.OUTCOME_STATES),
        default="draft",
        db_default="draft",
    )
    review_comment = models.TextField(_("审核意见"), blank=True, default="", db_default="")
    reviewed_by = _user("+", _("审核人"))
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    entered_by = _user("+", _("录入人"))
    last_edited_by = _user("+", _("最后修改人"))
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawn_by = _user("+", _("撤回人"))
    withdrawal_reason = models.TextField(_("撤回理由"), blank=True, default="", db_default="")
    notes = _notes()
    created_at = _created_at()
    updated_at = _updated_at()
    version = _version()

    class Meta:
        managed = False
        db_table = "tracker_outcome"
        ordering = ["target", "-period_end"]
        permissions = [("review_outcome", _("可审核（通过或退回）完成情况"))]
        # Index names: Django allows 30 characters, so these are shorter than
        # the table's (ix_tracker_outcome_state_submitted_at); the drift check
        # compares columns.
        indexes = [
            models.Index(fields=["state", "submitted_at"], name="ix_outcome_state_submitted")
        ]
        verbose_name = _("实际完成情况")
        verbose_name_plural = _("实际完成情况")

    def __str__(self) -> str:
        return f"{self.target.code} {self.value.normalize():f}{self.unit}"

    def clean(self) -> None:
        """Rules a reviewer would otherwise catch by hand: a period that runs
        forwards, a known unit, a quote that really is in the cited document
        (its offsets are derived, never typed)."""
        validation.check_period(self.period_start, self.period_end)
        validation.check_range(self.qualifier, self.value, self.value_high, field="value_high")
        validation.check_proxy_indicator(self.is_proxy, self.reported_indicator)
        if self.unit:
            # Known, or refused; a known unit that cannot convert to the
            # target's is kept and warned about (validation.incomparable_units_warning).
            validation.check_unit_known(self.unit)
        if self.document_id and self.quote:
            self.quote_start, self.quote_end = validation.locate_quote(
                self.quote, self.document.text
            )


class AuditEvent(models.Model):
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_default=Now())
    actor = _user("+", _("操作人"))
    action = models.CharField(_("操作"), max_length=40, choices=choices(v.AUDIT_ACTIONS))
    entity = models.CharField(_("对象类型"), max_length=40)
    entity_id = models.BigIntegerField(_("对象编号"))
    # No default: the table has none, and every event states its changes.
    changes = models.JSONField(_("变更内容"))
    comment = models.TextField(_("说明"), blank=True, default="", db_default="")
    via = models.CharField(_("途径"), max_length=40, blank=True, default="", db_default="")

    class Meta:
        managed = False
        db_table = "tracker_audit_event"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["entity", "entity_id"], name="ix_audit_event_entity")]
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.entity}#{self.entity_id}"


class ProposalRejection(models.Model):
    """A supervisor's no to the reader's proposal for a target from a
    document (issue 13): that target is not proposed from it again. Written
    by ``tracker.services.proposals``."""

    # No index of its own: the unique (document, target) leads with it.
    document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        verbose_name=_("文件"),
    )
    target = models.ForeignKey(
        Target, on_delete=models.CASCADE, related_name="+", verbose_name=_("目标")
    )
    rejected_by = _user("+", _("拒绝人"))
    rejected_at = models.DateTimeField(_("拒绝时间"), auto_now_add=True, db_default=Now())
    reason = models.TextField(_("拒绝理由"), blank=True, default="", db_default="")

    class Meta:
        managed = False
        db_table = "tracker_proposal_rejection"
        verbose_name = _("已拒绝的完成情况建议")
        verbose_name_plural = _("已拒绝的完成情况建议")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "target"],
                name="uq_tracker_proposal_rejection_document_id_target_id",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_id}/{self.target_id}"
