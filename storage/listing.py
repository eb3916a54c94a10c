"""The pod list, a page at a time, cheap enough to show before the rest of storage loads.

The home screen needs only a page of the pods table, newest first, perhaps
filtered. For an SQLite file that is answered here with the standard library's
``sqlite3``, read-only, so the list is on the screen while SQLAlchemy is still
loading (it takes longer to import than the whole list takes to read).

The quick reader is used only for a gq-pods database already at this release's
revision: every read checks ``alembic_version`` in the same read transaction.
Anything else (no file yet, an older layout, a newer one, another program's
file, a damaged one) gives :data:`None` from :func:`open_list`, and the caller
waits for :meth:`storage.repository.Repository.open`, which creates, upgrades
(after its backup) or refuses the database and explains why, exactly as when
there was no quick reader. Nothing here writes.

Other databases (PostgreSQL, an SQLite URL this module does not parse) are read
through the open repository's engine with the same query (:func:`for_repository`).

The filter is done by the database: each word of the search must appear, in any
case, in the pod's title, team, case reference, date, style or status (as the
list shows them), so a team's ten thousand pods are never all read to answer a
key. Practice attempts (pods with a ``practice_attempts`` row) are never listed. Rows are checked as strictly as the repository checks them: a damaged
value never stops the list, its pod is listed as unreadable ("Cannot be read").
"""

from __future__ import annotations

import datetime as _dt
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from gq_pods.days import stored_day
from gq_pods.model import STATUS_LABELS, STYLE_LABELS, UNREADABLE, PodSummary
from gq_pods.text import clean

from .engine import BUSY_TIMEOUT_MS
from .errors import DatabaseBusy, DatabaseDamaged, DatabaseUnavailable, StorageError

if TYPE_CHECKING:  # pragma: no cover
    from .repository import Repository

#: Rows read at once: a screenful many times over, and cheap to read and show.
PAGE = 200

# What the list shows of a pod, in the order the queries below select it.
COLUMNS = ("id", "date", "team", "style", "case_reference", "status", "title", "practice", "updated_at")
_TEXT = ("team", "style", "case_reference", "status", "title")
# The columns the filter looks in as they are stored (style and status are matched by their labels).
_SEARCHED = ("title", "team", "case_reference", "date")


@dataclass(frozen=True)
class Page:
    """Some of the pods, newest first; ``more`` when pods after them match too."""

    pods: list[PodSummary]
    more: bool


class PodList(Protocol):
    def page(self, search: str = "", offset: int = 0, limit: int | None = PAGE) -> Page: ...

    def close(self) -> None: ...


# ---------------------------------------------------------------- rows


def summary(row: Any) -> PodSummary:
    """One list row from the raw values (a mapping or a tuple in :data:`COLUMNS` order).

    A value of the wrong kind is left at a harmless default and the pod marked unreadable;
    text comes without control characters, as the repository reads it.
    """
    values = dict(row) if hasattr(row, "keys") else dict(zip(COLUMNS, row))
    damaged = False
    out: dict[str, Any] = {}
    for name in _TEXT:
        if isinstance(values.get(name), str):
            out[name] = clean(values[name])
        else:
            damaged = True
    day = stored_day(values.get("date"))
    if day is None:
        damaged = True
    practice = values.get("practice")
    if isinstance(practice, int) and practice in (0, 1):
        out["practice"] = bool(practice)
    else:
        damaged = True
    try:
        updated = _timestamp(values.get("updated_at"))
    except ValueError:
        damaged, updated = True, None
    return PodSummary(
        id=values["id"],
        date=day or _dt.date.min,
        team=out.get("team", ""),
        style=out.get("style", ""),
        case_reference=out.get("case_reference", ""),
        status=UNREADABLE if damaged else out["status"],
        title=out.get("title", ""),
        practice=out.get("practice", False),
        updated_at=updated,
    )


def _timestamp(value: Any) -> _dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = _dt.datetime.fromisoformat(value)
    if not isinstance(value, _dt.datetime):
        raise ValueError("not a time")
    return value if value.tzinfo is not None else value.replace(tzinfo=_dt.timezone.utc)


# ---------------------------------------------------------------- the filter


def words(search: str) -> list[str]:
    """The words of a search, each to be found somewhere in a pod's row (any case)."""
    return search.replace("\x00", "").casefold().split()


def _labels_with(word: str, labels: dict[str, str]) -> list[str]:
    """The stored values whose label (as the list shows it) contains ``word``."""
    return [key for key, label in labels.items() if word in label.casefold()]


