"""The proposal review page (issue 13, docs/extraction.md): the reader's
outcome proposals for a document beside its text, each quote marked in its
paragraph. A supervisor accepts one (as proposed, or after editing its
figure, unit, period or quote), which enters a draft outcome through
``services.outcome_create`` (validated, audited, then the usual review), or
rejects it, which ``services.proposal_reject`` remembers so the target is not
proposed from this document again.

Every proposal of a target is listed, the best first; the others sit
collapsed under it, each with its own accept (a rejection is for the
target). Targets come ``PER_PAGE`` to a page (``?page=``), in the reader's
order. By default the document is read against the plans of the
jurisdictions its text names (``selectors_reading.reading_scope``, as
``suggest_outcomes`` without ``--plan``); ``?plan=SLUG`` keeps the page to
one plan's open targets. When nothing is to be read (no jurisdiction
named, an unknown plan, no open target) the page says why and reads
nothing. The reading is cached per document text, reader version and plan
set (``tracker.selectors_reading``); decisions are applied after the cache.

Keyboard use follows the review queue (``tracker.views.review``): every
button names its target, and after an action the page focuses the proposal
now at the acted-on one's place (the next one), or the list's heading when
none is left; a refused accept shows the form again with its errors focused.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from tracker import services
from tracker.datalang import DATA_LANGUAGE, page_is_in_data_language, zh
from tracker.domain.reading import Proposal
from tracker.formatting import figure_text
from tracker.highlight import Paragraphs, Span, highlight
from tracker.labels import choices, label
from tracker.models import Document, Target
from tracker.selectors_reading import (
    ReviewProposal,
    document_proposals,
    reading_scope,
    scope_message,
)
from tracker.vocabulary import QUALIFIERS

FOCUS_KEY = "tracker.proposal_focus"
# More plans than this in the named places: the filter asks for a plan's
# identifier instead of listing them (a select stays short).
PLAN_FILTER_MAX = 200
# Targets per page. Each target's card carries an accept form per proposal
# and its quote marked in its paragraph, so a reply read against thousands
# of targets is shown a page at a time.
PER_PAGE = 20
# ``?edit=<target pk>-<rank>``: the alternative whose fields are shown to
# edit. The others carry their figure in hidden fields: a form's fields take
# about 9 ms each to render, and a target may have a dozen alternatives.
EDIT = "edit"
VIA = "proposals"
# What the reader's reason codes mean (``Proposal.why``).
WHY_LABELS = {
    "indicator": gettext_lazy("指标词"),
    "coverage": gettext_lazy("指标词覆盖度"),
    "unit": gettext_lazy("单位"),
    "period": gettext_lazy("统计期依据"),
    "grade": gettext_lazy("证据等级"),
    "proxy": gettext_lazy("替代指标"),
    "baseline": gettext_lazy("基期"),
}


class AcceptForm(forms.Form):
    """The proposal as the outcome it would enter; the person may correct it."""

    value = forms.DecimalField(label=gettext_lazy("报告值"), max_digits=24, decimal_places=6)
    value_high = forms.DecimalField(
        label=gettext_lazy("区间上限"), max_digits=24, decimal_places=6, required=False
    )
    qualifier = forms.ChoiceField(label=gettext_lazy("限定"), choices=choices(QUALIFIERS))
    unit = forms.CharField(label=gettext_lazy("计量单位"), max_length=20)
    period_start = forms.DateField(label=gettext_lazy("统计期起"))
    period_end = forms.DateField(label=gettext_lazy("统计期止"))
    quote = forms.CharField(
        label=gettext_lazy("原文引述"), widget=forms.Textarea(attrs={"rows": 3})
    )
    is_proxy = forms.BooleanField(widget=forms.HiddenInput, required=False)
    reported_indicator = forms.CharField(widget=forms.HiddenInput, required=False)


def _prefix(target_pk: int, rank: int = 0) -> str:
    return f"p{target_pk}" if rank == 0 else f"p{target_pk}r{rank}"


def _initial(item: ReviewProposal) -> dict[str, Any]:
    p = item.proposal
    return {
        "value": p.value,
        "unit": p.unit,
        "period_start": p.period_start,
        "period_end": p.period_end,
        "quote": p.quote,
        "value_high": p.value_high,
        "qualifier": p.qualifier,
        "is_proxy": p.proxy,
        "reported_indicator": p.reported_indicator if p.proxy else "",
    }


def _figure(p: Proposal) -> str:
    """The proposed figure as written (a range with both ends)."""
    return figure_text(p.qualifier, p.value, p.value_high, p.unit)


def _span(item: ReviewProposal, offset: int = 0) -> Span:
    """The quote as a marked span: in the full text (``offset`` 0, the best
    proposal of each target) or in its own paragraph."""
    p, target = item.proposal, item.target
    figure = _figure(p)
    return Span(
        p.start - offset,
        p.end - offset,
        f"#proposal-{target.pk}",
        f"quote-{target.pk}" if offset == 0 else f"para-quote-{target.pk}-{item.rank}",
        kind=_("完成情况建议"),
        tag=_("建议"),
        code=target.code,
        about=f"{target.code} {target.indicator} {figure}",
        css="proposal",
    )


class ProposalReviewView(PermissionRequiredMixin, TemplateView):
    """GET: the proposals; POST: accept or reject one (``action``)."""

    permission_required = ("tracker.view_document", "tracker.add_outcome")
    template_name = "tracker/proposals.html"
    extra_context = {"nav": "review"}

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.bound: AcceptForm | None = None
        self.bound_at: tuple[int, int] | None = None  # (target pk, rank)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        document = get_object_or_404(Document, slug=self.kwargs["slug"])
        plan = self.request.GET.get("plan", "").strip()
        review = document_proposals(document, reading_scope(document, [plan]))
        paragraphs = Paragraphs(document.text)
        groups: list[list[ReviewProposal]] = []  # per target, best first
        for item in review.items:
            if item.rank == 0:
                groups.append([item])
            else:
                groups[-1].append(item)
        # Positions count from the first target of the list, so focus after
        # an action finds the next target on whichever page it now is.
        page = Paginator(groups, PER_PAGE).get_page(self.request.GET.get("page"))
        first = page.start_index() - 1 if groups else 0
        cards: list[dict[str, Any]] = []
        for position, group in enumerate(page.object_list, start=first):
            best, *more = (self._entry(item, paragraphs) for item in group)
            cards.append(
                {**best, "position": position, "more": [{**e, "position": position} for e in more]}
            )
        focus = self._focus(len(groups))
        for card in cards:
            card["focused"] = focus == card["position"]
            card["any_refused"] = any(e["refused"] for e in (card, *card["more"]))
            card["editing_more"] = any(e["editing"] for e in card["more"])
        if self.bound is not None and not any(c["any_refused"] for c in cards):
            # The target left the list meanwhile (locked, or decided in
            # another tab): its form cannot be shown, its refusal can.
            for error in self.bound.non_field_errors() or [_("未能录入。")]:
                messages.error(self.request, error)
            context["focus_messages"] = True
        context.update(
            document=document,
            cards=cards,
            card_count=len(groups),
            page_obj=page,
            page_range=page.paginator.get_elided_page_range(page.number),
            plans=review.scope.plans if len(review.scope.plans) <= PLAN_FILTER_MAX else [],
            unlisted=len(review.scope.plans) if len(review.scope.plans) > PLAN_FILTER_MAX else 0,
            places=review.scope.places,
            plan=plan,
            scope_message=scope_message(review.scope),
            text_lang="" if page_is_in_data_language() else DATA_LANGUAGE,
            text=highlight(document.text, [_span(c["item"]) for c in cards]),
            focus_heading=focus == "heading",
        )
        return context

    def _entry(self, item: ReviewProposal, paragraphs: Paragraphs) -> dict[str, Any]:
        """One proposal as the template shows it, with its accept form (the
        refused one when this is the proposal whose accept just failed)."""
        p, pk = item.proposal, item.target.pk
        bound = self.bound if self.bound_at == (pk, item.rank) else None
        begin, finish = paragraphs.around(p.start, p.end)
        form = bound or AcceptForm(initial=_initial(item), prefix=_prefix(pk, item.rank))
        edit_key = f"{pk}-{item.rank}"
        editing = item.rank > 0 and self.request.GET.get(EDIT) == edit_key
        fields = item.rank == 0 or bound is not None or editing
        return {
            "item": item,
            "p": p,
            "target": item.target,
            "rank": item.rank,
            "figure": _figure(p),
            "paragraph": highlight(paragraphs.text[begin:finish], [_span(item, offset=begin)]),
            "why": [(WHY_LABELS.get(c, c), label(v)) for c, v in p.why],
            "form": form,
            "fields": fields,
            "hidden": [] if fields else _hidden(form),
            "edit_key": edit_key,
            "editing": editing,
            "refused": bound is not None,
        }

    def _focus(self, count: int) -> int | str | None:
        """Where the last action asked focus to land (read once)."""
        focus = self.request.session.pop(FOCUS_KEY, None)
        if self.bound is not None or not isinstance(focus, dict):
            return None
        if focus.get("path") != self.request.path:
            return None
        if count == 0:
            return "heading"
        return min(int(focus.get("position", 0)), count - 1)

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        document = get_object_or_404(Document, slug=slug)
        try:
            target = get_object_or_404(Target, pk=int(request.POST.get("target", "")))
        except ValueError:
            target = None
        if target is None or request.POST.get("action") not in ("accept", "reject"):
            return HttpResponse(status=400)
        name = format_html("{} {}", zh(target.code), zh(target.indicator))
        if request.POST["action"] == "reject":
            try:
                services.proposal_reject(
                    actor=request.user,
                    document=document,
                    target=target,
                    reason=request.POST.get("reason", ""),
                    via=VIA,
                )
            except ValidationError as error:
                messages.error(request, _said(name, " ".join(error.messages)))
            else:
                messages.success(request, _said(name, _("已拒绝，不会再次建议。")))
            return self._done(request)
        try:
            rank = max(0, int(request.POST.get("rank", "0")))
        except ValueError:
            rank = 0
        form = AcceptForm(request.POST, prefix=_prefix(target.pk, rank))
        if form.is_valid():
            data = form.cleaned_data
            try:
                outcome = services.outcome_create(
                    actor=request.user,
                    target=target,
                    document=document,
                    value=data["value"],
                    unit=data["unit"],
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                    quote=data["quote"],
                    qualifier=data["qualifier"],
                    value_high=data["value_high"],
                    is_proxy=data["is_proxy"],
                    reported_indicator=data["reported_indicator"],
                    via=VIA,
                )
            except ValidationError as error:
                _attach(form, error)
            else:
                messages.success(
                    request,
                    _said(name, _("已录入为草稿 #%(id)s，提交审核后才计入。") % {"id": outcome.pk}),
                )
                return self._done(request)
        self.bound, self.bound_at = form, (target.pk, rank)
        return self.render_to_response(self.get_context_data(), status=200)

    def _done(self, request: HttpRequest) -> HttpResponseRedirect:
        try:
            position = max(0, int(request.POST.get("position", "0")))
        except ValueError:
            position = 0
        request.session[FOCUS_KEY] = {"path": request.path, "position": position}
        # Back to the same page, its plan filter kept.
        return HttpResponseRedirect(request.get_full_path())


def _hidden(form: AcceptForm) -> list[tuple[str, str]]:
    """Each field's name and value as its widget would write it, for an
    accept form shown as its button alone."""
    hidden = []
    for field in form:
        value = field.field.widget.format_value(field.value())
        if isinstance(value, list):  # a select's chosen options
            value = value[0] if value else None
        hidden.append((field.html_name, "" if value is None else str(value)))
    return hidden


def _said(name: SafeString, text: str) -> str:
    return format_html("{}：{}", name, text)


def _attach(form: AcceptForm, error: ValidationError) -> None:
    """The service's refusal on the fields it names, the rest on the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
