"""Broken and foreign databases: refused untouched, in plain words that say what to do.

What a person sees is checked through the real command (gq_pods.cli.main, in
process): never "something went wrong", never a traceback, always the place and
what to do next, and the backup's path where one was taken.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from gq_pods import cli
from gq_pods.model import UNREADABLE
from storage import migrate
from storage.errors import DatabaseDamaged, MigrationFailed, NotAPodsDatabase, PodUnreadable, StorageError
from storage.repository import Repository
from tests.factories import full_pod
from tests.test_storage_migrations import ROWS_0001, build_at


@pytest.fixture
def db(gq_home: Path) -> Path:
    path = gq_home / "data" / "pods.sqlite3"
    path.parent.mkdir(parents=True)
    return path


def url(path: Path) -> str:
    return f"sqlite:///{path}"


def snapshot(path: Path) -> tuple:
    """The file's bytes, mode and the side files beside it: 'untouched' means all the same."""
    side = sorted(p.name for p in path.parent.iterdir() if p != path)
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.S_IMODE(path.stat().st_mode), side


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_plain(err: str) -> None:
    assert err.startswith("gq-pods: ")
    assert "something went wrong" not in err
    assert "Traceback" not in err
    assert "Error" not in err  # no class names: NotAPodsDatabase, OperationalError...
    assert "SELECT" not in err and "INSERT" not in err


