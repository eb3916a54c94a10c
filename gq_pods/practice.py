"""Practising alone: an attempt at a scenario, its comparison with the model answer, progress.

An attempt is an ordinary pod (``practice=True``) opened from a scenario with
:func:`start_pod`, so the same screens edit it and the same record exports it;
storage keeps an :class:`Attempt` row beside it, which keeps it out of the pods
list, ``export --all`` and the team's counts.

When the learner says they are done, :func:`compare` puts their map and statements
beside the model answer: which model facts they placed where the model did (and the
model's reason), each statement's and goal's parts checklist beside the model's, and
the key points their words seem to cover (a suggestion the learner can change).
:func:`progress` gathers the compared attempts by scenario, oldest first, so a screen
or the ``gq-pods practice`` command can show whether facts placed rise and problems
per statement fall.

Pure Python: no Textual, no SQLAlchemy.
"""

from __future__ import annotations

import bisect
import copy
import datetime as _dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from . import checker
from .model import TEXT_SECTIONS, Participant, Pod
from .record import goal_text, statement_text
from .scenarios import Scenario

SOLO_PARTICIPANT = "You"  # the name of the one participant of an attempt, the learner
TITLE_PREFIX = "Practice: "
MIN_RATING = 0
MAX_RATING = 10
MAX_DO_DIFFERENTLY = 4_000  # characters: what the learner would do differently

# A fact matches an item loosely when at least this share of the fact's content words
# are in it (3 of 4, 6 of 8; a fact of one to three content words needs them all).
FACT_WORDS_NEEDED = 0.75
# A key point is suggested as covered when at least this share of its content words
# are somewhere in the learner's own words.
KEY_POINT_WORDS_NEEDED = 0.5

KINDS = ("danger_statement", "safety_goal")
_CHECKER_KIND = {"danger_statement": checker.DANGER_STATEMENT, "safety_goal": checker.SAFETY_GOAL}


# ---------------------------------------------------------------- starting an attempt


def start_pod(scenario: Scenario, today: _dt.date | None = None) -> Pod:
    """A new practice pod for ``scenario``: its style, focus question and people, and one
    participant, the learner, as presenter. Not stored: see ``Repository.start_attempt``."""
    return Pod(
        date=today or _dt.date.today(),
        style=scenario.style,
        title=f"{TITLE_PREFIX}{scenario.title}",
        case_reason="new",
        focus_question=scenario.focus_question,
        practice=True,
        participants=[Participant(name=SOLO_PARTICIPANT, role="presenter")],
        people=copy.deepcopy(scenario.people),
    )


# ---------------------------------------------------------------- the case, sentence by sentence

# A sentence ends at . ! ? or an ellipsis (with any closing quote or bracket) before a
# space or the end; a line break always ends one. Possessive, from the first mark of a
# run only: a long run of dots costs one pass.
_SENTENCE_END = re.compile(r"(?<![.!?\u2026])[.!?\u2026]++[\"'\u201d\u2019)\]]*+(?=\s|$)")
# Words whose full stop is not the end of a sentence ("Mrs. Grant", "e.g. school").
# Not "no." or "etc.", which end sentences as often as not ("Harvey said no.").
_ABBREVIATIONS = frozenset("mr mrs ms dr prof st approx eg e.g ie i.e vs cf".split())


def case_sentences(scenario: Scenario) -> list[str]:
    """The case summary as the sentences and lines a learner places on the map one by one.

    Split at line breaks and at sentence ends, but never inside a quotation (a quote
    of two sentences stays whole) nor after a title such as "Mrs.". Each piece is
    trimmed of surrounding space; blank lines give nothing. Every other character
    of the summary is in exactly one piece, in order.
    """
    return split_sentences(scenario.case_summary)


def split_sentences(text: str) -> list[str]:
    """:func:`case_sentences` for any text."""
    out: list[str] = []
    for line in text.split("\n"):
        out += _line_sentences(line)
    return out


_LAST_WORD = re.compile(r"(\S{1,12})\Z")  # the word before a full stop, as far as a title could be


