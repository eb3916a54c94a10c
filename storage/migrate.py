"""Bring a database to this release's layout, safely, at start-up.

The common case (already up to date) must be cheap: for an SQLite file the
stored revision is read with the standard library's ``sqlite3`` and Alembic is
not imported at all. Only when there is work to do:

* a new, empty database is created straight at the newest layout;
* an older one is first copied with ``VACUUM INTO`` to ``backups/`` beside it
  (0600), then upgraded in one ``BEGIN IMMEDIATE`` transaction with foreign
  keys OFF (SQLite's table rebuilds would otherwise cascade-delete child rows),
  and committed only if ``PRAGMA foreign_key_check`` finds nothing;
* only the newest few backups are kept (:func:`prune_backups`; how many is a
  setting, :func:`gq_pods.settings.backups_kept`);
* a database from a newer gq-pods is refused untouched (:class:`DatabaseTooNew`),
  and so is one that is not gq-pods' (another program's tables, or not a
  database at all: :class:`NotAPodsDatabase`) or is damaged
  (:class:`DatabaseDamaged`). For an SQLite file this is decided with the
  standard library before anything opens it for writing.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .engine import BUSY_TIMEOUT_MS, create_engine, prepare_sqlite_file, sqlite_file
from .errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseTooNew,
    DatabaseUnavailable,
    MigrationFailed,
    NotAPodsDatabase,
    StorageError,
)

if TYPE_CHECKING:
    import sqlalchemy

# Every revision this release knows, oldest first; the last is head. A test
# checks these against the migration scripts, so they cannot drift.
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006")
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
    Raises :class:`DatabaseTooNew`, :class:`NotAPodsDatabase`,
    :class:`DatabaseDamaged` (all before anything is changed) or
    :class:`MigrationFailed` (after rolling back; the backup is kept).
    """
    owned = isinstance(engine_or_url, str) or not hasattr(engine_or_url, "dialect")
    engine = create_engine(engine_or_url) if owned else engine_or_url
    try:
        path = sqlite_file(engine.url)
        if path is not None:
            # Look before touching: another program's file is refused as it is.
            found = _look_sqlite(path) if path.exists() else Found((), ())
            _refuse(found, _where(engine, path), path)
            try:
                prepare_sqlite_file(path)
            except OSError as exc:
                raise DatabaseUnavailable(str(path), _cannot_make(exc)) from None
        else:
            with engine.connect() as conn:
                found = _look(conn)
            _refuse(found, _where(engine, path), path)
        if found.revisions == (HEAD,):
            return MigrationResult("up_to_date", HEAD, HEAD)
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
            revisions = _look_sqlite(path).revisions if path.exists() else ()
        else:
            with engine.connect() as conn:
                revisions = _look(conn).revisions
    finally:
        if owned:
            engine.dispose()
    return ",".join(revisions) or None


# ---------------------------------------------------------------- reading the revision


@dataclass(frozen=True)
class Found:
    """What a database holds, as far as deciding what to do goes."""

    revisions: tuple[str, ...]
    tables: tuple[str, ...]  # every table, ours or not (SQLite's own left out)


def _where(engine: sqlalchemy.Engine, path: Path | None) -> str:
    return str(path) if path is not None else engine.url.render_as_string(hide_password=True)


def _look_sqlite(path: Path) -> Found:
    """Read the revision and the table names with the standard library, changing nothing."""
    import sqlite3

    backups = backups_of(path)
    try:
        # mode=rw: never create a file here (prepare_sqlite_file does that, privately).
        con = sqlite3.connect(
            path.as_uri() + "?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
        )
    except sqlite3.Error:
        raise DatabaseUnavailable(str(path), "the file could not be opened (check that you may read and change it)") from None
    try:
        tables = tuple(
            str(row[0])
            for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        )
        rows = con.execute("SELECT version_num FROM alembic_version").fetchall() if "alembic_version" in tables else []
    except sqlite3.DatabaseError as exc:
        said = str(exc).lower()
        if "not a database" in said:
            raise NotAPodsDatabase(str(path), "the file holds something else") from None
        if "locked" in said or "busy" in said:
            raise DatabaseBusy() from None
        if "malformed" in said:
            raise DatabaseDamaged(str(path), "the file is incomplete or broken", backups) from None
        raise DatabaseUnavailable(str(path), "the file could not be read") from None
    finally:
        con.close()
    return Found(tuple(sorted(str(row[0]) for row in rows)), tables)


def _look(conn: sqlalchemy.Connection) -> Found:
    from sqlalchemy import inspect, text

    tables = tuple(inspect(conn).get_table_names())
    if "alembic_version" not in tables:
        return Found((), tables)
    rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    return Found(tuple(sorted(str(row[0]) for row in rows)), tables)


def _refuse(found: Found, where: str, path: Path | None) -> None:
    """Raise if gq-pods must not migrate (or create in) this database; return if it may."""
    revisions = found.revisions
    unknown = [r for r in revisions if r not in KNOWN_REVISIONS]
    if unknown or len(revisions) > 1:
        raise DatabaseTooNew(",".join(revisions))
    if revisions or not found.tables:
        return
    from .tables import metadata

    if set(found.tables) & set(metadata.tables):
        raise DatabaseDamaged(
            where, "it has gq-pods' tables but the record of their version is missing",
            backups_of(path) if path is not None else None,
        )
    raise NotAPodsDatabase(where, "it holds another program's tables; gq-pods needs a database of its own")


def _cannot_make(exc: OSError) -> str:
    import errno

    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "you do not have permission to make or change it there"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        return "part of its path is a file, not a folder"
    return "its folder or file could not be made"


def backups_of(path: Path) -> Path | None:
    """The folder of copies taken before upgrades beside ``path``, if it holds any."""
    folder = path.parent / BACKUP_FOLDER
    try:
        return folder if any(folder.iterdir()) else None
    except OSError:
        return None


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
                found = _look(conn)
                revisions = found.revisions
                if revisions == (HEAD,):
                    return MigrationResult("up_to_date", HEAD, HEAD)
                _refuse(found, _where(engine, path), path)
                if not revisions:
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
                    if _look(conn).revisions != (HEAD,):
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
    prune_backups(folder, path.stem)
    return target


def prune_backups(folder: Path, stem: str, keep: int | None = None) -> list[Path]:
    """Delete all but the newest ``keep`` backups of database ``stem`` in ``folder``; return those deleted.

    ``keep`` defaults to the person's setting (:func:`gq_pods.settings.backups_kept`).
    Only files named as :func:`_backup` names them are touched. Old copies hold
    old case text, pods deleted since among it, so they do not pile up.
    """
    if keep is None:
        from gq_pods.settings import backups_kept

        keep = backups_kept()
    ours = [p for p in folder.glob(f"{stem}-rev*-*.sqlite3") if p.is_file()]
    ours.sort(key=lambda p: (p.stat().st_mtime_ns, p.name))
    gone = ours[: max(0, len(ours) - max(1, keep))]
    for old in gone:
        try:
            old.unlink()
        except OSError:
            pass
    return gone


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