def another_apps_database(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO contacts (name) VALUES ('Someone else''s data')")
    con.commit()
    con.close()
    os.chmod(path, 0o644)


def a_real_database_cut_in_half(path: Path) -> None:
    with Repository.open(url(path)) as repo:
        for n in range(20):
            repo.add_pod(full_pod(title=f"pod {n}"))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


# ---------------------------------------------------------------- refused untouched


def test_another_applications_database_is_refused_untouched(db, capsys):
    another_apps_database(db)
    before = snapshot(db)
    with pytest.raises(NotAPodsDatabase) as err:
        Repository.open(url(db))
    assert "another program's tables" in str(err.value)
    assert snapshot(db) == before  # no gq-pods tables, no WAL, not even a chmod
    con = sqlite3.connect(db)
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["contacts"]
    con.close()

    code, _, err = run(capsys, "--db", url(db), "list")
    assert code == 1
    assert_plain(err)
    assert f"{db} is not a gq-pods database" in err
    assert "--db or GQ_PODS_DB" in err  # what to do
    assert snapshot(db) == before


def test_random_bytes_are_refused_untouched_in_plain_words(db, capsys):
    db.write_bytes(os.urandom(8192))
    before = snapshot(db)
    code, _, err = run(capsys, "--db", url(db), "list")
    assert code == 1
    assert_plain(err)
    assert "not a gq-pods database" in err and "nothing was changed" in err
    assert snapshot(db) == before


def test_a_truncated_database_says_it_is_damaged_and_where_the_copies_are(db, capsys):
    a_real_database_cut_in_half(db)
    (db.parent / "backups").mkdir()
    (db.parent / "backups" / "pods-rev0001-20260101T000000Z.sqlite3").write_bytes(b"")
    before = snapshot(db)
    with pytest.raises(DatabaseDamaged):
        Repository.open(url(db))
    code, _, err = run(capsys, "--db", url(db), "list")
    assert code == 1
    assert_plain(err)
    assert "is damaged" in err and "Nothing was changed" in err
    assert str(db.parent / "backups") in err
    assert "move the file somewhere else" in err  # how to carry on
    assert snapshot(db) == before


def test_a_missing_version_table_is_refused_untouched(db, capsys):
    build_at(db, "0001", ROWS_0001)
    con = sqlite3.connect(db)
    con.execute("DROP TABLE alembic_version")
    con.commit()
    con.close()
    before = snapshot(db)
    code, _, err = run(capsys, "--db", url(db), "list")
    assert code == 1
    assert_plain(err)
    assert "record of their version is missing" in err
    assert snapshot(db) == before


def test_an_empty_file_becomes_a_new_database(db):
    db.touch()
    with Repository.open(url(db)) as repo:
        assert repo.migration.action == "created"
        assert repo.list_pods() == []


# ---------------------------------------------------------------- one bad row


def _damage(path: Path, sql: str, *params: object) -> None:
    con = sqlite3.connect(path)
    con.execute(sql, params)
    con.commit()
    con.close()


@pytest.mark.parametrize(
    "sql, where",
    [
        ("UPDATE pods SET date = '2026-02-30' WHERE id = ?", "its date"),
        ("UPDATE pods SET extra_json = '{not json' WHERE id = ?", "its extra"),
        ("UPDATE next_steps SET due = 'soon' WHERE pod_id = ? AND position = 1", "its map, next steps 2, due"),
        ("UPDATE scale_scores SET score = 'high' WHERE pod_id = ? AND position = 0", "scores 1, score"),
        ("UPDATE people SET in_household = 7 WHERE pod_id = ? AND position = 0", "its people 1, in household"),
    ],
)
def test_a_bad_row_makes_only_that_pod_unreadable(db, capsys, sql, where):
    with Repository.open(url(db)) as repo:
        before = repo.add_pod(full_pod(title="Before"))
        bad = repo.add_pod(full_pod(title="Damaged"))
        after = repo.add_pod(full_pod(title="After"))
        _damage(db, sql, bad)

        listed = {s.id: s for s in repo.list_pods()}
        assert set(listed) == {before, bad, after}  # the list still loads, every pod in it
        assert repo.get_pod(before).title == "Before"
        assert repo.get_pod(after).title == "After"
        with pytest.raises(PodUnreadable) as err:
            repo.get_pod(bad)
    message = str(err.value)
    assert f"Pod {bad} could not be read" in message and where in message
    assert "other pods are not affected" in message

    code, out, err_text = run(capsys, "--db", url(db), "export", str(bad))
    assert code == 1
    assert_plain(err_text)
    assert f"Pod {bad} could not be read" in err_text
    code, out, _ = run(capsys, "--db", url(db), "export", str(after))
    assert code == 0 and "After" in out


def test_a_bad_date_in_the_list_marks_that_pod_and_keeps_what_can_be_read(db, capsys):
    with Repository.open(url(db)) as repo:
        good = repo.add_pod(full_pod(title="Good"))
        bad = repo.add_pod(full_pod(title="Bad date", team="East"))
        _damage(db, "UPDATE pods SET date = 'last Tuesday' WHERE id = ?", bad)
        listed = {s.id: s for s in repo.list_pods()}
    assert listed[good].status == "in_progress"
    assert listed[bad].status == UNREADABLE
    assert listed[bad].team == "East" and listed[bad].title == "Bad date"

    code, out, _ = run(capsys, "--db", url(db), "list")
    assert code == 0
    assert "Cannot be read" in out and "East" in out


def test_export_all_skips_a_damaged_pod_says_so_and_writes_the_rest(db, capsys, tmp_path):
    with Repository.open(url(db)) as repo:
        ids = [repo.add_pod(full_pod(title=f"pod {n}", case_reference=f"C{n}")) for n in range(3)]
    _damage(db, "UPDATE stage_records SET seconds_spent = 'ages' WHERE pod_id = ?", ids[1])
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, "--db", url(db), "export", "--all", "-o", str(out_dir))
    assert code == 1
    assert_plain(err)
    assert f"Pod {ids[1]} could not be read" in err
    assert "Exported 2 pods" in out
    assert len(list(out_dir.iterdir())) == 2


def test_a_missing_table_is_a_plain_message_not_a_crash(db, capsys):
    with Repository.open(url(db)) as repo:
        pod_id = repo.add_pod(full_pod())
    _damage(db, "DROP TABLE drafts")
    code, _, err = run(capsys, "--db", url(db), "export", str(pod_id))
    assert code == 1
    assert_plain(err)
    assert "a part gq-pods needs is missing" in err


