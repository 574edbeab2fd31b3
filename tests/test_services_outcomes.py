"""Outcome review and locking (docs/reports.md "Outcome review"): every transition, the
self-approval refusal, the lock, and the audit trail they leave."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from tracker import services
from tracker.models import AuditEvent, Outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(make):
    return make.user("alice")


@pytest.fixture
def bob(make):
    return make.user("bob")


@pytest.fixture
def draft(make, alice):
    return make.outcome(make.target(), actor=alice, approved=False)


def actions(outcome):
    return list(
        AuditEvent.objects.filter(entity="outcome", entity_id=outcome.pk)
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_new_outcome_is_a_draft_entered_by_its_author(draft, alice):
    assert draft.state == "draft"
    assert draft.entered_by == alice
    assert actions(draft) == ["create"]


def test_submit_then_approve_by_another_person(draft, alice, bob):
    services.outcome_submit(outcome=draft, actor=alice)
    approved = services.outcome_approve(outcome=draft, actor=bob)
    assert approved.state == "approved"
    assert approved.reviewed_by == bob
    assert actions(draft) == ["create", "submit", "approve"]


def test_nobody_approves_their_own_entry(draft, alice):
    services.outcome_submit(outcome=draft, actor=alice)
    with pytest.raises(PermissionDenied):
        services.outcome_approve(outcome=draft, actor=alice)
    assert Outcome.objects.get(pk=draft.pk).state == "submitted"


def test_nobody_approves_what_they_last_edited(draft, alice, bob):
    services.outcome_update(outcome=draft, actor=bob, value=Decimal("28.5"))
    services.outcome_submit(outcome=draft, actor=bob)
    with pytest.raises(PermissionDenied):
        services.outcome_approve(outcome=draft, actor=bob)


def test_return_needs_a_comment_and_goes_back_to_draft_on_edit(draft, alice, bob):
    services.outcome_submit(outcome=draft, actor=alice)
    with pytest.raises(ValidationError) as error:
        services.outcome_return(outcome=draft, actor=bob, comment="  ")
    assert error.value.error_dict["review_comment"][0].code == "comment_required"
    returned = services.outcome_return(outcome=draft, actor=bob, comment="期间应为1-10月")
    assert returned.state == "returned"
    assert returned.review_comment == "期间应为1-10月"
    edited = services.outcome_update(outcome=returned, actor=alice, period_end=date(2020, 10, 31))
    assert edited.state == "draft"
    services.outcome_submit(outcome=edited, actor=alice)
    assert services.outcome_approve(outcome=edited, actor=bob).state == "approved"
    assert actions(draft) == ["create", "submit", "return", "update", "submit", "approve"]


@pytest.mark.parametrize("state_action", ["approve", "return"])
def test_only_submitted_outcomes_are_reviewed(draft, bob, state_action):
    with pytest.raises(ValidationError) as error:
        if state_action == "approve":
            services.outcome_approve(outcome=draft, actor=bob)
        else:
            services.outcome_return(outcome=draft, actor=bob, comment="x")
    assert error.value.code == "invalid_transition"


def test_submitted_cannot_be_submitted_again(draft, alice):
    services.outcome_submit(outcome=draft, actor=alice)
    with pytest.raises(ValidationError):
        services.outcome_submit(outcome=draft, actor=alice)


def test_editing_an_approved_outcome_needs_a_new_review(make, alice, bob):
    outcome = make.outcome(make.target(), actor=alice, approved=False)
    services.outcome_submit(outcome=outcome, actor=alice)
    services.outcome_approve(outcome=outcome, actor=bob)
    edited = services.outcome_update(outcome=outcome, actor=alice, notes="更正")
    assert edited.state == "draft"
    assert edited.reviewed_by is None


def test_import_may_enter_outcomes_approved_and_says_so(make, alice):
    outcome = make.outcome(make.target(), actor=alice, approved=True)
    assert outcome.state == "approved"
    event = AuditEvent.objects.get(entity="outcome", entity_id=outcome.pk)
    assert event.comment == "导入时直接审核通过"


def test_lock_needs_an_approved_final_figure(make, alice):
    target = make.target()
    interim = make.outcome(
        target, actor=alice, period_start=date(2020, 1, 1), period_end=date(2020, 10, 31)
    )
    assert interim.state == "approved"
    with pytest.raises(ValidationError) as error:
        services.target_lock(target=target, actor=alice)
    assert error.value.code == "no_approved_final"


def test_locked_target_refuses_add_change_withdraw_until_unlocked(make, alice, bob):
    target = make.target()
    final = make.outcome(target, actor=alice)
    services.target_lock(target=target, actor=bob)
    target.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        make.outcome(target, actor=alice)
    assert error.value.code == "target_locked"
    with pytest.raises(ValidationError):
        services.outcome_update(outcome=final, actor=alice, value=Decimal("1"))
    with pytest.raises(ValidationError):
        services.outcome_withdraw(outcome=final, actor=alice, reason="录错了")
    with pytest.raises(ValidationError):
        services.target_unlock(target=target, actor=bob, reason="")
    services.target_unlock(target=target, actor=bob, reason="统计局修订了2020年数据")
    services.outcome_update(outcome=final, actor=alice, value=Decimal("30"))
    trail = list(
        AuditEvent.objects.filter(entity="target", entity_id=target.pk)
        .order_by("id")
        .values_list("action", "comment")
    )
    assert trail[-2:] == [("lock", ""), ("unlock", "统计局修订了2020年数据")]


def test_database_refuses_a_state_outside_the_set(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        Outcome.objects.filter(pk=draft.pk).update(state="maybe")


def _raw_delete(table: str, pk: int) -> None:
    # Raw SQL, so the ORM's PROTECT cannot stand in for the database's rule.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [pk])  # noqa: S608


def test_database_refuses_deleting_a_cited_document(make):
    outcome = make.outcome(make.target())
    with pytest.raises(IntegrityError), transaction.atomic():
        _raw_delete("tracker_document", outcome.document_id)


def test_database_refuses_deleting_a_target_with_outcomes(make):
    outcome = make.outcome(make.target())
    with pytest.raises(IntegrityError), transaction.atomic():
        _raw_delete("tracker_target", outcome.target_id)