def _line_sentences(line: str) -> list[str]:
    # Spans of quoted words on this line, quotes included: sorted and apart, so the one
    # a stop might be inside is found by bisection (a line of many quotes stays linear).
    quotes = checker._quoted(line)
    quote_starts = [q_start for q_start, _ in quotes]
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(line):
        end = match.end()
        k = bisect.bisect_left(quote_starts, match.start()) - 1
        if k >= 0 and end < quotes[k][1]:
            continue  # inside a quote (its closing mark ends with the quote, not before)
        if match.group() == ".":
            before = _LAST_WORD.search(line, max(start, match.start() - 12), match.start())
            if before and before.group(1).casefold().lstrip("(\"'\u201c\u2018") in _ABBREVIATIONS:
                continue
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return [piece.strip() for piece in pieces if piece.strip()]


# ---------------------------------------------------------------- words

_WORD = re.compile(r"\w+(?:'\w+)*")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u02bc": "'"})
# Words too common to say whether two texts are about the same thing.
STOP_WORDS = frozenset(
    """a about after again all also am an and any are as at be been before being but by can could
    did do does doing don't for from had has have having he her here hers him his how i i'm if in
    into is it it's its just me more most my no nor not of off on once only or other our out over
    own same she should so some such than that that's the their them then there these they this
    those through to too under until up very was we were what when where which while who whom why
    will with would you your he's she's they're we're won't can't didn't isn't wasn't""".split()
)


def words(text: str) -> list[str]:
    """The words of ``text`` as matching compares them: any case, straight quotes, no punctuation."""
    return _WORD.findall((text or "").translate(_QUOTES).casefold())


def content_words(text: str) -> set[str]:
    """The words that carry meaning: :func:`words` without the commonest small words."""
    return {w for w in words(text) if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())}


def _inside(needle: list[str], haystack: list[str]) -> bool:
    if not needle:
        return False
    return f" {' '.join(needle)} " in f" {' '.join(haystack)} "


def holds(text: str, fact: str) -> bool:
    """Whether the words of ``fact`` are in ``text``, in order and together (case, quotes,
    punctuation and spacing aside): how a map item or a sentence holds a model fact."""
    return _inside(words(fact), words(text))


def _share(wanted: set[str], have: set[str]) -> float:
    return len(wanted & have) / len(wanted) if wanted else 0.0


# ---------------------------------------------------------------- the comparison


@dataclass(frozen=True)
class FactResult:
    """One model fact and what the learner did with it."""

    fact: str
    model_section: str
    reason: str
    placed_in: str | None  # the map section (one of model.TEXT_SECTIONS) the learner put it in; None: nowhere
    item_text: str | None  # the learner's map item it was found in

    @property
    def matched(self) -> bool:
        """Placed where the model placed it."""
        return self.placed_in == self.model_section


@dataclass(frozen=True)
class PartsResult:
    """A learner's danger statement or safety goal beside the model's, part by part."""

    kind: str  # "danger_statement" | "safety_goal"
    learner_text: str
    model_text: str
    learner_parts: tuple[tuple[str, bool], ...]
    model_parts: tuple[tuple[str, bool], ...]
    problems: int  # the checker's problems (not hints) in the learner's text; a missing text counts one


@dataclass(frozen=True)
class KeyPointResult:
    point: str
    covered: bool  # suggested from the learner's words; the learner can change it


@dataclass(frozen=True)
class Comparison:
    facts: tuple[FactResult, ...] = ()
    unmatched_items: tuple[tuple[str, str], ...] = ()  # (section, text) the learner placed that match no model fact
    pairs: tuple[PartsResult, ...] = ()  # statement 1, goal 1, statement 2, goal 2, ...
    key_points: tuple[KeyPointResult, ...] = ()

    @property
    def facts_total(self) -> int:
        return len(self.facts)

    @property
    def facts_matched(self) -> int:
        """Model facts the learner placed where the model did."""
        return sum(1 for f in self.facts if f.matched)

    @property
    def facts_elsewhere(self) -> int:
        """Model facts the learner placed, but in another section."""
        return sum(1 for f in self.facts if f.placed_in is not None and not f.matched)

    @property
    def statements(self) -> int:
        """The danger statements the learner wrote."""
        return sum(1 for p in self.pairs if p.kind == "danger_statement" and p.learner_text.strip())

    @property
    def statement_problems(self) -> int:
        """Problems in the learner's statements and their goals (a written statement without
        a goal counts one for the goal); the model's statements the learner did not write
        are not counted."""
        total = 0
        written = False
        for p in self.pairs:
            if p.kind == "danger_statement":
                written = bool(p.learner_text.strip())
            if written:
                total += p.problems
        return total

    @property
    def problems_per_statement(self) -> float | None:
        return self.statement_problems / self.statements if self.statements else None

    @property
    def key_points_total(self) -> int:
        return len(self.key_points)

    @property
    def key_points_covered(self) -> int:
        return sum(1 for k in self.key_points if k.covered)

    def with_key_points(self, covered: Sequence[bool]) -> Comparison:
        """A copy with each key point marked covered or not, as the learner says."""
        if len(covered) != len(self.key_points):
            raise ValueError(f"{len(self.key_points)} key points, but {len(covered)} answers")
        points = tuple(KeyPointResult(k.point, bool(c)) for k, c in zip(self.key_points, covered))
        return replace(self, key_points=points)

    def with_key_point(self, index: int, covered: bool) -> Comparison:
        """A copy with one key point marked covered or not."""
        marks = [k.covered for k in self.key_points]
        marks[index] = covered
        return self.with_key_points(marks)


