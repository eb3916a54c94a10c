"""The pod file: a pod's whole record as JSON (docs/pod-format.md, version 2).

It is a public contract: files written today must import in every later release.

    text = dumps(pod)            # deterministic JSON, keys in the contract's order
    pod = loads(text)            # or load_bytes(data); raises PodFileError
    pod = from_dict(json_obj)    # the same checks on an already parsed object

Import is strict and all or nothing: an unknown key, a wrong type, a bad date, a
broken practice rule (``rules.problems``) or a string or list over its limit stops
it with one ``PodFileError`` that names the place (``pod.scales[1].scores[0].score:
11 is not between 0 and 10``). Control characters are removed from every string
(``text.clean``); numbers, nesting and the size of ``pod.extra`` have limits
(the contract lists them). Nesting is checked on the text before ``json`` reads
it, so no file can make the reader recurse too deeply.

The model's fields that the contract has no key for (a statement's
acknowledgement, the family's view, drafts, a goal's network, the stage the pod
was left at, the child's views, the record's author, the next review and the
manager's decision) travel in ``pod.extra["gq_pods"]``, written only when one of them
is non-empty. Every other key of ``pod.extra`` is kept exactly as it was.

Export writes only what import accepts: ``dumps`` re-reads its own text and
raises ``PodFileError`` for a pod whose file would be refused (a broken rule, a
string over 20,000 characters, ``pod.extra`` holding something that is not JSON,
over its limits or using the reserved ``gq_pods`` key). Strings are cleaned as
import cleans them, and anything left that could act on a terminal (DEL, marks,
line separators) is written as a ``\\uXXXX`` escape: export then import then
export gives the same file.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .days import NotADay, parse_day
from .model import (
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
    Reflection,
    SafetyGoal,
    Scale,
    ScaleScore,
    StageRecord,
)
from .rules import problems
from .text import clean, escape_json

FORMAT = "gq-pods.pod"
VERSION = 2
CHAIN_FORMAT = "gq-pods.chain"  # a case's pods, oldest first, in one file (version 2 on)
MAX_CHAIN = 500  # pods in one chain file
MAX_TEXT = 20_000
MAX_ITEMS = 500
MAX_EXTRA_DEPTH = 16  # pod.extra itself is the first level
MAX_EXTRA_KEYS = 500  # per object in pod.extra
MAX_EXTRA_CHARS = 200_000  # all of pod.extra's keys, strings, numbers and brackets
MAX_SECONDS = 604_800  # a week on one stage
# The deepest a pod file can be: the file, the pod, then pod.extra's levels.
_MAX_FILE_DEPTH = 2 + MAX_EXTRA_DEPTH
_MAX_CHAIN_DEPTH = 3 + MAX_EXTRA_DEPTH  # a chain file: the file, its list of pods, a pod, pod.extra
EXTRA_KEY = "gq_pods"  # our namespace inside pod.extra
FILE = "(file)"  # the path of problems with the file as a whole

_MAX_MESSAGE = 400


class PodFileError(ValueError):
    """A pod file that cannot be imported (or a pod that cannot be exported).

    ``path`` names the place in pod-file terms (``pod.map.harm[0].text``), or is
    ``"(file)"`` for the file as a whole; ``message`` says what is wrong.
    ``str(error)`` is ``"path: message"``, or just the message for the file as a
    whole ("The file is empty.").
    """

    def __init__(self, path: str, message: str) -> None:
        if len(message) > _MAX_MESSAGE:
            message = message[: _MAX_MESSAGE - 3] + "..."
        self.path = path
        self.message = message
        super().__init__(path, message)  # args as given, so the error pickles

    def __str__(self) -> str:
        return self.message if self.path == FILE else f"{self.path}: {self.message}"


# ---------------------------------------------------------------- paths and values

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z", re.ASCII)
_SURROGATE = re.compile("[\ud800-\udfff]")


def _at(path: str, key: str) -> str:
    """The path of ``key`` inside the object at ``path``: ``pod.map`` or ``pod.extra["a b"]``."""
    if len(key) <= 60 and _NAME.match(key):
        return f"{path}.{key}" if path else key
    shown = json.dumps(key[:60]) + ("..." if len(key) > 60 else "")
    return f"{path}[{shown}]"


class _NotJSON:
    """NaN, Infinity or -Infinity: Python's json reads them, the JSON standard has none."""

    def __init__(self, name: str) -> None:
        self.name = name


class _Object(dict):
    """A JSON object as read, remembering any key that came more than once."""

    repeated: tuple[str, ...] = ()


