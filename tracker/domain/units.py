"""Unit registry: which units exist, their dimension, and exact conversion.

Every unit is a ``UnitSpec(dimension, factor)``: the figure in base units is
``value * factor``. Factors are powers of ten (or other exact decimals), so a
conversion is an exact ``Decimal`` multiplication and can never change a
verdict. Units of different dimensions never convert: a percent is not a
percentage point, and 亩 is kept apart from 平方米 because 1 亩 = 10000/15 m²
has no exact decimal.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal

__all__ = [
    "DIMENSIONS",
    "IncomparableUnits",
    "UnitSpec",
    "UnknownUnit",
    "can_convert",
    "convert",
    "known_units",
    "lookup_unit",
]

# Enough digits that converting any plausible figure (15 significant digits)
# across 万亿 (10^12) stays exact.
_EXACT = Context(prec=60)


@dataclass(frozen=True)
class UnitSpec:
    """A unit's dimension and its size in that dimension's base unit."""

    dimension: str
    factor: Decimal


class UnknownUnit(ValueError):
    """The unit text is not in the registry."""

    def __init__(self, unit: str) -> None:
        self.unit = unit
        super().__init__(
            f"unknown unit {unit!r}: not in the unit registry (tracker/domain/units.py)"
        )


class IncomparableUnits(ValueError):
    """Two units of different dimensions.

    The units and their dimensions are attributes, so callers build their own
    message (a reason code with parameters, rendered in the reader's
    language); ``reason`` is the English sentence for logs and scripts.
    """

    def __init__(
        self, from_unit: str, from_dimension: str, to_unit: str, to_dimension: str
    ) -> None:
        self.from_unit = from_unit
        self.from_dimension = from_dimension
        self.to_unit = to_unit
        self.to_dimension = to_dimension
        self.reason = f"{from_unit} ({from_dimension}) cannot convert to {to_unit} ({to_dimension})"
        super().__init__(self.reason)


_MAGNITUDES = {
    "": Decimal(1),
    "万": Decimal(10) ** 4,
    "亿": Decimal(10) ** 8,
    "万亿": Decimal(10) ** 12,
}
_NO_TRILLION = {k: v for k, v in _MAGNITUDES.items() if k != "万亿"}

# Nouns counted one by one: 个 and 家 are the same dimension (a count), the
# noun only says what is counted.
_COUNT_NOUNS = (
    *"个家项台座套户人件条所次名辆处批只张架艘栋间锭株",
    "人次",
    "家次",
    "个次",
    "项次",
    "户次",
)

# dimension -> base noun -> factor of the noun itself; magnitudes are added.
_BASES: dict[str, dict[str, Decimal]] = {
    "yuan": {"元": Decimal(1)},
    "usd": {"美元": Decimal(1)},
    "tonne": {"吨": Decimal(1), "吨/年": Decimal(1)},
    "tce": {"吨标准煤": Decimal(1), "吨标煤": Decimal(1)},
    "kw": {"千瓦": Decimal(1), "兆瓦": Decimal(1000), "吉瓦": Decimal(10) ** 6},
    "kwh": {"千瓦时": Decimal(1), "兆瓦时": Decimal(1000)},
    "count": {noun: Decimal(1) for noun in _COUNT_NOUNS},
    "sqm": {"平方米": Decimal(1), "公顷": Decimal(10) ** 4, "平方公里": Decimal(10) ** 6},
    "mu": {"亩": Decimal(1)},
    "cubic_metre": {"立方米": Decimal(1)},
    "km": {"公里": Decimal(1), "千米": Decimal(1)},
}

# Units without magnitudes.
_FIXED: dict[str, UnitSpec] = {
    "%": UnitSpec("percent", Decimal(1)),
    "％": UnitSpec("percent", Decimal(1)),
    "个百分点": UnitSpec("percentage_point", Decimal(1)),
    "百分点": UnitSpec("percentage_point", Decimal(1)),
    "千元": UnitSpec("yuan", Decimal(1000)),
    # Bandwidth as written in the seeds (总带宽达到2720G): gigabits per second.
    "G": UnitSpec("bandwidth", Decimal(1)),
    "Gbps": UnitSpec("bandwidth", Decimal(1)),
    "Tbps": UnitSpec("bandwidth", Decimal(1000)),
    "Mbps": UnitSpec("bandwidth", Decimal("0.001")),
}


def _build() -> dict[str, UnitSpec]:
    registry: dict[str, UnitSpec] = {}
    for dimension, nouns in _BASES.items():
        magnitudes = _MAGNITUDES if dimension in {"yuan", "usd"} else _NO_TRILLION
        for noun, size in nouns.items():
            for prefix, magnitude in magnitudes.items():
                registry[prefix + noun] = UnitSpec(dimension, size * magnitude)
    registry.update(_FIXED)
    return registry


_REGISTRY: dict[str, UnitSpec] = _build()

DIMENSIONS: tuple[str, ...] = tuple(sorted({spec.dimension for spec in _REGISTRY.values()}))


def known_units() -> tuple[str, ...]:
    """Every unit text the registry accepts, longest first (for scanners)."""
    return tuple(sorted(_REGISTRY, key=lambda unit: (-len(unit), unit)))


def lookup_unit(text: str) -> UnitSpec:
    """Return the unit's spec; raise ``UnknownUnit`` rather than guess."""
    unit = text.strip()
    try:
        return _REGISTRY[unit]
    except KeyError:
        raise UnknownUnit(text) from None


def can_convert(a: str, b: str) -> tuple[bool, str]:
    """Whether ``a`` converts to ``b``; when not, a reason a person can read."""
    try:
        spec_a = lookup_unit(a)
    except UnknownUnit as error:
        return False, str(error)
    try:
        spec_b = lookup_unit(b)
    except UnknownUnit as error:
        return False, str(error)
    if spec_a.dimension != spec_b.dimension:
        return False, (
            f"{a.strip()} ({spec_a.dimension}) cannot convert to {b.strip()} ({spec_b.dimension})"
        )
    return True, ""


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """Exact conversion within a dimension.

    Raises ``UnknownUnit`` (with ``unit``) for a unit not in the registry and
    ``IncomparableUnits`` (with both units and their dimensions) across
    dimensions.
    """
    source, target = lookup_unit(from_unit), lookup_unit(to_unit)
    if source.dimension != target.dimension:
        raise IncomparableUnits(
            from_unit.strip(), source.dimension, to_unit.strip(), target.dimension
        )
    if source.factor == target.factor:
        return value
    return _EXACT.divide(_EXACT.multiply(value, source.factor), target.factor)
