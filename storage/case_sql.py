"""The SQL behind next steps due and the team report, written once for two readers.

``Repository.open_steps`` and ``Repository.team_report`` run these statements through
SQLAlchemy (any database); ``gq-pods steps`` and ``gq-pods report`` run the very same
statements through the standard library's sqlite3 for a current SQLite file
(:class:`storage.listing.SqliteList`), so the commands do not wait for SQLAlchemy to
import, as ``gq-pods list`` does not. Plain SQL that SQLite and PostgreSQL both read,
with ``:name`` parameters (both sqlite3 and SQLAlchemy's ``text()`` take them).

No SQLAlchemy here. ``run(sql, params)`` is the caller's: it executes one statement
and returns its rows as tuples; ``day(d)`` turns a date into the parameter its
database wants (the date itself, or its ISO text for sqlite3).

Team pods only: practice pods and practice attempts (a row in ``practice_attempts``)
are left out everywhere. A row with a damaged value is left out rather than stopping
the list or the counts.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from typing import Any

from gq_pods import report as _report
from gq_pods.days import stored_day
from gq_pods.steps import DueStep, order
from gq_pods.text import clean

Run = Callable[[str, Mapping[str, Any]], list[tuple]]
Day = Callable[[_dt.date], Any]

TEAM = "NOT p.practice AND p.id NOT IN (SELECT pod_id FROM practice_attempts)"

STEPS = (
    "SELECT s.pod_id, s.position, s.text, s.owner, s.due, s.status, s.outcome, s.outcome_reason,"
    " p.title, p.case_reference, p.date, p.manager_present"
    " FROM next_steps s JOIN pods p ON p.id = s.pod_id"
    f" WHERE {TEAM} AND s.outcome IN ('', 'not_done')"
)
STEPS_DUE_BEFORE = " AND s.due IS NOT NULL AND s.due < :due_before"

REPORT_PODS = f"SELECT p.date, p.style, p.case_reason, p.status FROM pods p WHERE {TEAM}"
REPORT_STAGES = (
    "SELECT p.style, r.key, AVG(r.seconds_spent), COUNT(DISTINCT r.pod_id)"
    " FROM stage_records r JOIN pods p ON p.id = r.pod_id"
    f" WHERE {TEAM} AND r.seconds_spent > 0{{since}} GROUP BY p.style, r.key"
)
_FINISHED = f"{TEAM} AND p.status = 'complete' AND EXISTS (SELECT 1 FROM danger_statements d WHERE d.pod_id = p.id)"
REPORT_FINISHED = f"SELECT COUNT(*) FROM pods p WHERE {_FINISHED}{{since}}"
REPORT_PAIRED = (
    f"SELECT COUNT(*) FROM pods p WHERE {_FINISHED}{{since}} AND NOT EXISTS ("
    " SELECT 1 FROM danger_statements d WHERE d.pod_id = p.id AND ("
    "  NOT EXISTS (SELECT 1 FROM safety_goals g WHERE g.pod_id = d.pod_id AND g.danger_statement = d.key)"
    "  OR NOT EXISTS (SELECT 1 FROM scales c WHERE c.pod_id = d.pod_id AND c.about = d.key"
    "   AND EXISTS (SELECT 1 FROM scale_scores x WHERE x.scale_id = c.id))))"
)
REPORT_STEPS = (
    "SELECT s.due, s.outcome, s.outcome_on FROM next_steps s JOIN pods p ON p.id = s.pod_id"
    f" WHERE {TEAM} AND s.due IS NOT NULL AND s.outcome <> 'not_needed'{{since}}"
)
SINCE = " AND p.date >= :since"


class _Damaged(ValueError):
    pass


def _text(value: Any) -> str:
    return clean(value) if isinstance(value, str) else ""


def _day(value: Any, nullable: bool = False) -> _dt.date | None:
    if value is None and nullable:
        return None
    day = stored_day(value)
    if day is None:
        raise _Damaged()
    return day


def _int(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _Damaged()


def open_steps(run: Run, day: Day, due_before: _dt.date | None = None, owner: str | None = None) -> list[DueStep]:
    """The team's next steps not yet done, soonest due first (see Repository.open_steps)."""
    sql, params = STEPS, {}
    if due_before is not None:
        sql += STEPS_DUE_BEFORE
        params["due_before"] = day(due_before)
    needle = " ".join(clean(owner or "").split()).casefold()
    found = []
    for row in run(sql, params):
        try:
            step = DueStep(
                pod_id=_int(row[0]),
                pod_title=_text(row[8]) or _text(row[9]) or "Untitled pod",
                pod_date=_day(row[10]),
                index=_int(row[1]),
                text=_text(row[2]),
                owner=_text(row[3]),
                due=_day(row[4], nullable=True),
                status=_text(row[5]),
                outcome=_text(row[6]),
                outcome_reason=_text(row[7]),
                manager_present=row[11] in (True, 1),
            )
        except _Damaged:
            continue
        if needle and needle not in step.owner.casefold():
            continue
        found.append(step)
    return order(found)


def team_report(
    run: Run,
    day: Day,
    since: _dt.date | None = None,
    today: _dt.date | None = None,
    stage_overrides: Mapping[str, Any] | None = None,
) -> _report.TeamReport:
    """The team's pods at a glance (see Repository.team_report): counts only."""
    params = {"since": day(since)} if since is not None else {}
    where = SINCE if since is not None else ""
    pods = []
    for row in run(REPORT_PODS + where, params):
        try:
            pods.append((_day(row[0]), _text(row[1]), _text(row[2]), _text(row[3])))
        except _Damaged:
            continue
    stage_times = []
    for style, key, average, count in run(REPORT_STAGES.format(since=where), params):
        try:
            stage_times.append((_text(style), _text(key), float(average or 0), _int(count)))
        except (_Damaged, TypeError, ValueError):
            continue
    steps = []
    for due, outcome, outcome_on in run(REPORT_STEPS.format(since=where), params):
        try:
            steps.append((_day(due), _text(outcome), _day(outcome_on, nullable=True)))
        except _Damaged:
            continue
    return _report.build(
        since=since,
        made_on=today or _dt.date.today(),
        pods=pods,
        stage_times=stage_times,
        finished_with_statements=int(run(REPORT_FINISHED.format(since=where), params)[0][0]),
        finished_all_paired=int(run(REPORT_PAIRED.format(since=where), params)[0][0]),
        steps=steps,
        stage_overrides=stage_overrides,
    )


__all__ = ["open_steps", "team_report"]
