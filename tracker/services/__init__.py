"""The only way to write tracker rows: validated, transactional, audited.

Names follow ``<entity>_<action>(*, ...)``; the admin, the imports and the
review page all call these.
"""

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

__all__ = [
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
]
