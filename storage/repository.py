"""The pod store: the only storage API the rest of gq-pods uses.

Takes and returns :mod:`gq_pods.model` objects; nothing outside ``storage/``
writes SQL. A pod is saved whole, in one transaction: its row is updated and
its lists are deleted and written again, so a save either happens completely
or not at all, and list order is exactly what the screen had.

Every pod carries a version, counted up by each save. A copy of the app
reads a pod with its version (:meth:`Repository.read_pod`) and saves over that
version only (:meth:`Repository.save_pod` with ``expected_version``); when
another copy saved first it gets :class:`PodChanged` and nothing is written,
so no copy ever overwrites changes it did not read (it merges them first, with
:func:`gq_pods.merge.merge`). How fields map
to columns is derived from the model in :mod:`storage.schema`.

Text is cleaned on the way in: NUL characters are removed (PostgreSQL rejects
them) and unpaired surrogates (which no database can encode) become U+FFFD, so
an odd paste can never make every later save fail. Nothing here logs or prints
case text, and engines hide bound parameters in their errors.

Every failure reaches the caller as a :class:`StorageError` with a plain
message. A pod whose stored record is damaged (a date that is not a date) is
listed as unreadable and raises :class:`PodUnreadable` when opened; it never
stops the list or the other pods.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, delete, exists, func, insert, select, type_coerce, update
from sqlalchemy import exc as sa_exc
from sqlalchemy.types import NullType

from gq_pods.model import UNREADABLE, Pod, PodSummary
from gq_pods.text import clean

from . import schema
from . import tables as t
from .engine import READ_ONLY, create_engine, sqlite_file
from .errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseTooNew,
    DatabaseUnavailable,
    MigrationFailed,
    NotAPodsDatabase,
    PodChanged,
    PodNotFound,
    PodUnreadable,
    StorageError,
)
from .migrate import MigrationResult, backups_of, ensure_current
from .schema import clean_text

if TYPE_CHECKING:  # the practice module loads the checker: only when an attempt is read or kept
    from gq_pods.practice import Attempt, Comparison
    from gq_pods.scenarios import Scenario

__all__ = [
    "DatabaseBusy",
    "DatabaseDamaged",
    "DatabaseTooNew",
    "DatabaseUnavailable",
    "MigrationFailed",
    "NotAPodsDatabase",
    "PodChanged",
    "PodNotFound",
    "PodUnreadable",
    "Repository",
    "StorageError",
    "clean_text",
]

_UTC = _dt.timezone.utc

#: A new pod's version; every save counts it up by one.
FIRST_VERSION = 1

# What the home list shows of a pod, read from the pods row with the pod's own rules.
_SUMMARY_FIELDS = ("date", "team", "style", "case_reference", "status", "title", "practice")


class Repository:
    """Pods in one database. Open with :meth:`open`; close when done."""

    def __init__(self, engine: Engine, migration: MigrationResult | None = None) -> None:
        self._engine = engine
        #: what opening did to the database (created, upgraded with a backup, ...)
        self.migration = migration

    # ------------------------------------------------------------ lifecycle

    @classmethod
    def open(cls, url: str | None = None, *, backup_dir: Any = None) -> Repository:
        """Open (creating or upgrading if needed) the database at ``url``.

        ``url`` defaults to ``--db``/``GQ_PODS_DB``/the private default
        (:func:`gq_pods.paths.db_url`). Raises a :class:`StorageError`.
        """
        if url is None:
            from gq_pods.paths import db_url

            url = db_url()
        engine = create_engine(url)
        try:
            with _plain_errors(engine):
                migration = ensure_current(engine, backup_dir)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, migration)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def location(self) -> str:
        """Where the pods are kept, for showing to the user (no password)."""
        return _location(self._engine)

    @contextmanager
    def _reading(self) -> Iterator[Any]:
        with _plain_errors(self._engine), self._engine.connect() as conn:
            conn.execution_options(**{READ_ONLY: True})
            with conn.begin():
                yield conn

    @contextmanager
    def _writing(self) -> Iterator[Any]:
        with _plain_errors(self._engine), self._engine.begin() as conn:
            yield conn

    # ------------------------------------------------------------ queries

    def list_pods(self, search: str = "") -> list[PodSummary]:
        """Every pod of the team's, newest first (by date, then most recently added);
        practice attempts are left out (see :meth:`attempts`).

        ``search`` keeps pods whose title, team or case reference contains it,
        ignoring case (any alphabet, so this is done here rather than in SQL).
        A pod whose row is damaged is listed with the status ``unreadable``.
        """
        p = t.pods.c
        query = (
            select(*_raw(p.id, *(p[name] for name in _SUMMARY_FIELDS), p.updated_at))
            .where(team_pods())
            .order_by(p.date.desc(), p.id.desc())
        )
        with self._reading() as conn:
            rows = conn.execute(query).mappings().all()
        needle = clean_text(search).strip().casefold()
        out = []
        for row in rows:
            summary = _summary(row)
            if needle and not any(needle in v.casefold() for v in (summary.title, summary.team, summary.case_reference)):
                continue
            out.append(summary)
        return out

    def count_pods(self) -> int:
        """How many pods the team has (practice attempts are not counted)."""
        with self._reading() as conn:
            return int(conn.execute(select(func.count()).select_from(t.pods).where(team_pods())).scalar_one())

    def get_pod(self, pod_id: int) -> Pod:
        """The whole pod; raises :class:`PodNotFound` or :class:`PodUnreadable`."""
        return self.read_pod(pod_id)[0]

    def read_pod(self, pod_id: int) -> tuple[Pod, int]:
        """The whole pod and its version, read together (see :meth:`save_pod`)."""
        try:
            with self._reading() as conn:
                row = conn.execute(select(*_raw(*t.pods.c)).where(t.pods.c.id == pod_id)).mappings().first()
                if row is None:
                    raise PodNotFound(pod_id)
                fetched = {
                    table: conn.execute(
                        select(*_raw(*table.c)).where(table.c.pod_id == pod_id).order_by(table.c.position)
                    ).mappings().all()
                    for table in schema.child_tables()
                }
        except DatabaseDamaged as error:
            if error.reason != _BROKEN:
                raise
            # Where this pod is kept the file is broken; other pods may well be whole.
            raise PodUnreadable(pod_id, "", _backups(self._engine)) from None
        try:
            pod = schema.build(Pod, row, schema.Rows(fetched), root=True)
            version = _version(row["version"])
        except schema.Unreadable as error:
            raise PodUnreadable(pod_id, error.where, _backups(self._engine)) from None
        return pod, version

    def pod_version(self, pod_id: int) -> int:
        """The stored pod's version: a cheap look to see whether another copy saved it."""
        with self._reading() as conn:
            found = conn.execute(select(*_raw(t.pods.c.version)).where(t.pods.c.id == pod_id)).first()
        if found is None:
            raise PodNotFound(pod_id)
        try:
            return _version(found[0])
        except schema.Unreadable:
            raise PodUnreadable(pod_id, "version", _backups(self._engine)) from None

    # ------------------------------------------------------------ changes

    def add_pod(self, pod: Pod) -> int:
        """Store ``pod`` as a new pod at version :data:`FIRST_VERSION`; sets and returns ``pod.id``."""
        with self._writing() as conn:
            pod_id = _insert_pod(conn, pod, _now())
        pod.id = pod_id
        return pod_id

    def save_pod(self, pod: Pod, expected_version: int | None = None) -> int:
        """Replace the stored pod ``pod.id`` with ``pod``, all at once; return its new version.

        With ``expected_version`` (the version this copy read), the pod is
        written only if the stored version is still that one: the check and the
        write are one transaction (on SQLite it holds the write lock from its
        start; on PostgreSQL the conditional update takes the row's lock and
        looks again once a writer ahead of it is done). If another copy saved
        the pod meanwhile, nothing is written and :class:`PodChanged` is
        raised: read it again, merge, and save over the version read then.
        Without ``expected_version`` the pod is written whatever is stored
        (for a caller that holds the only copy).

        Raises :class:`PodNotFound` if it is no longer there (deleted
        elsewhere); nothing is written then.
        """
        if pod.id is None:
            raise ValueError("This pod has not been stored yet; use add_pod.")
        pod_id = pod.id
        pods = t.pods.c
        where = pods.id == pod_id
        if expected_version is not None:
            where = where & (pods.version == expected_version)
        with self._writing() as conn:
            values = schema.row_values(pod, root=True)
            values["updated_at"] = _now()
            values["version"] = pods.version + 1
            stored = conn.execute(update(t.pods).where(where).values(**values).returning(pods.version)).first()
            if stored is None:
                if conn.execute(select(pods.id).where(pods.id == pod_id)).first() is None:
                    raise PodNotFound(pod_id)
                raise PodChanged(pod_id)
            for table in t.POD_CHILDREN:
                conn.execute(delete(table).where(table.c.pod_id == pod_id))
            _insert_children(conn, pod_id, pod)
        return int(stored[0])

    def delete_pod(self, pod_id: int) -> None:
        """Delete the pod and everything in its record; raises :class:`PodNotFound`."""
        with self._writing() as conn:
            # By hand as well as by cascade: no orphaned case text, even if a
            # connection somehow had foreign keys off.
            for table in (*t.POD_CHILDREN, *t.POD_ASIDE):
                conn.execute(delete(table).where(table.c.pod_id == pod_id))
            if conn.execute(delete(t.pods).where(t.pods.c.id == pod_id)).rowcount != 1:
                raise PodNotFound(pod_id)

    # ------------------------------------------------------------ practice attempts
    #
    # An attempt is a pod with a row in practice_attempts beside it. The pods list,
    # the count and export --all leave such pods out: they are one practitioner's
    # practice at a fictional case, not the team's pods.

    def start_attempt(self, scenario: Scenario, pod: Pod) -> int:
        """Store ``pod`` (from :func:`gq_pods.practice.start_pod`) as an attempt at
        ``scenario``: the pod and its attempt row in one transaction. Sets and returns ``pod.id``."""
        now = _now()
        with self._writing() as conn:
            pod_id = _insert_pod(conn, pod, now)
            conn.execute(
                insert(t.practice_attempts).values(
                    pod_id=pod_id,
                    scenario_id=clean_text(clean(scenario.id)),
                    scenario_title=clean_text(clean(scenario.title)),
                    started_at=now,
                )
            )
        pod.id = pod_id
        return pod_id

    def attempt(self, pod_id: int) -> Attempt | None:
        """The attempt the pod ``pod_id`` is, or None for a team pod (or no such pod)."""
        a = t.practice_attempts
        with self._reading() as conn:
            row = conn.execute(select(*_raw(*a.c)).where(a.c.pod_id == pod_id)).mappings().first()
        return None if row is None else _attempt(row)

    def attempts(self) -> list[Attempt]:
        """Every practice attempt, oldest first."""
        a = t.practice_attempts
        with self._reading() as conn:
            rows = conn.execute(select(*_raw(*a.c)).order_by(a.c.started_at, a.c.pod_id)).mappings().all()
        return [_attempt(row) for row in rows]

    def tried_scenarios(self) -> dict[str, int]:
        """How many attempts each scenario has had, by scenario id (untried ones are absent)."""
        a = t.practice_attempts.c
        with self._reading() as conn:
            rows = conn.execute(select(*_raw(a.scenario_id), func.count()).group_by(a.scenario_id)).all()
        return {clean(str(scenario_id)): int(n) for scenario_id, n in rows if isinstance(scenario_id, str)}

    def record_comparison(
        self, pod_id: int, comparison: Comparison, self_rating: int | None, do_differently: str
    ) -> None:
        """Keep what comparing the attempt with the model found, the learner's own rating
        (0 to 10, or None) and what they would do differently; the time is now. Comparing
        again replaces the last figures. Raises ValueError for a rating out of range or
        text too long, :class:`PodNotFound` when the pod is not an attempt (or is gone)."""
        from gq_pods.practice import MAX_DO_DIFFERENTLY, check_rating

        rating = check_rating(self_rating)
        text = clean_text(clean(do_differently or "")).strip()
        if len(text) > MAX_DO_DIFFERENTLY:
            raise ValueError(
                f"What you would do differently is too long: {len(text):,} characters, "
                f"and the most is {MAX_DO_DIFFERENTLY:,}."
            )
        a = t.practice_attempts
        with self._writing() as conn:
            done = conn.execute(
                update(a)
                .where(a.c.pod_id == pod_id)
                .values(
                    compared_at=_now(),
                    facts_total=comparison.facts_total,
                    facts_matched=comparison.facts_matched,
                    statements=comparison.statements,
                    statement_problems=comparison.statement_problems,
                    key_points_total=comparison.key_points_total,
                    key_points_covered=comparison.key_points_covered,
                    self_rating=rating,
                    do_differently=text,
                )
            )
            if done.rowcount != 1:
                raise PodNotFound(pod_id)


