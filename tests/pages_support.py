"""What the page tests share: a small report with one target per kind of
verdict, users of each role, and a query counter.

The report (a 2020 plan; statuses as of today, so every period is over):

| code | target | units (lead first) | evidence | status |
| --- | --- | --- | --- | --- |
| T-MET | 技改投资增长20%以上 (力争) | 市工信局, 市发展改革委 | 29% for 2020 | met · final |
| T-MISS | 工业投资达到700亿元 | 市发展改革委, 市工信局 | 650亿元 for 2020 | missed · final |
| T-LATER | 增加值增长7%左右 | 市工信局 | 8.5% for 2023 | met · later |
| T-NONE | 新增绿色工厂5家以上 | 市生态环境局 | none | overdue |
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as make
from tracker.models import Outcome, Plan, Target, Unit

ROLES = ("planner", "supervisor", "manager", "auditor")


@dataclass
class Report:
    plan: Plan
    gxj: Unit
    fgw: Unit
    sthj: Unit
    met: Target
    missed: Target
    later: Target
    none: Target
    met_outcome: Outcome
    missed_outcome: Outcome
    later_outcome: Outcome


def report() -> Report:
    plan = make.plan(slug="zz-2020", title="郑州市2020年制造业高质量发展实施方案")
    gxj, fgw, sthj = make.unit("市工信局"), make.unit("市发展改革委"), make.unit("市生态环境局")
    met = make.target(
        plan,
        code="T-MET",
        units=(gxj, fgw),
        statement="力争技改投资增长20%以上",
        commitment="aspirational",
    )
    missed = make.target(
        plan,
        code="T-MISS",
        units=(fgw, gxj),
        statement="全年工业投资达到700亿元",
        indicator="工业投资额",
        value=Decimal("700"),
        unit="亿元",
        measure="flow",
    )
    later = make.target(
        plan,
        code="T-LATER",
        units=(gxj,),
        statement="主导产业占全市工业的比重达到75%左右",
        indicator="主导产业占全市工业比重",
        comparator="about",
        value=Decimal("75"),
        measure="level",
    )
    none = make.target(
        plan,
        code="T-NONE",
        units=(sthj,),
        statement="新增绿色工厂5家以上",
        indicator="新增绿色工厂数",
        value=Decimal("5"),
        unit="家",
        measure="flow",
    )
    met_outcome = make.outcome(met, value=Decimal("29"), quote="2020年技改投资增长29%")
    missed_outcome = make.outcome(
        missed, value=Decimal("650"), unit="亿元", quote="全年完成工业投资650亿元"
    )
    later_outcome = make.outcome(
        later,
        value=Decimal("84.5"),
        quote="2023年主导产业占比达到84.5%",
        period_start=date(2023, 1, 1),
        period_end=date(2023, 12, 31),
    )
    return Report(
        plan, gxj, fgw, sthj, met, missed, later, none, met_outcome, missed_outcome, later_outcome
    )


def add_targets(plan: Plan, count: int, *, units: tuple[Unit, ...] = ()) -> None:
    """More targets, each with approved evidence and its own units, to show
    that a page's query count does not grow with its rows."""
    for _ in range(count):
        target = make.target(plan, units=units or (make.unit(), make.unit()))
        make.outcome(target)


def queries(client, url: str) -> int:
    """Queries one GET of ``url`` runs (the page must answer 200)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            b"".join(response.streaming_content)
    return len(captured)


def user_with_role(role: str, username: str | None = None):
    return make.user(username or f"{role}-user", groups=(role,))
