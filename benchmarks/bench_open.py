"""Opening the list and a pod: issue 11's three goals, as ratios measured in one run.

Not a test (speed is measured as ratios, never in timed tests). Run it:

    .venv/bin/python benchmarks/bench_open.py [runs] [--against DIR]

(--against DIR: another copy of the project, an older commit say, measured in the
same rounds and reported after this one.)

Everything is measured here, in this run, in fresh interpreters (imports
included, as a person starting the program pays them), headless at 80x24 as
bench_startup.py does, A B A B interleaved, and medians compared:

1. Start-up: from the interpreter starting until the home list can be acted on
   (its first page is on the screen, drawn, with the cursor on a pod), against a
   bare Textual app's first screen. Goal: within 1.3x.
2. A big team database: the same, with 10,000 pods against 2 pods. Goal: within
   1.2x. Then, with 10,000 pods, each key typed into the filter: from the key
   until the list shows what it matched, drawn, against one frame (1/60 s, the
   rate Textual draws at). Goal: within one frame. And ``gq-pods list --json``
   with 10,000 pods against 2.
3. Opening a big content-map pod (40 items in each of four map sections, 30
   next steps, three danger statements with goals and scales) from the list:
   from Enter until its map is drawn with cards on it, against a bare Textual
   app's first screen. Goal: no longer. Then a key pressed in the map (down, to
   the next card): until its effect is drawn, against one frame.

Everything is kept in a temporary folder, never the real pods.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FRAME = 1 / 60
BIG_TEAM = 10_000

BARE = textwrap.dedent(
    """
    import time
    t0, c0 = time.perf_counter(), time.process_time()
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Bare(App):
        def compose(self):
            yield Header()
            yield Static("hello")
            yield Footer()

        def on_mount(self):
            self.call_after_refresh(self.done)

        def done(self):
            print("first", time.perf_counter() - t0, time.process_time() - c0)
            self.exit()

    Bare().run(headless=True, size=(80, 24))
    """
)

# A bare Textual app's own pace: a key typed into an Input until the frame that shows it.
# Textual draws a change at its next frame (at most 60 a second), so this is the least any
# key can take to show; the filter's and the map's keys are set beside it.
BARE_KEY = textwrap.dedent(
    """
    import asyncio, time
    from textual import events
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Input

    PAINTS = []
    original = Screen._compositor_refresh

    def refresh(self):
        original(self)
        PAINTS.append((time.perf_counter(), time.process_time()))

    Screen._compositor_refresh = refresh

    class Bare(App):
        def compose(self):
            yield Header()
            field = Input()
            field.cursor_blink = False  # no frames but the keys'
            yield field
            yield Footer()

    async def main():
        app = Bare()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            field = app.query_one(Input)
            for ch in "team 7 case 12":
                await pilot.pause()
                before = field.value
                start = time.perf_counter(), time.process_time()
                app.post_message(events.Key("space" if ch == " " else ch, ch))
                while field.value == before or not any(p[0] > start[0] for p in PAINTS):
                    await asyncio.sleep(0.0005)
                end = next(p for p in PAINTS if p[0] > start[0])
                print("barekey", end[0] - start[0], end[1] - start[1])

    asyncio.run(main())
    """
)

# Until the home list is drawn with its first page, the keyboard in it: looked for
# every 2 ms (the same way whatever the version of the home screen).
LISTED = textwrap.dedent(
    """
    import time
    t0, c0 = time.perf_counter(), time.process_time()
    from screens.app import GqPodsApp

    class Timed(GqPodsApp):
        def on_mount(self):
            super().on_mount()
            self.looking = self.set_interval(0.002, self.look)

        def look(self):
            table = self.screen.query("#pods")
            if table and table.first().display and table.first().row_count and table.first().has_focus:
                self.looking.stop()
                self.call_after_refresh(self.listed)

        def listed(self):
            print("listed", time.perf_counter() - t0, time.process_time() - c0)
            self.exit()

    import sys
    Timed(sys.argv[1]).run(headless=True, size=(80, 24))
    """
)

# Filter keys with a big list; then open a big pod and press a key in its map.
IN_APP = textwrap.dedent(
    """
    import asyncio, statistics, sys, time
    from textual import events
    from textual.screen import Screen
    from screens.app import GqPodsApp

    mode, url, pod_id = sys.argv[1], sys.argv[2], int(sys.argv[3])
    PAINTS = []
    original = Screen._compositor_refresh

    WATCH = []  # a condition looked at as each paint is done: the first paint that shows it

    def refresh(self):
        original(self)
        PAINTS.append((time.perf_counter(), time.process_time()))
        if WATCH and len(WATCH) == 1 and WATCH[0]():
            WATCH.append(PAINTS[-1])

    Screen._compositor_refresh = refresh

    async def until(condition):
        while not condition():
            await asyncio.sleep(0.0005)

    def first_paint_after(moment):
        # (wall, cpu) of the first time the screen was drawn after `moment`, or None.
        return next((paint for paint in PAINTS if paint[0] > moment[0]), None)

    async def drawn(after, nothing_after=None):
        # (wall, cpu) when the screen was first drawn after `after` (a (wall, cpu) pair).
        # nothing_after: when no paint comes this long after, nothing needed drawing
        # (a filter that still matches nothing leaves the screen as it was).
        deadline = None if nothing_after is None else time.perf_counter() + nothing_after
        await until(lambda: first_paint_after(after) or (deadline and time.perf_counter() > deadline))
        return first_paint_after(after) or after

    def now():
        return time.perf_counter(), time.process_time()

    def say(name, start, end):
        print(name, end[0] - start[0], end[1] - start[1])

    def send(app, key, char=None):
        # The key as the terminal sends it, without waiting for the app to go idle
        # (Pilot's press waits until everything the key started has finished).
        app.post_message(events.Key(key, char))

    async def main():
        app = GqPodsApp(url)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(lambda: app.repository is not None and app.screen.loaded)
            # as a person would: the list read, whatever loads meanwhile loaded (the database,
            # then the pod screen's code)
            await until(lambda: not any(w.is_running for w in app.workers) and "screens.pod" in sys.modules)
            await pilot.pause()
            if mode == "filter":
                screen = app.screen
                shown = []
                got = getattr(screen, "_got", None)

                def timed_got(generation, *args):
                    got(generation, *args)
                    if generation == screen._generation:
                        shown.append(now())

                if got is not None:
                    screen._got = timed_got
                await pilot.press("slash")
                for text in ("team 7", "case 12", "2026-03", "nothing"):
                    for ch in text:
                        shown.clear()
                        start = now()
                        await pilot.press("space" if ch == " " else ch)
                        if got is None:  # the filter was done in Python as the key was handled
                            shown.append(now())
                        await until(lambda: shown)
                        say("key", start, await drawn(shown[-1], nothing_after=0.25))
                    await pilot.press("escape")
                    await until(lambda: not screen.query_one("#filter").value and screen.query_one("#pods").display)
                    await pilot.press("slash")
            else:
                # The pod's screens are imported by the app as it opens the pod, as for a person.
                def cards_drawn():
                    screen = app.screen
                    return type(screen).__name__ == "PodScreen" and any(
                        card.region.height for card in screen.query("MapCard"))

                WATCH.append(cards_drawn)
                start = now()
                send(app, "enter", "\\r")
                await until(lambda: len(WATCH) == 2)
                say("open", start, WATCH[1])
                await until(lambda: app.screen.query_one("MapPanel").focused_card() is not None)
                await pilot.pause()
                for _ in range(12):
                    await until(lambda: not any(w.is_running for w in app.workers))
                    await pilot.pause()
                    panel = app.screen.query_one("MapPanel")
                    before = panel.focused_card()
                    start = now()
                    send(app, "down")
                    await until(lambda: panel.focused_card() is not before)
                    say("mapkey", start, await drawn(start))
            await pilot.press("ctrl+q")

    asyncio.run(main())
    """
)


def run(code: str, *args: str, env: dict[str, str], cwd: Path = ROOT) -> dict[str, list[tuple[float, float]]]:
    """Each named figure the script printed: (wall, cpu) seconds, cpu 0 where not given."""
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd, env=env)
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    out: dict[str, list[tuple[float, float]]] = {}
    for line in done.stdout.splitlines():
        parts = line.split()
        if len(parts) in (2, 3):
            try:
                values = [float(v) for v in parts[1:]]
            except ValueError:
                continue
            out.setdefault(parts[0], []).append((values[0], values[1] if len(values) > 1 else 0.0))
    return out


def timed(args: list[str], env: dict[str, str], cwd: Path = ROOT) -> tuple[float, float]:
    """Wall and CPU seconds of a command."""
    import resource
    import time

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, capture_output=True, cwd=cwd, env=env, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def big_map_pod():
    """40 items in each of four map sections, 30 next steps, three statements with goals and scales."""
    from gq_pods.model import DangerStatement, MapItem, NextStep, Pod, PodMap, SafetyGoal, Scale, ScaleScore

    words = "When the parents argue late at night the child hides upstairs and the school notices she is tired."
    pod = Pod(date=dt.date(2030, 1, 1), style="content_mapping", case_reference="Big map", current_stage="worries")
    pod.map = PodMap(
        **{
            section: [MapItem(f"{n + 1}. {words}") for n in range(40)]
            for section in ("harm", "complicating_factors", "existing_strengths", "existing_safety")
        },
        next_steps=[NextStep(f"Step {n + 1}: {words}", "JR", dt.date(2026, 12, 1)) for n in range(30)],
    )
    pod.danger_statements = [DangerStatement(id=f"ds{n + 1}", text=words) for n in range(3)]
    pod.safety_goals = [SafetyGoal(id=f"sg{n + 1}", danger_statement=f"ds{n + 1}", text=words) for n in range(3)]
    pod.scales = [
        Scale(about=f"ds{n + 1}", question=words, scores=[ScaleScore("JR", 4, words, words), ScaleScore("SP", 6, words)])
        for n in range(3)
    ]
    return pod


def make_databases(home: Path) -> dict[str, str]:
    from storage.repository import Repository
    from tests.factories import full_pod

    urls = {name: f"sqlite:///{home / name}.sqlite3" for name in ("some", "two", "team")}
    with Repository.open(urls["some"]) as repo:
        for n in range(30):
            repo.add_pod(full_pod(case_reference=f"Family {n}"))
    for name in ("two", "team"):
        with Repository.open(urls[name]) as repo:
            big_id = repo.add_pod(big_map_pod())  # newest date: first in the list
            repo.add_pod(full_pod())
    con = sqlite3.connect(home / "team.sqlite3")
    # the rest of a team's pods, as rows copied from the full pod with their own team, case and date
    columns = [row[1] for row in con.execute("PRAGMA table_info(pods)") if row[1] not in ("id", "team", "case_reference", "date")]
    rows = []
    start = dt.date(2020, 1, 1)
    for n in range(BIG_TEAM - 2):
        rows.append((f"Team {n % 40}", f"Case {n}", (start + dt.timedelta(days=n % 3000)).isoformat()))
    con.executemany(
        f"INSERT INTO pods (team, case_reference, date, {', '.join(columns)}) "
        f"SELECT ?, ?, ?, {', '.join(columns)} FROM pods WHERE id = 2",
        rows,
    )
    con.commit()
    con.close()
    urls["big_id"] = str(big_id)
    return urls


def med(values: list[tuple[float, float]], which: int = 0) -> float:
    return statistics.median(v[which] for v in values)


def ratio(name: str, top: list, bottom: list, against: str, goal: str) -> str:
    """One line: wall and CPU medians, each as a ratio of ``bottom``'s, and the fastest run's
    against ``bottom``'s fastest (on a machine where another program takes the CPU now and
    then, a start-up can take 100 ms more in one run: the fastest runs are the least touched)."""
    wall, cpu = med(top), med(top, 1)
    text = f"   {name:34} {wall * 1000:7.1f} ms {wall / med(bottom):5.2f}x"
    if cpu and med(bottom, 1):
        text += f"   (CPU {cpu * 1000:6.1f} ms {cpu / med(bottom, 1):5.2f}x)"
    text += f"  {against}   goal {goal}"
    if len(top) > 1 and len(bottom) > 1:
        text += f"   fastest {min(w for w, _ in top) / min(w for w, _ in bottom):.2f}x"
    return text


def main() -> None:
    """``bench_open.py [runs] [--against DIR]``: DIR, another copy of the project (say, an
    older commit), is measured in the same rounds, A B A B, and reported after this one."""
    args = sys.argv[1:]
    roots = [ROOT]
    if "--against" in args:
        at = args.index("--against")
        roots.append(Path(args[at + 1]).resolve())
        del args[at : at + 2]
    runs = int(args[0]) if args else 7
    home = Path(tempfile.mkdtemp(prefix="gq-bench-"))
    env = {**os.environ, "GQ_PODS_HOME": str(home / "gq"), "TEXTUAL_ANIMATIONS": "none"}
    os.environ.update(env)
    urls = make_databases(home)
    big_id = urls["big_id"]

    names = ("bare", "barekey", "some", "two", "team", "json_two", "json_team", "key", "open", "mapkey")
    every = {root: {name: [] for name in names} for root in roots}
    cli = [sys.executable, "-m", "gq_pods"]
    for n in range(runs):  # A B A B: every figure in every round
        for root in roots:
            figures = every[root]
            figures["bare"] += run(BARE, env=env, cwd=root)["first"]
            figures["some"] += run(LISTED, urls["some"], env=env, cwd=root)["listed"]
            figures["two"] += run(LISTED, urls["two"], env=env, cwd=root)["listed"]
            figures["team"] += run(LISTED, urls["team"], env=env, cwd=root)["listed"]
            figures["json_two"].append(timed([*cli, "--db", urls["two"], "list", "--json"], env, root))
            figures["json_team"].append(timed([*cli, "--db", urls["team"], "list", "--json"], env, root))
            opened = run(IN_APP, "open", urls["team"], big_id, env=env, cwd=root)
            figures["open"] += opened["open"]
            if n < 3:
                figures["barekey"] += run(BARE_KEY, env=env, cwd=root)["barekey"]
                figures["mapkey"] += opened.get("mapkey", [])
                figures["key"] += run(IN_APP, "filter", urls["team"], big_id, env=env, cwd=root).get("key", [])
    for root in roots:
        report(root, every[root], runs)


def report(root: Path, f: dict[str, list[tuple[float, float]]], runs: int) -> None:
    frame = [(FRAME, FRAME)]
    print(f"\n{root}")
    print(f"runs: {runs} (fresh interpreters, headless 80x24; medians; wall time, and CPU time where it helps")
    print("on a busy machine: the work done, without the waits for the other programs)")
    print(f"   {'bare Textual first screen':34} {med(f['bare']) * 1000:7.1f} ms         (CPU {med(f['bare'], 1) * 1000:6.1f} ms)")
    print("1. start-up")
    print(ratio("home list usable, 30 pods", f["some"], f["bare"], "of bare", "1.3x"))
    print("2. a big team database")
    print(ratio("home list usable, 2 pods", f["two"], f["bare"], "of bare", "-"))
    print(ratio(f"home list usable, {BIG_TEAM} pods", f["team"], f["two"], "of 2 pods", "1.2x"))
    print(ratio(f"filter, each key ({len(f['key'])} keys)", f["key"], frame, "frames", "1")
          + f"   slowest {max(w for w, _ in f['key']) * 1000:.1f} ms")
    print(ratio("   the same, against a bare key", f["key"], f["barekey"], "of bare key", "-"))
    print(ratio("list --json, 2 pods", f["json_two"], f["bare"], "of bare", "-"))
    print(ratio(f"list --json, {BIG_TEAM} pods", f["json_team"], f["json_two"], "of 2 pods", "-"))
    print("3. a big content-map pod")
    print(ratio("open from the list, map drawn", f["open"], f["bare"], "of bare first screen", "1.0x"))
    print(ratio("a key in the map, drawn", f["mapkey"], frame, "frames", "1"))
    print(ratio("   the same, against a bare key", f["mapkey"], f["barekey"], "of bare key", "-"))
    print(f"   {'bare Textual: a key in an Input':34} {med(f['barekey']) * 1000:7.1f} ms  "
          f"{med(f['barekey']) / FRAME:.2f} frames (Textual draws a change at its next frame)")


if __name__ == "__main__":
    main()
