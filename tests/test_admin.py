"""The admin as a supervisor and a planner use it, through real requests."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tracker.models import AuditEvent, Outcome, Target

pytestmark = pytest.mark.django_db

MODELS = ["plan", "target", "unit", "document", "outcome", "auditevent", "unitofmeasure"]


@pytest.fixture
def superuser(make):
    return make.user("root", is_staff=True, is_superuser=True)


@pytest.fixture
def supervisor(make, client):
    user = make.user("sup", groups=("supervisor",), is_staff=True)
    client.force_login(user)
    return user


@pytest.mark.parametrize("model", MODELS)
def test_changelists_and_add_pages_load(client, superuser, make, model):
    make.outcome(make.target(units=(make.unit(),)))
    client.force_login(superuser)
    assert client.get(reverse(f"admin:tracker_{model}_changelist")).status_code == 200
    if model != "auditevent":
        assert client.get(reverse(f"admin:tracker_{model}_add")).status_code == 200


def _changelist_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", ["target", "outcome", "plan", "auditevent"])
def test_list_pages_run_a_bounded_number_of_queries(client, superuser, make, model):
    client.force_login(superuser)
    url = reverse(f"admin:tracker_{model}_changelist")
    plan = make.plan()
    unit = make.unit()

    def add_rows(count: int) -> None:
        for _ in range(count):
            make.outcome(make.target(plan, units=(unit, make.unit())))

    add_rows(2)
    few = _changelist_queries(client, url)
    add_rows(20)
    many = _changelist_queries(client, url)
    assert many == few, f"{model}: {few} queries for few rows, {many} for many"


def _outcome_form(target, document, **overrides):
    data = {
        "target": target.pk,
        "document": document.pk,
        "quote": "技改投资增长29%",
        "value": "29",
        "qualifier": "exact",
        "unit": "%",
        "period_start": "2020-01-01",
        "period_end": "2020-12-31",
        "reported_indicator": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_supervisor_adds_an_outcome_as_a_draft(client, supervisor, make):
    target = make.target()
    document = make.document(text="2020年全市技改投资增长29%。")
    response = client.post(reverse("admin:tracker_outcome_add"), _outcome_form(target, document))
    assert response.status_code == 302, response.content.decode()[:2000]
    outcome = Outcome.objects.get(target=target)
    assert outcome.state == "draft"
    assert outcome.entered_by == supervisor
    assert (outcome.quote_start, outcome.quote_end) == (7, 16)
    assert AuditEvent.objects.filter(entity="outcome", entity_id=outcome.pk, via="admin").exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"period_end": "2019-12-31"}, "period_end", "早于起始日期"),
        ({"unit": "英寸"}, "unit", "无法识别的计量单位"),
        ({"quote": "技改投资增长30%"}, "quote", "找不到"),
        ({"qualifier": "range"}, "value_high", "区间须填写上限"),
        ({"is_proxy": "on"}, "reported_indicator", "替代指标须填写报告指标"),
    ],
)
def test_outcome_form_explains_bad_input(client, supervisor, make, overrides, field, message):
    target = make.target()
    document = make.document(text="2020年全市技改投资增长29%。")
    response = client.post(
        reverse("admin:tracker_outcome_add"), _outcome_form(target, document, **overrides)
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not Outcome.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"period_start": "2020-12-31", "period_end": "2020-01-01"}, "period_end"),
        ({"tolerance": "-1"}, "tolerance"),
        ({"baseline_value": "22.8", "baseline_date": "2021-01-01"}, "baseline_date"),
        ({"unit": "亿块"}, "unit"),
        # A planner must say which figures can speak for the target.
        ({"measure": ""}, "measure"),
        ({"measure": "stock"}, "measure"),
    ],
)
def test_target_form_explains_bad_input(client, superuser, make, overrides, field):
    """Each would otherwise reach the database's check or crash the
    attainment rules; the planner gets a message beside the field instead."""
    client.force_login(superuser)
    plan = make.plan()
    response = client.post(
        reverse("admin:tracker_target_add"),
        {
            "plan": plan.pk,
            "code": "X1",
            "statement": "工业投资达到700亿元",
            "indicator": "工业投资",
            "comparator": "at_least",
            "value": "700",
            "unit": "亿元",
            "period_start": "2020-01-01",
            "period_end": "2020-12-31",
            "direction": "higher",
            "commitment": "firm",
            "measure": "flow",
            "growth": "linear",
            "assignments-TOTAL_FORMS": "0",
            "assignments-INITIAL_FORMS": "0",
            "outcomes-TOTAL_FORMS": "0",
            "outcomes-INITIAL_FORMS": "0",
        }
        | overrides,
    )
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not Target.objects.exists()


def test_autocomplete_finds_targets_and_documents(client, supervisor, make):
    make.target(indicator="技改投资增速")
    make.document(title="关于技改投资的答复")
    for field, term in (("target", "技改"), ("document", "答复")):
        response = client.get(
            reverse("admin:autocomplete"),
            {"app_label": "tracker", "model_name": "outcome", "field_name": field, "term": term},
        )
        assert response.status_code == 200
        assert len(response.json()["results"]) == 1


def test_inline_outcome_on_a_target_goes_through_the_services(client, superuser, make):
    client.force_login(superuser)
    target = make.target()
    document = make.document(text="2020年全市技改投资增长29%。")
    url = reverse("admin:tracker_target_change", args=[target.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {name: form.initial.get(name, "") for name in form.fields}
    data.update(
        {
            "plan": target.plan_id,
            "value": "20",
            "period_start": "2020-01-01",
            "period_end": "2020-12-31",
            "tolerance": "",
            "value_high": "",
            "baseline_value": "",
            "baseline_date": "",
            "assignments-TOTAL_FORMS": "0",
            "assignments-INITIAL_FORMS": "0",
            "outcomes-TOTAL_FORMS": "1",
            "outcomes-INITIAL_FORMS": "0",
            "outcomes-0-value": "29",
            "outcomes-0-qualifier": "exact",
            "outcomes-0-unit": "%",
            "outcomes-0-period_start": "2020-01-01",
            "outcomes-0-period_end": "2020-12-31",
            "outcomes-0-document": document.pk,
            "outcomes-0-quote": "技改投资增长29%",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    outcome = Outcome.objects.get(target=target)
    assert outcome.value == Decimal("29")
    assert outcome.entered_by == superuser
    assert outcome.period_end == date(2020, 12, 31)


@pytest.fixture
def planner(make, client):
    user = make.user("plan", groups=("planner",), is_staff=True)
    client.force_login(user)
    return user


def _act(client, action: str, targets, **extra):
    return client.post(
        reverse("admin:tracker_target_changelist"),
        {"action": action, "_selected_action": [t.pk for t in targets], **extra},
        follow=True,
    )


def test_planner_locks_a_target_once_its_final_figure_is_approved(client, planner, make):
    with_final = make.target()
    make.outcome(with_final)  # approved, covering the whole period: final
    without = make.target()
    # All or nothing: one refusal and neither is locked, the refusal named.
    response = _act(client, "lock_selected", [with_final, without])
    shown = [str(m) for m in response.context["messages"]]
    assert any(str(without) in m and "只有终期数据审核通过后才能锁定" in m for m in shown)
    assert any("均未处理" in m for m in shown)
    assert not Target.objects.filter(locked_at__isnull=False).exists()
    response = _act(client, "lock_selected", [with_final])
    assert any("已锁定 1 个目标" in str(m) for m in response.context["messages"])
    with_final.refresh_from_db()
    without.refresh_from_db()
    assert with_final.locked_by == planner
    assert without.locked_at is None


def test_unlocking_asks_for_a_reason_and_audits_it(client, planner, make):
    target = make.target()
    make.outcome(target)
    _act(client, "lock_selected", [target])
    page = _act(client, "unlock_selected", [target])
    assert page.templates[0].name == "admin/tracker/reason_action.html"
    refused = _act(client, "unlock_selected", [target], apply="1", reason="  ")
    assert "reason" in refused.context["form"].errors
    target.refresh_from_db()
    assert target.locked_at is not None
    _act(client, "unlock_selected", [target], apply="1", reason="统计局修订了数据")
    target.refresh_from_db()
    assert target.locked_at is None
    event = AuditEvent.objects.filter(entity="target", entity_id=target.pk).latest("id")
    assert (event.action, event.comment, event.actor_id) == (
        "unlock",
        "统计局修订了数据",
        planner.pk,
    )


def test_only_planners_see_the_lock_actions(client, supervisor, make):
    make.target()
    page = client.get(reverse("admin:tracker_target_changelist"))
    assert page.status_code == 200
    assert b"lock_selected" not in page.content
    assert b"unlock_selected" not in page.content


def test_save_and_continue_goes_to_the_new_outcome(client, supervisor, make):
    target = make.target()
    document = make.document(text="2020年全市技改投资增长29%。")
    response = client.post(
        reverse("admin:tracker_outcome_add"), _outcome_form(target, document, _continue="1")
    )
    outcome = Outcome.objects.get(target=target)
    assert response["Location"] == reverse("admin:tracker_outcome_change", args=[outcome.pk])
