"""The tracker's pages: reports for managers and auditors, the review queue,
the audit trail."""

from django.urls import path

from tracker.views import (
    audit,
    documents,
    exports,
    plan_drafts,
    plans,
    proposals,
    review,
    targets,
    units,
)

app_name = "tracker"

urlpatterns = [
    path("", plans.PlanListView.as_view(), name="plan-list"),
    path("export.csv", exports.AttainmentExportView.as_view(), name="export"),
    path("plans/<str:slug>/", plans.PlanReportView.as_view(), name="plan-report"),
    path("plans/<str:slug>/export.csv", plans.PlanExportView.as_view(), name="plan-export"),
    path("units/", units.UnitRankingView.as_view(), name="unit-ranking"),
    path("units/export.csv", units.UnitRankingExportView.as_view(), name="unit-ranking-export"),
    path("units/<int:pk>/", units.UnitDetailView.as_view(), name="unit-detail"),
    path("units/<int:pk>/export.csv", units.UnitExportView.as_view(), name="unit-export"),
    path("targets/<int:pk>/", targets.TargetDetailView.as_view(), name="target-detail"),
    path("documents/<str:slug>/", documents.DocumentView.as_view(), name="document"),
    path(
        "documents/<str:slug>/proposals/",
        proposals.ProposalReviewView.as_view(),
        name="document-proposals",
    ),
    path(
        "documents/<str:slug>/targets/",
        plan_drafts.PlanDraftView.as_view(),
        name="document-targets",
    ),
    path(
        "documents/<str:slug>/targets/plan.toml",
        plan_drafts.PlanDraftFileView.as_view(),
        name="document-targets-file",
    ),
    path("review/", review.ReviewQueueView.as_view(), name="review-queue"),
    path("review/<int:pk>/approve/", review.ApproveView.as_view(), name="outcome-approve"),
    path("review/<int:pk>/return/", review.ReturnView.as_view(), name="outcome-return"),
    path("review/<int:pk>/submit/", review.SubmitView.as_view(), name="outcome-submit"),
    path("audit/", audit.AuditTrailView.as_view(), name="audit-trail"),
    path("audit/export.csv", audit.AuditExportView.as_view(), name="audit-export"),
    path("audit/<slug:entity>/<int:pk>/", audit.RecordHistoryView.as_view(), name="audit-record"),
]
