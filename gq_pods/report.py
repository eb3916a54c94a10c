"""The team's pods at a glance: counts only, safe to share with a practice lead.

A :class:`TeamReport` holds numbers and the team's own words for styles,
reasons and stages, never case text: no titles, references, names, map or
step text. The repository counts the team's pods (practice pods and practice
attempts left out) by SQL and hands the counts to :func:`build`;
:func:`to_markdown` and :func:`to_json` write it.

Plain Python: no Textual, no storage.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from .model import CASE_REASONS, STYLE_LABELS, STYLES
from .stages import stages_for

REASON_WORDS = {"new": "New", "stuck": "Stuck", "challenging": "Challenging"}


@dataclass(frozen=True)
class MonthRow:
    """Pods held in one month ("2026-11"), by style and by reason, in STYLES and CASE_REASONS order."""

    month: str
    pods: int
    by_style: tuple[tuple[str, int], ...]
    by_reason: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class StageTime:
    """The average time a stage took, against its planned minutes, over the pods that spent time on it."""

    style: str
    key: str
    title: str
    planned_minutes: int | None  # None: a stage the plan no longer has
    average_minutes: float
    pods: int


@dataclass(frozen=True)
class TeamReport:
    since: _dt.date | None
    made_on: _dt.date
    pods: int  # the team's pods held since ``since``
    complete: int  # of them, finished
    months: tuple[MonthRow, ...]  # oldest month first
    stages: tuple[StageTime, ...]
    finished_with_statements: int  # finished pods with at least one danger statement
    finished_all_paired: int  # of them, every statement paired with a goal and scored on a scale
    steps_dated: int  # next steps with a due date (those no longer needed not counted)
    steps_done_on_time: int  # done, recorded on or before the due date
    steps_done_late: int  # done, recorded after the due date
    steps_not_done: int
    steps_not_asked: int  # nothing recorded yet
    steps_overdue: int  # of those not asked or not done, due before ``made_on``


def _month(day: _dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def build(
    *,
    since: _dt.date | None,
    made_on: _dt.date,
    pods: Iterable[tuple[_dt.date, str, str, str]],
    stage_times: Iterable[tuple[str, str, float, int]],
    finished_with_statements: int,
    finished_all_paired: int,
    steps: Iterable[tuple[_dt.date, str, _dt.date | None]],
    stage_overrides: Mapping[str, Any] | None = None,
) -> TeamReport:
    """The report from the counts: ``pods`` (date, style, reason, status) each; ``stage_times``
    (style, stage key, average seconds, pods); ``steps`` (due, outcome, outcome_on) for dated
    steps not "no longer needed"."""
    months: dict[str, dict[str, int]] = {}
    total = complete = 0
    for day, style, reason, status in pods:
        total += 1
        complete += status == "complete"
        counts = months.setdefault(_month(day), {})
        counts[f"s:{style}"] = counts.get(f"s:{style}", 0) + 1
        counts[f"r:{reason}"] = counts.get(f"r:{reason}", 0) + 1
        counts["all"] = counts.get("all", 0) + 1
    rows = tuple(
        MonthRow(
            month,
            counts["all"],
            tuple((s, counts.get(f"s:{s}", 0)) for s in STYLES),
            tuple((r, counts.get(f"r:{r}", 0)) for r in CASE_REASONS),
        )
        for month, counts in sorted(months.items())
    )

    times = []
    by_style: dict[str, dict[str, tuple[float, int]]] = {}
    for style, key, seconds, n in stage_times:
        by_style.setdefault(style, {})[key] = (seconds, n)
    for style in sorted(by_style, key=lambda s: (s not in STYLES, STYLES.index(s) if s in STYLES else 0, s)):
        plan = stages_for(style, dict(stage_overrides or {}))
        found = by_style[style]
        planned_keys = [s.key for s in plan.stages]
        for key in [*planned_keys, *sorted(k for k in found if k not in planned_keys)]:
            if key not in found:
                continue
            seconds, n = found[key]
            stage = plan.get(key)
            times.append(
                StageTime(
                    style,
                    key,
                    stage.title if stage else key.replace("_", " ").capitalize(),
                    stage.minutes if stage else None,
                    round(seconds / 60, 1),
                    n,
                )
            )

    on_time = late = not_done = not_asked = overdue = dated = 0
    for due, outcome, outcome_on in steps:
        dated += 1
        if outcome == "done":
            if outcome_on is not None and outcome_on <= due:
                on_time += 1
            else:
                late += 1
            continue
        if outcome == "not_done":
            not_done += 1
        else:
            not_asked += 1
        if due < made_on:
            overdue += 1

    return TeamReport(
        since=since,
        made_on=made_on,
        pods=total,
        complete=complete,
        months=rows,
        stages=tuple(times),
        finished_with_statements=finished_with_statements,
        finished_all_paired=finished_all_paired,
        steps_dated=dated,
        steps_done_on_time=on_time,
        steps_done_late=late,
        steps_not_done=not_done,
        steps_not_asked=not_asked,
        steps_overdue=overdue,
    )


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def _minutes(value: float | None) -> str:
    if value is None:
        return "-"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _safe(words: str) -> str:
    """A team's own word (a stage title from team.json) made harmless in markdown."""
    from .record import inline_text

    return inline_text(words, newline=" ")


