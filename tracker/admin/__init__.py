"""The admin: where planners enter plans and targets and supervisors log
outcomes. One module per subject; the shared behaviour (writes through the
services, refusals as messages, all-or-nothing actions) is in ``base``."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from tracker.admin import audit, logins, outcomes, plans, targets, units, users  # noqa: F401

admin.site.site_header = _("规划目标跟踪")
admin.site.site_title = _("规划目标跟踪")
admin.site.index_title = _("数据管理")
