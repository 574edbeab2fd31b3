"""The planner's draft page (issue 13, deliverable 3; docs/extraction.md):
a document's numeric commitments as the reader suggests them, each
statement marked in its paragraph, the tasks without a figure listed apart,
and the plan file ``suggest_targets`` writes offered for download. On a
document that is not a plan (a reply) the page says that only clauses that
commit to a future figure were read as targets.

Nothing is written from here: the planner edits the file and imports it
with ``import_plan`` (validated and audited there), so every target enters
through one path. The page and the command read through the same calls
(``selectors_reading.read_plan_document``, ``exports.drafts.document_plan_draft``).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from tracker.datalang import zh
from tracker.domain.reading import SuggestedTarget
from tracker.exports.drafts import document_plan_draft, draft_plan_slug
from tracker.formatting import figure_text
from tracker.highlight import Paragraphs, Span, highlight
from tracker.labels import label
from tracker.models import Document
from tracker.selectors_reading import read_plan_document
from tracker.views.access import PlannerAccessMixin


def _anchor(index: int) -> str:
    return f"draft-{index}"


def _span(target: SuggestedTarget, index: int, offset: int = 0) -> Span:
    figure = figure_text(target.comparator, target.value, target.value_high, target.unit)
    return Span(
        target.start - offset,
        target.end - offset,
        f"#{_anchor(index)}",
        f"statement-{index}" if offset == 0 else f"para-statement-{index}",
        kind=_("建议的目标"),
        tag=_("建议"),
        code=target.code,
        about=f"{target.code} {target.indicator} {figure}",
        css="proposal",
    )


def _card(target: SuggestedTarget, index: int, paragraphs: Paragraphs) -> dict[str, Any]:
    begin, finish = paragraphs.around(target.start, target.end)
    measure = format_html("{}（{}）", label(target.measure), zh(target.measure_words))
    period = f"{target.period_start:%Y-%m-%d} – {target.period_end:%Y-%m-%d}"
    text = paragraphs.text
    return {
        "t": target,
        "anchor": _anchor(index),
        "index": index,
        "figure": figure_text(target.comparator, target.value, target.value_high, target.unit),
        "paragraph": highlight(text[begin:finish], [_span(target, index, offset=begin)]),
        # Field, its value as shown; every one is the reader's suggestion.
        # Field, its value as shown, whether it is data (Chinese) or a label
        # in the page's language; every one is the reader's suggestion.
        "fields": [
            (_("指标"), target.indicator, True),
            (_("比较"), label(target.comparator), False),
            (_("目标值"), _values(target), False),
            (_("计量单位"), target.unit, True),
            (_("考核期"), period, False),
            (_("计量方式"), measure, False),
            (_("方向"), label(target.direction), False),
            (_("约束程度"), label(target.commitment), False),
            (_("牵头单位"), target.units[0] if target.units else "—", True),
            (_("配合单位"), "、".join(target.units[1:]) or "—", True),
        ],
    }


def _values(target: SuggestedTarget) -> str:
    if target.value_high is None:
        return format(target.value, "f")
    return f"{target.value:f} – {target.value_high:f}"


class PlanDraftView(PlannerAccessMixin, TemplateView):
    """GET: the suggested targets and tasks of a document."""

    template_name = "tracker/plan_draft.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        document = get_object_or_404(Document, slug=self.kwargs["slug"])
        reading = read_plan_document(document)
        paragraphs = Paragraphs(document.text)
        context.update(
            document=document,
            # A reply or a news item is read for commitments too, but only
            # for clauses that commit to a future figure: the page says so.
            not_a_plan=label(document.kind) if document.kind != "plan" else "",
            reading=reading,
            cards=[_card(t, i, paragraphs) for i, t in enumerate(reading.targets)],
            tasks=reading.tasks,
            plan_slug=draft_plan_slug(document.slug),
            text=highlight(
                document.text,
                [_span(t, i) for i, t in enumerate(reading.targets)],
                paragraphs=True,
            ),
        )
        return context


class PlanDraftFileView(PlannerAccessMixin, View):
    """GET: the draft plan file (TOML), as ``suggest_targets`` writes it."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        document = get_object_or_404(Document, slug=slug)
        text = document_plan_draft(read_plan_document(document), document)
        response = HttpResponse(
            text.encode("utf-8"), content_type="application/toml; charset=utf-8"
        )
        response["Content-Disposition"] = content_disposition_header(
            True, f"{draft_plan_slug(document.slug)}.toml"
        )
        return response
