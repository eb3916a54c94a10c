"""Scaling: who scores, in what order, the 0 to 10 line, the spread, and how scores are collected.

Pure functions over the model: no Textual, no storage.

How a pod collects scores is kept in ``pod.extra["gq_pods_scaling"]`` so a
reopened pod carries on as it was left::

    {"mode": "hidden", "revealed": {"overall": false, "ds1": true}}

``mode`` is ``"presenter_first"`` (the presenter scores, then each member in
turn, every score shown as it is given) or ``"hidden"`` (scores are entered
without being shown, then revealed together, so nobody anchors on anyone
else's number). ``revealed`` says, per scale (``Scale.about``), whether its
scores have been shown.
"""

from __future__ import annotations

import statistics
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .model import DEFAULT_SCALE_QUESTION, MAX_SCORE, MIN_SCORE, Participant, Pod, Scale, ScaleScore
from .rules import score_problem

EXTRA_KEY = "gq_pods_scaling"
PRESENTER_FIRST = "presenter_first"
HIDDEN = "hidden"
MODES = (PRESENTER_FIRST, HIDDEN)
MODE_LABELS = {
    PRESENTER_FIRST: "Presenter first, then each member",
    HIDDEN: "Hidden, then revealed together",
}
OVERALL = "overall"
MAX_LABEL = 5  # cells: initials longer than this are cut on the line


# ---------------------------------------------------------------- names


def initials(name: str) -> str:
    """Short initials for the scale line: ``Jo Reed`` -> ``JR``; ``SP`` stays ``SP``."""
    words = name.split()
    if not words:
        return "?"
    if len(words) == 1:
        word = words[0]
        return word if len(word) <= MAX_LABEL else word[:3]
    return "".join(word[0].upper() for word in words[:3])


def labels_for(names: Sequence[str]) -> list[str]:
    """Initials for each name, made longer where two people would share them (JoR, JaR, then JR2)."""

    def clashes(labels: list[str]) -> set[str]:
        counts: dict[str, int] = {}
        for label in labels:
            counts[label] = counts.get(label, 0) + 1
        return {label for label, n in counts.items() if n > 1}

    labels = [initials(name) for name in names]
    shared = clashes(labels)
    for i, name in enumerate(names):
        words = name.split()
        if labels[i] in shared and len(words) > 1:
            labels[i] = words[0][:2] + words[-1][:1].upper()
    seen: dict[str, int] = {}
    out = []
    shared = clashes(labels)
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(f"{label[: MAX_LABEL - 1]}{seen[label]}" if label in shared and seen[label] > 1 else label)
    return out


# ---------------------------------------------------------------- collecting


def _state(pod: Pod) -> dict[str, Any]:
    state = pod.extra.get(EXTRA_KEY) if isinstance(pod.extra, dict) else None
    return state if isinstance(state, dict) else {}


def _writable_state(pod: Pod) -> dict[str, Any]:
    if not isinstance(pod.extra, dict):
        pod.extra = {}
    state = pod.extra.get(EXTRA_KEY)
    if not isinstance(state, dict):
        state = {}
        pod.extra[EXTRA_KEY] = state
    return state


def mode(pod: Pod) -> str:
    """How this pod collects scores; presenter first unless it chose hidden."""
    chosen = _state(pod).get("mode")
    return chosen if chosen in MODES else PRESENTER_FIRST


def is_revealed(pod: Pod, about: str) -> bool:
    """Whether this scale's scores may be shown. Always, when scores are not hidden."""
    if mode(pod) != HIDDEN:
        return True
    revealed = _state(pod).get("revealed")
    return isinstance(revealed, dict) and revealed.get(about) is True


def set_revealed(pod: Pod, about: str, revealed: bool = True) -> None:
    state = _writable_state(pod)
    flags = state.get("revealed")
    if not isinstance(flags, dict):
        flags = {}
        state["revealed"] = flags
    flags[about] = bool(revealed)


def set_mode(pod: Pod, new_mode: str) -> None:
    """Change how scores are collected.

    Going to presenter first shows every score, so each scale with scores is
    marked revealed; going to hidden keeps those already shown revealed (they
    have been seen) and hides the rest until the reveal.
    """
    if new_mode not in MODES:
        raise ValueError(f"{new_mode!r} is not one of {', '.join(MODES)}")
    state = _writable_state(pod)
    previous = mode(pod)
    for scale in pod.scales:
        seen = previous != HIDDEN or is_revealed(pod, scale.about)
        set_revealed(pod, scale.about, seen and bool(scale.scores))
    state["mode"] = new_mode


