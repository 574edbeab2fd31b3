"""Preparing the documents of an import: each matched to the stored one by
slug, checked by the model's rules, and refused a text change when stored
outcomes quote the old text. Runs first: plans and outcomes quote them.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from tracker.imports.prepare.collector import Collector, _Doc
from tracker.imports.prepare.rows import _assign
from tracker.imports.problems import Place
from tracker.imports.specs import PlanFile
from tracker.models import Document
from tracker.services.documents import text_change_refusal


class DocumentSteps(Collector):
    """Documents: one per slug across all files of the run."""

    def documents_of(self, files: list[PlanFile]) -> None:
        defined: dict[str, Place] = {}
        for plan_file in files:
            for spec in plan_file.documents:
                if not spec.slug:
                    continue
                if spec.slug in defined:
                    self.problems.error(
                        spec.place,
                        "slug",
                        _("文件标识重复：已在 %(place)s 定义") % {"place": defined[spec.slug]},
                    )
                    continue
                defined[spec.slug] = spec.place
                stored = Document.objects.filter(slug=spec.slug).first()
                instance = stored or Document()
                changed = _assign(instance, spec.fields)
                self.clean(instance, spec.place)
                usable = bool(spec.fields["text"]) and not self.problems.has_error(
                    spec.place, "text_file"
                )
                if stored is not None and "text" in changed:
                    refusal = text_change_refusal(stored.pk)
                    if refusal is not None:
                        self.problems.error(spec.place, "text", refusal)
                self.documents[spec.slug] = _Doc(instance, spec.fields["text"], usable)
                self.record(
                    "document",
                    plan_file.name,
                    spec.place,
                    spec.slug,
                    instance,
                    new=stored is None,
                    changed=changed,
                )
