"""People: deactivated, never deleted once they have left a trace.

Tracker rows name people by plain user id (no database foreign key into
Django's ``auth_user``, docs/architecture.md section 4), so deleting a user
would leave outcomes, locks and audit events pointing at nobody. A person who leaves is
deactivated (they can no longer sign in; their name stays on what they
did), and the change is audited. A ``pre_delete`` guard refuses deleting a
user that any tracker row names, whatever the entry point (admin, shell).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tracker.models import AuditEvent, Outcome, Target
from tracker.services.audit import audit_record, diff

# What an audit event says about a user (no password hash, no last login).
USER_FIELDS = ("username", "first_name", "last_name", "email", "is_active", "is_staff")


def user_snapshot(user: Any) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(user, name) for name in USER_FIELDS}
    values["is_superuser"] = user.is_superuser
    if user.pk is not None:
        values["groups"] = sorted(user.groups.values_list("name", flat=True))
    return values


def references(user_id: int) -> int:
    """How many tracker rows name this user."""
    outcomes = Outcome.objects.filter(
        Q(entered_by_id=user_id)
        | Q(last_edited_by_id=user_id)
        | Q(reviewed_by_id=user_id)
        | Q(withdrawn_by_id=user_id)
    ).count()
    return (
        outcomes
        + Target.objects.filter(locked_by_id=user_id).count()
        + AuditEvent.objects.filter(actor_id=user_id).count()
    )


def refuse_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    """``pre_delete`` receiver for the user model."""
    count = references(instance.pk)
    if count:
        raise ValidationError(
            _("用户“%(name)s”有 %(count)d 条操作记录，不能删除：请停用该账号。")
            % {"name": instance.get_username(), "count": count},
            code="user_referenced",
        )


def user_record_change(*, user: Any, before: dict[str, Any], actor: Any, via: str) -> None:
    """Audit a change made to a user (admin form): activation changes as
    ``deactivate``/``reactivate``, anything else as ``create``/``update``."""
    after = user_snapshot(user)
    changes = diff(before, after)
    if before and not changes:
        return
    if not before:
        action = "create"
    elif "is_active" in changes:
        action = "reactivate" if user.is_active else "deactivate"
    else:
        action = "update"
    audit_record(actor=actor, action=action, instance=user, changes=changes, via=via)


@transaction.atomic
def user_set_active(*, user: Any, active: bool, actor: Any, via: str = "") -> Any:
    """Deactivate (or reactivate) an account; a person cannot lock
    themselves out this way."""
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if not active and actor is not None and actor.pk == user.pk:
        raise ValidationError(_("不能停用自己的账号。"), code="self_deactivation")
    if user.is_active == active:
        return user
    before = user_snapshot(user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    user_record_change(user=user, before=before, actor=actor, via=via)
    return user
