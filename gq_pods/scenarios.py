"""Practice scenarios: fictional cases a practitioner practises mapping on, alone.

Each scenario is one JSON file (docs/scenario-format.md): a case summary written as
a referral and case notes read, the presenter's focus question, the people around
the child, and a model answer: which facts go where on the map and why, model
danger statements with their safety goals, and the key points a good answer
includes. gq-pods ships some in ``gq_pods/data/scenarios/``; a team adds its own in
the folder ``scenarios/`` of the config folder (``gq-pods where`` shows it).

    library = load_library()          # shipped, then the team's own
    library.scenarios                 # every scenario that loaded
    library.problems                  # a plain sentence for each team file left out
    scenario = library.get("ava-kitchen-door")

A scenario file is read as strictly as a pod file (the same checks, the same
paths in messages): an unknown key is an error that names it, required fields must
be there, every string and list has a limit, and control characters are removed
(``text.clean``). Each fact in the model map must be words from the case summary.
A bad team file is reported in plain words and left out; it never stops the others.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from . import paths
from .model import PERSON_KINDS, SECTION_LABELS, STYLE_SHORT, STYLES, Person
from .podfile import (
    PodFileError,
    _at,
    _Int,
    _Kind,
    _List,
    _NotJSON,
    _object,
    _object_pairs,
    _Record,
    _show,
    _Text,
    _wrong,
)
from .podfile import _POD_FIELDS as _POD_KINDS

FORMAT = "gq-pods.scenario"
VERSION = 1
FOLDER = "scenarios"  # inside the config folder: a team's own scenarios
MAX_FILE_BYTES = 1_000_000
MIN_SUMMARY = 600
MAX_SUMMARY = 20_000
MAX_LINE = 300  # a title, a fact, a reason
MAX_PARAGRAPH = 2_000  # a focus question, a statement, a goal, a key point
MAX_FACTS = 100
MAX_PAIRS = 3  # "at most about three" danger statements, each with one goal
MAX_KEY_POINTS = 20
MAX_PEOPLE = 50
MAX_AGE = 17

# The worries a scenario can cover, with the words a practitioner reads.
WORRIES = {
    "violence_between_adults": "violence between adults",
    "neglect": "neglect",
    "parent_drinking_or_drugs": "a parent's drinking or drug use",
    "parent_mental_health": "a parent's mental health",
    "exploitation_outside_home": "a teenager exploited outside the home",
    "physical_harm": "physical harm",
    "baby_parent_struggling": "a baby with a parent who is struggling",
    "young_carer": "a young carer",
    "sexual_harm_in_family": "sexual harm within the family",
    "emotional_harm": "emotional harm",
    "going_missing": "a child going missing",
    "online_harm": "harm online",
}

# The map's sections a model fact can sit in (danger statements and goals are apart).
SECTIONS = ("harm", "complicating_factors", "grey_areas", "existing_strengths", "existing_safety")

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_MAX_ID = 60
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


class ScenarioError(ValueError):
    """A scenario file that cannot be used: ``path`` names the place (``model_map[2].fact``),
    or is empty for the file as a whole; ``str(error)`` is ``"path: message"``."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(path, message)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


# ---------------------------------------------------------------- the scenario


@dataclass
class ModelFact:
    """A fact from the summary, where the model map puts it, and why."""

    fact: str = ""
    section: str = ""
    reason: str = ""


@dataclass
class ModelPair:
    """A model danger statement and the safety goal that answers it."""

    danger_statement: str = ""
    safety_goal: str = ""


@dataclass
class Scenario:
    id: str = ""
    title: str = ""
    style: str = ""
    child_age: int = 0
    worries: list[str] = field(default_factory=list)
    case_summary: str = ""
    focus_question: str = ""
    people: list[Person] = field(default_factory=list)
    model_map: list[ModelFact] = field(default_factory=list)
    model_statements: list[ModelPair] = field(default_factory=list)
    key_points: list[str] = field(default_factory=list)
    origin: str = "shipped"  # or "team": one of the team's own files

    @property
    def model_danger_statements(self) -> list[str]:
        return [pair.danger_statement for pair in self.model_statements]

    @property
    def model_safety_goals(self) -> list[str]:
        return [pair.safety_goal for pair in self.model_statements]

    @property
    def style_label(self) -> str:
        return STYLE_SHORT.get(self.style, self.style)

    @property
    def age_label(self) -> str:
        return "under 1" if self.child_age == 0 else str(self.child_age)

    @property
    def worry_labels(self) -> list[str]:
        return [WORRIES.get(worry, worry) for worry in self.worries]

    def facts_in(self, section: str) -> list[ModelFact]:
        return [fact for fact in self.model_map if fact.section == section]

    def summary_row(self) -> dict[str, Any]:
        """The list's fields, for ``gq-pods scenarios --json``."""
        return {
            "id": self.id,
            "title": self.title,
            "style": self.style,
            "child_age": self.child_age,
            "worries": list(self.worries),
            "origin": self.origin,
        }

    def to_dict(self) -> dict[str, Any]:
        """Everything, for ``gq-pods scenarios show ID --json``."""
        return {
            **self.summary_row(),
            "focus_question": self.focus_question,
            "case_summary": self.case_summary,
            "people": [asdict(person) for person in self.people],
            "model_map": [asdict(fact) for fact in self.model_map],
            "model_danger_statements": self.model_danger_statements,
            "model_safety_goals": self.model_safety_goals,
            "key_points": list(self.key_points),
        }


