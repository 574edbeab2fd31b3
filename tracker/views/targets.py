"""A target: its statement and source quote, every outcome it may show, its
stored status, and its values against the target band over time."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.views.generic import DetailView

from tracker import selectors
from tracker.analytics.units import load_registry
from tracker.charts import target_chart
from tracker.domain import IncomparableUnits, grade
from tracker.formatting import incomparable_units_text
from tracker.models import Assignment, Target
from tracker.tables import assessment_of
from tracker.views.access import ReportAccessMixin


class TargetDetailView(ReportAccessMixin, DetailView):
    template_name = "tracker/target_detail.html"
    extra_context = {"nav": "plans"}
    context_object_name = "target"

    def get_queryset(self) -> QuerySet[Target]:
        return selectors.report_targets().select_related("plan__document")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        target: Target = self.object
        outcomes = list(selectors.target_outcomes(target.pk, self.request.user))
        units = load_registry()
        for outcome in outcomes:
            # Stored and shown, with the reason it cannot count (DESIGN.md 3).
            problem = units.problem(outcome.unit, target.unit)
            outcome.unit_problem = (
                incomparable_units_text(problem) if isinstance(problem, IncomparableUnits) else ""
            )
            # The grade each figure would have as evidence (DESIGN.md 5).
            outcome.grade = grade(
                target.period_start,
                target.period_end,
                outcome.period_start,
                outcome.period_end,
                accumulates=target.accumulates,
            )
        approved = [o for o in outcomes if o.state == "approved"]
        assessment = assessment_of(target)
        context.update(
            assessment=assessment,
            outcomes=outcomes,
            assignments=Assignment.objects.filter(target=target)
            .select_related("unit")
            .order_by("position", "id"),
            chart=target_chart(target, approved, chart_id=f"chart-{target.pk}", units=units),
            can_see_pending=selectors.can_see_pending(self.request.user),
        )
        return context
