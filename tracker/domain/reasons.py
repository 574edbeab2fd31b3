"""Why a status is what it is: a code with parameters, never a sentence.

The domain has no language: it says *which* rule decided (``pro_rata``) and
with what numbers (``days=305, total=366``); ``tracker.reason_text`` renders
that in the reader's language, and the CSV carries the code beside the
rendered text so scripts never parse prose. The codes are stored words
(``tracker.vocabulary.REASON_CODES``, checked by the database).

Parameter values are strings or integers only, so a reason stores as JSON
and compares exactly: dates are ISO (``2020-12-31``), figures are plain
decimals without trailing zeros (``583.333333``), never floats.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from tracker.domain.display import format_decimal
from tracker.domain.units import IncomparableUnits, UnknownUnit
from tracker.vocabulary import REASON_CODES, ReasonCode

__all__ = ["Reason", "reason", "unit_reason"]

Param = str | int


@dataclass(frozen=True)
class Reason:
    """A reason code and its parameters (read-only)."""

    code: ReasonCode
    params: Mapping[str, Param] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in REASON_CODES:
            raise ValueError(f"unknown reason code {self.code!r}")
        for name, value in self.params.items():
            if isinstance(value, bool) or not isinstance(value, str | int):
                raise TypeError(f"reason parameter {name} must be str or int, not {value!r}")
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted(self.params.items()))))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Reason):
            return NotImplemented
        return self.code == other.code and dict(self.params) == dict(other.params)

    def as_dict(self) -> dict[str, Param]:
        """The parameters as a plain dict (for JSON storage)."""
        return dict(self.params)


def _param(value: Any) -> Param:
    if isinstance(value, bool):
        raise TypeError("a flag is not a reason parameter: use a separate code")
    if isinstance(value, int | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format_decimal(value)
    raise TypeError(f"cannot store {type(value).__name__} as a reason parameter")


def reason(code: ReasonCode, **params: Any) -> Reason:
    """``reason("pro_rata", days=305, total=366)``; dates and Decimals are
    written as ISO dates and plain decimals."""
    return Reason(code, {name: _param(value) for name, value in params.items()})


def unit_reason(error: UnknownUnit | IncomparableUnits) -> Reason:
    """The reason a figure's unit cannot be compared, from the exception's
    structured attributes (never from its English message)."""
    if isinstance(error, UnknownUnit):
        return reason("unknown_unit", unit=error.unit.strip())
    return reason(
        "incomparable_units",
        from_unit=error.from_unit,
        from_dimension=error.from_dimension,
        to_unit=error.to_unit,
        to_dimension=error.to_dimension,
    )
