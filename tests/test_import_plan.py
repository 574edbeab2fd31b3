"""``import_plan``: plan files validated as a whole, then written in one
transaction through the services; re-imports change nothing, edits update in
place, and a bad run lists every problem with its place and writes nothing."""

from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from tests import factories
from tracker import services
from tracker.models import (
    Assignment,
    AuditEvent,
    Document,
    Outcome,
    Plan,
    Target,
    Unit,
    UnitAlias,
)

pytestmark = pytest.mark.django_db

PLAN_TEXT = (
    "2020年,力争淘汰炭素产能85万吨以上,压减刚玉产能35万吨左右、建材(石灰)产能10万吨以上,"
    "全市高耗能产业比重降低到30%左右。 责任单位:市工信局、市发展改革委、市生态环境局,"
    "各开发区管委会和县(市、区)**"
)
REPLY_TEXT = (
    "2023年,全市六大主导产业增加值占规上工业的比重达84.5%,六大高耗能产业占规上工业比重"
    "下降到25.3%,较2016年(40.1%)下降14.8个百分点。刚玉产能由过去的108.6万吨下降至73.6万吨,"
    "刚玉产能下降35万吨。"
)

# A plan file as docs/plan-files.md describes it: units, two documents (one
# inline, one from a text file), two targets and two outcomes.
CAPACITY = """
[plan]
slug = "t-capacity"
title = "测试方案(节选)"
issuer = "郑州市人民政府办公厅"
jurisdiction = "郑州市"
issued_on = "2020-04-14"
period_start = "2020-01-01"
period_end = "2020-12-31"
document = "t-plan-text"

[[units]]
name = "市工信局"
aliases = ["郑州市工业和信息化局"]

[[units]]
name = "市发展改革委"
aliases = ["市发改委"]

[[units]]
name = "各县(市、区)政府"
collective = true

[[documents]]
slug = "t-plan-text"
title = "测试方案原文"
kind = "plan"
published_on = "2020-04-14"
text_file = "plan.txt"

[[documents]]
slug = "t-reply"
title = "测试答复"
kind = "reply"
text = "{reply}"

[[targets]]
code = "三.8.2"
statement = "压减刚玉产能35万吨左右"
source_quote = "2020年,力争淘汰炭素产能85万吨以上,压减刚玉产能35万吨左右"
indicator = "压减刚玉产能"
comparator = "about"
value = "35"
unit = "万吨"
period_start = "2020-01-01"
period_end = "2020-12-31"
direction = "higher"
commitment = "aspirational"
measure = "flow"
units = ["市工信局", "市发改委", "各县(市、区)政府"]

[[targets]]
code = "三.8.4"
statement = "全市高耗能产业比重降低到30%左右"
indicator = "高耗能产业占比"
aliases = ["六大高耗能产业占规上工业比重"]
comparator = "about"
value = "30"
unit = "%"
tolerance = "1.5"
period_start = "2020-01-01"
period_end = "2020-12-31"
direction = "lower"
commitment = "aspirational"
measure = "level"
units = ["市发展改革委"]

[[outcomes]]
target = "三.8.4"
value = "25.3"
qualifier = "exact"
unit = "%"
period_start = "2023-01-01"
period_end = "2023-12-31"
document = "t-reply"
quote = "六大高耗能产业占规上工业比重下降到25.3%"
reported_indicator = "六大高耗能产业占规上工业比重"

[[outcomes]]
target = "三.8.2"
value = "35"
qualifier = "exact"
unit = "万吨"
period_start = "2023-12-31"
period_end = "2023-12-31"
document = "t-reply"
quote = "刚玉产能下降35万吨"
note = "未注明年份"
""".replace("{reply}", REPLY_TEXT)


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "plan.txt").write_text(PLAN_TEXT, encoding="utf-8")
    return tmp_path


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def run(*files: Path, **options) -> str:
    if options.get("approved"):
        options.setdefault("user", factories.importer())
    out = StringIO()
    call_command("import_plan", *map(str, files), stdout=out, **options)
    return out.getvalue()


def failure(*files: Path, **options) -> str:
    with pytest.raises(CommandError) as error:
        run(*files, **options)
    return str(error.value)


