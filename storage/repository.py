"""The pod store: the only storage API the rest of gq-pods uses.

Takes and returns :mod:`gq_pods.model` objects; nothing outside ``storage/``
writes SQL. A pod is saved whole, in one transaction: its row is updated and
its lists are deleted and written again, so a save either happens completely
or not at all, and list order is exactly what the screen had.

Text is cleaned on the way in: NUL characters are removed (PostgreSQL rejects
them) and unpaired surrogates (which no database can encode) become U+FFFD, so
an odd paste can never make every later save fail. Nothing here logs or prints
case text, and engines hide bound parameters in their errors.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update

from gq_pods.model import (
    BottomLine,
    Contingency,
    DangerStatement,
    Draft,
    MapItem,
    NextStep,
    Participant,
    Person,
    Pod,
    PodMap,
    PodSummary,
    Reflection,
    SafetyGoal,
    Scale,
    ScaleScore,
    StageRecord,
    TEXT_SECTIONS,
)

from . import tables as t
from .engine import READ_ONLY, create_engine, sqlite_file
from .errors import DatabaseTooNew, MigrationFailed, NotAPodsDatabase, PodNotFound, StorageError
from .migrate import MigrationResult, ensure_current

__all__ = [
    "DatabaseTooNew",
    "MigrationFailed",
    "NotAPodsDatabase",
    "PodNotFound",
    "Repository",
    "StorageError",
    "clean_text",
]

_UTC = _dt.timezone.utc
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """``value`` without NUL characters, and with unpaired surrogates replaced."""
    if "\x00" in value:
        value = value.replace("\x00", "")
    if _SURROGATE.search(value):
        value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


def _c(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


def _clean_json(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {_clean_json(k): _clean_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean_json(v) for v in value]
    return value


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
        (:func:`gq_pods.paths.db_url`).
        """
        if url is None:
            from gq_pods.paths import db_url

            url = db_url()
        engine = create_engine(url)
        try:
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
        path = sqlite_file(self._engine.url)
        if path is not None:
            return str(path)
        return self._engine.url.render_as_string(hide_password=True)

    @contextmanager
    def _reading(self) -> Iterator[Any]:
        with self._engine.connect() as conn:
            conn.execution_options(**{READ_ONLY: True})
            with conn.begin():
                yield conn

    # ------------------------------------------------------------ queries

    def list_pods(self, search: str = "") -> list[PodSummary]:
        """Every pod, newest first (by date, then most recently added).

        ``search`` keeps pods whose title, team or case reference contains it,
        ignoring case (any alphabet, so this is done here rather than in SQL).
        """
        p = t.pods.c
        query = select(
            p.id, p.date, p.team, p.style, p.case_reference, p.status, p.title, p.practice, p.updated_at
        ).order_by(p.date.desc(), p.id.desc())
        with self._reading() as conn:
            rows = conn.execute(query).all()
        needle = clean_text(search).strip().casefold()
        out = []
        for row in rows:
            if needle and not any(needle in (v or "").casefold() for v in (row.title, row.team, row.case_reference)):
                continue
            out.append(
                PodSummary(
                    id=row.id,
                    date=row.date,
                    team=row.team,
                    style=row.style,
                    case_reference=row.case_reference,
                    status=row.status,
                    title=row.title,
                    practice=bool(row.practice),
                    updated_at=_aware(row.updated_at),
                )
            )
        return out

    def count_pods(self) -> int:
        with self._reading() as conn:
            return int(conn.execute(select(func.count()).select_from(t.pods)).scalar_one())

    def get_pod(self, pod_id: int) -> Pod:
        """The whole pod; raises :class:`PodNotFound`."""
        with self._reading() as conn:
            return _load(conn, pod_id)

    # ------------------------------------------------------------ changes

    def add_pod(self, pod: Pod) -> int:
        """Store ``pod`` as a new pod; sets and returns ``pod.id``."""
        now = _now()
        with self._engine.begin() as conn:
            values = _pod_values(pod)
            values.update(created_at=now, updated_at=now)
            pod_id = int(conn.execute(insert(t.pods).values(**values)).inserted_primary_key[0])
            _insert_children(conn, pod_id, pod)
        pod.id = pod_id
        return pod_id

    def save_pod(self, pod: Pod) -> None:
        """Replace the stored pod ``pod.id`` with ``pod``, all at once.

        Raises :class:`PodNotFound` if it is no longer there (deleted
        elsewhere); nothing is written then.
        """
        if pod.id is None:
            raise ValueError("This pod has not been stored yet; use add_pod.")
        pod_id = pod.id
        with self._engine.begin() as conn:
            values = _pod_values(pod)
            values["updated_at"] = _now()
            result = conn.execute(update(t.pods).where(t.pods.c.id == pod_id).values(**values))
            if result.rowcount != 1:
                raise PodNotFound(pod_id)
            for table in t.POD_CHILDREN:
                conn.execute(delete(table).where(table.c.pod_id == pod_id))
            _insert_children(conn, pod_id, pod)

    def delete_pod(self, pod_id: int) -> None:
        """Delete the pod and everything in its record; raises :class:`PodNotFound`."""
        with self._engine.begin() as conn:
            # By hand as well as by cascade: no orphaned case text, even if a
            # connection somehow had foreign keys off.
            for table in t.POD_CHILDREN:
                conn.execute(delete(table).where(table.c.pod_id == pod_id))
            if conn.execute(delete(t.pods).where(t.pods.c.id == pod_id)).rowcount != 1:
                raise PodNotFound(pod_id)


