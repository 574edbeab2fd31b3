"""Validate an import completely and work out what it would change.

Nothing is written here. Every spec read from the files is matched to the
row it would create or update (by natural key), checked with the project's
own rules (the models' ``full_clean``, so field sizes, words in their sets,
period order, ranges and known units come from ``tracker/models/`` and
``tracker/validation.py``; quotes through ``tracker.validation``), and
every problem is collected with its place; a figure whose unit cannot
convert to its target's is a warning (it is stored and yields
``incomparable``), never an error. The
result is a ``ChangeSet`` the writer applies in one transaction, or
``ImportFailed`` listing every problem.

Natural keys: plan by slug, document by slug, unit by name or alias, alias by
its text, target by (plan, code), assignment by (target, unit), outcome by
(target, document, period_start, period_end, quote): the figure, its
qualifier, unit, proxy flag and note are what a correction changes, while
the sentence quoted and the period it covers say *which* reported figure it
is. Changing the quote or the period therefore makes a new outcome, and the
old one is reported as not in the file.

The work is split by step, each in its own module and run in write order
(whatever a row refers to comes first): ``documents``, ``units``, ``plans``,
``targets``, ``outcomes``, each a ``Collector`` (``collector``) using the
row helpers of ``rows``; ``changes`` is the result. ``Preparer`` is all the
steps together; an outcome CSV (``tracker.imports.outcomes_csv``) uses its
``outcome`` step alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tracker.analytics.units import registry_scope
from tracker.imports.planfile import read_plan_files
from tracker.imports.prepare.changes import (
    ENTITIES,
    MODELS,
    OUTCOME_KEY_FIELDS,
    Change,
    ChangeSet,
    Missing,
)
from tracker.imports.prepare.collector import Collector
from tracker.imports.prepare.documents import DocumentSteps
from tracker.imports.prepare.outcomes import OutcomeSteps
from tracker.imports.prepare.plans import PlanSteps
from tracker.imports.prepare.targets import TargetSteps
from tracker.imports.prepare.units import UnitSteps
from tracker.imports.problems import ImportFailed, Problems

__all__ = [
    "ENTITIES",
    "MODELS",
    "OUTCOME_KEY_FIELDS",
    "Change",
    "ChangeSet",
    "Missing",
    "Preparer",
    "prepare_plan_import",
]


class Preparer(DocumentSteps, UnitSteps, PlanSteps, TargetSteps, OutcomeSteps, Collector):
    """Collects changes and problems for one import run."""


def prepare_plan_import(paths: Iterable[Path]) -> ChangeSet:
    """Read and validate plan files together (documents, units and plans may
    be defined in one file and used in another, or already be stored);
    raise ``ImportFailed`` with every problem, or return the changes."""
    problems = Problems()
    files = read_plan_files(paths, problems)
    preparer = Preparer(problems)
    with registry_scope():  # the units are read once, not per row
        preparer.documents_of(files)
        labels = preparer.units_of(files)
        preparer.plans_of(files)
        preparer.targets_of(files, labels)
        preparer.outcomes_of(files)
    if problems.errors:
        raise ImportFailed(problems.errors)
    return preparer.change_set([plan_file.name for plan_file in files])
