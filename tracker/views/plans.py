"""The plans list (home page) and a plan's report with its CSV export."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from tracker import selectors
from tracker.analytics.rollups import Rollup, plan_rollup_select, rollup_from_row
from tracker.db import run_select
from tracker.models import Plan, Target, Unit
from tracker.rollup_tables import PlanListTable
from tracker.schema import plan as plan_table
from tracker.schema import target as target_table
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

    def choice_targets(self) -> QuerySet[Target]:
        return Target.objects.filter(plan_id=self.get_plan().pk)

    def unit_choices(self) -> QuerySet[Unit]:
        # The plan's units from its stored rollup rows, not a join over its
        # assignments (every unit with an assignment has a row, scope "all").
        return selectors.plan_units(self.get_plan().pk)


class PlanReportView(PlanMixin, TargetReportView):
    """A plan's targets, their evidence and statuses, filtered and sorted."""

    template_name = "tracker/plan_report.html"
    extra_context = {"nav": "plans"}
    table_class = TargetReportTable

    def export_path(self) -> str:
        return reverse("tracker:plan-export", args=[self.get_plan().slug])

    def plan_rollup(self, target_ids: list[int] | None = None) -> Rollup | None:
        """The plan's summary, over every target or only ``target_ids``: from
        the stored statuses, or those computed as of the date asked for."""
        assessments = self.as_of_assessments()
        if assessments is not None:
            if target_ids is not None:
                wanted = set(target_ids)
                assessments = {pk: found for pk, found in assessments.items() if pk in wanted}
            return selectors.rollup_as_of(assessments)["all"] if assessments else None
        if target_ids is None:
            # Every target today: the stored row (tracker_plan_rollup, kept
            # with the stored statuses), not an aggregate over the plan.
            rows = run_select(selectors.stored_plan_rollup_select(self.get_plan().pk))
            return rollup_from_row(rows[0]) if rows else None
        query = plan_rollup_select(plan_id=self.get_plan().pk)
        if target_ids is not None:
            if not target_ids:
                return None
            query = query.where(target_table.c.id.in_(target_ids))
        rows = run_select(query)
        return rollup_from_row(rows[0], name_column="title") if rows else None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plan = self.get_plan()
        plan_rollup = self.plan_rollup()
        rollup, filtered = plan_rollup, False
        ids = self.filtered_ids()
        if ids is not None:
            # The cards and the bar follow the table: the filtered targets only
            # (an invalid filter shows no row, so it summarises none).
            filtered = True
            rollup = self.plan_rollup(ids)
        context.update(
            plan=plan,
            rollup=rollup,
            filtered=filtered,
            plan_targets=plan_rollup.targets if plan_rollup else 0,
            bar=status_bar(rollup.counts if rollup else {}, width=320, height=18),
        )
        return context


class PlanExportView(PlanMixin, TargetExportView):
    def filename(self) -> str:
        return f"attainment-{self.get_plan().slug}"
