"""The labelled set for reading documents: every quote verbatim at its
offsets, every split the one its rule gives, every target a demo target."""

import dataclasses
import tomllib

import pytest

from benchmarks.extraction import score
from benchmarks.extraction.labels import (
    DOCUMENTS,
    HERE,
    PARTS,
    SYNTHETIC,
    check,
    document_text,
    load,
    made_up_targets,
    open_targets,
    plan_prefix,
    split_for,
    synthetic_documents,
)


def test_the_labelled_set_checks_clean():
    labels = load()
    assert check(labels) == []
    assert len(labels.targets) == 32 and len(labels.outcomes) == 1677
    assert len(labels.distractors) == 3930
    assert {label.split for label in labels.targets} == {"dev", "test"}
    assert {label.split for label in labels.outcomes} == set(PARTS)


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
        if label.target.startswith(tuple(plan_prefix(part) for part in PARTS))
    ]
    assert {label.target.split("-")[0] for label in made_up} == set(PARTS)
    for label in made_up:
        assert label.split == label.target.split("-")[0]
    assert split_for("test-zz:dev") == "test" and split_for("dev-zz:test") == "dev"
    assert split_for("fresh-zz:test") == "fresh" and split_for("test-zz:fresh") == "test"
    assert split_for("fresh2-zz:test") == "fresh2" and split_for("fresh-zz:fresh2") == "fresh"
    assert split_for("fresh2-wg:x") == "fresh2" and split_for("fresh2") != "fresh2"
    assert split_for("fresh3-ly:fresh2-") == "fresh3" and split_for("fresh2-ly:fresh3") == "fresh2"
    assert split_for("fresh-ly:fresh3") == "fresh" and split_for("fresh3") != "fresh3"
    assert split_for("fresh4-kf:fresh3-") == "fresh4" and split_for("fresh3-kf:fresh4") == "fresh3"
    assert split_for("fresh-kf:fresh4") == "fresh" and split_for("fresh4") != "fresh4"