def compare(pod: Pod, scenario: Scenario) -> Comparison:
    """The learner's pod beside the scenario's model answer.

    Facts: a map item holds a model fact when the fact's words are inside it (case,
    quotes, punctuation and spacing aside); several facts can be inside one item (a
    whole sentence of the case placed on the map). An item that holds none may still
    match one fact loosely, when most of that fact's content words are in it
    (:data:`FACT_WORDS_NEEDED`): each such item matches at most one fact. Each fact is
    found at most once, preferring an item in the section the model put it in; an item
    that holds a fact already found elsewhere (the same sentence placed twice) is not
    counted again, and is not among ``unmatched_items`` either, which are the items that
    hold no model fact at all.

    Statements: the learner's statement 1 against the model's 1, and so on; a goal is the
    one paired with its statement. Key points: covered when enough of their content words
    are in the learner's own words (:data:`KEY_POINT_WORDS_NEEDED`).
    """
    items = [(section, item.text) for section in TEXT_SECTIONS for item in pod.map.section(section) if item.text.strip()]
    facts, used = _match_facts(scenario, items)
    return Comparison(
        facts=facts,
        unmatched_items=tuple(item for i, item in enumerate(items) if i not in used),
        pairs=tuple(_pairs(pod, scenario)),
        key_points=tuple(_key_points(pod, scenario)),
    )


def _match_facts(scenario: Scenario, items: list[tuple[str, str]]) -> tuple[tuple[FactResult, ...], set[int]]:
    """Each model fact's result, and the items that hold a model fact (counted or not)."""
    item_words = [words(text) for _, text in items]
    item_content = [content_words(text) for _, text in items]
    found: dict[int, int] = {}  # fact index -> item index
    exact_items: set[int] = set()
    for f, fact in enumerate(scenario.model_map):
        fact_words = words(fact.fact)
        holders = [i for i, w in enumerate(item_words) if _inside(fact_words, w)]
        if holders:
            in_place = [i for i in holders if items[i][0] == fact.section]
            found[f] = (in_place or holders)[0]
            exact_items.update(holders)
    # Loose matches, best first, among items that hold no fact's words.
    candidates = []
    for f, fact in enumerate(scenario.model_map):
        if f in found:
            continue
        wanted = content_words(fact.fact)
        for i, have in enumerate(item_content):
            if i in exact_items:
                continue
            share = _share(wanted, have)
            if wanted and share >= FACT_WORDS_NEEDED:
                candidates.append((-share, items[i][0] != fact.section, f, i))
    loose_items: set[int] = set()
    for _, _, f, i in sorted(candidates):
        if f in found or i in loose_items:
            continue
        found[f] = i
        loose_items.add(i)
    results = []
    for f, fact in enumerate(scenario.model_map):
        i = found.get(f)
        section, text = items[i] if i is not None else (None, None)
        results.append(FactResult(fact.fact, fact.section, fact.reason, section, text))
    return tuple(results), exact_items | loose_items


def _problems(text: str, kind: str) -> int:
    return sum(1 for finding in checker.check(text, _CHECKER_KIND[kind]) if finding.severity == checker.PROBLEM)


