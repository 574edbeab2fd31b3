"""The export and the summary from the stored statuses (issue 11) are the
recompute path's, byte for byte.

Each test builds data (the synthetic generator, the demo plans, or the
factories' targets that take every status and reason), takes the export
and the summary for a date while no refresh has run (the recompute path),
then stores every status and rollup for that date (``assessments.refresh``:
the marker says that date) and takes them again (the stored path), and
compares. Which path ran is checked from the SQL: only the recompute path
runs the ranked-evidence window query (``row_number``). Runs on SQLite and
on PostgreSQL (``DATABASE_URL``).
"""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
import sqlalchemy as sa
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.test_export_attainment import world  # noqa: F401 (a fixture)
from tests.test_fixtures import load as load_demo
from tracker.analytics import assessments, batches, stored_summary
from tracker.analytics.assessments import compute
from tracker.analytics.evidence import today
from tracker.db import run_statement
from tracker.exports import attainment_stored
from tracker.exports.attainment import COLUMNS, attainment_rows
from tracker.exports.attainment_parts import EXPECTED_PLACES
from tracker.exports.csvstream import csv_chunks
from tracker.management.commands.attainment import build_summary, render
from tracker.models import Assignment, Plan, Target
from tracker.schema import assessment

pytestmark = pytest.mark.django_db

AS_OF = date(2021, 6, 30)
Q1_2021 = {"period_start": date(2021, 1, 1), "period_end": date(2021, 3, 31)}


def export(as_of: date, **filters) -> tuple[str, str]:
    """The CSV and the SQL that made it."""
    with CaptureQueriesContext(connection) as queries:
        text = "".join(csv_chunks(COLUMNS, attainment_rows(as_of=as_of, **filters)))
    return text, " ".join(query["sql"] for query in queries.captured_queries)


def recomputed(sql: str) -> bool:
    return "row_number" in sql.lower()


def filters_of_every_kind() -> list[dict]:
    """Everything, one plan, two plans, one unit, some targets."""
    plans = list(Plan.objects.order_by("slug").values_list("id", flat=True))
    unit = Assignment.objects.order_by("id").values_list("unit_id", flat=True).first()
    targets = list(Target.objects.order_by("-id").values_list("id", flat=True)[:5])
    return [
        {},
        {"plan_ids": plans[:1]},
        {"plan_ids": plans[-2:]},
        {"unit_id": unit},
        {"target_ids": targets},
    ]


def assert_paths_agree(as_of: date, *, languages=("zh-hans", "en")) -> None:
    """Export (every filter, every language) and summary (all, per plan):
    recomputed first, then stored for ``as_of``; identical."""
    cases = [(language, f) for language in languages for f in filters_of_every_kind()]
    plans = list(Plan.objects.filter(targets__isnull=False).distinct().values_list("id", flat=True))
    before = {}
    for language, found in cases:
        with translation.override(language):
            text, sql = export(as_of, **found)
        assert recomputed(sql)
        before[language, repr(found)] = text
    summaries = {plan_id: build_summary(as_of=as_of, plan_id=plan_id) for plan_id in [None, *plans]}

    assessments.refresh(as_of=as_of)

    assert stored_summary.statuses_valid_for(as_of)
    for language, found in cases:
        with translation.override(language):
            text, sql = export(as_of, **found)
        assert not recomputed(sql), "the stored path should have run"
        assert text == before[language, repr(found)], (language, found)
    for plan_id, expected in summaries.items():
        summary = build_summary(as_of=as_of, plan_id=plan_id)
        assert summary == expected
        assert render(summary) == render(expected)


def generate(seed: int) -> None:
    call_command(
        "generate_synthetic",
        *("--plans", "3", "--targets-per-plan", "10", "--outcomes-per-target", "4"),
        *("--units", "8", "--seed", str(seed)),
        stdout=None,
    )


@pytest.mark.parametrize("seed", [7, 11])
def test_synthetic_data_today(seed):
    generate(seed)
    assert_paths_agree(today())


def test_synthetic_data_on_another_date():
    generate(5)
    assert_paths_agree(today() - timedelta(days=400), languages=("zh-hans",))


def test_demo_plans():
    load_demo(approved=True)
    assert_paths_agree(date(2026, 11, 23), languages=("zh-hans",))


