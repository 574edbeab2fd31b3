"""The admin: where planners enter plans and targets and supervisors log
outcomes. Declarative; every write goes through ``tracker.services`` so the
admin validates and audits exactly like the imports do."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from tracker import services
from tracker.models import (
    Assignment,
    AuditEvent,
    Document,
    Outcome,
    Plan,
    Target,
    Unit,
    UnitAlias,
)

admin.site.site_header = _("规划目标跟踪")
admin.site.site_title = _("规划目标跟踪")
admin.site.index_title = _("数据管理")


class ServiceAdminMixin:
    """Route the admin's saves and deletes through the services."""

    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER

    def save_model(self, request, obj, form, change):
        services.entity_save(instance=obj, actor=request.user, via="admin")

    def delete_model(self, request, obj):
        services.entity_delete(instance=obj, actor=request.user, via="admin")

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.entity_delete(instance=obj, actor=request.user, via="admin")

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            if isinstance(obj, Outcome):
                services.outcome_delete(outcome=obj, actor=request.user, via="admin")
            else:
                services.entity_delete(instance=obj, actor=request.user, via="admin")
        for obj in instances:
            if isinstance(obj, Outcome):
                _save_outcome(request, obj)
            else:
                services.entity_save(instance=obj, actor=request.user, via="admin")
        formset.save_m2m()


def _outcome_fields(obj: Outcome) -> dict:
    return {name: getattr(obj, name) for name in services.outcomes.EDITABLE_FIELDS}


def _save_outcome(request, obj: Outcome) -> Outcome:
    if obj.pk is None:
        return services.outcome_create(actor=request.user, via="admin", **_outcome_fields(obj))
    return services.outcome_update(
        outcome=obj, actor=request.user, via="admin", **_outcome_fields(obj)
    )


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 1


@admin.register(Unit)
class UnitAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["name", "is_collective"]
    list_filter = ["is_collective"]
    search_fields = ["name", "aliases__alias"]
    inlines = [UnitAliasInline]


@admin.register(Document)
class DocumentAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "issuer", "published_on"]
    list_filter = ["kind", ("published_on", admin.DateFieldListFilter)]
    search_fields = ["title", "issuer", "slug"]
    date_hierarchy = "published_on"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Plan)
class PlanAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["title", "jurisdiction", "period_start", "period_end", "parent"]
    list_select_related = ["parent"]
    list_filter = ["jurisdiction"]
    search_fields = ["title", "slug", "issuer"]
    autocomplete_fields = ["parent", "document"]


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 1
    autocomplete_fields = ["unit"]
    fields = ["unit", "role", "position"]
    ordering = ["position"]


