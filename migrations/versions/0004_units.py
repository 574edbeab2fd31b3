"""units of measure: the registry a planner extends (docs/attainment.md 1)

The table starts empty here; ``python manage.py migrate`` then writes the
built-in units from the code's seed (``tracker.domain.units.SEED_UNITS``,
through ``tracker.services.units.ensure_builtin_units``) on every database,
so one list is the seed's only home and a database migrated with the
``alembic`` command alone learns its units on the next ``manage.py migrate``.

Revision ID: 0004_units
Revises: 0003_measure
Create Date: 2026-12-02

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0004_units'
down_revision: Union[str, Sequence[str], None] = '0003_measure'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('tracker_unit_of_measure',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('name', sa.String(length=18), nullable=False),
    sa.Column('dimension', sa.String(length=50), nullable=False),
    sa.Column('factor', sa.Numeric(precision=30, scale=12), nullable=False),
    sa.Column('builtin', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('notes', sa.Text(), server_default='', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("name NOT LIKE '万%' AND name NOT LIKE '亿%'", name=op.f('ck_tracker_unit_of_measure_no_magnitude')),
    sa.CheckConstraint('factor > 0', name=op.f('ck_tracker_unit_of_measure_factor_sign')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tracker_unit_of_measure')),
    sa.UniqueConstraint('name', name=op.f('uq_tracker_unit_of_measure_name')),
    comment="A unit of measure (计量单位) the tracker knows: its dimension and its factor to the dimension's base unit. Built-in rows mirror the code's seed (manage.py migrate keeps them); planners add their own."
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('tracker_unit_of_measure')
