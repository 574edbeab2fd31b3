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
    "ENTRY_POINTS",
    "EVIDENCE_GRADES",
    "GRADES",
    "GROWTH_PATHS",
    "MEASURES",
    "OUTCOME_STATES",
    "QUALIFIERS",
    "REASON_CODES",
    "STATUSES",
    "VERDICTS",
    "Band",
    "Commitment",
    "Comparator",
    "Direction",
    "EntryPoint",
    "EvidenceGrade",
    "Grade",
    "Growth",
    "Measure",
    "Qualifier",
    "ReasonCode",
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
# What a target measures, which decides what evidence can speak for it
# (DESIGN.md sections 2 and 5): a state at a date, an amount that adds up
# over the period, or a change over the period.
Measure = Literal["level", "flow", "rate"]
Role = Literal["lead", "support"]
DocumentKind = Literal["plan", "reply", "news", "bulletin", "other"]
# Outcome review (DESIGN.md section 6a). Nothing is erased: an outcome that
# should no longer count is ``withdrawn`` with a reason and stays in history.
OutcomeState = Literal["draft", "submitted", "approved", "returned", "withdrawn"]
# Grades of an outcome for a target (DESIGN.md section 5). ``baseline`` (a
# level before the period) and ``context`` (another period's rate or flow,
# shown but never judged) are never a verdict's evidence.
EvidenceGrade = Literal["final", "interim", "later"]
Grade = Literal["final", "interim", "later", "baseline", "context"]
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
    "withdraw",
    "deactivate",
    "reactivate",
]
# Why a status is what it is (``tracker.domain.reasons``): stored beside the
# status with its parameters, rendered in the reader's language by
# ``tracker.reason_text``.
ReasonCode = Literal[
    "no_figure",
    "no_figure_overdue",
    "context_only",
    "context_only_overdue",
    "final_figure",
    "later_indicative",
    "final_figure_owed",
    "pro_rata",
    "interim_level",
    "growth_so_far",
    "multi_year_no_baseline",
    "baseline_not_single",
    "baseline_unusable",
    "baseline_not_earlier",
    "baseline_meets_target",
    "path",
    "path_impossible",
    "incomparable_units",
    "unknown_unit",
]

# Where a write came from, named in its audit event (docs/security.md).
EntryPoint = Literal["admin", "review", "import", "import_outcomes", "proposals"]

COMPARATORS: tuple[str, ...] = get_args(Comparator)
QUALIFIERS: tuple[str, ...] = get_args(Qualifier)
DIRECTIONS: tuple[str, ...] = get_args(Direction)
COMMITMENTS: tuple[str, ...] = get_args(Commitment)
GROWTH_PATHS: tuple[str, ...] = get_args(Growth)
MEASURES: tuple[str, ...] = get_args(Measure)
ASSIGNMENT_ROLES: tuple[str, ...] = get_args(Role)
DOCUMENT_KINDS: tuple[str, ...] = get_args(DocumentKind)
OUTCOME_STATES: tuple[str, ...] = get_args(OutcomeState)
EVIDENCE_GRADES: tuple[str, ...] = get_args(EvidenceGrade)
GRADES: tuple[str, ...] = get_args(Grade)
STATUSES: tuple[str, ...] = get_args(Status)
VERDICTS: tuple[str, ...] = get_args(Verdict)
BANDS: tuple[str, ...] = get_args(Band)
AUDIT_ACTIONS: tuple[str, ...] = get_args(AuditAction)
REASON_CODES: tuple[str, ...] = get_args(ReasonCode)
ENTRY_POINTS: tuple[str, ...] = get_args(EntryPoint)
