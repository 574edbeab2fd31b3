"""Preparing the targets of each plan and their assignments: matched by
(plan, code), checked with the project's rules one by one (every problem in
one run), their statement and source quote found in the plan's document,
a locked target refused any change, and the units listed in order (first =
lead). Stored targets and assignments no file lists are reported.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from tracker import validation
from tracker.imports.prepare.changes import Missing
from tracker.imports.prepare.collector import Collector, _Doc, _Target
from tracker.imports.prepare.rows import _assign, _link
from tracker.imports.problems import Place
from tracker.imports.specs import TARGET_KEYS, PlanFile
from tracker.models import Assignment, Target, Unit


class TargetSteps(Collector):
    """Targets and their assignments, plan file by plan file."""

    def targets_of(self, files: list[PlanFile], labels: dict[str, Unit]) -> None:
        for plan_file in files:
            spec_plan = plan_file.plan
            slug = spec_plan.slug if spec_plan else ""
            plan = self.plans.get(slug) if self.plan_files.get(slug) == plan_file.name else None
            plan_doc = self.plan_texts.get(slug)
            codes: dict[str, Place] = {}
            # Every stored target of the plan, its assignments and outcomes,
            # read once (not a lookup per target): matched in memory below.
            stored_plan = (
                self.stored_plan(plan) if plan is not None and plan.pk is not None else None
            )
            for spec in plan_file.targets:
                if spec.code in codes:
                    self.problems.error(
                        spec.place,
                        "code",
                        _("编号在本规划中重复（另见 %(place)s）") % {"place": codes[spec.code]},
                    )
                    continue
                if spec.code:
                    codes[spec.code] = spec.place
                stored = None
                if stored_plan is not None and spec.code:
                    stored = stored_plan.targets.get(spec.code)
                target = stored or Target()
                changed = _assign(target, spec.fields)
                links: dict[str, models.Model | None] = {"plan": plan}
                if _link(target, "plan", plan):
                    changed.append("plan")
                # "plan" is never checked by ``full_clean`` here: it is new,
                # absent, or stored and read by this run with all its targets,
                # so it exists and (plan, code) is unique (matched above; codes
                # repeated in the file refused above). Its two queries per row
                # proved nothing more; the database constraints stay the guard.
                exclude = ["plan"]
                values = spec.fields
                self.rules(
                    spec.place,
                    (validation.check_period, values["period_start"], values["period_end"]),
                    (
                        validation.check_range,
                        values["comparator"],
                        values["value"],
                        values["value_high"],
                        {"field": "value_high"},
                    ),
                    (
                        validation.check_baseline_pair,
                        values["baseline_value"],
                        values["baseline_date"],
                    ),
                    (validation.check_baseline_date, values["baseline_date"], values["period_end"]),
                    (validation.check_tolerance, values["tolerance"]),
                    (validation.check_unit_known, values["unit"]),
                    keys=TARGET_KEYS,
                )
                self.clean(target, spec.place, exclude=exclude, keys=TARGET_KEYS)
                self._check_statement(
                    spec.place,
                    spec.fields,
                    plan_doc,
                    has_document=bool(spec_plan and spec_plan.document),
                )
                locked = stored is not None and stored.locked_at is not None
                if locked and changed:
                    self._locked(spec.place, stored)
                if plan is None or not spec.code:
                    continue
                self.targets[(slug, spec.code)] = _Target(
                    target, spec.fields["unit"], locked, plan_file.name
                )
                self.record(
                    "target",
                    plan_file.name,
                    spec.place,
                    f"{slug}:{spec.code}",
                    target,
                    new=stored is None,
                    changed=changed,
                    links=links,
                )
                stored_units = stored_plan.assignments_of(stored) if stored is not None else {}
                self._assignments(
                    plan_file.name, spec.place, target, spec.units, labels, locked, stored_units
                )
            if stored_plan is not None:
                for code in stored_plan.targets:  # in the database's code order
                    if code not in codes:
                        self.missing.append(Missing(plan_file.name, "target", f"{slug}:{code}"))

    def _check_statement(
        self, place: Place, fields: dict[str, Any], plan_doc: _Doc | None, *, has_document: bool
    ) -> None:
        statement, source_quote = fields["statement"], fields["source_quote"]
        if not has_document:
            if source_quote:
                self.problems.error(
                    place, "source_quote", _("给出了 source_quote，但规划没有指定 document")
                )
            return
        if plan_doc is None or not plan_doc.usable:
            return
        for key, quote in (("statement", statement), ("source_quote", source_quote)):
            if not quote or self.problems.has_error(place, key):
                continue
            try:
                validation.locate_quote(quote, plan_doc.text)
            except ValidationError as error:
                self.problems.validation(place, error, keys={"quote": key})
        if statement and source_quote and statement not in source_quote:
            self.problems.warn(place, "statement", _("statement 不在 source_quote 之内"))

    def _assignments(
        self,
        file: str,
        place: Place,
        target: Target,
        names: list[str],
        labels: dict[str, Unit],
        locked: bool,
        stored: dict[int, Assignment],
    ) -> None:
        """First unit listed = lead, the others support, position = order.
        ``stored``: the target's stored assignments by unit id, as this run
        read them (``StoredPlan``)."""
        seen: set[int] = set()
        units: list[Unit] = []
        for name in names:
            unit = labels.get(name)
            if unit is None:
                self.problems.error(
                    place,
                    "units",
                    _("责任单位“%(name)s”不是本次导入或数据库中任何单位的名称或别名")
                    % {"name": name},
                )
                continue
            if id(unit) in seen:
                self.problems.error(
                    place,
                    "units",
                    _("同一单位列了两次（名称与别名？）：%(name)s") % {"name": name},
                )
                continue
            seen.add(id(unit))
            units.append(unit)
        listed: set[int] = set()
        for position, unit in enumerate(units):
            existing = stored.get(unit.pk) if unit.pk is not None else None
            if existing is not None:
                listed.add(existing.pk)
            assignment = existing or Assignment()
            changed = _assign(
                assignment, {"role": "lead" if position == 0 else "support", "position": position}
            )
            links = {"target": target, "unit": unit}
            for name, related in links.items():
                if _link(assignment, name, related):
                    changed.append(name)
            # Neither link is checked by ``full_clean``: each is new, or was
            # read by this run (the units all, the target with its plan), and
            # (target, unit) is unique (matched by unit above, a unit listed
            # twice refused above). The database constraints stay the guard.
            self.clean(assignment, place, exclude=["target", "unit"])
            if locked and (existing is None or changed):
                self._locked(place, target)
            self.record(
                "assignment",
                file,
                place,
                f"{target.code} · {unit.name}",
                assignment,
                new=existing is None,
                changed=changed,
                links=links,
            )
        for assignment in stored.values():
            if assignment.pk not in listed:
                self.missing.append(
                    Missing(
                        file, "assignment", f"{target.plan.slug}:{target.code} · {assignment.unit}"
                    )
                )
