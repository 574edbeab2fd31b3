"""What shortens a supervisor's entry of one outcome (issue 12):

- ``read_quote_view``: the figure, unit and period the tracker's one reader
  (``tracker.domain.phrases.read_quote``) finds in a selected quote, as JSON
  for the outcome form's script (``static/tracker/admin-read-quote.js``),
  which fills only the fields still empty; the person sees and checks them
  before saving. Staff only, through the admin site's login.
- ``submit_after_save``: "save and submit for review" on the outcome form:
  the save as usual, then ``services.outcome_submit`` (same rules and audit
  as the bulk action); a refusal leaves the saved draft and says why.
- ``target_label``: how a target reads in the outcome form's autocomplete
  (plan, code, statement, period), so same-named targets of different plans
  are told apart.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tracker import services
from tracker.analytics.units import unit_registry
from tracker.domain.phrases import read_quote
from tracker.formatting import period_text
from tracker.models import Document, Outcome, Target

SUBMIT_BUTTON = "_submit_review"


def target_label(target: Target) -> str:
    """``郑州市2020年…方案 · 二.2.2 技改投资增长20%以上（2020年）``: needs the
    plan loaded with the target (``select_related("plan")``)."""
    return _("%(plan)s · %(code)s %(statement)s（%(period)s）") % {
        "plan": target.plan.title,
        "code": target.code,
        "statement": Truncator(target.statement or target.indicator).chars(60),
        "period": period_text(target.period_start, target.period_end),
    }


class TargetAutocompleteView(AutocompleteJsonView):
    """Django's autocomplete, labelled by ``target_label``; the plan comes
    in the same query (one query per page of results)."""

    def get_queryset(self):
        return super().get_queryset().select_related("plan")

    def serialize_result(self, obj: Target, to_field_name: str) -> dict[str, str]:
        return {"id": str(getattr(obj, to_field_name)), "text": target_label(obj)}


class TargetAutocomplete(AutocompleteSelect):
    """The outcome form's target field, asking ``TargetAutocompleteView``."""

    url_name = "%s:tracker_target_autocomplete"


def _number(value: Any) -> str:
    return "" if value is None else format(value.normalize(), "f")


def reading_of(quote: str, document: Document | None, target: Target | None) -> dict[str, str]:
    """The fields the reader can fill from ``quote`` (only those it read)."""
    units = unit_registry()
    reading = read_quote(
        quote,
        on=document.published_on if document is not None else None,
        target_unit=target.unit if target is not None else "",
        units=units.known_units(),
    )
    found: dict[str, str] = {}
    if reading.figure is not None:
        figure = reading.figure
        found.update(
            value=_number(figure.value),
            qualifier=figure.qualifier,
            unit=figure.unit,
        )
        if figure.value_high is not None:
            found["value_high"] = _number(figure.value_high)
    if reading.period_start is not None and reading.period_end is not None:
        found.update(
            period_start=reading.period_start.isoformat(),
            period_end=reading.period_end.isoformat(),
        )
    return found


@require_POST
def read_quote_view(request: HttpRequest, model_admin: Any) -> JsonResponse:
    """POST ``quote`` (and ``document``, ``target`` ids when chosen): the
    fields read from the quote, as strings the form's inputs take."""
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        raise PermissionDenied
    quote = request.POST.get("quote", "")[:4000]
    document = _by_id(Document, request.POST.get("document"))
    target = _by_id(Target, request.POST.get("target"))
    return JsonResponse({"fields": reading_of(quote, document, target)})


def _by_id(model: type, raw: str | None):
    if not raw or not raw.isdigit():
        return None
    return model.objects.filter(pk=int(raw)).first()


def submit_after_save(request: HttpRequest, outcome: Outcome) -> HttpResponseRedirect:
    """The outcome was saved; submit it for review, or say why not. Either
    way the person lands on the outcome, which shows its state."""
    try:
        services.outcome_submit(
            outcome=outcome, actor=request.user, version=outcome.version, via="admin"
        )
    except (ValidationError, PermissionDenied) as error:
        for message in getattr(error, "messages", [str(error)]):
            messages.error(request, _("已保存，但未提交审核：%(why)s") % {"why": message})
    else:
        messages.success(request, _("“%(outcome)s”已保存并提交审核。") % {"outcome": outcome})
    return HttpResponseRedirect(reverse("admin:tracker_outcome_change", args=[outcome.pk]))
