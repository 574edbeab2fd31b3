"""The Django models and the SQLAlchemy tables must describe one schema."""

import sqlalchemy as sa

from tracker.drift import find_drift
from tracker.schema import metadata


def _copy() -> sa.MetaData:
    copy = sa.MetaData(naming_convention=metadata.naming_convention)
    for table in metadata.tables.values():
        table.to_metadata(copy)
    return copy


def test_models_match_tables():
    assert find_drift() == []


def test_an_extra_column_on_one_side_is_drift():
    tampered = _copy()
    tampered.tables["tracker_target"].append_column(sa.Column("weight", sa.Integer()))
    assert find_drift(tampered) == ["tracker_target.weight: column has no model field"]


def test_a_length_change_is_drift():
    tampered = _copy()
    tampered.tables["tracker_unit"].columns["name"].type = sa.String(100)
    assert find_drift(tampered) == [
        "tracker_unit.name: length 100 but the model says max_length=200"
    ]


def test_precision_nullability_and_type_changes_are_drift():
    tampered = _copy()
    outcome = tampered.tables["tracker_outcome"]
    outcome.columns["value"].type = sa.Numeric(20, 4)
    outcome.columns["unit"].nullable = True
    outcome.columns["period_end"].type = sa.DateTime(timezone=True)
    problems = find_drift(tampered)
    assert len(problems) == 3
    assert any("NUMERIC(20, 4)" in p for p in problems)
    assert any("tracker_outcome.unit: nullable=True" in p for p in problems)
    assert any("tracker_outcome.period_end: type DateTime" in p for p in problems)


def test_a_missing_table_and_foreign_key_are_drift():
    tampered = _copy()
    tampered.remove(tampered.tables["tracker_unit_alias"])
    fk_table = tampered.tables["tracker_assignment"]
    fk_table.columns["unit_id"].foreign_keys.clear()
    problems = find_drift(tampered)
    assert "tracker_unit_alias: model has no table" in problems
    assert any(p.startswith("tracker_assignment.unit_id: foreign key []") for p in problems)


def test_a_table_without_a_model_is_drift():
    tampered = _copy()
    sa.Table("tracker_orphan", tampered, sa.Column("id", sa.Integer, primary_key=True))
    assert find_drift(tampered) == ["tracker_orphan: table has no model"]
