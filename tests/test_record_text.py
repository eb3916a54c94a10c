"""The plain-text record: for pasting into a case system, with no markdown at all.

The golden file is regenerated with GQ_PODS_UPDATE_GOLDEN=1; read the diff before committing.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gq_pods.export import render
from gq_pods.record import render_text
from tests.factories import full_pod
from tests.test_record import _golden, shown, text_fields
from tests.test_record_hostile import hostile_text
from tests.test_redact import FULL_POD_TOKENS, names_left


def test_full_pod_matches_the_golden_text_record():
    _golden("full_pod.txt", render_text(full_pod()))


def test_the_text_record_is_marked_and_has_no_markdown_in_it():
    text = render_text(full_pod())
    lines = text.splitlines()
    assert lines[0] == "OFFICIAL-SENSITIVE" and lines[-1] == "OFFICIAL-SENSITIVE"
    assert "\\" not in text  # no escapes, no backslash line breaks
    assert "**" not in text and "|" not in text and "&#" not in text and "<br>" not in text
    assert not any(line.startswith("#") for line in lines)


def test_markdown_characters_typed_by_a_practitioner_stay_exactly_as_typed():
    pod = full_pod(focus_question="[Mum] said *never* <again> & 1. # not | a table\nsecond line")
    text = render_text(pod)
    assert "[Mum] said *never* <again> & 1. # not | a table\nsecond line" in text


def test_a_typed_newline_in_a_list_item_stays_in_that_item():
    pod = full_pod()
    pod.map.harm[0].text = "first line\nsecond line"
    assert "- first line\n  second line\n" in render_text(pod)


def test_tables_become_labelled_lines():
    text = render_text(full_pod())
    assert (
        "- What: Ask Pat to join a safety network meeting\n"
        "  Who: Jo Reed\n"
        "  By when: 1 December 2026\n"
        "  Agreed or idea: Agreed\n"
    ) in text


def test_the_redacted_text_record_names_nobody_and_withholds_the_case_reference():
    pod = full_pod()
    text = render(pod, "text", redact=True, labels={})
    assert text.startswith("OFFICIAL-SENSITIVE\n")
    assert names_left(text, pod.people) == []
    assert "Family C" not in text
    assert all(token in text for token in FULL_POD_TOKENS.values())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_user_string_shows_as_typed_and_nothing_is_escaped(data):
    pod = full_pod()
    values = {}
    for owner, name, where in text_fields(pod):
        value = data.draw(hostile_text)
        setattr(owner, name, value)
        values[where] = value
    text = render_text(pod)
    lines = text.splitlines()
    assert lines[0] == "OFFICIAL-SENSITIVE" and lines[-1] == "OFFICIAL-SENSITIVE"
    typed_backslashes = sum(shown(v).count("\\") for v in values.values())
    # a field may show three times (statement, summary, and a few words of it in its scale's question)
    assert text.count("\\") <= typed_backslashes * 3
    flat = re.sub(r"\n *", "\n", text)
    for where, value in values.items():
        if where.endswith(".author") or not shown(value).strip():
            continue  # a draft's author shows only with its text
        for line in shown(value).split("\n"):
            assert line.strip() in flat, where
