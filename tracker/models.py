"""Django's view of the tracker's tables.

The tables belong to SQLAlchemy + Alembic (``tracker/schema.py``); these
models are ``managed = False`` mirrors so the admin, forms and pages can use
them. ``tests/test_schema_drift.py`` fails on any difference between the two.
Writes go through ``tracker.services``, never straight through ``save()``
from views, so validation and the audit trail live in one place.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from tracker import validation
from tracker import vocabulary as v
from tracker.labels import choices

FIGURE = {"max_digits": 24, "decimal_places": 6}


def _user(related_name: str, verbose_name: str) -> models.ForeignKey:
    # No database foreign key into auth_user: Django owns that table, Alembic
    # owns ours, and neither should depend on the other's migrations. No index
    # either: the lookups by person (a user's drafts) filter by state first.
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )


def _created_at() -> models.DateTimeField:
    return models.DateTimeField(_("创建时间"), auto_now_add=True, db_default=Now())


def _updated_at() -> models.DateTimeField:
    return models.DateTimeField(_("修改时间"), auto_now=True, db_default=Now())


def _version() -> models.IntegerField:
    # Checked and raised by the services on every write (optimistic
    # concurrency); the admin carries it in a hidden field.
    return models.IntegerField(_("版本"), default=1, db_default=1)


def _notes() -> models.TextField:
    return models.TextField(_("备注"), blank=True, default="", db_default="")


class Unit(models.Model):
    name = models.CharField(_("名称"), max_length=200)
    is_collective = models.BooleanField(
        _("集合单位"),
        default=False,
        db_default=False,
        help_text=_("如“各开发区管委会”“各县(市、区)政府”。"),
    )
    notes = _notes()
    created_at = _created_at()
    version = _version()

    class Meta:
        managed = False
        db_table = "tracker_unit"
        ordering = ["name"]
        verbose_name = _("责任单位")
        verbose_name_plural = _("责任单位")
        constraints = [
            models.UniqueConstraint(fields=["name"], name="uq_tracker_unit_name"),
        ]

    def __str__(self) -> str:
        return self.name


class UnitAlias(models.Model):
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("责任单位")
    )
    alias = models.CharField(_("别名"), max_length=200)
    version = _version()

    class Meta:
        managed = False
        db_table = "tracker_unit_alias"
        ordering = ["alias"]
        verbose_name = _("单位别名")
        verbose_name_plural = _("单位别名")
        constraints = [
            models.UniqueConstraint(fields=["alias"], name="uq_tracker_unit_alias_alias"),
        ]

    def __str__(self) -> str:
        return self.alias


class Document(models.Model):
    # The unique constraint's index serves lookups: no second index.
    slug = models.SlugField(_("标识"), max_length=100, allow_unicode=True, db_index=False)
    title = models.CharField(_("标题"), max_length=300)
    issuer = models.CharField(_("发布机关"), max_length=200, blank=True, default="", db_default="")
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=choices(v.DOCUMENT_KINDS))
    url = models.URLField(_("网址"), max_length=500, blank=True, default="", db_default="")
    text = models.TextField(_("全文"), blank=True, default="", db_default="")
    created_at = _created_at()
    version = _version()

    class Meta:
        managed = False
        db_table = "tracker_document"
        ordering = ["-published_on", "title"]
        verbose_name = _("文件")
        verbose_name_plural = _("文件")
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="uq_tracker_document_slug"),
        ]

    def __str__(self) -> str:
        if self.published_on:
            return f"{self.title}（{self.published_on:%Y-%m-%d}）"
        return self.title


class Plan(models.Model):
    # The unique constraint's index serves lookups: no second index.
    slug = models.SlugField(_("标识"), max_length=100, allow_unicode=True, db_index=False)
    title = models.CharField(_("名称"), max_length=300)
    issuer = models.CharField(_("印发机关"), max_length=200, blank=True, default="", db_default="")
    jurisdiction = models.CharField(
        _("行政区域"), max_length=100, blank=True, default="", db_default=""
    )
    issued_on = models.DateField(_("印发日期"), null=True, blank=True)
    period_start = models.DateField(_("起始日期"))
    period_end = models.DateField(_("截止日期"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("上位规划"),
    )
    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("规划原文"),
    )
    notes = _notes()
    created_at = _created_at()
    updated_at = _updated_at()
    version = _version()

    class Meta:
        managed = False
        db_table = "tracker_plan"
        ordering = ["-period_start", "title"]
        verbose_name = _("规划")
        verbose_name_plural = _("规划")
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="uq_tracker_plan_slug"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        validation.check_period(self.period_start, self.period_end)


class Target(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="targets", verbose_name=_("规划")
    )
    code = models.CharField(_("编号"), max_length=50)
    statement = models.TextField(_("原文表述"))
    source_quote = models.TextField(_("出处原文"), blank=True, default="", db_default="")
    indicator = models.CharField(_("指标"), max_length=200)
    indicator_aliases = models.TextField(
        _("指标别名"), blank=True, default="", db_default="", help_text=_("每行一个。")
    )
    comparator = models.CharField(_("比较方式"), max_length=20, choices=choices(v.COMPARATORS))
    value = models.DecimalField(_("目标值"), **FIGURE)
    value_high = models.DecimalField(
        _("目标上限"), null=True, blank=True, help_text=_("仅用于区间目标。"), **FIGURE
    )
    unit = models.CharField(_("计量单位"), max_length=20)
    tolerance = models.DecimalField(
        _("容差"),
        null=True,
        blank=True,
        help_text=_("“左右”的允许偏差（与目标同单位）；留空则为目标值的5%。"),
        **FIGURE,
    )
    period_start = models.DateField(_("起始日期"))
    period_end = models.DateField(_("截止日期"))
    direction = models.CharField(
        _("方向"),
        max_length=20,
        choices=choices(v.DIRECTIONS),
        default="higher",
        db_default="higher",
    )
    commitment = models.CharField(
        _("约束性"),
        max_length=20,
        choices=choices(v.COMMITMENTS),
        default="firm",
        db_default="firm",
    )
    measure = models.CharField(
        _("计量类型"),
        max_length=20,
        choices=choices(v.MEASURES),
        help_text=_(
            "时点值：占比、强度、存量，看期末的值；期内累计量：投资额、项目数、压减产能，"
            "须从考核期起点起算；变化率：增速、降幅，只看本考核期自己的数据。"
        ),
    )
    growth = models.CharField(
        _("增长路径"),
        max_length=20,
        choices=choices(v.GROWTH_PATHS),
        default="linear",
        db_default="linear",
    )
    baseline_value = models.DecimalField(_("基期值"), null=True, blank=True, **FIGURE)
    baseline_date = models.DateField(_("基期日期"), null=True, blank=True)
    locked_at = models.DateTimeField(_("锁定时间"), null=True, blank=True)
    locked_by = _user("+", _("锁定人"))
    notes = _notes()
    created_at = _created_at()
    updated_at = _updated_at()
    version = _version()
    units = models.ManyToManyField(
        Unit, through="Assignment", related_name="targets", verbose_name=_("责任单位")
    )

    class Meta:
        managed = False
        db_table = "tracker_target"
        ordering = ["plan", "code"]
        permissions = [
            ("lock_target", _("可锁定或解锁目标期")),
            ("export_attainment", _("可导出完成情况CSV")),
        ]
        verbose_name = _("目标")
        verbose_name_plural = _("目标")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="uq_tracker_target_plan_id_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.indicator}"

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    def clean(self) -> None:
        validation.check_period(self.period_start, self.period_end)
        validation.check_range(self.comparator, self.value, self.value_high, field="value_high")
        validation.check_baseline_pair(self.baseline_value, self.baseline_date)
        validation.check_baseline_date(self.baseline_date, self.period_end)
        validation.check_tolerance(self.tolerance)
        if self.unit:
            validation.check_unit_known(self.unit)


class Assignment(models.Model):
    target = models.ForeignKey(
        Target, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("目标")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("责任单位")
    )
    role = models.CharField(_("角色"), max_length=20, choices=choices(v.ASSIGNMENT_ROLES))
    position = models.SmallIntegerField(_("排序"), default=0, db_default=0)
    version = _version()

    class Meta:
        managed = False
        db_table = "tracker_assignment"
        ordering = ["target", "position"]
        verbose_name = _("责任分工")
        verbose_name_plural = _("责任分工")
        constraints = [
            models.UniqueConstraint(
                fields=["target", "unit"], name="uq_tracker_assignment_target_id_unit_id"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_role_display()}"


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


# The unit registry's model lives in its own module (its own concern); it is
# re-exported here so ``tracker.models`` names every model of the app.
from tracker.units_of_measure import UnitOfMeasure  # noqa: E402, F401
