"""The case over time: how a chain of pods moved.

A case's pods form a chain (each follow-up pod follows the one before). For a
chain, oldest first, :func:`movement` gives each scale (overall, and each
danger statement's) at each pod: every person's score, with their reasons; and
in plain sentences what moved, by the median of each pod's scores. It also
counts how many of the previous pod's next steps were done.
:func:`since_last` is the paragraph the record of the latest pod starts its
"Since the last pod" section with.

Plain Python: no Textual, no storage.
"""

from __future__ import annotations

import datetime as _dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Pod

OVERALL = "overall"
LABEL_WORDS = 6  # a statement's line is labelled with its first few words


@dataclass(frozen=True)
class ScalePoint:
    """One scale at one pod: everyone's scores, and (who, score, reason) for each."""

    pod_id: int | None
    date: _dt.date
    scores: tuple[int, ...]
    reasons: tuple[tuple[str, int, str], ...]

    @property
    def median(self) -> float | None:
        return statistics.median(self.scores) if self.scores else None

    @property
    def low(self) -> int | None:
        return min(self.scores) if self.scores else None

    @property
    def high(self) -> int | None:
        return max(self.scores) if self.scores else None


@dataclass(frozen=True)
class ScaleLine:
    """One scale across the chain: ``about`` is "overall" or a statement's id."""

    about: str
    label: str  # "Overall" or the statement's first words
    points: tuple[ScalePoint, ...]
    name: str = ""  # "Overall" or "Danger statement 2": no case text

    @property
    def scored(self) -> tuple[ScalePoint, ...]:
        return tuple(p for p in self.points if p.scores)


@dataclass(frozen=True)
class Movement:
    lines: tuple[ScaleLine, ...]
    moved: tuple[str, ...]  # "Overall: 3 to 5", "Danger statement 1: stayed at 4"
    steps_done: int  # of the previous pod's next steps, those done
    steps_total: int  # the previous pod's next steps, less those no longer needed
    previous_date: _dt.date | None  # the pod before the latest, None for a chain of one


def number(value: float | None) -> str:
    """A median as people say it: 4, 4.5."""
    if value is None:
        return "-"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def long_date(day: _dt.date) -> str:
    """3 November 2026."""
    return f"{day.day} {day:%B %Y}"


def first_words(text: str, words: int = LABEL_WORDS) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("..." if len(parts) > words else "")


def _abouts(chain: Sequence[Pod]) -> list[tuple[str, str, str]]:
    """(about, label, name) for each scale in the chain: overall first, then the statements as the
    latest pod that has them numbers them."""
    found: dict[str, tuple[str, str]] = {}
    for pod in reversed(chain):
        for number_, statement in enumerate(pod.danger_statements, start=1):
            if statement.id and statement.id not in found:
                words = first_words(statement.text or statement.behaviour) or f"Danger statement {number_}"
                found[statement.id] = (words, f"Danger statement {number_}")
    scaled = {scale.about for pod in chain for scale in pod.scales}
    out: list[tuple[str, str, str]] = []
    if OVERALL in scaled:
        out.append((OVERALL, "Overall", "Overall"))
    ordered = sorted(found, key=lambda key: int(found[key][1].rsplit(" ", 1)[1]))
    for about in ordered:
        if about in scaled:
            out.append((about, *found[about]))
    n = len(found)
    for about in sorted(scaled - {OVERALL} - set(found)):  # a scale whose statement has gone
        n += 1
        out.append((about, f"Danger statement {n}", f"Danger statement {n}"))
    return out


def _point(pod: Pod, about: str) -> ScalePoint | None:
    scale = pod.scale_for(about)
    if scale is None:
        return None
    return ScalePoint(
        pod_id=pod.id,
        date=pod.date,
        scores=tuple(s.score for s in scale.scores),
        reasons=tuple((s.who, s.score, s.reason) for s in scale.scores),
    )


def _moved(name: str, line: ScaleLine) -> str | None:
    scored = line.scored
    if len(scored) < 2:
        return None
    before, now = scored[-2].median, scored[-1].median
    if before == now:
        return f"{name}: stayed at {number(now)}"
    return f"{name}: {number(before)} to {number(now)}"


def steps_counts(pod: Pod) -> tuple[int, int]:
    """(done, counted) of ``pod``'s next steps: those no longer needed are not counted."""
    counted = [s for s in pod.map.next_steps if s.outcome != "not_needed"]
    return sum(1 for s in counted if s.outcome == "done"), len(counted)


def movement(chain: Sequence[Pod]) -> Movement:
    """How the case moved across ``chain`` (oldest first)."""
    lines = []
    moved = []
    for about, label, name in _abouts(chain):
        points = tuple(p for p in (_point(pod, about) for pod in chain) if p is not None)
        line = ScaleLine(about, label, points, name)
        lines.append(line)
        sentence = _moved(name, line)
        if sentence:
            moved.append(sentence)
    if len(chain) >= 2:
        done, total = steps_counts(chain[-2])
        previous_date: _dt.date | None = chain[-2].date
    else:
        done, total, previous_date = 0, 0, None
    return Movement(tuple(lines), tuple(moved), done, total, previous_date)


def since_last(chain: Sequence[Pod]) -> str:
    """"Since the last pod on 3 November 2026: scale 3 to 5; next steps 4 of 5 done." ("" for one pod).

    The scale is the overall scale's median at each pod. No case text: dates and numbers only.
    """
    if len(chain) < 2:
        return ""
    before, now = chain[-2], chain[-1]
    parts = []
    a, b = _point(before, OVERALL), _point(now, OVERALL)
    if a is not None and b is not None and a.scores and b.scores:
        if a.median == b.median:
            parts.append(f"scale stayed at {number(b.median)}")
        else:
            parts.append(f"scale {number(a.median)} to {number(b.median)}")
    elif b is not None and b.scores:
        parts.append(f"scale now {number(b.median)} (not scaled last time)")
    else:
        parts.append("the overall scale not scored at both pods")
    done, total = steps_counts(before)
    if total:
        parts.append(f"next steps {done} of {total} done")
    else:
        parts.append("no next steps from last time")
    return f"Since the last pod on {long_date(before.date)}: {'; '.join(parts)}."


__all__ = ["Movement", "ScaleLine", "ScalePoint", "first_words", "long_date", "movement", "number", "since_last",
           "steps_counts"]