def unrevealed_scales(pod: Pod) -> list[Scale]:
    """Scales holding scores nobody has seen yet."""
    return [scale for scale in pod.scales if scale.scores and not is_revealed(pod, scale.about)]


# ---------------------------------------------------------------- scales


def scale_subjects(pod: Pod) -> list[str]:
    """What can be scaled: overall, then each danger statement (with its safety goal)."""
    return [OVERALL, *(s.id for s in pod.danger_statements if s.id)]


def question_of(scale: Scale | None) -> str:
    return (scale.question.strip() if scale is not None else "") or DEFAULT_SCALE_QUESTION


SHORT_WORDS = 12  # words of a statement or goal quoted in its scale's question


def _short(text: str, words: int = SHORT_WORDS) -> str:
    """The first few words of ``text`` on one line, ``…`` where it was cut; no full stop at the end."""
    parts = text.split()
    cut = " ".join(parts[:words]).rstrip(".,;: ")
    return cut + "…" if len(parts) > words else cut


def question_for(
    pod: Pod, about: str, statement_word: str = "danger statement", goal_word: str = "safety goal"
) -> str:
    """The question a scale asks: the team's own wording if it was reworded, else the usual one.

    The overall scale asks the case-closing question. A danger statement's scale asks
    about that pair: where 10 means its safety goal has been happening for long enough
    and 0 means its danger is happening now, naming each by a few of its words (what
    the caregivers will do, what the adult does) or, failing those, by its number.
    ``statement_word`` and ``goal_word`` are the team's words for them, singular.
    """
    scale = pod.scale_for(about)
    own = scale.question if scale is not None else ""
    if own.strip() and own.strip() != DEFAULT_SCALE_QUESTION:
        return own  # as typed
    statement = pod.statement(about) if about != OVERALL else None
    if statement is None:
        return DEFAULT_SCALE_QUESTION
    number = next(n for n, s in enumerate(pod.danger_statements, start=1) if s is statement)
    goal = pod.goal_for(about)
    danger_words = _short(statement.behaviour) or _short(statement.text)
    goal_words = _short(goal.caregiver_actions) or _short(goal.text) if goal is not None else ""
    danger = f'{statement_word} {number} ("{danger_words}")' if danger_words else f"{statement_word} {number}"
    wanted = f'{goal_word} {number} ("{goal_words}")' if goal_words else f"{goal_word} {number}"
    return (
        f"On a scale of 0 to 10, where 10 means {wanted} has been happening for long enough, "
        f"and 0 means {danger} is happening now, where are we today?"
    )


def ensure_scale(pod: Pod, about: str) -> Scale:
    """The scale about ``about``, made (with the usual question) when it does not exist yet.

    A scale made while scores are hidden is marked not revealed, so the pod says so outright.
    """
    scale = pod.scale_for(about)
    if scale is None:
        scale = Scale(about=about, question=DEFAULT_SCALE_QUESTION, scores=[])
        pod.scales.append(scale)
        if mode(pod) == HIDDEN:
            set_revealed(pod, about, False)
    return scale


# ---------------------------------------------------------------- who scores


@dataclass
class Scorer:
    """Someone who scales: a participant (with a role) or someone added by initials."""

    name: str
    role: str | None = None  # None: not on the pod's list of participants
    score: ScaleScore | None = None

    @property
    def label(self) -> str:
        return initials(self.name)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def scoring_order(participants: Sequence[Participant]) -> list[Participant]:
    """The presenter first, then everyone else in the order they are listed."""
    named = [p for p in participants if p.name.strip()]
    return [p for p in named if p.role == "presenter"] + [p for p in named if p.role != "presenter"]


def scorers(pod: Pod, scale: Scale | None) -> list[Scorer]:
    """Everyone who scales on this scale, in order, each with their score if they gave one.

    A score belongs to the participant with that name, or whose initials it
    carries (``JR`` for Jo Reed) when no one else shares them. Scores that match
    no participant (someone added by initials, or a second score for the same
    person) follow at the end: nothing given is ever hidden from the list.
    """
    order = scoring_order(pod.participants)
    rows = [Scorer(p.name, p.role) for p in order]
    by_name = {}
    for row in rows:
        by_name.setdefault(_key(row.name), row)
    by_initials: dict[str, list[Scorer]] = {}
    for row in rows:
        by_initials.setdefault(_key(initials(row.name)), []).append(row)
    extra: list[Scorer] = []
    for score in scale.scores if scale is not None else []:
        row = by_name.get(_key(score.who))
        if row is None:
            same = by_initials.get(_key(score.who), [])
            row = same[0] if len(same) == 1 else None
        if row is not None and row.score is None:
            row.score = score
        else:
            extra.append(Scorer(score.who, None, score))
    return rows + extra