def to_markdown(report: TeamReport) -> str:
    """The report as markdown: headings, short paragraphs and tables, counts only."""
    period = f"since {report.since.isoformat()}" if report.since else "all pods"
    out = [
        "# The team's pods at a glance",
        "",
        f"Made on {report.made_on.isoformat()}, {period}. Counts only: no case details. "
        "Practice pods are not counted.",
        "",
        f"Pods held: {report.pods} ({report.complete} finished).",
        "",
    ]
    if not report.pods:
        out += ["No pods held in this period.", ""]
    out += ["## Pods held each month", ""]
    if report.months:
        header = ["Month", "Pods", *(STYLE_LABELS[s] for s in STYLES), *(REASON_WORDS[r] for r in CASE_REASONS)]
        rows = [
            [m.month, str(m.pods), *(str(n) for _, n in m.by_style), *(str(n) for _, n in m.by_reason)]
            for m in report.months
        ]
        out += _table(header, rows) + [""]
    else:
        out += ["None.", ""]
    out += ["## Minutes per stage against the plan", ""]
    if report.stages:
        rows = [
            [
                STYLE_LABELS.get(t.style, _safe(t.style)),
                _safe(t.title),
                _minutes(t.planned_minutes),
                _minutes(t.average_minutes),
                str(t.pods),
            ]
            for t in report.stages
        ]
        out += _table(["Style", "Stage", "Planned minutes", "Average minutes", "Pods"], rows) + [""]
    else:
        out += ["No time recorded on any stage.", ""]
    out += [
        "## Danger statements paired with goals and scales",
        "",
        f"Finished pods with danger statements: {report.finished_with_statements}. "
        f"Every statement paired with a safety goal and scaled: {report.finished_all_paired} "
        f"({_percent(report.finished_all_paired, report.finished_with_statements)}).",
        "",
        "## Next steps",
        "",
        f"Next steps with a due date: {report.steps_dated}. "
        f"Done on time: {report.steps_done_on_time} ({_percent(report.steps_done_on_time, report.steps_dated)}). "
        f"Done late: {report.steps_done_late}. Not done: {report.steps_not_done}. "
        f"Not asked about yet: {report.steps_not_asked}. Overdue and still open: {report.steps_overdue}.",
        "",
    ]
    return "\n".join(out)


def to_dict(report: TeamReport) -> dict[str, Any]:
    data = asdict(report)
    data["since"] = report.since.isoformat() if report.since else None
    data["made_on"] = report.made_on.isoformat()
    data["months"] = [
        {"month": m.month, "pods": m.pods, "by_style": dict(m.by_style), "by_reason": dict(m.by_reason)}
        for m in report.months
    ]
    data["stages"] = [asdict(t) for t in report.stages]
    return data


def to_json(report: TeamReport) -> str:
    """The report as JSON (an object; keys as the fields of :class:`TeamReport`)."""
    from .text import to_json as _to_json

    return _to_json(to_dict(report))


__all__ = ["MonthRow", "StageTime", "TeamReport", "build", "to_dict", "to_json", "to_markdown"]
