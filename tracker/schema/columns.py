"""The column types, sizes and naming rules every table shares, and the one
``MetaData`` they all belong to (Alembic compares only named constraints).
"""

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

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
