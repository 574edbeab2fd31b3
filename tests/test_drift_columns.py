"""``tracker.drift.columns``: every rule, tampered on the model side and on
the table side (where the rule has two sides)."""

from decimal import Decimal

import pytest
import sqlalchemy as sa
from django.db import models
from django.db.models import Value
from django.db.models.functions import Lower

from tests.drift_support import codes, drift_of_model, model_copy, table
from tracker.drift.columns import ABSENT, NOW, db_default, model_default, server_default
from tracker.models import Assignment, AuditEvent, Outcome, Target, Unit


def _drop_column(tampered: sa.Table, name: str) -> sa.Table:
    # SQLAlchemy has no public call to take a column out of a Table (Alembic's
    # batch mode does the same).
    tampered._columns.remove(tampered.c[name])
    return tampered


# -- columns and fields ----------------------------------------------------------------


def test_a_column_without_a_field_is_drift_from_either_side():
    extra = table("tracker_target")
    extra.append_column(sa.Column("weight", sa.Integer()))
    assert codes(drift_of_model(Target, extra)) == [
        ("tracker_target.weight", "column_without_field")
    ]
    fewer_fields = model_copy(Target, drop=("notes",))
    assert codes(drift_of_model(fewer_fields)) == [("tracker_target.notes", "column_without_field")]


def test_a_field_without_a_column_is_drift_from_either_side():
    extra = model_copy(Target, add={"weight": models.IntegerField(null=True)})
    assert codes(drift_of_model(extra)) == [("tracker_target.weight", "field_without_column")]
    fewer_columns = _drop_column(table("tracker_target"), "notes")
    assert codes(drift_of_model(Target, fewer_columns)) == [
        ("tracker_target.notes", "field_without_column")
    ]


# -- types ----------------------------------------------------------------------------


def test_a_field_class_without_a_type_rule_is_drift():
    """A field the check cannot judge is reported, never passed silently."""
    unknown = model_copy(Target, drop=("statement",), add={"statement": models.DurationField()})
    problems = drift_of_model(unknown)
    assert codes(problems) == [("tracker_target.statement", "no_type_rule")]
    assert str(problems[0]).endswith("no type rule for Django field DurationField")


def test_a_type_change_is_drift_from_either_side():
    as_date = table("tracker_outcome")
    as_date.c.period_end.type = sa.DateTime(timezone=True)
    assert codes(drift_of_model(Outcome, as_date)) == [("tracker_outcome.period_end", "type")]
    as_char = model_copy(
        Target, change={"statement": {"field_class": models.CharField, "max_length": 200}}
    )
    assert codes(drift_of_model(as_char)) == [("tracker_target.statement", "type")]


@pytest.mark.parametrize(
    ("column_type", "field_class"),
    [
        (sa.Text(), models.CharField),  # Text is a String subclass in SQLAlchemy
        (sa.BigInteger(), models.IntegerField),  # so is BigInteger of Integer
        (sa.Float(), models.DecimalField),  # and Float of Numeric
    ],
)
def test_sqlalchemy_subclasses_do_not_pass_for_their_parent(column_type, field_class):
    tampered = table("tracker_outcome")
    column = {
        models.CharField: "unit",
        models.IntegerField: "quote_start",
        models.DecimalField: "value",
    }[field_class]
    tampered.c[column].type = column_type
    assert codes(drift_of_model(Outcome, tampered)) == [(f"tracker_outcome.{column}", "type")]


def test_a_length_change_is_drift_from_either_side():
    shorter = table("tracker_unit")
    shorter.c.name.type = sa.String(100)
    problems = drift_of_model(Unit, shorter)
    assert [str(p) for p in problems] == [
        "tracker_unit.name: length 100 but the model says max_length=200"
    ]
    longer = model_copy(Unit, change={"name": {"max_length": 300}})
    assert codes(drift_of_model(longer)) == [("tracker_unit.name", "length")]


def test_a_precision_change_is_drift_from_either_side():
    wider = table("tracker_outcome")
    wider.c.value.type = sa.Numeric(20, 4)
    problems = drift_of_model(Outcome, wider)
    assert codes(problems) == [("tracker_outcome.value", "precision")]
    assert "NUMERIC(20, 4)" in str(problems[0])
    coarser = model_copy(Outcome, change={"value": {"decimal_places": 2}})
    assert codes(drift_of_model(coarser)) == [("tracker_outcome.value", "precision")]


def test_a_datetime_without_time_zone_is_drift():
    """Table side only: Django's DateTimeField has no time-zone switch (it
    follows USE_TZ), so only the table can get this wrong."""
    naive = table("tracker_outcome")
    naive.c.submitted_at.type = sa.DateTime(timezone=False)
    assert codes(drift_of_model(Outcome, naive)) == [("tracker_outcome.submitted_at", "timezone")]


# -- nullability and keys ----------------------------------------------------------------


