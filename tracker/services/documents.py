"""Evidence that cannot change under a figure (docs/security.md).

An outcome is tied to the verbatim quote at character offsets in its
document's text. If the text could change after the fact, an approved
figure would point at words that are no longer there (or at other words).
So the text of a document is fixed while any outcome that is not withdrawn
quotes it. A corrected text is a new document; the outcomes move to it
through review (an edit sends them back to draft). This module is the one
place the rule lives: ``entity_save`` (admin, imports, any file upload) and
the plan-file import's validation both call it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tracker.models import Document, Outcome

# Listed by number in the refusal; more are counted, not listed.
_LISTED = 10
_SLUG_LENGTH = Document._meta.get_field("slug").max_length


def slug_from_title(title: str) -> str:
    """A free slug made from a document's title, for the admin's add page
    when the person leaves it blank.

    Chinese titles keep their characters (``关于技改投资的答复``): the slug
    field allows Unicode and the document page's URL takes any text
    (``documents/<str:slug>/``), so the slug reads like the title instead of
    a transliteration a person cannot check. Punctuation and spaces go
    (``slugify(allow_unicode=True)``); a taken slug gets ``-2``, ``-3`` ...
    """
    base = slugify(title, allow_unicode=True)[:_SLUG_LENGTH].strip("-") or "document"
    taken = set(Document.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        suffix = f"-{n}"
        candidate = base[: _SLUG_LENGTH - len(suffix)] + suffix
    return candidate


def quoting_outcomes(document_id: int) -> list[Outcome]:
    """Outcomes (not withdrawn) whose quotes point into this document."""
    return list(
        Outcome.objects.filter(document_id=document_id)
        .exclude(state="withdrawn")
        .select_related("target")
        .order_by("id")
    )


def text_change_refusal(document_id: int) -> str | None:
    """Why this document's text may not change now, or None when it may."""
    quoting = quoting_outcomes(document_id)
    if not quoting:
        return None
    names = "、".join(
        _("#%(id)s（目标 %(target)s，%(state)s）")
        % {"id": o.pk, "target": o.target.code, "state": o.get_state_display()}
        for o in quoting[:_LISTED]
    )
    if len(quoting) > _LISTED:
        names += _(" 等共 %(count)d 条") % {"count": len(quoting)}
    return _(
        "文件全文不能修改：完成情况 %(outcomes)s 引述了它。更正的全文请作为新文件录入，"
        "再将这些完成情况改为引述新文件（改后须重新审核）。"
    ) % {"outcomes": names}


def refuse_text_change(document_id: int, *, old_text: str, new_text: str) -> None:
    """Raise when the text changes while outcomes quote it."""
    if old_text == new_text:
        return
    reason = text_change_refusal(document_id)
    if reason is not None:
        raise ValidationError({"text": ValidationError(reason, code="evidence_fixed")})
