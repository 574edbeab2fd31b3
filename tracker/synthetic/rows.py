"""The shape of the synthetic rows: the columns of each table in the order
the loader writes them (``tracker.synthetic.load``), one plan's rows
(``PlanRows``), the sizes of a run, the ids given, and the weighted draw
every part of the generator uses.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

DOCUMENT_COLUMNS = ("id", "slug", "title", "issuer", "published_on", "kind", "url", "text")
PLAN_COLUMNS = (
    "id",
    "slug",
    "title",
    "issuer",
    "jurisdiction",
    "issued_on",
    "period_start",
    "period_end",
    "document_id",
)
TARGET_COLUMNS = (
    "id",
    "plan_id",
    "code",
    "statement",
    "source_quote",
    "indicator",
    "comparator",
    "value",
    "value_high",
    "unit",
    "period_start",
    "period_end",
    "direction",
    "commitment",
    "measure",
    "growth",
)
ASSIGNMENT_COLUMNS = ("id", "target_id", "unit_id", "role", "position")
OUTCOME_COLUMNS = (
    "id",
    "target_id",
    "document_id",
    "value",
    "value_high",
    "qualifier",
    "unit",
    "period_start",
    "period_end",
    "quote",
    "quote_start",
    "quote_end",
    "is_proxy",
    "reported_indicator",
    "state",
    "submitted_at",
    "reviewed_at",
    "withdrawn_at",
    "withdrawal_reason",
)
UNIT_COLUMNS = ("id", "name", "is_collective")


@dataclass
class Ids:
    """Next id per table: the database is empty, so ids are ours to give."""

    counters: dict[str, int] = field(default_factory=dict)

    def next(self, table: str) -> int:
        self.counters[table] = self.counters.get(table, 0) + 1
        return self.counters[table]


@dataclass
class PlanRows:
    """One plan's rows, in the order they must be written (foreign keys)."""

    documents: list[tuple] = field(default_factory=list)
    plans: list[tuple] = field(default_factory=list)
    targets: list[tuple] = field(default_factory=list)
    assignments: list[tuple] = field(default_factory=list)
    outcomes: list[tuple] = field(default_factory=list)


@dataclass(frozen=True)
class Sizes:
    plans: int
    targets_per_plan: int
    outcomes_per_target: int
    units: int
    seed: int


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    names, weights = zip(*weighted, strict=True)
    return rng.choices(names, weights)[0]
