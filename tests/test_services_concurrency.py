"""Optimistic concurrency at the service level (tracker.services.concurrency):
every write raises the row's version; a save from an older version is
refused with who changed the row and when; the bump is a compare-and-set."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tracker import services
from tracker.models import Outcome, Plan, Target
from tracker.services.concurrency import StaleEdit, claim_next_version

pytestmark = pytest.mark.django_db


def test_every_write_raises_the_version_and_a_no_op_does_not(make):
    plan = make.plan()
    assert plan.version == 1
    plan.title = "改名后的方案"
    services.entity_save(instance=plan, actor=None)
    assert Plan.objects.get(pk=plan.pk).version == 2
    services.entity_save(instance=plan, actor=None)  # nothing changed
    assert Plan.objects.get(pk=plan.pk).version == 2


def test_a_save_from_an_older_version_is_refused_naming_who_and_when(make):
    wang = make.user("wang", first_name="", last_name="")
    target = make.target()
    mine = Target.objects.get(pk=target.pk)
    theirs = Target.objects.get(pk=target.pk)
    theirs.value = Decimal("25")
    services.entity_save(instance=theirs, actor=wang, via="admin")
    mine.notes = "我的备注"
    with pytest.raises(StaleEdit) as refused:
        services.entity_save(instance=mine, actor=make.user("li"), via="admin")
    message = refused.value.messages[0]
    assert "wang" in message and "第1版" in message and "第2版" in message
    assert refused.value.current == 2
    stored = Target.objects.get(pk=target.pk)
    assert (stored.value, stored.notes) == (Decimal("25"), "")


def test_outcome_update_checks_the_version_it_was_given(make):
    outcome = make.outcome(make.target(), approved=False)
    services.outcome_update(outcome=outcome, actor=None, version=1, notes="一")
    with pytest.raises(StaleEdit):
        services.outcome_update(outcome=outcome, actor=None, version=1, notes="二")
    stored = Outcome.objects.get(pk=outcome.pk)
    assert (stored.notes, stored.version) == ("一", 2)
    services.outcome_update(outcome=outcome, actor=None, version=2, notes="二")
    assert Outcome.objects.get(pk=outcome.pk).version == 3


def test_review_decisions_on_a_changed_outcome_are_refused(make):
    alice, bob = make.user("alice"), make.user("bob")
    outcome = make.outcome(make.target(), actor=alice, approved=False)
    submitted = services.outcome_submit(outcome=outcome, actor=alice, version=1)
    seen = submitted.version
    services.outcome_update(outcome=outcome, actor=alice, version=seen, value=Decimal("30"))
    services.outcome_submit(outcome=outcome, actor=alice)
    with pytest.raises(StaleEdit):
        services.outcome_approve(outcome=outcome, actor=bob, version=seen)
    assert Outcome.objects.get(pk=outcome.pk).state == "submitted"


def test_locking_and_withdrawing_raise_the_version(make):
    target = make.target()
    outcome = make.outcome(target)
    services.target_lock(target=target, actor=make.user())
    assert Target.objects.get(pk=target.pk).version == 2
    services.target_unlock(target=target, actor=make.user(), reason="更正")
    services.outcome_withdraw(outcome=outcome, actor=None, reason="重复录入")
    assert Outcome.objects.get(pk=outcome.pk).version == 2


def test_the_bump_is_compare_and_set(make):
    """Two transactions that both read version 1 cannot both write 2: the
    one that comes second finds the stored version moved and is refused."""
    plan = make.plan()
    assert claim_next_version(Plan, plan.pk, 1) == 2
    with pytest.raises(StaleEdit):
        claim_next_version(Plan, plan.pk, 1)
    assert Plan.objects.get(pk=plan.pk).version == 2


def test_a_stale_edit_is_a_validation_error(make):
    """Callers that report refusals (imports, admin) need no new case."""
    assert issubclass(StaleEdit, ValidationError)