def test_every_storage_error_has_a_title_and_a_message():
    import storage.errors as errors

    kinds = [v for v in vars(errors).values() if isinstance(v, type) and issubclass(v, StorageError)]
    assert len(kinds) >= 8
    for kind in kinds:
        assert kind.title and kind.title[0].isupper(), kind


# ---------------------------------------------------------------- a failed upgrade names its backup


def test_a_failed_upgrade_tells_the_person_where_the_copy_is(db, capsys):
    rows = dict(ROWS_0001)
    rows["bottom_lines"] = dict(id=1, pod_id=99, position=0, text="an orphan")
    build_at(db, "0001", rows, foreign_keys=False)
    code, _, err = run(capsys, "--db", url(db), "list")
    assert code == 1
    assert_plain(err)
    (backup,) = (db.parent / "backups").iterdir()
    assert str(backup) in err and "nothing was changed" in err
    assert "keep using the gq-pods you had before" in err
    with pytest.raises(MigrationFailed):
        Repository.open(url(db))


# ---------------------------------------------------------------- backups kept and pruned


def _old_backups(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(count):
        path = folder / f"pods-rev0001-2025010{n}T000000Z.sqlite3"
        path.write_bytes(b"old")
        os.utime(path, ns=(1_000_000_000 * (n + 1),) * 2)  # oldest first
        made.append(path)
    return made


def test_an_upgrade_keeps_five_backups_by_default_and_prunes_the_oldest(db):
    folder = db.parent / "backups"
    old = _old_backups(folder, 6)
    unrelated = folder / "notes.txt"
    unrelated.write_text("not ours")
    build_at(db, "0001", ROWS_0001)
    with Repository.open(url(db)) as repo:
        new = repo.migration.backup
    kept = sorted(p for p in folder.iterdir() if p.suffix == ".sqlite3")
    assert len(kept) == 5
    assert new in kept
    assert set(old[:2]).isdisjoint(kept)  # the two oldest went
    assert set(old[2:]) <= set(kept)
    assert unrelated.exists()


def test_the_number_kept_comes_from_the_environment_then_settings(db, gq_home, monkeypatch):
    folder = db.parent / "backups"
    _old_backups(folder, 4)
    (gq_home / "config").mkdir(parents=True)
    (gq_home / "config" / "settings.json").write_text('{"backups_kept": 3}')
    assert len(migrate.prune_backups(folder, "pods")) == 1
    monkeypatch.setenv("GQ_PODS_BACKUPS_KEPT", "1")
    assert len(migrate.prune_backups(folder, "pods")) == 2
    assert len(list(folder.iterdir())) == 1
    monkeypatch.setenv("GQ_PODS_BACKUPS_KEPT", "0")  # never every copy
    assert migrate.prune_backups(folder, "pods") == []


# ---------------------------------------------------------------- deleted text is gone


def _deleted_text_left_in_file(path: Path, *, default_secure_delete: str, override_after: bool) -> bool:
    """Store and delete a pod on a connection whose SQLite defaults to ``default_secure_delete``."""
    from sqlalchemy import event

    from storage.engine import create_engine

    engine = create_engine(url(path))

    def set_default(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA secure_delete = {default_secure_delete}")

    # insert=True runs before gq-pods' own settings, as the library's default would
    event.listen(engine, "connect", set_default, insert=not override_after)
    repo = Repository(engine, migrate.ensure_current(engine))
    secret = "SECRET-DELETED-CASE-TEXT-" * 20
    pod_id = repo.add_pod(full_pod(focus_question=secret))
    repo.add_pod(full_pod())  # another pod keeps the pages in use
    repo.delete_pod(pod_id)
    repo.close()  # checkpoints the WAL into the file
    files = [p for p in path.parent.iterdir() if p.name.startswith(path.name)]
    return any(b"SECRET-DELETED-CASE-TEXT" in p.read_bytes() for p in files)


def test_deleted_text_is_not_left_in_the_file(tmp_path):
    # The check can see it: with secure_delete forced off after our settings, the text stays.
    assert _deleted_text_left_in_file(tmp_path / "a" / "off.sqlite3", default_secure_delete="OFF", override_after=True)
    # gq-pods turns it on even where SQLite's own default is off.
    assert not _deleted_text_left_in_file(tmp_path / "b" / "on.sqlite3", default_secure_delete="OFF",
                                          override_after=False)


# ---------------------------------------------------------------- a broken page


def _pods_in_a_file_with_a_broken_page(path: Path) -> tuple[list[int], set[int]]:
    """30 pods, then one page near the end of the file (where pods' lists are) overwritten.

    Returns every pod's id and the ids that no longer read. Tries pages from the
    end until one spoils some pods but not all: SQLite lays a file out the same
    way every time, so this settles on the same page each run.
    """
    import random

    with Repository.open(url(path)) as repo:
        ids = [repo.add_pod(full_pod(title=f"pod {n}")) for n in range(30)]
    whole = path.read_bytes()
    pages = len(whole) // 4096
    for page in range(pages - 1, pages // 2, -1):
        broken = bytearray(whole)
        broken[page * 4096 : (page + 1) * 4096] = random.Random(page).randbytes(4096)
        path.write_bytes(broken)
        unreadable = set()
        with Repository.open(url(path)) as repo:
            assert [s.id for s in repo.list_pods()] == ids[::-1]
            for pod_id in ids:
                try:
                    repo.get_pod(pod_id)
                except PodUnreadable:
                    unreadable.add(pod_id)
        if 0 < len(unreadable) < len(ids):
            return ids, unreadable
    raise AssertionError("no page spoils some pods but not all")


def test_a_broken_page_makes_only_the_pods_kept_there_unreadable(db, capsys, tmp_path):
    ids, unreadable = _pods_in_a_file_with_a_broken_page(db)
    with Repository.open(url(db)) as repo:
        with pytest.raises(PodUnreadable) as err:
            repo.get_pod(min(unreadable))
    assert "other pods are not affected" in str(err.value)

    out_dir = tmp_path / "out"
    code, out, err_text = run(capsys, "--db", url(db), "export", "--all", "-o", str(out_dir))
    assert code == 1
    assert_plain(err_text)
    assert err_text.count("could not be read") == len(unreadable)
    assert len(list(out_dir.iterdir())) == len(ids) - len(unreadable)


def test_a_database_where_no_folder_can_be_made_is_a_plain_message(tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file")
    code, _, err = run(capsys, "--db", url(blocker / "pods.sqlite3"), "list")
    assert code == 1
    assert_plain(err)
    assert "could not use the database" in err and "part of its path is a file, not a folder" in err
    assert blocker.read_text() == "a file"


# ---------------------------------------------------------------- busy, unreachable


def test_a_database_held_by_another_writer_is_busy_in_plain_words(db, capsys, monkeypatch):
    import storage.engine

    monkeypatch.setattr(storage.engine, "BUSY_TIMEOUT_MS", 100)  # a real wait is 10 s
    Repository.open(url(db)).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Repository.open(url(db)) as repo:
            with pytest.raises(StorageError) as err:
                repo.add_pod(full_pod())
        assert err.value.title == "The database is busy"
        code, _, err_text = run(capsys, "--db", url(db), "import", str(_pod_file(db.parent)))
        assert code == 1
        assert_plain(err_text)
        assert "another copy of gq-pods or another program is using it" in err_text
        assert "Try again in a moment" in err_text
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Repository.open(url(db)) as repo:
        assert repo.count_pods() == 0  # nothing half-written


def _pod_file(folder: Path) -> Path:
    from gq_pods.podfile import dumps

    path = folder / "pod.json"
    path.write_text(dumps(full_pod()))
    return path


def test_a_server_that_cannot_be_reached_is_a_plain_message_without_the_password(capsys):
    pytest.importorskip("psycopg")
    code, _, err = run(capsys, "--db", "postgresql+psycopg://someone:SECRET-PW@127.0.0.1:1/pods", "list")
    assert code == 1
    assert_plain(err)
    assert "could not use the database postgresql+psycopg://someone:***@127.0.0.1:1/pods" in err
    assert "could not be reached" in err
    assert "SECRET-PW" not in err
