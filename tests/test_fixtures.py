"""The demo data (fixtures/plans/*.toml) loads through ``import_plan``,
reloads without a change, keeps every quote verbatim, states every target's
measure, and grades the 2020 Zhengzhou targets honestly: the seeds report no
2020 figure, so the evidence is later (indicative) at best, and only for
levels; another year's growth or amount is context, never a verdict. As of
a date, only what was published by then counts."""

import tomllib
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests import factories
from tracker.analytics.assessments import compute
from tracker.models import Assignment, AuditEvent, Outcome, Plan, Target

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
PLAN_FILES = sorted((FIXTURES / "plans").glob("*.toml"))
ZZ_2020 = FIXTURES / "plans" / "zz-2020-manufacturing.toml"
AS_OF = date(2026, 11, 23)


def load(*options: str, **kwargs) -> str:
    if kwargs.get("approved"):
        kwargs.setdefault("user", factories.importer())
    out = StringIO()
    call_command("import_plan", *map(str, PLAN_FILES), *options, stdout=out, **kwargs)
    return out.getvalue()


@pytest.fixture
def demo():
    return load(approved=True)


def test_the_dry_run_finds_no_problem_and_writes_nothing():
    output = load(dry_run=True)
    assert "试运行" in output
    assert Plan.objects.count() == 0


def test_the_demo_loads_every_file(demo):
    assert Plan.objects.count() == len(PLAN_FILES)
    assert set(Outcome.objects.values_list("state", flat=True)) == {"approved"}
    for path in PLAN_FILES:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        plan = Plan.objects.get(slug=data["plan"]["slug"])
        assert plan.targets.count() == len(data.get("targets", []))
        assert path.name in demo


def test_loading_again_changes_nothing(demo):
    counts = [model.objects.count() for model in (Plan, Target, Assignment, Outcome, AuditEvent)]
    output = load(approved=True)
    assert [
        model.objects.count() for model in (Plan, Target, Assignment, Outcome, AuditEvent)
    ] == counts
    assert "合计：新增 0，修改 0，" in output


def test_every_stored_quote_occurs_verbatim_in_its_document(demo):
    outcomes = Outcome.objects.select_related("document")
    assert outcomes.exists()
    for outcome in outcomes:
        text = outcome.document.text
        assert outcome.quote in text, outcome.quote
        assert text[outcome.quote_start : outcome.quote_end] == outcome.quote
        assert outcome.quote_start == text.index(outcome.quote)
    targets = Target.objects.select_related("plan__document").exclude(plan__document=None)
    assert targets.exists()
    for target in targets:
        text = target.plan.document.text
        assert target.statement in text, target.statement
        if target.source_quote:
            assert target.source_quote in text, target.source_quote


def test_zhengzhou_2020_targets_lead_by_the_first_unit_listed(demo):
    data = tomllib.loads(ZZ_2020.read_text(encoding="utf-8"))
    with_units = [t for t in data["targets"] if t["units"]]
    # Section 三 names 责任单位 for every item; section 二 names none.
    assert {t["code"] for t in with_units} == {
        t["code"] for t in data["targets"] if t["code"].startswith("三")
    }
    for spec in with_units:
        target = Target.objects.get(plan__slug="zz-2020-manufacturing", code=spec["code"])
        assignments = list(target.assignments.order_by("position").select_related("unit"))
        assert [a.role for a in assignments] == ["lead"] + ["support"] * (len(assignments) - 1)
        assert len(assignments) == len(spec["units"])
        assert assignments[0].unit.name == spec["units"][0]


def _status(code: str) -> tuple[str, str | None]:
    target = Target.objects.get(plan__slug="zz-2020-manufacturing", code=code)
    result = compute(as_of=AS_OF)[target.pk]
    return result.status, result.grade


def test_every_demo_target_states_its_measure():
    for path in PLAN_FILES:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for spec in data.get("targets", []):
            assert spec.get("measure") in ("level", "flow", "rate"), (path.name, spec["code"])
            assert "accumulates" not in spec


