"""The importer under attack: random damage to good pod files, and the hostile files people found.

Every file either imports or is refused with a PodFileError naming the place;
nothing else ever escapes (no RecursionError, OverflowError, ValueError). A pod
that imports holds no control characters, saves to a real SQLite repository,
loads back equal, takes an edit, renders to markdown and exports again.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gq_pods.model import MapItem, Pod
from gq_pods.podfile import PodFileError, dumps, load_bytes
from gq_pods.record import render_markdown
from tests.factories import full_pod
from tests.test_podfile_props import FILE_PODS, cleaned

AT = dt.datetime(2026, 11, 20, 10, 15, tzinfo=dt.timezone.utc)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)

# What import removes (CR aside, which becomes a newline), and controls in general.
REMOVED = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x80, 0xA0))]
REMOVED += list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
CONTROLS = [*REMOVED, *"\r\n\t\x7f\u200e\u2028"]


def good_file() -> dict[str, Any]:
    return json.loads(dumps(full_pod(), AT))


def nested(depth: int) -> Any:
    """A list inside a list ... ``depth`` lists in all, built without recursion."""
    value: Any = "bottom"
    for _ in range(depth):
        value = [value]
    return value


def imports_whole_or_not_at_all(data: bytes, repo: Any) -> Pod | PodFileError:
    """Import ``data`` as `gq-pods import` does; check what a practitioner would then do with it.

    Returns the PodFileError when the file is refused, else the pod as imported.
    """
    before = repo.count_pods()
    try:
        pod = load_bytes(data)
    except PodFileError as error:
        message = str(error)
        assert message and "\n" not in message and len(message) < 2_000
        assert repo.count_pods() == before
        return error
    assert cleaned(pod) == pod, "a control character got through"
    pod.id = None
    new_id = repo.add_pod(pod)
    back = repo.get_pod(new_id)
    assert back == pod
    imported = copy.deepcopy(back)
    back.map.harm.append(MapItem("Added after the import"))
    repo.save_pod(back)
    assert repo.get_pod(new_id).map.harm[-1].text == "Added after the import"
    assert render_markdown(back)
    exported = load_bytes(dumps(back, AT).encode("utf-8"))
    exported.id = back.id
    assert exported == back
    return imported


# ---------------------------------------------------------------- random damage

HOSTILE_TEXT = st.one_of(
    st.text(st.sampled_from(CONTROLS) | st.characters(), max_size=30),
    st.integers(19_995, 20_005).map(lambda n: "\x9b" * 3 + "x" * n),
)
HOSTILE_NUMBERS = st.one_of(
    st.sampled_from([0, 10, 11, 130, 131, 604_800, 604_801, -1, 2**63, -(2**63), 10**400, 5.0, -0.0, 1e308]),
    st.integers(-5, 700_000),
    st.floats(),  # NaN and Infinity too: json.dumps writes them, and they must be refused
)
HOSTILE_VALUES = st.one_of(
    st.sampled_from([True, None, "", [], {}]),
    HOSTILE_TEXT,
    HOSTILE_NUMBERS,
    st.integers(12, 40).map(nested),
    st.integers(495, 505).map(lambda n: {f"k{i}\x1b": i for i in range(n)}),
    st.integers(498, 502).map(lambda n: [{"text": "\r\n"}] * n),
)


def places(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a parsed file."""
    found: list[tuple[Any, Any]] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found.extend((item, key) for key in item)
            stack.extend(item.values())
        elif isinstance(item, list):
            found.extend((item, i) for i in range(len(item)))
            stack.extend(item)
    return found


@st.composite
def damaged_files(draw: st.DrawFn) -> bytes:
    """A good pod file with a few values swapped for hostile ones (mostly of the same type,
    so that many still import), perhaps something new in ``extra``, perhaps its text hurt too."""
    data = json.loads(dumps(draw(st.just(full_pod()) | FILE_PODS), AT))
    for _ in range(draw(st.integers(1, 3))):
        container, where = draw(st.sampled_from(places(data)))
        current = container[where]
        alike = HOSTILE_TEXT if isinstance(current, str) else HOSTILE_NUMBERS if type(current) is int else HOSTILE_VALUES
        container[where] = draw(alike if draw(st.integers(0, 3)) else HOSTILE_VALUES)
    extra = data["pod"].setdefault("extra", {}) if isinstance(data["pod"], dict) else None
    if isinstance(extra, dict) and draw(st.booleans()):
        extra[draw(HOSTILE_TEXT)] = draw(HOSTILE_VALUES)
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    cut = draw(st.integers(0, len(text)))
    damage = draw(st.sampled_from(["none"] * 5 + ["control", "cut", "bytes"]))
    if damage == "control":  # raw, inside a string or not
        text = text[:cut] + draw(st.sampled_from(CONTROLS)) + text[cut:]
    elif damage == "cut":
        text = text[:cut]
    raw = text.encode("utf-8", "surrogatepass")
    if damage == "bytes":
        raw = raw[:cut] + draw(st.binary(min_size=1, max_size=4)) + raw[cut:]
    return raw


@FUZZ
@given(damaged_files())
def test_damaged_files_import_whole_or_are_refused_by_name(repo, data: bytes) -> None:
    imports_whole_or_not_at_all(data, repo)


