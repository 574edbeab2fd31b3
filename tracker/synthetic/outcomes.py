"""The outcomes of one synthetic target, as its scenario decides.

The best evidence first (a final, later or interim figure that reads as
met, missed, indeterminate or incomparable), then fillers that cannot
outrank it (earlier interim months, a baseline or context year, pending,
returned and withdrawn figures). Each quote is written into its bulletin's
text at the offsets stored with it. ``Generator``
(``tracker.synthetic.scenarios``) mixes this in.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from tracker.domain.display import format_decimal
from tracker.domain.periods import elapsed_fraction
from tracker.synthetic.rows import PlanRows, _pick

# Scenarios whose best figure may not be outranked by an approved filler:
# nothing approved, or an incomparable unit (convertible figures rank first).
_NO_APPROVED_FILLER = {"overdue_none", "no_data", "incomparable_final", "incomparable_interim"}
_PENDING_STATES = (("draft", 3), ("submitted", 3), ("returned", 1), ("withdrawn", 1))
_CENT = Decimal("0.01")


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def _month_ends(start: date, end: date) -> list[date]:
    """Month ends strictly inside ``[start, end)``."""
    found, year, month = [], start.year, start.month
    while True:
        day = _month_end(year, month)
        if day >= end:
            return found
        found.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(9, 0), tzinfo=UTC)


class OutcomeRows:
    """The outcome rows of a target: mixed into ``Generator``, whose ``rng``,
    ``ids``, ``sizes``, ``today`` and per-plan ``_documents`` it uses."""

    def _figure(self, facts: tuple, verdict: str, share: Decimal = Decimal(1)) -> tuple:
        """(value, value_high, qualifier) that reads as ``verdict`` against the
        target scaled by ``share`` (a flow's elapsed part)."""
        comparator, value, direction = facts[6], facts[7] * share, facts[12]
        if verdict == "indeterminate":
            low, high = value * Decimal("0.8"), value * Decimal("1.3")
            return low.quantize(_CENT), high.quantize(_CENT), "range"
        lower = direction == "lower"
        if verdict == "met":
            factor = {"about": "1", "range": "1.1"}.get(comparator, "0.85" if lower else "1.15")
        else:
            factor = "1.5" if lower else "0.6"
        figure = (value * Decimal(factor)).quantize(_CENT)
        qualifier = "about" if verdict == "met" and self.rng.random() < 0.1 else "exact"
        if comparator == "about" or comparator == "range":
            qualifier = "exact"
        return figure, None, qualifier

    def _published(self, end: date) -> date:
        return min(end + timedelta(days=20), self.today)

    def _outcome(
        self,
        rows: PlanRows,
        facts: tuple,
        *,
        start: date,
        end: date,
        figure: tuple,
        unit: str | None = None,
        state: str = "approved",
        proxy: bool = False,
    ) -> None:
        value, value_high, qualifier = figure
        unit = unit or facts[9]
        published = self._published(end)
        if published not in self._documents:
            self._documents[published] = (self.ids.next("document"), [])
        document_id, parts = self._documents[published]
        indicator = f"{facts[5]}（口径调整）" if proxy else facts[5]
        shown = (
            f"{format_decimal(value)}-{format_decimal(value_high)}"
            if value_high is not None
            else format_decimal(value)
        )
        words = {"about": "左右", "at_least": "以上"}.get(qualifier, "")
        quote = f"{start:%Y年%-m月}至{end:%Y年%-m月}，{indicator}为{shown}{unit}{words}"
        offset = sum(len(part) for part in parts) + len("据统计，")
        parts.append(f"据统计，{quote}。\n")
        submitted = _moment(published) if state != "draft" else None
        reviewed = (
            _moment(published + timedelta(days=1)) if state in ("approved", "returned") else None
        )
        withdrawn = _moment(published + timedelta(days=2)) if state == "withdrawn" else None
        rows.outcomes.append(
            (
                self.ids.next("outcome"),
                facts[0],
                document_id,
                value,
                value_high,
                qualifier,
                unit,
                start,
                end,
                quote,
                offset,
                offset + len(quote),
                proxy,
                indicator if proxy else "",
                state,
                submitted,
                reviewed,
                withdrawn,
                "重复录入" if withdrawn else "",
            )
        )

    def _convertible(self, facts: tuple, figure: tuple) -> tuple[tuple, str]:
        """Now and then the same figure in a smaller magnitude (亿元 as 万元)."""
        unit = facts[9]
        if unit.startswith("亿") and self.rng.random() < 0.2:
            scale = Decimal(10000)
            value, high, qualifier = figure
            return (value * scale, high and high * scale, qualifier), "万" + unit[1:]
        return figure, unit

    def _outcomes(self, rows: PlanRows, facts: tuple, scenario: str) -> None:
        count = self.sizes.outcomes_per_target
        t_start, t_end, measure = facts[10], facts[11], facts[14]
        rng = self.rng
        best_end: date | None = None
        if count and scenario not in ("overdue_none", "no_data"):
            count -= 1
            if scenario.endswith("_final"):
                verdict = scenario.split("_")[0]
                if verdict == "incomparable":
                    figure = self._figure(facts, "met")
                    unit = "万吨" if "吨" not in facts[9] else "个"
                else:
                    figure, unit = self._convertible(facts, self._figure(facts, verdict))
                self._outcome(rows, facts, start=t_start, end=t_end, figure=figure, unit=unit)
                best_end = t_end
            elif scenario.endswith("_later"):
                later_end = date(t_end.year + 1, 12, 31)
                figure = self._figure(facts, scenario.split("_")[0])
                self._outcome(rows, facts, start=t_start, end=later_end, figure=figure)
                best_end = t_end  # interims of the period may still be added
            else:
                months = self._interim_months(t_start, t_end)
                best_end = months[-1] if scenario != "overdue_interim" else rng.choice(months)
                verdict = {"on_track": "met", "off_track": "missed"}.get(scenario, "met")
                if scenario == "indeterminate_interim":
                    verdict = "indeterminate"
                share = (
                    elapsed_fraction(t_start, t_end, best_end) if measure == "flow" else Decimal(1)
                )
                figure = self._figure(facts, verdict, share)
                unit = None
                if scenario == "incomparable_interim":
                    unit = "万吨" if "吨" not in facts[9] else "个"
                self._outcome(rows, facts, start=t_start, end=best_end, figure=figure, unit=unit)
        for _ in range(count):
            self._filler(rows, facts, scenario, best_end)

    def _interim_months(self, t_start: date, t_end: date) -> list[date]:
        horizon = min(t_end, self.today.replace(day=1))
        return _month_ends(t_start, horizon) or [t_start]

    def _filler(self, rows: PlanRows, facts: tuple, scenario: str, best_end: date | None) -> None:
        rng = self.rng
        t_start, t_end, measure = facts[10], facts[11], facts[14]
        kinds = ["pending"]
        if scenario not in _NO_APPROVED_FILLER and best_end is not None:
            kinds += ["interim", "interim"]
            if measure == "level" and scenario.endswith(("_final", "_later")):
                kinds.append("baseline")
        if measure == "rate" and t_start.year > 2000:
            kinds.append("context")
        kind = rng.choice(kinds)
        if kind == "interim":
            months = [day for day in self._interim_months(t_start, t_end) if day < best_end]
            if not months:
                kind = "pending"
            else:
                end = rng.choice(months)
                share = elapsed_fraction(t_start, t_end, end) if measure == "flow" else Decimal(1)
                verdict = rng.choice(("met", "missed"))
                self._outcome(
                    rows, facts, start=t_start, end=end, figure=self._figure(facts, verdict, share)
                )
                return
        if kind == "baseline":
            year = t_start.year - 1
            figure = self._figure(facts, "missed")
            self._outcome(
                rows, facts, start=date(year, 1, 1), end=date(year, 12, 31), figure=figure
            )
            return
        if kind == "context":
            year = t_start.year - 1
            figure = self._figure(facts, rng.choice(("met", "missed")))
            self._outcome(
                rows, facts, start=date(year, 1, 1), end=date(year, 12, 31), figure=figure
            )
            return
        state = _pick(rng, _PENDING_STATES)
        months = self._interim_months(t_start, t_end)
        end = rng.choice(months) if rng.random() < 0.7 else t_end
        end = min(end, self.today)
        figure = self._figure(facts, rng.choice(("met", "missed")))
        self._outcome(
            rows,
            facts,
            start=t_start,
            end=max(end, t_start),
            figure=figure,
            state=state,
            proxy=rng.random() < 0.1,
        )
