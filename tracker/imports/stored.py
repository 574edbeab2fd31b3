"""What an import matches its rows against, read in batches, not per row.

A plan file imported again into the database that holds it ran about four
queries a target (its target by plan and code, its assignments, its
outcomes, and ``full_clean``'s checks): 84,000 queries and 112 s for 20,000
targets. ``StoredPlan`` reads a stored plan's targets, their assignments and
(``StoredOutcomes.preload_plan``) their outcomes in three queries, whatever
the number of targets. What it reads lives as long as one import run (the
preparer that asked for it), never longer: the instances carry no prefetch
cache, so ``target.assignments.all()`` (``services/assignments.py``) still
reads the database.

An outcome CSV of 50,000 rows used to run two queries a row (its target by
plan and code, then the stored outcomes with the row's natural key): about
100,000 queries before anything was written. Here the targets are read
once per plan and the stored outcomes once per batch of targets, then
matched in memory by the same keys the queries used (equality on plan slug
and code; on document, period and quote, withdrawn outcomes left out).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from tracker.models import Assignment, Outcome, Plan, Target

# Targets per ``IN (...)`` list: well under SQLite's limit on parameters.
CHUNK = 500


def _chunks(values: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def stored_targets(keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Target]:
    """``{(plan slug, code): target}`` for those of ``keys`` that are stored
    (with their plan), one query per plan and chunk of codes."""
    codes_by_plan: dict[str, set[str]] = defaultdict(set)
    for plan, code in keys:
        if plan and code:
            codes_by_plan[plan].add(code)
    found: dict[tuple[str, str], Target] = {}
    for plan, codes in codes_by_plan.items():
        for chunk in _chunks(sorted(codes)):
            for target in Target.objects.filter(plan__slug=plan, code__in=chunk).select_related(
                "plan"
            ):
                found[(plan, target.code)] = target
    return found


class StoredPlan:
    """A stored plan's targets by code and their assignments by unit, read in
    two queries. The targets come in code order, as the database sorts them
    (the order in which stored targets no file lists are reported)."""

    def __init__(self, plan: Plan) -> None:
        # Through the plan's related manager: each target's ``plan`` is this
        # very instance (no query per target for its slug).
        self.targets: dict[str, Target] = {
            target.code: target for target in plan.targets.order_by("code")
        }
        self.assignments: dict[int, dict[int, Assignment]] = {
            target.pk: {} for target in self.targets.values()
        }
        rows = (
            Assignment.objects.filter(target__plan=plan)
            .select_related("unit")  # named when no file lists it
            .order_by("target_id", "position", "id")
        )
        for assignment in rows:
            self.assignments[assignment.target_id][assignment.unit_id] = assignment

    def assignments_of(self, target: Target) -> dict[int, Assignment]:
        """``{unit id: assignment}`` of a stored target of this plan, in
        position order (a copy: the caller may take matched ones out)."""
        return dict(self.assignments[target.pk])


class StoredOutcomes:
    """Stored, not withdrawn outcomes by target, document, period and quote
    (``prepare.changes.OUTCOME_KEY_FIELDS``), in id order: what one ``filter(...)
    .exclude(state="withdrawn").order_by("id")`` per row returned."""

    def __init__(self, key_fields: tuple[str, ...]) -> None:
        self.key_fields = key_fields
        self._by_target: dict[int, dict[tuple[Any, ...], list[Outcome]]] = {}

    def preload(self, target_ids: Iterable[int]) -> None:
        """Read the outcomes of many targets at once (not read yet only)."""
        wanted = sorted({pk for pk in target_ids if pk is not None} - self._by_target.keys())
        for chunk in _chunks(wanted):
            for pk in chunk:
                self._by_target[pk] = {}
            rows = (
                Outcome.objects.filter(target_id__in=chunk)
                .exclude(state="withdrawn")
                .order_by("id")
            )
            for outcome in rows:
                key = (outcome.document_id, *(getattr(outcome, k) for k in self.key_fields))
                self._by_target[outcome.target_id].setdefault(key, []).append(outcome)

    def preload_plan(self, plan: Plan, target_ids: Iterable[int]) -> None:
        """Read the outcomes of every target of a stored plan in one query
        (``target_ids``: all of them, so that a target with none reads
        nothing later either)."""
        wanted = {pk for pk in target_ids if pk not in self._by_target}
        if not wanted:
            return
        for pk in wanted:
            self._by_target[pk] = {}
        rows = Outcome.objects.filter(target__plan=plan).exclude(state="withdrawn").order_by("id")
        for outcome in rows:
            if outcome.target_id in wanted:
                key = (outcome.document_id, *(getattr(outcome, k) for k in self.key_fields))
                self._by_target[outcome.target_id].setdefault(key, []).append(outcome)

    def matching(self, target_id: int, document_id: int, fields: dict[str, Any]) -> list[Outcome]:
        """The stored outcomes a row with ``fields`` would update."""
        self.preload([target_id])
        key = (document_id, *(fields[k] for k in self.key_fields))
        return list(self._by_target[target_id].get(key, []))
