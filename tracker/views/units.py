"""The unit ranking, a unit's page, and their CSV exports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from tracker import selectors
from tracker.analytics.rollups import Rollup, rollup_from_row, unit_rollup_select
from tracker.db import run_select
from tracker.models import Assignment, Plan, Target, Unit
from tracker.rollup_tables import UnitRankingTable
from tracker.schema import target as target_table
from tracker.schema import unit as unit_table
from tracker.selectors import AsOfAssessment
from tracker.sqldata import SelectData
from tracker.tables import UnitTargetTable
from tracker.views.access import EXPORT, ExportAccessMixin, ReportAccessMixin
from tracker.views.paging import BoundedTableMixin
from tracker.views.reports import TargetExportView, TargetReportView, export_targets


class RankingForm(forms.Form):
    """Lead assignments only (the default), or all; optionally within one plan."""

    scope = forms.ChoiceField(
        label=_("统计口径"),
        choices=[("lead", _("仅牵头")), ("all", _("全部分工（牵头与配合）"))],
        widget=forms.RadioSelect,
        required=False,
    )
    # Never drawn as a drop-down (3,000 plans at national scale): the page
    # names the plan chosen, and each plan's page links here with its id.
    plan = forms.ModelChoiceField(
        label=_("规划"), queryset=Plan.objects.all(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, data: Any = None) -> None:
        values = data.copy() if data is not None else {}
        if not values.get("scope"):
            values["scope"] = "lead"
        super().__init__(values)

    def chosen_plan(self) -> Plan | None:
        """The plan the ranking is within (None: every plan, or a bad id)."""
        return self.cleaned_data.get("plan") if self.is_valid() else None

    def choice(self) -> tuple[bool, int | None]:
        """(lead_only, plan id); the defaults when the form is empty or bad."""
        if not self.is_valid():
            return True, None
        plan = self.cleaned_data.get("plan")
        return self.cleaned_data.get("scope") != "all", plan.pk if plan else None


class UnitRankingView(ReportAccessMixin, BoundedTableMixin, TemplateView):
    """Units furthest behind first, with the unassigned row so they add up
    to the plan; the rollup is a Core select counted, sorted and paged by
    the database (``SelectData``)."""

    template_name = "tracker/unit_ranking.html"
    extra_context = {"nav": "units"}
    table_class = UnitRankingTable

    def get_form(self) -> RankingForm:
        if not hasattr(self, "_form"):
            self._form = RankingForm(self.request.GET)
        return self._form

    def get_table_data(self) -> SelectData:
        lead_only, plan_id = self.get_form().choice()
        select = selectors.unit_ranking_select(lead_only=lead_only, plan_id=plan_id)
        return SelectData(
            select, tiebreak=selectors.ranking_tiebreak(select), row_factory=selectors.rollup_row
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        lead_only, _plan_id = self.get_form().choice()
        # The "who is behind" view (docs/reports.md): the table's own default sort.
        sort = self.request.GET.get("sort", "")
        behind_first = sort in ("", *UnitRankingTable._meta.order_by)
        context.update(
            form=self.get_form(),
            chosen_plan=self.get_form().chosen_plan(),
            lead_only=lead_only,
            behind_first=behind_first,
        )
        if self.request.user.has_perm(EXPORT):
            query = self.request.GET.urlencode()
            context["export_url"] = reverse("tracker:unit-ranking-export") + (
                f"?{query}" if query else ""
            )
        return context


class UnitRankingExportView(ExportAccessMixin, View):
    """The targets behind the ranking (lead-only or all, per plan) as CSV."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> StreamingHttpResponse:
        lead_only, plan_id = RankingForm(request.GET).choice()
        query = selectors.ranking_target_ids(lead_only=lead_only, plan_id=plan_id)
        ids = [int(row["target_id"]) for row in run_select(query)]
        return export_targets("attainment-units", ids)


class UnitMixin:
    filter_omit = ("unit",)
    kwargs: dict[str, Any]

    def get_unit(self) -> Unit:
        if not hasattr(self, "_unit"):
            self._unit = get_object_or_404(Unit, pk=self.kwargs["pk"])
        return self._unit

    def base_queryset(
        self, assessments: Mapping[int, AsOfAssessment] | None = None
    ) -> QuerySet[Target]:
        return selectors.unit_targets(self.get_unit().pk, assessments)

    def choice_targets(self) -> QuerySet[Target]:
        return Target.objects.filter(assignments__unit_id=self.get_unit().pk)


class UnitDetailView(UnitMixin, TargetReportView):
    """A unit's targets (lead and support) and their evidence, with its
    rollup over lead assignments and over all."""

    template_name = "tracker/unit_detail.html"
    extra_context = {"nav": "units"}
    table_class = UnitTargetTable

    def export_path(self) -> str:
        return reverse("tracker:unit-export", args=[self.get_unit().pk])

    def unit_rollups(self, target_ids: list[int] | None = None) -> dict[str, Rollup | None]:
        """The unit's summaries (lead assignments, all) over every target of
        the unit or only ``target_ids``: from the stored statuses, or those
        computed as of the date asked for."""
        unit = self.get_unit()
        assessments = self.as_of_assessments()
        rollups: dict[str, Rollup | None] = {}
        if assessments is not None:
            if target_ids is not None:
                wanted = set(target_ids)
                assessments = {pk: found for pk, found in assessments.items() if pk in wanted}
            roles = dict(Assignment.objects.filter(unit=unit).values_list("target_id", "role"))
            computed = selectors.rollup_as_of(assessments, roles)
            for scope in ("lead", "all"):
                rollups[scope] = computed[scope] if computed[scope].targets else None
            return rollups
        for scope, lead_only in (("lead", True), ("all", False)):
            if target_ids is not None and not target_ids:
                rollups[scope] = None
                continue
            query = unit_rollup_select(lead_only=lead_only).where(unit_table.c.id == unit.pk)
            if target_ids is not None:
                query = query.where(target_table.c.id.in_(target_ids))
            rows = run_select(query)
            rollups[scope] = rollup_from_row(rows[0]) if rows else None
        return rollups

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        unit = self.get_unit()
        # Like a plan's page: the summaries follow the table's filters.
        ids = self.filtered_ids()
        whole = self.unit_rollups()
        rollups = whole if ids is None else self.unit_rollups(ids)
        all_scope = rollups["all"]
        context.update(
            unit=unit,
            aliases=list(unit.aliases.values_list("alias", flat=True)),
            rollups=rollups,
            filtered=ids is not None,
            filtered_targets=all_scope.targets if all_scope else 0,
            unit_targets=whole["all"].targets if whole["all"] else 0,
        )
        return context


class UnitExportView(UnitMixin, TargetExportView):
    def filename(self) -> str:
        return f"attainment-unit-{self.get_unit().pk}"
