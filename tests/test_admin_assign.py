"""The admin action that gives selected targets a responsible unit (lead or
support): an intermediate page, all or nothing, through the services and
the audit trail (docs/attainment.md section 9: unassigned targets are counted until then)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tracker import services
from tracker.analytics.rollups import unit_rollups
from tracker.models import Assignment, AuditEvent

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:tracker_target_changelist"


@pytest.fixture
def planner(client, make):
    user = make.user("planner-a", groups=("planner",), is_staff=True)
    client.force_login(user)
    return user


def _act(client, targets, **data):
    payload = {"action": "assign_unit", "_selected_action": [t.pk for t in targets], **data}
    return client.post(reverse(CHANGELIST), payload)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_action_asks_which_unit_and_role_first(client, planner, make):
    targets = [make.target(code="U1"), make.target(code="U2")]
    response = _act(client, targets)
    assert response.status_code == 200
    page = response.content.decode()
    assert "为所选目标分配责任单位" in page
    assert page.count("未分配责任单位") >= 2  # each target says it has none
    assert 'name="role"' in page and 'name="unit"' in page
    assert not Assignment.objects.exists()


def test_assigning_a_lead_clears_the_unassigned_row(client, planner, make):
    plan = make.plan()
    targets = [make.target(plan, code="U1"), make.target(plan, code="U2")]
    unit = make.unit("市统计局")
    assert unit_rollups(lead_only=True, plan_id=plan.pk)[-1].unassigned
    response = _act(client, targets, apply="1", unit=unit.pk, role="lead")
    assert response.status_code == 302
    assert "已将“市统计局”（牵头）分配给 2 个目标。" in _messages(response)
    assignments = Assignment.objects.filter(unit=unit)
    assert {(a.target.code, a.role, a.position) for a in assignments} == {
        ("U1", "lead", 0),
        ("U2", "lead", 0),
    }
    events = AuditEvent.objects.filter(entity="assignment", action="create", via="admin")
    assert {event.actor_id for event in events} == {planner.pk} and events.count() == 2
    rows = unit_rollups(lead_only=True, plan_id=plan.pk)
    assert [(row.name, row.targets) for row in rows] == [("市统计局", 2)]


def test_support_goes_after_the_units_listed_and_a_support_can_become_lead(client, planner, make):
    lead, helper = make.unit("市工信局"), make.unit("市财政局")
    target = make.target(units=(lead, make.unit("市科技局")))
    _act(client, [target], apply="1", unit=helper.pk, role="support")
    assert Assignment.objects.get(unit=helper).position == 2
    # A second lead is refused (the target already has one) ...
    response = _act(client, [target], apply="1", unit=helper.pk, role="lead")
    assert any("已有牵头单位“市工信局”" in m for m in _messages(response))
    assert Assignment.objects.get(unit=helper).role == "support"
    # ... but once the lead is removed, the support unit may take the lead.
    services.entity_delete(instance=Assignment.objects.get(unit=lead), actor=None)
    _act(client, [target], apply="1", unit=helper.pk, role="lead")
    helper_assignment = Assignment.objects.get(unit=helper)
    assert (helper_assignment.role, helper_assignment.position) == ("lead", 0)


def test_all_or_nothing(client, planner, make):
    plan = make.plan()
    free = make.target(plan, code="FREE")
    led = make.target(plan, code="LED", units=(make.unit("市发展改革委"),))
    locked = make.target(plan, code="LOCKED")
    make.outcome(locked, value=Decimal("25"))
    services.target_lock(target=locked, actor=planner)
    unit = make.unit("市统计局")
    before = AuditEvent.objects.count()
    response = _act(client, [free, led, locked], apply="1", unit=unit.pk, role="lead")
    assert response.status_code == 302
    (message,) = _messages(response)
    assert "LED" in message and "已有牵头单位“市发展改革委”" in message
    assert "LOCKED" in message and "已锁定" in message
    assert "没有写入任何数据" in message
    assert not Assignment.objects.filter(unit=unit).exists()
    assert AuditEvent.objects.count() == before


def test_only_people_who_may_assign_see_the_action(client, make):
    make.target(code="U1")
    supervisor = make.user("sup-a", groups=("supervisor",), is_staff=True)
    client.force_login(supervisor)
    response = client.get(reverse(CHANGELIST))
    if response.status_code == 200:
        assert "assign_unit" not in response.content.decode()
    else:
        assert response.status_code == 403
    planner = make.user("plan-a", groups=("planner",), is_staff=True)
    client.force_login(planner)
    assert "assign_unit" in client.get(reverse(CHANGELIST)).content.decode()
