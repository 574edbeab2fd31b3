"""Every model's delete path, in the services and in the admin (issue 14,
deliverable 2): a delete is either refused, or audits every row it removes
and every reference it clears, cascades included. Targets, documents,
outcomes, users and the audit trail are never deleted.
"""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from tests.admin_support import form_data
from tracker import services
from tracker.models import (
    Assessment,
    Assignment,
    AuditEvent,
    Document,
    Outcome,
    Plan,
    PlanRollup,
    ProposalRejection,
    StatusRefresh,
    Target,
    Unit,
    UnitAlias,
    UnitOfMeasure,
    UnitRollup,
)

pytestmark = pytest.mark.django_db

User = get_user_model()

# How each model's rows leave the database, if they ever do.
SERVICE_PATHS = {
    Plan: "audited (its child plans' parent cleared, audited); refused while it has targets",
    Unit: "audited with its aliases; refused while assigned",
    UnitAlias: "audited",
    Assignment: "audited; refused on a locked target",
    Target: "refused",
    Document: "refused",
    Outcome: "refused: withdrawn instead",
    AuditEvent: "refused by the database",
    Assessment: "derived: removed with its target only",
    PlanRollup: "derived: rewritten with the stored statuses; removed with its plan",
    UnitRollup: "derived: rewritten with the stored statuses; removed with its plan or unit",
    StatusRefresh: "derived: one row, rewritten by each full or daily refresh",
    ProposalRejection: "kept: a rejection is not undone, and its document and target "
    "are never deleted",
    UnitOfMeasure: "audited (services.unit_of_measure_delete); refused for built-in units "
    "and units figures are written in (tests/test_units_registry.py)",
}
# What the admin offers: delete (audited) or nothing (403, no bulk delete).
ADMIN_DELETES = {Plan: True, Unit: True, UnitAlias: True, Assignment: True, UnitOfMeasure: True}
ADMIN_NEVER = (Target, Document, Outcome, AuditEvent, User, AccessAttempt)


def events(entity: str, pk: int) -> list[tuple[str, str]]:
    found = AuditEvent.objects.filter(entity=entity, entity_id=pk).order_by("id")
    return list(found.values_list("action", "comment"))


@pytest.fixture
def root(make):
    return make.user("root", is_staff=True, is_superuser=True)


def test_every_model_has_a_known_delete_path():
    assert set(apps.get_app_config("tracker").get_models()) == set(SERVICE_PATHS)
    registered = {model for model in admin.site._registry if model._meta.app_label != "auth"}
    registered |= {User} if User in admin.site._registry else set()
    inlines = {UnitAlias, Assignment}
    assert registered | inlines >= set(ADMIN_DELETES) | set(ADMIN_NEVER) - {Assessment}
    assert registered <= set(ADMIN_DELETES) | set(ADMIN_NEVER)


# -- services -------------------------------------------------------------------


def test_a_plan_without_targets_is_deleted_and_its_children_lose_their_parent(make):
    parent = make.plan()
    child = make.plan(parent=parent)
    services.entity_delete(instance=parent, actor=None, via="test")
    assert not Plan.objects.filter(pk=parent.pk).exists()
    assert events("plan", parent.pk)[-1] == ("delete", "")
    action, comment = events("plan", child.pk)[-1]
    assert action == "update" and parent.title in comment
    child.refresh_from_db()
    assert (child.parent_id, child.version) == (None, 2)


def test_a_plan_with_targets_is_not_deleted(make):
    plan = make.plan()
    target = make.target(plan)
    make.outcome(make.target(plan))
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="须保留"):
        services.entity_delete(instance=plan, actor=None)
    assert Target.objects.filter(pk=target.pk).exists()
    assert AuditEvent.objects.count() == before


def test_a_unit_goes_with_its_aliases_each_audited(make):
    unit = make.unit("市发展和改革委员会")
    aliases = [
        services.entity_save(instance=UnitAlias(unit=unit, alias=name), actor=None)
        for name in ("市发改委", "市发展改革委")
    ]
    services.entity_delete(instance=unit, actor=None, via="test")
    assert not UnitAlias.objects.exists()
    assert events("unit", unit.pk)[-1] == ("delete", "")
    for alias in aliases:
        action, comment = events("unitalias", alias.pk)[-1]
        assert action == "delete" and unit.name in comment


def test_an_assigned_unit_is_not_deleted(make):
    unit = make.unit()
    make.target(units=(unit,))
    with pytest.raises(ValidationError):
        services.entity_delete(instance=unit, actor=None)
    assert Unit.objects.filter(pk=unit.pk).exists()


def test_an_alias_and_an_assignment_are_deleted_audited(make):
    unit = make.unit()
    alias = services.entity_save(instance=UnitAlias(unit=unit, alias="别名"), actor=None)
    target = make.target(units=(unit,))
    assignment = Assignment.objects.get(target=target)
    services.entity_delete(instance=alias, actor=None)
    services.entity_delete(instance=assignment, actor=None)
    assert events("unitalias", alias.pk)[-1] == ("delete", "")
    assert events("assignment", assignment.pk)[-1] == ("delete", "")


def test_an_assignment_of_a_locked_target_stays(make):
    target = make.target(units=(make.unit(),))
    make.outcome(target)
    services.target_lock(target=target, actor=make.user())
    with pytest.raises(ValidationError, match="已锁定"):
        services.entity_delete(instance=Assignment.objects.get(target=target), actor=None)


