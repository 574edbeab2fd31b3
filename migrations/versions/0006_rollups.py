"""rollups: the status refresh marker, stored rollups per plan and per unit

Revision ID: 0006_rollups
Revises: 0005_trust
Create Date: 2026-12-02

- ``tracker_status_refresh``: one row, the date every stored status is valid
  for (``manage.py refresh_statuses``); pages read it instead of checking
  every target against its stored status. Empty until the first refresh.
- ``tracker_plan_rollup`` and ``tracker_unit_rollup``: the rollups of the
  plan list and the unit ranking, rewritten with the stored statuses;
  ``manage.py migrate`` fills them from the statuses already stored when
  they are empty, so pages show the same numbers right after the upgrade.
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
STATUSES = (
    "met",
    "missed",
    "indeterminate",
    "on_track",
    "off_track",
    "overdue",
    "no_data",
    "incomparable",
)
COUNTS = (
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


def _counts() -> list[sa.Column]:
    return [sa.Column(name, sa.Integer(), server_default="0", nullable=False) for name in COUNTS]


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
    op.create_table(
        "tracker_plan_rollup",
        sa.Column("plan_id", Key, autoincrement=False, nullable=False),
        *_counts(),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["tracker_plan.id"],
            name=op.f("fk_tracker_plan_rollup_plan_id_tracker_plan"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("plan_id", name=op.f("pk_tracker_plan_rollup")),
        comment=(
            "Derived: each plan's rollup over its stored statuses (every target once), "
            "rewritten with them by tracker.analytics.stored_rollups; no row for a plan "
            "without targets."
        ),
    )
    op.create_table(
        "tracker_unit_rollup",
        sa.Column("id", Key, autoincrement=True, nullable=False),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("plan_id", Key, nullable=True),
        sa.Column("unit_id", Key, nullable=True),
        *_counts(),
        sa.CheckConstraint("scope IN ('lead', 'all')", name=op.f("ck_tracker_unit_rollup_scope")),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["tracker_plan.id"],
            name=op.f("fk_tracker_unit_rollup_plan_id_tracker_plan"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["tracker_unit.id"],
            name=op.f("fk_tracker_unit_rollup_unit_id_tracker_unit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracker_unit_rollup")),
        comment=(
            "Derived: each unit's rollup (lead assignments only, or all) per plan and over "
            "every plan, and the unassigned row (unit NULL), rewritten with the stored "
            "statuses by tracker.analytics.stored_rollups."
        ),
    )
    with op.batch_alter_table("tracker_unit_rollup", schema=None) as batch_op:
        batch_op.create_index(
            "ix_tracker_unit_rollup_plan_scope_unit", ["plan_id", "scope", "unit_id"], unique=False
        )
        batch_op.create_index("ix_tracker_unit_rollup_unit_id", ["unit_id"], unique=False)


def downgrade() -> None:
    op.drop_table("tracker_unit_rollup")
    op.drop_table("tracker_plan_rollup")
    op.drop_table("tracker_status_refresh")
