"""Filters of the target reports (django-filter): each narrows the QuerySet,
so filtering happens in the database and the CSV export of a page exports
exactly the rows the page shows."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tracker.datalang import DataSelect
from tracker.labels import choices
from tracker.models import Plan, Target, Unit
from tracker.vocabulary import ASSIGNMENT_ROLES, COMMITMENTS, GRADES, STATUSES


class TargetReportFilter(django_filters.FilterSet):
    """Plan, unit, status, grade, commitment and the year the period ends."""

    plan = django_filters.ModelChoiceFilter(
        label=_("规划"), queryset=Plan.objects.all(), empty_label=_("全部"), widget=DataSelect
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("责任单位"),
        field_name="assignments__unit",
        queryset=Unit.objects.all(),
        empty_label=_("全部"),
        widget=DataSelect,
    )
    role = django_filters.ChoiceFilter(
        label=_("分工"),
        field_name="unit_role",
        choices=choices(ASSIGNMENT_ROLES),
        empty_label=_("全部"),
    )
    status = django_filters.ChoiceFilter(
        label=_("状态"),
        field_name="assessment__status",
        choices=choices(STATUSES),
        empty_label=_("全部"),
    )
    grade = django_filters.ChoiceFilter(
        label=_("证据等级"),
        field_name="assessment__grade",
        choices=choices(GRADES),
        empty_label=_("全部"),
        null_label=_("无证据"),
    )
    commitment = django_filters.ChoiceFilter(
        label=pgettext_lazy("heading", "约束性"),
        choices=choices(COMMITMENTS),
        empty_label=_("全部"),
    )
    year = django_filters.ChoiceFilter(
        label=_("考核期截止年份"), field_name="period_end__year", empty_label=_("全部")
    )

    class Meta:
        model = Target
        fields: list[str] = []

    def __init__(self, *args: Any, omit: tuple[str, ...] = (), **kwargs: Any) -> None:
        """``omit`` drops filters a page fixes itself (the plan on a plan's
        report, the unit on a unit's page)."""
        super().__init__(*args, **kwargs)
        for name in omit:
            self.filters.pop(name, None)
        base: QuerySet[Target] = self.queryset
        if "year" in self.filters:
            years = base.order_by().values_list("period_end__year", flat=True).distinct()
            self.filters["year"].extra["choices"] = [(y, str(y)) for y in sorted(set(years))]
        if "unit" in self.filters:
            units = Unit.objects.filter(assignments__target__in=base.order_by().values("pk"))
            self.filters["unit"].queryset = units.distinct().order_by("name")
