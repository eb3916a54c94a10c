"""Upgrading a database keeps every row, backs it up first, and refuses what it does not know."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from storage import migrate
from storage.engine import create_engine
from storage.errors import DatabaseDamaged, DatabaseTooNew, MigrationFailed, NotAPodsDatabase
from storage.repository import Repository

TOO_NEW = (
    "This database was written by a newer version of gq-pods. "
    "Install the newer version to open it; nothing was changed."
)

# One row for every table revision 0001 made, children pointing at pod 1.
ROWS_0001 = {
    "pods": dict(
        id=1, date="2025-06-01", style="content_mapping", title="Family D", team="South", case_reason="new",
        case_reference="D-1", focus_question="What is the worry?", manager_present=1, status="complete",
        practice=0, reflection_focus_question_answered="yes", reflection_pleased_with="pleased",
        reflection_most_useful="useful", reflection_learning="learnt",
        created_at="2025-06-01 10:00:00.000000", updated_at="2025-06-01 11:00:00.000000",
    ),
    "participants": dict(id=1, pod_id=1, position=0, name="Sam Patel", role="facilitator"),
    "people": dict(id=1, pod_id=1, position=0, key="p1", name="Ben", relationship="child", kind="family",
                   age=4, in_household=1),
    "map_items": dict(id=1, pod_id=1, section="harm", position=0, text="Ben was left alone overnight."),
    "next_steps": dict(id=1, pod_id=1, position=0, text="Visit", owner="Jo", due="2025-07-01", status="agreed"),
    "danger_statements": dict(id=1, pod_id=1, position=0, key="ds1", who_is_worried="Jo", behaviour="b",
                              example="e", impact="i", text="Jo is worried that..."),
    "safety_goals": dict(id=1, pod_id=1, position=0, key="sg1", danger_statement="ds1", caregiver_actions="c",
                         child_experience="x", professionals_will_see="p", duration="d", text="Mum will..."),
    "scales": dict(id=1, pod_id=1, position=0, about="overall", question="Where are we?"),
    "scale_scores": dict(id=1, pod_id=1, scale_id=1, position=0, who="JR", score=4, reason="r", next_point="n"),
    "bottom_lines": dict(id=1, pod_id=1, position=0, text="Ben is never left alone overnight."),
    "contingencies": dict(id=1, pod_id=1, position=0, trigger="Mum is out", response="Gran comes", who="Gran"),
    "stage_records": dict(id=1, pod_id=1, position=0, key="set_up", title="Set-up", notes="n", seconds_spent=60),
}


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("GQ_PODS_HOME", str(tmp_path))
    monkeypatch.delenv("GQ_PODS_DB", raising=False)
    return tmp_path


def db_file(home: Path) -> Path:
    return home / "data" / "pods.sqlite3"


def build_at(path: Path, revision: str, rows: dict | None = None, foreign_keys: bool = True) -> None:
    """A database as an older gq-pods left it: migrated to ``revision`` by plain Alembic, with ``rows``."""
    from alembic import command

    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            with conn.begin():
                command.upgrade(migrate.alembic_config(conn), revision)
            if not foreign_keys:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
            with conn.begin():
                for table, row in (rows or {}).items():
                    cols = ", ".join(f'"{c}"' for c in row)
                    marks = ", ".join("?" for _ in row)
                    conn.exec_driver_sql(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))
            conn.connection.driver_connection.execute("PRAGMA foreign_keys = ON")
    finally:
        engine.dispose()


def read_rows(path: Path, table: str) -> list[dict]:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute(f"SELECT * FROM {table} ORDER BY id")]
    finally:
        con.close()


def columns(path: Path, table: str) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
    finally:
        con.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_rows_cover_every_table_of_0001(home):
    path = db_file(home)
    path.parent.mkdir()
    build_at(path, "0001")
    con = sqlite3.connect(path)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert names - {"alembic_version", "sqlite_sequence"} == set(ROWS_0001)


# ---------------------------------------------------------------- 0001 -> head


def test_upgrade_keeps_every_row_and_backs_up_first(home):
    path = db_file(home)
    path.parent.mkdir()
    build_at(path, "0001", ROWS_0001)

    old = os.umask(0)
    try:
        with Repository.open() as repo:
            result = repo.migration
            pod = repo.get_pod(1)
    finally:
        os.umask(old)

    assert (result.action, result.from_revision, result.to_revision) == ("upgraded", "0001", migrate.HEAD)

    # every row is still there, unchanged (no cascade took the children)
    for table, row in ROWS_0001.items():
        (stored,) = read_rows(path, table)
        assert {k: stored[k] for k in row} == row, table

    # the new layout is in place, old rows get the new columns' defaults
    assert {"current_stage", "extra_json"} <= set(columns(path, "pods"))
    assert {"acknowledgement", "family_view"} <= set(columns(path, "danger_statements"))
    assert "network" in columns(path, "safety_goals")
    assert read_rows(path, "drafts") == []
    assert migrate.stored_revision(f"sqlite:///{path}") == migrate.HEAD
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()

    # the pod reads back whole through the repository
    assert pod.title == "Family D"
    assert pod.current_stage == "" and pod.extra == {}
    assert pod.danger_statements[0].acknowledgement == "" and pod.danger_statements[0].drafts == []
    assert pod.scales[0].scores[0].score == 4
    assert pod.map.harm[0].text == "Ben was left alone overnight."

    # the backup: private, named for the old revision, and a full copy of the old database
    backup = result.backup
    assert backup.parent == path.parent / "backups"
    assert "0001" in backup.name
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup.parent.stat().st_mode) == 0o700
    for table, row in ROWS_0001.items():
        (stored,) = read_rows(backup, table)
        assert {k: stored[k] for k in row} == row, table
    assert "current_stage" not in columns(backup, "pods")
    assert migrate.stored_revision(f"sqlite:///{backup}") == "0001"


def test_0004_adds_the_record_details_empty_and_keeps_every_row(home):
    """A pod stored at 0003 opens with no child's views, author, next review or manager's decision,
    and then keeps them."""
    path = db_file(home)
    path.parent.mkdir()
    build_at(path, "0003", ROWS_0001)
    with Repository.open() as repo:
        assert (repo.migration.from_revision, repo.migration.to_revision) == ("0003", migrate.HEAD)
        pod = repo.get_pod(1)
        assert (pod.childs_views, pod.record_author, pod.next_review, pod.manager_decision) == ("", "", None, "")
        assert [s.text for s in pod.danger_statements] == ["Jo is worried that..."]
        pod.childs_views = "I want to stay with Nana."
        pod.next_review = dt.date(2026, 12, 18)
        repo.save_pod(pod)
    with Repository.open() as repo:
        again = repo.get_pod(1)
    assert again.childs_views == "I want to stay with Nana." and again.next_review == dt.date(2026, 12, 18)


def test_the_upgrade_would_lose_children_with_foreign_keys_on(home):
    """Why the runner turns foreign keys off: 0002 rebuilds ``pods``, and a cascade empties every child table.

    If this ever stops losing rows, 0002 no longer rebuilds the table and the
    test above no longer proves anything about foreign keys.
    """
    from alembic import command

    path = db_file(home)
    path.parent.mkdir()
    build_at(path, "0001", ROWS_0001)
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn, conn.begin():
        command.upgrade(migrate.alembic_config(conn), "0002")  # foreign keys left on
    engine.dispose()
    assert read_rows(path, "pods")
    assert read_rows(path, "participants") == []


def test_a_failed_check_rolls_everything_back_and_keeps_the_backup(home):
    path = db_file(home)
    path.parent.mkdir()
    rows = dict(ROWS_0001)
    rows["bottom_lines"] = dict(id=1, pod_id=99, position=0, text="an orphan")  # no pod 99
    build_at(path, "0001", rows, foreign_keys=False)

    with pytest.raises(MigrationFailed) as err:
        Repository.open()

    message = str(err.value)
    assert "nothing was changed" in message and "bottom_lines" in message
    assert migrate.stored_revision(f"sqlite:///{path}") == "0001"
    assert "current_stage" not in columns(path, "pods")  # the rebuild was rolled back too
    assert "drafts" not in {r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")}
    for table in ROWS_0001:
        assert len(read_rows(path, table)) == 1
    backups = list((path.parent / "backups").iterdir())
    assert len(backups) == 1 and str(backups[0]) in message
    assert read_rows(backups[0], "bottom_lines")[0]["text"] == "an orphan"


def test_two_copies_starting_together_upgrade_once(home):
    path = db_file(home)
    path.parent.mkdir()
    build_at(path, "0001", ROWS_0001)
    results, errors = [], []

    def start() -> None:
        try:
            results.append(migrate.ensure_current(f"sqlite:///{path}"))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(r.action for r in results) == ["up_to_date", "upgraded"]
    assert len(read_rows(path, "participants")) == 1
    assert len(list((path.parent / "backups").iterdir())) == 1


def test_two_copies_creating_a_new_database_together(home):
    results = []
    threads = [threading.Thread(target=lambda: results.append(migrate.ensure_current(f"sqlite:///{db_file(home)}")))
               for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.action for r in results) == ["created", "up_to_date"]


# ---------------------------------------------------------------- refusing


def test_a_database_from_a_newer_gq_pods_is_refused_untouched(home):
    path = db_file(home)
    with Repository.open() as repo:
        from tests.factories import full_pod

        repo.add_pod(full_pod())
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    con.commit()
    con.close()
    before = digest(path)

    with pytest.raises(DatabaseTooNew) as err:
        Repository.open()
    assert str(err.value) == TOO_NEW
    assert digest(path) == before
    assert not (path.parent / "backups").exists()
    assert read_rows(path, "pods")[0]["title"] == "Stuck case: Family C"


def test_a_file_that_is_not_a_database_is_refused_untouched(home):
    path = db_file(home)
    path.parent.mkdir()
    path.write_text("my shopping list\n" * 100)
    with pytest.raises(NotAPodsDatabase):
        Repository.open()
    assert path.read_text() == "my shopping list\n" * 100


def test_gq_pods_tables_without_a_version_are_not_overwritten(home):
    path = db_file(home)
    path.parent.mkdir()
    build_at(path, "0001", ROWS_0001)
    con = sqlite3.connect(path)
    con.execute("DROP TABLE alembic_version")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(DatabaseDamaged):
        Repository.open()
    assert digest(path) == before
    assert len(read_rows(path, "pods")) == 1


# ---------------------------------------------------------------- the scripts and the tables agree


def sqlite_schema(path: Path) -> dict:
    con = sqlite3.connect(path)
    try:
        out = {}
        for (name, sql) in con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        ):
            indexes = set()
            for idx in con.execute(f"PRAGMA index_list({name})"):
                cols = tuple(r[2] for r in con.execute(f"PRAGMA index_info({idx[1]})"))
                indexes.add((idx[2], cols))  # (unique, columns)
            out[name] = {
                # name, type, notnull, default, pk: column order too
                "columns": [tuple(r[1:]) for r in con.execute(f"PRAGMA table_info({name})")],
                "foreign_keys": sorted(tuple(r[2:7]) for r in con.execute(f"PRAGMA foreign_key_list({name})")),
                "indexes": indexes,
                "autoincrement": "AUTOINCREMENT" in sql.upper(),
            }
        return out
    finally:
        con.close()


def test_a_new_database_and_an_upgraded_one_have_the_same_layout(tmp_path):
    fresh, upgraded = tmp_path / "fresh.sqlite3", tmp_path / "upgraded.sqlite3"
    migrate.ensure_current(f"sqlite:///{fresh}")
    build_at(upgraded, "0001")
    migrate.ensure_current(f"sqlite:///{upgraded}")
    assert sqlite_schema(fresh) == sqlite_schema(upgraded)
    assert sqlite_schema(fresh)["pods"]["autoincrement"]


def test_the_migrations_leave_nothing_for_autogenerate(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from storage.tables import metadata

    path = tmp_path / "pods.sqlite3"
    build_at(path, "0001")
    migrate.ensure_current(f"sqlite:///{path}")
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    engine.dispose()


def test_known_revisions_match_the_shipped_scripts():
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    assert scripts.get_current_head() == migrate.HEAD
    history = [s.revision for s in scripts.walk_revisions()][::-1]
    assert tuple(history) == migrate.KNOWN_REVISIONS


def test_the_migrations_render_for_postgresql():
    from alembic import command

    buffer = io.StringIO()
    config = migrate.alembic_config()
    config.output_buffer = buffer
    config.set_main_option("sqlalchemy.url", "postgresql://")
    command.upgrade(config, "head", sql=True)
    sql = buffer.getvalue()
    assert "ALTER TABLE pods ADD COLUMN current_stage TEXT DEFAULT '' NOT NULL" in sql
    assert "_alembic_tmp" not in sql  # PostgreSQL alters in place; no rebuild of pods
    assert "ON DELETE CASCADE" in sql
