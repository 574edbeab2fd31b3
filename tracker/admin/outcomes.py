"""Outcomes: supervisors enter them with their quotes, submit them for
review, and withdraw them with a reason (never delete). Reviewers approve
other people's entries."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tracker import services
from tracker.admin.base import ServiceAdmin, apply_all, save_outcome
from tracker.admin.forms import ask_reason
from tracker.admin.outcome_entry import (
    SUBMIT_BUTTON,
    TargetAutocomplete,
    read_quote_view,
    submit_after_save,
    target_label,
)
from tracker.models import Outcome, Target


class OutcomeAdminForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = [*services.outcomes.EDITABLE_FIELDS, "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "quote" in self.fields:  # the script that reads the quote (outcome_entry)
            self.fields["quote"].widget.attrs.update(
                {
                    "data-read-url": reverse("admin:tracker_outcome_read_quote"),
                    "data-read-note": _("已从引述读出，请核对："),
                }
            )

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("target")
        if target is not None and target.locked_at is not None:
            raise ValidationError(
                _("该目标的考核期已锁定：须先解锁才能新增或修改完成情况。"), code="target_locked"
            )
        return cleaned


@admin.register(Outcome)
class OutcomeAdmin(ServiceAdmin):
    form = OutcomeAdminForm
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
        "withdrawn_at",
        "withdrawn_by",
        "withdrawal_reason",
    ]
    fieldsets = [
        (None, {"fields": ["target", "document", "quote"]}),
        (
            gettext_lazy("报告值"),
            {
                "fields": [
                    ("value", "value_high", "qualifier", "unit"),
                    ("period_start", "period_end"),
                    ("is_proxy", "reported_indicator"),
                ]
            },
        ),
        (
            gettext_lazy("审核"),
            {
                "fields": [
                    ("state", "submitted_at"),
                    ("entered_by", "last_edited_by"),
                    ("reviewed_by", "reviewed_at"),
                    "review_comment",
                    ("withdrawn_at", "withdrawn_by"),
                    "withdrawal_reason",
                ]
            },
        ),
        (
            gettext_lazy("出处位置"),
            {"fields": [("quote_start", "quote_end")], "classes": ["collapse"]},
        ),
        (None, {"fields": ["notes", "version"]}),
    ]
    actions = ["submit_selected", "approve_selected", "withdraw_selected"]

    class Media:
        # Fills value, unit and period from the quote (outcome_entry).
        js = ["tracker/admin-read-quote.js"]

    def get_urls(self):
        view = self.admin_site.admin_view(lambda request: read_quote_view(request, self))
        return [path("read-quote/", view, name="tracker_outcome_read_quote"), *super().get_urls()]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "target":
            kwargs["widget"] = TargetAutocomplete(db_field, self.admin_site)
            kwargs["queryset"] = Target.objects.select_related("plan")
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "target":
            field.label_from_instance = target_label
        return field

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Any editable outcome: saving an edit makes it a draft again.
        context["show_submit_review"] = self.has_change_permission(request, obj) and not (
            context.get("is_popup")
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if SUBMIT_BUTTON in request.POST:
            return submit_after_save(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if SUBMIT_BUTTON in request.POST:
            return submit_after_save(request, obj)
        return super().response_change(request, obj)

    @admin.display(description=gettext_lazy("报告值"))
    def figure(self, obj):
        return f"{obj.value.normalize():f}{obj.unit}"

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.state == "withdrawn":
            return False  # shown, kept, no longer edited
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        save_outcome(request, obj)

    def _apply(self, request, queryset, service, done_message):
        done = apply_all(
            self,
            request,
            queryset,
            lambda outcome: service(outcome=outcome, actor=request.user, via="admin"),
        )
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)

    @admin.action(description=gettext_lazy("提交所选完成情况审核"), permissions=["change"])
    def submit_selected(self, request, queryset):
        self._apply(request, queryset, services.outcome_submit, _("已提交 %(count)d 条。"))

    @admin.action(description=gettext_lazy("审核通过所选完成情况"), permissions=["review"])
    def approve_selected(self, request, queryset):
        self._apply(request, queryset, services.outcome_approve, _("已审核通过 %(count)d 条。"))

    @admin.action(
        description=gettext_lazy("撤回所选完成情况（须说明理由）"), permissions=["change"]
    )
    def withdraw_selected(self, request, queryset):
        """Withdrawn outcomes stop counting and stay in the history."""
        reason, page = ask_reason(
            self,
            request,
            queryset,
            action="withdraw_selected",
            title=_("撤回完成情况"),
            intro=_("撤回后，这些完成情况不再计入完成状态，但保留在记录中。理由将记入审计记录。"),
            button=_("撤回"),
        )
        if page is not None:
            return page
        done = apply_all(
            self,
            request,
            queryset,
            lambda outcome: services.outcome_withdraw(
                outcome=outcome, actor=request.user, reason=reason, via="admin"
            ),
        )
        if done:
            self.message_user(request, _("已撤回 %(count)d 条。") % {"count": done})
        return None

    def has_review_permission(self, request):
        return request.user.has_perm("tracker.review_outcome")
