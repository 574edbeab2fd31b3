"""The data every page of the browser matrix shows: the demo plans (the real
seed documents, imported as ``manage.py demo`` does) plus a small plan that
brings what the demo lacks, so that every status colour, every review state
and every kind of document passage is on some page a role visits.

Built once per module (``conftest.demo_world``). The tracker's tables are not
flushed between transactional tests, Django's are: the users are therefore
made again for each test (``make_users``), under fixed ids so that the
outcomes' ``entered_by`` still points at them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from tests import factories as make
from tracker import services
from tracker.models import Assessment, Document, Outcome, Plan, Target, Unit
from tracker.roles import ensure_roles
from tracker.vocabulary import STATUSES

PLAN_FILES = sorted((Path(settings.BASE_DIR) / "fixtures" / "plans").glob("*.toml"))

# username -> (fixed id, group, is_staff). "reviewer" is a second supervisor:
# the author of the outcomes in the supervisor's queue.
USERS = {
    "planner": (9101, "planner", True),
    "supervisor": (9102, "supervisor", True),
    "reviewer": (9103, "supervisor", True),
    "manager": (9104, "manager", False),
    "auditor": (9105, "auditor", False),
}


@dataclass(frozen=True)
class World:
    """What the page specs point at (``tests.browser.matrix``)."""

    demo_plan: Plan
    plan: Plan
    plan_document: Document
    reply: Document
    unit: Unit
    target: Target
    outcome: Outcome


def make_users() -> None:
    """The role users, under their fixed ids (again after every flush)."""
    ensure_roles()
    for username, (pk, group, staff) in USERS.items():
        user, _created = get_user_model().objects.update_or_create(
            pk=pk, defaults={"username": username, "is_staff": staff}
        )
        user.groups.set([Group.objects.get(name=group)])


def build() -> World:
    make_users()
    call_command(
        "import_plan", *map(str, PLAN_FILES), approved=True, user="planner", verbosity=0
    )
    users = {name: get_user_model().objects.get(username=name) for name in USERS}
    world = _supplement(users)
    shown = set(Assessment.objects.values_list("status", flat=True))
    missing = set(STATUSES) - shown
    assert not missing, f"the browser world shows no target with status {sorted(missing)}"
    return world


QUOTES = {
    "met": "2020年全市技改投资同比增长29%",
    "missed": "全年完成工业投资650亿元",
    "incomparable": "全年新增智能工厂12家",
    "interim": "2024年战略性新兴产业占规上工业比重达到25%",
    "proxy": "2023年高技术制造业占规上工业比重为24%",
    "pending": "2025年战略性新兴产业占规上工业比重提高到26%",
    "queued": "2021年全市技改投资增长31%",
    "own": "2021年工业投资完成720亿元",
    "draft": "2022年全市技改投资增长18%",
    "returned": "2022年工业投资完成680亿元",
    "indeterminate": "全年签约制造业项目投资额超过1400亿元",
}


def _supplement(users: dict) -> World:
    """A plan whose targets end in the statuses the demo data lacks (met and
    missed on final evidence, off track, no data, incomparable, indeterminate),
    and outcomes in every review state."""
    document = make.document(
        text="关于制造业发展情况的答复：" + "；".join(QUOTES.values()) + "。",
        slug="a11y-reply",
        title="关于制造业高质量发展情况的答复",
        issuer="郑州市工业和信息化局",
    )
    plan = make.plan(
        slug="a11y-statuses",
        title="郑州市制造业发展监测示例方案",
        issuer="郑州市人民政府办公厅",
        jurisdiction="郑州市",
        period_start=date(2020, 1, 1),
        period_end=date(2030, 12, 31),
    )
    gxj = Unit.objects.get(name="市工信局")
    fgw = make.unit("市统计局")
    met = make.target(plan, code="示.1", units=(gxj, fgw), statement="技改投资增长20%以上")
    missed = make.target(
        plan,
        code="示.2",
        units=(fgw,),
        statement="全年工业投资达到700亿元",
        indicator="工业投资额",
        value=Decimal("700"),
        unit="亿元",
        measure="flow",
    )
    share = make.target(
        plan,
        code="示.3",
        units=(gxj,),
        statement="到2030年战略性新兴产业占规上工业比重达到60%以上",
        indicator="战略性新兴产业占比",
        value=Decimal("60"),
        period_start=date(2021, 1, 1),
        period_end=date(2030, 12, 31),
        baseline_value=Decimal("22.8"),
        baseline_date=date(2020, 12, 31),
        measure="level",
    )
    make.target(
        plan,
        code="示.4",
        units=(gxj,),
        statement="2027年全市新增绿色工厂10家以上",
        indicator="新增绿色工厂数",
        value=Decimal("10"),
        unit="家",
        measure="flow",
        period_start=date(2026, 1, 1),
        period_end=date(2027, 12, 31),
    )
    odd = make.target(
        plan,
        code="示.5",
        units=(fgw,),
        statement="智能工厂占比达到15%",
        indicator="智能工厂占比",
        measure="level",
    )

    def outcome(target, key, value, unit="%", *, start=None, end=None, **fields) -> Outcome:
        return make.outcome(
            target,
            document_=document,
            quote=QUOTES[key],
            value=Decimal(value),
            unit=unit,
            period_start=start or target.period_start,
            period_end=end or target.period_end,
            **fields,
        )

    outcome(met, "met", "29", actor=users["planner"])
    outcome(missed, "missed", "650", "亿元", actor=users["planner"])
    # A figure in a unit of another dimension is kept and yields incomparable.
    outcome(odd, "incomparable", "12", "家", actor=users["planner"])
    # "More than 1400" against "1500 or more": could be either (DESIGN.md 4).
    signed = make.target(
        plan,
        code="示.6",
        units=(gxj,),
        statement="全年签约制造业项目投资额1500亿元以上",
        indicator="签约制造业项目投资额",
        value=Decimal("1500"),
        unit="亿元",
        measure="flow",
        period_start=date(2020, 1, 1),
        period_end=date(2020, 12, 31),
    )
    outcome(
        signed, "indeterminate", "1400", "亿元", qualifier="more_than", actor=users["planner"]
    )
    year = {"start": date(2024, 1, 1), "end": date(2024, 12, 31)}
    interim = outcome(share, "interim", "25", actor=users["planner"], **year)
    outcome(
        share,
        "proxy",
        "24",
        start=date(2023, 1, 1),
        end=date(2023, 12, 31),
        is_proxy=True,
        reported_indicator="高技术制造业占比",
        actor=users["planner"],
    )
    # The supervisor's queue: others' submissions first, then one of their own;
    # their drafts and returned outcomes below it.
    later = {"start": date(2021, 1, 1), "end": date(2021, 12, 31)}
    reviewer, supervisor = users["reviewer"], users["supervisor"]
    for target, key, value in ((share, "pending", "26"), (met, "queued", "31")):
        span = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)} if key == "pending" else later
        made = outcome(target, key, value, actor=reviewer, approved=False, **span)
        services.outcome_submit(outcome=made, actor=reviewer)
    own = outcome(missed, "own", "720", "亿元", actor=supervisor, approved=False, **later)
    services.outcome_submit(outcome=own, actor=supervisor)
    returned = outcome(missed, "returned", "680", "亿元", actor=supervisor, approved=False, **later)
    services.outcome_submit(outcome=returned, actor=supervisor)
    services.outcome_return(outcome=returned, actor=reviewer, comment="请补充统计口径和出处页码")
    outcome(
        met,
        "draft",
        "18",
        actor=supervisor,
        approved=False,
        start=date(2022, 1, 1),
        end=date(2022, 12, 31),
    )
    return World(
        demo_plan=Plan.objects.get(slug="zz-2020-manufacturing"),
        plan=plan,
        plan_document=Document.objects.get(slug="zz-2020-manufacturing-plan"),
        reply=document,
        unit=gxj,
        target=share,
        outcome=interim,
    )
