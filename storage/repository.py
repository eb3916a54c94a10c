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

from sqlalchemy import Engine, and_, delete, exists, func, insert, select, type_coerce, update
from sqlalchemy import exc as sa_exc
from sqlalchemy.types import NullType

from gq_pods import followup
from gq_pods import report as team_report_
from gq_pods.model import UNREADABLE, Pod, PodSummary
from gq_pods.steps import DueStep, check_outcome
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
    NotInChain,
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
    "NotInChain",
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

#: How many times set_step_outcome reads again when another copy saved the pod meanwhile.
OUTCOME_TRIES = 5

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
        """Store ``pod`` as a new pod at version :data:`FIRST_VERSION`; sets and returns ``pod.id``.

        Raises :class:`NotInChain` if ``pod.follows`` names a pod that is not there or has
        been followed up already.
        """
        with self._writing() as conn:
            pod_id = _add(conn, pod)
        pod.id = pod_id
        return pod_id

    def add_chain(self, pods: list[Pod]) -> list[int]:
        """Store ``pods`` (a case's chain, oldest first, as a chain file gives them) as new
        pods, each following the one before, all or none; their new ids, in order.

        The first pod follows none (a chain file's pods link to each other only).
        """
        ids: list[int] = []
        with self._writing() as conn:
            for pod in pods:
                pod.id = None
                pod.follows = ids[-1] if ids else None
                ids.append(_add(conn, pod))
        for pod, pod_id in zip(pods, ids):
            pod.id = pod_id
        return ids

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
            if pod.follows is not None:
                # the version first, so a copy holding an old link is told to merge, not refused
                if expected_version is not None:
                    found = conn.execute(select(pods.version).where(pods.id == pod_id)).first()
                    if found is None:
                        raise PodNotFound(pod_id)
                    if found[0] != expected_version:
                        raise PodChanged(pod_id)
                _check_follows(conn, pod_id, pod.follows)
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
        """Delete the pod and everything in its record; raises :class:`PodNotFound`.

        A pod in the middle of a case's chain leaves the chain joined: the pod that
        followed it now follows the one it followed (and is saved as a new version, so
        a copy holding it open merges rather than writing the old link back).
        """
        pods = t.pods.c
        with self._writing() as conn:
            found = conn.execute(select(*_raw(pods.follows)).where(pods.id == pod_id)).first()
            if found is None:
                raise PodNotFound(pod_id)
            # By hand as well as by cascade: no orphaned case text, even if a
            # connection somehow had foreign keys off.
            for table in (*t.POD_CHILDREN, *t.POD_ASIDE):
                conn.execute(delete(table).where(table.c.pod_id == pod_id))
            if conn.execute(delete(t.pods).where(pods.id == pod_id)).rowcount != 1:
                raise PodNotFound(pod_id)
            before = found[0] if isinstance(found[0], int) and not isinstance(found[0], bool) else None
            conn.execute(
                update(t.pods)
                .where(pods.follows == pod_id)
                .values(follows=before, version=pods.version + 1, updated_at=_now())
            )

    # ------------------------------------------------------------ the case over time

    def chain(self, pod_id: int) -> list[Pod]:
        """The whole chain of pods ``pod_id`` is in (its case's pods), oldest first.

        Raises :class:`PodNotFound`, or :class:`PodUnreadable` for a damaged pod in the chain.
        """
        return [self.get_pod(i) for i in self.chain_ids(pod_id)]

    def chain_ids(self, pod_id: int) -> list[int]:
        """The ids of the chain ``pod_id`` is in, oldest first, read from the links alone."""
        with self._reading() as conn:
            return _chain_ids(conn, pod_id)

    def follow_up(self, pod_id: int, today: _dt.date | None = None) -> int:
        """Start the next pod of ``pod_id``'s case (see :func:`gq_pods.followup.follow_up`); its id.

        The new pod follows the latest pod of the case: following up an older pod of a
        chain follows up the case where it has got to, so the chain stays one line.
        """
        latest = self.chain_ids(pod_id)[-1]
        new = followup.follow_up(self.get_pod(latest), today)
        return self.add_pod(new)

    def open_steps(self, due_before: _dt.date | None = None, owner: str | None = None) -> list[DueStep]:
        """The team's next steps not yet done (nothing recorded, or not done), soonest due first.

        Leaves out steps done or no longer needed, and practice pods and attempts.
        ``due_before`` keeps steps due before that day (undated steps are left out then);
        ``owner`` keeps steps whose owner contains it, ignoring case. By SQL over the
        steps and the pods' titles: no whole pod is loaded. A row with a damaged value
        is left out rather than stopping the list.
        """
        from . import case_sql

        with self._reading() as conn:
            return case_sql.open_steps(_runner(conn), _same_day, due_before, owner)

    def set_step_outcome(
        self,
        pod_id: int,
        index: int,
        outcome: str,
        reason: str,
        by: str,
        on: _dt.date | None = None,
        *,
        text: str | None = None,
    ) -> None:
        """Record what became of next step ``index`` of pod ``pod_id`` (see gq_pods.steps.check_outcome).

        ``outcome`` is one of OUTCOMES ("" clears it); ``by`` the recorder's initials; ``on``
        the day (default today). Saves over the version read; when another copy saved the
        pod meanwhile it reads the pod again and records the outcome on that, so no other
        edit is lost (a copy holding the pod open merges this in as any other save). With
        ``text`` (the step's words as shown), a list that has changed underneath is searched
        for that step; raises :class:`gq_pods.steps.OutcomeRefused` if it is not there.
        Raises OutcomeRefused for a bad outcome, initials or reason, PodNotFound, or
        PodChanged if the pod kept changing.
        """
        from gq_pods.steps import OutcomeRefused

        why, initials = check_outcome(outcome, reason, by)
        day = (on or _dt.date.today()) if outcome else None
        for _ in range(OUTCOME_TRIES):
            pod, version = self.read_pod(pod_id)
            steps = pod.map.next_steps
            at = index
            if text is not None and not (0 <= at < len(steps) and steps[at].text == text):
                at = next((i for i, step in enumerate(steps) if step.text == text), -1)
            if not 0 <= at < len(steps):
                raise OutcomeRefused("That next step is no longer in its pod: it may have been changed or deleted.")
            step = steps[at]
            step.outcome, step.outcome_reason, step.outcome_by, step.outcome_on = outcome, why, initials, day
            try:
                self.save_pod(pod, expected_version=version)
                return
            except PodChanged:
                continue
        raise PodChanged(pod_id)

    def team_report(
        self,
        since: _dt.date | None = None,
        *,
        today: _dt.date | None = None,
        stage_overrides: dict[str, Any] | None = None,
    ) -> team_report_.TeamReport:
        """The team's pods at a glance (gq_pods.report): counts only, by SQL over the tables.

        Team pods only (practice pods and attempts left out), held on or after ``since``.
        ``stage_overrides`` are the team's stages (team.json), for the planned minutes.
        """
        from . import case_sql

        with self._reading() as conn:
            return case_sql.team_report(_runner(conn), _same_day, since, today, stage_overrides)

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


