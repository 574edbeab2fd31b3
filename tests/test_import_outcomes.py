"""``import_outcomes``: a supervisor's CSV, in UTF-8 (with or without BOM) or
GBK, comes in as drafts entered by that supervisor; a bad file lists every
problem by row and column and writes nothing."""

import csv
import io
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests import factories
from tracker import services
from tracker.imports.outcomes_csv import COLUMNS
from tracker.models import AuditEvent, Outcome

pytestmark = pytest.mark.django_db

TEXT = "2020年,全市工业企业技改投资同比增长29%。2021年1~6月,技改投资增长31.5%左右。"
ROW = {
    "plan": "p-csv",
    "target_code": "T1",
    "value": "29",
    "qualifier": "exact",
    "unit": "%",
    "period_start": "2020-01-01",
    "period_end": "2020-12-31",
    "document": "d-csv",
    "quote": "工业企业技改投资同比增长29%",
    "proxy": "",
    "reported_indicator": "技改投资增速",
    "note": "",
}


@pytest.fixture
def stored(make):
    plan = make.plan(slug="p-csv")
    target = make.target(plan, code="T1", unit="%", value=Decimal("20"))
    make.document(text=TEXT, slug="d-csv")
    return target


@pytest.fixture
def supervisor(make):
    return make.user("sup-csv", groups=("supervisor",))


def csv_file(tmp_path, rows, *, encoding="utf-8", bom=False, columns=COLUMNS, name="o.csv"):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    data = buffer.getvalue().encode(encoding)
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + data if bom else data)
    return path


def run(path, **options) -> str:
    if options.get("user", "") == "":
        options["user"] = factories.importer("supervisor")
    out = StringIO()
    call_command("import_outcomes", str(path), stdout=out, **options)
    return out.getvalue()


def failure(path, **options) -> list[str]:
    with pytest.raises(CommandError) as error:
        run(path, **options)
    return str(error.value).splitlines()


def test_rows_come_in_as_drafts_entered_by_the_supervisor(tmp_path, stored, supervisor):
    output = run(csv_file(tmp_path, [ROW], bom=True), user="sup-csv")
    outcome = Outcome.objects.get()
    assert outcome.target == stored
    assert outcome.state == "draft"
    assert outcome.entered_by == supervisor
    assert outcome.value == Decimal("29")
    assert outcome.reported_indicator == "技改投资增速"
    assert TEXT[outcome.quote_start : outcome.quote_end] == ROW["quote"]
    event = AuditEvent.objects.get(entity="outcome")
    assert (event.actor_id, event.via, event.comment) == (supervisor.pk, "import_outcomes", "")
    assert "UTF-8 (BOM)" in output
    assert "实际完成情况：新增 1，修改 0，未变 0" in output
    # The supervisor submits it for review later, through the usual service.
    assert services.outcome_submit(outcome=outcome, actor=supervisor).state == "submitted"


@pytest.mark.parametrize(
    ("encoding", "bom", "named"),
    [("utf-8", False, "UTF-8"), ("utf-8", True, "UTF-8 (BOM)"), ("gbk", False, "GB18030/GBK")],
)
def test_utf8_with_or_without_bom_and_gbk(tmp_path, stored, encoding, bom, named):
    output = run(csv_file(tmp_path, [ROW], encoding=encoding, bom=bom))
    assert f"（编码 {named}）" in output
    assert Outcome.objects.get().quote == ROW["quote"]


def test_every_problem_by_row_and_column_and_nothing_written(tmp_path, stored):
    rows = [
        ROW,  # row 2: fine
        {**ROW, "value": "29%"},  # row 3
        {**ROW, "period_start": "2020/1/1"},  # row 4
        {**ROW, "target_code": "NOPE"},  # row 5
        {**ROW, "document": "no-such-doc"},  # row 6
        {**ROW, "unit": "个点"},  # row 7
        {**ROW, "quote": "技改投资同比增长30%"},  # row 8
        {**ROW, "qualifier": "range"},  # row 9
        {**ROW, "plan": "no-plan"},  # row 10
        {**ROW, "proxy": "maybe", "period_end": "2019-12-31"},  # row 11
        {**ROW, "quote": "技改投资增长31.5%左右", "qualifier": "about", "value": "31.5"},  # 12
        {**ROW, "quote": "技改投资增长31.5%左右", "qualifier": "about", "value": "31.5"},  # 13
    ]
    lines = failure(csv_file(tmp_path, rows))
    expected = [
        "o.csv 第3行 「p-csv:T1」 value: “29%”不是纯数字",
        "o.csv 第4行 「p-csv:T1」 period_start: “2020/1/1”不是 YYYY-MM-DD 格式的日期",
        "o.csv 第5行 「p-csv:NOPE」 target_code: 规划“p-csv”中没有编号为“NOPE”的目标",
        "o.csv 第6行 「p-csv:T1」 document: 文件“no-such-doc”",
        "o.csv 第7行 「p-csv:T1」 unit: 无法识别的计量单位“个点”",
        "o.csv 第8行 「p-csv:T1」 quote: 引述在出处文件全文中找不到",
        "o.csv 第9行 「p-csv:T1」 value_high: 区间须填写上限",
        "o.csv 第10行 「no-plan:T1」 plan: 规划“no-plan”不存在",
        "o.csv 第11行 「p-csv:T1」 proxy: “maybe”须为 true 或 false",
        "o.csv 第11行 「p-csv:T1」 period_end: 截止日期（2019-12-31）早于起始日期",
        "o.csv 第13行 「p-csv:T1」 quote: 与 ",
    ]
    for line in expected:
        assert any(line in got for got in lines), line
    places = [line.split(": ", 1)[0] for line in lines[1:]]
    assert not any(" 第2行 " in place or " 第12行 " in place for place in places)
    assert Outcome.objects.count() == 0
    assert not AuditEvent.objects.filter(entity="outcome").exists()


