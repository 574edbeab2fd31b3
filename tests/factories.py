"""Small factories for tests: real rows, written through the services."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from tracker import services
from tracker.models import Assignment, Document, Outcome, Plan, Target, Unit

_seq = itertools.count(1)


def user(username: str | None = None, *, groups: tuple[str, ...] = (), **extra):
    from django.contrib.auth.models import Group

    created = get_user_model().objects.create_user(
        username=username or f"user{next(_seq)}", password="pw-for-tests-only", **extra
    )
    for name in groups:
        created.groups.add(Group.objects.get(name=name))
    return created


def plan(**fields) -> Plan:
    n = next(_seq)
    values = {
        "slug": f"plan-{n}",
        "title": f"测试方案{n}",
        "period_start": date(2020, 1, 1),
        "period_end": date(2020, 12, 31),
    }
    values.update(fields)
    return services.entity_save(instance=Plan(**values), actor=None, via="test")


def unit(name: str | None = None, **fields) -> Unit:
    return services.entity_save(
        instance=Unit(name=name or f"单位{next(_seq)}", **fields), actor=None, via="test"
    )


def document(text: str = "2020年,技改投资增长29%。", **fields) -> Document:
    n = next(_seq)
    values = {
        "slug": f"doc-{n}",
        "title": f"测试文件{n}",
        "kind": "reply",
        "published_on": date(2021, 3, 1),
        "text": text,
    }
    values.update(fields)
    return services.entity_save(instance=Document(**values), actor=None, via="test")


def target(plan_: Plan | None = None, *, units: tuple[Unit, ...] = (), **fields) -> Target:
    the_plan = plan_ or plan()
    values = {
        "plan": the_plan,
        "code": f"T{next(_seq)}",
        "statement": "技改投资增长20%以上",
        "indicator": "技改投资增速",
        "comparator": "at_least",
        "value": Decimal("20"),
        "unit": "%",
        "measure": "rate",
        "period_start": the_plan.period_start,
        "period_end": the_plan.period_end,
    }
    values.update(fields)
    created = services.entity_save(instance=Target(**values), actor=None, via="test")
    for position, responsible in enumerate(units):
        services.entity_save(
            instance=Assignment(
                target=created,
                unit=responsible,
                role="lead" if position == 0 else "support",
                position=position,
            ),
            actor=None,
            via="test",
        )
    return created


def outcome(
    target_: Target,
    *,
    actor=None,
    document_: Document | None = None,
    quote: str | None = None,
    approved: bool = True,
    **fields,
) -> Outcome:
    """An outcome whose quote is really in its document (made to fit)."""
    value = fields.pop("value", Decimal("29"))
    unit_text = fields.pop("unit", target_.unit)
    quote = quote or f"增长{value}{unit_text}"
    doc = document_ or document(text=f"据统计,{quote}。")
    values = {
        "target": target_,
        "document": doc,
        "value": value,
        "unit": unit_text,
        "period_start": target_.period_start,
        "period_end": target_.period_end,
        "quote": quote,
    }
    values.update(fields)
    return services.outcome_create(actor=actor, approved=approved, via="test", **values)


def importer(role: str = "planner") -> str:
    """The username of a person an import is recorded under (created once
    per test): approved plan imports and outcome CSVs need one."""
    from django.contrib.auth.models import Group

    username = f"{role}-importer"
    created, made = get_user_model().objects.get_or_create(username=username)
    if made:
        created.groups.add(Group.objects.get(name=role))
    return username
