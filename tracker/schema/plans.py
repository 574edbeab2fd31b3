"""The tables planners fill: units and their aliases, the units of measure,
source documents, plans, targets and who answers for them.
"""

import sqlalchemy as sa

from tracker.schema.columns import (
    CODE,
    NAME,
    UNIT_NAME,
    UNIT_TEXT,
    WORD,
    Factor,
    Figure,
    Key,
    UserId,
    _created_at,
    _flag,
    _in,
    _pk,
    _text,
    _updated_at,
    _version,
    metadata,
)
from tracker.vocabulary import (
    ASSIGNMENT_ROLES,
    COMMITMENTS,
    COMPARATORS,
    DIRECTIONS,
    DOCUMENT_KINDS,
    GROWTH_PATHS,
    MEASURES,
)

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
    # level, flow or rate (docs/attainment.md section 4): decides which
    # figures can speak for the target. No default: a planner must say which.
    sa.Column("measure", sa.String(WORD), nullable=False),
    sa.Column("growth", sa.String(WORD), nullable=False, server_default="linear"),
    sa.Column("baseline_value", Figure, nullable=True),
    sa.Column("baseline_date", sa.Date(), nullable=True),
    sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True),
    # Plain user ids, no database foreign key into auth_user
    # (docs/architecture.md section 4).
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