def next_to_score(pod: Pod, scale: Scale | None) -> Scorer | None:
    """The first person, in scoring order, who has not scored yet."""
    return next((row for row in scorers(pod, scale) if row.score is None), None)


def presenter_waiting(pod: Pod, scale: Scale | None, who: str | None) -> Scorer | None:
    """The presenter, when ``who`` may not score yet because the presenter has not.

    In presenter-first scaling nobody's score comes before the presenter's: a
    member (or someone added by initials, ``who`` None) waits until the
    presenter has scored on this scale. None when ``who`` may score now: scores
    are hidden, there is no presenter on the list, ``who`` is the presenter,
    the presenter has already scored, or ``who`` is changing a score they gave.
    """
    if mode(pod) != PRESENTER_FIRST:
        return None
    rows = scorers(pod, scale)
    presenter = next((row for row in rows if row.role == "presenter"), None)
    if presenter is None or presenter.score is not None:
        return None
    if who is not None:
        row = next((r for r in rows if _key(r.name) == _key(who)), None)
        if row is not None and (row is presenter or row.score is not None):
            return None
    return presenter


def presenter_first_message(name: str) -> str:
    """What the room is told when someone would score before the presenter, ``name``."""
    return f"Presenter first: {name}, the presenter, scores before anyone else. Press enter to score for them."


def parse_score(text: str, hidden: bool = False) -> tuple[int | None, str | None]:
    """A typed score as a whole number from 0 to 10, or why it cannot be one.

    When scores are ``hidden`` (collected, then revealed together), the reason never repeats
    what was typed: it shows on the shared screen, and "11 is higher than 10" would tell the
    room the score."""
    raw = text.strip()
    if not raw:
        return None, f"Type a score from {MIN_SCORE} to {MAX_SCORE}."
    value, problem = _read_score(raw)
    if problem and hidden:
        return None, f"That is not a score. Type a whole number from {MIN_SCORE} to {MAX_SCORE}."
    return value, problem


def _read_score(raw: str) -> tuple[int | None, str | None]:
    try:
        value = int(raw)
    except ValueError:
        try:
            float(raw)
        except ValueError:
            return None, f"'{raw}' is not a number. Type a whole number from {MIN_SCORE} to {MAX_SCORE}."
        return None, f"Scores are whole numbers: {raw} is not. Type a whole number from {MIN_SCORE} to {MAX_SCORE}."
    if value > MAX_SCORE:
        return None, f"{value} is higher than {MAX_SCORE}. Scores go from {MIN_SCORE} to {MAX_SCORE}."
    if value < MIN_SCORE:
        return None, f"{value} is lower than {MIN_SCORE}. Scores go from {MIN_SCORE} to {MAX_SCORE}."
    problem = score_problem(value)
    if problem:  # pragma: no cover - the checks above cover the rule
        return None, problem
    return value, None


# ---------------------------------------------------------------- the spread


@dataclass(frozen=True)
class Spread:
    lowest: int
    highest: int
    median: float
    count: int

    @property
    def range(self) -> int:
        return self.highest - self.lowest

    def describe(self) -> str:
        median = f"{self.median:g}"
        people = "1 person" if self.count == 1 else f"{self.count} people"
        return f"Lowest {self.lowest}, highest {self.highest}, range {self.range}, median {median} ({people})"


def spread(scores: Iterable[int | ScaleScore]) -> Spread | None:
    """Lowest, highest, range and median of the scores; None when there are none."""
    values = [s.score if isinstance(s, ScaleScore) else s for s in scores]
    if not values:
        return None
    return Spread(min(values), max(values), float(statistics.median(values)), len(values))


# ---------------------------------------------------------------- the line

CharWidth = Callable[[str], int]


def char_cells(ch: str) -> int:
    """How many terminal cells one character takes, by the Unicode tables (wide letters take two).

    A screen that knows its terminal better passes its own measure to ``scale_line``.
    """
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class _Measure:
    """Widths of text in cells, by one character measure."""

    def __init__(self, char_width: CharWidth | None) -> None:
        measure = char_width or char_cells
        self.char: CharWidth = lambda ch: min(max(int(measure(ch)), 0), 2)

    def text(self, text: str) -> int:
        return sum(self.char(ch) for ch in text)

    def cut(self, text: str, limit: int) -> str:
        out, used = [], 0
        for ch in text:
            w = self.char(ch)
            if used + w > limit:
                break
            out.append(ch)
            used += w
        return "".join(out)

    def label(self, text: str) -> str:
        clean = "".join(ch for ch in " ".join(str(text).split()) if ch.isprintable() and self.char(ch) > 0)
        return self.cut(clean, MAX_LABEL) or "?"


