"""The words the tracker stores, shared by the schema, the models and the
domain rules (plain Python: no ORM import). Labels live in ``tracker.labels``.
"""

# How a target's figure reads (DESIGN.md section 3).
COMPARATORS = ("at_least", "more_than", "at_most", "less_than", "about", "range")
# How an outcome's figure reads: as a target, or an exact figure.
QUALIFIERS = ("exact",) + COMPARATORS
DIRECTIONS = ("higher", "lower")
COMMITMENTS = ("firm", "aspirational")
GROWTH_PATHS = ("linear", "compound")
ASSIGNMENT_ROLES = ("lead", "support")
DOCUMENT_KINDS = ("plan", "reply", "news", "bulletin", "other")
# Outcome review (DESIGN.md section 6a). Nothing is erased: an outcome that
# should no longer count is ``withdrawn`` with a reason and stays in history.
OUTCOME_STATES = ("draft", "submitted", "approved", "returned", "withdrawn")
# Statuses and evidence grades (DESIGN.md sections 5 and 6).
STATUSES = (
    "met",
    "missed",
    "indeterminate",
    "on_track",
    "off_track",
    "overdue",
    "no_data",
    "incomparable",
)
GRADES = ("final", "interim", "later", "baseline")
AUDIT_ACTIONS = (
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
)
# Where a write came from, named in its audit event (docs/security.md).
ENTRY_POINTS = ("admin", "review", "import", "import_outcomes")
