"""The tables supervisors and auditors fill: reported outcomes with their
quotes, the append-only audit trail, and the reader's refused proposals.
"""

import sqlalchemy as sa

from tracker.schema.columns import (
    NAME,
    UNIT_TEXT,
    WORD,
    Figure,
    Json,
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
    AUDIT_ACTIONS,
    OUTCOME_STATES,
    QUALIFIERS,
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
