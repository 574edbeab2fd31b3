"""The attainment export end to end: every status through the database,
grades and evidence in the row, only approved outcomes counting, filters,
ordering, formula safety, and a query count that does not grow with size."""

import csv
import io
import re
from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tracker import services
from tracker.analytics import batches
from tracker.exports.attainment import COLUMNS, attainment_rows, code_sort_key
from tracker.exports.csvstream import BOM, csv_chunks
from tracker.models import Assignment, Document, Outcome, Target, UnitAlias

pytestmark = pytest.mark.django_db

AS_OF = date(2021, 6, 30)
YEAR_2020 = {"period_start": date(2020, 1, 1), "period_end": date(2020, 12, 31)}
JAN_OCT_2020 = {"period_start": date(2020, 1, 1), "period_end": date(2020, 10, 31)}
Q1_2021 = {"period_start": date(2021, 1, 1), "period_end": date(2021, 3, 31)}

LEADING_COLUMNS = [
    "plan",
    "target_code",
    "indicator",
    "statement",
    "comparator",
    "target_value",
    "target_value_high",
    "unit",
    "period_start",
    "period_end",
    "direction",
    "commitment",
    "lead_unit",
    "units",
    "status",
    "grade",
    "evidence_value",
    "evidence_qualifier",
    "evidence_unit",
    "evidence_period_start",
    "evidence_period_end",
    "document",
    "document_date",
    "quote",
    "progress_ratio",
]


def by_code(rows):
    return {row[1]: dict(zip(COLUMNS, row, strict=True)) for row in rows}


@pytest.fixture
def world(make):
    """Two plans whose targets, as of 2021-06-30, take every status."""
    gxj, fgw, tjj = make.unit("市工信局"), make.unit("市发展改革委"), make.unit("市统计局")
    services.entity_save(instance=UnitAlias(unit=fgw, alias="市发改委"), actor=None)
    p2020 = make.plan(slug="a-2020", title="2020年实施方案", **YEAR_2020)
    p2021 = make.plan(
        slug="b-2021", title="2021年实施方案", period_start=date(2021, 1, 1),
        period_end=date(2021, 12, 31),
    )  # fmt: skip
    t = {}
    t["met"] = make.target(p2020, code="A01", units=(gxj, fgw))
    make.outcome(t["met"], value=D("29"), quote="技改投资增长29%")
    t["missed"] = make.target(p2020, code="A02", units=(fgw,))
    make.outcome(t["missed"], value=D("15.50"))
    t["indeterminate"] = make.target(
        p2020, code="A03", statement="全年工业投资达到3000亿元", indicator="工业投资",
        value=D("3000"), unit="亿元", measure="flow", units=(tjj,),
    )  # fmt: skip
    make.outcome(t["indeterminate"], value=D("2500"), qualifier="more_than")
    t["later"] = make.target(
        p2020, code="A04", statement="高技术产业占比达到7%左右", comparator="about",
        value=D("7"), measure="level", units=(gxj,),
    )  # fmt: skip
    make.outcome(t["later"], value=D("7.2"), **Q1_2021)
    t["overdue_interim"] = make.target(p2020, code="A05", units=(gxj,))
    news = make.document(text="据统计,增长25%。", published_on=date(2020, 11, 20))
    make.outcome(t["overdue_interim"], value=D("25"), document_=news, **JAN_OCT_2020)
    t["overdue"] = make.target(p2020, code="A06", statement="=1+1 公式注入", units=(tjj,))
    t["on_track"] = make.target(p2021, code="B01", units=(fgw, gxj))
    make.outcome(t["on_track"], value=D("25"), **Q1_2021)
    t["off_track"] = make.target(p2021, code="B02", units=(gxj,))
    make.outcome(t["off_track"], value=D("-4.5"), **Q1_2021)
    t["no_data"] = make.target(p2021, code="B03", units=(tjj,))
    t["incomparable"] = make.target(p2021, code="B04", units=(fgw,))
    # Accepted (with a warning) and stored: the verdict is "incomparable",
    # never met or missed (docs/attainment.md section 1).
    make.outcome(t["incomparable"], value=D("3"), unit="亿元", **Q1_2021)
    return {"units": (gxj, fgw, tjj), "plans": (p2020, p2021), "targets": t}


