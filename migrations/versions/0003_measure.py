"""measure: level/flow/rate replaces accumulates; reasons stored as codes

Revision ID: 0003_measure
Revises: 0002
Create Date: 2026-12-01

Targets: ``measure`` replaces the ``accumulates`` flag (issue 9,
docs/attainment.md section 4). Existing rows convert as the issue says:
accumulates ->
``flow``; otherwise ``rate`` when the statement or the indicator is a change
(growth, 增速, 增长, 降低 ...: ``增长7%``, ``单位能耗下降4%以上``, an indicator
``…增速``/``…降幅``), else ``level``. A level reached by a change
(``降低到30%``, ``提高至60%``) is a level, not a change. The word patterns are
frozen here on purpose: a migration must convert the same way forever,
whatever the app's own reader (``tracker.domain.measures``) becomes.

Assessments: the English ``reason`` sentence becomes ``reason_code`` and
``reason_params``. Stored assessments are derived data, so they are deleted
and rebuilt by the app (``ensure_fresh``) on the next read; nothing entered
by a person is lost. Downgrade maps measure back to the flag (flow ->
accumulates) and drops the codes the same way.
"""

import re
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003_measure"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

MEASURES = ("level", "flow", "rate")
REASON_CODES = (
    "no_figure",
    "no_figure_overdue",
    "context_only",
    "context_only_overdue",
    "final_figure",
    "later_indicative",
    "final_figure_owed",
    "pro_rata",
    "interim_level",
    "growth_so_far",
    "multi_year_no_baseline",
    "baseline_not_single",
    "baseline_unusable",
    "baseline_not_earlier",
    "baseline_meets_target",
    "path",
    "path_impossible",
    "incomparable_units",
    "unknown_unit",
)
OLD_GRADES = ("final", "interim", "later", "baseline")
EVIDENCE_GRADES = ("final", "interim", "later")

# A change by a percentage or in points (增长7%, 下降4%以上, 提高2个百分点),
# not a level reached by changing (降低到30%).
_STATEMENT_CHANGE = re.compile(
    r"增速|增幅|降幅|涨幅|增长率"
    r"|(?:增长|下降|降低|提高|减少|上涨|上升|回落)了?\s*[0-9.]+\s*(?:%|％|个百分点|百分点)"
)
# An indicator named for a change (规模以上工业增加值增速, 单位能耗降幅).
_INDICATOR_CHANGE = re.compile(r"增速|增幅|降幅|涨幅|增长率|(?:增长|降低|下降)(?![到至])")


def measure_of(accumulates: bool, statement: str, indicator: str) -> str:
    if accumulates:
        return "flow"
    if _STATEMENT_CHANGE.search(statement or "") or _INDICATOR_CHANGE.search(indicator or ""):
        return "rate"
    return "level"


def _in(column: str, words: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(w) for w in words)})"


def upgrade() -> None:
    with op.batch_alter_table("tracker_target") as batch:
        batch.add_column(sa.Column("measure", sa.String(length=20), nullable=True))

    bind = op.get_bind()
    target = sa.table(
        "tracker_target",
        sa.column("id", sa.Integer),
        sa.column("statement", sa.Text),
        sa.column("indicator", sa.String),
        sa.column("accumulates", sa.Boolean),
        sa.column("measure", sa.String),
    )
    rows = bind.execute(
        sa.select(target.c.id, target.c.statement, target.c.indicator, target.c.accumulates)
    ).all()
    for row in rows:
        bind.execute(
            target.update()
            .where(target.c.id == row.id)
            .values(measure=measure_of(bool(row.accumulates), row.statement, row.indicator))
        )

    with op.batch_alter_table("tracker_target") as batch:
        batch.alter_column("measure", existing_type=sa.String(length=20), nullable=False)
        batch.create_check_constraint(op.f("ck_tracker_target_measure"), _in("measure", MEASURES))
        batch.drop_column("accumulates")

    # Derived rows: rebuilt by the app on the next read.
    op.execute("DELETE FROM tracker_assessment")
    with op.batch_alter_table("tracker_assessment") as batch:
        batch.drop_column("reason")
        batch.add_column(sa.Column("reason_code", sa.String(length=40), nullable=False))
        batch.add_column(
            sa.Column(
                "reason_params",
                sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
                nullable=False,
            )
        )
        batch.create_check_constraint(
            op.f("ck_tracker_assessment_reason_code"), _in("reason_code", REASON_CODES)
        )
        batch.drop_constraint(op.f("ck_tracker_assessment_grade"), type_="check")
        batch.create_check_constraint(
            op.f("ck_tracker_assessment_grade"), f"grade IS NULL OR {_in('grade', EVIDENCE_GRADES)}"
        )


def downgrade() -> None:
    op.execute("DELETE FROM tracker_assessment")
    with op.batch_alter_table("tracker_assessment") as batch:
        batch.drop_constraint(op.f("ck_tracker_assessment_grade"), type_="check")
        batch.create_check_constraint(
            op.f("ck_tracker_assessment_grade"), f"grade IS NULL OR {_in('grade', OLD_GRADES)}"
        )
        batch.drop_constraint(op.f("ck_tracker_assessment_reason_code"), type_="check")
        batch.drop_column("reason_params")
        batch.drop_column("reason_code")
        batch.add_column(sa.Column("reason", sa.Text(), server_default="", nullable=False))

    with op.batch_alter_table("tracker_target") as batch:
        batch.add_column(
            sa.Column("accumulates", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.execute("UPDATE tracker_target SET accumulates = (measure = 'flow')")
    with op.batch_alter_table("tracker_target") as batch:
        batch.drop_constraint(op.f("ck_tracker_target_measure"), type_="check")
        batch.drop_column("measure")