# Each held-out part: how many targets per plan, labels and distractors its
# labeller reported, whether every target has a label, and whether it lives
# on the synthetic texts.
HELD_OUT = {
    "fresh": ({"fresh-zz": 16, "fresh-pds": 7, "fresh-wg": 8}, 30, 48, False, False),
    "fresh2": ({"fresh2-zz": 20, "fresh2-wg": 1}, 27, 27, True, False),
    "fresh3": (
        {"fresh3-ly": 10, "fresh3-xx": 10, "fresh3-xc": 10, "fresh3-ny": 10},
        43,
        45,
        True,
        True,
    ),
    "fresh4": (
        {"fresh4-kf": 10, "fresh4-ay": 10, "fresh4-jz": 10, "fresh4-zk": 10},
        44,
        73,
        True,
        True,
    ),
    "fresh5": ({"fresh5-hb": 10, "fresh5-py": 10, "fresh5-lh": 10}, 32, 59, True, True),
    "fresh6": ({"fresh6-sq": 10, "fresh6-xy": 10, "fresh6-zmd": 10}, 35, 86, True, True),
    "fresh7": ({"fresh7-yc": 10, "fresh7-cz": 10, "fresh7-my": 10}, 34, 69, True, True),
    "fresh8": ({"fresh8-smx": 10, "fresh8-jy": 10, "fresh8-wh": 10}, 38, 109, True, True),
    "fresh9": ({"fresh9-zz": 10, "fresh9-wf": 10, "fresh9-gz": 10}, 34, 78, True, True),
    "fresh10": ({"fresh10-fs": 10, "fresh10-bj": 10, "fresh10-tz": 10}, 31, 64, True, True),
    "fresh11": ({"fresh11-hd": 10, "fresh11-zy": 10, "fresh11-dq": 10}, 34, 79, True, True),
    "fresh12": ({"fresh12-qz": 10, "fresh12-eeds": 10, "fresh12-qj": 10}, 33, 69, True, True),
    "fresh13": ({"fresh13-ts": 10, "fresh13-lz": 10, "fresh13-cj": 10}, 34, 97, True, True),
    "fresh14": (
        {"fresh14-suz": 10, "fresh14-xiangyang": 10, "fresh14-hf": 10},
        33,
        68,
        True,
        True,
    ),
    "fresh15": ({"fresh15-yb": 10, "fresh15-dg": 10, "fresh15-chz": 10}, 36, 99, True, True),
    "fresh16": ({"fresh16-nb": 10, "fresh16-cc": 10, "fresh16-hk": 10}, 33, 71, True, True),
    "fresh17": ({"fresh17-nt": 10, "fresh17-hz": 10, "fresh17-yy": 10}, 33, 74, True, True),
    "fresh18": ({"fresh18-jj": 10, "fresh18-zb": 10, "fresh18-yl": 10}, 33, 61, True, True),
    "fresh19": ({"fresh19-ych": 10, "fresh19-jzh": 10, "fresh19-hhht": 10}, 32, 92, True, True),
    "fresh20": ({"fresh20-hs": 10, "fresh20-hy": 10, "fresh20-dy": 10}, 33, 77, True, True),
    "fresh21": ({"fresh21-tz": 10, "fresh21-jh": 10, "fresh21-bt": 10}, 31, 72, True, True),
    "fresh22": (
        {"fresh22-tangshan": 10, "fresh22-zhangzhou": 10, "fresh22-xg": 10},
        35,
        73,
        True,
        True,
    ),
    "fresh23": (
        {"fresh23-shiyan": 10, "fresh23-zhenjiang": 10, "fresh23-changde": 10},
        33,
        97,
        True,
        True,
    ),
    "fresh24": (
        {"fresh24-yulin": 10, "fresh24-liaocheng": 10, "fresh24-luan": 10},
        36,
        58,
        True,
        True,
    ),
    "fresh25": ({"fresh25-jm": 10, "fresh25-sy": 10, "fresh25-ls": 10}, 39, 79, True, True),
    "fresh26": ({"fresh26-np": 10, "fresh26-mz": 10, "fresh26-ja": 10}, 34, 73, True, True),
    "fresh27": (
        {"fresh27-bd": 10, "fresh27-cangzhou": 10, "fresh27-yk": 10},
        47,
        83,
        True,
        True,
    ),
    "fresh28": ({"fresh28-jieyang": 10, "fresh28-qy": 10, "fresh28-lf": 10}, 32, 76, True, True),
    "fresh29": (
        {"fresh29-yingtan": 10, "fresh29-fz": 10, "fresh29-suqian": 10},
        34,
        73,
        True,
        True,
    ),
    "fresh30": ({"fresh30-dz": 10, "fresh30-rz": 10, "fresh30-weihai": 10}, 38, 99, True, True),
    "fresh31": ({"fresh31-hg": 10, "fresh31-xn": 10, "fresh31-yiyang": 10}, 33, 67, True, True),
    "fresh32": (
        {"fresh32-jiangmen": 10, "fresh32-anqing": 10, "fresh32-chifeng": 10},
        36,
        105,
        True,
        True,
    ),
    "fresh33": ({"fresh33-sx": 10, "fresh33-gl": 10, "fresh33-linyi": 10}, 34, 102, True, True),
    "fresh34": (
        {"fresh34-xianyang": 10, "fresh34-zhanjiang": 10, "fresh34-datong": 10},
        34,
        97,
        True,
        True,
    ),
    "fresh35": (
        {"fresh35-beihai": 10, "fresh35-bengbu": 10, "fresh35-anshan": 10},
        39,
        109,
        True,
        True,
    ),
    "fresh37": (
        {"fresh37-luzhou": 10, "fresh37-shangrao": 10, "fresh37-yuncheng": 10},
        34,
        104,
        True,
        True,
    ),
    "fresh36": (
        {"fresh36-jiaxing": 10, "fresh36-chenzhou": 10, "fresh36-tongren": 10},
        35,
        121,
        True,
        True,
    ),
    "fresh38": (
        {"fresh38-yichun": 10, "fresh38-binzhou": 10, "fresh38-suining": 10},
        37,
        103,
        True,
        True,
    ),
    "fresh39": (
        {"fresh39-huzhou": 10, "fresh39-nanchong": 10, "fresh39-chuzhou": 10},
        31,
        105,
        True,
        True,
    ),
    "fresh40": (
        {"fresh40-huaian": 10, "fresh40-meishan": 10, "fresh40-quzhou": 10},
        34,
        114,
        True,
        True,
    ),
    "fresh41": (
        {"fresh41-jincheng": 10, "fresh41-qinzhou": 10, "fresh41-zhangjiajie": 10},
        39,
        125,
        True,
        True,
    ),
    "fresh42": (
        {"fresh42-zigong": 10, "fresh42-zhoushan": 10, "fresh42-fuyang": 10},
        36,
        105,
        True,
        True,
    ),
    "fresh43": (
        {"fresh43-maoming": 10, "fresh43-weinan": 10, "fresh43-tongliao": 10},
        33,
        95,
        True,
        True,
    ),
    "fresh44": (
        {"fresh44-ezhou": 10, "fresh44-sanming": 10, "fresh44-xingtai": 10},
        35,
        114,
        True,
        True,
    ),
    "fresh45": (
        {"fresh45-loudi": 10, "fresh45-bayannur": 10, "fresh45-tongling": 10},
        41,
        104,
        True,
        True,
    ),
    "fresh46": (
        {"fresh46-lishui": 10, "fresh46-shantou": 10, "fresh46-guangyuan": 10},
        39,
        100,
        True,
        True,
    ),
}
# How many SYNTHETIC texts each part from fresh3 on was labelled on.
TEXTS = {
    "fresh3": 4,
    "fresh4": 4,
    "fresh5": 3,
    "fresh6": 3,
    "fresh7": 3,
    "fresh8": 3,
    "fresh9": 3,
    "fresh10": 3,
    "fresh11": 3,
    "fresh12": 3,
    "fresh13": 3,
    "fresh14": 3,
    "fresh15": 3,
    "fresh16": 3,
    "fresh17": 3,
    "fresh18": 3,
    "fresh19": 3,
    "fresh20": 3,
    "fresh21": 3,
    "fresh22": 3,
    "fresh23": 3,
    "fresh24": 3,
    "fresh25": 3,
    "fresh26": 3,
    "fresh27": 3,
    "fresh28": 3,
    "fresh29": 3,
    "fresh30": 3,
    "fresh31": 3,
    "fresh32": 3,
    "fresh33": 3,
    "fresh34": 3,
    "fresh35": 3,
    "fresh37": 3,
    "fresh36": 3,
    "fresh38": 3,
    "fresh39": 3,
    "fresh40": 3,
    "fresh41": 3,
    "fresh42": 3,
    "fresh43": 3,
    "fresh44": 3,
    "fresh45": 3,
    "fresh46": 3,
}


