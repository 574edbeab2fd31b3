"""Problems found in an import, each with its place.

An import lists every problem in one run (a planner fixes a file once, not
once per error), so readers and checks append here instead of raising; the
command raises ``ImportFailed`` at the end if there is any.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Place:
    """Where something is in the input: file, section or row, and a label
    (the target code, the unit name) a person recognises."""

    file: str
    section: str = ""
    label: str = ""

    def labelled(self, label: str) -> Place:
        return Place(self.file, self.section, label)

    def __str__(self) -> str:
        parts = [self.file, self.section, f"「{self.label}」" if self.label else ""]
        return " ".join(part for part in parts if part)


@dataclass(frozen=True)
class Problem:
    place: Place
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.place} {self.field}" if self.field else str(self.place)
        return f"{where}: {self.message}"


@dataclass
class Problems:
    """Errors (the import is refused) and warnings (printed, not fatal)."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, place: Place, field_name: str, message: str) -> None:
        problem = Problem(place, field_name, message)
        if problem not in self.errors:
            self.errors.append(problem)

    def warn(self, place: Place, field_name: str, message: str) -> None:
        problem = Problem(place, field_name, message)
        if problem not in self.warnings:
            self.warnings.append(problem)

    def has_error(self, place: Place, field_name: str) -> bool:
        return any(p.place == place and p.field == field_name for p in self.errors)

    def validation(
        self,
        place: Place,
        error: ValidationError,
        *,
        keys: Mapping[str, str] | None = None,
        field_name: str = "",
        choices: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        """Record a ``ValidationError`` from the project's rules (a model's
        ``full_clean`` or ``tracker.validation``), naming fields as the input
        names them (``keys`` maps model field -> file key). A field the
        reader already complained about is not reported twice."""
        keys = keys or {}
        choices = choices or {}
        if not hasattr(error, "error_dict"):
            for message in error.messages:
                self.error(place, field_name, message)
            return
        for model_field, errors in error.error_dict.items():
            name = "" if model_field == NON_FIELD_ERRORS else keys.get(model_field, model_field)
            if name and self.has_error(place, name):
                continue
            for item in errors:
                for message in item.messages:
                    if item.code == "invalid_choice" and model_field in choices:
                        message = _("%(message)s（可选：%(words)s）") % {
                            "message": message,
                            "words": ", ".join(choices[model_field]),
                        }
                    self.error(place, name or field_name, message)


class ImportFailed(Exception):
    """Raised with every problem when an import is refused; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))
