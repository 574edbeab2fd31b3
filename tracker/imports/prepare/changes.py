"""What a prepared import is: the rows it would create, update or leave
unchanged (``Change``), the stored rows no file mentions (``Missing``), and
the whole ``ChangeSet`` the writer applies in one transaction.

Apart from the checks so that the writer (``tracker.imports.writer``) and
the summary (``tracker.imports.summary``) depend on the result only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import models

from tracker.imports.problems import Place, Problem
from tracker.models import Assignment, Document, Outcome, Plan, Target, Unit, UnitAlias

# Write order: whatever a row refers to is written before it.
ENTITIES = ("document", "unit", "unitalias", "plan", "target", "assignment", "outcome")
MODELS: dict[str, type[models.Model]] = {
    "document": Document,
    "unit": Unit,
    "unitalias": UnitAlias,
    "plan": Plan,
    "target": Target,
    "assignment": Assignment,
    "outcome": Outcome,
}
# Fields of an outcome that make up its natural key (never updated in place).
OUTCOME_KEY_FIELDS = ("period_start", "period_end", "quote")


@dataclass
class Change:
    """One row an import creates, updates or finds unchanged."""

    entity: str
    action: str  # "create", "update" or "unchanged"
    file: str
    place: Place
    label: str
    instance: models.Model
    links: dict[str, models.Model] = field(default_factory=dict)
    changed: tuple[str, ...] = ()


@dataclass
class Missing:
    """A stored row of a plan in the import that no file mentions: reported,
    never deleted (see docs/plan-files.md, "Importing")."""

    file: str
    entity: str
    label: str


@dataclass
class ChangeSet:
    files: list[str]
    changes: list[Change]
    missing: list[Missing] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)

    def counts(self, file: str) -> dict[str, Counter]:
        """``{entity: Counter(create=…, update=…, unchanged=…)}`` for one file."""
        result: dict[str, Counter] = {}
        for change in self.changes:
            if change.file == file:
                result.setdefault(change.entity, Counter())[change.action] += 1
        return {entity: result[entity] for entity in ENTITIES if entity in result}

    @property
    def writes(self) -> list[Change]:
        return [change for change in self.changes if change.action != "unchanged"]
