"""Bring a database to this release's layout, safely, at start-up.

The common case (already up to date) must be cheap: for an SQLite file the
stored revision is read with the standard library's ``sqlite3`` and Alembic is
not imported at all. Only when there is work to do:

* a new, empty database is created straight at the newest layout;
* an older one is first copied with ``VACUUM INTO`` to ``backups/`` beside it
  (0600), then upgraded in one ``BEGIN IMMEDIATE`` transaction with foreign
  keys OFF (SQLite's table rebuilds would otherwise cascade-delete child rows),
  and committed only if ``PRAGMA foreign_key_check`` finds nothing;
* a database from a newer gq-pods is refused untouched (:class:`DatabaseTooNew`).
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .engine import BUSY_TIMEOUT_MS, create_engine, prepare_sqlite_file, sqlite_file
from .errors import DatabaseTooNew, MigrationFailed, NotAPodsDatabase, StorageError

if TYPE_CHECKING:
    import sqlalchemy

# Every revision this release knows, oldest first; the last is head. A test
# checks these against the migration scripts, so they cannot drift.
KNOWN_REVISIONS = ("0001", "0002")
HEAD = KNOWN_REVISIONS[-1]

MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")
BACKUP_FOLDER = "backups"

# Arbitrary constant: PostgreSQL advisory lock held while migrating, so two
# copies of the app starting together do not both upgrade a shared database.
_PG_LOCK_KEY = 0x67712D706F6473  # "gq-pods"


@dataclass(frozen=True)
class MigrationResult:
    """What :func:`ensure_current` did."""

    action: str  # "up_to_date" | "created" | "upgraded"
    from_revision: str | None
    to_revision: str
    backup: Path | None = None

    @property
    def changed(self) -> bool:
        return self.action != "up_to_date"


def ensure_current(
    engine_or_url: sqlalchemy.Engine | str, backup_dir: str | os.PathLike[str] | None = None
) -> MigrationResult:
    """Make sure the database is at :data:`HEAD`; see the module docstring.

    ``backup_dir`` defaults to ``backups/`` beside an SQLite database file.
    Raises :class:`DatabaseTooNew`, :class:`NotAPodsDatabase` or
    :class:`MigrationFailed` (after rolling back; the backup is kept).
    """
    owned = isinstance(engine_or_url, str) or not hasattr(engine_or_url, "dialect")
    engine = create_engine(engine_or_url) if owned else engine_or_url
    try:
        path = sqlite_file(engine.url)
        if path is not None:
            prepare_sqlite_file(path)
            revisions = _stored_revisions_sqlite(path)
        else:
            with engine.connect() as conn:
                revisions = _stored_revisions(conn)
        if revisions == (HEAD,):
            return MigrationResult("up_to_date", HEAD, HEAD)
        _refuse_unknown(revisions)
        return _migrate(engine, path, Path(backup_dir) if backup_dir else None)
    finally:
        if owned:
            engine.dispose()


def stored_revision(engine_or_url: sqlalchemy.Engine | str) -> str | None:
    """The database's revision (None for a database gq-pods has not set up), without Alembic."""
    owned = isinstance(engine_or_url, str) or not hasattr(engine_or_url, "dialect")
    engine = create_engine(engine_or_url) if owned else engine_or_url
    try:
        path = sqlite_file(engine.url)
        if path is not None:
            revisions = _stored_revisions_sqlite(path) if path.exists() else ()
        else:
            with engine.connect() as conn:
                revisions = _stored_revisions(conn)
    finally:
        if owned:
            engine.dispose()
    return ",".join(revisions) or None


# ---------------------------------------------------------------- reading the revision


def _stored_revisions_sqlite(path: Path) -> tuple[str, ...]:
    import sqlite3

    # mode=rw: never create a file here (prepare_sqlite_file made it, privately).
    try:
        con = sqlite3.connect(
            path.as_uri() + "?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
        )
    except sqlite3.Error as exc:
        raise StorageError(f"The database file {path} could not be opened ({exc}).") from None
    try:
        has_table = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if not has_table:
            return ()
        rows = con.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise NotAPodsDatabase(str(path)) from None
        raise StorageError(
            f"The database file {path} could not be read ({exc}). It may be damaged; "
            f"copies taken before upgrades are in {path.parent / BACKUP_FOLDER}."
        ) from None
    finally:
        con.close()
    return tuple(sorted(str(row[0]) for row in rows))


