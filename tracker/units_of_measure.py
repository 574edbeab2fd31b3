"""Django's view of ``tracker_unit_of_measure``: the units a tracker knows.

Kept beside ``tracker/models/`` (which mirrors the plan, target and
outcome tables, and re-exports this model) because the registry is its own
concern: a row is a unit's name, its dimension and its factor to the
dimension's base unit; 万/亿/万亿 forms of every name come free
(``tracker.domain.units``). Built-in rows mirror the code's seed and are
kept by ``manage.py migrate``; planners add their own in the admin, through
``tracker.services.units``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tracker.domain import starts_with_magnitude


class UnitOfMeasure(models.Model):
    name = models.CharField(
        _("名称"),
        max_length=18,
        help_text=_("如“标准箱”。不写万、亿：万标准箱、亿标准箱、万亿标准箱自动可用。"),
    )
    dimension = models.CharField(
        _("量纲"),
        max_length=50,
        help_text=_(
            "同一量纲的单位才能相互换算（如 mass、area、count）；新量纲请起一个新名称，"
            "其第一个单位的系数为1。"
        ),
    )
    factor = models.DecimalField(
        _("换算系数"),
        max_digits=30,
        decimal_places=12,
        help_text=_("1个该单位等于多少个本量纲的基准单位（系数为1的单位），须为精确小数。"),
    )
    builtin = models.BooleanField(_("内置"), default=False, db_default=False, editable=False)
    notes = models.TextField(_("备注"), blank=True, default="", db_default="")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, db_default=Now())
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True, db_default=Now())

    class Meta:
        managed = False
        db_table = "tracker_unit_of_measure"
        ordering = ["dimension", "factor", "name"]
        verbose_name = _("计量单位")
        verbose_name_plural = _("计量单位")
        constraints = [
            models.UniqueConstraint(fields=["name"], name="uq_tracker_unit_of_measure_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """A name is read one way only: no spaces, no leading 万/亿 (a
        magnitude), and a factor that is a positive exact decimal."""
        errors: dict[str, ValidationError] = {}
        name = self.name or ""
        if name != name.strip() or any(char.isspace() for char in name):
            errors["name"] = ValidationError(gettext("名称不能含空格。"), code="unit_name_space")
        elif starts_with_magnitude(name):
            errors["name"] = ValidationError(
                gettext("名称不能以“万”或“亿”开头：万、亿、万亿会自动加在每个单位前。"),
                code="unit_name_magnitude",
            )
        dimension = self.dimension or ""
        if any(char.isspace() for char in dimension):
            errors["dimension"] = ValidationError(
                gettext("量纲不能含空格。"), code="unit_dimension_space"
            )
        if self.factor is not None and self.factor <= 0:
            errors["factor"] = ValidationError(
                gettext("换算系数须大于0。"), code="unit_factor_sign"
            )
        if errors:
            raise ValidationError(errors)