_LIKE_SPECIAL = re.compile(r"([\\%_])")


def _like(word: str) -> str:
    return "%" + _LIKE_SPECIAL.sub(r"\\\1", word) + "%"


def where_sql(search: str) -> tuple[str, list[Any]]:
    """The SQLite condition (``?`` parameters) that keeps the rows matching ``search``.

    Each word must be in one of the searched columns, or in the style's or the
    status's label. ``LIKE`` ignores case for ASCII letters only; a word with
    other letters is looked for in the column folded by ``gq_fold`` (Python's
    own casefold, registered on the connection).
    """
    clauses: list[str] = []
    params: list[Any] = []
    # The searched columns as one text (a newline between them, which no word holds),
    # so each word costs one LIKE however many columns there are.
    joined = " || char(10) || ".join(f"coalesce({column}, '')" for column in _SEARCHED)
    known = list(STYLE_LABELS)
    for word in words(search):
        wide = not word.isascii()
        if wide:
            either = [f"instr(gq_fold({joined}), ?) > 0"]
            params.append(word)
        else:
            either = [f"({joined}) LIKE ? ESCAPE '\\'"]
            params.append(_like(word))
        for column, labels in (("style", STYLE_LABELS), ("status", STATUS_LABELS)):
            keys = _labels_with(word, labels)
            if keys:
                either.append(f"{column} IN ({', '.join('?' * len(keys))})")
                params.extend(keys)
        # a style gq-pods has no label for is shown (and so searched) as it is stored
        either.append(
            f"(style NOT IN ({', '.join('?' * len(known))}) AND "
            + ("instr(gq_fold(style), ?) > 0)" if wide else "style LIKE ? ESCAPE '\\')")
        )
        params.extend([*known, word if wide else _like(word)])
        clauses.append("(" + " OR ".join(either) + ")")
    return (" AND ".join(clauses) or "1 = 1"), params


# Practice attempts (a pod with a row in practice_attempts) are one person's practice at a
# fictional case, not the team's pods: the list leaves them out.
TEAM_PODS = "NOT EXISTS (SELECT 1 FROM practice_attempts WHERE practice_attempts.pod_id = pods.id)"


def page_sql(search: str) -> tuple[str, list[Any]]:
    """The SQLite query for one page: ``LIMIT ? OFFSET ?`` are left for the caller's two values."""
    where, params = where_sql(search)
    query = (
        f"SELECT {', '.join(COLUMNS)} FROM pods WHERE {TEAM_PODS} AND {where} "
        "ORDER BY date DESC, id DESC LIMIT ? OFFSET ?"
    )
    return query, params


def _fold(value: Any) -> str:
    return value.casefold() if isinstance(value, str) else ""


# ---------------------------------------------------------------- SQLite, without SQLAlchemy

_SQLITE_URL = re.compile(r"^sqlite(\+pysqlite)?:///(?P<database>[^?#%]+)$")


def sqlite_path(url: str) -> Path | None:
    """The file a plain SQLite URL names, as :func:`storage.engine.sqlite_file` reads it; None otherwise."""
    found = _SQLITE_URL.match(url)
    if found is None:
        return None
    database = found.group("database")
    if database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser().absolute()


class NotCurrent(StorageError):
    """The database is not (or no longer) a gq-pods database at this release's revision."""


