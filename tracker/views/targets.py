"""A target: its statement and source quote, every outcome it may show (each
with the grade it has for this target's measure, context figures included),
its status (stored, or as of a date), and its values against the target band
over time."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.views.generic import DetailView

from tracker import selectors
from tracker.analytics.units import load_registry
from tracker.charts import target_chart
from tracker.domain import IncomparableUnits, grade, known_on
from tracker.formatting import incomparable_units_text
from tracker.models import Assignment, Target
from tracker.tables import assessment_of
from tracker.views.access import ReportAccessMixin
from tracker.views.asof import AsOfMixin


class TargetDetailView(ReportAccessMixin, AsOfMixin, DetailView):
    template_name = "tracker/target_detail.html"
    extra_context = {"nav": "plans"}
    context_object_name = "target"

    def get_queryset(self) -> QuerySet[Target]:
        return selectors.report_targets().select_related("plan__document")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        target: Target = self.object
        as_of = self.as_of()
        outcomes = list(selectors.target_outcomes(target.pk, self.request.user))
        units = load_registry()
        for outcome in outcomes:
            # Stored and shown, with the reason it cannot count
            # (docs/attainment.md section 1).
            problem = units.problem(outcome.unit, target.unit)
            outcome.unit_problem = (
                incomparable_units_text(problem) if isinstance(problem, IncomparableUnits) else ""
            )
            # The grade each figure has for this target (docs/attainment.md
            # section 4): a context figure is shown, never judged.
            outcome.grade = grade(
                target.period_start,
                target.period_end,
                outcome.period_start,
                outcome.period_end,
                measure=target.measure,
            )
            # As of a date: was it known then?
            outcome.known = as_of is None or known_on(
                outcome.document.published_on, outcome.period_end, as_of
            )
        approved = [o for o in outcomes if o.state == "approved" and o.known]
        if as_of is None:
            assessment = assessment_of(target)
        else:
            assessment = selectors.assessments_as_of([target.pk], as_of).get(target.pk)
        context.update(
            assessment=assessment,
            outcomes=outcomes,
            has_context=any(o.grade == "context" for o in outcomes),
            assignments=Assignment.objects.filter(target=target)
            .select_related("unit")
            .order_by("position", "id"),
            chart=target_chart(target, approved, chart_id=f"chart-{target.pk}", units=units),
            can_see_pending=selectors.can_see_pending(self.request.user),
            **self.as_of_context(),
        )
        return context
