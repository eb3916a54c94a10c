"""The one place a database engine is made.

Nothing here runs at import time: call :func:`create_engine` when the app
opens its store. Every engine hides bound parameters in errors (they would be
case text). SQLite engines also get the settings measured to keep saves safe:
WAL, ``synchronous=FULL``, foreign keys on, ``secure_delete`` (deleted text is
overwritten, not left in the file), a busy timeout, and transactions
that start with ``BEGIN IMMEDIATE`` so two writers queue instead of one
silently losing its update. The database file (and so its -wal and -shm, which
SQLite creates with the database's own mode) is 0600 and a folder we create
for it is 0700, whatever the umask.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlalchemy

BUSY_TIMEOUT_MS = 10_000

# Execution option: a transaction that only reads starts with a plain BEGIN, so
# in WAL mode it never waits for (or blocks) a writer.
READ_ONLY = "gq_pods_read_only"

_PRIVATE_FILE = 0o600
_SIDE_FILES = ("-wal", "-shm", "-journal")


def sqlite_file(url: Any) -> Path | None:
    """The database file an SQLite URL points at, or None (not SQLite, in memory, or a URI)."""
    from sqlalchemy import make_url

    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        return None
    database = u.database or ""
    if not database or database == ":memory:" or database.startswith("file:") or u.query.get("uri"):
        return None
    return Path(database).expanduser().absolute()


def prepare_sqlite_file(path: Path) -> None:
    """Make sure the folder exists (0700 if we make it) and the database file exists 0600.

    Pre-creating the file matters: SQLite gives -wal and -shm the database
    file's mode, so they are private too, even under ``umask 000``. A folder
    that already exists is only tightened when it is gq-pods' own data folder;
    someone's ``--db ~/pods.sqlite3`` must not chmod their home.
    """
    from gq_pods import paths
    from gq_pods.safefile import PRIVATE_DIR, private_dir, touch_private

    path = Path(path)
    folder = path.parent
    if not folder.exists():
        private_dir(folder)
    elif folder == paths.data_dir().absolute() and (folder.stat().st_mode & 0o777) != PRIVATE_DIR:
        os.chmod(folder, PRIVATE_DIR)
    if not path.exists():
        touch_private(path)
    for candidate in (path, *(path.with_name(path.name + s) for s in _SIDE_FILES)):
        _tighten(candidate)


def _tighten(path: Path) -> None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return
    if st.st_mode & 0o077 and st.st_uid == os.getuid():
        try:
            os.chmod(path, _PRIVATE_FILE)
        except OSError:
            pass


def create_engine(url: Any, **kwargs: Any) -> sqlalchemy.Engine:
    """An engine for ``url`` (any SQLAlchemy URL) with gq-pods' safety settings."""
    import sqlalchemy as sa
    from sqlalchemy import event

    u = sa.make_url(url)
    kwargs["hide_parameters"] = True
    if u.get_backend_name() != "sqlite":
        kwargs.setdefault("pool_pre_ping", True)
        return sa.create_engine(u, **kwargs)

    path = sqlite_file(u)
    if path is not None:
        # the driver neither expands "~" nor pins a relative path: do both here,
        # so the file we make private is the file SQLite opens
        u = u.set(database=str(path))
    connect_args = dict(kwargs.pop("connect_args", {}) or {})
    connect_args.setdefault("timeout", BUSY_TIMEOUT_MS / 1000)
    engine = sa.create_engine(u, connect_args=connect_args, **kwargs)

    if path is not None:

        @event.listens_for(engine, "do_connect")
        def _prepare(dialect: Any, conn_rec: Any, cargs: Any, cparams: Any) -> None:
            prepare_sqlite_file(path)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, connection_record: Any) -> None:
        # The driver must not BEGIN by itself; _on_begin does it (pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            # busy_timeout first: switching to WAL waits for other connections.
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.fetchall()
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
            # Deleted text is overwritten with zeros, not left in free pages:
            # not every SQLite is built with this on.
            cursor.execute("PRAGMA secure_delete = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        read_only = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine
