"""Preparing the plans of an import: one per slug across the files, linked
to their parent and document (of this import or stored), refused when the
parents form a cycle, and ordered so that a parent is written before its
children.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from tracker.imports.prepare.changes import Change
from tracker.imports.prepare.collector import Collector
from tracker.imports.prepare.rows import _assign, _link, _unsaved
from tracker.imports.specs import PlanFile, PlanSpec
from tracker.models import Plan


class PlanSteps(Collector):
    """Plans: matched by slug, linked, checked for cycles, parents first."""

    def plans_of(self, files: list[PlanFile]) -> None:
        specs: list[tuple[PlanFile, PlanSpec]] = []
        for plan_file in files:
            spec = plan_file.plan
            if spec is None or not spec.slug:
                continue
            if spec.slug in self.plans:
                self.problems.error(
                    spec.place,
                    "slug",
                    _("规划标识重复：%(file)s 中也有") % {"file": self.plan_files[spec.slug]},
                )
                continue
            stored = Plan.objects.filter(slug=spec.slug).first()
            self.plans[spec.slug] = stored or Plan()
            self.plan_files[spec.slug] = plan_file.name
            specs.append((plan_file, spec))

        parents: dict[str, str] = {}
        for plan_file, spec in specs:
            plan = self.plans[spec.slug]
            stored = plan.pk is not None
            changed = _assign(plan, spec.fields)
            parent = None
            if spec.parent:
                parents[spec.slug] = spec.parent
                if spec.parent == spec.slug:
                    self.problems.error(spec.place, "parent", _("规划不能是自己的上位规划"))
                else:
                    parent = (
                        self.plans.get(spec.parent) or Plan.objects.filter(slug=spec.parent).first()
                    )
                    if parent is None:
                        self.problems.error(
                            spec.place,
                            "parent",
                            _("上位规划“%(slug)s”在本次导入的文件和数据库中都不存在")
                            % {"slug": spec.parent},
                        )
            document = None
            self.plan_texts[spec.slug] = None
            if spec.document:
                found = self.document(spec.document)
                if found is None:
                    self.problems.error(
                        spec.place,
                        "document",
                        _("文件“%(slug)s”在本次导入的文件和数据库中都不存在")
                        % {"slug": spec.document},
                    )
                else:
                    document = found.instance
                    self.plan_texts[spec.slug] = found
            links = {"parent": parent, "document": document}
            for name, related in links.items():
                if _link(plan, name, related):
                    changed.append(name)
            self.clean(plan, spec.place, exclude=_unsaved(links))
            self.record(
                "plan",
                plan_file.name,
                spec.place,
                spec.slug,
                plan,
                new=not stored,
                changed=changed,
                links=links,
            )
        self._check_cycles(specs, parents)
        self._parents_first()

    def _check_cycles(
        self, specs: list[tuple[PlanFile, PlanSpec]], parents: dict[str, str]
    ) -> None:
        def parent_of(slug: str) -> str:
            if slug in parents or slug in self.plans:
                return parents.get(slug, "")
            stored = Plan.objects.filter(slug=slug).values_list("parent__slug", flat=True).first()
            return stored or ""

        for _plan_file, spec in specs:
            seen = [spec.slug]
            slug = parent_of(spec.slug)
            while slug and slug not in seen and len(seen) < 100:
                seen.append(slug)
                slug = parent_of(slug)
            if slug == spec.slug and len(seen) > 1:
                self.problems.error(
                    spec.place,
                    "parent",
                    _("上位规划形成循环：%(chain)s") % {"chain": " → ".join([*seen, slug])},
                )

    def _parents_first(self) -> None:
        """Order plan writes so a parent made by this import is saved before
        its children."""
        changes = self.changes["plan"]
        by_slug = {change.label: change for change in changes}
        ordered: list[Change] = []

        def visit(change: Change, depth: int = 0) -> None:
            if change in ordered or depth > len(changes):
                return
            parent = change.links.get("parent")
            if parent is not None:
                parent_change = by_slug.get(getattr(parent, "slug", ""))
                if parent_change is not None:
                    visit(parent_change, depth + 1)
            ordered.append(change)

        for change in changes:
            visit(change)
        self.changes["plan"] = ordered
