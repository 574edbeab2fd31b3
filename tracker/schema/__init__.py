"""The tracker's tables, declared once in SQLAlchemy Core.

This package is the schema's single source of truth: Alembic migrates it
(``migrations/``), the Django models in ``tracker/models/`` mirror it
(``managed = False``; ``tests/test_schema_drift.py`` fails on any difference),
and the analytics in ``tracker/analytics/`` query it.

Rules the database enforces itself, so no code path can bypass them:
- every figure is an exact decimal (``NUMERIC``), never a float;
- words (comparator, direction, state ...) are checked against their sets;
- periods run forwards, ranges have ``high > low``;
- a document that outcomes cite, or a target that has outcomes, cannot be
  deleted (``ON DELETE RESTRICT``);
- every editable row carries a ``version`` the services check and raise on
  each write, so the later of two concurrent saves is refused, never
  silently applied (optimistic concurrency, docs/security.md);
- the audit trail is append-only: triggers created by migration
  ``0005_trust`` refuse UPDATE and DELETE on ``tracker_audit_event``.

The tables are grouped by who fills them: ``plans`` (planners), ``evidence``
(supervisors, auditors, the reader's review) and ``derived`` (rebuilt by the
tracker itself); ``columns`` holds the shared types and the ``MetaData``.
Every name is importable from ``tracker.schema``.
"""

from tracker.schema.columns import (
    CODE,
    NAME,
    NAMING_CONVENTION,
    UNIT_NAME,
    UNIT_TEXT,
    WORD,
    Factor,
    Figure,
    Json,
    Key,
    UserId,
    metadata,
)
from tracker.schema.derived import (
    ROLLUP_COUNT_COLUMNS,
    ROLLUP_SCOPES,
    assessment,
    plan_rollup,
    status_refresh,
    unit_rollup,
)
from tracker.schema.evidence import audit_event, outcome, proposal_rejection
from tracker.schema.plans import (
    assignment,
    document,
    plan,
    target,
    unit,
    unit_alias,
    unit_of_measure,
)

__all__ = [
    "CODE",
    "NAME",
    "NAMING_CONVENTION",
    "ROLLUP_COUNT_COLUMNS",
    "ROLLUP_SCOPES",
    "UNIT_NAME",
    "UNIT_TEXT",
    "WORD",
    "Factor",
    "Figure",
    "Json",
    "Key",
    "UserId",
    "assessment",
    "assignment",
    "audit_event",
    "document",
    "metadata",
    "outcome",
    "plan",
    "plan_rollup",
    "proposal_rejection",
    "status_refresh",
    "target",
    "unit",
    "unit_alias",
    "unit_of_measure",
    "unit_rollup",
]
