"""Imports: plan files (TOML) for planners, outcome CSVs for supervisors.

Two steps, so nothing is written unless everything is valid:

1. ``prepare_plan_import`` / ``prepare_outcome_import`` read the files, check
   every row with the project's rules and match it to what is stored,
   collecting every problem with its place; they raise ``ImportFailed`` or
   return a ``ChangeSet`` (what would be created, updated, left unchanged).
2. ``apply`` writes a ``ChangeSet`` in one transaction through
   ``tracker.services``, so imports are validated and audited like the admin.

The format is in docs/plan-files.md; the commands are ``import_plan`` and
``import_outcomes``.
"""

from tracker.imports.outcomes_csv import prepare_outcome_import
from tracker.imports.prepare import Change, ChangeSet, Missing, prepare_plan_import
from tracker.imports.problems import ImportFailed, Place, Problem
from tracker.imports.summary import summary_lines
from tracker.imports.writer import apply

__all__ = [
    "Change",
    "ChangeSet",
    "ImportFailed",
    "Missing",
    "Place",
    "Problem",
    "apply",
    "prepare_outcome_import",
    "prepare_plan_import",
    "summary_lines",
]
