"""What axe cannot see, tried with the keyboard and the accessibility tree in
Chromium (issue 15): the skip link, focus after a review action, and the
names of the admin's autocomplete fields (set by a script, so only a
browser shows them)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests import factories as make
from tracker import services
from tracker.admin.outcome_entry import target_label
from tracker.models import Target

pytestmark = [pytest.mark.browser]


def sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def focused(page) -> str:
    """The focused element as ``tag#id.class: text`` (for assertions and failures)."""
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return `${e.tagName.toLowerCase()}#${e.id}.${e.className}: ${e.innerText}`; }"
    )


def test_the_skip_link_comes_first_and_lands_on_the_main_content(page, live_server, e2e_db):
    sign_in(page, live_server, make.user("manager", groups=("manager",)))
    page.goto(live_server.url + reverse("tracker:plan-list"))
    page.keyboard.press("Tab")
    assert focused(page).startswith("a#.skip-link: 跳到正文")
    assert page.locator(".skip-link").bounding_box()["y"] >= 0  # shown when focused
    page.keyboard.press("Enter")
    assert focused(page).startswith("main#main")


def test_after_approving_focus_stays_at_the_next_item(page, live_server, e2e_db):
    author = make.user("alice", groups=("supervisor",))
    for n, code in enumerate(("Q-1", "Q-2", "Q-3")):
        target = make.target(code=code, indicator=f"指标{n}")
        outcome = make.outcome(target, actor=author, approved=False, value=Decimal(30 + n))
        services.outcome_submit(outcome=outcome, actor=author)
    sign_in(page, live_server, make.user("bob", groups=("supervisor",)))
    page.goto(live_server.url + reverse("tracker:review-queue"))

    # Each button is named with its outcome, so a screen reader can tell them apart.
    approve = page.get_by_role("button", name="通过 Q-1 指标0：30% · 2020年", exact=True)
    approve.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Q-1 指标0：已审核通过。" in page.locator("#messages").inner_text()
    assert focused(page).startswith("tr#.")
    assert "Q-2" in focused(page)
    # The next Tab goes on from that row, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('tr') !== null")
    assert "Q-2" in page.evaluate("() => document.activeElement.closest('tr').innerText")


def test_admin_autocompletes_have_names(page, live_server, e2e_db):
    target = make.target(code="二.2.2", indicator="技改投资增速")
    make.document(title="关于技改投资的答复")
    sign_in(page, live_server, make.user("sup", groups=("supervisor",), is_staff=True))
    page.goto(live_server.url + reverse("admin:tracker_outcome_add"))
    target_box = page.get_by_role("combobox", name=re.compile(r"^目标"))
    document_box = page.get_by_role("combobox", name=re.compile(r"^出处文件"))
    assert target_box.count() == 1 and document_box.count() == 1
    # Django's autofocus on the first field reaches the visible combobox,
    # not the hidden <select> behind it.
    assert focused(page).startswith("span#.select2-selection")

    # Chosen with the keyboard alone: open, type, arrow down, Enter.
    page.keyboard.press("Enter")
    # select2 opens its dropdown and moves focus to its search field after
    # the key event returns: wait for it (a loaded machine took longer).
    page.wait_for_function(
        "() => document.activeElement.getAttribute('aria-label') === '目标'", timeout=5000
    )
    page.keyboard.type("技改")
    # Options read as plan, code, statement and period (issue 12).
    label = target_label(Target.objects.select_related("plan").get(pk=target.pk))
    page.get_by_role("option", name=label).wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.locator("#select2-id_target-container").inner_text() == label
    page.keyboard.press("Escape")

    # Named by the label and then by the value chosen.
    named = page.get_by_role("combobox", name=re.compile(rf"^目标.*{re.escape(label)}"))
    assert named.count() == 1


def test_inline_autocompletes_have_their_row_names(page, live_server, e2e_db):
    target = make.target(units=(make.unit("市工信局"),))
    planner = make.user("planner", groups=("planner",), is_staff=True)
    sign_in(page, live_server, planner)
    page.goto(live_server.url + reverse("admin:tracker_target_change", args=[target.pk]))
    unit = page.get_by_role("combobox", name=re.compile(r"^责任单位（第1行） 市工信局"))
    assert unit.count() == 1