def parts_result(kind: str, learner_text: str, model_text: str) -> PartsResult:
    """One statement or goal of the learner's beside the model's."""
    check_kind = _CHECKER_KIND[kind]
    return PartsResult(
        kind=kind,
        learner_text=learner_text,
        model_text=model_text,
        learner_parts=tuple(checker.parts(learner_text, check_kind)),
        model_parts=tuple(checker.parts(model_text, check_kind)) if model_text.strip() else (),
        problems=_problems(learner_text, kind),
    )


def _pairs(pod: Pod, scenario: Scenario) -> Iterable[PartsResult]:
    learner = []
    for statement in pod.danger_statements:
        goal = pod.goal_for(statement.id)
        learner.append((statement_text(statement), goal_text(goal) if goal is not None else ""))
    model = [(pair.danger_statement, pair.safety_goal) for pair in scenario.model_statements]
    for n in range(max(len(learner), len(model))):
        mine = learner[n] if n < len(learner) else ("", "")
        theirs = model[n] if n < len(model) else ("", "")
        yield parts_result("danger_statement", mine[0], theirs[0])
        yield parts_result("safety_goal", mine[1], theirs[1])


def learner_words(pod: Pod) -> str:
    """Everything the learner wrote in the attempt, as one text (for the key points)."""
    texts = [item.text for section in TEXT_SECTIONS for item in pod.map.section(section)]
    texts += [step.text for step in pod.map.next_steps]
    texts += [statement_text(s) for s in pod.danger_statements]
    texts += [s.acknowledgement for s in pod.danger_statements] + [s.family_view for s in pod.danger_statements]
    texts += [goal_text(g) for g in pod.safety_goals] + [g.network for g in pod.safety_goals]
    texts += [line.text for line in pod.bottom_lines]
    texts += [f"{c.trigger} {c.response} {c.who}" for c in pod.contingencies]
    texts += [stage.notes for stage in pod.stages]
    texts += [pod.reflection.pleased_with, pod.reflection.most_useful, pod.reflection.learning]
    texts += [f"{score.reason} {score.next_point}" for scale in pod.scales for score in scale.scores]
    return "\n".join(t for t in texts if t)


def _key_points(pod: Pod, scenario: Scenario) -> Iterable[KeyPointResult]:
    have = content_words(learner_words(pod))
    for point in scenario.key_points:
        wanted = content_words(point)
        yield KeyPointResult(point, bool(wanted) and _share(wanted, have) >= KEY_POINT_WORDS_NEEDED)


# ---------------------------------------------------------------- attempts and progress


@dataclass
class Attempt:
    """A practice attempt as stored beside its pod: which scenario, and what comparing found
    (the figures are None until the learner compares)."""

    pod_id: int
    scenario_id: str
    scenario_title: str
    started_at: _dt.datetime
    compared_at: _dt.datetime | None = None
    facts_total: int | None = None
    facts_matched: int | None = None
    statements: int | None = None
    statement_problems: int | None = None
    key_points_total: int | None = None
    key_points_covered: int | None = None
    self_rating: int | None = None
    do_differently: str = ""

    @property
    def compared(self) -> bool:
        return self.compared_at is not None

    @property
    def problems_per_statement(self) -> float | None:
        """Checker problems per danger statement written (its goal's problems included)."""
        if not self.statements or self.statement_problems is None:
            return None
        return self.statement_problems / self.statements

    @property
    def facts_label(self) -> str:
        """"7 of 9" (model facts placed as the model did), or "" before comparing."""
        if self.facts_total is None or self.facts_matched is None:
            return ""
        return f"{self.facts_matched} of {self.facts_total}"

    @property
    def problems_label(self) -> str:
        """"1.5" problems per statement, "no statements", or "" before comparing."""
        if not self.compared:
            return ""
        value = self.problems_per_statement
        if value is None:
            return "no statements"
        return f"{value:.1f}".removesuffix(".0")

    def to_dict(self) -> dict:
        """For ``gq-pods practice --json``."""
        return {
            "pod_id": self.pod_id,
            "scenario_id": self.scenario_id,
            "scenario_title": self.scenario_title,
            "started_at": self.started_at.isoformat(),
            "compared_at": self.compared_at.isoformat() if self.compared_at else None,
            "facts_total": self.facts_total,
            "facts_matched": self.facts_matched,
            "statements": self.statements,
            "statement_problems": self.statement_problems,
            "problems_per_statement": self.problems_per_statement,
            "key_points_total": self.key_points_total,
            "key_points_covered": self.key_points_covered,
            "self_rating": self.self_rating,
            "do_differently": self.do_differently,
        }


