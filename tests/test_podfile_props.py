"""Property tests: any valid pod round-trips; any unknown key or broken file is refused cleanly."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gq_pods.podfile import PodFileError, dumps, load_bytes, loads
from gq_pods.rules import problems
from gq_pods.text import clean
from tests.strategies import json_values, pods, texts

AT = dt.datetime(2026, 11, 20, 10, 15, tzinfo=dt.timezone.utc)
FEW = settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Every key the contract (and the gq_pods namespace) knows, anywhere in the file.
KNOWN_KEYS = {
    "format", "version", "exported_at", "pod", "date", "style", "title", "team", "case_reason",
    "case_reference", "focus_question", "manager_present", "status", "practice", "participants",
    "people", "map", "danger_statements", "safety_goals", "scales", "bottom_lines", "contingencies",
    "stages", "reflection", "extra", "name", "role", "id", "relationship", "kind", "age",
    "in_household", "harm", "complicating_factors", "grey_areas", "existing_strengths",
    "existing_safety", "next_steps", "text", "owner", "due", "who_is_worried", "behaviour",
    "example", "impact", "danger_statement", "caregiver_actions", "child_experience",
    "professionals_will_see", "duration", "about", "question", "scores", "who", "score", "reason",
    "next_point", "trigger", "response", "key", "notes", "seconds_spent", "focus_question_answered",
    "pleased_with", "most_useful", "learning", "gq_pods", "current_stage", "acknowledgement",
    "family_view", "drafts", "author", "network",
}  # fmt: skip


def key_path(parent: str, key: str) -> str:
    """The contract's path for a key: .name when it is a plain name, else ["..."]."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key, re.ASCII):
        return f"{parent}.{key}" if parent else key
    return f"{parent}[{json.dumps(key)}]"


def strict_objects(value: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every object in a pod file whose keys are fixed by the contract, with its path.

    Skips pod.extra (any key is allowed there) except the gq_pods namespace's
    entries; skips the namespace's id-keyed objects (a key there is an id).
    """
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(value, list):
        for i, item in enumerate(value):
            found += strict_objects(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        if path == "pod.extra":
            if "gq_pods" in value:
                ns = value["gq_pods"]
                found.append(("pod.extra.gq_pods", ns))
                for part in ("danger_statements", "safety_goals"):
                    for item_id, entry in ns.get(part, {}).items():
                        found += strict_objects(entry, key_path(f"pod.extra.gq_pods.{part}", item_id))
            return found
        found.append((path, value))
        for key, item in value.items():
            found += strict_objects(item, key_path(path, key))
    return found


def cleaned(value: Any) -> Any:
    """A copy of a pod (or any part of one) with every string and key cleaned."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [cleaned(v) for v in value]
    if isinstance(value, dict):
        return {cleaned(k): cleaned(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: cleaned(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init})
    return value


# Pods as a pod file holds them: any valid pod, its text cleaned as import cleans it.
FILE_PODS = pods().map(cleaned).filter(lambda pod: not problems(pod))


@FEW
@given(pods())
def test_generated_pods_are_valid(pod: Any) -> None:
    assert problems(pod) == []


@FEW
@given(FILE_PODS)
def test_any_valid_pod_round_trips(pod: Any) -> None:
    text = dumps(pod, AT)
    back = loads(text)
    assert back == pod
    assert dumps(back, AT) == text
    assert load_bytes(text.encode("utf-8")) == pod


@FEW
@given(pods())
def test_export_writes_text_as_import_keeps_it_and_prints_no_controls(pod: Any) -> None:
    """A pod holding control characters (typed, or from an older release) exports cleaned."""
    try:
        text = dumps(pod, AT)
    except PodFileError:  # only when cleaning made two ids or keys the same, or an id empty
        assert cleaned(pod) != pod
        return
    assert text == dumps(cleaned(pod), AT)
    assert loads(text) == cleaned(pod)
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]", text)


@FEW
@given(FILE_PODS, st.data())
def test_an_unknown_key_anywhere_is_refused_by_name(pod: Any, data: st.DataObject) -> None:
    file = json.loads(dumps(pod, AT))
    path, target = data.draw(st.sampled_from(strict_objects(file)), label="object")
    key = data.draw(texts(2).filter(lambda k: k not in KNOWN_KEYS and k not in target and len(k) <= 60), label="key")
    target[key] = data.draw(json_values(), label="value")
    try:
        loads(json.dumps(file, ensure_ascii=data.draw(st.booleans(), label="ascii")))
    except PodFileError as error:
        assert error.path == key_path(path, key)
        assert error.message == "unknown key"
    else:
        raise AssertionError(f"{key_path(path, key)} was accepted")


@FEW
@given(FILE_PODS, st.data())
def test_any_changed_value_gives_a_pod_or_a_pod_file_error(pod: Any, data: st.DataObject) -> None:
    """Swap one value anywhere for any JSON value: never a crash, never a half-read pod."""
    file = json.loads(dumps(pod, AT))
    places: list[tuple[Any, Any]] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            places.extend((value, key) for key in value)
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            places.extend((value, i) for i in range(len(value)))
            for item in value:
                walk(item)

    walk(file)
    container, where = data.draw(st.sampled_from(places))
    container[where] = data.draw(json_values())
    try:
        loads(json.dumps(file))
    except PodFileError as error:
        assert error.path and error.message and "\n" not in str(error)


@FEW
@given(st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_give_a_pod_or_a_pod_file_error(data: bytes) -> None:
    try:
        load_bytes(data)
    except PodFileError as error:
        assert str(error)
