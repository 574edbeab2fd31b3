"""The review queue (docs/reports.md "Outcome review"): reviewers approve or return submitted
outcomes in one click; supervisors submit their drafts. Every action is a
POST through ``tracker.services``, which refuses what the rules forbid
(approving one's own entry, a return without a comment, a locked target);
the page shows the service's own message. Each form carries the version of
the outcome the person saw: a decision on an outcome changed since is
refused, not applied to figures they did not see.

Focus after an action (WCAG 2.4.3): the page reloads, and a keyboard or
screen-reader user must not be thrown back to its top. The action remembers
the row it was taken on; the queue then focuses the row now at that place
(the next item, since the acted-on one has left the list), or the list's
heading when the list is empty, or the message when the action was refused.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from tracker import selectors, services
from tracker.datalang import zh
from tracker.models import Outcome
from tracker.review_tables import OwnOutcomeTable, ReviewQueueTable
from tracker.views.access import ENTER_OUTCOMES, REVIEW, ReviewAccessMixin
from tracker.views.paging import BoundedRequestConfig

FOCUS_KEY = "tracker.review_focus"
QUEUE, MINE = "queue", "mine"


class ReviewQueueView(ReviewAccessMixin, TemplateView):
    template_name = "tracker/review_queue.html"
    extra_context = {"nav": "review"}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        config = BoundedRequestConfig(self.request)
        if user.has_perm(REVIEW):
            context[QUEUE] = config.configure(
                ReviewQueueTable(selectors.review_queue(), prefix="q-")
            )
        if user.has_perm(ENTER_OUTCOMES):
            context[MINE] = config.configure(
                OwnOutcomeTable(selectors.own_unsubmitted(user), prefix="mine-")
            )
        context.update(self._focus(context))
        return context

    def _focus(self, context: dict[str, Any]) -> dict[str, Any]:
        """Where the last action on this page asked focus to land (read once)."""
        focus = self.request.session.pop(FOCUS_KEY, None)
        if not isinstance(focus, dict) or focus.get("path") != self.request.path:
            return {}
        if focus.get("messages"):
            return {"focus_messages": True}
        table = context.get(focus.get("list"))
        if table is None:
            return {}
        records = list(table.page.object_list.data) if table.page else []
        if not records:
            return {"focus_heading": focus["list"]}
        table.focused_pk = records[min(focus["position"], len(records) - 1)].pk
        return {}


class OutcomeActionView(PermissionRequiredMixin, View, ABC):
    """POST only; redirects back to the queue with the outcome of the action."""

    http_method_names = ["post"]
    done_message = ""
    focus_list = QUEUE

    @abstractmethod
    def act(self, outcome: Outcome, request: HttpRequest) -> None:
        """The service call of this action (approve, return or submit)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponseRedirect:
        outcome = get_object_or_404(Outcome.objects.select_related("target"), pk=pk)
        back = _back(request)
        focus: dict[str, Any] = {"path": urlsplit(back).path}
        try:
            self.act(outcome, request)
        except ValidationError as error:
            messages.error(request, _message(outcome, " ".join(error.messages)))
            focus["messages"] = True
        except PermissionDenied as error:
            messages.error(request, _message(outcome, str(error)))
            focus["messages"] = True
        else:
            messages.success(request, _message(outcome, str(self.done_message)))
            focus.update(list=self.focus_list, position=_position(request))
        request.session[FOCUS_KEY] = focus
        return HttpResponseRedirect(back)


def _version(request: HttpRequest) -> int | None:
    """The version the page showed (None from an older page or a script:
    then the state rules alone decide)."""
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        return None


def _message(outcome: Outcome, text: str) -> str:
    return format_html("{} {}：{}", zh(outcome.target.code), zh(outcome.target.indicator), text)


def _position(request: HttpRequest) -> int:
    """The acted-on row's place in its list (0 = first), as the form sent it."""
    try:
        return max(0, int(request.POST.get("position", "0")))
    except ValueError:
        return 0


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
            version=_version(request),
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
            version=_version(request),
            via="review",
        )
        self.done_message = _("已退回，审核意见已记录。")


class SubmitView(OutcomeActionView):
    """Submit one's own draft or returned outcome (others' are not on the page)."""

    permission_required = ENTER_OUTCOMES
    focus_list = MINE

    def act(self, outcome: Outcome, request: HttpRequest) -> None:
        if request.user.pk not in {outcome.entered_by_id, outcome.last_edited_by_id}:
            raise PermissionDenied(_("只能提交自己录入或修改的完成情况。"))
        services.outcome_submit(
            outcome=outcome, actor=request.user, version=_version(request), via="review"
        )
        self.done_message = _("已提交审核。")
