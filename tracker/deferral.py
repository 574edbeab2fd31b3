"""Work asked for inside a block, done once when the block ends.

An import writes thousands of rows in batches; each batch would rewrite its
plans' rollups and refresh its targets' statuses. Inside a ``Deferral``
block the keys (plan or target ids) are gathered instead, and the caller
acts once on all of them after the block ends normally. Nested blocks join
the outer one; a block that raises acts on nothing. One mechanism for the
rollups (``tracker.analytics.stored_rollups.deferred``) and the status
refreshes (``tracker.services.bulk.deferred_refresh``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar


class Deferral:
    """Keys kept for the end of the open block, per context (thread, task)."""

    def __init__(self, name: str) -> None:
        self._pending: ContextVar[set[int] | None] = ContextVar(name, default=None)

    def keep(self, keys: Iterable[int]) -> bool:
        """Keep these keys for the end of the open block; False (nothing
        kept) when no block is open, so the caller acts now."""
        pending = self._pending.get()
        if pending is None:
            return False
        pending.update(int(key) for key in keys)
        return True

    @contextmanager
    def gather(self) -> Iterator[set[int]]:
        """A block whose keys are gathered into the set it yields, complete
        once the block ends; empty in a nested block (the outer one has them)."""
        if self._pending.get() is not None:
            yield set()
            return
        gathered: set[int] = set()
        token = self._pending.set(gathered)
        try:
            yield gathered
        finally:
            self._pending.reset(token)
