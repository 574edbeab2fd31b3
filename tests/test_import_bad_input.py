"""Imports turn every bad byte into a listed problem and leave the database
exactly as it was (issue 10, deliverables 6 and 7): NUL and other control
characters anywhere, plan files that are not UTF-8, over-long fields, and
approved imports without a person.

"Exactly as it was" is checked by content: every row of every tracker table
and of ``auth_user`` is read before and after and compared.
"""

from __future__ import annotations

from io import StringIO

import pytest
import sqlalchemy as sa
from django.core.management import call_command
from django.core.management.base import CommandError

from tests import factories
from tracker.db import run_select
from tracker.models import AuditEvent, Outcome
from tracker.schema import metadata

pytestmark = pytest.mark.django_db

TEXT = "2020年,全市技改投资增长29%。"
GOOD = """
[plan]
slug = "p-bad"
title = "制造业实施方案"
issuer = "市政府"
jurisdiction = "郑州市"
period_start = "2020-01-01"
period_end = "2020-12-31"

[[units]]
name = "市工信局"
aliases = ["市工业和信息化局"]

[[documents]]
slug = "d-bad"
title = "答复"
kind = "reply"
url = "https://example.org/reply"
text = "{text}"

[[targets]]
code = "T1"
statement = "技改投资增长20%以上"
indicator = "技改投资增速"
comparator = "at_least"
value = "20"
unit = "%"
period_start = "2020-01-01"
period_end = "2020-12-31"
direction = "higher"
commitment = "firm"
measure = "rate"
units = ["市工信局"]

[[outcomes]]
target = "T1"
value = "29"
qualifier = "exact"
unit = "%"
period_start = "2020-01-01"
period_end = "2020-12-31"
document = "d-bad"
quote = "技改投资增长29%"
reported_indicator = "技改投资增速"
""".replace("{text}", TEXT)


def database() -> dict[str, list[dict]]:
    """Every row of the tracker's tables and of the users, in key order."""
    contents = {}
    for table in metadata.sorted_tables:
        key = list(table.primary_key.columns)
        contents[table.name] = run_select(sa.select(table).order_by(*key))
    users = sa.table("auth_user", sa.column("id"), sa.column("username"))
    contents["auth_user"] = run_select(sa.select(users).order_by(users.c.id))
    return contents


@pytest.fixture
def stored(tmp_path):
    """The good file, imported: the state every bad import must leave alone."""
    path = tmp_path / "good.toml"
    path.write_text(GOOD, encoding="utf-8")
    call_command(
        "import_plan", str(path), approved=True, user=factories.importer(), stdout=StringIO()
    )
    return database()


def refused(path, *options, **kwargs) -> str:
    with pytest.raises(CommandError) as error:
        call_command("import_plan", str(path), *options, stdout=StringIO(), **kwargs)
    return str(error.value)


BAD_STRINGS = [
    ('title = "制造业实施方案"', 'title = "制造业\\u0000实施方案"', "[plan]", "title"),
    (
        'statement = "技改投资增长20%以上"',
        'statement = "技改\\u0000投资"',
        "[[targets]] #1",
        "statement",
    ),
    (
        'aliases = ["市工业和信息化局"]',
        'aliases = ["市工业\\u0000信息化局"]',
        "[[units]] #1",
        "aliases",
    ),
    ('quote = "技改投资增长29%"', 'quote = "技改投资\\u0000增长29%"', "[[outcomes]] #1", "quote"),
    (
        'indicator = "技改投资增速"',
        'indicator = "技改\\u0007投资增速"',
        "[[targets]] #1",
        "indicator",
    ),
    (f'text = "{TEXT}"', 'text = "2020年\\u0000,全市"', "[[documents]] #1", "text"),
]


@pytest.mark.parametrize(("good", "bad", "section", "key"), BAD_STRINGS)
def test_control_characters_are_problems_with_their_place(
    tmp_path, stored, good, bad, section, key
):
    path = tmp_path / "bad.toml"
    path.write_text(GOOD.replace(good, bad), encoding="utf-8")
    message = refused(path)
    assert f"bad.toml {section}" in message and f" {key}: 含有控制字符" in message, message
    assert database() == stored