@FUZZ
@given(st.data())
def test_control_characters_anywhere_in_a_good_file_are_removed(repo, data: st.DataObject) -> None:
    file = good_file()
    for container, where in data.draw(st.lists(st.sampled_from(places(file)), min_size=1, max_size=8)):
        value = container[where]
        if isinstance(value, str):  # ids, dates and fixed words too
            at = data.draw(st.integers(0, len(value)))
            container[where] = value[:at] + data.draw(st.text(st.sampled_from(REMOVED), min_size=1)) + value[at:]
    pod = imports_whole_or_not_at_all(json.dumps(file, ensure_ascii=data.draw(st.booleans())).encode(), repo)
    assert isinstance(pod, Pod)
    pod.id = None
    assert pod == full_pod()


# ---------------------------------------------------------------- the hostile files found by hand


def _hostile() -> dict[str, tuple[Any, str]]:
    """What each hostile file is: a change to a good file (or the text for its ``kept`` list),
    and how the message starts."""
    deep = "pod.extra.team_note.kept" + "[0]" * 14

    def stage(**values: Any):
        return lambda d: d["pod"]["stages"][0].update(values)

    def kept(value: Any):
        return lambda d: d["pod"]["extra"]["team_note"].update(kept=value)

    return {
        "seconds_spent 2**63": (stage(seconds_spent=2**63), "pod.stages[0].seconds_spent: a very large number is not between"),
        "seconds_spent a million": (stage(seconds_spent=10**6), "pod.stages[0].seconds_spent: 1000000 is not between"),
        "seconds_spent a float": (stage(seconds_spent=60.0), "pod.stages[0].seconds_spent: expected a whole number, got 60.0"),
        "seconds_spent NaN": (stage(seconds_spent=math.nan), "pod.stages[0].seconds_spent: expected a whole number, got NaN"),
        "seconds_spent Infinity": (stage(seconds_spent=math.inf), "pod.stages[0].seconds_spent: expected a whole number, got Infinity"),
        "score a float": (lambda d: d["pod"]["scales"][0]["scores"][0].update(score=5.0), "pod.scales[0].scores[0].score: expected"),
        "age a float": (lambda d: d["pod"]["people"][0].update(age=3.0), "pod.people[0].age: expected a whole number or null"),
        "age 10**30": (lambda d: d["pod"]["people"][0].update(age=10**30), "pod.people[0].age: a very large number is not an age"),
        "extra NaN": (kept([1, math.nan]), "pod.extra.team_note.kept[1]: NaN is not a number JSON allows"),
        "extra 1e400": ("[1e400]", "pod.extra.team_note.kept[0]: this number is too large to keep"),
        "extra nested 480 deep": ("[" * 480 + "]" * 480, f"{deep}: nested too deeply"),
        "extra nested 5000 deep": ("[" * 5000 + "]" * 5000, f"{deep}: nested too deeply"),
        # Built when the case runs, not when the tests are collected: each xdist worker collects
        # every test, and a million keys cost each of them two seconds before any test ran.
        "extra a million keys": (
            lambda d: kept({f"k{i}": i for i in range(1_000_000)})(d), "pod.extra.team_note.kept: too many keys: 1,000,000"
        ),
        "extra ten million characters": (kept("x" * 10_000_000), "pod.extra.team_note.kept: too long: 10,000,000 characters"),
        "extra 200,001 characters": (kept(["x" * 20_000] * 10), "pod.extra: too big: more than 200,000 characters"),
        "title ten million characters": (lambda d: d["pod"].update(title="\x1b" + "x" * 10_000_000), "pod.title: too long"),
        "100,000 harms": (lambda d: d["pod"]["map"].update(harm=[{"text": "x"}] * 100_000), "pod.map.harm: too many items"),
    }


HOSTILE = _hostile()


def hostile_file(what: str) -> tuple[bytes, str]:
    """One hostile case as file bytes, and how its message starts (shared with the CLI test)."""
    change, words = HOSTILE[what]
    data = good_file()
    if callable(change):
        change(data)
        text = json.dumps(data)
    else:
        text = json.dumps(data).replace('"kept": [1, 2, 3]', f'"kept": {change}')
    return text.encode(), words


@pytest.mark.parametrize("what", HOSTILE)
def test_hostile_files_are_refused_by_name(repo, what: str) -> None:
    data, words = hostile_file(what)
    error = imports_whole_or_not_at_all(data, repo)
    assert isinstance(error, PodFileError), f"{what} was accepted"
    assert str(error).startswith(words)


def test_a_hostile_but_valid_file_imports_cleaned_and_works(repo) -> None:
    data = good_file()
    pod = data["pod"]
    pod["title"] = "\x1b]52;c;b3duZWQ=\x07Family\x9b2J C\u202e"
    pod["people"][0]["name"] = "\x1b]0;title\x07A\r\nC"
    pod["stages"][0]["seconds_spent"] = 604_800
    pod["extra"]["team_note"]["kept"] = nested(14)
    pod["extra"]["many"] = {f"k{i}": "\u2066" for i in range(497)}
    back = imports_whole_or_not_at_all(json.dumps(data).encode(), repo)
    assert isinstance(back, Pod)
    assert (back.title, back.people[0].name) == ("]52;c;b3duZWQ=Family2J C", "]0;titleA\nC")
