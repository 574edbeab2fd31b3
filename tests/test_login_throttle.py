"""Login throttling (django-axes, settings in config/settings/base.py):
repeated failures lock a username wherever they come from, and an address
whoever it tries; the locked-out person reads why and for how long; a
superuser unlocks in the admin (audited); a success resets the count."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tracker.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-tests-only"
LIMIT = settings.AXES_FAILURE_LIMIT


def attempt(username: str, password: str, *, address: str = "10.0.0.1", admin: bool = False):
    browser = Client(REMOTE_ADDR=address)
    url = reverse("admin:login") if admin else reverse("login")
    response = browser.post(url, {"username": username, "password": password})
    return response, "_auth_user_id" in browser.session


def test_a_username_is_locked_whatever_address_the_failures_come_from(make):
    make.user("wang")
    for number in range(LIMIT):
        attempt("wang", "wrong", address=f"10.0.1.{number}")
    response, signed_in = attempt("wang", PASSWORD, address="10.0.1.200")
    assert (response.status_code, signed_in) == (429, False)
    page = response.content.decode()
    assert "登录已暂时锁定" in page and "15 分钟后再试" in page
    # Another person is not locked out by Wang's lockout.
    make.user("li")
    assert attempt("li", PASSWORD, address="10.0.2.1")[1]


def test_an_address_is_locked_whatever_usernames_it_tries(make):
    make.user("zhao")
    for number in range(LIMIT):
        attempt(f"guess{number}", "wrong", address="10.0.3.3")
    response, signed_in = attempt("zhao", PASSWORD, address="10.0.3.3")
    assert (response.status_code, signed_in) == (429, False)
    assert attempt("zhao", PASSWORD, address="10.0.3.4")[1]


def test_the_admin_login_is_throttled_too(make):
    make.user("staffer", is_staff=True)
    for _ in range(LIMIT):
        attempt("staffer", "wrong", admin=True)
    response, signed_in = attempt("staffer", PASSWORD, admin=True)
    assert (response.status_code, signed_in) == (429, False)


def test_the_lockout_page_speaks_english_after_the_switch(make):
    make.user("sun")
    for _ in range(LIMIT):
        attempt("sun", "wrong")
    browser = Client(REMOTE_ADDR="10.0.0.1")
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = browser.post(reverse("login"), {"username": "sun", "password": PASSWORD})
    assert response.status_code == 429
    assert "Login temporarily locked" in response.content.decode()


def test_a_success_below_the_limit_resets_the_count(make):
    make.user("zhou")
    for _ in range(LIMIT - 1):
        attempt("zhou", "wrong")
    assert attempt("zhou", PASSWORD)[1]
    for _ in range(LIMIT - 1):
        attempt("zhou", "wrong")
    assert attempt("zhou", PASSWORD)[1]


def test_the_lockout_ends_after_the_cool_off(make):
    make.user("wu")
    for _ in range(LIMIT):
        attempt("wu", "wrong")
    assert attempt("wu", PASSWORD)[0].status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert attempt("wu", PASSWORD)[1]


def test_a_superuser_unlocks_in_the_admin_and_the_trail_says_who(client, make):
    make.user("qian")
    for _ in range(LIMIT):
        attempt("qian", "wrong")
    root = make.user("root", is_staff=True, is_superuser=True)
    client.force_login(root)
    changelist = reverse("admin:axes_accessattempt_changelist")
    listing = client.get(changelist)
    assert listing.status_code == 200 and "qian" in listing.content.decode()
    locked = AccessAttempt.objects.get(username="qian")
    client.post(changelist, {"action": "unlock_selected", "_selected_action": [locked.pk]})
    assert not AccessAttempt.objects.filter(username="qian").exists()
    event = AuditEvent.objects.get(entity="accessattempt", entity_id=locked.pk)
    assert (event.action, event.actor, event.via) == ("unlock", root, "admin")
    assert event.changes["username"] == ["qian", None]
    assert attempt("qian", PASSWORD)[1]


def test_only_superusers_may_unlock(client, make):
    planner = make.user("planner-x", groups=("planner",), is_staff=True)
    client.force_login(planner)
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403
