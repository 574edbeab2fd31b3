"""Reading a plan's text into suggested targets (issue 13, deliverable 3):
seed 001 gives back the demo plan's targets with their units, non-numeric
items are listed apart, and the figures that are not commitments stay out."""

import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.domain.reading import read_plan, split_units
from tracker.domain.units import SEED_REGISTRY

ROOT = Path(__file__).resolve().parents[2]
UNITS = SEED_REGISTRY.known_units()


def _text(slug: str) -> str:
    return (ROOT / "fixtures" / "documents" / f"{slug}.txt").read_text(encoding="utf-8")


def _demo(name: str) -> dict[str, dict]:
    data = tomllib.loads((ROOT / "fixtures" / "plans" / name).read_text(encoding="utf-8"))
    return {target["code"]: target for target in data["targets"]}


@pytest.fixture(scope="module")
def seed_001():
    text = _text("zz-2020-manufacturing-plan")
    return text, read_plan(text, on=date(2020, 4, 14), units=UNITS)


def test_seed_001_gives_back_every_demo_target_with_its_units(seed_001):
    text, reading = seed_001
    demo = _demo("zz-2020-manufacturing.toml")
    got = {target.code: target for target in reading.targets}
    assert set(got) == set(demo)
    for code, want in demo.items():
        target = got[code]
        assert want["statement"] in target.statement or target.statement in want["statement"]
        assert target.value == Decimal(want["value"]), code
        assert target.value_high == (Decimal(want["value_high"]) if "value_high" in want else None)
        assert target.unit == want["unit"], code
        assert target.comparator == want["comparator"], code
        assert target.units == tuple(want["units"]), code
        assert target.commitment == want["commitment"], code
        assert target.measure == want["measure"], code
        assert target.direction == want["direction"], code
        assert (target.period_start, target.period_end) == (date(2020, 1, 1), date(2020, 12, 31))


def test_statements_are_verbatim_at_their_offsets(seed_001):
    text, reading = seed_001
    for target in reading.targets:
        assert text[target.start : target.end] == target.statement
        assert target.statement in target.source_quote
        assert target.source_quote in text


def test_items_without_a_figure_are_tasks_not_targets(seed_001):
    _, reading = seed_001
    tasks = {task.code: task for task in reading.tasks}
    assert set(tasks) == {f"三.{n}" for n in (1, 2, 4, 7, 12, 13, 15, 16, 17)}
    assert tasks["三.1"].text.startswith("1.深入开展")
    assert tasks["三.1"].units[0] == "市工信局"
    assert not {t.code.rsplit(".", 1)[0] for t in reading.targets} & set(tasks)


def test_a_reply_gives_only_what_it_commits_to():
    reading = read_plan(_text("pds-2019-reply-three-transformations"), is_plan=False, units=UNITS)
    demo = _demo("pds-2019-three-transformations.toml")
    assert [(t.code, t.value, t.unit) for t in reading.targets] == [
        (code, Decimal(want["value"]), want["unit"]) for code, want in demo.items()
    ]
    # 2018年争取…资金共计2233万元 is what was obtained, not a commitment.
    assert all(t.period_start.year == 2019 for t in reading.targets)


@pytest.mark.parametrize(
    "sentence",
    [
        "积极落实“应对疫情促进经济平稳健康发展30条举措”。",  # quoted title
        "对30万吨以下煤矿进行分类处置。",  # threshold
        "提升装备、食品、建材耐材、服装家居5个传统产业发展水平。",  # counts a list
        "全面落实市委十一届十一次全会精神。",  # meeting ordinal
        "推进上汽动力100万套总成、奥克斯800万套空调等210个项目开工建设。",  # names before 等
    ],
)
def test_figures_that_are_not_commitments(sentence):
    reading = read_plan("二、发展目标 " + sentence, on=date(2020, 4, 14), units=UNITS)
    assert [t.value for t in reading.targets] in ([], [Decimal(210)])


def test_units_line_is_split_lead_first_with_stars_restored():
    assert split_units("市工信局、市发展改革委,各开发区管委会和县(市、区)**") == (
        "市工信局",
        "市发展改革委",
        "各开发区管委会",
        "各县(市、区)政府",
    )
    assert split_units("市人民**、市财政局") == ("市人民政府", "市财政局")


def test_units_of_another_item_are_not_taken():
    text = "二、目标 (一)规模。增长7%左右 三、任务 1.推进。做好工作。 责任单位:市工信局"
    reading = read_plan(text, on=date(2020, 1, 1), units=UNITS)
    assert [(t.value, t.units) for t in reading.targets] == [(Decimal(7), ())]


def test_a_deadline_year_is_the_period():
    text = "三、任务 1.推进。到2025年,建成200个小微企业园。 责任单位:市工信局"
    (target,) = read_plan(text, on=date(2023, 1, 1), units=UNITS).targets
    assert target.period_end == date(2025, 12, 31)
    assert target.units == ("市工信局",)


def test_a_run_of_numerals_that_is_no_number_is_not_a_heading():
    """``一一、`` (not a section number) used to stop the reading with a
    ValueError; headings are read by the one Chinese numeral reader."""
    text = "二、目标 (一)规模。增长7%左右 一一、对应 十二、保障 (十一)规模。增长5%左右"
    reading = read_plan(text, on=date(2020, 1, 1), units=UNITS)
    assert [(t.code, t.value) for t in reading.targets] == [
        ("二.1.1", Decimal(7)),
        ("12.11.1", Decimal(5)),
    ]
