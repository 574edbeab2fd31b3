"""The two commands: ``export_attainment`` (CSV to stdout or a file, by plan,
unit or alias, as of a date) and ``attainment`` (the terminal summary)."""

import csv
import io
from datetime import date
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tracker import services
from tracker.analytics import rollups
from tracker.analytics.evidence import today
from tracker.exports.attainment import COLUMNS
from tracker.management.commands.attainment import build_summary, display_width, render
from tracker.models import Assignment, UnitAlias

pytestmark = pytest.mark.django_db

AS_OF = "2021-06-30"
Q1_2021 = {"period_start": date(2021, 1, 1), "period_end": date(2021, 3, 31)}


@pytest.fixture
def small_plan(make):
    """Four targets of a 2020 plan, as of 2021-06-30:
    A1 met (final; 工信局 leads), A2 missed (final; 工信局 leads, 发改委 supports),
    A3 met on a later figure (发改委 leads), A4 overdue without data (发改委 leads)."""
    gxj, fgw = make.unit("市工信局"), make.unit("市发展改革委")
    services.entity_save(instance=UnitAlias(unit=fgw, alias="市发改委"), actor=None)
    the_plan = make.plan(slug="zz-2020", title="郑州市2020年制造业高质量发展实施方案")
    met = make.target(the_plan, code="A1", units=(gxj,))
    make.outcome(met, value=D("29"))
    missed = make.target(the_plan, code="A2", units=(gxj, fgw))
    make.outcome(missed, value=D("12"))
    later = make.target(
        the_plan, code="A3", statement="高技术产业占比达到20%以上", measure="level", units=(fgw,)
    )
    make.outcome(later, value=D("45.5"), **Q1_2021)
    make.target(the_plan, code="A4", units=(fgw,))
    other = make.plan(slug="other")
    make.target(other, code="X1", units=(gxj,))
    return the_plan


def export(*args) -> str:
    out = io.StringIO()
    call_command("export_attainment", *args, stdout=out)
    return out.getvalue()


def csv_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    reader = csv.reader(io.StringIO(text[1:], newline=""))
    assert next(reader) == list(COLUMNS)
    return [dict(zip(COLUMNS, row, strict=True)) for row in reader]


# -- export_attainment ---------------------------------------------------------


def test_export_to_stdout_streams_the_csv_with_its_bom(small_plan):
    rows = csv_rows(export("--as-of", AS_OF))
    assert [(row["plan"], row["target_code"]) for row in rows] == [
        ("other", "X1"),
        ("zz-2020", "A1"),
        ("zz-2020", "A2"),
        ("zz-2020", "A3"),
        ("zz-2020", "A4"),
    ]


def test_export_by_plan_and_as_of(small_plan):
    rows = csv_rows(export("--plan", "zz-2020", "--as-of", AS_OF))
    assert [row["status"] for row in rows] == ["met", "missed", "met", "overdue"]
    assert {row["as_of"] for row in rows} == {AS_OF}
    early = csv_rows(export("--plan", "zz-2020", "--as-of", "2020-12-01"))
    assert early[3]["status"] == "no_data"


def test_export_repeated_plans(small_plan):
    rows = csv_rows(export("--plan", "other", "--plan", "zz-2020", "--as-of", AS_OF))
    assert len(rows) == 5


def test_export_to_a_file_opens_with_the_bom(small_plan, tmp_path):
    path = tmp_path / "完成情况.csv"
    assert export("--plan", "zz-2020", "--as-of", AS_OF, "--output", str(path)) == ""
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfplan,target_code,")
    assert b"\r\n" in data and b"\r\r\n" not in data
    assert len(csv_rows(data.decode("utf-8"))) == 4


@pytest.mark.parametrize("name", ["市发展改革委", "市发改委", " 市发改委 "])
def test_export_by_unit_name_or_alias(small_plan, name):
    rows = csv_rows(export("--unit", name, "--as-of", AS_OF))
    assert [row["target_code"] for row in rows] == ["A2", "A3", "A4"]
    assert rows[0]["units"] == "市工信局、市发展改革委"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--plan", "no-such-plan"], "no-such-plan"),
        (["--plan", "zz-2020", "--plan", "nope"], "nope"),
        (["--unit", "市不存在局"], "市不存在局"),
        (["--as-of", "2021-13-01"], "2021-13-01"),
        (["--as-of", "yesterday"], "yesterday"),
    ],
)
def test_export_refuses_unknown_plans_units_and_bad_dates(small_plan, args, message):
    with pytest.raises(CommandError, match=message):
        export(*args)


