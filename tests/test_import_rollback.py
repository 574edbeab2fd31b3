"""An import that fails part-way through its writes leaves nothing behind.

Every other "nothing written" test fails at validation, before the first
write. Here validation passes and the database itself refuses a late row:
the test adds a unique index (one outcome per document) that no validation
knows about, so the second outcome fails after the documents, units, plan,
targets, assignments, the first outcome and their audit events were
written. ``docs/plan-files.md`` ("Importing") promises that a failed import
writes nothing; the transaction in ``tracker/imports/writer.py`` keeps it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection

from tests import test_import_outcomes as outcome_csv
from tests import test_import_plan as plan_file
from tracker.schema import metadata

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_outcome_per_document():
    """A real constraint, created inside the test's transaction (rolled back
    with it): the database refuses a second outcome citing a document."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE UNIQUE INDEX test_one_outcome_per_document ON tracker_outcome (document_id)"
        )


def table_counts() -> dict[str, int]:
    """Rows in every tracker table (audit trail and stored statuses included)."""
    with connection.cursor() as cursor:
        counts = {}
        for table in metadata.sorted_tables:
            cursor.execute(f"SELECT COUNT(*) FROM {table.name}")  # noqa: S608 (our own names)
            counts[table.name] = cursor.fetchone()[0]
    return counts


def test_a_plan_import_refused_at_its_last_write_leaves_nothing(
    plan_folder, one_outcome_per_document
):
    path = plan_file.write(plan_folder, "capacity.toml", plan_file.CAPACITY)
    assert plan_file.run(path, dry_run=True)  # validation passes: the file is good
    before = table_counts()
    message = plan_file.failure(path)
    assert "导入未执行，没有写入任何数据" in message
    assert "三.8.2" in message  # the second outcome, the last write, is named
    assert table_counts() == before


def test_the_same_plan_file_imports_once_the_database_accepts_it(plan_folder):
    """The control: without the extra index the same file writes every row,
    so the test above fails only because of the refusal."""
    path = plan_file.write(plan_folder, "capacity.toml", plan_file.CAPACITY)
    before = table_counts()
    plan_file.run(path)
    after = table_counts()
    assert after["tracker_outcome"] == before["tracker_outcome"] + 2
    assert after["tracker_target"] == before["tracker_target"] + 2


@pytest.fixture
def plan_folder(tmp_path):
    (tmp_path / "plan.txt").write_text(plan_file.PLAN_TEXT, encoding="utf-8")
    return tmp_path


ROWS = [
    outcome_csv.ROW,
    {
        **outcome_csv.ROW,
        "value": "31.5",
        "qualifier": "about",
        "period_start": "2021-01-01",
        "period_end": "2021-06-30",
        "quote": "技改投资增长31.5%左右",
    },
]


@pytest.fixture
def csv_target(make):
    plan = make.plan(slug="p-csv")
    make.target(plan, code="T1", unit="%", value=Decimal("20"))
    make.document(text=outcome_csv.TEXT, slug="d-csv")


def test_an_outcome_import_refused_at_its_last_row_leaves_nothing(
    tmp_path, csv_target, one_outcome_per_document
):
    path = outcome_csv.csv_file(tmp_path, ROWS)
    assert "新增 2" in outcome_csv.run(path, dry_run=True)  # validation passes
    before = table_counts()
    lines = outcome_csv.failure(path)
    assert "导入未执行，没有写入任何数据" in lines[0]
    assert any(" 第3行 " in line for line in lines[1:])  # the second row is named
    assert table_counts() == before


def test_the_same_outcome_file_imports_once_the_database_accepts_it(tmp_path, csv_target):
    before = table_counts()
    outcome_csv.run(outcome_csv.csv_file(tmp_path, ROWS))
    assert table_counts()["tracker_outcome"] == before["tracker_outcome"] + 2