def row_counts() -> dict[str, int]:
    models = (Plan, Document, Unit, UnitAlias, Target, Assignment, Outcome, AuditEvent)
    return {model.__name__: model.objects.count() for model in models}


# ------------------------------------------------------------------ loading


def test_imports_plan_units_targets_and_outcomes(folder):
    output = run(write(folder, "capacity.toml", CAPACITY))

    plan = Plan.objects.get(slug="t-capacity")
    assert plan.document.slug == "t-plan-text"
    assert plan.document.text == PLAN_TEXT
    assert Target.objects.filter(plan=plan).count() == 2
    target = Target.objects.get(plan=plan, code="三.8.2")
    assert target.value == Decimal("35")
    assert target.commitment == "aspirational"
    assert Target.objects.get(code="三.8.4").tolerance == Decimal("1.5")
    assert Target.objects.get(code="三.8.4").indicator_aliases == "六大高耗能产业占规上工业比重"
    assert Unit.objects.get(name="各县(市、区)政府").is_collective
    assert set(UnitAlias.objects.values_list("alias", flat=True)) == {
        "郑州市工业和信息化局",
        "市发改委",
    }
    assert "capacity.toml" in output
    assert "规划：新增 1，修改 0，未变 0" in output
    assert "目标：新增 2，修改 0，未变 0" in output


def test_first_unit_leads_the_others_support_in_order(folder):
    run(write(folder, "capacity.toml", CAPACITY))
    target = Target.objects.get(code="三.8.2")
    assert list(
        target.assignments.order_by("position").values_list("unit__name", "role", "position")
    ) == [
        ("市工信局", "lead", 0),
        ("市发展改革委", "support", 1),  # named by its alias in the file
        ("各县(市、区)政府", "support", 2),
    ]


def test_outcomes_are_drafts_of_a_system_import_by_default(folder):
    output = run(write(folder, "capacity.toml", CAPACITY))
    assert set(Outcome.objects.values_list("state", flat=True)) == {"draft"}
    outcome = Outcome.objects.get(target__code="三.8.4")
    assert (outcome.quote_start, outcome.quote_end) == (
        REPLY_TEXT.index(outcome.quote),
        REPLY_TEXT.index(outcome.quote) + len(outcome.quote),
    )
    assert outcome.entered_by is None
    assert set(AuditEvent.objects.values_list("via", flat=True)) == {"import"}
    assert set(AuditEvent.objects.values_list("actor", flat=True)) == {None}
    assert "草稿" in output


def test_approved_brings_outcomes_in_approved_and_the_audit_says_so(folder, make):
    planner = make.user("planner-1", groups=("planner",))
    run(write(folder, "capacity.toml", CAPACITY), approved=True, user="planner-1")
    assert set(Outcome.objects.values_list("state", flat=True)) == {"approved"}
    events = AuditEvent.objects.filter(entity="outcome", action="create")
    assert {event.comment for event in events} == {"导入时直接审核通过"}
    assert {event.actor_id for event in AuditEvent.objects.all()} == {planner.pk}
    assert Outcome.objects.first().entered_by == planner


def test_user_must_exist_and_may_add_plans(folder, make):
    path = write(folder, "capacity.toml", CAPACITY)
    assert "nobody" in failure(path, user="nobody")
    make.user("mgr", groups=("manager",))
    assert "tracker.add_plan" in failure(path, user="mgr")
    assert Plan.objects.count() == 0


def test_dry_run_reports_and_writes_nothing(folder):
    output = run(write(folder, "capacity.toml", CAPACITY), dry_run=True)
    assert "试运行" in output
    assert "实际完成情况：新增 2，修改 0，未变 0" in output
    assert all(count == 0 for count in row_counts().values())


# -------------------------------------------------------- re-import, edits


def test_reimporting_the_same_file_changes_nothing(folder):
    path = write(folder, "capacity.toml", CAPACITY)
    run(path, approved=True)
    before = row_counts()
    output = run(path, approved=True)
    assert row_counts() == before
    assert "合计：新增 0，修改 0，未变" in output


def test_reimport_with_fractional_figures_leaves_no_audit_event(folder):
    # 25.3 is stored as 25.300000: a re-import must compare values, not text.
    path = write(folder, "capacity.toml", CAPACITY)
    run(path)
    events = AuditEvent.objects.count()
    outcome = Outcome.objects.get(target__code="三.8.4")
    services.outcome_update(outcome=outcome, actor=None, value=Decimal("25.3"))
    run(path)
    assert AuditEvent.objects.count() == events