def test_export_to_an_unwritable_path_is_a_clear_error(small_plan, tmp_path):
    with pytest.raises(CommandError, match="无法写入文件"):
        export("--output", str(tmp_path / "no-such-folder" / "out.csv"))


# -- attainment ----------------------------------------------------------------


def summary_text(*args) -> str:
    out = io.StringIO()
    call_command("attainment", *args, stdout=out)
    return out.getvalue()


def test_summary_numbers_for_a_small_plan(small_plan):
    summary = build_summary(as_of=date(2021, 6, 30), plan_id=small_plan.pk)
    (plan_line,) = summary.plans
    assert plan_line.name == "zz-2020"
    result = plan_line.result
    assert result.total == 4
    assert {k: v for k, v in result.counts.items() if v} == {"met": 2, "missed": 1, "overdue": 1}
    assert (result.confirmed.met, result.confirmed.missed) == (1, 1)
    assert (result.indicative.met, result.indicative.missed) == (2, 1)
    units = {line.name: line.result for line in summary.units}
    assert set(units) == {"市工信局", "市发展改革委"}  # the other plan's target is left out
    gxj, fgw = units["市工信局"], units["市发展改革委"]
    assert (gxj.lead_total, gxj.total) == (2, 2)
    assert gxj.lead_confirmed_rate == gxj.confirmed_rate == D("0.5")
    assert (fgw.lead_total, fgw.total) == (2, 3)
    assert fgw.lead_confirmed_rate is None
    assert fgw.lead_indicative_rate == 1
    assert fgw.confirmed_rate == 0
    assert fgw.indicative_rate == D("0.5")


def test_summary_text_shows_labels_counts_and_rates(small_plan):
    text = summary_text("--plan", "zz-2020", "--as-of", AS_OF)
    lines = text.splitlines()
    assert lines[0] == "完成情况汇总（截至 2021-06-30）"
    header = next(line for line in lines if line.startswith("规划 "))
    for word in ("已完成", "未完成", "逾期", "确认完成率", "参考完成率", "终期报告率"):
        assert word in header
    plan_row = next(line for line in lines if line.startswith("zz-2020"))
    assert plan_row.split() == [
        "zz-2020", "4", "2", "1", "0", "0", "0", "1", "0", "0", "50.0%", "(1/2)", "66.7%", "(2/3)",
        "50.0%", "(2/4)",
    ]  # fmt: skip
    assert "  zz-2020: 郑州市2020年制造业高质量发展实施方案" in lines
    fgw = lines.index(next(line for line in lines if line.startswith("市发展改革委")))
    assert lines[fgw].split()[1:] == [
        "牵头", "2", "1", "0", "0", "0", "0", "1", "0", "0", "-", "100.0%", "(1/1)",
        "0.0%", "(0/2)",
    ]  # fmt: skip
    assert lines[fgw + 1].split() == [
        "全部", "3", "1", "1", "0", "0", "0", "1", "0", "0", "0.0%", "(0/1)", "50.0%", "(1/2)",
        "33.3%", "(1/3)",
    ]  # fmt: skip
    # The raw words are there too, for whoever greps or scripts.
    assert "已完成 = met" in text and "逾期 = overdue" in text


def cell_at(line: str, position: int) -> str:
    """The character covering display cell ``position`` (Chinese takes two)."""
    cells = 0
    for char in line:
        cells += display_width(char)
        if cells > position:
            return char
    return " "


def test_summary_columns_line_up_in_display_width(small_plan):
    lines = summary_text("--plan", "zz-2020", "--as-of", AS_OF).splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("责任单位 "))
    header, rule, *rows = lines[start : start + 6]  # two units x (lead, all)
    assert all(display_width(line) == len(rule) for line in (header, *rows))
    column_ends = [n for n, char in enumerate(rule) if char == "-" and rule[n + 1 : n + 2] != "-"]
    for line in rows:
        # Figures are right-aligned: each figure column's last cell is filled.
        assert all(cell_at(line, end) != " " for end in column_ends[2:])


def test_summary_follows_as_of(small_plan):
    # On 2020-12-01 the period was running and no figure had been published
    # yet (the documents are of 2021-03-01): every target had no data.
    summary = build_summary(as_of=date(2020, 12, 1), plan_id=small_plan.pk)
    assert summary.plans[0].result.counts["no_data"] == 4
    assert summary.plans[0].result.counts["overdue"] == 0
    # The day before the figures were published, the period was over.
    before = build_summary(as_of=date(2021, 2, 28), plan_id=small_plan.pk)
    assert before.plans[0].result.counts["overdue"] == 4
    published = build_summary(as_of=date(2021, 3, 1), plan_id=small_plan.pk)
    assert {k: v for k, v in published.plans[0].result.counts.items() if v} == {
        "met": 2,
        "missed": 1,
        "overdue": 1,
    }