def test_missing_and_unknown_columns_are_named(tmp_path, stored):
    columns = [c for c in COLUMNS if c != "quote"] + ["remarks"]
    lines = failure(csv_file(tmp_path, [ROW], columns=columns))
    assert any("第1行（表头） quote: 缺少这一列" in line for line in lines)
    assert any("第1行（表头） remarks: 未知的列" in line for line in lines)


def test_a_row_with_too_many_cells_is_refused(tmp_path, stored):
    path = tmp_path / "o.csv"
    path.write_text(",".join(COLUMNS) + "\n" + ",".join(["x"] * (len(COLUMNS) + 1)) + "\n")
    assert any("第2行: 有 14 个单元格，表头有 13 列" in line for line in failure(path))


def test_blank_lines_are_skipped_and_an_empty_file_is_refused(tmp_path, stored):
    assert any("没有数据行" in line for line in failure(csv_file(tmp_path, [{}, {}])))
    run(csv_file(tmp_path, [{}, ROW, {}]))
    assert Outcome.objects.count() == 1


def test_reimport_changes_nothing_and_an_edit_updates_in_place(tmp_path, stored, make):
    path = csv_file(tmp_path, [ROW])
    run(path)
    outcome = Outcome.objects.get()
    services.outcome_submit(outcome=outcome, actor=None)
    services.outcome_approve(outcome=outcome, actor=make.user())
    events = AuditEvent.objects.count()
    assert "未变 1" in run(path)
    assert AuditEvent.objects.count() == events
    assert Outcome.objects.get().state == "approved"

    output = run(csv_file(tmp_path, [{**ROW, "note": "据年报更正"}], name="edited.csv"))
    updated = Outcome.objects.get()
    assert updated.pk == outcome.pk
    assert updated.notes == "据年报更正"
    assert updated.state == "draft"  # a supervisor's edit needs a fresh review
    assert "修改 1" in output


def test_the_user_must_exist_and_may_add_outcomes(tmp_path, stored, make):
    path = csv_file(tmp_path, [ROW])
    with pytest.raises(CommandError, match="nobody"):
        run(path, user="nobody")
    make.user("reader", groups=("manager",))
    with pytest.raises(CommandError, match="tracker.add_outcome"):
        run(path, user="reader")
    assert Outcome.objects.count() == 0


def test_dry_run_writes_nothing(tmp_path, stored):
    output = run(csv_file(tmp_path, [ROW]), dry_run=True)
    assert "试运行" in output and "新增 1" in output
    assert Outcome.objects.count() == 0


def test_a_locked_target_takes_no_new_outcome(tmp_path, stored, make):
    final = make.outcome(stored, period_start=date(2020, 1, 1), period_end=date(2020, 12, 31))
    services.target_lock(target=stored, actor=make.user())
    lines = failure(csv_file(tmp_path, [ROW]))
    assert any("已锁定" in line for line in lines)
    assert list(Outcome.objects.values_list("pk", flat=True)) == [final.pk]


DECLINE_TEXT = "2020年,全市固定资产投资下降4%,工业投资增长4%。"


@pytest.mark.parametrize(
    ("value", "quote", "warned"),
    [
        ("-4", "全市固定资产投资下降4%", False),  # a decline entered as a negative change
        ("4", "全市固定资产投资下降4%", False),  # the decline itself (a 下降X%以上 target)
        ("-4", "工业投资增长4%", True),  # the sign contradicts the quote
        ("5", "全市固定资产投资下降4%", True),
    ],
)
def test_the_value_check_reads_the_sign_of_a_change(tmp_path, make, value, quote, warned):
    plan = make.plan(slug="p-sign")
    make.target(plan, code="T1", unit="%", value=Decimal("20"))
    make.document(text=DECLINE_TEXT, slug="d-sign")
    row = {**ROW, "plan": "p-sign", "document": "d-sign", "value": value, "quote": quote}
    output = run(csv_file(tmp_path, [row]))
    assert ("没有写在引述中" in output) is warned
    assert Outcome.objects.get().value == Decimal(value)
