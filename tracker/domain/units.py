"""Units of measure: which exist, their dimension, and exact conversion.

The units a tracker knows are data (docs/attainment.md section 1): rows of
``(name, dimension, factor)`` kept in the database, where a planner can add
one. The rules here never read the database; a layer above builds a
``UnitRegistry`` from the rows and passes it in. Without one, the functions
use ``SEED_REGISTRY``, the rows every database starts with (``SEED_UNITS``).

A figure in a unit is ``value * factor`` in its dimension's base unit.
Factors are exact decimals, so a conversion is one exact multiplication and
one 60-digit division: a converted figure either is exact or differs from
every decimal a target can hold by far more than the rounding, so no
conversion can move a verdict. Bases are chosen so that every factor is an
exact decimal: area is counted in 亩 (1 平方米 = 0.0015 亩 exactly, while
1 亩 = 666.66… 平方米 is not), mass in 吨 (1 斤 = 0.0005 吨).

Magnitudes 万 (10^4), 亿 (10^8) and 万亿 (10^12) are accepted before every
unit (``1.3万亿斤``, ``4.8万个``); a stored name never starts with 万 or 亿,
so every unit text has one reading. Units of different dimensions never
convert: a percent is not a percentage point, and 吨标准煤 is not a mass.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Context, Decimal

__all__ = [
    "DIMENSIONS",
    "MAGNITUDES",
    "unit_noun",
    "SEED_REGISTRY",
    "SEED_UNITS",
    "IncomparableUnits",
    "UnitRegistry",
    "UnitRow",
    "UnitSpec",
    "UnknownUnit",
    "can_convert",
    "convert",
    "conversion_problem",
    "known_units",
    "lookup_unit",
    "starts_with_magnitude",
]

# Enough digits that converting any figure the tables hold (24 digits)
# across 万亿 (10^12) and a factor such as 0.0015 stays exact when the
# result is a terminating decimal at all.
_EXACT = Context(prec=60)

# Longest first: 万亿斤 is 10^12 斤, not 10^4 "亿斤".
MAGNITUDES: tuple[tuple[str, Decimal], ...] = (
    ("万亿", Decimal(10) ** 12),
    ("亿", Decimal(10) ** 8),
    ("万", Decimal(10) ** 4),
)


@dataclass(frozen=True)
class UnitSpec:
    """A unit's dimension and its size in that dimension's base unit."""

    dimension: str
    factor: Decimal


@dataclass(frozen=True)
class UnitRow:
    """One stored unit: its name as written, its dimension, its factor."""

    name: str
    dimension: str
    factor: Decimal


class UnknownUnit(ValueError):
    """The unit text is not in the registry (``unit`` says which)."""

    def __init__(self, unit: str) -> None:
        self.unit = unit
        super().__init__(f"unknown unit {unit!r}: not in the unit registry")


class IncomparableUnits(ValueError):
    """Two known units of different dimensions.

    The attributes say which, so callers build their own message or reason
    code; ``reason`` is the same in English, for logs and scripts.
    """

    def __init__(
        self, *, from_unit: str, from_dimension: str, to_unit: str, to_dimension: str
    ) -> None:
        self.from_unit = from_unit
        self.from_dimension = from_dimension
        self.to_unit = to_unit
        self.to_dimension = to_dimension
        self.reason = f"{from_unit} ({from_dimension}) cannot convert to {to_unit} ({to_dimension})"
        super().__init__(self.reason)


def starts_with_magnitude(name: str) -> bool:
    """Whether a name would read as a magnitude before another unit; stored
    names may not (万吨 is 万 + 吨, never a unit of its own)."""
    return name.startswith(tuple(prefix for prefix, _ in MAGNITUDES))


def unit_noun(name: str) -> str:
    """The unit without its magnitude (万家 -> 家, 亿元 -> 元): what is counted
    or measured, whatever the scale."""
    for prefix, _ in MAGNITUDES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


@dataclass(frozen=True)
class UnitRegistry:
    """The units a tracker knows, as plain data; hashable, so compiled
    scanners can be cached per registry."""

    rows: tuple[UnitRow, ...]
    _by_name: dict[str, UnitSpec] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        by_name: dict[str, UnitSpec] = {}
        for row in self.rows:
            if row.name in by_name:
                raise ValueError(f"unit {row.name!r} is listed twice")
            if starts_with_magnitude(row.name):
                raise ValueError(f"unit {row.name!r} starts with a magnitude (万/亿)")
            if row.factor <= 0:
                raise ValueError(f"unit {row.name!r} needs a positive factor")
            by_name[row.name] = UnitSpec(row.dimension, row.factor)
        object.__setattr__(self, "_by_name", by_name)

    @classmethod
    def from_rows(cls, rows: Iterable[UnitRow]) -> UnitRegistry:
        """A registry from rows in any order (sorted, so equal tables give
        equal registries)."""
        return cls(tuple(sorted(rows, key=lambda row: row.name)))

    @property
    def dimensions(self) -> tuple[str, ...]:
        return tuple(sorted({row.dimension for row in self.rows}))

    def lookup(self, text: str) -> UnitSpec:
        """The unit's spec, magnitudes applied; ``UnknownUnit`` rather than a guess."""
        unit = text.strip()
        found = self._by_name.get(unit)
        if found is not None:
            return found
        for prefix, magnitude in MAGNITUDES:
            if unit.startswith(prefix):
                base = self._by_name.get(unit[len(prefix) :])
                if base is not None:
                    return UnitSpec(base.dimension, base.factor * magnitude)
        raise UnknownUnit(text)

    def known_units(self) -> tuple[str, ...]:
        """Every unit text accepted (each name and its 万/亿/万亿 forms),
        longest first, for scanners."""
        texts = [
            prefix + row.name for row in self.rows for prefix in ("", *(p for p, _ in MAGNITUDES))
        ]
        return tuple(sorted(texts, key=lambda unit: (-len(unit), unit)))

    def problem(self, a: str, b: str) -> UnknownUnit | IncomparableUnits | None:
        """Why ``a`` does not convert to ``b``, as the exception; None when it does."""
        try:
            spec_a = self.lookup(a)
            spec_b = self.lookup(b)
        except UnknownUnit as error:
            return error
        if spec_a.dimension != spec_b.dimension:
            return IncomparableUnits(
                from_unit=a.strip(),
                from_dimension=spec_a.dimension,
                to_unit=b.strip(),
                to_dimension=spec_b.dimension,
            )
        return None

    def convert(self, value: Decimal, from_unit: str, to_unit: str) -> Decimal:
        """Exact conversion within a dimension; raises ``UnknownUnit`` or
        ``IncomparableUnits``."""
        problem = self.problem(from_unit, to_unit)
        if problem is not None:
            raise problem
        source, target = self.lookup(from_unit), self.lookup(to_unit)
        if source.factor == target.factor:
            return value
        return _EXACT.divide(_EXACT.multiply(value, source.factor), target.factor)