def test_header_starts_with_the_agreed_columns():
    assert list(COLUMNS[: len(LEADING_COLUMNS)]) == LEADING_COLUMNS
    assert len(set(COLUMNS)) == len(COLUMNS)


def test_every_status_end_to_end(world):
    rows = by_code(attainment_rows(as_of=AS_OF))
    assert {code: (row["status"], row["grade"]) for code, row in rows.items()} == {
        "A01": ("met", "final"),
        "A02": ("missed", "final"),
        "A03": ("indeterminate", "final"),
        "A04": ("met", "later"),
        "A05": ("overdue", "interim"),
        "A06": ("overdue", ""),
        "B01": ("on_track", "interim"),
        "B02": ("off_track", "interim"),
        "B03": ("no_data", ""),
        "B04": ("incomparable", "interim"),
    }
    assert rows["A04"]["indicative"] == "true"
    assert rows["A01"]["indicative"] == "false"
    assert rows["B04"]["reason_code"] == "incomparable_units"
    assert rows["B04"]["reason"] == "亿元（人民币）无法换算为目标的单位%（百分比）"
    assert rows["B04"]["evidence_unit"] == "亿元"
    # Every row carries its reason code beside the reason in words.
    assert {code: row["reason_code"] for code, row in rows.items()} == {
        "A01": "final_figure",
        "A02": "final_figure",
        "A03": "final_figure",
        "A04": "later_indicative",
        "A05": "final_figure_owed",
        "A06": "no_figure_overdue",
        "B01": "growth_so_far",
        "B02": "growth_so_far",
        "B03": "no_figure",
        "B04": "incomparable_units",
    }
    assert rows["A05"]["reason"] == (
        "未报告终期数据：只有截至2020年10月31日的期中数据；考核期已于2020年12月31日结束"
    )


def test_reasons_are_rendered_in_the_active_language_codes_stay_words(world):
    from django.utils import translation

    with translation.override("en"):
        rows = attainment_rows(as_of=AS_OF)  # the language is taken here ...
    rows = by_code(rows)  # ... and kept while the rows stream out
    assert rows["A06"]["reason"] == "no figure; the period ended on 31 Dec 2020"
    assert rows["A06"]["reason_code"] == "no_figure_overdue"
    assert rows["A06"]["status"] == "overdue"


def test_a_row_carries_the_target_and_its_evidence(world):
    rows = by_code(attainment_rows(as_of=AS_OF))
    met = rows["A01"]
    outcome = Outcome.objects.get(target=world["targets"]["met"])
    assert met["plan"] == "a-2020"
    assert met["plan_title"] == "2020年实施方案"
    assert (met["comparator"], met["target_value"], met["target_value_high"]) == (
        "at_least",
        "20",
        "",
    )
    assert (met["unit"], met["period_start"], met["period_end"]) == (
        "%",
        "2020-01-01",
        "2020-12-31",
    )
    assert (met["direction"], met["commitment"]) == ("higher", "firm")
    assert (met["lead_unit"], met["units"]) == ("市工信局", "市工信局、市发展改革委")
    assert met["target_display"] == "≥ 20%"
    assert (met["evidence_value"], met["evidence_qualifier"], met["evidence_unit"]) == (
        "29",
        "exact",
        "%",
    )
    assert (met["evidence_period_start"], met["evidence_period_end"]) == (
        "2020-01-01",
        "2020-12-31",
    )
    assert met["quote"] == "技改投资增长29%"
    assert met["document"] == outcome.document.title
    assert met["document_date"] == "2021-03-01"
    assert met["outcome_id"] == str(outcome.pk)
    assert met["evidence_is_proxy"] == "false"
    assert met["as_of"] == "2021-06-30"
    # Figures without float artefacts or trailing zeros.
    assert rows["A02"]["evidence_value"] == "15.5"
    assert rows["A03"]["target_value"] == "3000"
    assert rows["A03"]["evidence_qualifier"] == "more_than"
    # The last interim figure is still shown for an overdue target.
    assert rows["A05"]["evidence_value"] == "25"
    assert rows["A06"]["evidence_value"] == rows["A06"]["quote"] == ""


