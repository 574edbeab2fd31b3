"""People: deactivated, never deleted, and every change to an account
(its roles, staff status, activation) audited."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tracker import services
from tracker.admin.base import apply_all

User = get_user_model()

_BEFORE = "_tracker_user_before"


class TrackerUserAdmin(UserAdmin):
    actions = ["deactivate_selected", "reactivate_selected"]

    def has_delete_permission(self, request, obj=None):
        # Outcomes, locks and the audit trail name people by id: a person who
        # leaves is deactivated (tracker.services.users).
        return False

    def save_model(self, request, obj, form, change):
        stored = User.objects.filter(pk=obj.pk).first() if change else None
        setattr(request, _BEFORE, services.user_snapshot(stored) if stored else {})
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        before = getattr(request, _BEFORE, {})
        services.user_record_change(
            user=form.instance, before=before, actor=request.user, via="admin"
        )

    def _set_active(self, request, queryset, active: bool) -> int:
        return apply_all(
            self,
            request,
            queryset,
            lambda user: services.user_set_active(
                user=user, active=active, actor=request.user, via="admin"
            ),
        )

    @admin.action(description=gettext_lazy("停用所选账号"), permissions=["change"])
    def deactivate_selected(self, request, queryset):
        done = self._set_active(request, queryset, False)
        if done:
            self.message_user(request, _("已停用 %(count)d 个账号。") % {"count": done})

    @admin.action(description=gettext_lazy("恢复所选账号"), permissions=["change"])
    def reactivate_selected(self, request, queryset):
        done = self._set_active(request, queryset, True)
        if done:
            self.message_user(request, _("已恢复 %(count)d 个账号。") % {"count": done})


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, TrackerUserAdmin)
