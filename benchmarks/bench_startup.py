"""Start-up budget: time to a usable home screen, as a ratio of a bare Textual app's first frame.

design.md sets the budget: a usable home screen within 1.3x of a bare Textual
app's first frame. Both are measured here in one run, in fresh interpreters
(imports included), alternating, and the medians compared.

"First frame" is when the app's screen has been mounted and painted once
(``App.on_mount`` then ``call_after_refresh``). For gq-pods we also report when
the pod list is on the screen, drawn, and can be used (read without SQLAlchemy
for an SQLite file), and when the database is open (SQLAlchemy loads in a worker
once the list is drawn, so it delays neither). benchmarks/bench_open.py measures
the same start-up with a big team database and opening a big pod.

Run:  .venv/bin/python benchmarks/bench_startup.py [runs]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The same bare app as bench_open.py (it prints its first frame's wall and CPU time).
from bench_open import BARE  # noqa: E402

GQ = textwrap.dedent(
    """
    import time
    t0 = time.perf_counter()
    from screens.app import GqPodsApp

    class Timed(GqPodsApp):
        first = listed = None

        def on_mount(self):
            super().on_mount()
            self.call_after_refresh(self.first_frame)

        def first_frame(self):
            Timed.first = time.perf_counter() - t0

        def on_home_screen_listed(self, message):
            self.call_after_refresh(self.usable)

        def usable(self):
            Timed.listed = time.perf_counter() - t0

        def on_gq_pods_app_repository_ready(self, message):
            super().on_gq_pods_app_repository_ready(message)
            print("first", Timed.first)
            print("listed", Timed.listed)
            print("opened", time.perf_counter() - t0)
            self.exit()

    import sys
    Timed(sys.argv[1]).run(headless=True, size=(80, 24))
    """
)


def run(code: str, *args: str, env: dict[str, str]) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, env=env)
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    out = done.stdout
    return {line.split()[0]: float(line.split()[1]) for line in out.splitlines() if line.split()[0] in ("first", "listed", "opened")}


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    home = tempfile.mkdtemp(prefix="gq-bench-")
    env = {**os.environ, "GQ_PODS_HOME": home}
    url = f"sqlite:///{home}/data/pods.sqlite3"
    # a database with some pods, already at the current revision
    subprocess.run(
        [sys.executable, "-c", (
            "import sys; sys.path.insert(0, '.')\n"
            "from storage.repository import Repository\n"
            "from tests.factories import full_pod\n"
            f"r = Repository.open({url!r})\n"
            "[r.add_pod(full_pod()) for _ in range(30)]\n"
        )],
        cwd=ROOT, env=env, check=True,
    )
    bare, first, listed, opened = [], [], [], []
    for _ in range(runs):
        bare.append(run(BARE, env=env)["first"])
        gq = run(GQ, url, env=env)
        first.append(gq["first"])
        listed.append(gq["listed"])
        opened.append(gq["opened"])
    b = statistics.median(bare)
    print(f"runs: {runs}")
    print(f"bare Textual first frame      median {b * 1000:7.1f} ms")
    print(f"gq-pods first frame           median {statistics.median(first) * 1000:7.1f} ms  ratio {statistics.median(first) / b:.2f}")
    print(f"gq-pods home listing 30 pods  median {statistics.median(listed) * 1000:7.1f} ms  ratio {statistics.median(listed) / b:.2f}")
    print(f"gq-pods database open         median {statistics.median(opened) * 1000:7.1f} ms  ratio {statistics.median(opened) / b:.2f}")


if __name__ == "__main__":
    main()
