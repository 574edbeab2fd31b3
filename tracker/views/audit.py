"""The audit trail for auditors and planners (docs/security.md): every
write, filtered by record, person, action, entry point and date; a record's
full history with old and new values; and the filtered trail as CSV
(auditors: exports need ``export_attainment`` as well)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView
from django_filters.views import FilterView

from tracker.exports.audit import COLUMNS, audit_rows
from tracker.exports.csvstream import streaming_csv_response
from tracker.filters_audit import AuditEventFilter
from tracker.models import AuditEvent
from tracker.selectors_audit import ENTITY_MODELS, audit_events, entity_label, record_events
from tracker.tables_audit import AuditEventTable, RecordHistoryTable
from tracker.views.access import EXPORT, AuditAccessMixin, AuditExportAccessMixin
from tracker.views.paging import BoundedTableMixin

_NOT_FILTERS = ("sort", "page", "per_page")


class AuditTrailView(AuditAccessMixin, BoundedTableMixin, FilterView):
    template_name = "tracker/audit_trail.html"
    extra_context = {"nav": "audit"}
    filterset_class = AuditEventFilter
    table_class = AuditEventTable

    def get_queryset(self) -> QuerySet[AuditEvent]:
        return audit_events()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if self.request.user.has_perm(EXPORT):
            filters = [
                (key, value)
                for key, value in self.request.GET.items()
                if key not in _NOT_FILTERS and value
            ]
            query = f"?{urlencode(filters)}" if filters else ""
            context["export_url"] = reverse("tracker:audit-export") + query
        return context


class RecordHistoryView(AuditAccessMixin, BoundedTableMixin, TemplateView):
    """One record, from its creation to now."""

    template_name = "tracker/audit_record.html"
    extra_context = {"nav": "audit"}
    table_class = RecordHistoryTable

    def get_table_data(self) -> QuerySet[AuditEvent]:
        entity = self.kwargs["entity"]
        if entity not in ENTITY_MODELS:
            raise Http404(entity)
        return record_events(entity, self.kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        entity, pk = self.kwargs["entity"], self.kwargs["pk"]
        model = ENTITY_MODELS[entity]
        context.update(
            entity=entity,
            entity_label=entity_label(entity),
            entity_id=pk,
            current=model._default_manager.filter(pk=pk).first(),
        )
        return context


class AuditExportView(AuditExportAccessMixin, View):
    """The filtered trail (same filters as the page) as CSV, streamed."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> StreamingHttpResponse:
        filterset = AuditEventFilter(request.GET or None, queryset=audit_events())
        if filterset.is_bound and not filterset.is_valid():
            events = filterset.queryset.none()
        else:
            events = filterset.qs
        today = timezone.localdate().isoformat()
        return streaming_csv_response(f"audit-trail-{today}.csv", COLUMNS, audit_rows(events))
