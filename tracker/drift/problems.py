"""One difference between a model and its table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Drift:
    """Where (``table.column`` or a model's name), a stable code that tests
    and tools match on, and a developer-facing detail (``manage.py check``
    prints it; it is never shown to the tracker's users)."""

    where: str
    code: str
    detail: str

    def __str__(self) -> str:
        return f"{self.where}: {self.detail}"