# ---------------------------------------------------------------- rows


def team_pods() -> Any:
    """The condition that keeps the team's pods: a pod with an attempt row beside it is practice."""
    a = t.practice_attempts.c
    return ~exists().where(a.pod_id == t.pods.c.id)


def _insert_pod(conn: Any, pod: Pod, now: _dt.datetime) -> int:
    values = schema.row_values(pod, root=True)
    values.update(created_at=now, updated_at=now, version=FIRST_VERSION)
    pod_id = int(conn.execute(insert(t.pods).values(**values)).inserted_primary_key[0])
    _insert_children(conn, pod_id, pod)
    return pod_id


_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_UTC)


def _attempt(row: Any) -> Attempt:
    """An attempt row as the practice takes it; a damaged value reads as unknown, never fails."""
    from gq_pods.practice import Attempt

    def text(name: str) -> str:
        value = row[name]
        return clean(value) if isinstance(value, str) else ""

    def number(name: str) -> int | None:
        value = row[name]
        return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None

    def moment(name: str) -> _dt.datetime | None:
        try:
            return schema.read_timestamp(row[name], name)
        except schema.Unreadable:
            return None

    rating = number("self_rating")
    return Attempt(
        pod_id=row["pod_id"],
        scenario_id=text("scenario_id"),
        scenario_title=text("scenario_title"),
        started_at=moment("started_at") or _EPOCH,
        compared_at=moment("compared_at"),
        facts_total=number("facts_total"),
        facts_matched=number("facts_matched"),
        statements=number("statements"),
        statement_problems=number("statement_problems"),
        key_points_total=number("key_points_total"),
        key_points_covered=number("key_points_covered"),
        self_rating=rating if rating is not None and rating <= 10 else None,
        do_differently=text("do_differently"),
    )


