"""The synthetic rows, plan by plan: plain Python, seeded.

Each target gets a scenario that decides its status as of ``today``
(docs/attainment.md: grades and statuses): a final figure that meets,
misses or straddles the target, or is in a unit of another dimension; a
later figure only (indicative); interim months only (on or off track while
the period runs, overdue once it is over); nothing approved (no data, or
overdue). Past plans (ending at least a year before ``today``) carry the
verdicts, current plans (running from last year to next year) the track
statuses. The first plan is a past one, the second a current one, and their
first targets take every scenario in turn, so every status and every
evidence grade occurs in any run of at least 2 plans of 8 targets.

A target has exactly ``outcomes_per_target`` outcomes: its best evidence,
then figures that cannot outrank it (earlier interim months, a baseline
year before a level target, last year's rate as context, drafts, submitted,
returned and withdrawn figures). Every quote occurs verbatim in its
document's text at its stored offsets; documents are bulletins per plan and
publication date, published 20 days after the period they report (never
after ``today``).

This module draws the plans, their targets and assignments; a target's
outcomes and the bulletins quoting them are ``tracker.synthetic.outcomes``;
the columns, ids and sizes they share are ``tracker.synthetic.rows``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

from tracker.domain import UnitRegistry
from tracker.domain.display import format_decimal
from tracker.synthetic.outcomes import OutcomeRows
from tracker.synthetic.rows import Ids, PlanRows, Sizes, _pick

# (indicator, measure, unit, low, high, direction)
INDICATORS: tuple[tuple[str, str, str, int, int, str], ...] = (
    ("规模以上工业增加值增速", "rate", "%", 5, 10, "higher"),
    ("技改投资增速", "rate", "%", 10, 25, "higher"),
    ("数字经济核心产业增加值增速", "rate", "%", 8, 15, "higher"),
    ("高技术产业增加值占比", "level", "%", 15, 45, "higher"),
    ("城镇调查失业率", "level", "%", 3, 6, "lower"),
    ("高新技术企业数量", "level", "家", 200, 3000, "higher"),
    ("5G基站数量", "level", "个", 1000, 20000, "higher"),
    ("工业投资", "flow", "亿元", 100, 1000, "higher"),
    ("固定资产投资", "flow", "亿元", 500, 5000, "higher"),
    ("新增光伏装机容量", "flow", "万千瓦", 10, 200, "higher"),
    ("粮食产量", "flow", "万吨", 50, 500, "higher"),
    ("新增造林面积", "flow", "万亩", 5, 50, "higher"),
)
COMPARATORS = {
    "higher": (("at_least", 40), ("about", 25), ("more_than", 15), ("range", 20)),
    "lower": (("at_most", 40), ("less_than", 25), ("about", 15), ("range", 20)),
}
PAST = (
    ("met_final", 30),
    ("missed_final", 20),
    ("indeterminate_final", 4),
    ("incomparable_final", 2),
    ("met_later", 6),
    ("missed_later", 4),
    ("overdue_interim", 10),
    ("overdue_none", 8),
)
CURRENT = (
    ("on_track", 35),
    ("off_track", 20),
    ("no_data", 25),
    ("indeterminate_interim", 4),
    ("incomparable_interim", 3),
)
_COMPARATOR_TEXT = {
    "at_least": "{v}{u}以上",
    "more_than": "超过{v}{u}",
    "at_most": "控制在{v}{u}以内",
    "less_than": "低于{v}{u}",
    "about": "{v}{u}左右",
    "range": "{v}-{h}{u}",
}
_NUMERALS = "一二三四五六七八九十"


class Generator(OutcomeRows):
    """Rows for every plan, one plan at a time (``plans()``)."""

    def __init__(self, sizes: Sizes, *, today: date, registry: UnitRegistry) -> None:
        if sizes.plans < 1 or sizes.targets_per_plan < 1 or sizes.outcomes_per_target < 0:
            raise ValueError("sizes must be positive")
        self.sizes = sizes
        self.today = today
        self.rng = random.Random(sizes.seed)  # noqa: S311 (made-up data, not secrets)
        self.ids = Ids()
        known = {row.name for row in registry.rows}
        # Units of measure from the registry: an indicator whose unit the
        # database does not know is left out.
        self.indicators = [row for row in INDICATORS if row[2].lstrip("万亿") in known]
        if not self.indicators:
            raise ValueError("the unit registry knows none of the synthetic units")
        self._documents: dict[date, tuple[int, list[str]]] = {}

    # -- units -----------------------------------------------------------------

    def units(self) -> list[tuple]:
        """Responsible units: departments, and a few collective bodies."""
        rows = []
        for number in range(1, self.sizes.units + 1):
            collective = number % 25 == 0
            name = f"{'领导小组' if collective else '单位'}{number:05d}"
            rows.append((self.ids.next("unit"), name, collective))
        return rows

    # -- plans -----------------------------------------------------------------

    def plans(self) -> Iterator[PlanRows]:
        for number in range(self.sizes.plans):
            yield self._plan(number)

    def _plan(self, number: int) -> PlanRows:
        rng, year = self.rng, self.today.year
        current = number == 1 or (number > 1 and rng.random() < 0.4)
        if current:
            start, end = date(year - 1, 1, 1), date(year + 1, 12, 31)
        else:
            last = year - 2 - rng.randrange(4)
            first = last - (2 if rng.random() < 0.6 else 0)
            start, end = date(first, 1, 1), date(last, 12, 31)
        rows = PlanRows()
        plan_id = self.ids.next("plan")
        city = f"市{plan_id:05d}"
        title = f"{city}{start.year}-{end.year}年高质量发展实施方案"
        self._documents = {}
        plan_document = self.ids.next("document")
        targets = [
            self._target(rows, plan_id, index, start, end, current)
            for index in range(self.sizes.targets_per_plan)
        ]
        statements = [facts[3] for facts in targets]
        issued = min(start + timedelta(days=45), self.today)
        rows.documents.append(
            (
                plan_document,
                f"plan-{plan_id}",
                title,
                f"{city}人民政府",
                issued,
                "plan",
                "",
                "。\n".join(statements) + "。",
            )
        )
        rows.plans.append(
            (
                plan_id,
                f"p{plan_id:06d}-{start.year}",
                title,
                f"{city}人民政府",
                city,
                issued,
                start,
                end,
                plan_document,
            )
        )
        rows.targets.extend(targets)
        for day, (document_id, parts) in sorted(self._documents.items()):
            rows.documents.append(
                (
                    document_id,
                    f"bulletin-{plan_id}-{document_id}",
                    f"{city}{day.isoformat()}统计公报",
                    f"{city}统计局",
                    day,
                    "bulletin",
                    "",
                    "".join(parts),
                )
            )
        return rows

    def _target(
        self, rows: PlanRows, plan_id: int, index: int, start: date, end: date, current: bool
    ) -> tuple:
        rng = self.rng
        choices = CURRENT if current else PAST
        forced = plan_id <= 2 and index < len(choices)
        scenario = choices[index][0] if forced else _pick(rng, choices)
        indicators = self.indicators
        if scenario.endswith("_later"):
            indicators = [row for row in indicators if row[1] != "rate"]
        indicator, measure, unit, low, high, direction = rng.choice(indicators)
        comparator = _pick(rng, COMPARATORS[direction])
        value = Decimal(rng.randint(low * 10, high * 10)) / 10
        value_high = (
            (value * Decimal("1.2")).quantize(Decimal("0.1")) if comparator == "range" else None
        )
        if not current and start.year != end.year and rng.random() < 0.5:
            year = rng.randint(start.year, end.year)  # an annual target ("final years")
            t_start, t_end = date(year, 1, 1), date(year, 12, 31)
        else:
            t_start, t_end = start, end
        target_id = self.ids.next("target")
        section = _NUMERALS[index // 10 % 10]
        code = f"{section}.{index % 10 + 1}" if index < 100 else f"T{index + 1}"
        figure = _COMPARATOR_TEXT[comparator].format(
            v=format_decimal(value), h=format_decimal(value_high) if value_high else "", u=unit
        )
        verb = "增长" if measure == "rate" else "达到"
        statement = f"到{t_end.year}年，{indicator}{verb}{figure}"
        facts = (
            target_id,
            plan_id,
            code,
            statement,
            statement,
            indicator,
            comparator,
            value,
            value_high,
            unit,
            t_start,
            t_end,
            direction,
            "aspirational" if rng.random() < 0.1 else "firm",
            measure,
            "compound" if rng.random() < 0.2 else "linear",
        )
        self._assign(rows, target_id)
        self._outcomes(rows, facts, scenario)
        return facts

    def _assign(self, rows: PlanRows, target_id: int) -> None:
        rng, count = self.rng, self.sizes.units
        draw = rng.random()
        if draw < 0.02 or count == 0:
            return  # nobody answers for it: the unassigned row
        chosen = rng.sample(range(1, count + 1), min(count, 1 + rng.randint(0, 2)))
        no_lead = draw < 0.05
        for position, unit_id in enumerate(chosen):
            role = "lead" if position == 0 and not no_lead else "support"
            rows.assignments.append(
                (self.ids.next("assignment"), target_id, unit_id, role, position)
            )