def test_flow_interim_is_compared_pro_rata(make):
    the_plan = make.plan(period_start=date(2021, 1, 1), period_end=date(2021, 12, 31))
    investment = make.target(
        the_plan, code="C01", statement="全年工业投资达到700亿元", value=D("700"),
        unit="亿元", measure="flow",
    )  # fmt: skip
    make.outcome(investment, value=D("200"), **Q1_2021)
    (row,) = by_code(attainment_rows(as_of=AS_OF, plan_ids=[the_plan.pk])).values()
    assert (row["status"], row["grade"], row["measure"]) == ("on_track", "interim", "flow")
    assert row["expected"] == "172.60274"  # 700 x 90/365, to the figures' 6 places
    assert row["reason_code"] == "pro_rata"


def test_progress_ratio_and_band_on_a_baseline_path(make):
    long_plan = make.plan(period_start=date(2016, 1, 1), period_end=date(2030, 12, 31))
    share = make.target(
        long_plan, code="D01", statement="战略性新兴产业占比达到60%", value=D("60"),
        measure="level", baseline_value=D("22.8"), baseline_date=date(2016, 1, 1),
    )  # fmt: skip
    make.outcome(share, value=D("30"), period_start=date(2020, 1, 1), period_end=date(2020, 12, 31))
    (row,) = by_code(attainment_rows(as_of=AS_OF, plan_ids=[long_plan.pk])).values()
    assert row["status"] == "off_track"
    assert row["band"] == "limited_progress"
    assert D("0") < D(row["progress_ratio"]) < D("0.6")
    assert re.fullmatch(r"0\.[0-9]{1,4}", row["progress_ratio"])


def test_only_approved_outcomes_count(world, make):
    before = list(attainment_rows(as_of=AS_OF))
    alice, bob = make.user("alice"), make.user("bob")
    targets = world["targets"]
    # Each would turn the verdict if it counted: final 2020 figures well
    # above the missed target's 20%, an interim one for the target without data.
    make.outcome(targets["missed"], actor=alice, approved=False, value=D("30"))
    submitted = make.outcome(targets["missed"], actor=alice, approved=False, value=D("35"))
    services.outcome_submit(outcome=submitted, actor=alice)
    returned = make.outcome(targets["missed"], actor=alice, approved=False, value=D("40"))
    services.outcome_submit(outcome=returned, actor=alice)
    services.outcome_return(outcome=returned, actor=bob, comment="口径不符")
    make.outcome(targets["no_data"], actor=alice, approved=False, value=D("25"), **Q1_2021)
    make.outcome(targets["off_track"], actor=alice, approved=False, value=D("99"), **Q1_2021)
    assert set(Outcome.objects.values_list("state", flat=True)) == {
        "approved",
        "draft",
        "submitted",
        "returned",
    }
    assert list(attainment_rows(as_of=AS_OF)) == before
    # Approving one changes the verdict: the rows do follow the data.
    services.outcome_approve(outcome=submitted, actor=bob)
    assert by_code(attainment_rows(as_of=AS_OF))["A02"]["status"] == "met"


def test_as_of_is_honoured_not_the_stored_statuses(world):
    before_the_end = by_code(attainment_rows(as_of=date(2020, 12, 15)))
    assert before_the_end["A05"]["status"] == "on_track"
    assert before_the_end["A06"]["status"] == "no_data"
    assert by_code(attainment_rows(as_of=AS_OF))["A05"]["status"] == "overdue"
    # Only what was known then: A05's figure was published on 2020-11-20,
    # A01's (final) on 2021-03-01.
    day_before = by_code(attainment_rows(as_of=date(2020, 11, 19)))
    assert (day_before["A05"]["status"], day_before["A05"]["evidence_value"]) == ("no_data", "")
    assert by_code(attainment_rows(as_of=date(2020, 11, 20)))["A05"]["status"] == "on_track"
    assert by_code(attainment_rows(as_of=date(2021, 2, 28)))["A01"]["status"] == "overdue"
    assert by_code(attainment_rows(as_of=date(2021, 3, 1)))["A01"]["status"] == "met"


