"""What an import wants written, as read from its files (format:
docs/plan-files.md). Field values use the models' attribute names, so the
same dict feeds the model's ``full_clean`` and the services; ``keys`` maps
them back to the names the file uses, for messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.imports.problems import Place

# model field -> key in the plan file / CSV
UNIT_KEYS = {"name": "name", "is_collective": "collective"}
TARGET_KEYS = {"indicator_aliases": "aliases"}
OUTCOME_KEYS = {"is_proxy": "proxy", "notes": "note", "target": "target"}


@dataclass
class DocumentSpec:
    place: Place
    slug: str
    fields: dict[str, Any]


@dataclass
class UnitSpec:
    place: Place
    name: str
    aliases: list[str]
    collective: bool


@dataclass
class PlanSpec:
    place: Place
    slug: str
    fields: dict[str, Any]
    parent: str
    document: str


@dataclass
class TargetSpec:
    place: Place
    plan: str
    code: str
    fields: dict[str, Any]
    units: list[str]


@dataclass
class OutcomeSpec:
    """One reported figure. ``plan`` and ``code`` name its target,
    ``document`` its source by slug."""

    place: Place
    plan: str
    code: str
    document: str
    fields: dict[str, Any]


@dataclass
class PlanFile:
    path: Path
    name: str
    plan: PlanSpec | None = None
    documents: list[DocumentSpec] = field(default_factory=list)
    units: list[UnitSpec] = field(default_factory=list)
    targets: list[TargetSpec] = field(default_factory=list)
    outcomes: list[OutcomeSpec] = field(default_factory=list)