class OutcomeInline(admin.StackedInline):
    model = Outcome
    extra = 0
    autocomplete_fields = ["document"]
    show_change_link = True
    fields = [
        ("value", "value_high", "qualifier", "unit"),
        ("period_start", "period_end"),
        "document",
        "quote",
        ("is_proxy", "reported_indicator"),
        "state",
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
class TargetAdmin(ServiceAdminMixin, admin.ModelAdmin):
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
        "commitment",
        "direction",
    ]
    search_fields = ["code", "indicator", "statement", "indicator_aliases"]
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
            _("目标值"),
            {
                "fields": [
                    ("comparator", "value", "value_high", "unit"),
                    "tolerance",
                    ("direction", "commitment", "accumulates"),
                ]
            },
        ),
        (
            _("考核期与基期"),
            {
                "fields": [
                    ("period_start", "period_end"),
                    ("baseline_value", "baseline_date"),
                    "growth",
                ]
            },
        ),
        (_("锁定"), {"fields": [("locked_at", "locked_by")]}),
        (None, {"fields": ["notes"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(lead_unit_name=_lead_unit_name())

    @admin.display(description=_("牵头单位"), ordering="lead_unit_name")
    def lead_unit(self, obj):
        return obj.lead_unit_name or "—"

    @admin.display(description=_("已锁定"), boolean=True)
    def is_locked(self, obj):
        return obj.locked_at is not None

    actions = ["lock_selected", "unlock_selected"]

    def has_lock_permission(self, request):
        return request.user.has_perm("tracker.lock_target")

    @admin.action(description=_("锁定所选目标的考核期"), permissions=["lock"])
    def lock_selected(self, request, queryset):
        done = _apply_each(
            self,
            request,
            queryset,
            lambda target: services.target_lock(target=target, actor=request.user, via="admin"),
        )
        if done:
            self.message_user(request, _("已锁定 %(count)d 个目标。") % {"count": done})

    @admin.action(description=_("解锁所选目标（须说明理由）"), permissions=["lock"])
    def unlock_selected(self, request, queryset):
        """An intermediate page asks for the reason, which the audit keeps."""
        form = UnlockForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            reason = form.cleaned_data["reason"]
            done = _apply_each(
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
        context = {
            **self.admin_site.each_context(request),
            "title": _("解锁目标"),
            "opts": self.model._meta,
            "targets": queryset,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/tracker/target/unlock.html", context)


class UnlockForm(forms.Form):
    reason = forms.CharField(
        label=_("解锁理由"), widget=forms.Textarea(attrs={"rows": 3}), strip=True
    )


def _apply_each(model_admin, request, queryset, service) -> int:
    """Run a service on each selected row; report each refusal by name."""
    done = 0
    for obj in queryset:
        try:
            service(obj)
            done += 1
        except (ValidationError, PermissionDenied) as error:
            message = "; ".join(getattr(error, "messages", [str(error)]))
            model_admin.message_user(request, f"{obj}: {message}", messages.ERROR)
    return done


class OutcomeAdminForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = list(services.outcomes.EDITABLE_FIELDS)

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("target")
        if target is not None and target.locked_at is not None:
            raise ValidationError(
                _("该目标的考核期已锁定：须先解锁才能新增或修改完成情况。"), code="target_locked"
            )
        return cleaned


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    form = OutcomeAdminForm
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    list_display = [
        "target",
        "figure",
        "period_start",
        "period_end",
        "document",
        "is_proxy",
        "state",
    ]
    list_select_related = ["target", "document"]
    list_filter = [
        "state",
        "target__plan",
        ("target__assignments__unit", admin.RelatedOnlyFieldListFilter),
        ("period_end", admin.DateFieldListFilter),
        "is_proxy",
    ]
    search_fields = ["quote", "target__indicator", "target__statement", "target__code"]
    autocomplete_fields = ["target", "document"]
    readonly_fields = [
        "state",
        "quote_start",
        "quote_end",
        "entered_by",
        "last_edited_by",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
        "review_comment",
    ]
    fieldsets = [
        (None, {"fields": ["target", "document", "quote"]}),
        (
            _("报告值"),
            {
                "fields": [
                    ("value", "value_high", "qualifier", "unit"),
                    ("period_start", "period_end"),
                    ("is_proxy", "reported_indicator"),
                ]
            },
        ),
        (
            _("审核"),
            {
                "fields": [
                    ("state", "submitted_at"),
                    ("entered_by", "last_edited_by"),
                    ("reviewed_by", "reviewed_at"),
                    "review_comment",
                ]
            },
        ),
        (_("出处位置"), {"fields": [("quote_start", "quote_end")], "classes": ["collapse"]}),
        (None, {"fields": ["notes"]}),
    ]
    actions = ["submit_selected", "approve_selected"]

    @admin.display(description=_("报告值"))
    def figure(self, obj):
        return f"{obj.value.normalize():f}{obj.unit}"

    def save_model(self, request, obj, form, change):
        _save_outcome(request, obj)

    def delete_model(self, request, obj):
        services.outcome_delete(outcome=obj, actor=request.user, via="admin")

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.outcome_delete(outcome=obj, actor=request.user, via="admin")

    def _apply(self, request, queryset, service, done_message):
        done = _apply_each(
            self,
            request,
            queryset,
            lambda outcome: service(outcome=outcome, actor=request.user, via="admin"),
        )
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("提交所选完成情况审核"), permissions=["change"])
    def submit_selected(self, request, queryset):
        self._apply(request, queryset, services.outcome_submit, _("已提交 %(count)d 条。"))

    @admin.action(description=_("审核通过所选完成情况"), permissions=["review"])
    def approve_selected(self, request, queryset):
        self._apply(request, queryset, services.outcome_approve, _("已审核通过 %(count)d 条。"))

    def has_review_permission(self, request):
        return request.user.has_perm("tracker.review_outcome")


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
