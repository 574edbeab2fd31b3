"""Targets: planners enter them with their responsible units, and lock a
target's period once its final figure is approved (unlocking needs a
reason). Targets are never deleted: evidence refers to them."""

from __future__ import annotations

import re

from django.contrib import admin
from django.db.models import OuterRef, Q, Subquery
from django.urls import path
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tracker import services
from tracker.admin.a11y import LabelledTabularInline
from tracker.admin.assign import assign_permission, assign_unit
from tracker.admin.base import ServiceAdmin, VersionField, apply_all
from tracker.admin.forms import ask_reason
from tracker.admin.outcome_entry import TargetAutocompleteView
from tracker.models import Assignment, Outcome, Target


class AssignmentInline(VersionField, LabelledTabularInline):
    model = Assignment
    extra = 1
    autocomplete_fields = ["unit"]
    fields = ["unit", "role", "position", "version"]
    ordering = ["position"]


class OutcomeInline(VersionField, admin.StackedInline):
    """Outcomes entered on their target's page; withdrawn from the outcome
    list (with a reason), never deleted here."""

    model = Outcome
    extra = 0
    can_delete = False
    autocomplete_fields = ["document"]
    show_change_link = True
    fields = [
        ("value", "value_high", "qualifier", "unit"),
        ("period_start", "period_end"),
        "document",
        "quote",
        ("is_proxy", "reported_indicator"),
        "state",
        "version",
    ]
    readonly_fields = ["state"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document", "target")


def _lead_unit_name():
    return Subquery(
        Assignment.objects.filter(target=OuterRef("pk"), role="lead")
        .order_by("position")
        .values("unit__name")[:1]
    )


@admin.register(Target)
class TargetAdmin(ServiceAdmin):
    list_display = [
        "code",
        "indicator",
        "plan",
        "comparator",
        "value",
        "unit",
        "period_end",
        "lead_unit",
        "commitment",
        "is_locked",
    ]
    list_select_related = ["plan"]
    list_filter = [
        "plan",
        ("assignments__unit", admin.RelatedOnlyFieldListFilter),
        ("period_end", admin.DateFieldListFilter),
        "measure",
        "commitment",
        "direction",
    ]
    search_fields = ["code", "indicator", "statement", "indicator_aliases", "plan__title"]
    autocomplete_fields = ["plan"]
    inlines = [AssignmentInline, OutcomeInline]
    readonly_fields = ["locked_at", "locked_by"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "plan",
                    "code",
                    "statement",
                    "source_quote",
                    "indicator",
                    "indicator_aliases",
                ]
            },
        ),
        (
            gettext_lazy("目标值"),
            {
                "fields": [
                    ("comparator", "value", "value_high", "unit"),
                    "tolerance",
                    ("measure", "direction", "commitment"),
                ]
            },
        ),
        (
            gettext_lazy("考核期与基期"),
            {
                "fields": [
                    ("period_start", "period_end"),
                    ("baseline_value", "baseline_date"),
                    "growth",
                ]
            },
        ),
        (gettext_lazy("锁定"), {"fields": [("locked_at", "locked_by")]}),
        (None, {"fields": ["notes", "version"]}),
    ]
    actions = ["lock_selected", "unlock_selected", assign_unit]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(lead_unit_name=_lead_unit_name())

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        site = self.admin_site
        view = site.admin_view(TargetAutocompleteView.as_view(admin_site=site))
        own = [path("autocomplete/", view, name="tracker_target_autocomplete")]
        return [*own, *super().get_urls()]

    def get_search_results(self, request, queryset, search_term):
        """Every word must match the code, indicator, statement, aliases or
        the plan's title; a year (``2025`` or ``2025年``) also matches the
        targets whose period includes it. So ``规划 2025 增加值`` finds the
        one target a person means among same-named ones."""
        for bit in smart_split(search_term):
            if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
                bit = unescape_string_literal(bit)
            words = Q()
            for field in self.search_fields:
                words |= Q(**{f"{field}__icontains": bit})
            year = re.fullmatch(r"(\d{4})年?", bit)
            if year:
                y = int(year.group(1))
                words |= Q(period_start__year__lte=y, period_end__year__gte=y)
            queryset = queryset.filter(words)
        return queryset, False

    @admin.display(description=gettext_lazy("牵头单位"), ordering="lead_unit_name")
    def lead_unit(self, obj):
        return obj.lead_unit_name or "—"

    @admin.display(description=gettext_lazy("已锁定"), boolean=True)
    def is_locked(self, obj):
        return obj.locked_at is not None

    def has_lock_permission(self, request):
        return request.user.has_perm("tracker.lock_target")

    def has_assign_permission(self, request):
        return assign_permission(request)

    @admin.action(description=gettext_lazy("锁定所选目标的考核期"), permissions=["lock"])
    def lock_selected(self, request, queryset):
        done = apply_all(
            self,
            request,
            queryset,
            lambda target: services.target_lock(target=target, actor=request.user, via="admin"),
        )
        if done:
            self.message_user(request, _("已锁定 %(count)d 个目标。") % {"count": done})

    @admin.action(description=gettext_lazy("解锁所选目标（须说明理由）"), permissions=["lock"])
    def unlock_selected(self, request, queryset):
        """An intermediate page asks for the reason, which the audit keeps."""
        reason, page = ask_reason(
            self,
            request,
            queryset,
            action="unlock_selected",
            title=_("解锁目标"),
            intro=_("解锁后，这些目标的完成情况可以再次新增、修改或撤回。理由将记入审计记录。"),
            button=_("解锁"),
        )
        if page is not None:
            return page
        done = apply_all(
            self,
            request,
            queryset,
            lambda target: services.target_unlock(
                target=target, actor=request.user, reason=reason, via="admin"
            ),
        )
        if done:
            self.message_user(request, _("已解锁 %(count)d 个目标。") % {"count": done})
        return None
