"""``tracker.drift.relations``: foreign-key targets and ``on_delete``,
tampered on the model side and on the table side."""

import pytest
import sqlalchemy as sa
from django.db import models

from tests.drift_support import codes, drift_of_model, model_copy, table
from tracker.models import Assessment, Assignment, Outcome, Plan, Target, UnitAlias


def test_a_missing_or_moved_foreign_key_is_drift_from_either_side():
    no_key = table("tracker_assignment")
    no_key.c.unit_id.foreign_keys.clear()
    problems = drift_of_model(Assignment, no_key)
    assert codes(problems) == [("tracker_assignment.unit_id", "foreign_key")]
    assert str(problems[0]).startswith("tracker_assignment.unit_id: foreign key []")
    moved = model_copy(Outcome, change={"document": {"to": Plan}})
    assert codes(drift_of_model(moved)) == [("tracker_outcome.document_id", "foreign_key")]


def test_a_foreign_key_the_model_does_not_declare_is_drift_from_either_side():
    linked = table("tracker_outcome")
    linked.append_constraint(sa.ForeignKeyConstraint(["entered_by_id"], ["tracker_unit.id"]))
    assert codes(drift_of_model(Outcome, linked)) == [
        ("tracker_outcome.entered_by_id", "undeclared_foreign_key")
    ]
    unlinked = model_copy(
        Outcome, change={"target": {"db_constraint": False, "on_delete": models.DO_NOTHING}}
    )
    assert codes(drift_of_model(unlinked)) == [
        ("tracker_outcome.target_id", "undeclared_foreign_key")
    ]


@pytest.mark.parametrize(
    ("model", "field", "on_delete"),
    [
        (Target, "plan", models.PROTECT),  # issue 14's mutant
        (Target, "plan", models.SET_NULL),
        (Outcome, "target", models.CASCADE),  # evidence would vanish with its target
        (Plan, "parent", models.CASCADE),
        (Assessment, "outcome", models.PROTECT),
        (UnitAlias, "unit", models.RESTRICT),
    ],
)
def test_on_delete_that_the_table_does_not_enforce_is_drift(model, field, on_delete):
    tampered = model_copy(model, change={field: {"on_delete": on_delete}})
    column = model._meta.get_field(field).column
    assert codes(drift_of_model(tampered)) == [(f"{model._meta.db_table}.{column}", "on_delete")]


@pytest.mark.parametrize(
    ("table_name", "column", "ondelete"),
    [
        ("tracker_target", "plan_id", "RESTRICT"),
        ("tracker_target", "plan_id", None),  # NO ACTION: refuses, Django cascades
        ("tracker_outcome", "document_id", "CASCADE"),
        ("tracker_plan", "parent_id", "CASCADE"),
        ("tracker_assessment", "outcome_id", "CASCADE"),
    ],
)
def test_on_delete_changed_in_the_table_is_drift(table_name, column, ondelete):
    tampered = table(table_name)
    (foreign_key,) = tampered.c[column].foreign_keys
    foreign_key.ondelete = ondelete
    model = {
        "tracker_target": Target,
        "tracker_outcome": Outcome,
        "tracker_plan": Plan,
        "tracker_assessment": Assessment,
    }[table_name]
    assert codes(drift_of_model(model, tampered)) == [(f"{table_name}.{column}", "on_delete")]


def test_protect_accepts_restrict_and_no_action():
    """Both refuse the delete, as PROTECT does."""
    tampered = table("tracker_outcome")
    (foreign_key,) = tampered.c.document_id.foreign_keys
    foreign_key.ondelete = "NO ACTION"
    assert drift_of_model(Outcome, tampered) == []


def test_an_on_delete_without_a_database_rule_is_drift():
    """SET_DEFAULT (or DO_NOTHING on a constrained key) has no ON DELETE to
    compare with: reported, never assumed equal."""
    for on_delete in (models.SET_DEFAULT, models.DO_NOTHING):
        tampered = model_copy(UnitAlias, change={"unit": {"on_delete": on_delete}})
        problems = drift_of_model(tampered)
        assert codes(problems) == [("tracker_unit_alias.unit_id", "no_on_delete_rule")], on_delete
        assert on_delete.__name__ in str(problems[0])


def test_a_plain_id_must_not_act_on_delete():
    """Without a database foreign key (the user columns), Django cascading
    on its own would be a rule that SQL ignores."""
    cascading = model_copy(Outcome, change={"entered_by": {"on_delete": models.CASCADE}})
    assert codes(drift_of_model(cascading)) == [("tracker_outcome.entered_by_id", "on_delete")]
