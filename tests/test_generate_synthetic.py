"""``generate_synthetic`` (issue 11): an empty database filled by rule, every
status and evidence grade present, quotes verbatim in their documents, and
a database with rows refused. Runs on SQLite (executemany) and on
PostgreSQL (COPY), at small sizes."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tracker.analytics.assessments import compute
from tracker.models import Assignment, Document, Outcome, Plan, Target, Unit
from tracker.vocabulary import COMPARATORS, EVIDENCE_GRADES, MEASURES, OUTCOME_STATES, STATUSES

pytestmark = pytest.mark.django_db


def generate(*, plans=4, targets=12, outcomes=5, units=10, seed=7):
    call_command(
        "generate_synthetic",
        "--plans",
        str(plans),
        "--targets-per-plan",
        str(targets),
        "--outcomes-per-target",
        str(outcomes),
        "--units",
        str(units),
        "--seed",
        str(seed),
        stdout=None,
    )


def test_the_smallest_run_has_every_status_and_grade():
    generate(plans=2, targets=8, outcomes=3)
    results = compute().values()
    assert {a.status for a in results} == set(STATUSES)
    assert {a.grade for a in results} - {None} == set(EVIDENCE_GRADES)


def test_sizes_and_mixes():
    generate()
    assert Plan.objects.count() == 4
    assert Target.objects.count() == 48
    assert Outcome.objects.count() == 48 * 5
    assert Unit.objects.count() == 10
    targets = Target.objects.all()
    assert {t.measure for t in targets} == set(MEASURES)
    assert len({t.comparator for t in targets}) >= 4
    assert set(Outcome.objects.values_list("state", flat=True)) <= set(OUTCOME_STATES)
    assert "approved" in set(Outcome.objects.values_list("state", flat=True))
    roles = Counter(Assignment.objects.values_list("role", flat=True))
    assert roles["lead"] and roles["support"]
    # Outcomes cite bulletins; a plan's own text holds its targets' statements.
    for plan in Plan.objects.select_related("document"):
        for target in plan.targets.all():
            assert target.statement in plan.document.text


def test_every_quote_is_verbatim_at_its_offsets():
    generate(plans=3, targets=10, outcomes=4)
    texts = dict(Document.objects.values_list("id", "text"))
    for outcome in Outcome.objects.all():
        text = texts[outcome.document_id]
        assert text[outcome.quote_start : outcome.quote_end] == outcome.quote


def test_the_same_seed_gives_the_same_rows():
    generate(seed=3)
    first = list(Outcome.objects.order_by("id").values_list("value", "unit", "period_end", "state"))
    Outcome.objects.all().delete()
    Assignment.objects.all().delete()
    Target.objects.all().delete()
    Plan.objects.all().delete()
    Document.objects.all().delete()
    Unit.objects.all().delete()
    generate(seed=3)
    again = list(Outcome.objects.order_by("id").values_list("value", "unit", "period_end", "state"))
    assert again == first


def test_a_database_with_rows_is_refused_and_left_alone():
    generate(plans=1, targets=2, outcomes=1)
    before = Outcome.objects.count()
    with pytest.raises(CommandError, match="tracker_unit"):
        generate()
    assert Outcome.objects.count() == before


def test_comparators_are_all_known_words():
    generate(plans=3, targets=20, outcomes=1)
    assert set(Target.objects.values_list("comparator", flat=True)) <= set(COMPARATORS)