def test_rows_are_ordered_by_plan_then_code(world):
    codes = [row[1] for row in attainment_rows(as_of=AS_OF)]
    assert codes == ["A01", "A02", "A03", "A04", "A05", "A06", "B01", "B02", "B03", "B04"]


def test_codes_sort_in_reading_order_chinese_numerals_included(make):
    the_plan = make.plan(slug="cn")
    for code in ["十.1", "三.1", "二.10", "二.2", "二.1.1", "二十一.1", "附件", "T10", "T2"]:
        make.target(the_plan, code=code)
    assert [row[1] for row in attainment_rows(as_of=AS_OF, plan_ids=[the_plan.pk])] == [
        "二.1.1", "二.2", "二.10", "三.1", "十.1", "二十一.1", "T2", "T10", "附件",
    ]  # fmt: skip
    assert code_sort_key("一百零五") == ((0, 105, ""),)


def test_filters_by_plan_unit_and_target(world):
    p2020, p2021 = world["plans"]
    gxj, fgw, _ = world["units"]
    assert [row[1] for row in attainment_rows(as_of=AS_OF, plan_ids=[p2021.pk])] == [
        "B01",
        "B02",
        "B03",
        "B04",
    ]
    # Any role: fgw leads A02, B01 and B04 and supports A01; the units
    # column still lists every unit of each target.
    rows = by_code(attainment_rows(as_of=AS_OF, unit_id=fgw.pk))
    assert sorted(rows) == ["A01", "A02", "B01", "B04"]
    assert rows["A01"]["units"] == "市工信局、市发展改革委"
    assert rows["B01"]["lead_unit"] == "市发展改革委"
    both = attainment_rows(as_of=AS_OF, plan_ids=[p2020.pk], unit_id=gxj.pk)
    assert [row[1] for row in both] == ["A01", "A04", "A05"]
    chosen = [world["targets"]["no_data"].pk, world["targets"]["met"].pk]
    assert [row[1] for row in attainment_rows(as_of=AS_OF, target_ids=chosen)] == ["A01", "B03"]
    assert list(attainment_rows(as_of=AS_OF, plan_ids=[])) == []


def test_csv_of_the_export_is_formula_safe(world):
    text = "".join(csv_chunks(COLUMNS, attainment_rows(as_of=AS_OF)))
    assert text.startswith(BOM)
    parsed = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert parsed[0] == list(COLUMNS)
    rows = {row[1]: dict(zip(COLUMNS, row, strict=True)) for row in parsed[1:]}
    assert rows["A06"]["statement"] == "'=1+1 公式注入"
    assert rows["B02"]["evidence_value"] == "-4.5"  # a negative number stays a number


# -- Query count ---------------------------------------------------------------


def bulk_plan(make, size: int, units, doc: Document):
    """A plan with ``size`` targets, two units each and two approved outcomes
    each (an interim and a final figure), bulk-inserted for speed."""
    the_plan = make.plan()
    targets = Target.objects.bulk_create(
        Target(
            plan=the_plan,
            code=f"T{n:05d}",
            statement=f"指标{n}增长20%以上",
            indicator=f"指标{n}",
            comparator="at_least",
            value=D("20"),
            unit="%",
            measure="rate",
            period_start=the_plan.period_start,
            period_end=the_plan.period_end,
        )
        for n in range(size)
    )
    if targets[0].pk is None:  # a backend that cannot return ids from a bulk insert
        targets = list(Target.objects.filter(plan=the_plan).order_by("id"))
    Assignment.objects.bulk_create(
        Assignment(target=t, unit=units[(n + k) % len(units)], role=role, position=k)
        for n, t in enumerate(targets)
        for k, role in enumerate(("lead", "support"))
    )
    Outcome.objects.bulk_create(
        Outcome(
            target=t,
            document=doc,
            value=D(n % 40),
            unit="%",
            period_start=the_plan.period_start,
            period_end=end,
            quote="增长29%",
            state="approved",
        )
        for n, t in enumerate(targets)
        for end in (date(2020, 10, 31), the_plan.period_end)
    )
    return the_plan


def count_queries(**filters) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        rows = sum(1 for _ in attainment_rows(as_of=AS_OF, **filters))
    return len(queries.captured_queries), rows


