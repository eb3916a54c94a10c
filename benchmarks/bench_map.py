"""How the map copes with a big pod: open and scroll, as ratios against an empty pod.

Not a test (speed is measured as ratios, never in timed tests). Run it:

    .venv/bin/python benchmarks/bench_map.py

In one run it opens the map of an empty pod and of a pod with 40 items in every
section (harm, statements with their goals, complicating factors, grey areas,
strengths, safety, next steps), headless at 120x40 and 80x24, and times:

- first paint: from asking for the pod until the screen is first drawn with
  map cards on it (the first cards of each section; the rest are mounted in
  the frames after, a section at a time, between which keys are handled);
- open: until every card is mounted and the app is idle;
- keys: 60 key presses moving through the first column (each waits until the
  app is idle, as a person's next key would);
- scroll: 20 page-downs of the first column by its scrollbar, each drawn.

It does this twice: with the whole pod screen (every tab is built when a pod
opens, and the statements tab has 40 pairs to show too), and with the map tab
alone (the other tabs left out), which is the map's own share.

Each figure is the median of a few rounds, as CPU time (this process's own work,
steady on a busy machine) and wall time (what a person waits, including the idle
waits between keys); the ratio is big pod / empty pod. In the empty pod the cursor
and the column have almost nowhere to go, so those ratios compare real movement
against none: the per-key and per-page figures are the ones to read for lag.
Everything is kept in a temporary folder, never the real pods.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROUNDS = 5
ITEMS = 40
KEYS = 60
PAGES = 20


def big_pod():
    from gq_pods.model import DangerStatement, MapItem, NextStep, Pod, PodMap, SafetyGoal

    words = "When the parents argue late at night the child hides upstairs and the school notices she is tired."
    pod = Pod(date=dt.date(2026, 11, 20), style="content_mapping", case_reference="Bench", current_stage="worries")
    pod.map = PodMap(
        **{
            section: [MapItem(f"{n + 1}. {words}") for n in range(ITEMS)]
            for section in ("harm", "complicating_factors", "grey_areas", "existing_strengths", "existing_safety")
        },
        next_steps=[NextStep(f"Step {n + 1}: {words}", "JR", dt.date(2026, 12, 1)) for n in range(ITEMS)],
    )
    pod.danger_statements = [DangerStatement(id=f"ds{n + 1}", text=words) for n in range(ITEMS)]
    pod.safety_goals = [SafetyGoal(id=f"sg{n + 1}", danger_statement=f"ds{n + 1}", text=words) for n in range(ITEMS)]
    return pod


def empty_pod():
    from gq_pods.model import Pod

    return Pod(date=dt.date(2026, 11, 20), style="content_mapping", case_reference="Bench", current_stage="worries")


async def idle() -> None:
    from textual._wait import wait_for_idle

    await wait_for_idle(0)


class Clock:
    """CPU and wall time since start."""

    def __init__(self) -> None:
        self.cpu = time.process_time()
        self.wall = time.perf_counter()

    def read(self) -> tuple[float, float]:
        return time.process_time() - self.cpu, time.perf_counter() - self.wall


PAINTS: list[tuple[float, float]] = []


def watch_paints() -> None:
    """Note when the pod screen is drawn with map cards on it (wraps a private Textual method)."""
    from textual.screen import Screen

    from screens.map import MapCard
    from screens.pod import PodScreen

    original = Screen._compositor_refresh

    def refresh(self: Screen) -> None:
        original(self)
        if isinstance(self, PodScreen) and any(card.region.height for card in self.query(MapCard)):
            PAINTS.append((time.process_time(), time.perf_counter()))

    Screen._compositor_refresh = refresh  # type: ignore[method-assign]


async def measure(db_url: str, pod_id: int, size: tuple[int, int]) -> dict[str, tuple[float, float]]:
    from screens.app import GqPodsApp
    from screens.map import MapColumn, MapPanel
    from screens.pod import PodScreen

    app = GqPodsApp(db_url)
    out: dict[str, tuple[float, float]] = {}
    async with app.run_test(size=size) as pilot:
        while app.repository is None:
            await pilot.pause(0.01)
        await pilot.pause()

        PAINTS.clear()
        clock = Clock()
        app.open_pod(pod_id)
        while not (isinstance(app.screen, PodScreen) and app.screen.query(MapPanel)):
            await asyncio.sleep(0)
        panel = app.screen.query_one(MapPanel)
        while panel.focused_card() is None or not PAINTS:
            await asyncio.sleep(0.001)
        out["first"] = (PAINTS[0][0] - clock.cpu, PAINTS[0][1] - clock.wall)
        await idle()
        out["open"] = clock.read()

        clock = Clock()
        await app._press_keys(["down"] * KEYS)
        out["keys"] = clock.read()

        column = panel.query_one("#map-column-0", MapColumn)
        column.scroll_home(animate=False)
        await idle()
        clock = Clock()
        for _ in range(PAGES):
            column.scroll_page_down(animate=False)
            await idle()
        out["scroll"] = clock.read()
        await app._press_keys(["escape"])
    return out


async def main() -> None:
    home = tempfile.mkdtemp(prefix="gq-bench-")
    os.environ["GQ_PODS_HOME"] = home
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    from storage.repository import Repository

    db_url = f"sqlite:///{Path(home) / 'data' / 'pods.sqlite3'}"
    repository = Repository.open(db_url)
    empty_id = repository.add_pod(empty_pod())
    big_id = repository.add_pod(big_pod())
    repository.close()

    print(f"Map benchmark: {ITEMS} items in every section vs an empty pod, median of {ROUNDS} rounds.")
    print("Times in ms: CPU / wall.")
    import screens.pod

    watch_paints()
    every_tab = list(screens.pod.PANES)
    map_alone = [pane for pane in every_tab if pane[0] in ("map", "details")]
    for label, panes, sizes in (
        ("whole pod screen", every_tab, ((120, 40), (80, 24))),
        ("map tab alone", map_alone, ((120, 40), (80, 24))),
    ):
        screens.pod.PANES[:] = panes
        for size in sizes:
            await report(label, db_url, empty_id, big_id, size)
    screens.pod.PANES[:] = every_tab


async def report(label: str, db_url: str, empty_id: int, big_id: int, size: tuple[int, int]) -> None:
    results: dict[str, dict[str, list[tuple[float, float]]]] = {"empty": {}, "big": {}}
    await measure(db_url, empty_id, size)  # warm up imports and caches
    for _ in range(ROUNDS):
        for name, pod_id in (("empty", empty_id), ("big", big_id)):
            for key, value in (await measure(db_url, pod_id, size)).items():
                results[name].setdefault(key, []).append(value)
    print(f"\n{label}, {size[0]}x{size[1]}")
    print(f"  {'':14} {'empty pod':>15} {'40 in each':>15} {'ratio cpu/wall':>16}")
    rows = (
        ("first", "first paint", 1),
        ("open", "all mounted", 1),
        ("keys", f"{KEYS} x down", KEYS),
        ("scroll", f"{PAGES} x page", PAGES),
    )
    for key, what, per in rows:
        empty = [statistics.median(v[i] for v in results["empty"][key]) for i in (0, 1)]
        big = [statistics.median(v[i] for v in results["big"][key]) for i in (0, 1)]
        print(
            f"  {what:14} {empty[0] * 1000:6.0f} /{empty[1] * 1000:6.0f} {big[0] * 1000:6.0f} /{big[1] * 1000:6.0f}"
            f"   {big[0] / empty[0]:5.2f}x /{big[1] / empty[1]:5.2f}x"
        )
        if per > 1:
            print(f"  {'  each':14} {'':15} {big[0] * 1000 / per:6.1f} /{big[1] * 1000 / per:6.1f}")


if __name__ == "__main__":
    asyncio.run(main())