def normalise(text: str) -> str:
    """Text as facts are matched against the summary: one space between words, any case,
    curly quotes as straight ones."""
    return " ".join(text.translate(_QUOTES).split()).casefold()


# ---------------------------------------------------------------- reading a file
#
# The pod file's kinds do the reading (types, cleaning, limits, unknown keys,
# paths in messages); these few add what only a scenario has.


class _Words(_Text):
    """Text that must say something, within ``low`` to ``high`` characters."""

    def __init__(self, high: int, low: int = 1) -> None:
        super().__init__()
        self.low = low
        self.high = high

    def read(self, value: Any, path: str) -> Any:
        text = super().read(value, path)
        size = len(text.strip())
        if size == 0:
            raise PodFileError(path, "is empty; it needs some words")
        if size < self.low:
            raise PodFileError(path, f"too short: {size:,} characters, and the least is {self.low:,}")
        if len(text) > self.high:
            raise PodFileError(path, f"too long: {len(text):,} characters, and the most is {self.high:,}")
        return text


class _OneOf(_Text):
    def __init__(self, allowed: Any) -> None:
        super().__init__()
        self.allowed = tuple(allowed)

    def read(self, value: Any, path: str) -> Any:
        text = super().read(value, path)
        if text not in self.allowed:
            raise PodFileError(path, f"{_show(text)} is not one of: {', '.join(self.allowed)}")
        return text


class _Some(_List):
    """A list of ``low`` to ``high`` items."""

    def __init__(self, item: _Kind, low: int, high: int) -> None:
        super().__init__(item)
        self.low = low
        self.high = high

    def read(self, value: Any, path: str) -> Any:
        if not isinstance(value, list):
            raise _wrong(path, "a list", value)
        if len(value) < self.low:
            needs = "at least one item" if self.low == 1 else f"at least {self.low} items"
            raise PodFileError(path, f"needs {needs}, and has {len(value)}")
        if len(value) > self.high:
            raise PodFileError(path, f"too many items: {len(value):,}, and the most is {self.high}")
        return super().read(value, path)


_PEOPLE = _POD_KINDS["people"]  # exactly as in a pod file
_FIELDS: dict[str, _Kind] = {
    "id": _Words(_MAX_ID),
    "title": _Words(MAX_LINE),
    "style": _OneOf(STYLES),
    "child_age": _Int(0, MAX_AGE, out_of_range="{value} is not a child's age from {low} (under one) to {high}"),
    "worries": _Some(_OneOf(WORRIES), 1, len(WORRIES)),
    "case_summary": _Words(MAX_SUMMARY, MIN_SUMMARY),
    "focus_question": _Words(MAX_PARAGRAPH),
    "people": _Some(_PEOPLE.item, 0, MAX_PEOPLE),
    "model_map": _Some(
        _Record(ModelFact, {"fact": _Words(MAX_LINE), "section": _OneOf(SECTIONS), "reason": _Words(MAX_LINE)},
                required=("fact", "section", "reason")),
        1,
        MAX_FACTS,
    ),
    "model_statements": _Some(
        _Record(ModelPair, {"danger_statement": _Words(MAX_PARAGRAPH), "safety_goal": _Words(MAX_PARAGRAPH)},
                required=("danger_statement", "safety_goal")),
        1,
        MAX_PAIRS,
    ),
    "key_points": _Some(_Words(MAX_PARAGRAPH), 1, MAX_KEY_POINTS),
}
_REQUIRED = tuple(_FIELDS)  # every field: a scenario without one cannot be practised
_HEADER = ("format", "version")


