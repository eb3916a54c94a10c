"""The checker: how well it scores on its labelled sets, and what a live check costs.

Not a test (speed is measured as ratios, never in timed tests). Run it:

    .venv/bin/python benchmarks/bench_checker.py

1. Scores, per kind (danger statement, safety goal), on the held-out set (written
   before the structural checker, never used to tune it) and on the tuning set:
   weak ones flagged (at least one problem) and good ones left clean (no problem;
   hints are fine). The target on the held-out set is 95% for each.

2. Live checking while typing, in one run: a pod with 40 items in every section
   against an empty pod. The editor checks only the wording being edited, so the
   ratio should be close to 1.0; this measures it rather than assuming it:

   - check: what the editor runs after each pause in typing (the checker's
     findings and the parts checklist for the edited text, with the team's
     words), on a text that grows one letter at a time as a person types;
   - typing: in the real app, headless, the statement editor of the first pair
     open; each letter is pressed, the app left to settle, and the editor's own
     live check run, as the timer would after a pause.

   Figures are the median of a few rounds, as CPU time (this process's own work,
   steady on a busy machine); the ratio is big pod / empty pod. Everything is kept
   in a temporary folder, never the real pods.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_map import ITEMS, big_pod  # noqa: E402  (the same big pod as the map's benchmark)
from gq_pods import checker  # noqa: E402

DATA = ROOT / "tests" / "data"
SETS = (("held-out", DATA / "checker_heldout.json"), ("tuning", DATA / "statements.json"))
ROUNDS = 3
TYPED = (
    "The nursery and Jo, the social worker, are worried that when Dean drinks he shouts at Lisa and "
    "pushes her in front of Amy, like on 3 May. If nothing changes Amy could be hurt."
)
LETTERS = 20  # letters typed into the app per round


# ------------------------------------------------------------------ scores


def scores() -> None:
    print("Scores: weak flagged / good clean, per kind.")
    for name, path in SETS:
        items = json.loads(path.read_text(encoding="utf-8"))["items"]
        for kind, check in checker.CHECKS.items():
            weak = [item for item in items if item["kind"] == kind and item["weak"]]
            good = [item for item in items if item["kind"] == kind and not item["weak"]]
            flagged = sum(checker.has_problems(check(item["text"])) for item in weak)
            clean = sum(not checker.has_problems(check(item["text"])) for item in good)
            print(
                f"  {name:9} {kind:17} weak flagged {flagged:3}/{len(weak):<3} ({flagged / len(weak):4.0%})"
                f"   good clean {clean:3}/{len(good):<3} ({clean / len(good):4.0%})"
            )


# ------------------------------------------------------------------ the pods


def empty_pod():
    from gq_pods.model import DangerStatement, Pod

    pod = Pod(date=dt.date(2026, 11, 20), style="content_mapping", case_reference="Bench", current_stage="worries")
    pod.danger_statements = [DangerStatement(id="ds1", text="")]  # one pair to type into
    return pod


# ------------------------------------------------------------------ the check itself


def check_cost(pod) -> float:
    """CPU seconds for the live checks of a statement typed letter by letter in ``pod``."""
    team = checker.TeamWords.of(jargon=["FII"], acronyms=["CAMHS"], service_words=["Family Hub"])
    statement = pod.danger_statements[0]
    clock = time.process_time()
    for end in range(1, len(TYPED) + 1):
        statement.text = TYPED[:end]
        checker.check_danger_statement(statement.text, team=team)
        checker.parts(statement.text, checker.DANGER_STATEMENT, team=team)
    return time.process_time() - clock


# ------------------------------------------------------------------ typing in the app


async def idle() -> None:
    from textual._wait import wait_for_idle

    await wait_for_idle(0)


def statement_editor(screen):
    """The editor of the danger statement wherever the statements screen keeps it."""
    for widget in screen.query("*"):
        if callable(getattr(widget, "run_check", None)) and getattr(widget, "KIND", getattr(widget, "kind", "")) == "statement":
            return widget
    return None


async def typing_cost(db_url: str, pod_id: int) -> tuple[float, float] | None:
    """CPU seconds to type LETTERS letters, and for the editor's live check after each.

    None if the statements screen has no statement editor to find.
    """
    from screens.app import GqPodsApp
    from screens.pod import PodScreen

    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        while app.repository is None:
            await pilot.pause(0.01)
        await pilot.pause()
        app.open_pod(pod_id)
        while not (isinstance(app.screen, PodScreen) and app.screen.query("#pod-tabs")):
            await pilot.pause(0.01)
        screen = app.screen
        screen.show_tab("statements")
        for _ in range(500):
            if screen.query("#pairs"):
                break
            await pilot.pause(0.01)
        await idle()
        screen.query_one("#pairs").focus()
        await pilot.press("enter")
        await idle()
        editor = statement_editor(screen)
        area = screen.query("#statement-text")
        if editor is None or not area:
            return None
        area.first().focus()
        await idle()
        typing = checking = 0.0
        for letter in TYPED[:LETTERS]:
            clock = time.process_time()
            await pilot.press("space" if letter == " " else letter)
            await idle()
            typing += time.process_time() - clock
            clock = time.process_time()
            editor.run_check()  # what the timer does after a pause in typing
            await idle()
            checking += time.process_time() - clock
        await pilot.press("escape")
    return typing, checking


async def live() -> None:
    home = tempfile.mkdtemp(prefix="gq-bench-")
    os.environ["GQ_PODS_HOME"] = home
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    pods = {"empty": empty_pod(), "big": big_pod()}

    print(f"\nLive check: a pod with {ITEMS} items in every section vs an empty pod, median of {ROUNDS} rounds.")
    check_cost(pods["empty"])  # warm up
    cost = {name: [] for name in pods}
    for _ in range(ROUNDS):
        for name, pod in pods.items():
            checker._analyse.cache_clear()
            cost[name].append(check_cost(pod))
    empty, big = statistics.median(cost["empty"]), statistics.median(cost["big"])
    per = len(TYPED)
    print(f"  check, per letter typed (CPU ms): empty {empty * 1000 / per:.3f}, "
          f"40 in each {big * 1000 / per:.3f}, ratio {big / empty:.2f}x")

    from storage.repository import Repository

    db_url = f"sqlite:///{Path(home) / 'data' / 'pods.sqlite3'}"
    repository = Repository.open(db_url)
    ids = {name: repository.add_pod(pod) for name, pod in pods.items()}
    repository.close()
    first = await typing_cost(db_url, ids["empty"])  # warm up imports and caches
    if first is None:
        print("  typing in the app: the statement editor could not be found on the statements screen; not measured.")
        return
    typed = {name: [] for name in pods}
    for _ in range(ROUNDS):
        for name in pods:
            typed[name].append(await typing_cost(db_url, ids[name]))
    for index, what in ((1, "the editor's live check, shown"), (0, "a key press, until the app is idle")):
        empty = statistics.median(run[index] for run in typed["empty"])
        big = statistics.median(run[index] for run in typed["big"])
        print(f"  in the app, {what}, per letter (CPU ms): empty {empty * 1000 / LETTERS:.1f}, "
              f"40 in each {big * 1000 / LETTERS:.1f}, ratio {big / empty:.2f}x")


if __name__ == "__main__":
    scores()
    asyncio.run(live())
