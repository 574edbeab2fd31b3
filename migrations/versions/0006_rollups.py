"""rollups: the status refresh marker, stored rollups per plan and per unit

Revision ID: 0006_rollups
Revises: 0005_trust
Create Date: 2026-12-02

- ``tracker_status_refresh``: one row, the date every stored status is valid
  for (``manage.py refresh_statuses``); pages read it instead of checking
  every target against its stored status. Empty until the first refresh.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "0006_rollups"
down_revision: Union[str, Sequence[str], None] = "0005_trust"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

Key = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "tracker_status_refresh",
        sa.Column("id", Key, autoincrement=True, nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column(
            "refreshed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("targets", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_tracker_status_refresh_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracker_status_refresh")),
        comment=(
            "Derived, one row: the date the stored statuses were last brought up to "
            "(manage.py refresh_statuses), so a page checks freshness in one read."
        ),
    )


def downgrade() -> None:
    op.drop_table("tracker_status_refresh")
