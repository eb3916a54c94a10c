"""How long a maximum-size pod takes to save, as a ratio against a small pod.

Not a test (speed is measured as ratios, never in timed tests). Run it:

    .venv/bin/python benchmarks/bench_save.py [--text 200]

In one run it stores a small pod (the test suite's full example pod) and a
maximum-size pod in a temporary SQLite repository, then times, as the median of
a few rounds:

- save: ``Repository.save_pod`` of the whole pod (what autosave does after a change);
- load: ``Repository.get_pod`` (what opening the pod does);
- export and import: the pod file written (``podfile.dumps``) and read back (``podfile.loads``).

The maximum-size pod has every list the pod file contract limits at its 500
items: participants, people, each of the six map sections, danger statements,
safety goals, scales (overall and one per statement), bottom lines,
contingencies and stages, with every text field ``--text`` characters long
(default 200: a full paragraph). Nested lists are kept small (3 scores per scale,
2 drafts per statement and goal), so the pod is big the way a real one could be.
The goal is a save within about a second.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROUNDS = 5
ITEMS = 500


def max_pod(length: int):
    from gq_pods.model import (
        BottomLine,
        Contingency,
        DangerStatement,
        Draft,
        MapItem,
        NextStep,
        Participant,
        Person,
        Pod,
        PodMap,
        Reflection,
        SafetyGoal,
        Scale,
        ScaleScore,
        StageRecord,
    )

    sentence = "When the parents argue late at night the child hides upstairs and the school notices she is tired. "
    text = (sentence * (length // len(sentence) + 1))[:length]
    n = range(ITEMS)
    drafts = [Draft("JR", text), Draft("AK", text)]
    return Pod(
        date=dt.date(2026, 11, 20),
        style="content_mapping",
        title=text,
        team=text,
        case_reference=text,
        focus_question=text,
        manager_present=True,
        participants=[Participant(text, "member") for _ in n],
        people=[Person(f"p{i}", text, text, "family", 30, True) for i in n],
        map=PodMap(
            harm=[MapItem(text) for _ in n],
            complicating_factors=[MapItem(text) for _ in n],
            grey_areas=[MapItem(text) for _ in n],
            existing_strengths=[MapItem(text) for _ in n],
            existing_safety=[MapItem(text) for _ in n],
            next_steps=[NextStep(text, text, dt.date(2026, 12, 1), "agreed") for _ in n],
        ),
        danger_statements=[
            DangerStatement(f"ds{i}", text, text, text, text, text, text, text, list(drafts)) for i in n
        ],
        safety_goals=[SafetyGoal(f"sg{i}", f"ds{i}", text, text, text, text, text, text, list(drafts)) for i in n],
        scales=[
            Scale(about, text, [ScaleScore(text, 5, text, text) for _ in range(3)])
            for about in ["overall", *(f"ds{i}" for i in range(ITEMS - 1))]
        ],
        bottom_lines=[BottomLine(text) for _ in n],
        contingencies=[Contingency(text, text, text) for _ in n],
        stages=[StageRecord(f"stage{i}", text, text, 600) for i in n],
        reflection=Reflection("partly", text, text, text),
    )


def median_time(action, rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(repo, pod) -> dict[str, float]:
    from gq_pods import podfile

    pod.id = None
    repo.add_pod(pod)
    text = podfile.dumps(pod)
    return {
        "save": median_time(lambda: repo.save_pod(pod)),
        "load": median_time(lambda: repo.get_pod(pod.id)),
        "export (dumps)": median_time(lambda: podfile.dumps(pod)),
        "import (loads)": median_time(lambda: podfile.loads(text)),
        "file size (MB)": len(text.encode()) / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=int, default=200, help="characters in every text field (default 200)")
    args = parser.parse_args()

    from gq_pods.rules import problems
    from storage.repository import Repository
    from tests.factories import full_pod

    big = max_pod(args.text)
    assert not problems(big), problems(big)[:3]
    with tempfile.TemporaryDirectory() as folder:
        repo = Repository.open(f"sqlite:///{folder}/bench.sqlite3", backup_dir=Path(folder) / "backups")
        try:
            small_figures = measure(repo, full_pod())
            big_figures = measure(repo, big)
        finally:
            repo.close()

    print(f"Maximum-size pod: {ITEMS} items in every list, {args.text} characters in every text field")
    print(f"{'':18} {'small pod':>11} {'max pod':>11} {'ratio':>8}")
    for name, small in small_figures.items():
        large = big_figures[name]
        if name.endswith("(MB)"):
            print(f"{name:18} {small:>10.2f}M {large:>10.2f}M {large / small:>7.0f}x")
        else:
            print(f"{name:18} {small * 1000:>9.1f}ms {large * 1000:>9.1f}ms {large / small:>7.0f}x")
    verdict = "within" if big_figures["save"] <= 1.0 else "OVER"
    print(f"Save of the maximum-size pod: {big_figures['save']:.2f} s, {verdict} the 1 s goal.")


if __name__ == "__main__":
    main()
