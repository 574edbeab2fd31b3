"""The review queue (docs/reports.md "Outcome review"): reviewers approve or return submitted
outcomes in one click; supervisors submit their drafts. Every action is a
POST through ``tracker.services``, which refuses what the rules forbid
(approving one's own entry, a return without a comment, a locked target);
the page shows the service's own message."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django_tables2 import RequestConfig

from tracker import selectors, services
from tracker.models import Outcome
from tracker.tables import OwnOutcomeTable, ReviewQueueTable
from tracker.views.access import ENTER_OUTCOMES, REVIEW, ReviewAccessMixin


class ReviewQueueView(ReviewAccessMixin, TemplateView):
    template_name = "tracker/review_queue.html"
    extra_context = {"nav": "review"}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        config = RequestConfig(self.request)
        if user.has_perm(REVIEW):
            context["queue"] = config.configure(
                ReviewQueueTable(selectors.review_queue(), prefix="q-")
            )
        if user.has_perm(ENTER_OUTCOMES):
            context["mine"] = config.configure(
                OwnOutcomeTable(selectors.own_unsubmitted(user), prefix="mine-")
            )
        return context


class OutcomeActionView(PermissionRequiredMixin, View, ABC):
    """POST only; redirects back to the queue with the outcome of the action."""

    http_method_names = ["post"]
    done_message = ""

    @abstractmethod
    def act(self, outcome: Outcome, request: HttpRequest) -> None:
        """The service call of this action (approve, return or submit)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponseRedirect:
        outcome = get_object_or_404(Outcome.objects.select_related("target"), pk=pk)
        try:
            self.act(outcome, request)
        except ValidationError as error:
            messages.error(request, _message(outcome, " ".join(error.messages)))
        except PermissionDenied as error:
            messages.error(request, _message(outcome, str(error)))
        else:
            messages.success(request, _message(outcome, str(self.done_message)))
        return HttpResponseRedirect(_back(request))


def _message(outcome: Outcome, text: str) -> str:
    return f"{outcome.target.code} {outcome.target.indicator}：{text}"


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("tracker:review-queue")


class ApproveView(OutcomeActionView):
    permission_required = REVIEW

    def act(self, outcome: Outcome, request: HttpRequest) -> None:
        services.outcome_approve(
            outcome=outcome,
            actor=request.user,
            comment=request.POST.get("comment", "").strip(),
            via="review",
        )
        self.done_message = _("已审核通过。")


class ReturnView(OutcomeActionView):
    permission_required = REVIEW

    def act(self, outcome: Outcome, request: HttpRequest) -> None:
        services.outcome_return(
            outcome=outcome,
            actor=request.user,
            comment=request.POST.get("comment", "").strip(),
            via="review",
        )
        self.done_message = _("已退回，审核意见已记录。")


class SubmitView(OutcomeActionView):
    """Submit one's own draft or returned outcome (others' are not on the page)."""

    permission_required = ENTER_OUTCOMES

    def act(self, outcome: Outcome, request: HttpRequest) -> None:
        if request.user.pk not in {outcome.entered_by_id, outcome.last_edited_by_id}:
            raise PermissionDenied(_("只能提交自己录入或修改的完成情况。"))
        services.outcome_submit(outcome=outcome, actor=request.user, via="review")
        self.done_message = _("已提交审核。")
