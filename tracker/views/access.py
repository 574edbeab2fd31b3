"""Who may open which page (docs/reports.md "Who sees what"; the groups are in ``tracker.roles``).

Anonymous visitors are sent to the login page; a signed-in user without the
permission gets 403, never a silent empty page.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpRequest, HttpResponseBase

from tracker.analytics.assessments import freshness

READ_REPORTS = "tracker.view_target"
EXPORT = "tracker.export_attainment"
REVIEW = "tracker.review_outcome"
READ_AUDIT = "tracker.view_auditevent"
ENTER_OUTCOMES = "tracker.change_outcome"
ENTER_TARGETS = "tracker.add_target"


class ReportAccessMixin(PermissionRequiredMixin):
    """Login and ``view_target``; then the date the stored statuses are valid
    for (one query; ``request.tracker_statuses``), which pages show when it
    is not today. Statuses are never rebuilt inside a request: the daily
    ``manage.py refresh_statuses`` does that (docs/architecture.md)."""

    permission_required: str | tuple[str, ...] = READ_REPORTS

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not self.has_permission():
            return self.handle_no_permission()
        request.tracker_statuses = freshness()  # type: ignore[attr-defined]
        return super().dispatch(request, *args, **kwargs)


class ExportAccessMixin(ReportAccessMixin):
    """CSV exports: reading the reports is not enough (``export_attainment``)."""

    permission_required = (READ_REPORTS, EXPORT)


class ReviewAccessMixin(PermissionRequiredMixin):
    """The review queue: reviewers, and supervisors who enter outcomes."""

    def has_permission(self) -> bool:
        user = self.request.user
        return user.has_perm(REVIEW) or user.has_perm(ENTER_OUTCOMES)


class AuditAccessMixin(PermissionRequiredMixin):
    """The audit trail: auditors and planners (``view_auditevent``)."""

    permission_required: str | tuple[str, ...] = READ_AUDIT


class AuditExportAccessMixin(AuditAccessMixin):
    """Its CSV: also ``export_attainment`` (auditors)."""

    permission_required = (READ_AUDIT, EXPORT)


class PlannerAccessMixin(PermissionRequiredMixin):
    """A document read into draft targets (issue 13): planners, whose job is
    entering targets (``add_target``), and who must be able to read the
    document (``view_document``)."""

    permission_required: str | tuple[str, ...] = ("tracker.view_document", ENTER_TARGETS)