def loads(text: str, origin: str = "shipped") -> Scenario:
    """The scenario in a scenario file's text; raises ScenarioError naming what and where."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ScenarioError("", "The file is empty.")
    try:
        data = json.loads(text, object_pairs_hook=_object_pairs, parse_constant=_NotJSON)
    except json.JSONDecodeError as error:
        raise ScenarioError("", f"This is not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}") from None
    except RecursionError:
        raise ScenarioError("", "This file is nested too deeply to read.") from None
    except ValueError as error:
        raise ScenarioError("", f"This is not valid JSON: {error}") from None
    try:
        return from_dict(data, origin)
    except PodFileError as error:
        raise ScenarioError(error.path, error.message) from None


def load_bytes(data: bytes, origin: str = "shipped") -> Scenario:
    if len(data) > MAX_FILE_BYTES:
        raise ScenarioError("", f"The file is too big: {len(data):,} bytes, and the most is {MAX_FILE_BYTES:,}.")
    try:
        text = bytes(data).decode("utf-8")
    except UnicodeDecodeError as error:
        raise ScenarioError(
            "", f"This file is not UTF-8 text (the byte at position {error.start:,} cannot be read). Save it as UTF-8."
        ) from None
    return loads(text, origin)


def from_dict(data: Any, origin: str = "shipped") -> Scenario:
    """The scenario in parsed JSON, with every check ``loads`` makes (raises PodFileError)."""
    if not isinstance(data, dict):
        raise PodFileError("", "A scenario file holds one JSON object.")
    _object(data, "", (*_HEADER, *_FIELDS))
    for key in (*_HEADER, *_REQUIRED):
        if key not in data:
            raise PodFileError(key, "required, but missing")
    if not isinstance(data["format"], str) or data["format"] != FORMAT:
        raise PodFileError("format", f'expected "{FORMAT}", got {_show(data["format"])}: this is not a scenario file')
    version = data["version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise _wrong("version", "a whole number", version)
    if version > VERSION:
        raise PodFileError("version", f"written for a newer gq-pods (version {version}); upgrade gq-pods to use it")
    if version < 1:
        raise PodFileError("version", f"{version} is not a format version; versions start at 1")
    body = {key: value for key, value in data.items() if key not in _HEADER}
    scenario = _Record(Scenario, _FIELDS).read(body, "")
    scenario.origin = origin
    _check(scenario)
    return scenario


def _check(scenario: Scenario) -> None:
    """What the types alone cannot say: a proper id, no repeats, facts from the summary."""
    if len(scenario.id) > _MAX_ID or not _ID.match(scenario.id):
        raise PodFileError(
            "id", f"{_show(scenario.id)} should be small letters and numbers joined by hyphens, like \"ava-kitchen-door\""
        )
    for i, worry in enumerate(scenario.worries):
        if worry in scenario.worries[:i]:
            raise PodFileError(f"worries[{i}]", f"{_show(worry)} is listed twice")
    ids: set[str] = set()
    for i, person in enumerate(scenario.people):
        if person.kind not in PERSON_KINDS:
            raise PodFileError(f"people[{i}].kind", f"{_show(person.kind)} is not one of: {', '.join(PERSON_KINDS)}")
        if person.id and person.id in ids:
            raise PodFileError(f"people[{i}].id", f"{_show(person.id)} is used by another person")
        ids.add(person.id)
    summary = normalise(scenario.case_summary)
    from .practice import holds, split_sentences  # the practice module reads scenarios: imported here

    sentences = split_sentences(scenario.case_summary)
    for i, fact in enumerate(scenario.model_map):
        if normalise(fact.fact) not in summary:
            raise PodFileError(
                f"model_map[{i}].fact",
                f"{_show(fact.fact)} is not in the case summary; a model fact must be words from it",
            )
        if not any(holds(sentence, fact.fact) for sentence in sentences):
            raise PodFileError(
                f"model_map[{i}].fact",
                f"{_show(fact.fact)} runs across two sentences of the case summary; a learner places the "
                "case one sentence at a time, so a model fact must lie within one sentence",
            )


# ---------------------------------------------------------------- the library


@dataclass
class Library:
    scenarios: list[Scenario] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one plain sentence per file left out
    team_folder: Path | None = None

    def get(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)


def team_folder() -> Path:
    return paths.config_dir() / FOLDER


def _shipped_files() -> list[tuple[str, bytes]]:
    folder = resources.files("gq_pods") / "data" / "scenarios"
    entries = [entry for entry in folder.iterdir() if entry.name.endswith(".json")]
    return [(entry.name, entry.read_bytes()) for entry in sorted(entries, key=lambda e: e.name)]


def _team_files(folder: Path, problems: list[str]) -> list[tuple[str, bytes]]:
    try:
        entries = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".json")
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        problems.append(f"{folder} is a file, not a folder, so no team scenarios were loaded.")
        return []
    except OSError as error:
        problems.append(f"The team scenarios folder {folder} could not be read ({error.strerror}).")
        return []
    files = []
    for entry in entries:
        try:
            if entry.stat().st_size > MAX_FILE_BYTES:
                problems.append(f"{entry.name} was left out: it is over {MAX_FILE_BYTES:,} bytes, too big for a scenario.")
                continue
            files.append((entry.name, entry.read_bytes()))
        except IsADirectoryError:
            problems.append(f"{entry.name} was left out: it is a folder, not a scenario file.")
        except OSError as error:
            problems.append(f"{entry.name} was left out: it could not be read ({error.strerror}).")
    return files


def load_library(folder: Path | None = None) -> Library:
    """The shipped scenarios and the team's own from ``folder`` (default: the config folder's).

    A file that cannot be used is left out and named in ``problems``, with what is wrong.
    A team scenario with the id of one already loaded is left out too.
    """
    folder = team_folder() if folder is None else folder
    library = Library(team_folder=folder)
    sources = [("shipped", name, data) for name, data in _shipped_files()]
    sources += [("team", name, data) for name, data in _team_files(folder, library.problems)]
    for origin, name, data in sources:
        try:
            scenario = load_bytes(data, origin)
        except ScenarioError as error:
            library.problems.append(f"{name} was left out: {error}")
            continue
        if library.get(scenario.id) is not None:
            library.problems.append(f"{name} was left out: there is already a scenario with the id {scenario.id!r}.")
            continue
        library.scenarios.append(scenario)
    return library


# ---------------------------------------------------------------- for the terminal


def format_list(scenarios: list[Scenario]) -> str:
    """The scenarios as a person reads them: id, age, style and title, then the worries."""
    if not scenarios:
        return "No scenarios.\n"
    width = max(len(s.id) for s in scenarios)
    lines = [f"{'ID':{width}}  {'Age':7}  {'Style':17}  Title"]
    for s in scenarios:
        team = " (your team's)" if s.origin == "team" else ""
        lines.append(f"{s.id:{width}}  {s.age_label:7}  {s.style_label:17}  {s.title}{team}")
        lines.append(f"{'':{width}}  Worries: {'; '.join(s.worry_labels)}")
    return "\n".join(lines) + "\n"


def format_case(s: Scenario) -> str:
    """The case as the learner first reads it, with no model answer: what it is, the focus
    question, the people around the child and the case summary."""
    people = [
        f"  {p.name or '?'}: {p.relationship or p.kind}"
        + (f", {p.age}" if p.age is not None else "")
        + (", in the household" if p.in_household else "")
        for p in s.people
    ]
    out = [
        s.title,
        "",
        f"Id:       {s.id}" + (" (your team's)" if s.origin == "team" else ""),
        f"Style:    {s.style_label}",
        f"Age:      {s.age_label}",
        f"Worries:  {'; '.join(s.worry_labels)}",
        "",
        "Focus question",
        f"  {s.focus_question}",
        "",
    ]
    if people:
        out += ["People around the child", *people, ""]
    out += ["Case summary", s.case_summary.rstrip()]
    return "\n".join(out) + "\n"


def format_scenario(s: Scenario) -> str:
    """One scenario in full, as plain text: the case, then the model answer."""
    out = [format_case(s), "MODEL ANSWER", ""]
    for section in SECTIONS:
        facts = s.facts_in(section)
        if facts:
            out.append(SECTION_LABELS[section])
            out += [f"  - {f.fact} ({f.reason})" for f in facts]
            out.append("")
    for number, pair in enumerate(s.model_statements, start=1):
        out += [f"Danger statement {number}", f"  {pair.danger_statement}", f"Safety goal {number}", f"  {pair.safety_goal}", ""]
    out.append("Key points")
    out += [f"  - {point}" for point in s.key_points]
    return "\n".join(out) + "\n"


__all__ = [
    "FORMAT",
    "SECTIONS",
    "VERSION",
    "WORRIES",
    "Library",
    "ModelFact",
    "ModelPair",
    "Scenario",
    "ScenarioError",
    "format_case",
    "format_list",
    "format_scenario",
    "from_dict",
    "load_bytes",
    "load_library",
    "loads",
    "normalise",
    "team_folder",
]
