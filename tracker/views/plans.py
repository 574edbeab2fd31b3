"""The plans list (home page) and a plan's report with its CSV export."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from tracker import selectors
from tracker.analytics.rollups import plan_rollup_select, rollup_from_row
from tracker.db import run_select
from tracker.models import Plan, Target
from tracker.rollup_tables import PlanListTable
from tracker.schema import plan as plan_table
from tracker.selectors import AsOfAssessment
from tracker.sqldata import SelectData
from tracker.status_bar import status_bar
from tracker.tables import TargetReportTable
from tracker.views.access import EXPORT, ReportAccessMixin
from tracker.views.paging import BoundedTableMixin
from tracker.views.reports import TargetExportView, TargetReportView


class PlanListView(ReportAccessMixin, BoundedTableMixin, TemplateView):
    """Every plan with the spread of its statuses and its two rates."""

    template_name = "tracker/plan_list.html"
    extra_context = {"nav": "plans"}
    table_class = PlanListTable

    def get_table_data(self) -> SelectData:
        return SelectData(
            selectors.plan_list_select(),
            tiebreak=[plan_table.c.id],
            row_factory=selectors.rollup_row,
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if self.request.user.has_perm(EXPORT):
            context["export_url"] = reverse("tracker:export")
        return context


class PlanMixin:
    filter_omit = ("plan", "role")
    kwargs: dict[str, Any]

    def get_plan(self) -> Plan:
        if not hasattr(self, "_plan"):
            self._plan = get_object_or_404(
                Plan.objects.select_related("document", "parent"), slug=self.kwargs["slug"]
            )
        return self._plan

    def base_queryset(
        self, assessments: Mapping[int, AsOfAssessment] | None = None
    ) -> QuerySet[Target]:
        return selectors.plan_targets(self.get_plan().pk, assessments)


class PlanReportView(PlanMixin, TargetReportView):
    """A plan's targets, their evidence and statuses, filtered and sorted."""

    template_name = "tracker/plan_report.html"
    extra_context = {"nav": "plans"}
    table_class = TargetReportTable

    def export_path(self) -> str:
        return reverse("tracker:plan-export", args=[self.get_plan().slug])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plan = self.get_plan()
        assessments = self.as_of_assessments()
        if assessments is not None:
            rollup = selectors.rollup_as_of(assessments)["all"] if assessments else None
        else:
            rows = run_select(plan_rollup_select(plan_id=plan.pk))
            rollup = rollup_from_row(rows[0], name_column="title") if rows else None
        context.update(
            plan=plan,
            rollup=rollup,
            bar=status_bar(rollup.counts if rollup else {}, width=320, height=18),
        )
        return context


class PlanExportView(PlanMixin, TargetExportView):
    def filename(self) -> str:
        return f"attainment-{self.get_plan().slug}"