@pytest.mark.parametrize("part", list(HELD_OUT))
def test_each_held_out_part_is_its_own_files_and_nothing_else(part):
    # <part>_outcomes.toml labels that part's targets only (on the synthetic
    # texts for fresh3 and fresh4), and none of its labels hides in an older
    # file; every target is open to the reader and belongs to its plans.
    plans_wanted, outcomes, distractors, all_labelled, synthetic = HELD_OUT[part]
    targets = made_up_targets(part)
    plans = [target.plan for target in targets]
    assert {p: plans.count(p) for p in set(plans)} == plans_wanted
    keys = {target.key for target in targets}
    assert len(keys) == len(targets)
    assert keys <= {target.key for target in open_targets()}
    earlier = list(HELD_OUT)[: list(HELD_OUT).index(part)]
    assert not keys & {t.key for name in earlier for t in made_up_targets(name)}
    rows = tomllib.loads((HERE / f"{part}_outcomes.toml").read_text(encoding="utf-8"))
    assert (len(rows["outcome"]), len(rows["distractor"])) == (outcomes, distractors)
    assert {row["target"] for row in rows["outcome"] + rows["distractor"]} <= keys
    if all_labelled:
        assert {row["target"] for row in rows["outcome"]} == keys
    assert all(row["split"] == part for row in rows["outcome"])
    texts = set(synthetic_documents(part)) if synthetic else set()
    if synthetic:
        assert {row["document"] for row in rows["outcome"] + rows["distractor"]} == texts
    for name in ("outcomes.toml", *(f"{e}_outcomes.toml" for e in earlier)):
        old = tomllib.loads((HERE / name).read_text(encoding="utf-8"))
        assert not any(
            row["target"].startswith(plan_prefix(part)) or row["document"] in texts
            for row in old["outcome"] + old.get("distractor", [])
        )