def test_an_edited_file_updates_in_place_and_the_audit_shows_it(folder):
    path = write(folder, "capacity.toml", CAPACITY)
    run(path, approved=True)
    target = Target.objects.get(code="三.8.4")
    outcome = Outcome.objects.get(target=target)
    edited = (
        CAPACITY.replace('tolerance = "1.5"', 'tolerance = "2"')
        .replace('value = "25.3"', 'value = "25.30"\nnote = "更正"')
        .replace('units = ["市发展改革委"]', 'units = ["市工信局", "市发展改革委"]')
    )
    output = run(write(folder, "capacity.toml", edited), approved=True)

    assert Target.objects.get(pk=target.pk).tolerance == Decimal("2")
    updated = Outcome.objects.get(pk=outcome.pk)
    assert updated.notes == "更正"
    assert updated.state == "approved"  # a planner's re-import keeps approval
    assert Outcome.objects.count() == 2
    event = AuditEvent.objects.filter(entity="target", entity_id=target.pk).latest("id")
    assert event.action == "update"
    assert event.changes == {"tolerance": ["1.5", "2"]}
    outcome_event = AuditEvent.objects.filter(entity="outcome", entity_id=outcome.pk).latest("id")
    assert outcome_event.action == "update"
    assert set(outcome_event.changes) == {"notes"}  # 25.30 == 25.3: not a change
    roles = dict(target.assignments.values_list("unit__name", "role"))
    assert roles == {"市工信局": "lead", "市发展改革委": "support"}
    assert "修改 目标 t-capacity:三.8.4：tolerance" in output


def test_a_changed_figure_without_approved_needs_a_new_review(folder):
    path = write(folder, "capacity.toml", CAPACITY)
    run(path, approved=True)
    run(write(folder, "capacity.toml", CAPACITY.replace('"25.3"', '"25.4"')))
    outcome = Outcome.objects.get(target__code="三.8.4")
    assert outcome.value == Decimal("25.4")
    assert outcome.state == "draft"


def test_rows_missing_from_the_file_are_reported_not_deleted(folder):
    path = write(folder, "capacity.toml", CAPACITY)
    run(path)
    first_target = CAPACITY.index("[[targets]]")
    second_target = CAPACITY.index("[[targets]]", first_target + 1)
    last_outcome = CAPACITY.rindex("[[outcomes]]")
    shorter = CAPACITY[:first_target] + CAPACITY[second_target:last_outcome]
    shorter = shorter.replace('units = ["市发展改革委"]', "units = []")
    output = run(write(folder, "capacity.toml", shorter))
    assert Target.objects.count() == 2
    assert Outcome.objects.count() == 2
    assert Assignment.objects.filter(target__code="三.8.4").count() == 1
    assert "不在文件中（未删除）：目标 t-capacity:三.8.2" in output
    assert "不在文件中（未删除）：责任分工 t-capacity:三.8.4 · 市发展改革委" in output
    kept = Outcome.objects.get(target__code="三.8.2")
    label = f"#{kept.pk} t-capacity:三.8.2 35万吨 2023-12-31..2023-12-31"
    assert f"不在文件中（未删除）：实际完成情况 {label}" in output


def test_changing_a_locked_target_is_refused(folder, make):
    path = write(folder, "capacity.toml", CAPACITY)
    run(path, approved=True)
    target = Target.objects.get(code="三.8.4")
    document = Document.objects.get(slug="t-reply")
    services.outcome_create(
        actor=None,
        approved=True,
        target=target,
        document=document,
        value=Decimal("28"),
        unit="%",
        period_start=date(2020, 1, 1),
        period_end=date(2020, 12, 31),
        quote="六大高耗能产业占规上工业比重",
    )
    services.target_lock(target=target, actor=make.user())
    message = failure(write(folder, "edited.toml", CAPACITY.replace('"1.5"', '"2"')))
    assert "已锁定" in message
    assert Target.objects.get(pk=target.pk).tolerance == Decimal("1.5")
    run(path)  # unchanged, so the lock is no obstacle


