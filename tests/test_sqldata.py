"""SelectData: a Core select as django-tables2 data, counted, sorted and
sliced by the database (never sorted in Python)."""

from __future__ import annotations

import django_tables2 as tables
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tracker.analytics.rollups import unit_rollup_select
from tracker.schema import unit
from tracker.sqldata import SelectData

pytestmark = pytest.mark.django_db


class UnitTable(tables.Table):
    name = tables.Column()
    targets = tables.Column()
    confirmed_rate = tables.Column()
    label = tables.Column(accessor="name", order_by=("targets", "name"))


@pytest.fixture
def units(make):
    plan = make.plan()
    # ASCII-led names: the same order under any database collation.
    names = ["C丙", "A甲", "B乙", "D丁"]
    created = {name: make.unit(name) for name in names}
    # A leads three targets, B two, C one, D one (met, so it has a rate).
    for name, count in (("A甲", 3), ("B乙", 2), ("C丙", 1)):
        for _ in range(count):
            make.target(plan, units=(created[name],))
    make.outcome(make.target(plan, units=(created["D丁"],)))
    return created


def _data() -> SelectData:
    return SelectData(unit_rollup_select(lead_only=True), tiebreak=[unit.c.id])


def _names(rows) -> list[str]:
    return [row["name"] for row in rows]


def test_len_is_one_count_query(units):
    data = _data()
    with CaptureQueriesContext(connection) as captured:
        assert len(data) == 4
        assert len(data) == 4  # cached
    assert len(captured) == 1
    assert "count(*)" in captured[0]["sql"].lower()


def test_slices_are_limit_and_offset(units):
    data = _data()
    UnitTable(data, order_by=("name",))
    with CaptureQueriesContext(connection) as captured:
        page = data[1:3]
    assert _names(page) == ["B乙", "C丙"]
    sql = captured[0]["sql"].upper()
    assert "LIMIT" in sql and "OFFSET" in sql and "ORDER BY" in sql


def test_index_and_out_of_range(units):
    data = _data()
    UnitTable(data, order_by=("name",))
    assert data[0]["name"] == "A甲"
    with pytest.raises(IndexError):
        data[10]


def test_table_ordering_maps_to_sql(units):
    data = _data()
    UnitTable(data, order_by=("-targets", "name"))
    assert _names(data) == ["A甲", "B乙", "C丙", "D丁"]


def test_column_order_by_accessors_and_descending_alias(units):
    data = _data()
    UnitTable(data, order_by=("-label",))
    assert _names(data) == ["A甲", "B乙", "D丁", "C丙"]


def test_nulls_sort_last_both_ways(units):
    ascending, descending = _data(), _data()
    UnitTable(ascending, order_by=("confirmed_rate",))
    UnitTable(descending, order_by=("-confirmed_rate",))
    assert _names(ascending)[0] == "D丁"
    assert _names(descending)[0] == "D丁"


def test_paginated_table_fetches_only_its_page(units):
    table = UnitTable(_data(), order_by=("name",))
    table.paginate(per_page=2, page=2)
    assert _names(row.record for row in table.paginated_rows) == ["C丙", "D丁"]


def test_unknown_sort_key_is_refused(units):
    class Broken(tables.Table):
        name = tables.Column(order_by=("nope",))

    with pytest.raises(ValueError, match="nope"):
        Broken(_data(), order_by=("name",))


def test_slices_must_be_plain(units):
    data = _data()
    with pytest.raises(ValueError):
        data[0:4:2]
    with pytest.raises(ValueError):
        data[-1:]
