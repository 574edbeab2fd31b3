"""Fields every model repeats: who did it, when, the row's version, notes;
each says once why it is declared the way it is.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

FIGURE = {"max_digits": 24, "decimal_places": 6}


def _user(related_name: str, verbose_name: str) -> models.ForeignKey:
    # No database foreign key into auth_user: Django owns that table, Alembic
    # owns ours, and neither should depend on the other's migrations. No index
    # either: the lookups by person (a user's drafts) filter by state first.
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )


def _created_at() -> models.DateTimeField:
    return models.DateTimeField(_("创建时间"), auto_now_add=True, db_default=Now())


def _updated_at() -> models.DateTimeField:
    return models.DateTimeField(_("修改时间"), auto_now=True, db_default=Now())


def _version() -> models.IntegerField:
    # Checked and raised by the services on every write (optimistic
    # concurrency); the admin carries it in a hidden field.
    return models.IntegerField(_("版本"), default=1, db_default=1)


def _notes() -> models.TextField:
    return models.TextField(_("备注"), blank=True, default="", db_default="")
