"""People in the admin: deactivated, never deleted; every change to an
account (activation, roles, staff status) is in the audit trail."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.admin_support import form_data, messages_of
from tracker.models import AuditEvent

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def root(make, client):
    user = make.user("root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def _act(client, action, users):
    return client.post(
        reverse("admin:auth_user_changelist"),
        {"action": action, "_selected_action": [u.pk for u in users]},
        follow=True,
    )


def test_leavers_are_deactivated_and_reactivated_audited(client, root, make):
    leaver = make.user("leaver")
    _act(client, "deactivate_selected", [leaver])
    leaver.refresh_from_db()
    assert not leaver.is_active
    _act(client, "reactivate_selected", [leaver])
    leaver.refresh_from_db()
    assert leaver.is_active
    trail = AuditEvent.objects.filter(entity="user", entity_id=leaver.pk).order_by("id")
    assert [(e.action, e.actor, e.changes) for e in trail] == [
        ("deactivate", root, {"is_active": [True, False]}),
        ("reactivate", root, {"is_active": [False, True]}),
    ]


def test_nobody_deactivates_themselves_and_the_batch_is_all_or_nothing(client, root, make):
    other = make.user("other")
    response = _act(client, "deactivate_selected", [other, root])
    assert any("不能停用自己的账号" in m for m in messages_of(response))
    assert User.objects.filter(pk__in=[other.pk, root.pk], is_active=True).count() == 2


def test_a_role_change_in_the_form_is_audited(client, root, make):
    person = make.user("person")
    url = reverse("admin:auth_user_change", args=[person.pk])
    planner = Group.objects.get(name="planner")
    response = client.post(url, form_data(client.get(url), groups=[str(planner.pk)]))
    assert response.status_code == 302
    event = AuditEvent.objects.get(entity="user", entity_id=person.pk)
    assert (event.action, event.changes) == ("update", {"groups": [[], ["planner"]]})
    assert "password" not in str(event.changes)


def test_the_user_list_offers_no_delete(client, root, make):
    make.user("someone")
    page = client.get(reverse("admin:auth_user_changelist"))
    assert "delete_selected" not in dict(page.context["action_form"].fields["action"].choices)
