"""The rules that keep evidence trustworthy, at every entry point:

- a document's text is fixed while an outcome that is not withdrawn quotes
  it (service, admin, plan-file import); a corrected text is a new document
  and the outcome moves to it through review;
- outcomes are withdrawn with a reason, never deleted (service, admin action
  with its reason page, all or nothing);
- the same reported figure is entered once (service, admin form and inline,
  CSV import).
"""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests import factories
from tests.admin_support import form_data, logged_in, messages_of, staff
from tracker import services
from tracker.analytics.assessments import compute
from tracker.models import AuditEvent, Document, Outcome

pytestmark = pytest.mark.django_db

TEXT = "2020年,全市技改投资增长29%。"


@pytest.fixture
def quoted(make):
    document = make.document(text=TEXT, slug="reply-2021")
    return make.outcome(make.target(), document_=document, quote="技改投资增长29%")


# -- a document's text --------------------------------------------------------------


def test_the_service_refuses_a_new_text_and_names_the_outcomes(quoted):
    document = Document.objects.get(pk=quoted.document_id)
    document.text = TEXT.replace("29", "31")
    with pytest.raises(ValidationError) as refused:
        services.entity_save(instance=document, actor=None)
    message = " ".join(refused.value.message_dict["text"])
    assert f"#{quoted.pk}" in message and quoted.target.code in message
    assert Document.objects.get(pk=document.pk).text == TEXT


def test_other_fields_of_a_quoted_document_may_change(quoted):
    document = Document.objects.get(pk=quoted.document_id)
    document.title = "更正后的标题"
    services.entity_save(instance=document, actor=None)
    assert Document.objects.get(pk=document.pk).title == "更正后的标题"


def test_a_withdrawn_outcome_no_longer_fixes_the_text(quoted):
    services.outcome_withdraw(outcome=quoted, actor=None, reason="引错了文件")
    document = Document.objects.get(pk=quoted.document_id)
    document.text = "更正后的全文。"
    services.entity_save(instance=document, actor=None)
    assert Document.objects.get(pk=document.pk).text == "更正后的全文。"


def test_a_corrected_text_is_a_new_document_and_the_outcome_moves_through_review(make, quoted):
    corrected = make.document(text="2020年,全市技改投资增长31%。", slug="reply-2021-v2")
    moved = services.outcome_update(
        outcome=quoted,
        actor=make.user(),
        version=quoted.version,
        document=corrected,
        quote="技改投资增长31%",
        value=Decimal("31"),
    )
    assert (moved.document_id, moved.state) == (corrected.pk, "draft")  # a fresh review
    assert Document.objects.get(pk=quoted.document_id).text == TEXT  # the old text stays


