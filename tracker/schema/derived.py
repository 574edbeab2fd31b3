"""Derived tables, rebuilt from the others and never typed by a person: the
stored statuses, the freshness marker and the rollups per plan and per unit.
"""

import sqlalchemy as sa

from tracker.schema.columns import (
    WORD,
    Figure,
    Json,
    Key,
    _flag,
    _in,
    _pk,
    metadata,
)
from tracker.vocabulary import (
    EVIDENCE_GRADES,
    REASON_CODES,
    STATUSES,
)

assessment = sa.Table(
    "tracker_assessment",
    metadata,
    sa.Column(
        "target_id",
        Key,
        sa.ForeignKey("tracker_target.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    sa.Column("as_of", sa.Date(), nullable=False),
    sa.Column("status", sa.String(WORD), nullable=False),
    sa.Column("grade", sa.String(WORD), nullable=True),
    sa.Column(
        "outcome_id",
        Key,
        sa.ForeignKey("tracker_outcome.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    ),
    _flag("indicative"),
    sa.Column("progress_ratio", Figure, nullable=True),
    sa.Column("band", sa.String(30), nullable=True),
    # Why (tracker.domain.reasons): a code and its parameters, rendered in
    # the reader's language by tracker.reason_text, never stored as prose.
    sa.Column("reason_code", sa.String(40), nullable=False),
    # Every status is written with its parameters (tracker.analytics.assessments).
    sa.Column("reason_params", Json, nullable=False),
    sa.Column(
        "computed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
    sa.CheckConstraint(_in("status", STATUSES), name="status"),
    sa.CheckConstraint(f"grade IS NULL OR {_in('grade', EVIDENCE_GRADES)}", name="grade"),
    sa.CheckConstraint(_in("reason_code", REASON_CODES), name="reason_code"),
    sa.Index("ix_tracker_assessment_status_grade", "status", "grade"),
    comment=(
        "Derived: each target's status as of a date, from its best approved evidence. "
        "Rebuilt by tracker.analytics.assessments after every write and when the date "
        "changes, so pages can filter, sort and page by status in the database."
    ),
)

status_refresh = sa.Table(
    "tracker_status_refresh",
    metadata,
    _pk(),
    # The day every stored status is valid for: pages compare it with today
    # in one primary-key read, and say "statuses as of" it when it is older.
    sa.Column("as_of", sa.Date(), nullable=False),
    sa.Column(
        "refreshed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
    sa.Column("targets", sa.Integer(), nullable=False, server_default="0"),
    sa.CheckConstraint("id = 1", name="one_row"),
    comment=(
        "Derived, one row: the date the stored statuses were last brought up to "
        "(manage.py refresh_statuses), so a page checks freshness in one read."
    ),
)

# Every count a stored rollup row carries (tracker.analytics.rollups): the
# targets, one per status, the rate components and "behind".
ROLLUP_COUNT_COLUMNS: tuple[str, ...] = (
    "targets",
    *STATUSES,
    "met_final",
    "missed_final",
    "met_indicative",
    "missed_indicative",
    "reported",
    "due",
    "behind",
)
ROLLUP_SCOPES: tuple[str, ...] = ("lead", "all")


def _counts() -> list[sa.Column]:
    return [
        sa.Column(name, sa.Integer(), nullable=False, server_default="0")
        for name in ROLLUP_COUNT_COLUMNS
    ]


plan_rollup = sa.Table(
    "tracker_plan_rollup",
    metadata,
    sa.Column(
        "plan_id",
        Key,
        sa.ForeignKey("tracker_plan.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    *_counts(),
    comment=(
        "Derived: each plan's rollup over its stored statuses (every target once), "
        "rewritten with them by tracker.analytics.stored_rollups; no row for a plan "
        "without targets."
    ),
)

unit_rollup = sa.Table(
    "tracker_unit_rollup",
    metadata,
    _pk(),
    sa.Column("scope", sa.String(WORD), nullable=False),
    # NULL: over every plan.
    sa.Column(
        "plan_id",
        Key,
        sa.ForeignKey("tracker_plan.id", ondelete="CASCADE"),
        nullable=True,
    ),
    # NULL: the targets no unit (no lead unit, for scope lead) answers for.
    sa.Column(
        "unit_id",
        Key,
        sa.ForeignKey("tracker_unit.id", ondelete="CASCADE"),
        nullable=True,
    ),
    *_counts(),
    sa.CheckConstraint(_in("scope", ROLLUP_SCOPES), name="scope"),
    sa.Index("ix_tracker_unit_rollup_plan_scope_unit", "plan_id", "scope", "unit_id"),
    sa.Index("ix_tracker_unit_rollup_unit_id", "unit_id"),
    comment=(
        "Derived: each unit's rollup (lead assignments only, or all) per plan and over "
        "every plan, and the unassigned row (unit NULL), rewritten with the stored "
        "statuses by tracker.analytics.stored_rollups."
    ),
)
