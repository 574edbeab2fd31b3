"""The labelled set for reading documents: every quote verbatim at its
offsets, every split the one its rule gives, every target a demo target."""

import dataclasses
import tomllib

from benchmarks.extraction.labels import (
    FRESH2_PLAN_PREFIX,
    FRESH_PLAN_PREFIX,
    HERE,
    check,
    document_text,
    fresh2_targets,
    fresh_targets,
    load,
    open_targets,
    split_for,
)


def test_the_labelled_set_checks_clean():
    labels = load()
    assert check(labels) == []
    assert len(labels.targets) == 32 and len(labels.outcomes) == 123
    assert len(labels.distractors) == 107
    assert {label.split for label in labels.targets} == {"dev", "test"}
    assert {label.split for label in labels.outcomes} == {"dev", "test", "fresh", "fresh2"}


def test_the_check_catches_a_moved_offset_and_a_moved_split():
    labels = load()
    first = labels.outcomes[0]
    moved = dataclasses.replace(first, start=first.start + 1, end=first.end + 1)
    flipped = dataclasses.replace(first, split="test" if first.split == "dev" else "dev")
    broken = dataclasses.replace(labels, outcomes=(moved, flipped, *labels.outcomes[1:]))
    problems = check(broken)
    assert any("quote is not at" in p and f"found at {first.start}" in p for p in problems)
    assert any("breaks the rule" in p for p in problems)


def test_target_labels_cover_each_commitment_once():
    labels = load()
    seen = [(label.document, label.start, label.end, label.value) for label in labels.targets]
    assert len(seen) == len(set(seen))
    for label in labels.targets:
        text = document_text(label.document)
        assert label.statement in text


def test_made_up_targets_stay_on_their_side():
    # dev_targets.toml feeds the dev part only, test_targets.toml the test part
    # only, whatever their keys hash to (labels.split_for).
    labels = load()
    made_up = [
        label
        for label in labels.outcomes
        if label.target.startswith(("dev-", "test-", "fresh-", "fresh2-"))
    ]
    assert {label.target.split("-")[0] for label in made_up} == {"dev", "test", "fresh", "fresh2"}
    for label in made_up:
        assert label.split == label.target.split("-")[0]
    assert split_for("test-zz:dev") == "test" and split_for("dev-zz:test") == "dev"
    assert split_for("fresh-zz:test") == "fresh" and split_for("test-zz:fresh") == "test"
    assert split_for("fresh2-zz:test") == "fresh2" and split_for("fresh-zz:fresh2") == "fresh"
    assert split_for("fresh2-wg:x") == "fresh2" and split_for("fresh2") != "fresh2"


def test_the_fresh_part_is_its_own_files_and_nothing_else():
    # fresh_outcomes.toml (session hfresh) labels fresh targets only, and no
    # fresh label hides in outcomes.toml; every fresh target is open to the
    # reader and belongs to one of the three fresh plans.
    fresh = fresh_targets()
    assert len(fresh) == 31
    plans = [target.plan for target in fresh]
    assert {p: plans.count(p) for p in set(plans)} == {
        "fresh-zz": 16,
        "fresh-pds": 7,
        "fresh-wg": 8,
    }
    keys = {target.key for target in fresh}
    assert len(keys) == len(fresh)
    assert keys <= {target.key for target in open_targets()}
    rows = tomllib.loads((HERE / "fresh_outcomes.toml").read_text(encoding="utf-8"))
    assert len(rows["outcome"]) == 30 and len(rows["distractor"]) == 48
    assert {row["target"] for row in rows["outcome"] + rows["distractor"]} <= keys
    assert all(row["split"] == "fresh" for row in rows["outcome"])
    old = tomllib.loads((HERE / "outcomes.toml").read_text(encoding="utf-8"))
    assert not any(
        row["target"].startswith(FRESH_PLAN_PREFIX) for row in old["outcome"] + old["distractor"]
    )


def test_the_fresh2_part_is_its_own_files_and_nothing_else():
    # fresh2_outcomes.toml (session hfresh2) labels fresh2 targets only, and
    # no fresh2 label hides in the older files; every fresh2 target is open
    # to the reader. Seed 002 ran out, so fresh2-pds has no target.
    fresh2 = fresh2_targets()
    assert len(fresh2) == 21
    plans = [target.plan for target in fresh2]
    assert {p: plans.count(p) for p in set(plans)} == {"fresh2-zz": 20, "fresh2-wg": 1}
    keys = {target.key for target in fresh2}
    assert len(keys) == len(fresh2)
    assert keys <= {target.key for target in open_targets()}
    assert not keys & {target.key for target in fresh_targets()}
    rows = tomllib.loads((HERE / "fresh2_outcomes.toml").read_text(encoding="utf-8"))
    assert len(rows["outcome"]) == 27 and len(rows["distractor"]) == 27
    assert {row["target"] for row in rows["outcome"] + rows["distractor"]} <= keys
    assert {row["target"] for row in rows["outcome"]} == keys  # every target has a label
    assert all(row["split"] == "fresh2" for row in rows["outcome"])
    for name in ("outcomes.toml", "fresh_outcomes.toml"):
        old = tomllib.loads((HERE / name).read_text(encoding="utf-8"))
        assert not any(
            row["target"].startswith(FRESH2_PLAN_PREFIX)
            for row in old["outcome"] + old["distractor"]
        )
