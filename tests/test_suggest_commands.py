"""``suggest_targets`` and ``suggest_outcomes`` (issue 13, deliverables 3
and 6) on the stored demo documents: the draft plan file parses, names every
machine-read field as suggested, gives back the demo plan's targets with
their units and passes ``import_plan --dry-run``; the outcome CSV is the
outcomes-CSV format and goes through ``import_outcomes`` as drafts."""

import csv
import io
import tomllib
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from tests import factories
from tracker.imports.outcomes_csv import COLUMNS
from tracker.models import Outcome

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
PLAN_FILES = sorted((FIXTURES / "plans").glob("*.toml"))


@pytest.fixture
def demo():
    call_command("import_plan", *map(str, PLAN_FILES), stdout=StringIO())


def test_suggest_targets_writes_a_plan_file_that_imports(demo, tmp_path):
    draft = tmp_path / "draft.toml"
    err = StringIO()
    call_command(
        "suggest_targets", document="zz-2020-manufacturing-plan", output=str(draft), stderr=err
    )
    text = draft.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    demo_file = tomllib.loads((FIXTURES / "plans" / "zz-2020-manufacturing.toml").read_text())
    want = {t["code"]: t for t in demo_file["targets"]}
    got = {t["code"]: t for t in data["targets"]}
    assert set(got) == set(want)
    for code, target in got.items():
        assert Decimal(target["value"]) == Decimal(want[code]["value"])
        assert target["unit"] == want[code]["unit"]
        assert target["units"] == want[code]["units"]
    assert data["plan"]["document"] == "zz-2020-manufacturing-plan"
    # Every machine-read field says so; the importer ignores the comments.
    for line in text.splitlines():
        if line.startswith(("indicator =", "comparator =", "value =", "unit =", "measure =")):
            assert "# suggested" in line
    assert "# 三.1 1.深入开展" in text  # a task without a figure, listed apart
    out = StringIO()
    call_command("import_plan", str(draft), dry_run=True, stdout=out)
    assert "30" in out.getvalue()


def test_suggest_targets_to_stdout_and_unknown_document(demo):
    out = StringIO()
    call_command("suggest_targets", document="pds-2019-reply-three-transformations", stdout=out)
    data = tomllib.loads(out.getvalue())
    assert [(t["code"], t["value"]) for t in data["targets"]] == [("五.2.1", "2"), ("五.4.1", "30")]
    with pytest.raises(CommandError):
        call_command("suggest_targets", document="no-such-document")


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_suggest_outcomes_csv_round_trips_through_import_outcomes(demo, tmp_path):
    out = StringIO()
    call_command(
        "suggest_outcomes",
        document="zz-2024-reply-industrial-restructuring",
        plan=["zz-2020-manufacturing"],
        stdout=out,
    )
    text = out.getvalue()
    assert text.startswith("\ufeff" + ",".join(COLUMNS))
    rows = _rows(text)
    assert rows and {row["plan"] for row in rows} == {"zz-2020-manufacturing"}
    document_text = (
        FIXTURES / "documents" / "zz-2024-reply-industrial-restructuring.txt"
    ).read_text()
    for row in rows:
        assert row["quote"] in document_text
    first = {}
    for row in rows:
        first.setdefault(row["target_code"], row)
    assert first["三.6.2"]["value"] == "52.4"
    assert (first["三.6.2"]["period_start"], first["三.6.2"]["period_end"]) == (
        "2023-01-01",
        "2023-12-31",
    )
    path = tmp_path / "proposals.csv"
    path.write_text(text, encoding="utf-8")
    supervisor = factories.user("sup-suggest", groups=("supervisor",))
    call_command("import_outcomes", str(path), user=supervisor.username, stdout=StringIO())
    for row in rows:
        stored = Outcome.objects.get(
            target__plan__slug=row["plan"],
            target__code=row["target_code"],
            document__slug=row["document"],
            quote=row["quote"],
            period_start=row["period_start"],
            period_end=row["period_end"],
        )
        assert stored.value == Decimal(row["value"])


def test_suggest_outcomes_table(demo):
    out = StringIO()
    call_command(
        "suggest_outcomes",
        document="zz-2023-news-industrial-growth",
        format="table",
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("zz-2020-manufacturing:二.1.1\texact 8.5 %\t2022-01-01..2022-10-31")


def test_suggest_outcomes_reads_the_named_jurisdictions_plans_by_default(demo, monkeypatch):
    """The demo's 郑州 news is read against 郑州's plans only: 平顶山's plan
    is not even given to the reader (as on the review page)."""
    from tracker.management.commands import suggest_outcomes

    given: list[set[str]] = []
    real = suggest_outcomes.propose_outcomes

    def recorded(text, targets, **kwargs):
        given.append({t.jurisdiction for t in targets})
        return real(text, targets, **kwargs)

    monkeypatch.setattr(suggest_outcomes, "propose_outcomes", recorded)
    out = StringIO()
    call_command("suggest_outcomes", document="zz-2023-news-industrial-growth", stdout=out)
    assert given == [{"郑州市"}]
    assert _rows(out.getvalue())
    call_command(
        "suggest_outcomes",
        document="zz-2023-news-industrial-growth",
        all_plans=True,
        stdout=StringIO(),
    )
    assert given[-1] == {"郑州市", "平顶山市"}


def test_suggest_outcomes_all_plans_and_refusals(make):
    """A text naming no jurisdiction reads nothing by default and says so;
    ``--all-plans`` reads every plan (here one with no jurisdiction, which
    any text may speak for); an unknown ``--plan`` is refused."""
    plan = make.plan(slug="nowhere-2020")
    make.target(plan, code="二.2.2")
    make.document(text="关于政协提案的答复：\n2020年技改投资增长29%。", slug="reply-nowhere")
    with pytest.raises(CommandError, match="没有提到任何有规划的行政区域.*--all-plans"):
        call_command("suggest_outcomes", document="reply-nowhere", stdout=StringIO())
    out = StringIO()
    call_command("suggest_outcomes", document="reply-nowhere", all_plans=True, stdout=out)
    [row] = _rows(out.getvalue())
    assert (row["plan"], row["target_code"], row["value"]) == ("nowhere-2020", "二.2.2", "29")
    with pytest.raises(CommandError, match="没有标识为 nope 的规划"):
        call_command("suggest_outcomes", document="reply-nowhere", plan=["nope"])
    with pytest.raises(CommandError):
        call_command(
            "suggest_outcomes",
            "--document",
            "reply-nowhere",
            "--plan",
            "nowhere-2020",
            "--all-plans",
        )
