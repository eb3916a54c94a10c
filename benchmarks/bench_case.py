"""`gq-pods steps` and `gq-pods report` on a team's database, as ratios to `gq-pods list`.

Not a test (speed is measured as ratios, never in timed tests). Run it:

    .venv/bin/python benchmarks/bench_case.py [runs]

In one run it builds, in a temporary folder (never the real pods), a database of
1,000 pods in 100 chains of 10 (the pattern of tests/factories.py chain_pod: three
next steps a pod, statements paired and scaled, two timed stages), then measures,
A B C D interleaved in each round, medians compared:

1. The commands as a person runs them, each in a fresh interpreter (imports
   included): ``gq-pods steps --json`` and ``gq-pods report --format json``
   against ``gq-pods list --json`` on the same database. All three read a current
   SQLite file with the standard library's sqlite3 (storage/listing.py, with the
   statements of storage/case_sql.py) and never load SQLAlchemy. Also measured:
   importing ``storage.repository`` (SQLAlchemy) in a fresh interpreter, what
   each command would pay if it opened the repository instead.
2. The queries alone, in this process: ``Repository.open_steps()`` and
   ``Repository.team_report()`` against ``Repository.list_pods()``, and against
   reading the same 1,000 whole pods (``get_pod`` each), which is what a careless
   version would do.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_open import timed  # noqa: E402  (the house's way of timing a command)

CHAINS = 100


def med(values: list[tuple[float, float]], which: int = 0) -> float:
    return statistics.median(v[which] for v in values)


def line(name: str, top: list, bottom: list, against: str, goal: str) -> str:
    wall, cpu = med(top), med(top, 1)
    text = f"   {name:38} {wall * 1000:8.1f} ms {wall / med(bottom):6.2f}x"
    if cpu and med(bottom, 1):
        text += f"   (CPU {cpu * 1000:7.1f} ms {cpu / med(bottom, 1):5.2f}x)"
    return text + f"  {against}   goal {goal}"


def in_process(action, rounds: int) -> list[tuple[float, float]]:
    out = []
    for _ in range(rounds):
        start, cpu = time.perf_counter(), time.process_time()
        action()
        out.append((time.perf_counter() - start, time.process_time() - cpu))
    return out


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    from storage.repository import Repository
    from tests.factories import add_case_chains

    with tempfile.TemporaryDirectory(prefix="gq-bench-case-") as folder:
        home = Path(folder)
        url = f"sqlite:///{home / 'pods.sqlite3'}"
        started = time.perf_counter()
        repo = Repository.open(url)
        add_case_chains(repo, CHAINS)
        built = time.perf_counter() - started
        pods = repo.count_pods()

        env = {**os.environ, "GQ_PODS_HOME": str(home / "home"), "GQ_PODS_DB": url}
        command = [str(Path(sys.executable).with_name("gq-pods"))]
        if not Path(command[0]).exists():
            command = [sys.executable, "-m", "gq_pods"]
        figures: dict[str, list[tuple[float, float]]] = {"list": [], "steps": [], "report": [], "import": []}
        importing = [sys.executable, "-c", "import storage.repository"]
        timed([*command, "list", "--json"], env)  # warm the file cache and bytecode once
        for _ in range(runs):
            figures["list"].append(timed([*command, "list", "--json"], env))
            figures["steps"].append(timed([*command, "steps", "--json"], env))
            figures["report"].append(timed([*command, "report", "--format", "json"], env))
            figures["import"].append(timed(importing, env))

        rounds = max(runs, 5)
        listing = in_process(repo.list_pods, rounds)
        steps = in_process(repo.open_steps, rounds)
        report = in_process(repo.team_report, rounds)
        ids = [p.id for p in repo.list_pods()]
        whole = in_process(lambda: [repo.get_pod(i) for i in ids], 2)
        open_steps = len(repo.open_steps())
        repo.close()

    print(f"{pods:,} pods in {CHAINS} chains (built in {built:.1f} s); {open_steps:,} steps open")
    print(f"runs: {runs} (medians; wall time, and CPU time: the work done, without waiting on a busy machine)")
    print("1. the commands, each in a fresh interpreter")
    print(f"   {'gq-pods list --json':38} {med(figures['list']) * 1000:8.1f} ms")
    print(line("gq-pods steps --json", figures["steps"], figures["list"], "of list", "-"))
    print(line("gq-pods report --format json", figures["report"], figures["list"], "of list", "-"))
    print(line("python -c 'import storage.repository'", figures["import"], figures["list"], "of list", "-"))
    print("2. the queries alone")
    print(f"   {'Repository.list_pods()':38} {med(listing) * 1000:8.1f} ms")
    print(line("Repository.open_steps()", steps, listing, "of list_pods", "-"))
    print(line("Repository.team_report()", report, listing, "of list_pods", "-"))
    print(line("get_pod of every pod", whole, listing, "of list_pods", "(what SQL avoids)"))


if __name__ == "__main__":
    main()
