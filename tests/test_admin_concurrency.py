"""Two people, two browsers, one record: the admin refuses the later save,
names who changed the record and when, keeps the person's input, and lets
them save again knowingly (the form then carries the current version)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.admin_support import form_data, logged_in, messages_of, staff
from tracker.models import Assignment, AuditEvent, Document, Outcome, Target

pytestmark = pytest.mark.django_db


def _two_planners():
    return logged_in(staff("planner", "zhang")), logged_in(staff("planner", "zhao"))


def test_target_the_later_save_is_refused_and_the_input_kept(make):
    target = make.target(units=(make.unit("市工信局"),), notes="")
    url = reverse("admin:tracker_target_change", args=[target.pk])
    zhang, zhao = _two_planners()
    zhang_page, zhao_page = zhang.get(url), zhao.get(url)

    first = zhang.post(url, form_data(zhang_page, value="25"))
    assert first.status_code == 302
    second = zhao.post(url, form_data(zhao_page, notes="赵的备注", statement="赵改的表述"))
    assert second.status_code == 200
    form = second.context["adminform"].form
    refusal = " ".join(form.non_field_errors())
    assert "zhang" in refusal and "第2版" in refusal
    assert any("您的输入保留在下方" in m for m in messages_of(second))
    # The form shows what Zhao typed, not what is stored.
    assert form["notes"].value() == "赵的备注"
    assert form["statement"].value() == "赵改的表述"
    stored = Target.objects.get(pk=target.pk)
    assert (stored.value, stored.notes, stored.version) == (Decimal("25"), "", 2)

    # Zhao has seen who changed it; saving the shown form again is a decision.
    again = zhao.post(url, form_data(second))
    assert again.status_code == 302
    stored.refresh_from_db()
    assert (stored.notes, stored.version) == ("赵的备注", 3)
    assert stored.value == Decimal("20")  # Zhao's form said 20: Zhao overwrote knowingly


def test_a_stale_inline_row_refuses_the_whole_save(make):
    """An assignment changed by someone else: neither the target nor any
    inline row is saved (one transaction)."""
    gxj, fgw = make.unit("市工信局"), make.unit("市发展改革委")
    target = make.target(units=(gxj, fgw))
    url = reverse("admin:tracker_target_change", args=[target.pk])
    zhang, zhao = _two_planners()
    zhang_page, zhao_page = zhang.get(url), zhao.get(url)
    lead = Assignment.objects.get(target=target, unit=gxj)
    changed = zhang.post(url, form_data(zhang_page, **{"assignments-0-position": "5"}))
    assert changed.status_code == 302
    assert Assignment.objects.get(pk=lead.pk).position == 5
    response = zhao.post(
        url, form_data(zhao_page, notes="赵的备注", **{"assignments-0-position": "7"})
    )
    assert response.status_code == 200
    assert "zhang" in " ".join(response.context["adminform"].form.non_field_errors())
    assert Assignment.objects.get(pk=lead.pk).position == 5
    assert Target.objects.get(pk=target.pk).notes == ""


def test_document_and_unit_forms_are_protected_too(make):
    document = make.document(title="原标题")
    unit = make.unit("市工信局")
    zhang, zhao = _two_planners()
    for url, field, theirs, mine in (
        (reverse("admin:tracker_document_change", args=[document.pk]), "title", "甲", "乙"),
        (reverse("admin:tracker_unit_change", args=[unit.pk]), "notes", "甲", "乙"),
    ):
        zhang_page, zhao_page = zhang.get(url), zhao.get(url)
        assert zhang.post(url, form_data(zhang_page, **{field: theirs})).status_code == 302
        refused = zhao.post(url, form_data(zhao_page, **{field: mine}))
        assert refused.status_code == 200, url
        assert "zhang" in " ".join(refused.context["adminform"].form.non_field_errors())
    assert Document.objects.get(pk=document.pk).title == "甲"


def test_two_supervisors_on_one_outcome(make):
    wang, li = staff("supervisor", "wang"), staff("supervisor", "li")
    document = make.document(text="初报增长29%，复核后增长30%。")
    outcome = make.outcome(make.target(), actor=wang, approved=False, document_=document)
    url = reverse("admin:tracker_outcome_change", args=[outcome.pk])
    wang_browser, li_browser = logged_in(wang), logged_in(li)
    wang_page, li_page = wang_browser.get(url), li_browser.get(url)
    saved = wang_browser.post(url, form_data(wang_page, value="30", quote="增长30%"))
    assert saved.status_code == 302
    refused = li_browser.post(url, form_data(li_page, notes="李核对过"))
    assert refused.status_code == 200
    assert refused.context["adminform"].form["notes"].value() == "李核对过"
    stored = Outcome.objects.get(pk=outcome.pk)
    assert (stored.value, stored.quote, stored.notes) == (Decimal("30"), "增长30%", "")
    # Nothing of Li's refused save reached the trail.
    assert not AuditEvent.objects.filter(actor=li).exists()