# ---------------------------------------------------------------- the chain


def _runner(conn: Any) -> Any:
    """Run one of storage.case_sql's statements on ``conn``: its rows as tuples."""
    from sqlalchemy import text

    def run(sql: str, params: Any) -> list[tuple]:
        return [tuple(row) for row in conn.execute(text(sql), dict(params)).all()]

    return run


def _same_day(day: _dt.date) -> _dt.date:
    return day


def _links(conn: Any) -> dict[int, int]:
    """Every link: pod id -> the id of the pod it follows."""
    p = t.pods.c
    rows = conn.execute(select(*_raw(p.id, p.follows)).where(p.follows.is_not(None))).all()
    return {a: b for a, b in rows if isinstance(b, int) and not isinstance(b, bool)}


def _chain_ids(conn: Any, pod_id: int) -> list[int]:
    p = t.pods.c
    if conn.execute(select(p.id).where(p.id == pod_id)).first() is None:
        raise PodNotFound(pod_id)
    links = _links(conn)
    followers = {before: after for after, before in links.items()}
    back = [pod_id]
    seen = {pod_id}
    while back[-1] in links and links[back[-1]] not in seen:
        seen.add(links[back[-1]])
        back.append(links[back[-1]])
    out = back[::-1]
    existing = {row[0] for row in conn.execute(select(p.id).where(p.id.in_(out))).all()}
    out = [i for i in out if i in existing]  # a link to a pod no longer there starts the chain
    while out[-1] in followers and followers[out[-1]] not in seen:
        seen.add(followers[out[-1]])
        out.append(followers[out[-1]])
    return out


def _check_follows(conn: Any, pod_id: int | None, follows: int | None) -> None:
    """Refuse a link that would break the case's chain (raises :class:`NotInChain`)."""
    if follows is None:
        return
    if pod_id is not None and follows == pod_id:
        raise NotInChain("A pod cannot follow up itself, so nothing was saved.")
    p = t.pods.c
    if conn.execute(select(p.id).where(p.id == follows)).first() is None:
        raise NotInChain(
            f"The pod this one follows up (pod {follows}) is no longer there, so nothing was saved. "
            "It may have been deleted in another copy."
        )
    taken = conn.execute(select(p.id).where(and_(p.follows == follows, p.id != (pod_id or -1)))).first()
    if taken is not None:
        raise NotInChain(
            f"Pod {follows} has already been followed up (by pod {taken[0]}), so nothing was saved. "
            "Follow up the latest pod of the case instead."
        )
    if pod_id is not None:
        links = _links(conn)
        at, seen = follows, set()
        while at in links and at not in seen:
            seen.add(at)
            at = links[at]
            if at == pod_id:
                raise NotInChain("That would make the case's pods go round in a circle, so nothing was saved.")


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


def _add(conn: Any, pod: Pod) -> int:
    """Insert ``pod`` as a new pod (checking its link); its new id."""
    _check_follows(conn, None, pod.follows)
    return _insert_pod(conn, pod, _now())


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