def test_a_nullability_change_is_drift_from_either_side():
    nullable = table("tracker_outcome")
    nullable.c.unit.nullable = True
    assert codes(drift_of_model(Outcome, nullable)) == [("tracker_outcome.unit", "nullable")]
    null_model = model_copy(Outcome, change={"quote": {"null": True}})
    assert codes(drift_of_model(null_model)) == [("tracker_outcome.quote", "nullable")]


def test_a_primary_key_change_is_drift_from_either_side():
    keyed_table = table("tracker_target")
    keyed_table.c.code.primary_key = True
    assert codes(drift_of_model(Target, keyed_table)) == [("tracker_target.code", "primary_key")]
    keyed_model = model_copy(Target, change={"code": {"primary_key": True}})
    # A primary key is unique too, which the table does not say of code alone.
    assert codes(drift_of_model(keyed_model)) == [
        ("tracker_target.code", "primary_key"),
        ("tracker_target", "unique"),
    ]


# -- defaults -----------------------------------------------------------------------------


def test_defaults_are_read_in_the_same_terms_on_both_sides():
    target = table("tracker_target")
    assert server_default(target.c.direction, Target._meta.get_field("direction")) == "higher"
    assert db_default(Target._meta.get_field("direction")) == "higher"
    outcome = table("tracker_outcome")
    assert server_default(outcome.c.is_proxy, Outcome._meta.get_field("is_proxy")) is False
    assert server_default(target.c.created_at, Target._meta.get_field("created_at")) == NOW
    assert db_default(Target._meta.get_field("created_at")) == NOW
    assert model_default(Target._meta.get_field("created_at")) is ABSENT
    position = table("tracker_assignment").c.position
    assert server_default(position, Assignment._meta.get_field("position")) == 0
    assert server_default(target.c.value, Target._meta.get_field("value")) is ABSENT
    assert model_default(AuditEvent._meta.get_field("changes")) is ABSENT


def test_a_server_default_change_is_drift_from_either_side():
    lower = table("tracker_target")
    lower.c.direction.server_default = sa.DefaultClause("lower")
    assert codes(drift_of_model(Target, lower)) == [
        ("tracker_target.direction", "server_default"),
        ("tracker_target.direction", "model_default"),
    ]
    db_lower = model_copy(Target, change={"direction": {"db_default": "lower"}})
    assert codes(drift_of_model(db_lower)) == [("tracker_target.direction", "server_default")]


def test_a_server_default_the_model_does_not_know_is_drift():
    tampered = table("tracker_outcome")
    tampered.c.value.server_default = sa.DefaultClause("0")
    problems = drift_of_model(Outcome, tampered)
    assert codes(problems) == [("tracker_outcome.value", "server_default")]
    assert str(problems[0]).endswith(
        f"server default {Decimal(0)!r} but the model's db_default is no default"
    )


def test_a_model_default_change_is_drift_from_either_side():
    """A row saved through Django and one inserted in SQL must start alike."""
    firm_to_aspirational = model_copy(Target, change={"commitment": {"default": "aspirational"}})
    assert codes(drift_of_model(firm_to_aspirational)) == [
        ("tracker_target.commitment", "model_default")
    ]
    no_server_default = table("tracker_target")
    no_server_default.c.commitment.server_default = None
    assert codes(drift_of_model(Target, no_server_default)) == [
        ("tracker_target.commitment", "server_default"),
        ("tracker_target.commitment", "model_default"),
    ]


def test_a_model_default_without_any_server_default_is_drift():
    with_default = model_copy(AuditEvent, change={"changes": {"default": dict}})
    assert codes(drift_of_model(with_default)) == [("tracker_audit_event.changes", "model_default")]


def test_a_default_computed_by_the_database_is_compared_by_meaning():
    """``now()`` in the table and ``Now()`` in the model agree; a literal
    does not."""
    literal = table("tracker_unit")
    literal.c.created_at.server_default = sa.DefaultClause(sa.text("'2020-01-01'"))
    assert codes(drift_of_model(Unit, literal)) == [("tracker_unit.created_at", "server_default")]


def test_db_default_values_and_expressions():
    """``Value("higher")`` is the word itself; another expression or another
    SQL default is compared as written, so it differs from a literal."""
    wrapped = model_copy(Target, change={"direction": {"db_default": Value("higher")}})
    assert drift_of_model(wrapped) == []
    computed = model_copy(Target, change={"direction": {"db_default": Lower(Value("HIGHER"))}})
    assert codes(drift_of_model(computed)) == [("tracker_target.direction", "server_default")]
    sql_default = table("tracker_outcome")
    sql_default.c.period_end.server_default = sa.DefaultClause(sa.func.current_date())
    problems = drift_of_model(Outcome, sql_default)
    assert codes(problems) == [("tracker_outcome.period_end", "server_default")]
    assert "SQL CURRENT_DATE" in str(problems[0])
