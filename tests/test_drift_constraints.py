"""``tracker.drift.constraints``: unique constraints, indexes and the words
a column may hold, tampered on the model side and on the table side."""

import sqlalchemy as sa
from django.db import models
from django.db.models.functions import Lower

from tests.drift_support import codes, drift_of_model, model_copy, table
from tracker.drift.constraints import check_words
from tracker.models import Assessment, Document, Outcome, Target, Unit
from tracker.vocabulary import EVIDENCE_GRADES, REASON_CODES


def _checks(tampered: sa.Table) -> dict[str, sa.CheckConstraint]:
    return {str(c.name): c for c in tampered.constraints if isinstance(c, sa.CheckConstraint)}


# -- unique ---------------------------------------------------------------------------


def test_a_unique_constraint_on_one_side_is_drift_from_either_side():
    no_unique = table("tracker_target")
    (unique,) = [c for c in no_unique.constraints if isinstance(c, sa.UniqueConstraint)]
    no_unique.constraints.discard(unique)
    problems = drift_of_model(Target, no_unique)
    assert [str(p) for p in problems] == [
        "tracker_target: unique ['code', 'plan_id'] only in the model"
    ]
    unique_field = model_copy(Unit, change={"notes": {"unique": True}})
    assert [str(p) for p in drift_of_model(unique_field)] == [
        "tracker_unit: unique ['notes'] only in the model"
    ]
    no_model_constraint = model_copy(Unit, meta={"constraints": []})
    assert [str(p) for p in drift_of_model(no_model_constraint)] == [
        "tracker_unit: unique ['name'] only in the table"
    ]


def test_a_unique_index_counts_as_a_unique_constraint():
    tampered = table("tracker_unit")
    sa.Index("ix_unique_notes", tampered.c.notes, unique=True)
    assert [str(p) for p in drift_of_model(Unit, tampered)] == [
        "tracker_unit: unique ['notes'] only in the table"
    ]


# -- indexes ----------------------------------------------------------------------------


def test_an_index_on_one_side_is_drift_from_either_side():
    extra = table("tracker_outcome")
    sa.Index("ix_tracker_outcome_period_end", extra.c.period_end)
    assert [str(p) for p in drift_of_model(Outcome, extra)] == [
        "tracker_outcome: index on ['period_end'] only in the table"
    ]
    fewer = table("tracker_outcome")
    fewer.indexes.discard(next(i for i in fewer.indexes if i.name.endswith("state_submitted_at")))
    assert [str(p) for p in drift_of_model(Outcome, fewer)] == [
        "tracker_outcome: index on ['state', 'submitted_at'] only in the model"
    ]


def test_a_model_index_on_one_side_is_drift():
    """A foreign key is indexed unless the model says otherwise; ``Meta.indexes``
    must list the table's composite indexes (their columns, in order)."""
    unindexed_key = model_copy(Outcome, change={"document": {"db_index": False}})
    assert [str(p) for p in drift_of_model(unindexed_key)] == [
        "tracker_outcome: index on ['document_id'] only in the table"
    ]
    reordered = model_copy(
        Assessment,
        meta={"indexes": [models.Index(fields=["grade", "status"], name="ix_test_reordered")]},
    )
    assert [str(p) for p in drift_of_model(reordered)] == [
        "tracker_assessment: index on ['status', 'grade'] only in the table",
        "tracker_assessment: index on ['grade', 'status'] only in the model",
    ]
    indexed_field = model_copy(Document, change={"slug": {"db_index": True}})
    assert codes(drift_of_model(indexed_field)) == [("tracker_document", "index")]


# -- choices and check constraints ----------------------------------------------------------


def test_check_words_reads_every_vocabulary_check():
    words = check_words(table("tracker_assessment"))
    assert set(words) == {"status", "grade", "reason_code"}
    ((name, allowed),) = words["grade"]
    assert name == "ck_tracker_assessment_grade"
    # Stored statuses rest on evidence grades only (baseline and context never).
    assert allowed == set(EVIDENCE_GRADES)
    ((name, allowed),) = words["reason_code"]
    assert (name, allowed) == ("ck_tracker_assessment_reason_code", set(REASON_CODES))


def test_choices_the_check_does_not_allow_are_drift_from_either_side():
    narrower_check = table("tracker_document")
    _checks(narrower_check)["ck_tracker_document_kind"].sqltext = sa.text(
        "kind IN ('plan', 'reply')"
    )
    problems = drift_of_model(Document, narrower_check)
    assert codes(problems) == [("tracker_document.kind", "choices")]
    assert "ck_tracker_document_kind allows ['plan', 'reply']" in str(problems[0])
    more_choices = model_copy(
        Document,
        change={"kind": {"choices": [*Document._meta.get_field("kind").choices, ("memo", "memo")]}},
    )
    assert codes(drift_of_model(more_choices)) == [("tracker_document.kind", "choices")]


def test_choices_without_a_check_and_a_check_without_choices_are_drift():
    no_check = table("tracker_document")
    no_check.constraints.discard(_checks(no_check)["ck_tracker_document_kind"])
    problems = drift_of_model(Document, no_check)
    assert codes(problems) == [("tracker_document.kind", "choices")]
    assert "no check constraint" in str(problems[0])
    free_text = model_copy(Document, change={"kind": {"choices": None}})
    problems = drift_of_model(free_text)
    assert codes(problems) == [("tracker_document.kind", "choices")]
    assert "the model has no choices" in str(problems[0])


def test_other_checks_are_left_to_alembic():
    """``period_start <= period_end`` has no model-side twin: changing it is
    not model drift (``alembic check`` compares it with the database)."""
    tampered = table("tracker_target")
    _checks(tampered)["ck_tracker_target_period_order"].sqltext = sa.text(
        "period_start < period_end"
    )
    assert drift_of_model(Target, tampered) == []


def test_expression_indexes_are_compared_by_name():
    """An index on an expression has no columns to compare: both sides must
    name it alike (within Django's 30 characters)."""
    tampered = table("tracker_unit")
    sa.Index("ix_unit_name_lower", sa.func.lower(tampered.c.name))
    assert [str(p) for p in drift_of_model(Unit, tampered)] == [
        "tracker_unit: index on ['expressions', 'ix_unit_name_lower'] only in the table"
    ]
    declared = model_copy(
        Unit, meta={"indexes": [models.Index(Lower("name"), name="ix_unit_name_lower")]}
    )
    assert drift_of_model(declared, tampered) == []