@pytest.mark.parametrize(
    ("code", "statement", "expected"),
    [
        # A later growth rate says nothing about 2020's growth
        # (docs/attainment.md section 4).
        ("二.2.2", "技改投资增长20%以上", ("overdue", None)),  # +29% in 2023: context
        ("二.1.1", "力争规模以上工业增加值增长7%左右", ("overdue", None)),  # Jan-Oct 2022
        # A later share still says where a share stood: indicative.
        ("三.8.4", "全市高耗能产业比重降低到30%左右", ("met", "later")),  # 25.3% in 2023
        ("二.1.3", "主导产业占全市工业的比重达到75%左右", ("met", "later")),  # 84.5% in 2023
        # Another year's amount says nothing about 2020's.
        ("三.10.1", "全年推进实施500个以上技术改造项目", ("overdue", None)),  # 520 in 2023
        ("二.3.1", "签约亿元以上制造业项目100个以上", ("overdue", None)),  # 217 in 2022
        # Undated capacity cuts, not known to be counted from 2020.
        ("三.8.1", "力争淘汰炭素产能85万吨以上", ("overdue", None)),
        ("二.2.1", "全年工业投资达到700亿元", ("overdue", None)),  # no amount reported
    ],
)
def test_zhengzhou_2020_grades_are_honest(demo, code, statement, expected):
    assert Target.objects.get(plan__slug="zz-2020-manufacturing", code=code).statement == statement
    assert _status(code) == expected


def test_no_zhengzhou_2020_verdict_rests_on_a_final_figure_or_another_years_rate(demo):
    results = compute(as_of=AS_OF)
    targets = Target.objects.filter(plan__slug="zz-2020-manufacturing")
    grades = [results[target.pk].grade for target in targets]
    assert "final" not in grades and "interim" not in grades
    later = [t for t in targets if results[t.pk].grade == "later"]
    assert sorted(t.code for t in later) == ["三.6.2", "三.8.4", "二.1.3", "二.4.1", "二.4.2"]
    assert {t.measure for t in later} == {"level"}
    assert all(results[t.pk].indicative for t in later)
    for target in targets.filter(measure="rate"):
        assert results[target.pk].evidence is None, target.code
    # The growth targets with figures for other years say so in their reason.
    upgrade = results[targets.get(code="二.2.2").pk]
    assert upgrade.reason.code == "context_only_overdue"
    assert upgrade.reason.params["context_end"] == "2023-12-31"


# -- as of a date (docs/attainment.md section 6) -----------------------------


def _status_on(plan: str, code: str, day: date):
    target = Target.objects.get(plan__slug=plan, code=code)
    return compute(as_of=day)[target.pk]


def test_the_news_item_of_2023_01_16_counts_from_that_day_not_the_day_before(demo):
    # Seed 003, published 2023-01-16: 2022's high-energy share of 28.1%.
    on_the_day = _status_on("zz-2020-manufacturing", "三.8.4", date(2023, 1, 16))
    assert (on_the_day.status, on_the_day.grade) == ("met", "later")
    assert on_the_day.evidence.value == Decimal("28.1")
    assert on_the_day.evidence.document_date == date(2023, 1, 16)
    day_before = _status_on("zz-2020-manufacturing", "三.8.4", date(2023, 1, 15))
    assert (day_before.status, day_before.evidence) == ("overdue", None)
    assert day_before.reason.code == "no_figure_overdue"
    # Every figure of the news item appears or disappears with it.
    news_ids = set(
        Outcome.objects.filter(document__slug="zz-2023-news-industrial-growth").values_list(
            "pk", flat=True
        )
    )

    def shown(day: date) -> set[int]:
        return {
            figure.id
            for result in compute(as_of=day).values()
            for figure in (result.evidence, result.context)
            if figure is not None
        }

    assert not shown(date(2023, 1, 15)) & news_ids
    assert shown(date(2023, 1, 16)) & news_ids


def test_a_running_target_is_on_track_from_the_day_its_interim_figure_is_known(demo):
    # 重点1.1 (22.8% in 2016 -> 60% by 2030): 52.4% in 2023, from the undated
    # 2024 reply, known from the end of the period it covers (2023-12-31).
    known = _status_on("zz-2024-reply-manufacturing", "重点1.1", date(2023, 12, 31))
    assert (known.status, known.grade, known.band) == ("on_track", "interim", "on_track")
    assert known.evidence.value == Decimal("52.4")
    unknown = _status_on("zz-2024-reply-manufacturing", "重点1.1", date(2023, 12, 30))
    assert (unknown.status, unknown.evidence, unknown.reason.code) == (
        "no_data",
        None,
        "no_figure",
    )


def test_the_outcome_template_row_is_the_demo_figure_it_shows(demo):
    out = StringIO()
    template = Path(settings.BASE_DIR) / "docs" / "outcomes-template.csv"
    call_command("import_outcomes", str(template), dry_run=True, stdout=out)
    assert "实际完成情况：新增 0，修改 0，未变 1" in out.getvalue()
