"""Options shared by ``export_attainment`` and ``attainment``: a date, plans
by slug and a unit by name or alias, each refused with a clear message.

(Django ignores modules in ``commands/`` whose name starts with ``_``.)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from tracker.models import Plan, Unit, UnitAlias

# The plans' own calendar: a target is overdue from the day after its period
# ends in China, whatever the server's clock says.
SHANGHAI = ZoneInfo("Asia/Shanghai")


def today_in_shanghai() -> date:
    return timezone.localdate(timezone=SHANGHAI)


def parse_as_of(value: str | None) -> date:
    """``YYYY-MM-DD``, or today in Asia/Shanghai when not given."""
    if value is None:
        return today_in_shanghai()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(
            _("日期无效：“%(value)s”，应为YYYY-MM-DD，如2021-06-30。") % {"value": value}
        ) from None


def plan_ids_for(slugs: Sequence[str]) -> list[int]:
    """The ids of the plans named by slug, in the order given; every unknown
    slug is reported at once."""
    wanted = list(dict.fromkeys(slug.strip() for slug in slugs))
    found = dict(Plan.objects.filter(slug__in=wanted).values_list("slug", "id"))
    missing = [slug for slug in wanted if slug not in found]
    if missing:
        raise CommandError(_("未知的规划标识：%(slugs)s。") % {"slugs": "、".join(missing)})
    return [found[slug] for slug in wanted]


def unit_for(name: str) -> Unit:
    """A unit by its name or one of its aliases (市发改委 = 市发展改革委)."""
    name = name.strip()
    found = Unit.objects.filter(name=name).first()
    if found is None:
        alias = UnitAlias.objects.select_related("unit").filter(alias=name).first()
        found = alias.unit if alias is not None else None
    if found is None:
        raise CommandError(_("未知的责任单位：“%(name)s”（名称或别名均未找到）。") % {"name": name})
    return found