def test_query_count_does_not_grow_with_the_number_of_targets(make):
    """The count grows with plan batches (issue 11), never with the targets
    inside one: the refresh marker and the unit registry once, then 4 per
    batch (keyset lookup, targets, one ranked-evidence pass, units). A plan
    is never split, so one plan of 1,000 targets is one batch like one of
    10; the first batch stops at ``FIRST_BATCH`` targets, so two plans of 10
    and 1,000 are two. (The marker read is new with the stored path: it
    decides which path runs, tests/test_export_stored.py.)"""
    units = [make.unit() for _ in range(3)]
    doc = make.document(text="据统计,增长29%。")
    small, large = bulk_plan(make, 10, units, doc), bulk_plan(make, 1000, units, doc)
    small_queries, small_rows = count_queries(plan_ids=[small.pk])
    large_queries, large_rows = count_queries(plan_ids=[large.pk])
    assert (small_rows, large_rows) == (10, 1000)
    assert small_queries == large_queries == 2 + 4
    by_unit_queries, by_unit_rows = count_queries(unit_id=units[0].pk)
    assert batches.FIRST_BATCH < 10 + 1000
    assert by_unit_queries == 2 + 2 * 4
    # units[0] leads every target n with n % 3 == 0 and supports n % 3 == 2.
    assert by_unit_rows == (4 + 3) + (334 + 333)


# -- Streaming plan by plan (issue 11) -------------------------------------------


def one_plan_per_batch(monkeypatch) -> None:
    monkeypatch.setattr(batches.plan_batches, "__kwdefaults__", {
        "targets_per_batch": 1, "plans_per_lookup": 1,
    })  # fmt: skip


def test_batches_of_one_plan_give_the_same_rows_as_one_batch(world, monkeypatch):
    """Forcing a batch per plan changes nothing in the rows, only the number
    of statements: 2 (the refresh marker, the unit registry) + 4 per batch
    (keyset lookup, targets, one ranked-evidence pass, units)."""
    one_batch, one_count = _rows_and_queries()
    one_plan_per_batch(monkeypatch)
    per_plan, per_plan_count = _rows_and_queries()
    assert per_plan == one_batch
    assert one_count == 2 + 4
    # Two plans, one lookup each (a full lookup page), then an empty lookup.
    assert per_plan_count == 2 + 2 * 4 + 1


def _rows_and_queries() -> tuple[list[list[str]], int]:
    with CaptureQueriesContext(connection) as queries:
        rows = list(attainment_rows(as_of=AS_OF))
    return rows, len(queries.captured_queries)


def test_the_first_row_comes_before_later_plans_are_read(world, monkeypatch):
    """Rows are yielded batch by batch: after the first row only the first
    batch's statements have run."""
    p2020, p2021 = world["plans"]
    one_plan_per_batch(monkeypatch)
    rows = attainment_rows(as_of=AS_OF)
    with CaptureQueriesContext(connection) as queries:
        first = next(rows)
    assert first[0] == "a-2020"
    read = " ".join(query["sql"] for query in queries.captured_queries)
    # The batch's statements name its one plan (PostgreSQL adds ::BIGINT).
    assert re.findall(r"plan_id IN \((\d+)(?:::BIGINT)?\)", read)[0] == str(p2020.pk)
    assert len(list(rows)) == 9


def test_plan_batches_keep_whole_plans_in_slug_order(world, make):
    p2020, p2021 = world["plans"]
    empty = make.plan(slug="aa-empty")  # no targets: never in a batch
    found = list(batches.plan_batches(targets_per_batch=1, plans_per_lookup=1))
    assert [batch.plan_ids for batch in found] == [[p2020.pk], [p2021.pk]]
    assert [batch.targets for batch in found] == [6, 4]
    together = list(batches.plan_batches(targets_per_batch=100))
    assert [batch.plan_ids for batch in together] == [[p2020.pk, p2021.pk]]
    assert empty.pk not in together[0].plan_ids
    # A batch never splits a plan, even one larger than the batch size.
    assert [b.targets for b in batches.plan_batches(targets_per_batch=7)] == [6, 4]