def _object_pairs(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object(pairs)
    if len(obj) < len(pairs):  # name the first key that came again
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                obj.repeated = (key,)
                break
            seen.add(key)
    return obj


def _show(value: Any) -> str:
    """A value as a message shows it: JSON words, short, on one line."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, _NotJSON):
        return value.name
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return json.dumps(value[:40]) + ("..." if len(value) > 40 else "")
    if isinstance(value, int):
        text = str(value) if value.bit_length() < 64 else "a very large number"
        return text
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        return json.dumps(value) if math.isfinite(value) else "a number too large to hold"
    return f"a {type(value).__name__}"


def _wrong(path: str, expected: str, value: Any) -> PodFileError:
    return PodFileError(path, f"expected {expected}, got {_show(value)}")


def _clean(text: str, path: str) -> str:
    """A string as stored: control characters removed, within the limit, real characters only."""
    text = clean(text)
    if len(text) > MAX_TEXT:
        raise PodFileError(path, f"too long: {len(text):,} characters, and the most is {MAX_TEXT:,}")
    if _SURROGATE.search(text):
        raise PodFileError(path, "holds an unpaired surrogate (\\ud800 to \\udfff), which is not a character")
    return text


def _check_items(value: Any, path: str) -> None:
    if len(value) > MAX_ITEMS:
        raise PodFileError(path, f"too many items: {len(value):,}, and the most is {MAX_ITEMS}")


def _object(value: Any, path: str, known: Any) -> Mapping[str, Any]:
    """``value`` as an object whose keys are all in ``known`` (None: any key)."""
    if not isinstance(value, Mapping):
        raise _wrong(path, "an object", value)
    for key in value:
        if not isinstance(key, str):
            raise PodFileError(path, f"keys must be text, got {_show(key)}")
        if known is not None and key not in known:
            raise PodFileError(_at(path, key), "unknown key")
    repeated = getattr(value, "repeated", ())
    if repeated:
        raise PodFileError(_at(path, repeated[0]), "this key appears more than once")
    return value


# ---------------------------------------------------------------- kinds of value
#
# Each kind reads a value from the file (checking it strictly) and writes a model
# value to the file. Writing checks types too, so a slip in the model is named by
# its path rather than surfacing as a TypeError from json.


class _Kind:
    def read(self, value: Any, path: str) -> Any:
        raise NotImplementedError

    def write(self, value: Any, path: str) -> Any:
        raise NotImplementedError


class _Text(_Kind):
    def __init__(self, nullable: bool = False) -> None:
        self.nullable = nullable
        self.expected = "text or null" if nullable else "text"

    def read(self, value: Any, path: str) -> Any:
        if value is None and self.nullable:
            return None
        if not isinstance(value, str):
            raise _wrong(path, self.expected, value)
        return _clean(value, path)

    def write(self, value: Any, path: str) -> Any:
        if value is None and self.nullable:
            return None
        if not isinstance(value, str):
            raise _wrong(path, self.expected, value)
        return clean(value)


class _Bool(_Kind):
    def read(self, value: Any, path: str) -> Any:
        if not isinstance(value, bool):
            raise _wrong(path, "true or false", value)
        return value

    write = read


class _Int(_Kind):
    """A whole number from ``low`` to ``high``; ``out_of_range`` is the message beyond them."""

    def __init__(
        self,
        low: int,
        high: int,
        expected: str = "a whole number",
        nullable: bool = False,
        out_of_range: str = "{value} is not between {low:,} and {high:,}",
    ) -> None:
        self.low = low
        self.high = high
        self.out_of_range = out_of_range
        self.nullable = nullable
        self.expected = expected + (" or null" if nullable else "")

    def read(self, value: Any, path: str) -> Any:
        if value is None and self.nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise _wrong(path, self.expected, value)
        if not self.low <= value <= self.high:
            raise PodFileError(path, self.out_of_range.format(value=_show(value), low=self.low, high=self.high))
        return value

    write = read


class _Date(_Kind):
    def __init__(self, nullable: bool = False) -> None:
        self.nullable = nullable
        self.expected = "a date (YYYY-MM-DD)" + (" or null" if nullable else "")

    def read(self, value: Any, path: str) -> Any:
        if value is None and self.nullable:
            return None
        if not isinstance(value, str):
            raise _wrong(path, self.expected, value)
        value = clean(value)
        try:
            return parse_day(value)
        except NotADay as error:
            if not error.shape_ok:
                raise PodFileError(path, f"{_show(value)} is not a date in the form YYYY-MM-DD") from None
            raise PodFileError(path, f"{_show(value)} is not a real date") from None

    def write(self, value: Any, path: str) -> Any:
        if value is None and self.nullable:
            return None
        if not isinstance(value, _dt.date) or isinstance(value, _dt.datetime):
            raise _wrong(path, self.expected, value)
        return value.isoformat()


class _List(_Kind):
    def __init__(self, item: _Kind) -> None:
        self.item = item

    def read(self, value: Any, path: str) -> Any:
        if not isinstance(value, list):
            raise _wrong(path, "a list", value)
        _check_items(value, path)
        return [self.item.read(v, f"{path}[{i}]") for i, v in enumerate(value)]

    def write(self, value: Any, path: str) -> Any:
        if not isinstance(value, list):
            raise _wrong(path, "a list", value)
        return [self.item.write(v, f"{path}[{i}]") for i, v in enumerate(value)]


class _Record(_Kind):
    """A JSON object of known keys, read into a dataclass of the same field names."""

    def __init__(self, cls: type, fields: dict[str, _Kind], required: tuple[str, ...] = ()) -> None:
        self.cls = cls
        self.fields = fields
        self.required = required

    def read(self, value: Any, path: str) -> Any:
        obj = _object(value, path, self.fields)
        for key in self.required:
            if key not in obj:
                raise PodFileError(_at(path, key), "required, but missing")
        return self.cls(**self.read_fields(obj, path))

    def read_fields(self, obj: Mapping[str, Any], path: str) -> dict[str, Any]:
        return {key: kind.read(obj[key], _at(path, key)) for key, kind in self.fields.items() if key in obj}

    def write(self, value: Any, path: str) -> Any:
        if not isinstance(value, self.cls):
            raise _wrong(path, f"a {self.cls.__name__}", value)
        return {key: kind.write(getattr(value, key), _at(path, key)) for key, kind in self.fields.items()}


class _ById(_Kind):
    """An object keyed by the id of a statement or goal (in the gq_pods namespace)."""

    def __init__(self, item: _Kind) -> None:
        self.item = item

    def read(self, value: Any, path: str) -> Any:
        obj = _object(value, path, None)
        _check_items(obj, path)
        return {_clean(key, _at(path, key)): self.item.read(v, _at(path, key)) for key, v in obj.items()}


_TOO_DEEP = f"nested too deeply: pod.extra may hold at most {MAX_EXTRA_DEPTH} levels, counting itself as the first"


class _Extra:
    """``pod.extra``, read or written: any JSON, kept as it is within the contract's limits.

    Strings and keys are cleaned. It nests at most ``MAX_EXTRA_DEPTH`` levels
    (itself the first), has at most ``MAX_EXTRA_KEYS`` keys per object and
    ``MAX_EXTRA_CHARS`` characters in all (keys, strings, numbers and brackets:
    about its size as compact JSON). The depth is checked before going deeper,
    so reading never recurses more than that. Our own namespace (``gq_pods``)
    is handed back unread on import, for its own rules to check, and refused on
    export, where the model's fields go into it instead.
    """

    def __init__(self, path: str, exporting: bool = False) -> None:
        self.root = path
        self.exporting = exporting
        self.left = MAX_EXTRA_CHARS
        self.namespace: Any = {}

    def read(self, value: Any) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise _wrong(self.root, "an object", value)
        return self._object(value, self.root, 1, top=True)

    def _spend(self, characters: int) -> None:
        self.left -= characters
        if self.left < 0:
            raise PodFileError(self.root, f"too big: more than {MAX_EXTRA_CHARS:,} characters in all, and that is the most")

    def _value(self, value: Any, path: str, depth: int) -> Any:
        if value is None or isinstance(value, bool):
            self._spend(5)
            return value
        if isinstance(value, str):
            value = _clean(value, path)
            self._spend(len(value) + 2)
            return value
        if isinstance(value, int):
            if value.bit_length() > 10_000:
                raise PodFileError(path, "this number has too many digits to keep")
            self._spend(len(str(value)))
            return value
        if isinstance(value, float):
            if math.isnan(value):
                raise PodFileError(path, "NaN is not a number JSON allows")
            if math.isinf(value):
                raise PodFileError(path, "this number is too large to keep")
            self._spend(len(repr(value)))
            return value
        if isinstance(value, _NotJSON):
            raise PodFileError(path, f"{value.name} is not a number JSON allows")
        if isinstance(value, (list, Mapping)):
            if depth >= MAX_EXTRA_DEPTH:
                raise PodFileError(path, _TOO_DEEP)
            if isinstance(value, list):
                _check_items(value, path)
                self._spend(2)
                return [self._value(v, f"{path}[{i}]", depth + 1) for i, v in enumerate(value)]
            return self._object(value, path, depth + 1)
        raise PodFileError(path, f"{_show(value)} cannot be kept in a pod file (only JSON values can)")

    def _object(self, value: Any, path: str, depth: int, top: bool = False) -> dict[str, Any]:
        if isinstance(value, Mapping) and len(value) > MAX_EXTRA_KEYS:  # before looking at a million keys
            raise PodFileError(path, f"too many keys: {len(value):,}, and the most is {MAX_EXTRA_KEYS}")
        obj = _object(value, path, None)
        self._spend(2)
        out: dict[str, Any] = {}
        seen: set[str] = set()
        for key, v in obj.items():
            clean_key = _clean(key, _at(path, key))
            at = _at(path, clean_key)
            if clean_key in seen:
                raise PodFileError(at, "this key appears more than once")
            seen.add(clean_key)
            if top and clean_key == EXTRA_KEY:
                if self.exporting:
                    raise PodFileError(at, "this key is kept for gq-pods' own fields; keep other data under another key")
                self.namespace = v
                continue
            self._spend(len(clean_key) + 3)
            out[clean_key] = self._value(v, at, depth)
        return out


_TEXT = _Text()
_BOOL = _Bool()
_DRAFT = _Record(Draft, {"author": _TEXT, "text": _TEXT})


@dataclass
class _StatementExtra:
    acknowledgement: str = ""
    family_view: str = ""
    drafts: list[Draft] = field(default_factory=list)


@dataclass
class _GoalExtra:
    network: str = ""
    drafts: list[Draft] = field(default_factory=list)


# The pod's own fields kept in the namespace (a version 1 file has no key for them), in file order.
_POD_EXTRA_FIELDS: dict[str, _Kind] = {
    "current_stage": _TEXT,
    "childs_views": _TEXT,
    "record_author": _TEXT,
    "next_review": _Date(nullable=True),
    "manager_decision": _TEXT,
}

_NAMESPACE_FIELDS: dict[str, _Kind] = {
    **_POD_EXTRA_FIELDS,
    "danger_statements": _ById(
        _Record(_StatementExtra, {"acknowledgement": _TEXT, "family_view": _TEXT, "drafts": _List(_DRAFT)})
    ),
    "safety_goals": _ById(_Record(_GoalExtra, {"network": _TEXT, "drafts": _List(_DRAFT)})),
}


_NAMESPACE = _Record(dict, _NAMESPACE_FIELDS)  # read_fields only: its parts go onto the model


def _items(cls: type, **fields: _Kind) -> _List:
    return _List(_Record(cls, fields))


# version 2 adds `carried` (version 1 files have only `text`)
_MAP_ITEMS = _items(MapItem, text=_TEXT, carried=_TEXT)

# The pod, key by key, in the contract's order. `extra` is handled apart.
_POD_FIELDS: dict[str, _Kind] = {
    "date": _Date(),
    "style": _TEXT,
    "title": _TEXT,
    "team": _TEXT,
    "case_reason": _TEXT,
    "case_reference": _TEXT,
    "focus_question": _TEXT,
    "manager_present": _BOOL,
    "status": _TEXT,
    "practice": _BOOL,
    "participants": _items(Participant, name=_TEXT, role=_TEXT),
    "people": _items(
        Person,
        id=_TEXT,
        name=_TEXT,
        relationship=_TEXT,
        kind=_TEXT,
        age=_Int(0, 130, nullable=True, out_of_range="{value} is not an age between {low} and {high}"),
        in_household=_BOOL,
    ),
    "map": _Record(
        PodMap,
        {
            "harm": _MAP_ITEMS,
            "complicating_factors": _MAP_ITEMS,
            "grey_areas": _MAP_ITEMS,
            "existing_strengths": _MAP_ITEMS,
            "existing_safety": _MAP_ITEMS,
            "next_steps": _items(
                NextStep,
                text=_TEXT,
                owner=_TEXT,
                due=_Date(nullable=True),
                status=_TEXT,
                # version 2: what became of the step
                outcome=_TEXT,
                outcome_reason=_TEXT,
                outcome_on=_Date(nullable=True),
                outcome_by=_TEXT,
            ),
        },
    ),
    "danger_statements": _items(
        DangerStatement,
        id=_TEXT,
        who_is_worried=_TEXT,
        behaviour=_TEXT,
        example=_TEXT,
        impact=_TEXT,
        text=_TEXT,
    ),
    "safety_goals": _items(
        SafetyGoal,
        id=_TEXT,
        danger_statement=_TEXT,
        caregiver_actions=_TEXT,
        child_experience=_TEXT,
        professionals_will_see=_TEXT,
        duration=_TEXT,
        text=_TEXT,
    ),
    "scales": _items(
        Scale,
        about=_TEXT,
        question=_TEXT,
        scores=_items(
            ScaleScore,
            who=_TEXT,
            score=_Int(0, 10, "a whole number from 0 to 10"),
            reason=_TEXT,
            next_point=_TEXT,
        ),
    ),
    "bottom_lines": _items(BottomLine, text=_TEXT),
    "contingencies": _items(Contingency, trigger=_TEXT, response=_TEXT, who=_TEXT),
    "stages": _items(
        StageRecord,
        key=_TEXT,
        title=_TEXT,
        notes=_TEXT,
        seconds_spent=_Int(0, MAX_SECONDS, out_of_range="{value} is not between {low} and {high:,} seconds (a week)"),
    ),
    "reflection": _Record(
        Reflection,
        {
            "focus_question_answered": _Text(nullable=True),
            "pleased_with": _TEXT,
            "most_useful": _TEXT,
            "learning": _TEXT,
        },
    ),
}
# version 2: `follows` (after `practice` in the file) is true when the pod follows up an earlier
# pod of its case. The model keeps the link as a database id, which means nothing in another
# database: a chain file links its pods by their order instead.
_FOLLOWS_AFTER = "practice"
_POD_KEYS = (*_POD_FIELDS, "follows", "extra")
_POD_REQUIRED = ("date", "style")
_FILE_KEYS = ("format", "version", "exported_at", "pod")


# ---------------------------------------------------------------- import


def loads(text: str) -> Pod:
    """The pod in a pod file's text; raises PodFileError naming what is wrong and where."""
    return from_dict(_parse(text))


def _parse(text: str, most: int = _MAX_FILE_DEPTH) -> Any:
    """The JSON in ``text``, nested at most ``most`` levels; PodFileError when it is not that."""
    if text.startswith("\ufeff"):  # a byte order mark some editors add
        text = text[1:]
    if not text.strip():
        raise PodFileError(FILE, "The file is empty.")
    _check_nesting(text, most)
    try:
        return json.loads(text, object_pairs_hook=_object_pairs, parse_constant=_NotJSON)
    except json.JSONDecodeError as error:
        raise PodFileError(
            FILE, f"This is not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:
        raise PodFileError(FILE, "This file is nested too deeply to read.") from None
    except ValueError as error:
        if "digits" in str(error):
            raise PodFileError(FILE, "This file holds a number with too many digits to read.") from None
        raise PodFileError(FILE, f"This is not valid JSON: {error}") from None


# A JSON string, or one that never ends (it runs to the end of the text): matching
# those too keeps the scan linear, where a failed match would be retried at every quote.
_STRING_PATTERN = r'"[^"\\]*(?:\\[\s\S]?[^"\\]*)*(?:"|\Z)'
_STRING = re.compile(_STRING_PATTERN)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_EMPTY_PAIRS = re.compile(r"\[\]|\{\}")
_TOKEN = re.compile(_STRING_PATTERN + r"|[\[\]{}:,]")


def _check_nesting(text: str, most: int = _MAX_FILE_DEPTH) -> None:
    """Refuse a file nested deeper than any pod file can be, before ``json`` reads it.

    ``json.loads`` recurses once per level and would fail with a RecursionError
    (or worse) on a file nested thousands deep. Brackets inside strings do not
    count. The error names the place as the full reading would.
    """
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    for _ in range(most):
        if not brackets:
            return
        brackets = _EMPTY_PAIRS.sub("", brackets)
    if brackets:  # too deep, or not JSON at all: find out which, and where
        _find_too_deep(text, most)


_IN_EXTRA = re.compile(r"(?:pod|pods\[\d+\])\.extra[.\[]")


def _find_too_deep(text: str, most: int = _MAX_FILE_DEPTH) -> None:
    """Raise PodFileError at the first place nested deeper than ``_MAX_FILE_DEPTH``.

    Returns quietly for text that is broken first (a string that never ends,
    an unreadable key), leaving ``json`` to say where.
    """
    frames: list[list[Any]] = []  # per open bracket: [is_list, index or key]
    key: Any = None
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0] == '"':
            if match.end() == len(text):
                return  # a string that never ends
            key = token
        elif token == ":":
            if not frames or frames[-1][0] or not isinstance(key, str):
                return
            try:
                frames[-1][1] = json.loads(key)
            except ValueError:
                return
        elif token == ",":
            if frames and frames[-1][0]:
                frames[-1][1] += 1
        elif token in "[{":
            frames.append([token == "[", 0 if token == "[" else ""])
            if len(frames) > most:
                break
        elif frames:
            frames.pop()
        else:
            return
    else:
        return
    if frames[0][0]:
        raise PodFileError(FILE, "A pod file holds one JSON object, but this file holds a list.")
    path = ""
    for is_list, where in frames[:-1]:
        path = f"{path}[{where}]" if is_list else _at(path, clean(where))
    in_extra = _IN_EXTRA.match(path) is not None
    raise PodFileError(path, _TOO_DEEP if in_extra else "nested too deeply: nothing in a pod file is nested this deep")


def load_bytes(data: bytes) -> Pod:
    """The pod in a pod file's bytes, which must be UTF-8."""
    return loads(_decode(data))


def _decode(data: bytes) -> str:
    data = bytes(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PodFileError(
            FILE,
            f"This file is not UTF-8 text: the byte 0x{data[error.start]:02x} at position "
            f"{error.start:,} cannot be read. Save the file as UTF-8 and try again.",
        ) from None


def load_any_bytes(data: bytes) -> list[Pod]:
    """The pods in a pod file ([the pod]) or a chain file (the case's pods, oldest first).

    In the list a chain file gives, each pod after the first follows the one
    before it: store them in order and link each to the one stored before (the
    ``follows`` ids are left None here, as no pod has an id yet).
    """
    text = _decode(data)
    if not _CHAIN_HINT.search(text):
        return [loads(text)]
    parsed = _parse(text, _MAX_CHAIN_DEPTH)
    if isinstance(parsed, Mapping) and isinstance(parsed.get("format"), str) and clean(parsed["format"]) == CHAIN_FORMAT:
        return _from_chain_dict(parsed)
    _check_nesting(text.removeprefix("\ufeff"))  # a pod file nests one level less: say so as loads would
    return [from_dict(parsed)]


# A chain file names its format; anything else is read (and its nesting checked) as a pod file.
_CHAIN_HINT = re.compile(r'"format"\s*:\s*"' + re.escape(CHAIN_FORMAT) + '"')


def loads_chain(text: str) -> list[Pod]:
    """The pods in a chain file's text, oldest first (see :func:`load_any_bytes`)."""
    return _from_chain_dict(_parse(text, _MAX_CHAIN_DEPTH))


def _from_chain_dict(data: Any) -> list[Pod]:
    try:
        return _read_chain(data)
    except RecursionError:
        raise PodFileError(FILE, "This file is nested too deeply to read.") from None


def from_dict(data: Any) -> Pod:
    """The pod in an already parsed pod file object, with every check ``loads`` makes."""
    try:
        return _read_file(data)
    except RecursionError:
        raise PodFileError(FILE, "This file is nested too deeply to read.") from None


def _read_file(data: Any) -> Pod:
    if not isinstance(data, Mapping):
        raise PodFileError(FILE, f"A pod file holds one JSON object, but this file holds {_kind_of(data)}.")
    if "format" not in data:
        raise PodFileError("format", 'required, but missing: a pod file starts with "format": "gq-pods.pod"')
    if isinstance(data["format"], str) and clean(data["format"]) == CHAIN_FORMAT:
        raise PodFileError(
            "format", f'"{CHAIN_FORMAT}" is a chain file, a case\'s pods together: `gq-pods import` reads it'
        )
    if not isinstance(data["format"], str) or clean(data["format"]) != FORMAT:
        raise PodFileError("format", f'expected "{FORMAT}", got {_show(data["format"])}: this is not a gq-pods pod file')
    _check_version(data)
    _object(data, "", _FILE_KEYS)
    if data.get("exported_at") is not None:
        _read_timestamp(data["exported_at"], "exported_at")
    if "pod" not in data:
        raise PodFileError("pod", "required, but missing")
    return _read_pod(data["pod"], "pod")


_CHAIN_KEYS = ("format", "version", "exported_at", "pods")


def _read_chain(data: Any) -> list[Pod]:
    if not isinstance(data, Mapping):
        raise PodFileError(FILE, f"A chain file holds one JSON object, but this file holds {_kind_of(data)}.")
    if "format" not in data or not isinstance(data["format"], str) or clean(data["format"]) != CHAIN_FORMAT:
        raise PodFileError("format", f'expected "{CHAIN_FORMAT}": this is not a gq-pods chain file')
    version = _check_version(data)
    if version < 2:
        raise PodFileError("version", "chain files start at format version 2")
    _object(data, "", _CHAIN_KEYS)
    if data.get("exported_at") is not None:
        _read_timestamp(data["exported_at"], "exported_at")
    if "pods" not in data:
        raise PodFileError("pods", "required, but missing")
    items = data["pods"]
    if not isinstance(items, list):
        raise _wrong("pods", "a list", items)
    if not items:
        raise PodFileError("pods", "a chain holds at least one pod")
    if len(items) > MAX_CHAIN:
        raise PodFileError("pods", f"too many pods: {len(items):,}, and the most is {MAX_CHAIN}")
    pods = []
    for i, item in enumerate(items):
        pod, follows = _read_pod_and_link(item, f"pods[{i}]")
        if i and not follows:
            raise PodFileError(
                f"pods[{i}].follows",
                "expected true: each pod of a chain after the first follows up the one before it",
            )
        pods.append(pod)
    return pods


def _check_version(data: Mapping[str, Any]) -> int:
    if "version" not in data:
        raise PodFileError("version", "required, but missing")
    version = data["version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise _wrong("version", "a whole number", version)
    if version > VERSION:
        raise PodFileError(
            FILE,
            f"This pod file was written by a newer gq-pods (format version {version}). "
            "Upgrade gq-pods to import it.",
        )
    if version < 1:
        raise PodFileError("version", f"{version} is not a format version; versions start at 1")
    return version


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    return "a number"


def _read_timestamp(value: Any, path: str) -> _dt.datetime:
    if not isinstance(value, str):
        raise _wrong(path, "a date and time like 2026-11-20T10:15:00Z, or null", value)
    try:
        return _dt.datetime.fromisoformat(clean(value))
    except ValueError:
        raise PodFileError(path, f"{_show(value)} is not a date and time like 2026-11-20T10:15:00Z") from None


def _read_pod(value: Any, path: str) -> Pod:
    return _read_pod_and_link(value, path)[0]


def _read_pod_and_link(value: Any, path: str) -> tuple[Pod, bool]:
    """The pod at ``path``, and whether the file says it follows an earlier pod."""
    obj = _object(value, path, _POD_KEYS)
    for key in _POD_REQUIRED:
        if key not in obj:
            raise PodFileError(_at(path, key), "required, but missing")
    pod = Pod(**_Record(Pod, _POD_FIELDS).read_fields(obj, path))
    follows = _BOOL.read(obj["follows"], _at(path, "follows")) if "follows" in obj else False

    extra_path = _at(path, "extra")
    reader = _Extra(extra_path)
    pod.extra = reader.read(obj.get("extra", {}))
    namespace = reader.namespace
    ns_path = _at(extra_path, EXTRA_KEY)
    ours = _NAMESPACE.read_fields(_object(namespace, ns_path, _NAMESPACE_FIELDS), ns_path)

    found = problems(pod)
    if found:
        raise PodFileError(path + found[0].path.removeprefix("pod"), found[0].message)

    for name in _POD_EXTRA_FIELDS:
        if name in ours:
            setattr(pod, name, ours[name])
    statements_path = _at(ns_path, "danger_statements")
    for statement_id, more in ours.get("danger_statements", {}).items():
        statement = pod.statement(statement_id)
        if statement is None:
            raise PodFileError(_at(statements_path, statement_id), "there is no danger statement with this id in the pod")
        statement.acknowledgement = more.acknowledgement
        statement.family_view = more.family_view
        statement.drafts = more.drafts
    goals_path = _at(ns_path, "safety_goals")
    for goal_id, more in ours.get("safety_goals", {}).items():
        goal = next((g for g in pod.safety_goals if g.id == goal_id), None)
        if goal is None:
            raise PodFileError(_at(goals_path, goal_id), "there is no safety goal with this id in the pod")
        goal.network = more.network
        goal.drafts = more.drafts
    return pod, follows


# ---------------------------------------------------------------- export


def to_dict(pod: Pod, exported_at: _dt.datetime | None = None) -> dict[str, Any]:
    """The pod file as a JSON-ready dict, keys in the contract's order.

    Checks the model's types (naming the path) but not the practice rules or the
    limits; ``dumps`` checks everything by reading its own text back.
    """
    return {"format": FORMAT, "version": VERSION, "exported_at": _timestamp(exported_at), "pod": _write_pod(pod, "pod")}


def _write_pod(pod: Pod, path: str, follows: bool | None = None) -> dict[str, Any]:
    """The pod object; ``follows`` overrides whether it says it follows an earlier pod."""
    if not isinstance(pod, Pod):
        raise _wrong(path, "a Pod", pod)
    body: dict[str, Any] = {}
    for key, kind in _POD_FIELDS.items():
        body[key] = kind.write(getattr(pod, key), _at(path, key))
        if key == _FOLLOWS_AFTER:
            body["follows"] = pod.follows is not None if follows is None else follows
    body["extra"] = _write_extra(pod, _at(path, "extra"))
    return body


def dumps(pod: Pod, exported_at: _dt.datetime | None = None) -> str:
    """The pod file's text: deterministic JSON, indent 2, readable UTF-8 characters as they are
    (controls, marks and separators escaped, see ``text.escape_json``).

    ``exported_at`` defaults to now; a naive datetime is taken as local time, as
    Python's ``astimezone`` does. Raises PodFileError for a pod whose file
    ``loads`` would refuse, naming the path.
    """
    data = to_dict(pod, exported_at)
    try:
        text = escape_json(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)) + "\n"
    except RecursionError:
        raise PodFileError("pod.extra", "nested too deeply to write") from None
    except ValueError as error:  # e.g. an int with more digits than Python will print
        raise PodFileError("pod.extra", f"cannot be written as JSON: {error}") from None
    loads(text)  # export only what import accepts
    return text


def dumps_chain(chain: Sequence[Pod], exported_at: _dt.datetime | None = None) -> str:
    """A chain file's text: the case's pods ``chain``, oldest first, in one file.

    Each pod after the first is written as following the one before it (the
    order is the link); the first as following none. Checked by reading it back,
    as :func:`dumps` does.
    """
    if not chain:
        raise PodFileError("pods", "a chain holds at least one pod")
    pods = [_write_pod(pod, f"pods[{i}]", follows=i > 0) for i, pod in enumerate(chain)]
    data = {"format": CHAIN_FORMAT, "version": VERSION, "exported_at": _timestamp(exported_at), "pods": pods}
    try:
        text = escape_json(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)) + "\n"
    except RecursionError:
        raise PodFileError("pods", "nested too deeply to write") from None
    except ValueError as error:
        raise PodFileError("pods", f"cannot be written as JSON: {error}") from None
    loads_chain(text)  # export only what import accepts
    return text


def _timestamp(at: _dt.datetime | None) -> str:
    at = at if at is not None else _dt.datetime.now(_dt.timezone.utc)
    utc = at.astimezone(_dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    return utc.isoformat() + "Z"


def _write_extra(pod: Pod, path: str = "pod.extra") -> dict[str, Any]:
    if not isinstance(pod.extra, dict):
        raise _wrong(path, "an object (a dict)", pod.extra)
    extra = _Extra(path, exporting=True).read(pod.extra)
    namespace = _write_namespace(pod)
    if namespace:
        extra[EXTRA_KEY] = namespace
    return extra


def _write_namespace(pod: Pod) -> dict[str, Any]:
    ns: dict[str, Any] = {}
    for name, kind in _POD_EXTRA_FIELDS.items():
        value = kind.write(getattr(pod, name), f"pod.{name}")
        if value:
            ns[name] = value

    statements: dict[str, Any] = {}
    for i, statement in enumerate(pod.danger_statements):
        at = f"pod.danger_statements[{i}]"
        entry = _non_empty(
            ("acknowledgement", _TEXT.write(statement.acknowledgement, f"{at}.acknowledgement")),
            ("family_view", _TEXT.write(statement.family_view, f"{at}.family_view")),
            ("drafts", _List(_DRAFT).write(statement.drafts, f"{at}.drafts")),
        )
        if entry:
            statements[_TEXT.write(statement.id, f"{at}.id")] = entry
    if statements:
        ns["danger_statements"] = statements

    goals: dict[str, Any] = {}
    for i, goal in enumerate(pod.safety_goals):
        at = f"pod.safety_goals[{i}]"
        entry = _non_empty(
            ("network", _TEXT.write(goal.network, f"{at}.network")),
            ("drafts", _List(_DRAFT).write(goal.drafts, f"{at}.drafts")),
        )
        if entry:
            goals[_TEXT.write(goal.id, f"{at}.id")] = entry
    if goals:
        ns["safety_goals"] = goals
    return ns


def _non_empty(*pairs: tuple[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in pairs if value}


__all__ = [
    "CHAIN_FORMAT",
    "EXTRA_KEY",
    "MAX_CHAIN",
    "FORMAT",
    "MAX_EXTRA_CHARS",
    "MAX_EXTRA_DEPTH",
    "MAX_EXTRA_KEYS",
    "MAX_ITEMS",
    "MAX_SECONDS",
    "MAX_TEXT",
    "VERSION",
    "PodFileError",
    "dumps",
    "dumps_chain",
    "from_dict",
    "load_any_bytes",
    "load_bytes",
    "loads",
    "loads_chain",
    "to_dict",
]