@pytest.mark.parametrize("kind", ["target", "document"])
def test_evidence_is_never_deleted_by_the_services(make, kind):
    target = make.target()
    outcome = make.outcome(target)
    row = target if kind == "target" else outcome.document
    with pytest.raises(ValidationError):
        services.entity_delete(instance=row, actor=None)
    assert type(row).objects.filter(pk=row.pk).exists()
    bare = make.target() if kind == "target" else make.document()
    with pytest.raises(ValidationError):  # even with nothing depending on it
        services.entity_delete(instance=bare, actor=None)
    with pytest.raises(TypeError):
        services.entity_delete(instance=outcome, actor=None)


def test_a_user_named_by_tracker_rows_is_not_deleted(make):
    author = make.user("author")
    make.outcome(make.target(), actor=author)
    with pytest.raises(ValidationError, match="停用"), transaction.atomic():
        author.delete()
    assert User.objects.filter(pk=author.pk).exists()
    passer_by = make.user("passer-by")  # left no trace: may go
    passer_by.delete()
    assert not User.objects.filter(pk=passer_by.pk).exists()


# -- admin ----------------------------------------------------------------------


def test_admin_deletes_an_empty_plan_and_explains_why_not_one_with_targets(client, root, make):
    client.force_login(root)
    empty, full = make.plan(), make.plan()
    make.target(full)
    page = client.get(reverse("admin:tracker_plan_delete", args=[full.pk]))
    assert page.status_code == 200 and page.context["protected"]
    client.post(reverse("admin:tracker_plan_delete", args=[full.pk]), {"post": "yes"})
    assert Plan.objects.filter(pk=full.pk).exists()
    # Bulk: one refusal, nothing deleted.
    client.post(
        reverse("admin:tracker_plan_changelist"),
        {"action": "delete_selected", "_selected_action": [empty.pk, full.pk], "post": "yes"},
    )
    assert Plan.objects.filter(pk__in=[empty.pk, full.pk]).count() == 2
    response = client.post(
        reverse("admin:tracker_plan_delete", args=[empty.pk]), {"post": "yes"}, follow=True
    )
    assert response.status_code == 200
    assert not Plan.objects.filter(pk=empty.pk).exists()
    assert events("plan", empty.pk)[-1] == ("delete", "")
    assert AuditEvent.objects.filter(entity="plan", entity_id=empty.pk, via="admin").exists()


def test_admin_deletes_a_unit_with_its_aliases_audited(client, root, make):
    client.force_login(root)
    unit = make.unit()
    alias = services.entity_save(instance=UnitAlias(unit=unit, alias="旧称"), actor=None)
    client.post(reverse("admin:tracker_unit_delete", args=[unit.pk]), {"post": "yes"})
    assert not Unit.objects.filter(pk=unit.pk).exists()
    assert events("unitalias", alias.pk)[-1][0] == "delete"
    assert AuditEvent.objects.get(entity="unit", entity_id=unit.pk, action="delete").actor == root


def test_admin_deletes_inline_aliases_and_assignments_audited(client, root, make):
    client.force_login(root)
    unit = make.unit()
    alias = services.entity_save(instance=UnitAlias(unit=unit, alias="旧称"), actor=None)
    url = reverse("admin:tracker_unit_change", args=[unit.pk])
    removed = client.post(url, form_data(client.get(url), **{"aliases-0-DELETE": "on"}))
    assert removed.status_code == 302
    assert events("unitalias", alias.pk)[-1][0] == "delete"

    target = make.target(units=(unit, make.unit()))
    support = Assignment.objects.get(target=target, role="support")
    url = reverse("admin:tracker_target_change", args=[target.pk])
    page = client.get(url)
    response = client.post(url, form_data(page, **{"assignments-1-DELETE": "on"}))
    assert response.status_code == 302
    assert events("assignment", support.pk)[-1][0] == "delete"


def test_admin_refuses_an_inline_delete_on_a_locked_target_with_a_message(client, root, make):
    client.force_login(root)
    target = make.target(units=(make.unit(), make.unit()))
    make.outcome(target)
    services.target_lock(target=target, actor=root)
    url = reverse("admin:tracker_target_change", args=[target.pk])
    response = client.post(url, form_data(client.get(url), **{"assignments-1-DELETE": "on"}))
    assert response.status_code == 200
    assert "已锁定" in " ".join(response.context["adminform"].form.non_field_errors())
    assert Assignment.objects.filter(target=target).count() == 2
    assert not events("assignment", Assignment.objects.filter(target=target).first().pk)[1:]


@pytest.mark.parametrize("model", ADMIN_NEVER, ids=lambda m: m._meta.model_name)
def test_admin_never_offers_to_delete(client, root, make, model):
    client.force_login(root)
    target = make.target()
    outcome = make.outcome(target)
    rows = {
        Target: target,
        Document: outcome.document,
        Outcome: outcome,
        AuditEvent: AuditEvent.objects.first(),
        User: make.user("leaver"),
        AccessAttempt: AccessAttempt.objects.create(
            username="x", ip_address="127.0.0.9", user_agent="t", failures_since_start=9
        ),
    }
    row = rows[model]
    opts = model._meta
    delete = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[row.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    changelist = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    action_form = changelist.context["action_form"]
    offered = dict(action_form.fields["action"].choices) if action_form else {}
    assert "delete_selected" not in offered
    assert model.objects.filter(pk=row.pk).exists()
