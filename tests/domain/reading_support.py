"""Made-up targets and the reader's top proposal for them: the helpers of
the reader's rule tests (test_reading_rules.py, test_reading_clauses.py)."""

from datetime import date

from tracker.domain.reading import OpenTarget, propose_outcomes

ON = date(2023, 3, 1)


def make_target(indicator, unit="家", measure="flow", aliases=(), code="T", city="郑州市"):
    """A 2022 target of 郑州市 (plan ``p``)."""
    return OpenTarget(
        plan="p",
        code=code,
        indicator=indicator,
        aliases=aliases,
        unit=unit,
        measure=measure,
        period_start=date(2022, 1, 1),
        period_end=date(2022, 12, 31),
        jurisdiction=city,
    )


def found(text, target, on=ON, others=()):
    """Every proposal for ``target``, best first, read beside ``others``."""
    return [p for p in propose_outcomes(text, [target, *others], on=on) if p.target == target]


def top(text, target, on=ON, others=()):
    """The best proposal for ``target``, or None."""
    proposals = found(text, target, on, others)
    return proposals[0] if proposals else None