# ---------------------------------------------------------------- pod -> rows


def _now() -> _dt.datetime:
    return _dt.datetime.now(_UTC)


def _aware(value: _dt.datetime | None) -> _dt.datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=_UTC)
    return value


def _pod_values(pod: Pod) -> dict[str, Any]:
    r = pod.reflection
    return {
        "date": pod.date,
        "style": _c(pod.style),
        "title": _c(pod.title),
        "team": _c(pod.team),
        "case_reason": _c(pod.case_reason),
        "case_reference": _c(pod.case_reference),
        "focus_question": _c(pod.focus_question),
        "manager_present": bool(pod.manager_present),
        "status": _c(pod.status),
        "practice": bool(pod.practice),
        "reflection_focus_question_answered": _c(r.focus_question_answered),
        "reflection_pleased_with": _c(r.pleased_with),
        "reflection_most_useful": _c(r.most_useful),
        "reflection_learning": _c(r.learning),
        "current_stage": _c(pod.current_stage),
        "extra_json": json.dumps(_clean_json(pod.extra or {}), ensure_ascii=False),
    }


def _insert_children(conn: Any, pod_id: int, pod: Pod) -> None:
    def put(table: Any, rows: list[dict[str, Any]]) -> None:
        if rows:
            conn.execute(insert(table), rows)

    put(t.participants, [
        {"pod_id": pod_id, "position": i, "name": _c(x.name), "role": _c(x.role)}
        for i, x in enumerate(pod.participants)
    ])
    put(t.people, [
        {
            "pod_id": pod_id, "position": i, "key": _c(x.id), "name": _c(x.name),
            "relationship": _c(x.relationship), "kind": _c(x.kind), "age": x.age,
            "in_household": bool(x.in_household),
        }
        for i, x in enumerate(pod.people)
    ])
    put(t.map_items, [
        {"pod_id": pod_id, "section": section, "position": i, "text": _c(item.text)}
        for section in TEXT_SECTIONS
        for i, item in enumerate(pod.map.section(section))
    ])
    put(t.next_steps, [
        {
            "pod_id": pod_id, "position": i, "text": _c(x.text), "owner": _c(x.owner),
            "due": x.due, "status": _c(x.status),
        }
        for i, x in enumerate(pod.map.next_steps)
    ])
    put(t.danger_statements, [
        {
            "pod_id": pod_id, "position": i, "key": _c(x.id), "who_is_worried": _c(x.who_is_worried),
            "behaviour": _c(x.behaviour), "example": _c(x.example), "impact": _c(x.impact),
            "text": _c(x.text), "acknowledgement": _c(x.acknowledgement), "family_view": _c(x.family_view),
        }
        for i, x in enumerate(pod.danger_statements)
    ])
    put(t.safety_goals, [
        {
            "pod_id": pod_id, "position": i, "key": _c(x.id), "danger_statement": _c(x.danger_statement),
            "caregiver_actions": _c(x.caregiver_actions), "child_experience": _c(x.child_experience),
            "professionals_will_see": _c(x.professionals_will_see), "duration": _c(x.duration),
            "text": _c(x.text), "network": _c(x.network),
        }
        for i, x in enumerate(pod.safety_goals)
    ])
    put(t.drafts, [
        {
            "pod_id": pod_id, "kind": kind, "owner": _c(owner.id), "owner_position": i,
            "author": _c(d.author), "text": _c(d.text), "position": j,
        }
        for kind, owners in (("danger_statement", pod.danger_statements), ("safety_goal", pod.safety_goals))
        for i, owner in enumerate(owners)
        for j, d in enumerate(owner.drafts)
    ])
    scores: list[dict[str, Any]] = []
    for i, scale in enumerate(pod.scales):
        scale_id = conn.execute(
            insert(t.scales).values(pod_id=pod_id, position=i, about=_c(scale.about), question=_c(scale.question))
        ).inserted_primary_key[0]
        scores.extend(
            {
                "pod_id": pod_id, "scale_id": scale_id, "position": j, "who": _c(s.who), "score": s.score,
                "reason": _c(s.reason), "next_point": _c(s.next_point),
            }
            for j, s in enumerate(scale.scores)
        )
    put(t.scale_scores, scores)
    put(t.bottom_lines, [
        {"pod_id": pod_id, "position": i, "text": _c(x.text)} for i, x in enumerate(pod.bottom_lines)
    ])
    put(t.contingencies, [
        {"pod_id": pod_id, "position": i, "trigger": _c(x.trigger), "response": _c(x.response), "who": _c(x.who)}
        for i, x in enumerate(pod.contingencies)
    ])
    put(t.stage_records, [
        {
            "pod_id": pod_id, "position": i, "key": _c(x.key), "title": _c(x.title),
            "notes": _c(x.notes), "seconds_spent": x.seconds_spent,
        }
        for i, x in enumerate(pod.stages)
    ])


