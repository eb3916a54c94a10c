"""Shared fixtures. Every test runs with its own data, config and log folders,
so nothing reads or writes the tester's own pods or settings.

Also how the suite is spread over workers (see ``pytest_xdist_auto_num_workers`` and
``pytest_collection_modifyitems``): it is a busy 2-core machine's whole wait in CI."""

from __future__ import annotations

import compileall
import gc
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Tests that drive the app for a long while: through a real terminal (tmux), or a whole
# pod walked from start to record. Each takes 5 to 30 seconds, mostly waiting on the app.
LONG_MODULES = ("_terminal.py", "_walk.py")

# Python's compiled-code caches on, for this run and the processes it starts. CI sets
# PYTHONDONTWRITEBYTECODE, so each of the workers, and each app the terminal and command-line
# tests start, compiled every module of the project from source again (about 3 s of CPU
# for each worker's imports alone). Set before the workers start, which inherit it.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False


@pytest.fixture(autouse=True)
def gq_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "gq-home"
    monkeypatch.setenv("GQ_PODS_HOME", str(home))
    monkeypatch.delenv("GQ_PODS_DB", raising=False)
    return home


@pytest.fixture
def db_url(gq_home: Path) -> str:
    return f"sqlite:///{gq_home / 'data' / 'pods.sqlite3'}"


@pytest.fixture
def repo(db_url: str):
    from storage.repository import Repository

    repository = Repository.open(db_url)
    yield repository
    repository.close()


def pytest_configure(config: pytest.Config) -> None:
    # Keep Textual's own animations and devtools out of the tests.
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    if not hasattr(config, "workerinput"):
        # Once, before the workers start: they then all read the compiled project, rather than
        # each compiling it at the same moment.
        for package in ("gq_pods", "screens", "storage"):
            compileall.compile_dir(ROOT / package, quiet=2)


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist's: without it (-p no:xdist), unused
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """Three workers a core (``-n auto``). A long test spends most of its time waiting on an app
    in a terminal or on a save, and a worker waiting leaves its core to the others; with one
    worker a core, a busy machine's cores sat half idle through those waits. Fresh-clone CI
    runs with another process keeping a core busy: 5:05 with two a core, 4:36 to 4:48
    (three runs in a row) with three."""
    return 3 * (os.cpu_count() or 1)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deal the long tests out so that each worker starts with its share of them.

    ``--dist worksteal`` gives each worker an equal run of the collected tests, in order, and
    lets a worker that runs out take half of another's queue from its end. Long tests that sat
    together at the end of the collection (the terminal and walk modules sort late) ran last,
    one after another, while the other workers had nothing left to take. Dealt out first,
    they overlap, and the short tests fill in around them. Every worker collects the same
    order (the count of workers is known to each)."""
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    if workers < 2:
        return
    long = [item for item in items if item.path.name.endswith(LONG_MODULES)]
    short = [item for item in items if not item.path.name.endswith(LONG_MODULES)]
    ordered: list[pytest.Item] = []
    for worker in range(workers):
        size = (len(items) - len(ordered)) // (workers - worker)  # as worksteal splits the collection
        run = long[worker::workers]
        fill = max(0, size - len(run))
        ordered += run + short[:fill]
        del short[:fill]
    ordered += short
    items[:] = ordered


def pytest_collection_finish(session: pytest.Session) -> None:
    _set_aside_what_lives()
    # A young-object collection every 10,000 new objects rather than every 700: an app under
    # test makes hundreds of thousands of short-lived objects (styles, strips, segments), and
    # each collection walked them again. (The program itself keeps Python's defaults.)
    gc.set_threshold(10_000, 10, 10)


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    _set_aside_what_lives()


def _set_aside_what_lives() -> None:
    """Collect the garbage a test left, and set aside everything still alive from Python's
    full garbage collections, which otherwise look through all of it each time.

    Everything loaded (pytest, hypothesis, Textual, SQLAlchemy, the project, every collected
    test) and what each test leaves alive in caches stays for the whole run, and grows: full
    collections looked through millions of objects, 0.3 s each, about a third of a worker's
    CPU (124 s of 400 s over a whole run). Collected after each test, only that test's own
    objects are looked through. Measured on 64 pod tests in one process: 143.5 s CPU, of which
    52 s collecting, against 107.7 s, of which 17 s, with this and the threshold below."""
    gc.collect()
    gc.freeze()