def _now() -> _dt.datetime:
    return _dt.datetime.now(_UTC)


def _version(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise schema.Unreadable("version")


def _raw(*cols: Any) -> list[Any]:
    """The columns as the driver gives them: the model's rules check each value, not SQLAlchemy's."""
    return [type_coerce(c, NullType()).label(c.name) for c in cols]


def _insert_children(conn: Any, pod_id: int, pod: Pod) -> None:
    def insert_one(table: Any, values: dict) -> int:
        return int(conn.execute(insert(table).values(**values)).inserted_primary_key[0])

    for table, rows in schema.write_children(pod, pod_id, insert_one).items():
        conn.execute(insert(table), rows)


_POD_PARTS = {part.name: part for part in schema.parts(Pod, root=True)}


def _summary(row: Any) -> PodSummary:
    """One list row. A damaged value is left at a harmless default and the pod marked unreadable."""
    values: dict[str, Any] = {}
    damaged = False
    for name in _SUMMARY_FIELDS:
        part = _POD_PARTS[name]
        try:
            values[name] = schema.read_value(part, row[name])
        except schema.Unreadable:
            damaged = True
    try:
        values["updated_at"] = schema.read_timestamp(row["updated_at"], "updated_at")
    except schema.Unreadable:
        damaged = True
    if damaged:
        values["status"] = UNREADABLE
    return PodSummary(
        id=row["id"],
        date=values.get("date", _dt.date.min),
        team=values.get("team", ""),
        style=values.get("style", ""),
        case_reference=values.get("case_reference", ""),
        status=values["status"] if "status" in values else UNREADABLE,
        title=values.get("title", ""),
        practice=values.get("practice", False),
        updated_at=values.get("updated_at"),
    )


# ---------------------------------------------------------------- plain errors


def _location(engine: Engine) -> str:
    path = sqlite_file(engine.url)
    if path is not None:
        return str(path)
    return engine.url.render_as_string(hide_password=True)


def _backups(engine: Engine) -> Path | None:
    path = sqlite_file(engine.url)
    return backups_of(path) if path is not None else None


@contextmanager
def _plain_errors(engine: Engine) -> Iterator[None]:
    """Turn the database driver's errors into :class:`StorageError` with plain words.

    Only the kind of problem is kept, never the driver's text: it can quote
    the statement, and on some servers the values.
    """
    try:
        yield
    except StorageError:
        raise
    except sa_exc.DBAPIError as error:
        raise _plain(engine, error) from None


_BROKEN = "parts of the file are broken"


def _plain(engine: Engine, error: sa_exc.DBAPIError) -> StorageError:
    where = _location(engine)
    said = str(error.orig).lower() if error.orig is not None else ""
    if "locked" in said or "busy" in said:
        return DatabaseBusy()
    if "file is not a database" in said:
        return NotAPodsDatabase(where, "the file holds something else")
    if "malformed" in said or "corrupt" in said:
        return DatabaseDamaged(where, _BROKEN, _backups(engine))
    if "no such table" in said or "no such column" in said or "does not exist" in said:
        return DatabaseDamaged(where, "a part gq-pods needs is missing from it", _backups(engine))
    if "readonly" in said or "read-only" in said or "permission" in said:
        return DatabaseUnavailable(where, "you do not have permission to change it")
    if "disk is full" in said or "no space" in said:
        return DatabaseUnavailable(where, "the disk is full")
    if "unable to open" in said or "disk i/o" in said:
        return DatabaseUnavailable(where, "the file could not be opened or read")
    if isinstance(error, sa_exc.OperationalError):
        return DatabaseUnavailable(where, "the database could not be reached")
    return StorageError(
        f"The database refused the change ({type(error).__name__}), so nothing was saved. "
        "Try again; if it happens again, ask whoever looks after gq-pods for your team."
    )
