"""What the import commands share: who the actor is, a migrated database,
and one error message listing every problem."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import connection
from django.utils.translation import gettext as _

from tracker.imports.problems import ImportFailed


def import_actor(username: str | None, *, permission: str) -> Any:
    """The user an import is recorded under; None for a system import.
    The user must exist, be active and hold ``permission``."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None or not user.is_active:
        raise CommandError(_("用户“%(name)s”不存在或已停用") % {"name": username})
    if not user.has_perm(permission):
        raise CommandError(
            _("用户“%(name)s”没有导入所需的权限（%(permission)s）")
            % {"name": username, "permission": permission}
        )
    return user


def require_migrated() -> None:
    if "tracker_plan" not in connection.introspection.table_names():
        raise CommandError(_("数据库尚未建表：请先运行 manage.py migrate"))


def failure(error: ImportFailed) -> CommandError:
    lines = [
        _("导入未执行，没有写入任何数据。共 %(count)d 个问题：") % {"count": len(error.problems)}
    ]
    lines += [str(problem) for problem in error.problems]
    return CommandError("\n".join(lines))