def test_a_nul_in_a_document_text_file_is_a_problem(tmp_path, stored):
    (tmp_path / "reply.txt").write_bytes("2020年,全市\x00技改投资增长29%。".encode())
    path = tmp_path / "bad.toml"
    path.write_text(GOOD.replace(f'text = "{TEXT}"', 'text_file = "reply.txt"'), encoding="utf-8")
    message = refused(path)
    assert "text_file" in message and "U+0000" in message
    assert database() == stored


@pytest.mark.parametrize("encoding", ["gbk", "utf-16"])
def test_a_plan_file_that_is_not_utf8_is_a_problem(tmp_path, stored, encoding):
    """Saved by a Chinese Windows editor (GBK) or as Notepad's "Unicode"."""
    path = tmp_path / "legacy.toml"
    path.write_bytes(GOOD.encode(encoding))
    message = refused(path)
    assert "legacy.toml: 不是 UTF-8 编码" in message
    assert database() == stored


OVER_LONG = [
    ('slug = "p-bad"', f'slug = "{"p" * 101}"', "slug"),
    ('title = "制造业实施方案"', f'title = "{"方" * 301}"', "title"),
    # The stored unit is found by its alias; the long name would be a new alias.
    ('name = "市工信局"', f'name = "{"局" * 201}"', "aliases: 确保该变量包含不超过 200 字符"),
    ('url = "https://example.org/reply"', f'url = "https://example.org/{"r" * 500}"', "url"),
    ('code = "T1"', f'code = "{"T" * 51}"', "code"),
    ('indicator = "技改投资增速"', f'indicator = "{"指" * 201}"', "indicator"),
    ('reported_indicator = "技改投资增速"', f'reported_indicator = "{"报" * 201}"', "reported"),
    ('value = "29"', 'value = "1234567890123456789"', "value"),
    ('value = "29"', 'value = "29.1234567"', "value"),
]


@pytest.mark.parametrize(("good", "bad", "key"), OVER_LONG)
def test_over_long_fields_are_problems(tmp_path, stored, good, bad, key):
    path = tmp_path / "long.toml"
    path.write_text(GOOD.replace(good, bad, 1), encoding="utf-8")
    message = refused(path)
    assert "long.toml" in message and key in message, message
    assert database() == stored


def test_a_nul_or_an_over_long_cell_in_a_csv_is_a_problem(tmp_path, stored):
    supervisor = factories.importer("supervisor")
    before = database()
    header = (
        "plan,target_code,value,value_high,qualifier,unit,period_start,period_end,"
        "document,quote,proxy,reported_indicator,note\n"
    )
    row = "p-bad,T1,31,,exact,%,2020-01-01,2020-06-30,d-bad,技改投资增长29%,,{indicator},{note}\n"
    path = tmp_path / "o.csv"
    path.write_text(
        header
        + row.format(indicator="技改投资增速", note="备\x00注")
        + row.format(indicator="报" * 201, note="").replace("06-30", "03-31"),
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        call_command("import_outcomes", str(path), user=supervisor, stdout=StringIO())
    lines = str(error.value).splitlines()
    assert any("第2行" in line and "note: 含有控制字符 U+0000" in line for line in lines)
    assert any("第3行" in line and "reported_indicator" in line for line in lines)
    assert database() == before


# -- every write has a person -----------------------------------------------------------


def test_approved_figures_need_a_person_and_the_trail_names_them(tmp_path):
    path = tmp_path / "good.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert "--user" in refused(path, approved=True)
    assert not AuditEvent.objects.exists()
    # A dry run writes nothing, so it needs nobody.
    call_command("import_plan", str(path), approved=True, dry_run=True, stdout=StringIO())
    planner = factories.importer()
    call_command("import_plan", str(path), approved=True, user=planner, stdout=StringIO())
    outcome = Outcome.objects.get()
    assert outcome.entered_by.username == outcome.reviewed_by.username == planner
    trail = AuditEvent.objects.all()
    assert {event.actor.username for event in trail} == {planner}
    assert {event.via for event in trail} == {"import"}


def test_an_outcome_csv_needs_a_person(tmp_path, stored):
    path = tmp_path / "o.csv"
    path.write_text("plan,target_code\n", encoding="utf-8")
    with pytest.raises(CommandError, match="--user"):
        call_command("import_outcomes", str(path), stdout=StringIO())
    assert database() == stored
