"""The words the domain rules speak, as ``Literal`` types and tuples.

They must equal the stored words in ``tracker.vocabulary`` (a test checks);
they are restated here so the rules stay importable without the app.
"""

from __future__ import annotations

from typing import Literal, get_args

Comparator = Literal["at_least", "more_than", "at_most", "less_than", "about", "range"]
Qualifier = Literal["exact", "at_least", "more_than", "at_most", "less_than", "about", "range"]
Direction = Literal["higher", "lower"]
Commitment = Literal["firm", "aspirational"]
Growth = Literal["linear", "compound"]
Role = Literal["lead", "support"]
Grade = Literal["final", "interim", "later", "baseline"]
Status = Literal[
    "met",
    "missed",
    "indeterminate",
    "on_track",
    "off_track",
    "overdue",
    "no_data",
    "incomparable",
]
Verdict = Literal["met", "missed", "indeterminate"]
Band = Literal["on_track", "needs_acceleration", "limited_progress", "deterioration"]

COMPARATORS: tuple[str, ...] = get_args(Comparator)
QUALIFIERS: tuple[str, ...] = get_args(Qualifier)
DIRECTIONS: tuple[str, ...] = get_args(Direction)
COMMITMENTS: tuple[str, ...] = get_args(Commitment)
GROWTH_PATHS: tuple[str, ...] = get_args(Growth)
ROLES: tuple[str, ...] = get_args(Role)
GRADES: tuple[str, ...] = get_args(Grade)
STATUSES: tuple[str, ...] = get_args(Status)
BANDS: tuple[str, ...] = get_args(Band)
