"""What the document readers need from the database (issue 13), as plain
data for ``tracker.domain.reading``: a document's text and date, and the
open targets of chosen plans. A target is open until its period is locked
(its final figure approved, docs/attainment.md): a locked
target needs no more proposals.
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.domain.reading import OpenTarget
from tracker.models import Document, Target

__all__ = ["document_by_slug", "open_targets"]


def document_by_slug(slug: str) -> Document | None:
    return Document.objects.filter(slug=slug).first()


def open_targets(plan_slugs: Sequence[str] = ()) -> list[OpenTarget]:
    """Unlocked targets of the given plans (all plans when none are given),
    in plan and code order."""
    query = Target.objects.filter(locked_at__isnull=True).select_related("plan")
    if plan_slugs:
        query = query.filter(plan__slug__in=list(plan_slugs))
    return [
        OpenTarget(
            plan=target.plan.slug,
            code=target.code,
            indicator=target.indicator,
            aliases=tuple(a for a in target.indicator_aliases.splitlines() if a.strip()),
            unit=target.unit,
            measure=target.measure,
            period_start=target.period_start,
            period_end=target.period_end,
            jurisdiction=target.plan.jurisdiction,
        )
        for target in query.order_by("plan__slug", "id")
    ]
