"""Locked logins (django-axes' failed attempts): who is locked out, and an
audited unlock for administrators."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tracker import services


@admin.register(AccessAttempt)
class LoginLockAdmin(admin.ModelAdmin):
    list_display = ["username_shown", "address", "failures", "last_attempt", "locked"]
    search_fields = ["username", "ip_address"]
    actions = ["unlock_selected"]
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER

    @admin.display(description=gettext_lazy("用户名"), ordering="username")
    def username_shown(self, obj):
        return obj.username or "—"

    @admin.display(description=gettext_lazy("网络地址"), ordering="ip_address")
    def address(self, obj):
        return obj.ip_address or "—"

    @admin.display(description=gettext_lazy("失败次数"), ordering="failures_since_start")
    def failures(self, obj):
        return obj.failures_since_start

    @admin.display(description=gettext_lazy("最近一次"), ordering="attempt_time")
    def last_attempt(self, obj):
        return obj.attempt_time

    @admin.display(description=gettext_lazy("已锁定"), boolean=True)
    def locked(self, obj):
        return obj.failures_since_start >= settings.AXES_FAILURE_LIMIT

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # unlocking is the action below, audited

    def has_unlock_permission(self, request):
        return request.user.is_superuser

    @admin.action(description=gettext_lazy("解除所选锁定"), permissions=["unlock"])
    def unlock_selected(self, request, queryset):
        done = services.login_unlock(attempts=list(queryset), actor=request.user, via="admin")
        self.message_user(request, _("已解除 %(count)d 条登录锁定。") % {"count": done})
