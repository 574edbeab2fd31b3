"""What planners enter: units and their aliases, documents, plans, targets
and the units answering for them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tracker import validation
from tracker import vocabulary as v
from tracker.labels import choices
from tracker.models.fields import FIGURE, _created_at, _notes, _updated_at, _user, _version


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