def test_a_new_text_that_moves_a_cited_quote_is_refused(folder):
    path = write(folder, "capacity.toml", CAPACITY)
    run(path)
    moved = CAPACITY.replace(f'text = "{REPLY_TEXT}"', f'text = "前言。{REPLY_TEXT}"')
    message = failure(write(folder, "capacity.toml", moved))
    assert "[[documents]] #2 「t-reply」 text" in message
    assert Document.objects.get(slug="t-reply").text == REPLY_TEXT


# ------------------------------------------------------------ across files

SHARED = """
[plan]
slug = "t-parent"
title = "三年行动计划"
issuer = "郑州市人民政府办公厅"
jurisdiction = "郑州市"
period_start = "2020-01-01"
period_end = "2022-12-31"

[[units]]
name = "市工信局"
aliases = ["郑州市工信局"]

[[documents]]
slug = "t-news"
title = "新闻"
kind = "news"
text = "2022年1~10月,规上工业增加值增长8.5%。"
"""

CHILD = """
[plan]
slug = "t-child"
title = "年度方案"
issuer = "郑州市人民政府办公厅"
jurisdiction = "郑州市"
period_start = "2020-01-01"
period_end = "2020-12-31"
parent = "t-parent"

[[targets]]
code = "1"
statement = "力争规模以上工业增加值增长7%左右"
indicator = "规模以上工业增加值增速"
comparator = "about"
value = "7"
unit = "%"
period_start = "2020-01-01"
period_end = "2020-12-31"
direction = "higher"
commitment = "aspirational"
measure = "rate"
units = ["郑州市工信局"]
"""

OUTCOME_ELSEWHERE = """
[[outcomes]]
target = "t-child:1"
value = "8.5"
qualifier = "exact"
unit = "%"
period_start = "2022-01-01"
period_end = "2022-10-31"
document = "t-news"
quote = "2022年1~10月,规上工业增加值增长8.5%"
"""


def test_units_documents_parents_and_targets_across_files(folder):
    child = write(folder, "child.toml", CHILD)
    shared = write(folder, "shared.toml", SHARED + OUTCOME_ELSEWHERE)
    output = run(child, shared)  # the child comes first and uses what shared defines
    plan = Plan.objects.get(slug="t-child")
    assert plan.parent.slug == "t-parent"
    assignment = Assignment.objects.get(target__plan=plan)
    assert (assignment.unit.name, assignment.role) == ("市工信局", "lead")
    outcome = Outcome.objects.get()
    assert (outcome.target.plan.slug, outcome.document.slug) == ("t-child", "t-news")
    assert "child.toml" in output and "shared.toml" in output


def test_references_may_point_at_rows_already_stored(folder):
    run(write(folder, "shared.toml", SHARED))
    run(write(folder, "child.toml", CHILD))  # parent plan and unit alias from the database
    assert Plan.objects.get(slug="t-child").parent.slug == "t-parent"
    assert Assignment.objects.get().unit.name == "市工信局"
    # A file whose only outcome is for a stored target, from a stored document.
    run(write(folder, "later.toml", LATER_PLAN + OUTCOME_ELSEWHERE))
    assert Outcome.objects.get().target.code == "1"


LATER_PLAN = """
[plan]
slug = "t-later"
title = "后续答复"
issuer = "某市"
jurisdiction = "郑州市"
period_start = "2023-01-01"
period_end = "2023-12-31"
"""


# ------------------------------------------------------------------ errors

