"""Outcomes: supervisors enter them with their quotes, submit them for
review, and withdraw them with a reason (never delete). Reviewers approve
other people's entries."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tracker import services
from tracker.admin.base import ServiceAdmin, apply_all, save_outcome
from tracker.admin.forms import ask_reason
from tracker.models import Outcome


class OutcomeAdminForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = [*services.outcomes.EDITABLE_FIELDS, "version"]

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
