"""Foreign keys: the target and what a delete does, on both sides.

Django runs ``on_delete`` itself (the admin's confirmation page, the
services' audit trail) and the database runs ``ON DELETE``; a row deleted in
SQL must meet the same rule as one deleted through Django, so they must
agree.
"""

from __future__ import annotations

import sqlalchemy as sa
from django.db import models

from tracker.drift.problems import Drift

# Django's on_delete -> the ON DELETE actions that enforce the same rule.
# PROTECT and RESTRICT refuse the delete: RESTRICT or NO ACTION (the default,
# checked at the end of the statement) both refuse it.
ON_DELETE: dict[object, frozenset[str]] = {
    models.CASCADE: frozenset({"CASCADE"}),
    models.PROTECT: frozenset({"RESTRICT", "NO ACTION"}),
    models.RESTRICT: frozenset({"RESTRICT", "NO ACTION"}),
    models.SET_NULL: frozenset({"SET NULL"}),
}


def _on_delete_name(field: models.ForeignKey) -> str:
    return getattr(field.remote_field.on_delete, "__name__", repr(field.remote_field.on_delete))


def relation_problems(field: models.Field, column: sa.Column) -> list[Drift]:
    """The column's foreign keys against the field's relation."""
    where = f"{column.table.name}.{column.name}"
    foreign_keys = list(column.foreign_keys)
    targets = {(fk.column.table.name, fk.column.name) for fk in foreign_keys}
    if not (isinstance(field, models.ForeignKey) and field.db_constraint):
        if targets:
            return [
                Drift(
                    where,
                    "undeclared_foreign_key",
                    f"foreign key {sorted(targets)} that the model does not declare",
                )
            ]
        if (
            isinstance(field, models.ForeignKey)
            and field.remote_field.on_delete is not models.DO_NOTHING
        ):
            # Without a database constraint nothing links the rows: Django
            # cascading (or refusing) on its own would be a rule SQL ignores.
            return [
                Drift(
                    where,
                    "on_delete",
                    f"on_delete={_on_delete_name(field)} without a database foreign key "
                    "(use DO_NOTHING)",
                )
            ]
        return []
    expected = (field.related_model._meta.db_table, field.target_field.column)
    if targets != {expected}:
        return [
            Drift(
                where, "foreign_key", f"foreign key {sorted(targets)} but the model says {expected}"
            )
        ]
    allowed = ON_DELETE.get(field.remote_field.on_delete)
    if allowed is None:
        return [
            Drift(
                where,
                "no_on_delete_rule",
                f"no ON DELETE rule for on_delete={_on_delete_name(field)}",
            )
        ]
    actual = (foreign_keys[0].ondelete or "NO ACTION").upper()
    if actual not in allowed:
        return [
            Drift(
                where,
                "on_delete",
                f"ON DELETE {actual} but the model says on_delete={_on_delete_name(field)}",
            )
        ]
    return []