BROKEN = """
[plan]
slug = "t-broken"
title = "有错的方案"
issuer = "某市"
jurisdiction = "某市"
period_start = "2020-12-31"
period_end = "2020-01-01"
parent = "no-such-plan"
colour = "red"

[[units]]
name = "市工信局"

[[targets]]
code = "A"
statement = "技改投资增长20%以上"
indicator = "技改投资增速"
comparator = "at_least"
value = 20.5
unit = "%"
period_start = 2020-01-01
period_end = "2020-12-31"
direction = "up"
commitment = "firm"
measure = "rate"
units = ["市财政局"]

[[targets]]
code = "B"
statement = "工业投资达到700亿元"
indicator = "工业投资"
comparator = "range"
value = "700"
unit = "亿块"
period_start = "2020-01-01"
period_end = "2020-12-31"
direction = "higher"
commitment = "firm"
measure = "flow"

[[targets]]
code = "B"
statement = "重复编号"
indicator = "x"
comparator = "at_least"
value = "1"
unit = "个"
period_start = "2020-01-01"
period_end = "2020-12-31"
direction = "higher"
commitment = "firm"
measure = "flow"

[[outcomes]]
target = "A"
value = "29"
qualifier = "exact"
unit = "个点"
period_start = "2023-01-01"
period_end = "2023-12-31"
document = "t-other-doc"
quote = "技改投资同比增长29%"

[[outcomes]]
target = "Z"
value = "1,500"
qualifier = "exact"
unit = "亿元"
period_start = "2023-01-01"
period_end = "2023-12-31"
document = "t-other-doc"
quote = "这句话不在原文中"
proxy = true
"""

OTHER = """
[plan]
slug = "t-other"
title = "另一个方案"
issuer = "某市"
jurisdiction = "某市"
period_start = "2020-01-01"
period_end = "2020-12-31"
document = "t-other-doc"

[[units]]
name = "市财政局"
aliases = ["市工信局"]

[[documents]]
slug = "t-other-doc"
title = "原文"
kind = "memo"
text = "2023年,技改投资同比增长29%。"

[[targets]]
code = "1"
statement = "不在原文中的表述"
indicator = "x"
comparator = "at_least"
value = "1"
unit = "个"
period_start = "2020-01-01"
period_end = "2020-12-31"
direction = "higher"
commitment = "firm"
measure = "flow"
"""


def test_every_problem_is_listed_with_its_place_and_nothing_is_written(folder, make):
    make.plan(slug="already-there")  # a stored row: it must stay the only one
    before = row_counts()
    message = failure(
        write(folder, "broken.toml", BROKEN),
        write(folder, "other.toml", OTHER),
        write(folder, "bad-syntax.toml", "[plan\nslug = 1"),
    )
    expected = [
        # file-level
        "bad-syntax.toml: 不是有效的 TOML",
        # plan: unknown key, period order (Plan.clean), parent not found
        "broken.toml [plan] 「t-broken」 colour: 未知的键",
        "broken.toml [plan] 「t-broken」 period_end: 截止日期（2020-01-01）早于起始日期",
        "broken.toml [plan] 「t-broken」 parent: 上位规划“no-such-plan”",
        # figures and dates as strings; words in their sets; unknown units
        "broken.toml [[targets]] #1 「A」 value: 数值须写成字符串",
        "broken.toml [[targets]] #1 「A」 period_start: 日期须写成带引号的字符串",
        "broken.toml [[targets]] #1 「A」 direction: ",
        "broken.toml [[targets]] #1 「A」 units: 责任单位“市财政局”",
        "broken.toml [[targets]] #2 「B」 value_high: 区间须填写上限",
        "broken.toml [[targets]] #2 「B」 unit: 无法识别的计量单位“亿块”",
        "broken.toml [[targets]] #3 「B」 code: 编号在本规划中重复",
        # outcomes: unit conversion, target, plain numbers, quote, proxy
        "broken.toml [[outcomes]] #1 「A」 unit: 无法识别的计量单位“个点”",
        "broken.toml [[outcomes]] #2 「Z」 target: 目标“Z”不在规划“t-broken”中",
        "broken.toml [[outcomes]] #2 「Z」 value: “1,500”不是纯数字",
        "broken.toml [[outcomes]] #2 「Z」 quote: 引述在出处文件全文中找不到",
        "broken.toml [[outcomes]] #2 「Z」 reported_indicator: 替代指标",
        # the other file: a unit label that names two units, a bad word,
        # a statement not found in the plan's own text
        "other.toml [[units]] #1 「市财政局」 aliases: “市工信局”已是单位“市工信局”的名称或别名",
        "other.toml [[documents]] #1 「t-other-doc」 kind: ",
        "other.toml [[targets]] #1 「1」 statement: 引述在出处文件全文中找不到",
    ]
    for line in expected:
        assert any(line in got for got in message.splitlines()), line
    assert message.splitlines()[0].startswith("导入未执行，没有写入任何数据。")
    assert "（可选：higher, lower）" in message  # a wrong word names the choices
    assert row_counts() == before