def test_summary_today_agrees_with_the_stored_rollups(small_plan, make):
    """Today, the computed summary and the SQL rollups over the stored
    statuses (what the report pages show) give the same numbers, the
    reporting rate and the unassigned row included."""
    make.target(small_plan, code="A5")  # no unit: the unassigned row
    make.target(small_plan, code="A6", units=(make.unit("只配合"), make.unit("另一配合")))
    Assignment.objects.filter(target__code="A6").update(role="support")  # no lead
    summary = build_summary(as_of=today())
    stored_plans = {r.name: r for r in rollups.plan_rollups()}
    for line in summary.plans:
        stored = stored_plans[line.title]
        assert stored.counts == line.result.counts
        assert stored.confirmed_rate == line.result.confirmed_rate
        assert stored.indicative_rate == line.result.indicative_rate
        assert (stored.reported, stored.due) == (
            line.result.reporting.reported,
            line.result.reporting.due,
        )
    for lead_only in (True, False):
        stored_units = {r.key: r for r in rollups.unit_rollups(lead_only=lead_only)}
        for line in summary.units:
            result = line.result
            counts = result.lead_counts if lead_only else result.counts
            confirmed = result.lead_confirmed_rate if lead_only else result.confirmed_rate
            indicative = result.lead_indicative_rate if lead_only else result.indicative_rate
            reporting = result.lead_reporting if lead_only else result.reporting
            if not sum(counts.values()):
                assert line.key not in stored_units
                continue
            stored = stored_units[line.key]
            assert stored.counts == counts
            assert (stored.confirmed_rate, stored.indicative_rate) == (confirmed, indicative)
            assert (stored.reported, stored.due) == (reporting.reported, reporting.due)
    unassigned = next(line for line in summary.units if line.key is None)
    assert (unassigned.result.lead_total, unassigned.result.total) == (2, 1)  # A5, A6 | A5
    # Furthest behind (missed + overdue over all assignments) first.
    behind = [line.result.behind for line in summary.units]
    assert behind == sorted(behind, reverse=True)


def test_summary_of_an_empty_database():
    assert summary_text("--as-of", AS_OF).splitlines()[-1] == "没有目标。"


def test_summary_refuses_an_unknown_plan_and_a_bad_date(small_plan):
    with pytest.raises(CommandError, match="nope"):
        summary_text("--plan", "nope")
    with pytest.raises(CommandError, match="2021/06/30"):
        summary_text("--as-of", "2021/06/30")


def test_a_unit_that_leads_nothing_gets_one_row(small_plan, make):
    helper = make.unit("市财政局")
    target = small_plan.targets.get(code="A4")
    services.entity_save(
        instance=Assignment(target=target, unit=helper, role="support", position=1), actor=None
    )
    lines = summary_text("--plan", "zz-2020", "--as-of", AS_OF).splitlines()
    (row,) = [line for line in lines if "市财政局" in line]
    assert row.split()[:4] == ["市财政局", "全部", "1", "0"]  # and no lead row


def test_render_clips_long_names(small_plan, make):
    long_name = "各县(市、区)人民政府及各开发区管理委员会联合工作专班"
    the_plan = make.plan(slug="long")
    make.target(the_plan, units=(make.unit(long_name),))
    lines = render(build_summary(as_of=date(2021, 6, 30), plan_id=the_plan.pk))
    row = next(line for line in lines if line.startswith("各县"))
    assert ".." in row
    assert display_width(row.split("..")[0]) <= 26


def test_summary_in_batches_of_one_plan_is_the_same(small_plan, make, monkeypatch):
    """The summary is tallied plan batch by plan batch (issue 11): one plan
    per batch gives the same numbers as one batch for everything."""
    from tracker.analytics import batches

    third = make.plan(slug="mm-third")
    make.target(third, code="M1", units=(Assignment.objects.first().unit,))
    whole = build_summary(as_of=date(2021, 6, 30))
    monkeypatch.setattr(
        batches.plan_batches, "__kwdefaults__", {"targets_per_batch": 1, "plans_per_lookup": 1}
    )
    assert build_summary(as_of=date(2021, 6, 30)) == whole
    assert [line.name for line in whole.plans] == ["mm-third", "other", "zz-2020"]
