"""Text read from the database never holds control characters.

A database written by an older release, by another tool, or a team's shared
PostgreSQL database can hold escape sequences that an import would have removed;
an edit box showing them would send them to the terminal as they are. So every
string a pod or the pod list is read with is cleaned on the way out.
"""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gq_pods.model import DangerStatement, MapItem, Person, Pod, SafetyGoal
from storage import listing
from storage.repository import Repository
from tests.factories import full_pod
from tests.strategies import anything
from tests.test_podfile_props import cleaned

CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x80-\x9f\u202a-\u202e\u2066-\u2069]")

# Clear the screen, write the clipboard, retitle the window, a C1 CSI, a bidi override.
HOSTILE = "\x1b[2J\x1b]52;c;SGVsbG8=\x07\x1b]0;PWNED\x07\x9b2J\u202e"


def strings(value: Any) -> list[str]:
    """Every string in a pod (or any part of one), dict keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in strings(v)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in strings(k) + strings(v)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in strings(getattr(value, f.name))]
    return []


def dirty(value: Any) -> list[str]:
    return [s for s in strings(value) if CONTROLS.search(s)]


def stored_text(url: str) -> list[str]:
    """Every text value in every table, read straight from the file (not through storage)."""
    con = sqlite3.connect(url.removeprefix("sqlite:///"))
    try:
        tables = [name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return [value for table in tables for row in con.execute(f'SELECT * FROM "{table}"')
                for value in row if isinstance(value, str)]
    finally:
        con.close()


def hostile_pod() -> Pod:
    return full_pod(
        case_reference=f"Family C{HOSTILE}",
        team=f"North{HOSTILE} Team",
        title=f"Stuck{HOSTILE}",
        focus_question=f"How do we help Dad?\r\nLine two{HOSTILE}",
        people=[Person("p1", f"Amy{HOSTILE} Carter", "child", "family", 3, True)],
        danger_statements=[DangerStatement(id=f"ds1{HOSTILE}", text=f"We are worried{HOSTILE}")],
        safety_goals=[SafetyGoal(id="sg1", danger_statement=f"ds1{HOSTILE}", text=f"Amy will be safe{HOSTILE}")],
        extra={f"note{HOSTILE}": [f"kept{HOSTILE}", {"deeper": HOSTILE}]},
    )


def test_a_pod_holding_escape_sequences_is_read_without_them(repo, db_url):
    pod_id = repo.add_pod(hostile_pod())
    assert any("\x1b]52;" in s for s in stored_text(db_url))  # the database really holds them

    pod = repo.get_pod(pod_id)

    assert dirty(pod) == []
    assert pod.case_reference == "Family C[2J]52;c;SGVsbG8=]0;PWNED2J"  # the harmless letters stay
    assert pod.people[0].name == "Amy[2J]52;c;SGVsbG8=]0;PWNED2J Carter"
    assert pod.focus_question == "How do we help Dad?\nLine two[2J]52;c;SGVsbG8=]0;PWNED2J"
    assert pod.safety_goals[0].danger_statement == pod.danger_statements[0].id  # still paired
    assert pod.extra == {"note[2J]52;c;SGVsbG8=]0;PWNED2J": [
        "kept[2J]52;c;SGVsbG8=]0;PWNED2J", {"deeper": "[2J]52;c;SGVsbG8=]0;PWNED2J"}]}
    expected = cleaned(hostile_pod())
    expected.id = pod_id
    assert pod == expected  # and nothing else is changed


def test_the_pod_list_is_read_without_them(repo, db_url):
    repo.add_pod(hostile_pod())
    quick = listing.open_list(db_url)  # the home screen's own reader, before storage loads
    assert quick is not None
    try:
        lists = {"repository": repo.list_pods(), "quick": quick.page().pods, "engine": listing.EngineList(repo).page().pods}
    finally:
        quick.close()
    for reader, pods in lists.items():
        (summary,) = pods
        assert dirty(summary) == [], reader
        assert summary.case_reference == "Family C[2J]52;c;SGVsbG8=]0;PWNED2J", reader
        assert summary.team == "North[2J]52;c;SGVsbG8=]0;PWNED2J Team", reader


def test_text_another_tool_wrote_straight_into_the_tables_is_read_without_it(repo, db_url):
    pod_id = repo.add_pod(full_pod())
    con = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    with con:
        con.execute("UPDATE pods SET team = ?, extra_json = ? WHERE id = ?",
                    (f"South{HOSTILE}", '{"k\\u001b]0;x\\u0007": "\\u009b2J"}', pod_id))
        con.execute("UPDATE map_items SET text = ? WHERE pod_id = ?", (f"Dad shouted{HOSTILE}", pod_id))
    con.close()

    pod = repo.get_pod(pod_id)

    assert dirty(pod) == []
    assert pod.team == "South[2J]52;c;SGVsbG8=]0;PWNED2J"
    assert pod.extra == {"k]0;x": "2J"}
    assert {item.text for item in pod.map.harm} == {"Dad shouted[2J]52;c;SGVsbG8=]0;PWNED2J"}
    assert dirty(repo.list_pods()) == []


def test_keys_made_equal_by_cleaning_keep_the_last_value_as_a_repeated_json_key_does(repo, db_url):
    pod_id = repo.add_pod(full_pod())
    con = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    with con:
        con.execute("UPDATE pods SET extra_json = ? WHERE id = ?", ('{"a\\u001b": [1], "a": null, "b": {"c": 2}}', pod_id))
    con.close()
    assert repo.get_pod(pod_id).extra == {"a": None, "b": {"c": 2}}


def test_clean_text_is_returned_as_it_is():
    # Cleaning on every read costs one search per string: clean text is not copied.
    from gq_pods.text import clean

    text = "Amy was found with a bruise\n\tin March. \u05e9\u05dc\u05d5\u05dd \U0001f600"
    assert clean(text) is text


# ---------------------------------------------------------------- any pod at all

_pods = anything(
    Pod,
    {
        (Pod, "id"): st.none(),
        (Pod, "follows"): st.none(),  # a link to another stored pod: tests/test_case.py
        (DangerStatement, "id"): st.sampled_from(["", "ds1", f"ds1{HOSTILE}"]),
        (SafetyGoal, "id"): st.sampled_from(["", "sg1"]),
        (MapItem, "text"): st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
        | st.sampled_from([HOSTILE, f"a{HOSTILE}b"]),
    },
)


@pytest.fixture(scope="module")
def shared_repo(tmp_path_factory):
    repository = Repository.open(f"sqlite:///{tmp_path_factory.mktemp('clean') / 'pods.sqlite3'}")
    yield repository
    repository.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pod=_pods)
def test_any_text_stored_comes_back_cleaned(shared_repo, pod):
    pod_id = shared_repo.add_pod(pod)
    back = shared_repo.get_pod(pod_id)
    assert dirty(back) == []
    assert back == cleaned(pod)  # and nothing else is changed
    assert dirty(shared_repo.list_pods()) == []