def _rows(dimension: str, sizes: dict[str, Decimal | int | str]) -> list[UnitRow]:
    return [UnitRow(name, dimension, Decimal(size)) for name, size in sizes.items()]


# Nouns counted one by one: 个 and 家 are the same dimension (a count); the
# noun only says what is counted.
_COUNT_NOUNS = (
    *"个家项台座套户人件条所次名辆处批只张架艘栋间锭株",
    *("人次", "家次", "个次", "项次", "户次"),
    "标箱",  # a port's containers (TEU: 158.3万标箱)
    "头",  # livestock (生猪出栏618.3万头)
    "羽",  # poultry (家禽出栏1.2亿羽)
)

SEED_UNITS: tuple[UnitRow, ...] = (
    *_rows("yuan", {"元": 1, "千元": 1000}),
    *_rows("usd", {"美元": 1}),
    # 吨/年 is how capacity is written (10万吨/年): counted as its tonnes.
    *_rows("mass", {"吨": 1, "吨/年": 1, "公斤": "0.001", "千克": "0.001", "斤": "0.0005"}),
    *_rows("area", {"亩": 1, "平方米": "0.0015", "公顷": 15, "平方公里": 1500}),
    # Standard coal equivalent: an energy amount, not a mass of coal; a kWh's
    # coal equivalent is a statistical convention (0.1229 or ~0.3 kgce), so
    # 千瓦时 is a dimension of its own.
    *_rows("energy", {"吨标准煤": 1, "吨标煤": 1, "千克标准煤": "0.001"}),
    *_rows("power", {"千瓦": 1, "兆瓦": 1000, "吉瓦": 10**6}),
    *_rows("electricity", {"千瓦时": 1, "兆瓦时": 1000}),
    *_rows("count", dict.fromkeys(_COUNT_NOUNS, 1)),
    *_rows("percent", {"%": 1, "％": 1}),
    *_rows("percentage_point", {"个百分点": 1, "百分点": 1}),
    *_rows("volume", {"立方米": 1, "千升": 1, "升": "0.001"}),
    # Air quality as bulletins write it (PM2.5平均浓度为36微克/立方米).
    *_rows("concentration", {"微克/立方米": 1, "毫克/立方米": 1000}),
    *_rows("length", {"公里": 1, "千米": 1}),
    # Bandwidth as written in the seeds (总带宽达到2720G): gigabits per second.
    *_rows("bandwidth", {"G": 1, "Gbps": 1, "Tbps": 1000, "Mbps": "0.001"}),
)
"""The units every database starts with (``manage.py migrate`` keeps them
as built-in rows); planners add more."""

SEED_REGISTRY = UnitRegistry.from_rows(SEED_UNITS)

DIMENSIONS: tuple[str, ...] = SEED_REGISTRY.dimensions


def known_units(*, units: UnitRegistry = SEED_REGISTRY) -> tuple[str, ...]:
    """Every unit text the registry accepts, longest first (for scanners)."""
    return units.known_units()


def lookup_unit(text: str, *, units: UnitRegistry = SEED_REGISTRY) -> UnitSpec:
    """Return the unit's spec; raise ``UnknownUnit`` rather than guess."""
    return units.lookup(text)


def conversion_problem(
    a: str, b: str, *, units: UnitRegistry = SEED_REGISTRY
) -> UnknownUnit | IncomparableUnits | None:
    """Why ``a`` cannot convert to ``b`` (the exception, with its attributes),
    or None when it can."""
    return units.problem(a, b)


def can_convert(a: str, b: str, *, units: UnitRegistry = SEED_REGISTRY) -> tuple[bool, str]:
    """Whether ``a`` converts to ``b``; when not, the reason in English."""
    problem = units.problem(a, b)
    return (True, "") if problem is None else (False, str(problem))


def convert(
    value: Decimal, from_unit: str, to_unit: str, *, units: UnitRegistry = SEED_REGISTRY
) -> Decimal:
    """Exact conversion within a dimension.

    Raises ``UnknownUnit`` for a unit not in the registry and
    ``IncomparableUnits`` across dimensions.
    """
    return units.convert(value, from_unit, to_unit)
