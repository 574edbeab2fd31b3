"""Django's view of the tracker's tables.

The tables belong to SQLAlchemy + Alembic (``tracker/schema/``); these
models are ``managed = False`` mirrors so the admin, forms and pages can use
them. ``tests/test_schema_drift.py`` fails on any difference between the two.
Writes go through ``tracker.services``, never straight through ``save()``
from views, so validation and the audit trail live in one place.

Grouped like the tables (``plans``, ``evidence``, ``derived``); every model
is importable from ``tracker.models``.
"""

from tracker.models.derived import (
    Assessment,
    PlanRollup,
    RollupCounts,
    StatusRefresh,
    UnitRollup,
)
from tracker.models.evidence import AuditEvent, Outcome, ProposalRejection
from tracker.models.fields import FIGURE
from tracker.models.plans import Assignment, Document, Plan, Target, Unit, UnitAlias

# The unit registry's model lives in its own module (its own concern); it is
# re-exported here so ``tracker.models`` names every model of the app.
from tracker.units_of_measure import UnitOfMeasure

__all__ = [
    "FIGURE",
    "Assessment",
    "Assignment",
    "AuditEvent",
    "Document",
    "Outcome",
    "Plan",
    "PlanRollup",
    "ProposalRejection",
    "RollupCounts",
    "StatusRefresh",
    "Target",
    "Unit",
    "UnitAlias",
    "UnitOfMeasure",
    "UnitRollup",
]