def _stored_revisions(conn: sqlalchemy.Connection) -> tuple[str, ...]:
    from sqlalchemy import inspect, text

    if not inspect(conn).has_table("alembic_version"):
        return ()
    rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    return tuple(sorted(str(row[0]) for row in rows))


def _refuse_unknown(revisions: tuple[str, ...]) -> None:
    unknown = [r for r in revisions if r not in KNOWN_REVISIONS]
    if unknown or len(revisions) > 1:
        raise DatabaseTooNew(",".join(revisions))


# ---------------------------------------------------------------- migrating


def _migrate(engine: sqlalchemy.Engine, path: Path | None, backup_dir: Path | None) -> MigrationResult:
    from .tables import metadata

    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        if sqlite:
            # Outside any transaction, or SQLite ignores it.
            driver.execute("PRAGMA foreign_keys = OFF")
        try:
            # BEGIN IMMEDIATE: from here we hold the write lock, so another
            # copy of the app cannot migrate (or write) underneath us.
            with conn.begin():
                if engine.dialect.name == "postgresql":
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK_KEY})")
                revisions = _stored_revisions(conn)
                if revisions == (HEAD,):
                    return MigrationResult("up_to_date", HEAD, HEAD)
                _refuse_unknown(revisions)
                if not revisions:
                    ours = set(metadata.tables) & set(_table_names(conn))
                    if ours:
                        raise NotAPodsDatabase("it has gq-pods tables but no record of their version")
                    metadata.create_all(conn)
                    _alembic(conn, "stamp", HEAD)
                    return MigrationResult("created", None, HEAD)

                old = revisions[0]
                backup = _backup(path, old, backup_dir) if path is not None else None
                try:
                    _alembic(conn, "upgrade", HEAD)
                    if sqlite:
                        problems = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                        if problems:
                            tables = sorted({str(row[0]) for row in problems})
                            raise MigrationFailed(
                                "rows would have lost their pod in: " + ", ".join(tables), backup
                            )
                    if _stored_revisions(conn) != (HEAD,):
                        raise MigrationFailed("the new version was not recorded", backup)
                except StorageError:
                    raise
                except Exception as exc:  # noqa: BLE001 - any failure rolls back
                    # Only the error's kind: its text could quote the database.
                    raise MigrationFailed(f"an unexpected {type(exc).__name__}", backup) from None
                return MigrationResult("upgraded", old, HEAD, backup)
        finally:
            if sqlite:
                _foreign_keys_back_on(conn, driver)


def _table_names(conn: sqlalchemy.Connection) -> list[str]:
    from sqlalchemy import inspect

    return inspect(conn).get_table_names()


def _foreign_keys_back_on(conn: sqlalchemy.Connection, driver: Any) -> None:
    try:
        driver.execute("PRAGMA foreign_keys = ON")
        on = driver.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    except Exception:  # noqa: BLE001
        on = False
    if not on:
        # Never hand a connection with foreign keys off back to the pool.
        conn.invalidate()


def alembic_config(connection: Any = None) -> Any:
    """An Alembic ``Config`` for the shipped migrations (no alembic.ini)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _alembic(conn: sqlalchemy.Connection, command_name: str, revision: str) -> None:
    from alembic import command

    getattr(command, command_name)(alembic_config(conn), revision)


def _backup(path: Path, revision: str, backup_dir: Path | None) -> Path:
    """Copy the database with VACUUM INTO to a new 0600 file; return its path."""
    import sqlite3

    from gq_pods.safefile import PRIVATE_FILE, private_dir

    folder = private_dir(backup_dir or path.parent / BACKUP_FOLDER)
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    for n in range(1000):
        suffix = f"-{n}" if n else ""
        target = folder / f"{path.stem}-rev{revision}-{stamp}{suffix}.sqlite3"
        try:
            # Made empty and private first: VACUUM INTO accepts an empty file
            # and keeps its mode, so the copy is never readable by others.
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
        except FileExistsError:
            continue
        os.fchmod(fd, PRIVATE_FILE)
        os.close(fd)
        break
    else:  # pragma: no cover - a thousand backups in one second
        raise MigrationFailed("no free name for the backup file")

    try:
        con = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            con.execute("VACUUM INTO ?", (str(target),))
        finally:
            con.close()
        _fsync(target)  # VACUUM INTO does not sync its output
        _fsync(folder)
    except Exception as exc:
        try:
            target.unlink()
        except OSError:
            pass
        raise MigrationFailed(f"the backup could not be written ({type(exc).__name__})") from None
    return target


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
