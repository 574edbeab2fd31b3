"""Unlocking logins that django-axes locked (docs/security.md).

django-axes keeps one ``AccessAttempt`` per (username, address, browser)
with its count of failures; a lockout lasts the cool-off unless an
administrator removes the attempts. Unlocking here removes them and records
who unlocked whom, so a lockout lifted by hand is never silent.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from axes.models import AccessAttempt
from django.db import transaction

from tracker.services.audit import audit_record


@transaction.atomic
def login_unlock(*, attempts: Iterable[AccessAttempt], actor: Any, via: str = "") -> int:
    """Remove these failed-login records (so their lockout ends), one audit
    event each; returns how many were removed."""
    done = 0
    for attempt in attempts:
        audit_record(
            actor=actor,
            action="unlock",
            instance=attempt,
            changes={
                "username": [attempt.username, None],
                "ip_address": [attempt.ip_address, None],
                "failures_since_start": [attempt.failures_since_start, None],
            },
            via=via,
        )
        attempt.delete()
        done += 1
    return done