def test_the_plan_file_import_refuses_the_same_change(tmp_path, quoted):
    plan_file = tmp_path / "p.toml"
    plan_file.write_text(
        '[plan]\nslug = "p-fixed"\ntitle = "方案"\nissuer = "市政府"\njurisdiction = "郑州市"\n'
        'period_start = "2020-01-01"\nperiod_end = "2020-12-31"\n\n'
        '[[documents]]\nslug = "reply-2021"\ntitle = "测试文件"\nkind = "reply"\n'
        'published_on = "2021-03-01"\ntext = "2020年,全市技改投资增长31%。"\n',
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as refused:
        call_command("import_plan", str(plan_file), stdout=StringIO())
    assert f"#{quoted.pk}" in str(refused.value)
    assert Document.objects.get(pk=quoted.document_id).text == TEXT


# -- withdrawing ----------------------------------------------------------------------


def test_withdrawing_needs_a_reason_stops_counting_and_keeps_the_row(make):
    target = make.target(value=Decimal("20"))
    outcome = make.outcome(target, value=Decimal("29"))
    assert compute()[target.pk].status == "met"
    with pytest.raises(ValidationError):
        services.outcome_withdraw(outcome=outcome, actor=None, reason=" ")
    withdrawer = make.user("withdrawer")
    services.outcome_withdraw(outcome=outcome, actor=withdrawer, reason="数字录错")
    stored = Outcome.objects.get(pk=outcome.pk)
    assert (stored.state, stored.withdrawn_by, stored.withdrawal_reason) == (
        "withdrawn",
        withdrawer,
        "数字录错",
    )
    assert compute()[target.pk].status == "overdue"
    event = AuditEvent.objects.filter(entity="outcome", entity_id=outcome.pk).latest("id")
    assert (event.action, event.comment, event.actor) == ("withdraw", "数字录错", withdrawer)
    with pytest.raises(ValidationError):  # once withdrawn, not edited or withdrawn again
        services.outcome_update(outcome=stored, actor=None, notes="x")


def test_the_admin_withdraws_all_selected_or_none(make):
    supervisor = staff("supervisor", "sup-w")
    browser = logged_in(supervisor)
    open_one = make.outcome(make.target())
    locked_target = make.target()
    locked_one = make.outcome(locked_target)
    services.target_lock(target=locked_target, actor=make.user())
    changelist = reverse("admin:tracker_outcome_changelist")
    selected = {"action": "withdraw_selected", "_selected_action": [open_one.pk, locked_one.pk]}
    page = browser.post(changelist, selected)
    assert page.templates[0].name == "admin/tracker/reason_action.html"
    response = browser.post(changelist, {**selected, "apply": "1", "reason": "重复"}, follow=True)
    shown = messages_of(response)
    assert any("已锁定" in m for m in shown) and any("均未处理" in m for m in shown)
    assert set(Outcome.objects.values_list("state", flat=True)) == {"approved"}
    selected["_selected_action"] = [open_one.pk]
    browser.post(changelist, {**selected, "apply": "1", "reason": "重复"}, follow=True)
    assert Outcome.objects.get(pk=open_one.pk).state == "withdrawn"
    # A withdrawn outcome is shown, not edited.
    view = browser.get(reverse("admin:tracker_outcome_change", args=[open_one.pk]))
    assert view.status_code == 200 and not view.context["has_change_permission"]


# -- one figure, one outcome ----------------------------------------------------------


def test_the_service_refuses_a_duplicate_unless_the_first_was_withdrawn(make, quoted):
    same = {
        "target": quoted.target,
        "document": quoted.document,
        "value": Decimal("29"),
        "unit": "%",
        "period_start": quoted.period_start,
        "period_end": quoted.period_end,
        "quote": quoted.quote,
    }
    with pytest.raises(ValidationError, match=f"#{quoted.pk}"):
        services.outcome_create(actor=None, **same)
    other = make.outcome(quoted.target, document_=quoted.document, quote="2020年")
    with pytest.raises(ValidationError, match="重复"):  # an edit into a duplicate, too
        services.outcome_update(outcome=other, actor=None, quote=quoted.quote)
    services.outcome_withdraw(outcome=quoted, actor=None, reason="重录")
    assert services.outcome_create(actor=None, **same).state == "draft"


def test_the_admin_inline_refuses_a_duplicate_with_a_message(make, quoted):
    browser = logged_in(make.user("root", is_staff=True, is_superuser=True))
    url = reverse("admin:tracker_target_change", args=[quoted.target_id])
    page = browser.get(url)
    data = form_data(page)
    count = int(data["outcomes-TOTAL_FORMS"])
    data.update(
        {
            "outcomes-TOTAL_FORMS": str(count + 1),
            f"outcomes-{count}-value": "29",
            f"outcomes-{count}-qualifier": "exact",
            f"outcomes-{count}-unit": "%",
            f"outcomes-{count}-period_start": quoted.period_start.isoformat(),
            f"outcomes-{count}-period_end": quoted.period_end.isoformat(),
            f"outcomes-{count}-document": str(quoted.document_id),
            f"outcomes-{count}-quote": quoted.quote,
        }
    )
    response = browser.post(url, data)
    assert response.status_code == 200
    assert f"#{quoted.pk}" in " ".join(response.context["adminform"].form.non_field_errors())
    assert Outcome.objects.filter(target=quoted.target).count() == 1


def test_the_csv_import_updates_the_same_figure_instead_of_doubling_it(tmp_path, make, quoted):
    path = tmp_path / "o.csv"
    path.write_text(
        "plan,target_code,value,value_high,qualifier,unit,period_start,period_end,"
        "document,quote,proxy,reported_indicator,note\n"
        f"{quoted.target.plan.slug},{quoted.target.code},29,,exact,%,"
        f"{quoted.period_start},{quoted.period_end},reply-2021,{quoted.quote},,,核对\n",
        encoding="utf-8",
    )
    call_command(
        "import_outcomes", str(path), user=factories.importer("supervisor"), stdout=StringIO()
    )
    assert Outcome.objects.filter(target=quoted.target).count() == 1
    assert Outcome.objects.get(pk=quoted.pk).notes == "核对"
