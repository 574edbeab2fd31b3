"""The words the tracker stores: one module for the schema, the models, the
domain rules, the filters and the exports.

Plain Python (no Django, no SQLAlchemy), so ``tracker.domain`` imports it
without pulling in the app. Each set is declared once, as a ``Literal`` type
for the rules' type hints, and its tuple is derived from that type, so the
two can never disagree. The database checks the stored columns against these
tuples (``tracker.schema``); their labels live in ``tracker.labels``.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "ASSIGNMENT_ROLES",
    "AUDIT_ACTIONS",
    "BANDS",
    "COMMITMENTS",
    "COMPARATORS",
    "DIRECTIONS",
    "DOCUMENT_KINDS",
    "GRADES",
    "GROWTH_PATHS",
    "OUTCOME_STATES",
    "QUALIFIERS",
    "STATUSES",
    "VERDICTS",
    "Band",
    "Commitment",
    "Comparator",
    "Direction",
    "Grade",
    "Growth",
    "Qualifier",
    "Role",
    "Status",
    "Verdict",
]

# How a target's figure reads (DESIGN.md section 3).
Comparator = Literal["at_least", "more_than", "at_most", "less_than", "about", "range"]
# How an outcome's figure reads: as a target, or an exact figure.
Qualifier = Literal["exact", "at_least", "more_than", "at_most", "less_than", "about", "range"]
Direction = Literal["higher", "lower"]
Commitment = Literal["firm", "aspirational"]
Growth = Literal["linear", "compound"]
Role = Literal["lead", "support"]
DocumentKind = Literal["plan", "reply", "news", "bulletin", "other"]
# Outcome review (DESIGN.md section 6a).
OutcomeState = Literal["draft", "submitted", "approved", "returned"]
# Grades of an outcome for a target (DESIGN.md section 5).
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
AuditAction = Literal[
    "create",
    "update",
    "delete",
    "submit",
    "approve",
    "return",
    "lock",
    "unlock",
]

COMPARATORS: tuple[str, ...] = get_args(Comparator)
QUALIFIERS: tuple[str, ...] = get_args(Qualifier)
DIRECTIONS: tuple[str, ...] = get_args(Direction)
COMMITMENTS: tuple[str, ...] = get_args(Commitment)
GROWTH_PATHS: tuple[str, ...] = get_args(Growth)
ASSIGNMENT_ROLES: tuple[str, ...] = get_args(Role)
DOCUMENT_KINDS: tuple[str, ...] = get_args(DocumentKind)
OUTCOME_STATES: tuple[str, ...] = get_args(OutcomeState)
GRADES: tuple[str, ...] = get_args(Grade)
STATUSES: tuple[str, ...] = get_args(Status)
VERDICTS: tuple[str, ...] = get_args(Verdict)
BANDS: tuple[str, ...] = get_args(Band)
AUDIT_ACTIONS: tuple[str, ...] = get_args(AuditAction)
