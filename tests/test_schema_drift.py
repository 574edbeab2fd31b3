"""The Django models and the SQLAlchemy tables must describe one schema
(``tracker.drift``): today's code has no drift, and a change made on one
side only is reported, table by table and model by model.

Each rule's own tampering tests, on the model side and on the table side,
are in ``test_drift_columns``, ``test_drift_relations`` and
``test_drift_constraints``.
"""

import pytest
import sqlalchemy as sa
from django.core import checks
from django.db import models

from tests.drift_support import codes, drift_of_model, find_drift, model_copy, tables_copy
from tracker.models import Plan, Target, Unit


def test_models_match_tables():
    assert [str(problem) for problem in find_drift()] == []


def test_the_system_check_reports_drift(monkeypatch):
    """``manage.py check`` fails on drift, with the problem as its message."""
    from tracker import checks as tracker_checks

    assert tracker_checks.check_schema_drift() == []
    tampered = tables_copy()
    tampered.tables["tracker_unit"].c.name.type = sa.String(100)  # types are shared: replace
    monkeypatch.setattr("tracker.schema.metadata", tampered)
    found = tracker_checks.check_schema_drift()
    assert [(message.id, message.level) for message in found] == [("tracker.E001", checks.ERROR)]
    assert found[0].msg == "tracker_unit.name: length 100 but the model says max_length=200"


def test_a_table_without_a_model_is_drift():
    tampered = tables_copy()
    sa.Table("tracker_orphan", tampered, sa.Column("id", sa.Integer, primary_key=True))
    assert codes(find_drift(tampered)) == [("tracker_orphan", "table_without_model")]


def test_a_model_without_a_table_is_drift():
    tampered = tables_copy()
    tampered.remove(tampered.tables["tracker_unit_alias"])
    assert codes(find_drift(tampered)) == [("tracker_unit_alias", "model_without_table")]


def test_a_model_django_would_manage_is_drift():
    """Alembic owns the tables: a managed model would let ``makemigrations``
    write a second, competing history."""
    managed = model_copy(Unit, meta={"managed": True})
    problems = find_drift(tables_copy("tracker_unit"), models_=[managed])
    assert codes(problems) == [("Unit", "managed")]


# -- the two mutants of issue 14 -------------------------------------------------


def test_plan_to_target_protect_instead_of_cascade_is_drift():
    """Issue 14's mutant: ``Target.plan`` PROTECT while the table cascades.
    Django would refuse to delete a plan that SQL deletes with its targets."""
    tampered = model_copy(Target, change={"plan": {"on_delete": models.PROTECT}})
    assert codes(drift_of_model(tampered)) == [("tracker_target.plan_id", "on_delete")]


@pytest.mark.parametrize(
    ("changed", "code"),
    [({"default": True}, "model_default"), ({"db_default": True}, "server_default")],
)
def test_a_changed_default_for_unit_is_collective_is_drift(changed, code):
    """Issue 14's mutant: ``Unit.is_collective`` defaults to True in the
    model (either of its two defaults) while the table defaults to false."""
    tampered = model_copy(Unit, change={"is_collective": changed})
    assert codes(drift_of_model(tampered)) == [("tracker_unit.is_collective", code)]


def test_every_model_is_compared():
    """The plan is compared like any other (a guard against a loop that
    stops early)."""
    tampered = model_copy(Plan, change={"title": {"max_length": 301}})
    assert codes(drift_of_model(tampered)) == [("tracker_plan.title", "length")]