class SqliteList:
    """Pages of the pod list from an SQLite file, read-only, with the standard library."""

    def __init__(self, path: Path) -> None:
        import sqlite3

        self._sqlite3 = sqlite3
        self.path = path
        self._lock = threading.Lock()
        try:
            # mode=ro: this reader never creates or changes anything.
            self._con = sqlite3.connect(
                path.as_uri() + "?mode=ro",
                uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,  # read in workers, one at a time (the lock)
            )
        except sqlite3.Error:
            raise NotCurrent() from None
        self._con.create_function("gq_fold", 1, _fold, deterministic=True)

    def page(self, search: str = "", offset: int = 0, limit: int | None = PAGE) -> Page:
        """Up to ``limit`` pods (all with None) from ``offset``, newest first, matching ``search``."""
        query, params = page_sql(search)
        wanted = -1 if limit is None else limit + 1
        rows = self._read(lambda con: con.execute(query, [*params, wanted, offset]).fetchall())
        return _page(rows, limit)

    def open_steps(self, due_before: _dt.date | None = None, owner: str | None = None) -> list:
        """The team's next steps not yet done, as ``Repository.open_steps`` gives them (storage.case_sql)."""
        from . import case_sql

        return self._read(lambda con: case_sql.open_steps(_runner(con), _iso, due_before, owner))

    def team_report(self, since: _dt.date | None = None, today: _dt.date | None = None,
                    stage_overrides: dict | None = None) -> Any:
        """The team report, as ``Repository.team_report`` gives it (storage.case_sql)."""
        from . import case_sql

        return self._read(lambda con: case_sql.team_report(_runner(con), _iso, since, today, stage_overrides))

    def _read(self, work: Any) -> Any:
        """``work(connection)`` in one read transaction, after checking the database's revision."""
        from .migrate import HEAD

        sqlite3 = self._sqlite3
        with self._lock:
            try:
                self._con.execute("BEGIN")
                try:
                    # In the same read as the rows: a database upgraded or replaced
                    # meanwhile is never read with this release's idea of its layout.
                    revisions = [r[0] for r in self._con.execute("SELECT version_num FROM alembic_version")]
                    if revisions != [HEAD]:
                        raise NotCurrent()
                    return work(self._con)
                finally:
                    self._con.execute("COMMIT")
            except sqlite3.DatabaseError as error:
                said = str(error).lower()
                if "locked" in said or "busy" in said:
                    raise DatabaseBusy() from None
                if "malformed" in said:
                    raise DatabaseDamaged(str(self.path), "parts of the file are broken") from None
                if "no such" in said or "not a database" in said:
                    raise NotCurrent() from None
                raise DatabaseUnavailable(str(self.path), "the file could not be read") from None

    def close(self) -> None:
        with self._lock:
            self._con.close()


def _runner(con: Any) -> Any:
    def run(sql: str, params: Any) -> list[tuple]:
        return con.execute(sql, dict(params)).fetchall()

    return run


def _iso(day: _dt.date) -> str:
    return day.isoformat()


def open_list(url: str | None = None) -> SqliteList | None:
    """The quick reader for the gq-pods SQLite database at ``url``, or None.

    None when the database is not an SQLite file at this release's revision (or
    cannot be read quickly for any reason): then open the repository, which
    deals with it as it always has. ``url`` defaults as the repository's does.
    """
    if url is None:
        from gq_pods.paths import db_url

        url = db_url()
    path = sqlite_path(url)
    if path is None or not path.is_file():
        return None
    try:
        reader = SqliteList(path)
    except StorageError:
        return None
    try:
        reader.page(limit=0)  # the revision check, and that the table reads
    except StorageError:
        reader.close()
        return None
    return reader


# ---------------------------------------------------------------- any database, through the repository


class EngineList:
    """Pages of the pod list through an open repository's engine (PostgreSQL, SQLite by other URLs).

    The same filter as :func:`where_sql`, written with SQLAlchemy so that each
    database says "contains, in any case" in its own way.
    """

    def __init__(self, repository: Repository) -> None:
        self._repository = repository

    def page(self, search: str = "", offset: int = 0, limit: int | None = PAGE) -> Page:
        from sqlalchemy import Text, and_, cast, false, or_, select

        from . import tables as t
        from .repository import _raw, team_pods

        p = t.pods.c
        conditions = []
        for word in words(search):
            either = [p[name].icontains(word, autoescape=True) for name in ("title", "team", "case_reference")]
            either.append(cast(p.date, Text).icontains(word, autoescape=True))
            for column, labels in ((p.style, STYLE_LABELS), (p.status, STATUS_LABELS)):
                keys = _labels_with(word, labels)
                either.append(column.in_(keys) if keys else false())
            either.append(and_(p.style.not_in(list(STYLE_LABELS)), p.style.icontains(word, autoescape=True)))
            conditions.append(or_(*either))
        query = select(*_raw(*(p[name] for name in COLUMNS))).where(team_pods(), *conditions).order_by(p.date.desc(), p.id.desc())
        query = query.offset(offset)
        if limit is not None:
            query = query.limit(limit + 1)
        with self._repository._reading() as conn:
            rows = conn.execute(query).all()
        return _page(rows, limit)

    def close(self) -> None:
        """The repository is its owner's to close."""


def _page(rows: list[Any], limit: int | None) -> Page:
    kept = rows if limit is None else rows[:limit]
    return Page([summary(tuple(row)) for row in kept], limit is not None and len(rows) > limit)


def for_repository(repository: Repository) -> PodList:
    """The list reader for an open repository: the quick one for an SQLite file, its engine's otherwise."""
    url = repository._engine.url
    if url.get_backend_name() == "sqlite":
        reader = open_list(url.render_as_string(hide_password=False))
        if reader is not None:
            return reader
    return EngineList(repository)