def progress(attempts: Sequence[Attempt]) -> dict[str, list[Attempt]]:
    """The compared attempts by scenario id, each list oldest first (by when started)."""
    out: dict[str, list[Attempt]] = {}
    for attempt in sorted((a for a in attempts if a.compared), key=lambda a: (a.started_at, a.pod_id)):
        out.setdefault(attempt.scenario_id, []).append(attempt)
    return out


def _trend(first: float, last: float, up: str, down: str) -> str:
    if last > first:
        return up
    if last < first:
        return down
    return "no change"


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def progress_lines(attempts: Sequence[Attempt]) -> list[str]:
    """Progress on each scenario compared more than once, in words: facts placed as the
    model did and problems per statement, attempt by attempt, and which way they moved."""
    from .text import visible

    lines: list[str] = []
    for tries in progress(attempts).values():
        if len(tries) < 2:
            continue
        last = tries[-1]
        lines.append(f"{visible(last.scenario_title, keep_newlines=False)} ({visible(last.scenario_id, keep_newlines=False)}), "
                     f"{len(tries)} attempts compared")
        placed = [a for a in tries if a.facts_matched is not None and a.facts_total is not None]
        if placed:
            trend = _trend(placed[0].facts_matched or 0, placed[-1].facts_matched or 0, "rising", "falling")
            shown = ", ".join(a.facts_label for a in placed)
            lines.append(f"  Facts placed as the model did: {shown} ({trend})")
        rates = [a.problems_per_statement for a in tries if a.problems_per_statement is not None]
        if rates:
            trend = _trend(rates[0], rates[-1], "rising", "falling") if len(rates) > 1 else "one attempt with statements"
            lines.append(f"  Problems per statement: {', '.join(_number(r) for r in rates)} ({trend})")
    return lines


def format_attempts(attempts: Sequence[Attempt]) -> str:
    """The attempts as ``gq-pods practice`` prints them, oldest first, then the progress."""
    from .text import visible

    if not attempts:
        return (
            "No practice attempts yet. Start the app with `gq-pods`, press p on the pods list "
            "and choose a scenario to practise on.\n"
        )
    out = [f"{'Pod':>5}  {'Started':16}  {'Facts as model':14}  {'Problems per statement':22}  Your rating"]
    for a in sorted(attempts, key=lambda a: (a.started_at, a.pod_id)):
        started = a.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if a.compared:
            rating = f"{a.self_rating} of 10" if a.self_rating is not None else "-"
            figures = f"{a.facts_label or '-':14}  {a.problems_label or '-':22}  {rating}"
        else:
            figures = "Not compared with the model yet"
        out.append(f"{a.pod_id:>5}  {started:16}  {figures}")
        title = visible(a.scenario_title or "Untitled scenario", keep_newlines=False)
        out.append(f"{'':5}  {title} ({visible(a.scenario_id, keep_newlines=False)})")
    lines = progress_lines(attempts)
    if lines:
        out += ["", "Progress", *(f"  {line}" for line in lines)]
    return "\n".join(out) + "\n"


def check_rating(rating: int | None) -> int | None:
    """The self-rating, 0 to 10, or None; raises ValueError with a plain message."""
    if rating is None:
        return None
    if isinstance(rating, bool) or not isinstance(rating, int):
        raise ValueError("A self-rating is a whole number from 0 to 10.")
    if not MIN_RATING <= rating <= MAX_RATING:
        raise ValueError(f"A self-rating is from {MIN_RATING} to {MAX_RATING}.")
    return rating


__all__ = [
    "SOLO_PARTICIPANT",
    "Attempt",
    "Comparison",
    "FactResult",
    "KeyPointResult",
    "PartsResult",
    "case_sentences",
    "check_rating",
    "compare",
    "content_words",
    "format_attempts",
    "holds",
    "learner_words",
    "progress",
    "progress_lines",
    "split_sentences",
    "start_pod",
    "words",
]