def cells(text: str) -> int:
    """How many terminal cells a string takes (wide letters take two)."""
    return _Measure(None).text(text)


def position(score: int, width: int) -> int:
    """The column of a score on a line ``width`` cells wide."""
    score = min(max(int(score), MIN_SCORE), MAX_SCORE)
    if width <= 1:
        return 0
    return round((score - MIN_SCORE) * (width - 1) / (MAX_SCORE - MIN_SCORE))


class _Row:
    """One line of text being laid out cell by cell."""

    def __init__(self, width: int, measure: _Measure) -> None:
        self.measure = measure
        self.cells: list[str] = [" "] * width
        self.taken: list[bool] = [False] * width

    def free(self, start: int, length: int, gap: int = 1) -> bool:
        lo, hi = max(start - gap, 0), min(start + length + gap, len(self.cells))
        return not any(self.taken[lo:hi])

    def put(self, start: int, text: str) -> None:
        x = start
        for ch in text:
            w = self.measure.char(ch)
            self.cells[x] = ch
            self.taken[x] = True
            for extra in range(1, w):
                self.cells[x + extra] = ""
                self.taken[x + extra] = True
            x += w

    def text(self) -> str:
        return "".join(self.cells).rstrip()


def scale_line(scores: Iterable[tuple[str, int]], width: int, char_width: CharWidth | None = None) -> list[str]:
    """The scores on a 0 to 10 line, each person's initials under their score.

    ``scores`` are ``(initials, score)`` pairs. The result is a few lines of
    text, none wider than ``width`` cells: the numbers, the line itself (``●``
    where someone scored) and the initials, people on the same score joined
    with commas, moved down a row when they would run into a neighbour::

        0    1    2    3    4    5    6    7    8    9   10
        ├────┼────┼────●────●────┼────┼────┼────┼────┼────┤
                      VL,SP JR

    Initials are cut to five cells; at any width of five or more every
    person's initials appear in full. Nothing is ever dropped: a line too
    narrow for a group wraps it onto more rows. ``char_width`` measures one
    character in cells (the screen passes its terminal's own measure).
    """
    width = int(width)
    if width <= 0:
        return []
    measure = _Measure(char_width)
    pairs = [(measure.label(who), min(max(int(score), MIN_SCORE), MAX_SCORE)) for who, score in scores]

    numbers = _Row(width, measure)
    order = [MIN_SCORE, MAX_SCORE, 5, *[s for s in range(MIN_SCORE + 1, MAX_SCORE) if s != 5]]
    for value in order:
        text = str(value)
        if len(text) > width:
            continue
        x = position(value, width)
        start = min(max(x - (len(text) - 1 if value == MAX_SCORE else 0), 0), width - len(text))
        if numbers.free(start, len(text)):
            numbers.put(start, text)

    axis = ["─"] * width
    for value in range(MIN_SCORE, MAX_SCORE + 1):
        axis[position(value, width)] = "┼"
    axis[0] = "├"
    if width > 1:
        axis[-1] = "┤"
    for _, score in pairs:
        axis[position(score, width)] = "●"

    by_score: dict[int, list[str]] = {}
    for label, score in pairs:
        by_score.setdefault(score, []).append(label)
    rows: list[_Row] = []
    for score in sorted(by_score):
        x = position(score, width)
        for chunk in _chunks(by_score[score], width, measure):
            length = measure.text(chunk)
            start = min(max(x - (length - 1) // 2, 0), width - length)
            row = next((r for r in rows if r.free(start, length, gap=2)), None)
            if row is None:
                row = _Row(width, measure)
                rows.append(row)
            row.put(start, chunk)

    return [numbers.text(), "".join(axis), *(row.text() for row in rows)]


def _chunks(labels: list[str], width: int, measure: _Measure) -> list[str]:
    """Labels joined with commas into pieces no wider than ``width``."""
    chunks: list[str] = []
    current = ""
    for label in labels:
        label = measure.cut(label, width) or "?"
        if not current:
            current = label
        elif measure.text(current) + 1 + measure.text(label) <= width:
            current = f"{current},{label}"
        else:
            chunks.append(current)
            current = label
    if current:
        chunks.append(current)
    return chunks
