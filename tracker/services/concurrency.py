"""Optimistic concurrency: the later of two saves is refused, never applied.

Every editable row carries a ``version`` (``tracker/schema/``). A person
edits the version they loaded; the services compare it with the stored one
and refuse a save made from an older version, naming who changed the row
and when (from the audit trail). The bump itself is a compare-and-set
``UPDATE … WHERE version = N``, so two transactions that both read version N
cannot both write N + 1, on PostgreSQL or SQLite alike.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from tracker.services.audit import last_event


def person_name(user: Any) -> str:
    """How a person is named in messages: full name, else the username."""
    if user is None:
        return _("系统（无操作人）")
    return user.get_full_name() or user.get_username()


class StaleEdit(ValidationError):
    """A save made from an older version of the row. Carries the row's
    current version so a form can keep the person's input and let them save
    again knowingly."""

    def __init__(self, instance: models.Model, *, yours: int, current: int) -> None:
        event = last_event(instance)
        if event is not None:
            who = person_name(event.actor)
            when = timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S")
        else:
            who, when = _("他人"), _("时间不详")
        message = _(
            "“%(record)s”已被%(person)s于%(when)s修改（您打开的是第%(yours)d版，"
            "现为第%(current)d版），您的保存未执行。"
        ) % {"record": instance, "person": who, "when": when, "yours": yours, "current": current}
        super().__init__(message, code="stale")
        self.model = type(instance)
        self.pk = instance.pk
        self.current = current
        self.changed_by = who


def check_version(instance: models.Model, *, yours: int | None, current: int) -> None:
    """Refuse when the version the person edited is not the stored one;
    ``yours=None`` means the caller holds no loaded version (a state change
    such as approve, whose own rules decide)."""
    if yours is not None and yours != current:
        raise StaleEdit(instance, yours=yours, current=current)


def claim_next_version(model: type[models.Model], pk: Any, current: int) -> int:
    """Move the stored row from ``current`` to ``current + 1`` (compare and
    set); refuse if another transaction got there first."""
    claimed = model._default_manager.filter(pk=pk, version=current).update(version=current + 1)
    if claimed != 1:
        stored = model._default_manager.filter(pk=pk).first()
        raise StaleEdit(
            stored if stored is not None else model(pk=pk),
            yours=current,
            current=getattr(stored, "version", current),
        )
    return current + 1
