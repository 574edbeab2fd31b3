"""Derived rows the tracker rebuilds itself (stored statuses, the freshness
marker, rollups): read by pages, never written from a form.
"""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from tracker import vocabulary as v
from tracker.labels import choices
from tracker.models.evidence import Outcome
from tracker.models.fields import FIGURE
from tracker.models.plans import Plan, Target, Unit


class Assessment(models.Model):
    """A target's status as of a date (derived; see ``tracker.analytics``).

    Stored so pages filter, sort and page by status in the database; never
    edited by hand: ``tracker.analytics.assessments`` rebuilds it."""

    target = models.OneToOneField(
        Target,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="assessment",
        verbose_name=_("目标"),
    )
    as_of = models.DateField(_("评估日期"))
    status = models.CharField(_("状态"), max_length=20, choices=choices(v.STATUSES))
    # NULL, not "": "no evidence" must not pass the grade check as a word.
    grade = models.CharField(  # noqa: DJ001
        _("证据等级"), max_length=20, choices=choices(v.EVIDENCE_GRADES), null=True, blank=True
    )
    outcome = models.ForeignKey(
        Outcome,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("依据"),
    )
    indicative = models.BooleanField(_("仅供参考"), default=False, db_default=False)
    progress_ratio = models.DecimalField(_("进度比"), null=True, blank=True, **FIGURE)
    band = models.CharField(_("进度区间"), max_length=30, null=True, blank=True)  # noqa: DJ001
    # Rendered by tracker.reason_text, not by a choices label.
    reason_code = models.CharField(
        _("说明代码"), max_length=40, choices=[(code, code) for code in v.REASON_CODES]
    )
    reason_params = models.JSONField(_("说明参数"))
    computed_at = models.DateTimeField(_("计算时间"), auto_now=True, db_default=Now())

    class Meta:
        managed = False
        db_table = "tracker_assessment"
        indexes = [models.Index(fields=["status", "grade"], name="ix_assessment_status_grade")]
        verbose_name = _("完成状态")
        verbose_name_plural = _("完成状态")

    def __str__(self) -> str:
        return f"{self.target_id}: {self.status}"


class StatusRefresh(models.Model):
    """One row: the date every stored status is valid for (derived; written
    by ``tracker.analytics.assessments``, read by the report pages)."""

    as_of = models.DateField(_("状态日期"))
    refreshed_at = models.DateTimeField(_("刷新时间"), auto_now=True, db_default=Now())
    targets = models.IntegerField(_("刷新目标数"), default=0, db_default=0)

    class Meta:
        managed = False
        db_table = "tracker_status_refresh"
        verbose_name = _("状态刷新")
        verbose_name_plural = _("状态刷新")

    def __str__(self) -> str:
        return str(self.as_of)


def _count() -> models.IntegerField:
    return models.IntegerField(default=0, db_default=0)


class RollupCounts(models.Model):
    """The counts a stored rollup row carries (``tracker.schema.ROLLUP_COUNT_COLUMNS``)."""

    targets = _count()
    met = _count()
    missed = _count()
    indeterminate = _count()
    on_track = _count()
    off_track = _count()
    overdue = _count()
    no_data = _count()
    incomparable = _count()
    met_final = _count()
    missed_final = _count()
    met_indicative = _count()
    missed_indicative = _count()
    reported = _count()
    due = _count()
    behind = _count()

    class Meta:
        abstract = True


class PlanRollup(RollupCounts):
    """A plan's stored rollup (derived; ``tracker.analytics.stored_rollups``)."""

    plan = models.OneToOneField(
        Plan, on_delete=models.CASCADE, primary_key=True, related_name="+", verbose_name=_("规划")
    )

    class Meta:
        managed = False
        db_table = "tracker_plan_rollup"
        verbose_name = _("规划汇总")
        verbose_name_plural = _("规划汇总")

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.targets}"


class UnitRollup(RollupCounts):
    """A unit's stored rollup, per plan (or over all: ``plan`` NULL); the
    unassigned row has ``unit`` NULL (derived; ``tracker.analytics.stored_rollups``)."""

    scope = models.CharField(
        _("统计口径"), max_length=20, choices=[("lead", "lead"), ("all", "all")]
    )
    plan = models.ForeignKey(
        Plan,
        on_delete=models.CASCADE,
        null=True,
        db_index=False,
        related_name="+",
        verbose_name=_("规划"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, related_name="+", verbose_name=_("责任单位")
    )

    class Meta:
        managed = False
        db_table = "tracker_unit_rollup"
        indexes = [
            models.Index(fields=["plan", "scope", "unit"], name="ix_unit_rollup_plan_scope"),
        ]
        verbose_name = _("单位汇总")
        verbose_name_plural = _("单位汇总")

    def __str__(self) -> str:
        return f"{self.scope} {self.plan_id} {self.unit_id}: {self.targets}"
