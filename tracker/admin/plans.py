"""Plans, units and documents: what planners enter around the targets."""

from __future__ import annotations

from django.contrib import admin
from django.db import models

from tracker.admin.a11y import LabelledTabularInline
from tracker.admin.base import ServiceAdmin, VersionField
from tracker.admin.documents import document_add_view
from tracker.models import Document, Plan, Unit, UnitAlias


class UnitAliasInline(VersionField, LabelledTabularInline):
    model = UnitAlias
    extra = 1


@admin.register(Unit)
class UnitAdmin(ServiceAdmin):
    """A unit nobody is assigned to may be deleted (its aliases with it,
    each audited); one with assignments may not."""

    list_display = ["name", "is_collective"]
    list_filter = ["is_collective"]
    search_fields = ["name", "aliases__alias"]
    inlines = [UnitAliasInline]


@admin.register(Document)
class DocumentAdmin(ServiceAdmin):
    """Documents are evidence: never deleted, and their text is fixed while
    outcomes quote it (``tracker.services.documents``)."""

    list_display = ["title", "kind", "issuer", "published_on"]
    list_filter = ["kind", ("published_on", admin.DateFieldListFilter)]
    search_fields = ["title", "issuer", "slug"]
    date_hierarchy = "published_on"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        # A document is added from a file or a paste, text extracted first.
        return document_add_view(self, request)


@admin.register(Plan)
class PlanAdmin(ServiceAdmin):
    """A plan may be deleted only while it has no targets (targets are
    kept); the plans under it then lose their parent, audited."""

    list_display = ["title", "jurisdiction", "period_start", "period_end", "parent"]
    list_select_related = ["parent"]
    list_filter = ["jurisdiction"]
    search_fields = ["title", "slug", "issuer"]
    autocomplete_fields = ["parent", "document"]