@pytest.fixture
def every_reason(world, make):  # noqa: F811 (the fixture imported above)
    """The export tests' targets (every status, a formula in a statement, a
    negative figure, units that do not convert) plus a pro-rata flow, a
    baseline path (ratio, band, expected), codes in Chinese numerals and a
    target with no unit."""
    the_plan = make.plan(
        slug="c-2021", period_start=date(2021, 1, 1), period_end=date(2021, 12, 31)
    )
    flow = make.target(
        the_plan, code="二.10", statement="全年工业投资达到700亿元", value=D("700"),
        unit="亿元", measure="flow", units=world["units"][:1],
    )  # fmt: skip
    make.outcome(flow, value=D("200"), **Q1_2021)
    make.target(the_plan, code="二.2", comparator="range", value=D("5"), value_high=D("7.5"))
    long_plan = make.plan(
        slug="d-long", period_start=date(2016, 1, 1), period_end=date(2030, 12, 31)
    )
    share = make.target(
        long_plan, code="十.1", statement="战略性新兴产业占比达到60%", value=D("60"),
        measure="level", baseline_value=D("22.8"), baseline_date=date(2016, 1, 1),
        units=world["units"][1:],
    )  # fmt: skip
    make.outcome(share, value=D("30"), period_start=date(2020, 1, 1), period_end=date(2020, 12, 31))
    return world


def test_every_status_and_reason(every_reason):
    assert_paths_agree(AS_OF)


def test_every_status_and_reason_today(every_reason):
    assert_paths_agree(today(), languages=("en",))


def assert_expected_is_the_reason_parameter(*dates: date) -> set[str]:
    """The rule the stored path derives ``expected`` by: it is set exactly
    for the reasons that carry it, with the same figure."""
    results = [result for day in dates for result in compute(as_of=day).values()]
    for result in results:
        if result.reason.code in ("pro_rata", "path"):
            stored = D(str(result.reason.params["expected"]))
            assert stored.quantize(EXPECTED_PLACES) == result.expected.quantize(EXPECTED_PLACES)
        else:
            assert result.expected is None
    return {result.reason.code for result in results}


def test_expected_is_the_reason_parameter(every_reason):
    assert {"pro_rata", "path"} <= assert_expected_is_the_reason_parameter(AS_OF, today())


def test_expected_is_the_reason_parameter_on_synthetic_data():
    generate(3)
    assert_expected_is_the_reason_parameter(today(), today() - timedelta(days=400))


def test_a_target_without_a_stored_status_is_recomputed(every_reason):
    """A status deleted behind the services' back: the export recomputes
    that batch (a row is never missing), and the summary, which cannot,
    recomputes everything."""
    text, sql = export(AS_OF)
    summary = build_summary(as_of=AS_OF)
    assessments.refresh(as_of=AS_OF)
    gone = Target.objects.get(code="A02")
    run_statement(sa.delete(assessment).where(assessment.c.target_id == gone.pk))
    assert not stored_summary.statuses_valid_for(AS_OF)
    assert stored_summary.statuses_valid_for(AS_OF, plan_id=every_reason["plans"][1].pk)
    again, again_sql = export(AS_OF)
    assert again == text
    assert recomputed(again_sql)
    assert build_summary(as_of=AS_OF) == summary


def test_stale_statuses_and_other_dates_are_recomputed(every_reason):
    assessments.refresh(as_of=AS_OF)
    for other in (AS_OF + timedelta(days=1), AS_OF - timedelta(days=1)):
        text, sql = export(other)
        assert recomputed(sql)
        assert not stored_summary.statuses_valid_for(other)
    _, sql = export(AS_OF)
    assert not recomputed(sql)


def test_stored_path_statements(every_reason, monkeypatch):
    """The marker, then 3 a batch (keyset lookup, the stored rows, the
    units), never the unit registry; the summary in four whatever the size."""
    assessments.refresh(as_of=AS_OF)
    with CaptureQueriesContext(connection) as queries:
        rows = list(attainment_rows(as_of=AS_OF))
    assert len(rows) == Target.objects.count()
    assert len(queries.captured_queries) == 1 + 3
    monkeypatch.setattr(batches.plan_batches, "__kwdefaults__", {
        "targets_per_batch": 1, "plans_per_lookup": 1,
    })  # fmt: skip
    monkeypatch.setattr(attainment_stored, "TARGETS_PER_BATCH", 1)
    with CaptureQueriesContext(connection) as queries:
        assert list(attainment_rows(as_of=AS_OF)) == rows
    plans = Plan.objects.filter(targets__isnull=False).distinct().count()
    # One lookup per plan (a full lookup page each), then an empty lookup.
    assert len(queries.captured_queries) == 1 + 3 * plans + 1
    with CaptureQueriesContext(connection) as queries:
        build_summary(as_of=AS_OF)
    assert len(queries.captured_queries) == 4


def test_a_unit_that_leads_nothing_and_an_unassigned_target(every_reason, make):
    spare = make.unit("市科技局")
    target = Target.objects.get(code="B03")
    make.target(target.plan, code="B05")  # no unit at all
    # Written past the services: the full refresh below rebuilds the rollups.
    Assignment.objects.filter(target=target).update(role="support")
    Assignment(target=target, unit=spare, role="support", position=1).save()
    assert not Assignment.objects.filter(unit=spare, role="lead").exists()
    assert_paths_agree(AS_OF, languages=("zh-hans",))
