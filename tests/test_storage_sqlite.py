"""SQLite as gq-pods runs it: private files, safe settings, two writers, a light start."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from storage.repository import Repository
from tests.factories import full_pod

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("GQ_PODS_HOME", str(tmp_path))
    monkeypatch.delenv("GQ_PODS_DB", raising=False)
    return tmp_path


@pytest.fixture
def open_umask():
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ, GQ_PODS_HOME=str(home), PYTHONPATH=str(ROOT))
    env.pop("GQ_PODS_DB", None)
    return env


# ---------------------------------------------------------------- private files


def test_database_wal_and_shm_are_private_even_with_umask_000(home, open_umask):
    with Repository.open() as repo:
        repo.add_pod(full_pod())
        data = home / "data"
        db = data / "pods.sqlite3"
        # while it is open, the WAL and shared-memory files exist and hold case text
        assert mode(data) == 0o700
        assert mode(db) == 0o600
        assert mode(Path(f"{db}-wal")) == 0o600
        assert mode(Path(f"{db}-shm")) == 0o600
    assert not (home / "data" / "backups").exists()  # nothing to back up on a new database


def test_an_existing_readable_database_is_made_private(home):
    data = home / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    db = data / "pods.sqlite3"
    db.touch()
    os.chmod(db, 0o644)
    with Repository.open():
        pass
    assert mode(db) == 0o600
    assert mode(data) == 0o700


def test_a_db_in_someone_elses_folder_does_not_chmod_the_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("GQ_PODS_HOME", str(tmp_path / "home"))
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o755)
    with Repository.open(f"sqlite:///{shared / 'team.sqlite3'}"):
        pass
    assert mode(shared) == 0o755
    assert mode(shared / "team.sqlite3") == 0o600


# ---------------------------------------------------------------- settings


def test_connection_settings_are_in_effect(home):
    with Repository.open() as repo:
        with repo._engine.connect() as conn:
            pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
            assert pragma("journal_mode") == "wal"
            assert pragma("synchronous") == 2  # FULL
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") >= 5000


def test_a_write_transaction_takes_the_write_lock_at_begin(home):
    """BEGIN IMMEDIATE: a second writer waits from the start instead of failing (or losing) later."""
    with Repository.open() as repo:
        db = home / "data" / "pods.sqlite3"
        other = sqlite3.connect(db, timeout=0.05, isolation_level=None)
        try:
            with repo._engine.begin() as conn:
                conn.exec_driver_sql("SELECT count(*) FROM pods").all()  # only a read so far
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()


def test_the_list_still_loads_while_someone_else_is_saving(home):
    with Repository.open() as repo:
        repo.add_pod(full_pod())
        writer = sqlite3.connect(home / "data" / "pods.sqlite3", isolation_level=None)
        try:
            writer.execute("BEGIN IMMEDIATE")
            writer.execute("UPDATE pods SET title = 'half-saved'")
            started = time.monotonic()
            assert [s.title for s in repo.list_pods()] == ["Stuck case: Family C"]
            assert repo.get_pod(1).title == "Stuck case: Family C"
            assert time.monotonic() - started < 2  # did not sit out the busy timeout
        finally:
            writer.execute("ROLLBACK")
            writer.close()


# ---------------------------------------------------------------- two writers

WRITER = textwrap.dedent(
    """
    import sys, time
    from storage.repository import Repository
    from tests.factories import full_pod

    tag, count = sys.argv[1], int(sys.argv[2])
    print("ready", flush=True)
    sys.stdin.readline()  # both start together
    repo = Repository.open()
    started = time.time()
    for i in range(count):
        pod = full_pod(title=f"{tag}-{i}")
        repo.add_pod(pod)
        pod.status = "complete"
        pod.participants.pop()
        pod.map.harm.append(pod.map.harm[0].__class__(f"{tag} saw {i}"))
        repo.save_pod(pod)
    print(started, time.time(), flush=True)
    repo.close()
    """
)


def test_two_processes_writing_at_once_lose_nothing(home):
    count = 60
    Repository.open().close()  # created here: the writers' loops start together
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, tag, str(count)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, env=child_env(home), cwd=ROOT,
        )
        for tag in ("A", "B")
    ]
    for proc in procs:
        assert proc.stdout.readline().strip() == "ready"
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = [proc.communicate(timeout=120) for proc in procs]
    spans = []
    for proc, (out, err) in zip(procs, results):
        assert proc.returncode == 0, err
        assert "locked" not in err
        spans.append([float(x) for x in out.split()])
    assert max(s for s, _ in spans) < min(e for _, e in spans), "the writers did not overlap"

    with Repository.open() as repo:
        summaries = repo.list_pods()
        assert sorted(s.title for s in summaries) == sorted(f"{t}-{i}" for t in "AB" for i in range(count))
        assert all(s.status == "complete" for s in summaries)
        for summary in summaries[:: count // 4]:
            pod = repo.get_pod(summary.id)
            tag, i = pod.title.split("-")
            assert len(pod.participants) == 4
            assert pod.map.harm[-1].text == f"{tag} saw {i}"


# ---------------------------------------------------------------- a light start

PROBE = textwrap.dedent(
    """
    import json, sys
    import storage
    bare = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "alembic"))
    from storage.repository import Repository
    repo = Repository.open()
    pods = repo.list_pods()
    repo.get_pod(pods[0].id)
    repo.close()
    print(json.dumps({
        "bare": bare,
        "alembic": sorted(m for m in sys.modules if m.split(".")[0] == "alembic"),
        "orm": "sqlalchemy.orm" in sys.modules,
        "migration": repo.migration.action,
    }))
    """
)


def test_opening_an_up_to_date_database_does_not_import_alembic(home):
    with Repository.open() as repo:
        repo.add_pod(full_pod())
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=child_env(home), cwd=ROOT, check=True
    ).stdout
    seen = json.loads(out)
    assert seen["migration"] == "up_to_date"
    assert seen["alembic"] == []
    assert seen["bare"] == []  # `import storage` loads no SQLAlchemy either
    assert seen["orm"] is False  # Core only: the ORM is slow to import


def test_a_home_relative_db_path_is_the_file_made_private(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "someone"))
    monkeypatch.setenv("GQ_PODS_HOME", str(tmp_path / "gq"))
    with Repository.open("sqlite:///~/pods/team.sqlite3") as repo:
        repo.add_pod(full_pod())
        assert repo.location == str(tmp_path / "someone" / "pods" / "team.sqlite3")
    assert mode(tmp_path / "someone" / "pods" / "team.sqlite3") == 0o600
    assert not Path("~").exists()


def test_every_folder_gq_pods_makes_is_private_even_with_umask_000(tmp_path, monkeypatch, open_umask):
    from gq_pods import crashlog, settings
    from gq_pods.cli import main

    home = tmp_path / "a" / "b"
    monkeypatch.setenv("GQ_PODS_HOME", str(home))
    with Repository.open() as repo:
        repo.add_pod(full_pod())
    crashlog.write(RuntimeError("for the log"))
    settings.save_setting("theme", "textual-light")
    assert main(["export", "--all", "-o", str(tmp_path / "x" / "y")]) == 0
    made = [tmp_path / "a", home, home / "data", home / "log", home / "config", tmp_path / "x", tmp_path / "x" / "y"]
    assert {str(folder): oct(mode(folder)) for folder in made} == {str(folder): "0o700" for folder in made}
