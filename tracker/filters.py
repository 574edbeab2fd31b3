"""Filters of the target reports (django-filter): each narrows the QuerySet,
so filtering happens in the database and the CSV export of a page exports
exactly the rows the page shows. Viewed as of a past date, the status and
grade filters use the statuses computed for that date, not the stored ones."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tracker.datalang import DataSelect
from tracker.labels import choices
from tracker.models import Plan, Target, Unit
from tracker.vocabulary import ASSIGNMENT_ROLES, COMMITMENTS, EVIDENCE_GRADES, STATUSES


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
        method="filter_assessment",
    )
    grade = django_filters.ChoiceFilter(
        label=_("证据等级"),
        field_name="assessment__grade",
        choices=choices(EVIDENCE_GRADES),
        empty_label=_("全部"),
        null_label=_("无证据"),
        method="filter_assessment",
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

    def __init__(
        self,
        *args: Any,
        omit: tuple[str, ...] = (),
        as_of_assessments: Mapping[int, Any] | None = None,
        choice_targets: QuerySet[Target] | None = None,
        unit_choices: QuerySet[Unit] | None = None,
        **kwargs: Any,
    ) -> None:
        """``omit`` drops filters a page fixes itself (the plan on a plan's
        report, the unit on a unit's page); ``as_of_assessments`` are the
        statuses of a view as of a past date (``selectors.assessments_as_of``).
        The choices (years, units, plans) come from the page's targets:
        ``choice_targets`` when the page has them as a plain QuerySet (no
        joins for the statuses), ``unit_choices`` when it knows its units
        from the stored rollups."""
        self.as_of_assessments = as_of_assessments
        super().__init__(*args, **kwargs)
        for name in omit:
            self.filters.pop(name, None)
        base: QuerySet[Target] = (
            choice_targets if choice_targets is not None else self.queryset
        ).order_by()
        if "year" in self.filters:
            years = base.values_list("period_end__year", flat=True).distinct()
            self.filters["year"].extra["choices"] = [(y, str(y)) for y in sorted(set(years))]
        if "unit" in self.filters:
            if unit_choices is None:
                unit_choices = Unit.objects.filter(
                    assignments__target__in=base.values("pk")
                ).distinct()
            self.filters["unit"].queryset = unit_choices.order_by("name")
        if "plan" in self.filters:
            # The plans of the page's targets, not every plan (3,000 at scale).
            plans = Plan.objects.filter(pk__in=base.values("plan_id"))
            self.filters["plan"].queryset = plans

    def filter_assessment(self, queryset: QuerySet[Target], name: str, value: str) -> QuerySet:
        """Status or grade: the stored one, or the one computed as of a date."""
        field = name.split("__")[-1]
        wanted = None if value == self.filters[field].null_value else value
        if self.as_of_assessments is None:
            return queryset.filter(**{name: wanted} if wanted else {f"{name}__isnull": True})
        chosen = [pk for pk, a in self.as_of_assessments.items() if getattr(a, field) == wanted]
        return queryset.filter(pk__in=chosen)
