"""A source document's full text with every quoted passage marked and linked
to its target: the auditor's way back from a figure to its words."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.generic import DetailView

from tracker import selectors
from tracker.datalang import DATA_LANGUAGE, page_is_in_data_language
from tracker.formatting import figure_text
from tracker.highlight import Span, find_span, highlight
from tracker.labels import label
from tracker.models import Document, Outcome, Target
from tracker.views.access import ReportAccessMixin


class DocumentView(ReportAccessMixin, DetailView):
    permission_required = "tracker.view_document"
    template_name = "tracker/document.html"
    context_object_name = "document"
    slug_field = "slug"
    model = Document

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        document: Document = self.object
        outcomes = list(selectors.document_outcomes(document.pk, self.request.user))
        targets = list(selectors.document_plan_targets(document))
        spans = [_outcome_span(o) for o in outcomes if o.quote_start is not None]
        unplaced = []
        for target in targets:
            # The statement is verbatim too: the fallback when no longer
            # source quote was recorded.
            found = find_span(document.text, target.source_quote) or find_span(
                document.text, target.statement
            )
            if found is None:
                unplaced.append(target)
            else:
                spans.append(_source_span(target, *found))
        context.update(
            text=highlight(document.text, spans, paragraphs=True),
            text_lang="" if page_is_in_data_language() else DATA_LANGUAGE,
            outcomes=outcomes,
            targets=targets,
            unplaced=unplaced,
            plans=list(document.plans.all()),
            can_see_pending=selectors.can_see_pending(self.request.user),
        )
        return context


def _outcome_span(outcome: Outcome) -> Span:
    figure = figure_text(outcome.qualifier, outcome.value, outcome.value_high, outcome.unit)
    kind, tag, css = _("完成情况引述"), _("引述"), "quote"
    if outcome.state != "approved":
        state = label(outcome.state)
        kind = _("完成情况引述（%(state)s）") % {"state": state}
        tag = _("引述（%(state)s）") % {"state": state}
        css = f"quote pending {outcome.state}"
    href = reverse("tracker:target-detail", args=[outcome.target_id]) + f"#outcome-{outcome.pk}"
    return Span(
        outcome.quote_start,
        outcome.quote_end,
        href,
        f"outcome-{outcome.pk}",
        kind=kind,
        tag=tag,
        code=outcome.target.code,
        about=f"{outcome.target.code} {outcome.target.indicator} {figure}",
        css=css,
    )


def _source_span(target: Target, start: int, end: int) -> Span:
    figure = figure_text(target.comparator, target.value, target.value_high, target.unit)
    return Span(
        start,
        end,
        reverse("tracker:target-detail", args=[target.pk]),
        f"target-{target.pk}",
        kind=_("目标出处"),
        tag=pgettext("document cue", "目标"),
        code=target.code,
        about=f"{target.code} {target.indicator} {figure}",
        css="source",
    )
