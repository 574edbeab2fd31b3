"""proposals: a supervisor's rejections of the reader's outcome proposals

Revision ID: 0007_proposals
Revises: 0005_trust
Create Date: 2026-12-02

``tracker_proposal_rejection``: one row per (document, target) whose
proposal a supervisor rejected on the review page, so the reader does not
propose that target from that document again (issue 13, docs/extraction.md).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0007_proposals"
down_revision: str | Sequence[str] | None = "0005_trust"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Key = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "tracker_proposal_rejection",
        sa.Column("id", Key, autoincrement=True, nullable=False),
        sa.Column("document_id", Key, nullable=False),
        sa.Column("target_id", Key, nullable=False),
        sa.Column("rejected_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "rejected_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["tracker_document.id"],
            name="fk_tracker_proposal_rejection_document_id_tracker_document",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["tracker_target.id"],
            name="fk_tracker_proposal_rejection_target_id_tracker_target",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_tracker_proposal_rejection"),
        sa.UniqueConstraint(
            "document_id", "target_id", name="uq_tracker_proposal_rejection_document_id_target_id"
        ),
        comment="A supervisor's no to the reader's outcome proposal for a target from a document:"
        " that target is not proposed from that document again.",
    )
    op.create_index(
        "ix_tracker_proposal_rejection_target_id",
        "tracker_proposal_rejection",
        ["target_id"],
    )


def downgrade() -> None:
    op.drop_index(
        "ix_tracker_proposal_rejection_target_id", table_name="tracker_proposal_rejection"
    )
    op.drop_table("tracker_proposal_rejection")
