"""Stored rollups (``tracker_plan_rollup``, ``tracker_unit_rollup``) never
disagree with a full recomputation over the stored statuses, whatever the
writes (docs/architecture.md section 8; the numbers: docs/attainment.md
section 7)."""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import services
from tracker.analytics import assessments, stored_rollups
from tracker.analytics.rollups import (
    plan_rollup_select,
    unassigned_rollup_select,
    unit_rollup_select,
)
from tracker.db import run_select
from tracker.models import Assignment, Outcome, Plan, PlanRollup, Target, UnitRollup
from tracker.schema import ROLLUP_COUNT_COLUMNS

pytestmark = pytest.mark.django_db

RUNNING = (date(2030, 1, 1), date(2030, 12, 31))
OVER = (date(2020, 1, 1), date(2020, 12, 31))
PUBLISHED = (date(2021, 3, 1), date(2031, 3, 1), None)
DAYS = (date(2021, 1, 1), date(2021, 3, 1), date(2030, 7, 1), date(2031, 1, 1), date(2031, 6, 1))


def _counts(row) -> tuple[int, ...]:
    return tuple(int(row[name] or 0) for name in ROLLUP_COUNT_COLUMNS)


def recomputed() -> tuple[dict, dict]:
    """Every rollup row, aggregated now from the stored statuses."""
    plans = {int(row["id"]): _counts(row) for row in run_select(plan_rollup_select())}
    units = {}
    for scope, lead_only in (("lead", True), ("all", False)):
        for plan_id in (None, *Plan.objects.values_list("pk", flat=True)):
            rows = run_select(unit_rollup_select(lead_only=lead_only, plan_id=plan_id))
            rows += run_select(unassigned_rollup_select(lead_only=lead_only, plan_id=plan_id))
            for row in rows:
                units[(scope, plan_id, row["id"])] = _counts(row)
    return plans, units


def stored() -> tuple[dict, dict]:
    plans = {row.plan_id: _counts(row.__dict__) for row in PlanRollup.objects.all()}
    units = {}
    for row in UnitRollup.objects.all():
        key = (row.scope, row.plan_id, row.unit_id)
        assert key not in units, f"two stored rows for {key}"
        units[key] = _counts(row.__dict__)
    return plans, units


# One write: (kind, choice of row, a parameter).
writes = st.lists(
    st.tuples(
        st.sampled_from(
            (
                "target",
                "outcome",
                "withdraw",
                "assign_lead",
                "assign_support",
                "unassign",
                "move",
                "edit",
                "day",
            )
        ),
        st.integers(min_value=0, max_value=7),
        st.integers(min_value=0, max_value=4),
    ),
    min_size=1,
    max_size=10,
)


def apply(write, world, make) -> None:
    kind, pick, param = write
    plans, units = world["plans"], world["units"]
    targets = list(Target.objects.order_by("pk"))
    if kind == "target" or not targets:
        period = RUNNING if param % 2 else OVER
        make.target(plans[pick % 2], period_start=period[0], period_end=period[1])
        return
    chosen = targets[pick % len(targets)]
    if kind == "outcome":
        interim = param % 2 and chosen.period_end == RUNNING[1]
        end = date(2030, 6, 30) if interim else chosen.period_end
        document = make.document(
            text=f"据统计,增长{10 + param * 5}%。", published_on=PUBLISHED[param % 3]
        )
        make.outcome(
            chosen,
            value=Decimal(10 + param * 5),
            document_=document,
            quote=f"增长{10 + param * 5}%",
            period_end=end,
        )
    elif kind == "withdraw":
        live = list(Outcome.objects.filter(target=chosen, state="approved").order_by("pk"))
        if live:
            services.outcome_withdraw(outcome=live[0], actor=None, reason="引述有误")
    elif kind in ("assign_lead", "assign_support"):
        role = "lead" if kind == "assign_lead" else "support"
        # Refused (already led by another unit): nothing written.
        with suppress(ValidationError):
            services.assignments_add(
                targets=[chosen], unit=units[param % len(units)], role=role, actor=None
            )
    elif kind == "unassign":
        existing = list(Assignment.objects.filter(target=chosen).order_by("pk"))
        if existing:
            services.entity_delete(instance=existing[param % len(existing)], actor=None)
    elif kind == "move":
        chosen.plan = plans[1] if chosen.plan_id == plans[0].pk else plans[0]
        services.entity_save(instance=chosen, actor=None)
    elif kind == "edit":
        chosen.value = Decimal(5 + param * 10)
        services.entity_save(instance=chosen, actor=None)
    elif kind == "day":
        assessments.refresh_due(DAYS[param])


# Each example writes up to 10 rows through the services and compares every
# rollup row after each write (about 0.5 s on an idle machine, 2.5 s on
# PostgreSQL on a slow one): 30 examples keep it near a minute per database
# there (50 took 127 s, the suite's slowest test); derandomized under the ci
# profile.
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sequence=writes, day=st.sampled_from(DAYS))
def test_stored_rollups_equal_a_full_recomputation(make, sequence, day):
    # One savepoint per example, rolled back: examples never see each other.
    with transaction.atomic():
        span = {"period_start": date(2020, 1, 1), "period_end": date(2030, 12, 31)}
        world = {
            "plans": [make.plan(**span), make.plan(**span)],
            "units": [make.unit(), make.unit(), make.unit()],
        }
        for write in sequence:
            apply(write, world, make)
            assert stored() == recomputed(), f"after {write}"
        # The daily refresh: incremental, yet every status as a full one
        # computes it, and the rollups still in step.
        assessments.refresh_due(day)
        expected = assessments.compute(as_of=day)
        stored_statuses = {
            row["target_id"]: row["status"] for row in run_select(assessments.assessment.select())
        }
        assert stored_statuses == {key: found.status for key, found in expected.items()}
        assert stored() == recomputed()
        transaction.set_rollback(True)


def test_a_full_rebuild_writes_the_same_rows(make):
    plan = make.plan()
    lead, support = make.unit(), make.unit()
    make.target(plan, units=(lead, support))
    make.target(plan)
    supported = make.target(plan)
    services.assignments_add(targets=[supported], unit=support, role="support", actor=None)
    make.outcome(supported, value=Decimal("10"))
    before = stored()
    stored_rollups.rebuild()
    assert stored() == before == recomputed()
    # The unassigned rows (unit NULL) per plan and over every plan, both scopes.
    assert before[1][("lead", plan.pk, None)][0] == 2
    assert before[1][("all", None, None)][0] == 1


def test_deleting_a_unit_with_its_assignments_keeps_the_rows_in_step(make):
    plan = make.plan()
    unit = make.unit()
    assignment_target = make.target(plan, units=(unit,))
    services.entity_delete(instance=Assignment.objects.get(target=assignment_target), actor=None)
    services.entity_delete(instance=unit, actor=None)
    assert stored() == recomputed()
    assert not UnitRollup.objects.filter(unit_id=unit.pk).exists()


def test_a_deferred_block_rewrites_each_plan_once_at_its_end(make):
    plan = make.plan()
    unit = make.unit()
    with transaction.atomic(), stored_rollups.deferred():
        for _ in range(3):
            make.target(plan, units=(unit,))
        # Not yet: the rows wait for the end of the block.
        assert not PlanRollup.objects.filter(plan=plan).exists()
    assert PlanRollup.objects.get(plan=plan).targets == 3
    assert stored() == recomputed()