def test_a_float_figure_names_the_fix(folder):
    message = failure(write(folder, "f.toml", CAPACITY.replace('value = "35"', "value = 35.5")))
    assert 'value = "35.5"' in message
    assert "浮点数" in message


# ------------------------------------------------------------------ measure


def test_the_measure_is_stored_as_written(folder):
    run(write(folder, "capacity.toml", CAPACITY))
    assert Target.objects.get(code="三.8.2").measure == "flow"
    assert Target.objects.get(code="三.8.4").measure == "level"


def test_an_omitted_measure_is_read_from_the_statement_and_the_import_says_so(folder):
    # 压减刚玉产能35万吨左右: a cut over the period; 比重降低到30%: a share.
    text = CAPACITY.replace('measure = "flow"\n', "").replace('measure = "level"\n', "")
    assert "measure" not in text
    output = run(write(folder, "capacity.toml", text))
    assert Target.objects.get(code="三.8.2").measure == "flow"
    assert Target.objects.get(code="三.8.4").measure == "level"
    assert "「三.8.2」 measure: 未写 measure：按表述中的“压减”读作 flow" in output
    assert "「三.8.4」 measure: 未写 measure：按表述中的“比重”读作 level" in output


def test_a_measure_the_statement_does_not_decide_must_be_written(folder):
    undecided = CAPACITY.replace('measure = "flow"\n', "").replace(
        'statement = "压减刚玉产能35万吨左右"', 'statement = "刚玉产能35万吨左右"'
    )
    undecided = undecided.replace("压减刚玉产能35万吨左右", "刚玉产能35万吨左右")
    (folder / "plan.txt").write_text(PLAN_TEXT.replace("压减刚玉", "刚玉"), encoding="utf-8")
    message = failure(write(folder, "capacity.toml", undecided))
    assert "「三.8.2」 measure: 须写明 measure（level、flow 或 rate）：表述不能唯一判定" in message
    assert "没有可判定的字词" in message
    assert Target.objects.count() == 0


def test_the_old_accumulates_key_is_refused_with_what_replaces_it(folder):
    old = CAPACITY.replace('measure = "flow"', "accumulates = true")
    message = failure(write(folder, "capacity.toml", old))
    assert "accumulates 已由 measure 取代" in message
    assert Target.objects.count() == 0


def test_an_unknown_measure_is_refused(folder):
    message = failure(write(folder, "c.toml", CAPACITY.replace('"flow"', '"stock"')))
    assert "measure" in message and "stock" in message


def test_the_example_in_the_format_doc_imports(tmp_path):
    doc = (Path(settings.BASE_DIR) / "docs" / "plan-files.md").read_text(encoding="utf-8")
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    output = run(write(tmp_path, "example.toml", example), approved=True)
    assert "目标：新增 2，修改 0，未变 0" in output
    assert Outcome.objects.filter(state="approved").count() == 3


def test_a_plan_cannot_be_its_own_ancestor(folder):
    a = write(folder, "a.toml", SHARED.replace('slug = "t-parent"', 'slug = "t-a"\nparent = "t-b"'))
    b = write(folder, "b.toml", CHILD.replace('"t-child"', '"t-b"').replace('"t-parent"', '"t-a"'))
    message = failure(a, b)
    assert "上位规划形成循环" in message
    assert "a.toml" in message and "b.toml" in message


def test_a_document_defined_twice_is_refused(folder):
    again = '[[documents]]\nslug = "t-news"\ntitle = "again"\nkind = "news"\ntext = "x"\n'
    message = failure(
        write(folder, "one.toml", SHARED), write(folder, "two.toml", LATER_PLAN + again)
    )
    assert "two.toml [[documents]] #1 「t-news」 slug: 文件标识重复" in message


def test_a_stored_unit_listed_by_name_and_alias_is_refused(folder):
    run(write(folder, "shared.toml", SHARED))  # stores 市工信局, alias 郑州市工信局
    twice = CHILD.replace('units = ["郑州市工信局"]', 'units = ["郑州市工信局", "市工信局"]')
    message = failure(write(folder, "child.toml", twice))
    assert "[[targets]] #1 「1」 units: 同一单位列了两次（名称与别名？）：市工信局" in message
