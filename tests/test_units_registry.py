"""Units as data (docs/attainment.md section 1), through the real parts: the
migrated table, the admin as a planner uses it, plan-file and CSV imports, the statuses.

The grain target of issue 9 is the end-to-end case: ``粮食产量1.3万亿斤以上``
imports, and a reported 13908亿斤 is met.
"""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from tracker.analytics.units import load_registry
from tracker.domain import SEED_REGISTRY, SEED_UNITS
from tracker.models import Assessment, AuditEvent, Outcome, Target, UnitOfMeasure
from tracker.services.units import ensure_builtin_units

pytestmark = pytest.mark.django_db

GRAIN_PLAN = """
[plan]
slug = "t-grain"
title = "粮食安全测试方案"
issuer = "测试省人民政府"
jurisdiction = "测试省"
period_start = "2025-01-01"
period_end = "2025-12-31"
document = "t-grain-plan"

[[documents]]
slug = "t-grain-plan"
title = "粮食安全测试方案原文"
kind = "plan"
text = "到2025年,粮食产量1.3万亿斤以上,集装箱吞吐量达到3.5万标准箱。"

[[documents]]
slug = "t-grain-bulletin"
title = "2025年统计公报"
kind = "bulletin"
published_on = "2026-02-28"
text = "全年粮食总产量13908亿斤,比上年增长1.2%。"

[[targets]]
code = "1"
statement = "粮食产量1.3万亿斤以上"
indicator = "粮食产量"
comparator = "at_least"
value = "1.3"
unit = "万亿斤"
period_start = "2025-01-01"
period_end = "2025-12-31"
direction = "higher"
commitment = "firm"
measure = "flow"

[[outcomes]]
target = "1"
value = "13908"
qualifier = "exact"
unit = "亿斤"
period_start = "2025-01-01"
period_end = "2025-12-31"
document = "t-grain-bulletin"
quote = "全年粮食总产量13908亿斤"
"""

BOXES_TARGET = """
[[targets]]
code = "2"
statement = "集装箱吞吐量达到3.5万标准箱"
indicator = "集装箱吞吐量"
comparator = "at_least"
value = "3.5"
unit = "万标准箱"
period_start = "2025-01-01"
period_end = "2025-12-31"
direction = "higher"
commitment = "firm"
measure = "flow"
"""


