"""trust: row versions, withdrawn outcomes, an append-only audit trail

Revision ID: 0005_trust
Revises: 0004_units
Create Date: 2026-11-24

- ``version`` on every editable table (optimistic concurrency, checked by
  the services);
- outcomes are withdrawn, never deleted: state ``withdrawn`` with when, by
  whom and why;
- audit actions ``withdraw``, ``deactivate``, ``reactivate``;
- triggers refuse UPDATE and DELETE (and, on PostgreSQL, TRUNCATE) on
  ``tracker_audit_event``. They come last: a SQLite batch operation
  recreates the table and would drop them.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "0005_trust"
down_revision: Union[str, Sequence[str], None] = "0004_units"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

VERSIONED = (
    "tracker_unit",
    "tracker_unit_alias",
    "tracker_document",
    "tracker_plan",
    "tracker_target",
    "tracker_assignment",
    "tracker_outcome",
)
STATES_BEFORE = "state IN ('draft', 'submitted', 'approved', 'returned')"
STATES_AFTER = "state IN ('draft', 'submitted', 'approved', 'returned', 'withdrawn')"
ACTIONS_BEFORE = (
    "action IN ('create', 'update', 'delete', 'submit', 'approve', 'return', 'lock', 'unlock')"
)
ACTIONS_AFTER = (
    "action IN ('create', 'update', 'delete', 'submit', 'approve', 'return', 'lock', 'unlock',"
    " 'withdraw', 'deactivate', 'reactivate')"
)
REFUSED = "tracker_audit_event is append-only"

POSTGRESQL_GUARD = [
    f"""
    CREATE FUNCTION tracker_audit_event_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{REFUSED}: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END
    $$
    """,
    """
    CREATE TRIGGER tracker_audit_event_append_only
    BEFORE UPDATE OR DELETE ON tracker_audit_event
    FOR EACH ROW EXECUTE FUNCTION tracker_audit_event_append_only()
    """,
    """
    CREATE TRIGGER tracker_audit_event_no_truncate
    BEFORE TRUNCATE ON tracker_audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION tracker_audit_event_append_only()
    """,
]
POSTGRESQL_UNGUARD = [
    "DROP TRIGGER IF EXISTS tracker_audit_event_no_truncate ON tracker_audit_event",
    "DROP TRIGGER IF EXISTS tracker_audit_event_append_only ON tracker_audit_event",
    "DROP FUNCTION IF EXISTS tracker_audit_event_append_only()",
]
SQLITE_GUARD = [
    f"""
    CREATE TRIGGER tracker_audit_event_no_update BEFORE UPDATE ON tracker_audit_event
    BEGIN SELECT RAISE(ABORT, '{REFUSED}: UPDATE refused'); END
    """,
    f"""
    CREATE TRIGGER tracker_audit_event_no_delete BEFORE DELETE ON tracker_audit_event
    BEGIN SELECT RAISE(ABORT, '{REFUSED}: DELETE refused'); END
    """,
]
SQLITE_UNGUARD = [
    "DROP TRIGGER IF EXISTS tracker_audit_event_no_update",
    "DROP TRIGGER IF EXISTS tracker_audit_event_no_delete",
]


def _guard_statements(guard: bool) -> list[str]:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        return POSTGRESQL_GUARD if guard else POSTGRESQL_UNGUARD
    if dialect == "sqlite":
        return SQLITE_GUARD if guard else SQLITE_UNGUARD
    raise NotImplementedError(f"No audit-trail guard for {dialect}")


def upgrade() -> None:
    """Upgrade schema."""
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("version", sa.Integer(), server_default="1", nullable=False)
            )

    with op.batch_alter_table("tracker_outcome", schema=None) as batch_op:
        batch_op.add_column(sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("withdrawn_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("withdrawal_reason", sa.Text(), server_default="", nullable=False)
        )
        batch_op.drop_constraint(op.f("ck_tracker_outcome_state"), type_="check")
        batch_op.create_check_constraint(op.f("ck_tracker_outcome_state"), STATES_AFTER)
        batch_op.create_check_constraint(
            op.f("ck_tracker_outcome_withdrawal_pair"),
            "(state = 'withdrawn') = (withdrawn_at IS NOT NULL)",
        )

    with op.batch_alter_table("tracker_audit_event", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_tracker_audit_event_action"), type_="check")
        batch_op.create_check_constraint(op.f("ck_tracker_audit_event_action"), ACTIONS_AFTER)

    for statement in _guard_statements(True):
        op.execute(statement)


def downgrade() -> None:
    """Downgrade schema (withdrawn outcomes must be dealt with first: the
    older schema has no such state)."""
    for statement in _guard_statements(False):
        op.execute(statement)

    with op.batch_alter_table("tracker_audit_event", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_tracker_audit_event_action"), type_="check")
        batch_op.create_check_constraint(op.f("ck_tracker_audit_event_action"), ACTIONS_BEFORE)

    with op.batch_alter_table("tracker_outcome", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_tracker_outcome_withdrawal_pair"), type_="check")
        batch_op.drop_constraint(op.f("ck_tracker_outcome_state"), type_="check")
        batch_op.create_check_constraint(op.f("ck_tracker_outcome_state"), STATES_BEFORE)
        batch_op.drop_column("withdrawal_reason")
        batch_op.drop_column("withdrawn_by_id")
        batch_op.drop_column("withdrawn_at")

    for table in reversed(VERSIONED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