def test_the_synthetic_texts_are_listed_and_read_after_the_seeds():
    # Every synthetic text is in documents.toml (and back), 3,000-6,000
    # characters, LF only; a slug never names both a seed and a synthetic
    # text, so document_text cannot mix them up. Each part from fresh3 on
    # has its own texts.
    synthetic = synthetic_documents()
    files = {path.stem for path in SYNTHETIC.glob("*.txt")}
    assert files == set(synthetic) and len(files) == sum(TEXTS.values())
    assert not files & {path.stem for path in DOCUMENTS.glob("*.txt")}
    assert {part: len(synthetic_documents(part)) for part in TEXTS} == TEXTS
    assert set().union(*(synthetic_documents(part) for part in TEXTS)) == files
    for slug, (_on, is_plan) in synthetic.items():
        text = document_text(slug)
        assert 3000 <= len(text) <= 6000 and "\r" not in text and not is_plan
    undated = {slug for slug, (on, _plan) in synthetic.items() if on is None}
    assert undated == {
        "ly-2025-reply-manufacturing-upgrading",
        "jz-2025-government-work-report-excerpt",
        "py-2025-reply-chemical-new-materials",
        "cz-2025-reply-new-energy-industry",
        "my-2025-government-work-report-excerpt",
        "wh-2025-reply-robot-nev-industry",
        "wf-2025-government-work-report-excerpt",
        "bj-2025-reply-specialised-digital",
        "zy-2025-reply-baijiu-supply-chain",
        "eeds-2025-government-work-report-excerpt",
        "lz-2025-reply-nev-auto-parts",
        "hf-2025-reply-ic-display",
        "nb-2025-government-work-report-excerpt",
        "yy-2024-reply-petrochemical-new-materials",
        "jj-2025-government-work-report-excerpt",
        "jingzhou-2024-reply-agro-processing-textile",
        "hs-2025-npc-survey-report-manufacturing",
        "jh-2025-reply-hardware-cross-border-ecommerce",
        "tangshan-2025-report-plan-implementation",
        "changde-2025-reply-npc-culture-tourism",
        "luan-2025-reply-tea-agro-processing",
        "sy-2025-npc-opinions-handling-light-industry",
        "mz-2025-reply-primary-health-care",
        "yk-2024-report-economic-operation",
        "lf-2025-government-work-report-excerpt",
        "weihai-2025-reply-port-logistics",
        "fz-2024-summary-housing-urban-renewal",
        "xn-2025-reply-hot-spring-tourism",
        "anqing-2025-reply-chemical-materials-auto-parts",
        "guilin-2025-reply-tourism-luohanguo",
        "datong-2025-government-work-report-excerpt",
        "bengbu-2025-reply-sci-tech-innovation",
        "yuncheng-2025-government-work-report-excerpt",
        "tongren-2025-reply-tea-industry",
        "binzhou-2025-reply-air-pollution-carbon",
        "meishan-2025-reply-culture-tourism-integration",
        "qinzhou-2025-reply-port-industry",
        "fuyang-2025-reply-agro-processing-grain",
        "tongliao-2025-reply-corn-beef-cattle",
        "sanming-2025-reply-forestry-bamboo",
        "bayannur-2025-reply-hetao-agri-products",
        "guangyuan-2025-reply-culture-tourism-jianmenguan",
    }


def test_each_run_reads_the_targets_and_texts_of_the_parts_made_up_to_it():
    # Building the runs does not call the reader. Each part is scored
    # against the targets and texts of the parts made before it and its
    # own, so a later part never moves an earlier one's figure; the last
    # run reads every target and every text.
    runs = score._runs(PARTS)
    assert [counted for _targets, counted, _documents in runs] == [
        {"dev", "test"},
        *({part} for part in PARTS[2:]),
    ]
    # the target counts the parts up to fresh4 were first scored with
    assert [len(targets) for targets, _counted, _documents in runs[:5]] == [82, 113, 134, 174, 214]
    for made, (targets, _counted, documents) in enumerate(runs, start=1):
        upto = PARTS[: made + 1]
        later = PARTS[made + 1 :]
        assert not any(t.plan.startswith(tuple(plan_prefix(p) for p in later)) for t in targets)
        own = {slug for part in upto for slug in synthetic_documents(part)}
        assert set(documents) == set(score.DOCUMENTS) | own
    targets, _counted, documents = runs[-1]
    assert len(targets) == len(open_targets())
    assert set(documents) == set(score.DOCUMENTS) | set(synthetic_documents())
    assert set(score.DOCUMENTS).isdisjoint(synthetic_documents())