# ---------------------------------------------------------------- rows -> pod


def _load(conn: Any, pod_id: int) -> Pod:
    row = conn.execute(select(t.pods).where(t.pods.c.id == pod_id)).mappings().first()
    if row is None:
        raise PodNotFound(pod_id)

    def rows(table: Any, *order: Any) -> list[Any]:
        order = order or (table.c.position,)
        return conn.execute(select(table).where(table.c.pod_id == pod_id).order_by(*order)).mappings().all()

    drafts: dict[tuple[str, int], list[Draft]] = {}
    for d in rows(t.drafts, t.drafts.c.kind, t.drafts.c.owner_position, t.drafts.c.position):
        drafts.setdefault((d["kind"], d["owner_position"]), []).append(Draft(d["author"], d["text"]))

    scores: dict[int, list[ScaleScore]] = {}
    for s in rows(t.scale_scores, t.scale_scores.c.scale_id, t.scale_scores.c.position):
        scores.setdefault(s["scale_id"], []).append(ScaleScore(s["who"], s["score"], s["reason"], s["next_point"]))

    pod_map = PodMap()
    for m in rows(t.map_items, t.map_items.c.section, t.map_items.c.position):
        if m["section"] in TEXT_SECTIONS:
            pod_map.section(m["section"]).append(MapItem(m["text"]))
    pod_map.next_steps = [
        NextStep(x["text"], x["owner"], x["due"], x["status"]) for x in rows(t.next_steps)
    ]

    return Pod(
        id=row["id"],
        date=row["date"],
        style=row["style"],
        title=row["title"],
        team=row["team"],
        case_reason=row["case_reason"],
        case_reference=row["case_reference"],
        focus_question=row["focus_question"],
        manager_present=bool(row["manager_present"]),
        status=row["status"],
        practice=bool(row["practice"]),
        participants=[Participant(x["name"], x["role"]) for x in rows(t.participants)],
        people=[
            Person(x["key"], x["name"], x["relationship"], x["kind"], x["age"], bool(x["in_household"]))
            for x in rows(t.people)
        ],
        map=pod_map,
        danger_statements=[
            DangerStatement(
                id=x["key"],
                who_is_worried=x["who_is_worried"],
                behaviour=x["behaviour"],
                example=x["example"],
                impact=x["impact"],
                text=x["text"],
                acknowledgement=x["acknowledgement"],
                family_view=x["family_view"],
                drafts=drafts.get(("danger_statement", x["position"]), []),
            )
            for x in rows(t.danger_statements)
        ],
        safety_goals=[
            SafetyGoal(
                id=x["key"],
                danger_statement=x["danger_statement"],
                caregiver_actions=x["caregiver_actions"],
                child_experience=x["child_experience"],
                professionals_will_see=x["professionals_will_see"],
                duration=x["duration"],
                text=x["text"],
                network=x["network"],
                drafts=drafts.get(("safety_goal", x["position"]), []),
            )
            for x in rows(t.safety_goals)
        ],
        scales=[Scale(x["about"], x["question"], scores.get(x["id"], [])) for x in rows(t.scales)],
        bottom_lines=[BottomLine(x["text"]) for x in rows(t.bottom_lines)],
        contingencies=[Contingency(x["trigger"], x["response"], x["who"]) for x in rows(t.contingencies)],
        stages=[StageRecord(x["key"], x["title"], x["notes"], x["seconds_spent"]) for x in rows(t.stage_records)],
        reflection=Reflection(
            row["reflection_focus_question_answered"],
            row["reflection_pleased_with"],
            row["reflection_most_useful"],
            row["reflection_learning"],
        ),
        current_stage=row["current_stage"],
        extra=json.loads(row["extra_json"] or "{}"),
    )
