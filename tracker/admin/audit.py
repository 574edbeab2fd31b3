"""The audit trail in the admin: read-only (the database refuses changes
too). Auditors and planners read it on the audit page (``/audit/``)."""

from __future__ import annotations

from django.contrib import admin

from tracker.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is written by the services and never edited."""

    list_display = ["at", "actor", "action", "entity", "entity_id", "via", "comment"]
    list_select_related = ["actor"]
    list_filter = ["action", "entity", "via"]
    search_fields = ["comment", "entity"]
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
