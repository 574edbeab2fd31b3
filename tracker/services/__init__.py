"""The only way to write tracker rows: validated, transactional, audited.

Names follow ``<entity>_<action>(*, ...)``; the admin, the imports and the
review page all call these.
"""

from tracker.services.assignments import assignments_add
from tracker.services.entities import entity_delete, entity_save
from tracker.services.outcomes import (
    outcome_approve,
    outcome_create,
    outcome_delete,
    outcome_return,
    outcome_submit,
    outcome_update,
)
from tracker.services.targets import target_lock, target_unlock
from tracker.services.units import (
    ensure_builtin_units,
    unit_of_measure_delete,
    unit_of_measure_save,
)

__all__ = [
    "assignments_add",
    "ensure_builtin_units",
    "entity_delete",
    "entity_save",
    "outcome_approve",
    "outcome_create",
    "outcome_delete",
    "outcome_return",
    "outcome_submit",
    "outcome_update",
    "target_lock",
    "target_unlock",
    "unit_of_measure_delete",
    "unit_of_measure_save",
]
