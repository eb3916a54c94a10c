"""The checker against its labelled sets: the tuning set and the held-out set.

The held-out set (``checker_heldout.json``) was written before the structural
checker and the rules are never tuned on it. Both scores are printed (run with
``-s`` to see them) and both must reach 95% per kind: weak ones flagged, good
ones left clean.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from gq_pods.checker import CHECKS, PROBLEM

DATA = Path(__file__).parent / "data"
SETS = {"tuning": DATA / "statements.json", "held-out": DATA / "checker_heldout.json"}
KINDS = ("danger-statement", "safety-goal")
PARTS = {
    "danger-statement": {"worrier", "behaviour", "example", "impact", "plain-words"},
    "safety-goal": {"action", "presence", "duration", "plain-words"},
}
WEAK_KINDS = {
    "danger-statement": {"passive-worrier", "bare-worrier", "label", "diagnosis", "vague-noun",
                         "no-example", "vague-impact", "past-only", "shorthand"},
    "safety-goal": {"service", "vague-action", "child-alone", "absence-only", "deadline", "no-duration",
                    "shorthand"},
}
GOOD_KINDS = {
    "danger-statement": {"present-tense", "at-risk-of-being", "quote", "initials"},
    "safety-goal": {"for-n", "until", "until-end", "every-day-for", "through", "condition", "initials"},
}
TARGET = 0.95


def items(name: str) -> list[dict]:
    return json.loads(SETS[name].read_text(encoding="utf-8"))["items"]


def scores(name: str) -> dict[str, dict]:
    """Per kind: weak flagged, good clean, and the items the checker got wrong."""
    result = {}
    for kind in KINDS:
        score = {"weak": 0, "flagged": 0, "good": 0, "clean": 0, "misses": []}
        for item in items(name):
            if item["kind"] != kind:
                continue
            found = sorted({f.code for f in CHECKS[kind](item["text"]) if f.severity == PROBLEM})
            if item["weak"]:
                score["weak"] += 1
                score["flagged"] += bool(found)
                if not found:
                    score["misses"].append(("weak, not flagged", item["text"]))
            else:
                score["good"] += 1
                score["clean"] += not found
                if found:
                    score["misses"].append((f"good, flagged {found}", item["text"]))
        result[kind] = score
    return result


def report(name: str, result: dict[str, dict]) -> str:
    lines = [f"{name} set:"]
    for kind, s in result.items():
        lines.append(
            f"  {kind}: weak flagged {s['flagged']}/{s['weak']} ({s['flagged'] / s['weak']:.0%}), "
            f"good clean {s['clean']}/{s['good']} ({s['clean'] / s['good']:.0%})"
        )
        lines += [f"    {why}: {text[:90]}" for why, text in s["misses"]]
    return "\n".join(lines)


def test_the_sets_are_big_balanced_and_cover_every_kind_of_wording():
    everything = items("tuning") + items("held-out")
    assert len(everything) >= 200
    assert len(items("held-out")) >= 100
    count = Counter((item["kind"], item["weak"]) for item in everything)
    for kind in KINDS:
        assert count[(kind, True)] >= 50 and count[(kind, False)] >= 50, count
    for item in everything:
        assert item["kind"] in KINDS, item
        assert item["weak"] == bool(item["missing"]), item["text"]
        assert set(item["missing"]) <= PARTS[item["kind"]], item["text"]
    for kind in KINDS:
        covered = {c for item in everything if item["kind"] == kind for c in item["covers"]}
        assert WEAK_KINDS[kind] <= covered, WEAK_KINDS[kind] - covered
        assert GOOD_KINDS[kind] <= covered, GOOD_KINDS[kind] - covered
    texts = [item["text"] for item in everything]
    assert len(texts) == len(set(texts)), "an item is in both sets, or twice in one"


@pytest.mark.parametrize("name", list(SETS))
def test_weak_ones_are_flagged_and_good_ones_left_clean(name, capsys):
    result = scores(name)
    with capsys.disabled():
        print("\n" + report(name, result))
    for kind, s in result.items():
        assert s["flagged"] / s["weak"] >= TARGET, report(name, result)
        assert s["clean"] / s["good"] >= TARGET, report(name, result)
