"""The pod file: export and import keep every value, in the contract's shape."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from gq_pods.model import BottomLine, DangerStatement, Draft, NextStep, Pod, SafetyGoal
from gq_pods.podfile import PodFileError, dumps, from_dict, load_bytes, loads, to_dict
from tests.factories import full_pod

AT = dt.datetime(2026, 11, 20, 10, 15, tzinfo=dt.timezone.utc)

# The example file in ../shared/pod-format.md, as written there.
CONTRACT_EXAMPLE = """
{
  "format": "gq-pods.pod",
  "version": 1,
  "exported_at": "2026-11-20T10:15:00Z",
  "pod": {
    "date": "2026-11-20",
    "style": "group_supervision",
    "title": "",
    "team": "",
    "case_reason": "stuck",
    "case_reference": "",
    "focus_question": "",
    "manager_present": false,
    "status": "in_progress",
    "practice": false,
    "participants": [
      {"name": "", "role": "member"}
    ],
    "people": [
      {"id": "p1", "name": "", "relationship": "", "kind": "family", "age": null, "in_household": false}
    ],
    "map": {
      "harm": [{"text": ""}],
      "complicating_factors": [{"text": ""}],
      "grey_areas": [{"text": ""}],
      "existing_strengths": [{"text": ""}],
      "existing_safety": [{"text": ""}],
      "next_steps": [{"text": "", "owner": "", "due": null, "status": "idea"}]
    },
    "danger_statements": [
      {"id": "ds1", "who_is_worried": "", "behaviour": "", "example": "", "impact": "", "text": ""}
    ],
    "safety_goals": [
      {"id": "sg1", "danger_statement": "ds1", "caregiver_actions": "", "child_experience": "",
       "professionals_will_see": "", "duration": "", "text": ""}
    ],
    "scales": [
      {"about": "overall", "question": "", "scores": [
        {"who": "", "score": 5, "reason": "", "next_point": ""}
      ]}
    ],
    "bottom_lines": [{"text": ""}],
    "contingencies": [{"trigger": "", "response": "", "who": ""}],
    "stages": [{"key": "focus_question", "title": "", "notes": "", "seconds_spent": 0}],
    "reflection": {"focus_question_answered": null, "pleased_with": "", "most_useful": "", "learning": ""},
    "extra": {}
  }
}
"""


def minimal(**pod: object) -> str:
    return json.dumps({"format": "gq-pods.pod", "version": 1, "pod": {"date": "2026-11-20", "style": "content_mapping", **pod}})


def test_full_pod_round_trips_with_every_value_kept() -> None:
    pod = full_pod()
    text = dumps(pod, AT)
    back = loads(text)
    assert back == pod
    # the fields kept in pod.extra come back onto the model, not into extra
    assert back.current_stage == "scaling"
    assert back.danger_statements[0].acknowledgement.startswith("Lisa has kept")
    assert back.danger_statements[0].family_view == "Dean says it only happened once."
    assert back.danger_statements[0].drafts == [Draft("VL", "Nursery worried Dean pushes Lisa; Amy could get hurt.")]
    assert back.safety_goals[0].network == "Pat knows the plan and will check in weekly."
    assert back.safety_goals[0].drafts[0].author == "AK"
    assert back.extra == {"team_note": {"kept": [1, 2, 3]}}
    assert back.map.next_steps[0].due == dt.date(2026, 12, 1)
    assert back.people[4].age is None
    assert back.id is None


def test_export_import_export_is_the_same_text_apart_from_exported_at() -> None:
    first = dumps(full_pod(), AT)
    again = dumps(loads(first), dt.datetime(2027, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc))
    assert again.replace('"2027-01-02T03:04:05Z"', '"2026-11-20T10:15:00Z"') == first
    assert dumps(loads(first), AT) == first


def test_export_is_deterministic_json_in_the_contracts_shape() -> None:
    text = dumps(full_pod(), AT)
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text.startswith('{\n  "format": "gq-pods.pod",\n  "version": 2,\n  "exported_at": "2026-11-20T10:15:00Z",\n')
    data = json.loads(text)
    assert list(data) == ["format", "version", "exported_at", "pod"]
    pod = data["pod"]
    assert list(pod) == [
        "date", "style", "title", "team", "case_reason", "case_reference", "focus_question",
        "manager_present", "status", "practice", "follows", "participants", "people", "map",
        "danger_statements", "safety_goals", "scales", "bottom_lines", "contingencies", "stages",
        "reflection", "extra",
    ]  # fmt: skip
    assert list(pod["people"][0]) == ["id", "name", "relationship", "kind", "age", "in_household"]
    assert list(pod["map"]) == [
        "harm", "complicating_factors", "grey_areas", "existing_strengths", "existing_safety", "next_steps",
    ]  # fmt: skip
    assert list(pod["map"]["next_steps"][0]) == [
        "text", "owner", "due", "status", "outcome", "outcome_reason", "outcome_on", "outcome_by",
    ]
    assert list(pod["map"]["harm"][0]) == ["text", "carried"]
    assert list(pod["danger_statements"][0]) == ["id", "who_is_worried", "behaviour", "example", "impact", "text"]
    assert list(pod["safety_goals"][0]) == [
        "id", "danger_statement", "caregiver_actions", "child_experience", "professionals_will_see", "duration", "text",
    ]  # fmt: skip
    assert list(pod["scales"][0]) == ["about", "question", "scores"]
    assert list(pod["scales"][0]["scores"][0]) == ["who", "score", "reason", "next_point"]
    assert list(pod["contingencies"][0]) == ["trigger", "response", "who"]
    assert list(pod["stages"][0]) == ["key", "title", "notes", "seconds_spent"]
    assert list(pod["reflection"]) == ["focus_question_answered", "pleased_with", "most_useful", "learning"]
    assert pod["extra"]["gq_pods"] == {
        "current_stage": "scaling",
        "childs_views": 'Amy told the nursery: "I hide under the table when Daddy shouts." She wants Nana Pat to stay over.',
        "record_author": "Sam Patel",
        "next_review": "2026-12-18",
        "manager_decision": "Convene a safety network meeting with Pat before the review; no change to the plan until then.",
        "danger_statements": {
            "ds1": {
                "acknowledgement": "Lisa has kept Amy's nursery place going through a hard year.",
                "family_view": "Dean says it only happened once.",
                "drafts": [{"author": "VL", "text": "Nursery worried Dean pushes Lisa; Amy could get hurt."}],
            }
        },
        "safety_goals": {
            "sg1": {
                "network": "Pat knows the plan and will check in weekly.",
                "drafts": [{"author": "AK", "text": "Parents will use calm ways to sort out arguments for six months."}],
            }
        },
    }
    assert to_dict(full_pod(), AT) == data


def test_text_is_written_as_itself_not_escaped() -> None:
    pod = Pod(date=dt.date(2026, 1, 1), title="Zoë’s family [/] # | `x` 👩‍👧\nline two")
    text = dumps(pod, AT)
    assert '"title": "Zoë’s family [/] # | `x` 👩‍👧\\nline two"' in text
    assert loads(text).title == pod.title


def test_the_contracts_example_file_imports() -> None:
    pod = loads(CONTRACT_EXAMPLE)
    assert pod.date == dt.date(2026, 11, 20)
    assert pod.case_reason == "stuck"
    assert pod.people[0].id == "p1" and pod.people[0].age is None
    assert pod.safety_goals[0].danger_statement == "ds1"
    assert pod.scales[0].scores[0].score == 5
    assert pod.stages[0].key == "focus_question"
    assert pod.extra == {}
    assert loads(dumps(pod, AT)) == pod


def test_only_the_required_keys_give_the_contracts_defaults() -> None:
    pod = loads(minimal())
    assert pod == Pod(date=dt.date(2026, 11, 20), style="content_mapping")
    assert pod.case_reason == "new" and pod.status == "in_progress" and pod.manager_present is False
    assert pod.reflection.focus_question_answered is None


def test_parts_left_out_take_their_defaults() -> None:
    pod = loads(
        minimal(
            people=[{"id": "p1"}],
            participants=[{}],
            map={"next_steps": [{"text": "Call school"}]},
            danger_statements=[{"id": "ds1"}],
            scales=[{"scores": [{"who": "JR"}]}],
        )
    )
    assert pod.people[0].kind == "family" and pod.people[0].age is None and pod.people[0].in_household is False
    assert pod.participants[0].role == "member"
    assert pod.map.next_steps == [NextStep("Call school", "", None, "idea")]
    assert pod.map.harm == []
    assert pod.danger_statements == [DangerStatement(id="ds1")]
    assert pod.scales[0].about == "overall" and pod.scales[0].scores[0].score == 5


def test_nul_characters_are_removed_on_import() -> None:
    text = minimal(
        title="Fam\u0000ily\u0000",
        map={"harm": [{"text": "\u0000bruise"}]},
        danger_statements=[{"id": "d\u0000s1", "text": "x"}],
        scales=[{"about": "ds1\u0000"}],
        extra={"no\u0000te": ["a\u0000b", {"k": "\u0000"}], "gq_pods": {"current_stage": "sc\u0000aling"}},
    )
    assert "\\u0000" in text
    pod = loads(text)
    assert pod.title == "Family"
    assert pod.map.harm[0].text == "bruise"
    assert pod.danger_statements[0].id == "ds1"
    assert pod.scales[0].about == "ds1"
    assert pod.extra == {"note": ["ab", {"k": ""}]}
    assert pod.current_stage == "scaling"


def test_nul_characters_are_never_written() -> None:
    pod = Pod(date=dt.date(2026, 1, 1), title="a\x00b", extra={"k\x00": "v\x00"})
    pod.danger_statements = [DangerStatement(id="ds1", acknowledgement="\x00")]
    text = dumps(pod, AT)
    assert "\\u0000" not in text and "\x00" not in text
    assert '"gq_pods"' not in text  # a NUL-only acknowledgement is empty
    assert dumps(loads(text), AT) == text


def test_the_gq_pods_namespace_is_written_only_when_something_is_in_it() -> None:
    pod = full_pod(current_stage="", childs_views="", record_author="", next_review=None, manager_decision="", extra={})
    for statement in pod.danger_statements:
        statement.acknowledgement = statement.family_view = ""
        statement.drafts = []
    for goal in pod.safety_goals:
        goal.network = ""
        goal.drafts = []
    assert json.loads(dumps(pod, AT))["pod"]["extra"] == {}

    pod.safety_goals[0].network = "Pat"
    assert json.loads(dumps(pod, AT))["pod"]["extra"] == {"gq_pods": {"safety_goals": {"sg1": {"network": "Pat"}}}}


def test_other_extra_keys_are_kept_exactly() -> None:
    extra = {"z": 1, "a": [True, None, 1.5, -0.0, {"nested": {"deep": ["x"]}}], "a b": "c", "": 2**62}
    pod = loads(dumps(full_pod(extra=extra), AT))
    assert pod.extra == extra
    assert list(pod.extra) == ["z", "a", "a b", ""]


def test_an_empty_namespace_in_a_file_is_accepted() -> None:
    pod = loads(minimal(extra={"gq_pods": {"current_stage": "", "danger_statements": {}, "safety_goals": {}}}))
    assert pod.extra == {} and pod.current_stage == ""


def test_exported_at_is_utc_with_z() -> None:
    plus_one = dt.timezone(dt.timedelta(hours=1))
    text = dumps(Pod(date=dt.date(2026, 1, 1)), dt.datetime(2026, 6, 1, 12, 30, 15, 999, tzinfo=plus_one))
    assert json.loads(text)["exported_at"] == "2026-06-01T11:30:15Z"
    now = json.loads(dumps(Pod(date=dt.date(2026, 1, 1))))["exported_at"]
    stamp = dt.datetime.fromisoformat(now)
    assert now.endswith("Z") and abs(dt.datetime.now(dt.timezone.utc) - stamp) < dt.timedelta(minutes=1)


def test_exported_at_is_optional_on_import_but_checked_when_given() -> None:
    data = json.loads(minimal())
    for value in (None, "2026-11-20T10:15:00Z", "2026-11-20T10:15:00.123+01:00"):
        assert from_dict({**data, "exported_at": value}).date == dt.date(2026, 11, 20)
    with pytest.raises(PodFileError, match=r"^exported_at: \"yesterday\" is not a date and time"):
        from_dict({**data, "exported_at": "yesterday"})


def test_load_bytes_reads_utf8_with_or_without_a_byte_order_mark() -> None:
    text = dumps(full_pod(title="Zoë"), AT)
    assert load_bytes(text.encode("utf-8")).title == "Zoë"
    assert load_bytes(b"\xef\xbb\xbf" + text.encode("utf-8")).title == "Zoë"


def test_from_dict_reads_what_to_dict_writes() -> None:
    assert from_dict(to_dict(full_pod(), AT)) == full_pod()


# ---------------------------------------------------------------- export refuses what import would


def test_export_refuses_a_pod_the_rules_refuse() -> None:
    pod = full_pod(manager_present=False)
    with pytest.raises(PodFileError) as caught:
        dumps(pod, AT)
    assert caught.value.path == "pod.map.next_steps[0].status"
    assert "manager" in caught.value.message


def test_export_refuses_the_reserved_extra_key() -> None:
    with pytest.raises(PodFileError) as caught:
        dumps(full_pod(extra={"gq_pods": {}}), AT)
    assert caught.value.path == "pod.extra.gq_pods"


def test_export_refuses_what_is_not_json_in_extra() -> None:
    with pytest.raises(PodFileError, match=r"^pod\.extra\.when: .*cannot be kept in a pod file"):
        dumps(full_pod(extra={"when": dt.date(2026, 1, 1)}), AT)
    with pytest.raises(PodFileError, match=r"^pod\.extra\.x: NaN is not a number JSON allows"):
        dumps(full_pod(extra={"x": float("nan")}), AT)


def test_export_names_a_wrong_type_in_the_model() -> None:
    pod = full_pod()
    pod.people[1].age = "31"
    with pytest.raises(PodFileError, match=r'^pod\.people\[1\]\.age: expected a whole number or null, got "31"$'):
        dumps(pod, AT)
    pod = full_pod()
    pod.safety_goals = [SafetyGoal(id="sg1", danger_statement="ds1", drafts=[Draft("A", None)])]  # type: ignore[arg-type]
    with pytest.raises(PodFileError, match=r"^pod\.safety_goals\[0\]\.drafts\[0\]\.text: expected text, got null$"):
        dumps(pod, AT)


def test_export_refuses_text_over_the_limit() -> None:
    with pytest.raises(PodFileError, match=r"^pod\.bottom_lines\[0\]\.text: too long: 20,001 characters"):
        dumps(full_pod(bottom_lines=[BottomLine("x" * 20_001)]), AT)


def test_a_version_1_file_without_the_new_record_details_still_reads() -> None:
    """The child's views, the record's author, the next review and the manager's decision are
    kept in extra.gq_pods: a file written before them reads, with them empty."""
    pod = full_pod()
    data = json.loads(dumps(pod, AT))
    for name in ("childs_views", "record_author", "next_review", "manager_decision"):
        del data["pod"]["extra"]["gq_pods"][name]
    older = from_dict(data)
    assert (older.childs_views, older.record_author, older.next_review, older.manager_decision) == ("", "", None, "")
    again = loads(dumps(pod, AT))
    assert again.next_review == dt.date(2026, 12, 18) and again.record_author == "Sam Patel"


def test_a_next_review_that_is_not_a_day_is_refused_naming_its_place() -> None:
    data = json.loads(dumps(full_pod(), AT))
    data["pod"]["extra"]["gq_pods"]["next_review"] = "next Friday"
    with pytest.raises(PodFileError) as refused:
        from_dict(data)
    assert str(refused.value) == 'pod.extra.gq_pods.next_review: "next Friday" is not a date in the form YYYY-MM-DD'
