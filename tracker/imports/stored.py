"""What an import matches its rows against, read in batches, not per row.

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

from tracker.models import Outcome, Target

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

    def matching(self, target_id: int, document_id: int, fields: dict[str, Any]) -> list[Outcome]:
        """The stored outcomes a row with ``fields`` would update."""
        self.preload([target_id])
        key = (document_id, *(fields[k] for k in self.key_fields))
        return list(self._by_target[target_id].get(key, []))