def import_plan(folder: Path, text: str, **options) -> str:
    path = folder / "plan.toml"
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("import_plan", str(path), stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def planner(client, make):
    user = make.user("planner-u", groups=("planner",), is_staff=True)
    client.force_login(user)
    return user


# -- the table ----------------------------------------------------------------------


def test_migrate_leaves_exactly_the_seed_as_builtin_units():
    assert load_registry() == SEED_REGISTRY
    assert UnitOfMeasure.objects.filter(builtin=False).count() == 0
    assert UnitOfMeasure.objects.count() == len(SEED_UNITS)


def test_builtin_units_follow_the_seed_and_nothing_else():
    assert ensure_builtin_units() == 0  # migrate did it: idempotent
    UnitOfMeasure.objects.filter(name="斤").update(factor=Decimal("0.5"))  # hand-edited
    UnitOfMeasure.objects.filter(name="公顷").delete()
    mine = UnitOfMeasure.objects.create(name="标准箱", dimension="container", factor=1)
    assert ensure_builtin_units() == 2
    assert UnitOfMeasure.objects.get(name="斤").factor == Decimal("0.0005")
    assert UnitOfMeasure.objects.get(name="公顷").builtin
    mine.refresh_from_db()
    assert not mine.builtin  # a planner's unit is left alone
    assert load_registry().lookup("万标准箱").dimension == "container"


def test_the_table_refuses_a_name_that_starts_with_a_magnitude():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        UnitOfMeasure.objects.create(name="万标准箱", dimension="container", factor=1)


# -- the grain target, end to end -------------------------------------------------


def test_the_grain_target_imports_and_13908_yi_jin_is_met(tmp_path, make):
    planner = make.user("grain-importer", groups=("planner",))
    output = import_plan(tmp_path, GRAIN_PLAN, approved=True, user=planner.username)
    assert "新增" in output
    target = Target.objects.get(plan__slug="t-grain", code="1")
    assert (target.value, target.unit) == (Decimal("1.3"), "万亿斤")
    outcome = Outcome.objects.get(target=target)
    assert (outcome.value, outcome.unit, outcome.state) == (Decimal("13908"), "亿斤", "approved")
    assessment = Assessment.objects.get(target=target)
    assert (assessment.status, assessment.grade) == ("met", "final")


# -- a unit a planner adds works at once ------------------------------------------


def _add_unit(client, **fields):
    data = {"name": "标准箱", "dimension": "container", "factor": "1", "notes": ""}
    data.update(fields)
    return client.post(reverse("admin:tracker_unitofmeasure_add"), data)


def test_a_unit_added_in_the_admin_works_in_imports_and_forms(client, planner, make, tmp_path):
    # Unknown at first: the import refuses the target.
    with pytest.raises(Exception, match="无法识别的计量单位“万标准箱”"):
        import_plan(tmp_path, GRAIN_PLAN + BOXES_TARGET)

    response = _add_unit(client)
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = UnitOfMeasure.objects.get(name="标准箱")
    assert not unit.builtin
    assert AuditEvent.objects.filter(entity="unitofmeasure", entity_id=unit.pk, via="admin")

    # The same file now imports ...
    import_plan(tmp_path, GRAIN_PLAN + BOXES_TARGET, approved=True, user=planner.username)
    boxes = Target.objects.get(plan__slug="t-grain", code="2")
    assert boxes.unit == "万标准箱"

    # ... and a supervisor saves an outcome in it through the admin form.
    supervisor = make.user("sup-u", groups=("supervisor",), is_staff=True)
    client.force_login(supervisor)
    document = make.document(text="全年集装箱吞吐量36000标准箱。")
    response = client.post(
        reverse("admin:tracker_outcome_add"),
        {
            "target": boxes.pk,
            "document": document.pk,
            "quote": "全年集装箱吞吐量36000标准箱",
            "value": "36000",
            "qualifier": "exact",
            "unit": "标准箱",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "reported_indicator": "",
            "notes": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    outcome = Outcome.objects.get(target=boxes)
    reviewer = make.user("rev-u", groups=("supervisor",))
    from tracker import services

    services.outcome_submit(outcome=outcome, actor=supervisor)
    services.outcome_approve(outcome=outcome, actor=reviewer)
    assessment = Assessment.objects.get(target=boxes)
    assert (assessment.status, assessment.grade) == ("met", "final")  # 36000 >= 35000


def test_the_unit_form_explains_bad_names(client, planner):
    for name, message in (("万标准箱", "不能以“万”或“亿”开头"), ("标准 箱", "不能含空格")):
        response = _add_unit(client, name=name)
        assert response.status_code == 200
        assert message in " ".join(response.context["adminform"].form.errors["name"])
    response = _add_unit(client, factor="0")
    assert "须大于0" in " ".join(response.context["adminform"].form.errors["factor"])
    response = _add_unit(client, name="斤")  # a built-in name
    assert "name" in response.context["adminform"].form.errors
    assert not UnitOfMeasure.objects.filter(builtin=False).exists()


def test_builtin_units_are_shown_not_edited(client, planner):
    jin = UnitOfMeasure.objects.get(name="斤")
    page = client.get(reverse("admin:tracker_unitofmeasure_changelist")).content.decode()
    assert "万亿斤" not in page and "斤" in page
    change = reverse("admin:tracker_unitofmeasure_change", args=[jin.pk])
    response = client.get(change)
    assert response.status_code == 200  # view only
    assert b'name="factor"' not in response.content
    response = client.post(change, {"name": "斤", "dimension": "mass", "factor": "0.5"})
    assert response.status_code == 403
    delete = reverse("admin:tracker_unitofmeasure_delete", args=[jin.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert UnitOfMeasure.objects.get(name="斤").factor == Decimal("0.0005")


def test_a_unit_in_use_keeps_its_name_but_may_be_corrected(client, planner, make):
    _add_unit(client, name="标准箱", factor="1")
    _add_unit(client, name="大箱", factor="2")
    big = UnitOfMeasure.objects.get(name="大箱")
    target = make.target(unit="万标准箱", value=Decimal("3"), statement="3万标准箱")
    make.outcome(target, value=Decimal("12000"), unit="大箱", quote="12000大箱")
    assert Assessment.objects.get(target=target).status == "missed"  # 2.4万 < 3万
    change = reverse("admin:tracker_unitofmeasure_change", args=[big.pk])

    response = client.post(change, {"name": "特大箱", "dimension": "container", "factor": "2"})
    assert response.status_code == 200
    assert "不能改名" in " ".join(response.context["adminform"].form.errors["name"])

    # A corrected factor recomputes the statuses it touches at once.
    response = client.post(change, {"name": "大箱", "dimension": "container", "factor": "3"})
    assert response.status_code == 302
    assert Assessment.objects.get(target=target).status == "met"  # 3.6万 >= 3万

    delete = reverse("admin:tracker_unitofmeasure_delete", args=[big.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert UnitOfMeasure.objects.filter(pk=big.pk).exists()


def test_an_unused_unit_of_the_planner_can_be_deleted(client, planner):
    _add_unit(client)
    unit = UnitOfMeasure.objects.get(name="标准箱")
    delete = reverse("admin:tracker_unitofmeasure_delete", args=[unit.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not UnitOfMeasure.objects.filter(name="标准箱").exists()
    assert AuditEvent.objects.filter(entity="unitofmeasure", action="delete").exists()
