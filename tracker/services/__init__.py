"""The only way to write tracker rows: validated, transactional, audited.

Names follow ``<entity>_<action>(*, ...)``; the admin, the imports and the
review page all call these.
"""

from tracker.services.assignments import assignments_add
from tracker.services.bulk import (
    BATCH_SIZE,
    deferred_refresh,
    entities_create_many,
    outcomes_create_many,
)
from tracker.services.concurrency import StaleEdit
from tracker.services.entities import entity_delete, entity_save, plan_deletion
from tracker.services.logins import login_unlock
from tracker.services.outcomes import outcome_create, outcome_update, outcome_withdraw
from tracker.services.proposals import proposal_reject
from tracker.services.review import outcome_approve, outcome_return, outcome_submit
from tracker.services.targets import target_lock, target_unlock
from tracker.services.units import (
    ensure_builtin_units,
    unit_of_measure_delete,
    unit_of_measure_save,
)
from tracker.services.users import user_record_change, user_set_active, user_snapshot

__all__ = [
    "BATCH_SIZE",
    "deferred_refresh",
    "StaleEdit",
    "assignments_add",
    "ensure_builtin_units",
    "entities_create_many",
    "entity_delete",
    "entity_save",
    "login_unlock",
    "outcome_approve",
    "outcome_create",
    "outcome_return",
    "outcome_submit",
    "outcome_update",
    "outcome_withdraw",
    "outcomes_create_many",
    "plan_deletion",
    "proposal_reject",
    "target_lock",
    "target_unlock",
    "unit_of_measure_delete",
    "unit_of_measure_save",
    "user_record_change",
    "user_set_active",
    "user_snapshot",
]
