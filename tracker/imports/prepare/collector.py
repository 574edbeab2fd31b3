"""The state one import run collects, and the checks every step shares.

``Collector`` holds the problems, the changes per entity, the stored rows
not mentioned, and what earlier steps resolved (documents, plans, targets)
for later ones; its helpers run the project's rules (``clean``, ``rules``),
record a change, and look up a stored document or target once. The steps
(``documents``, ``units``, ``plans``, ``targets``, ``outcomes``) build on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from tracker.imports.prepare.changes import (
    ENTITIES,
    OUTCOME_KEY_FIELDS,
    Change,
    ChangeSet,
    Missing,
)
from tracker.imports.prepare.rows import _choices
from tracker.imports.problems import Place, Problems
from tracker.imports.stored import StoredOutcomes, StoredPlan, stored_targets
from tracker.models import Document, Plan, Target


@dataclass
class _Doc:
    instance: Document
    text: str
    usable: bool  # False when its text could not be read: skip quote checks


@dataclass
class _Target:
    instance: Target
    unit: str
    locked: bool
    file: str


class Collector:
    """What every step of one import run shares: the problems, the changes
    per entity, what earlier steps resolved, and the lookups and checks."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.changes: dict[str, list[Change]] = {entity: [] for entity in ENTITIES}
        self.missing: list[Missing] = []
        self.documents: dict[str, _Doc] = {}
        self.plans: dict[str, Plan] = {}
        self.plan_files: dict[str, str] = {}
        self.plan_texts: dict[str, _Doc | None] = {}
        self.targets: dict[tuple[str, str], _Target] = {}
        self.outcome_keys: dict[tuple[Any, ...], Place] = {}
        self.matched_outcomes: set[int] = set()
        self._db_targets: dict[tuple[str, str], _Target | None] = {}
        self.stored_outcomes = StoredOutcomes(OUTCOME_KEY_FIELDS)
        # Stored plans' targets and assignments, read once by this run (one
        # Collector per run: never reused by a later import).
        self._stored_plans: dict[int, StoredPlan] = {}

    # ------------------------------------------------------------ helpers

    def clean(
        self,
        instance: models.Model,
        place: Place,
        *,
        exclude: Iterable[str] = (),
        keys: dict[str, str] | None = None,
    ) -> None:
        """The model's own rules (fields, ``clean()``, constraints)."""
        try:
            instance.full_clean(exclude=list(exclude))
        except ValidationError as error:
            self.problems.validation(place, error, keys=keys, choices=_choices(type(instance)))

    def rules(self, place: Place, *checks: Any, keys: dict[str, str] | None = None) -> None:
        """Each rule of ``tracker.validation`` on its own (a model's
        ``clean()`` stops at the first), so every problem shows in one run.
        Each check is ``(rule, *args)`` or ``(rule, *args, {kwargs})``."""
        for rule, *args in checks:
            kwargs = args.pop() if args and isinstance(args[-1], dict) else {}
            try:
                rule(*args, **kwargs)
            except ValidationError as error:
                self.problems.validation(place, error, keys=keys)

    def record(
        self,
        entity: str,
        file: str,
        place: Place,
        label: str,
        instance: models.Model,
        *,
        new: bool,
        changed: Iterable[str] = (),
        links: dict[str, models.Model | None] | None = None,
    ) -> Change:
        changed = tuple(changed)
        action = "create" if new else ("update" if changed else "unchanged")
        change = Change(
            entity=entity,
            action=action,
            file=file,
            place=place,
            label=label,
            instance=instance,
            links={name: rel for name, rel in (links or {}).items() if rel is not None},
            changed=changed,
        )
        self.changes[entity].append(change)
        return change

    def document(self, slug: str) -> _Doc | None:
        """A document of this import, else the stored one."""
        if slug not in self.documents:
            stored = Document.objects.filter(slug=slug).first()
            if stored is None:
                return None
            self.documents[slug] = _Doc(stored, stored.text, True)
        return self.documents[slug]

    def preload_targets(self, keys: Iterable[tuple[str, str]]) -> None:
        """Read many stored targets (and their outcomes) at once, so that
        ``stored_target`` and the outcome step query nothing per row."""
        keys = [key for key in keys if key not in self._db_targets]
        found = stored_targets(keys)
        for key in keys:
            stored = found.get(key)
            self._db_targets[key] = (
                _Target(stored, stored.unit, stored.locked_at is not None, "")
                if stored is not None
                else None
            )
        self.stored_outcomes.preload(target.pk for target in found.values())

    def stored_plan(self, plan: Plan) -> StoredPlan:
        """A stored plan's targets, assignments and outcomes, read in three
        queries the first time this run asks, matched in memory after."""
        if plan.pk not in self._stored_plans:
            stored = StoredPlan(plan)
            self._stored_plans[plan.pk] = stored
            for code, target in stored.targets.items():
                self._db_targets.setdefault(
                    (plan.slug, code),
                    _Target(target, target.unit, target.locked_at is not None, ""),
                )
            self.stored_outcomes.preload_plan(plan, (t.pk for t in stored.targets.values()))
        return self._stored_plans[plan.pk]

    def stored_target(self, plan: str, code: str) -> _Target | None:
        key = (plan, code)
        if key not in self._db_targets:
            stored = (
                Target.objects.filter(plan__slug=plan, code=code).select_related("plan").first()
            )
            self._db_targets[key] = (
                _Target(stored, stored.unit, stored.locked_at is not None, "")
                if stored is not None
                else None
            )
        return self._db_targets[key]

    def change_set(self, files: list[str]) -> ChangeSet:
        ordered = [change for entity in ENTITIES for change in self.changes[entity]]
        return ChangeSet(
            files=files,
            changes=ordered,
            missing=self.missing,
            warnings=self.problems.warnings,
        )

    def _locked(self, place: Place, target: Target) -> None:
        self.problems.error(
            place,
            "",
            _("目标“%(target)s”的考核期已锁定：须先解锁才能修改") % {"target": target},
        )
