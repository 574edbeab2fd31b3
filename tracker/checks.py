"""System check: ``manage.py check`` reports drift between models and tables."""

from django.core import checks


def check_schema_drift(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from tracker.drift import find_drift

    return [
        checks.Error(
            str(problem),
            hint="Make tracker/models/ and tracker/schema/ agree.",
            id="tracker.E001",
        )
        for problem in find_drift()
    ]
