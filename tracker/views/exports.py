"""The auditor's export of every target, or of a selection across plans:
``/export.csv`` with the report filters (plan, unit, status, grade,
commitment, the year the period ends) and the "as of" date, in the columns
of ``manage.py export_attainment``, streamed.

Without a filter, or with only the plan and unit, the rows come straight
from ``attainment_rows(plan_ids=, unit_id=)`` (it streams plan by plan); any
other filter picks the targets through the same FilterSet as the pages, so
the file holds exactly the rows the page shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.views import View

from tracker import selectors
from tracker.exports.attainment import COLUMNS, attainment_rows
from tracker.exports.csvstream import streaming_csv_response
from tracker.models import Target
from tracker.selectors import AsOfAssessment
from tracker.views.access import ExportAccessMixin
from tracker.views.reports import FilteredTargetsMixin

# Filters ``attainment_rows`` applies itself (by plan and unit in SQL).
_DIRECT = ("plan", "unit")


class AttainmentExportView(ExportAccessMixin, FilteredTargetsMixin, View):
    """Every target (no filter), or the filtered selection, as CSV."""

    filter_omit = ("role",)  # a role only means something on one unit's page

    def base_queryset(
        self, assessments: Mapping[int, AsOfAssessment] | None = None
    ) -> QuerySet[Target]:
        return selectors.report_targets(assessments)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> StreamingHttpResponse:
        as_of = self.as_of()
        day = (as_of or timezone.localdate()).isoformat()
        filterset = self.filterset()
        if filterset.is_bound and not filterset.is_valid():
            rows = attainment_rows(as_of=as_of, target_ids=[])
        else:
            cleaned = filterset.form.cleaned_data if filterset.is_bound else {}
            chosen = {name: value for name, value in cleaned.items() if value}
            if set(chosen) <= set(_DIRECT):
                plan, unit = chosen.get("plan"), chosen.get("unit")
                rows = attainment_rows(
                    as_of=as_of,
                    plan_ids=[plan.pk] if plan else None,
                    unit_id=unit.pk if unit else None,
                )
            else:
                ids = list(filterset.qs.order_by().values_list("pk", flat=True).distinct())
                rows = attainment_rows(as_of=as_of, target_ids=ids)
        stem = "attainment-selection" if request.GET else "attainment-all"
        return streaming_csv_response(f"{stem}-{day}.csv", COLUMNS, rows)
