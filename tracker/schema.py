"""The tracker's tables, declared once in SQLAlchemy Core.

This module is the schema's single source of truth: Alembic migrates it
(``migrations/``), the Django models in ``tracker/models.py`` mirror it
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
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from tracker.vocabulary import (
    ASSIGNMENT_ROLES,
    AUDIT_ACTIONS,
    COMMITMENTS,
    COMPARATORS,
    DIRECTIONS,
    DOCUMENT_KINDS,
    EVIDENCE_GRADES,
    GROWTH_PATHS,
    MEASURES,
    OUTCOME_STATES,
    QUALIFIERS,
    REASON_CODES,
    STATUSES,
)

# Named constraints: Alembic's autogenerate can only compare what has a name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)

# BIGINT keys, except on SQLite where only INTEGER PRIMARY KEY autoincrements.
Key = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
# Figures: 18 digits before the point, 6 after: 万亿元 totals and 0.000001 %.
Figure = sa.Numeric(24, 6)
# auth_user's key is Django's AutoField: a plain INTEGER user id, no FK.
UserId = sa.Integer()
# JSON as JSONB on PostgreSQL (indexable), JSON text elsewhere.
Json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

NAME = 200
CODE = 50
WORD = 20
UNIT_TEXT = 20
# A unit's own name leaves room for 万亿 in a figure's unit text (UNIT_TEXT).
UNIT_NAME = UNIT_TEXT - 2
# 1 unit = factor x the dimension's base unit: 0.0005 (斤 in 吨) to 10^6 and beyond.
Factor = sa.Numeric(30, 12)


def _in(column: str, words: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{word}'" for word in words)
    return f"{column} IN ({quoted})"


def _pk() -> sa.Column:
    return sa.Column("id", Key, primary_key=True, autoincrement=True)


def _created_at() -> sa.Column:
    return sa.Column(
        "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    )


def _updated_at() -> sa.Column:
    return sa.Column(
        "updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    )


def _text(name: str, length: int | None = None) -> sa.Column:
    """A required text column that defaults to empty (Django's convention for
    optional text: no NULL, so there is one way to say "nothing")."""
    type_ = sa.Text() if length is None else sa.String(length)
    return sa.Column(name, type_, nullable=False, server_default="")


def _version() -> sa.Column:
    """The row's version: 1 when created, raised by every write through the
    services, which refuse a save made from an older version."""
    return sa.Column("version", sa.Integer(), nullable=False, server_default="1")


def _flag(name: str) -> sa.Column:
    return sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())


unit = sa.Table(
    "tracker_unit",
    metadata,
    _pk(),
    sa.Column("name", sa.String(NAME), nullable=False),
    _flag("is_collective"),
    _text("notes"),
    _created_at(),
    _version(),
    sa.UniqueConstraint("name"),
    comment="A responsible unit (责任单位): a department or a collective body.",
)

unit_alias = sa.Table(
    "tracker_unit_alias",
    metadata,
    _pk(),
    sa.Column(
        "unit_id",
        Key,
        sa.ForeignKey("tracker_unit.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("alias", sa.String(NAME), nullable=False),
    _version(),
    sa.UniqueConstraint("alias"),
    comment="Another name for a unit (市发改委 = 市发展改革委).",
)

unit_of_measure = sa.Table(
    "tracker_unit_of_measure",
    metadata,
    _pk(),
    sa.Column("name", sa.String(UNIT_NAME), nullable=False),
    sa.Column("dimension", sa.String(CODE), nullable=False),
    sa.Column("factor", Factor, nullable=False),
    _flag("builtin"),
    _text("notes"),
    _created_at(),
    _updated_at(),
    sa.UniqueConstraint("name"),
    sa.CheckConstraint("factor > 0", name="factor_sign"),
    # 万/亿/万亿 are magnitudes added to every name, so a name never starts
    # with one: each unit text then has exactly one reading (the analytics
    # join on name, '万' || name, '亿' || name and '万亿' || name).
    sa.CheckConstraint("name NOT LIKE '万%' AND name NOT LIKE '亿%'", name="no_magnitude"),
    comment=(
        "A unit of measure (计量单位) the tracker knows: its dimension and its factor to the "
        "dimension's base unit. Built-in rows mirror the code's seed (manage.py migrate keeps "
        "them); planners add their own."
    ),
)

document = sa.Table(
    "tracker_document",
    metadata,
    _pk(),
    sa.Column("slug", sa.String(100), nullable=False),
    sa.Column("title", sa.String(300), nullable=False),
    _text("issuer", NAME),
    sa.Column("published_on", sa.Date(), nullable=True),
    sa.Column("kind", sa.String(WORD), nullable=False),
    _text("url", 500),
    _text("text"),
    _created_at(),
    _version(),
    sa.UniqueConstraint("slug"),
    sa.CheckConstraint(_in("kind", DOCUMENT_KINDS), name="kind"),
    comment="A source text: plan, reply to a proposal, news item, bulletin.",
)

plan = sa.Table(
    "tracker_plan",
    metadata,
    _pk(),
    sa.Column("slug", sa.String(100), nullable=False),
    sa.Column("title", sa.String(300), nullable=False),
    _text("issuer", NAME),
    _text("jurisdiction", 100),
    sa.Column("issued_on", sa.Date(), nullable=True),
    sa.Column("period_start", sa.Date(), nullable=False),
    sa.Column("period_end", sa.Date(), nullable=False),
    sa.Column(
        "parent_id",
        Key,
        sa.ForeignKey("tracker_plan.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    ),
    sa.Column(
        "document_id",
        Key,
        sa.ForeignKey("tracker_document.id", ondelete="RESTRICT"),
        nullable=True,
        index=True,
    ),
    _text("notes"),
    _created_at(),
    _updated_at(),
    _version(),
    sa.UniqueConstraint("slug"),
    sa.CheckConstraint("period_start <= period_end", name="period_order"),
    comment="A policy document with targets.",
)

target = sa.Table(
    "tracker_target",
    metadata,
    _pk(),
    sa.Column(
        "plan_id",
        Key,
        sa.ForeignKey("tracker_plan.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("code", sa.String(CODE), nullable=False),
    sa.Column("statement", sa.Text(), nullable=False),
    _text("source_quote"),
    sa.Column("indicator", sa.String(NAME), nullable=False),
    _text("indicator_aliases"),
    sa.Column("comparator", sa.String(WORD), nullable=False),
    sa.Column("value", Figure, nullable=False),
    sa.Column("value_high", Figure, nullable=True),
    sa.Column("unit", sa.String(UNIT_TEXT), nullable=False),
    sa.Column("tolerance", Figure, nullable=True),
    sa.Column("period_start", sa.Date(), nullable=False),
    sa.Column("period_end", sa.Date(), nullable=False),
    sa.Column("direction", sa.String(WORD), nullable=False, server_default="higher"),
    sa.Column("commitment", sa.String(WORD), nullable=False, server_default="firm"),
    # level, flow or rate (DESIGN.md 2): decides which figures can speak for
    # the target (DESIGN.md 5). No default: a planner must say which.
    sa.Column("measure", sa.String(WORD), nullable=False),
    sa.Column("growth", sa.String(WORD), nullable=False, server_default="linear"),
    sa.Column("baseline_value", Figure, nullable=True),
    sa.Column("baseline_date", sa.Date(), nullable=True),
    sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True),
    # Plain user ids, no database foreign key into auth_user (DESIGN.md 8).
    sa.Column("locked_by_id", UserId, nullable=True),
    _text("notes"),
    _created_at(),
    _updated_at(),
    _version(),
    sa.UniqueConstraint("plan_id", "code"),
    sa.CheckConstraint("period_start <= period_end", name="period_order"),
    sa.CheckConstraint(_in("comparator", COMPARATORS), name="comparator"),
    sa.CheckConstraint(_in("direction", DIRECTIONS), name="direction"),
    sa.CheckConstraint(_in("commitment", COMMITMENTS), name="commitment"),
    sa.CheckConstraint(_in("growth", GROWTH_PATHS), name="growth"),
    sa.CheckConstraint(_in("measure", MEASURES), name="measure"),
    sa.CheckConstraint(
        "(comparator = 'range' AND value_high IS NOT NULL AND value_high > value)"
        " OR (comparator <> 'range' AND value_high IS NULL)",
        name="range_bounds",
    ),
    sa.CheckConstraint("tolerance IS NULL OR tolerance >= 0", name="tolerance_sign"),
    sa.CheckConstraint("(baseline_value IS NULL) = (baseline_date IS NULL)", name="baseline_pair"),
    sa.CheckConstraint("(locked_at IS NULL) = (locked_by_id IS NULL)", name="lock_pair"),
    comment="One measurable commitment of a plan.",
)

assignment = sa.Table(
    "tracker_assignment",
    metadata,
    _pk(),
    sa.Column(
        "target_id",
        Key,
        sa.ForeignKey("tracker_target.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column(
        "unit_id",
        Key,
        sa.ForeignKey("tracker_unit.id", ondelete="RESTRICT"),
        nullable=False,
        index=True,
    ),
    sa.Column("role", sa.String(WORD), nullable=False),
    sa.Column("position", sa.SmallInteger(), nullable=False, server_default="0"),
    _version(),
    sa.UniqueConstraint("target_id", "unit_id"),
    sa.CheckConstraint(_in("role", ASSIGNMENT_ROLES), name="role"),
    sa.CheckConstraint("position >= 0", name="position_sign"),
    comment="A unit responsible for a target: lead (牵头) or support.",
)

outcome = sa.Table(
    "tracker_outcome",
    metadata,
    _pk(),
    sa.Column(
        "target_id",
        Key,
        sa.ForeignKey("tracker_target.id", ondelete="RESTRICT"),
        nullable=False,
        index=True,
    ),
    sa.Column(
        "document_id",
        Key,
        sa.ForeignKey("tracker_document.id", ondelete="RESTRICT"),
        nullable=False,
        index=True,
    ),
    sa.Column("value", Figure, nullable=False),
    sa.Column("value_high", Figure, nullable=True),
    sa.Column("qualifier", sa.String(WORD), nullable=False, server_default="exact"),
    sa.Column("unit", sa.String(UNIT_TEXT), nullable=False),
    sa.Column("period_start", sa.Date(), nullable=False),
    sa.Column("period_end", sa.Date(), nullable=False),
    sa.Column("quote", sa.Text(), nullable=False),
    sa.Column("quote_start", sa.Integer(), nullable=True),
    sa.Column("quote_end", sa.Integer(), nullable=True),
    _flag("is_proxy"),
    _text("reported_indicator", NAME),
    sa.Column("state", sa.String(WORD), nullable=False, server_default="draft"),
    _text("review_comment"),
    sa.Column("reviewed_by_id", UserId, nullable=True),
    sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("entered_by_id", UserId, nullable=True),
    sa.Column("last_edited_by_id", UserId, nullable=True),
    sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("withdrawn_by_id", UserId, nullable=True),
    _text("withdrawal_reason"),
    _text("notes"),
    _created_at(),
    _updated_at(),
    _version(),
    sa.CheckConstraint("period_start <= period_end", name="period_order"),
    sa.CheckConstraint(_in("qualifier", QUALIFIERS), name="qualifier"),
    sa.CheckConstraint(_in("state", OUTCOME_STATES), name="state"),
    sa.CheckConstraint(
        "(state = 'withdrawn') = (withdrawn_at IS NOT NULL)", name="withdrawal_pair"
    ),
    sa.CheckConstraint(
        "(qualifier = 'range' AND value_high IS NOT NULL AND value_high > value)"
        " OR (qualifier <> 'range' AND value_high IS NULL)",
        name="range_bounds",
    ),
    sa.CheckConstraint(
        "(quote_start IS NULL AND quote_end IS NULL)"
        " OR (quote_start >= 0 AND quote_end > quote_start)",
        name="quote_offsets",
    ),
    sa.Index("ix_tracker_outcome_state_submitted_at", "state", "submitted_at"),
    comment="A reported figure for a target, tied to its verbatim quote.",
)

audit_event = sa.Table(
    "tracker_audit_event",
    metadata,
    _pk(),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.Column("actor_id", UserId, nullable=True),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("entity", sa.String(40), nullable=False),
    sa.Column("entity_id", Key, nullable=False),
    sa.Column("changes", Json, nullable=False),
    _text("comment"),
    _text("via", 40),
    sa.CheckConstraint(_in("action", AUDIT_ACTIONS), name="action"),
    sa.Index("ix_tracker_audit_event_entity", "entity", "entity_id"),
    comment="Append-only audit trail of every write made through the services.",
)

proposal_rejection = sa.Table(
    "tracker_proposal_rejection",
    metadata,
    _pk(),
    sa.Column(
        "document_id",
        Key,
        sa.ForeignKey("tracker_document.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column(
        "target_id",
        Key,
        sa.ForeignKey("tracker_target.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("rejected_by_id", UserId, nullable=True),
    sa.Column(
        "rejected_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
    _text("reason"),
    sa.UniqueConstraint("document_id", "target_id"),
    comment="A supervisor's no to the reader's outcome proposal for a target from a document:"
    " that target is not proposed from that document again.",
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
