"""Bad pod files: each is refused whole, and the message says what is wrong and where."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest

from gq_pods.podfile import FILE, PodFileError, from_dict, load_bytes, loads
from tests.factories import full_pod

AT = dt.datetime(2026, 11, 20, 10, 15, tzinfo=dt.timezone.utc)


def good() -> dict[str, Any]:
    from gq_pods.podfile import dumps

    return json.loads(dumps(full_pod(), AT))


def refused(text: str) -> PodFileError:
    with pytest.raises(PodFileError) as caught:
        loads(text)
    return caught.value


def refused_after(change: Callable[[dict[str, Any]], object]) -> PodFileError:
    data = good()
    change(data)
    return refused(json.dumps(data))


def test_the_good_file_imports() -> None:
    assert loads(json.dumps(good())) == full_pod()


# ---------------------------------------------------------------- the file as a whole


def test_broken_json_names_line_and_column() -> None:
    text = '{\n  "format": "gq-pods.pod",\n  "version": 1\n  "pod": {}\n}'
    error = refused(text)
    assert error.path == FILE
    assert str(error) == "This is not valid JSON: line 4, column 3: Expecting ',' delimiter"


@pytest.mark.parametrize("text", ["", "   \n\t ", "\ufeff"])
def test_an_empty_file(text: str) -> None:
    error = refused(text)
    assert (error.path, str(error)) == (FILE, "The file is empty.")


@pytest.mark.parametrize(
    ("text", "holds"), [("[]", "a list"), ('"pod"', "a string"), ("3", "a number"), ("null", "null")]
)
def test_not_an_object(text: str, holds: str) -> None:
    assert str(refused(text)) == f"A pod file holds one JSON object, but this file holds {holds}."


def test_bad_utf8_is_a_clear_error() -> None:
    data = json.dumps(good(), ensure_ascii=False).encode("utf-8")
    bad = data[:40] + b"\xff" + data[40:]
    with pytest.raises(PodFileError) as caught:
        load_bytes(bad)
    assert caught.value.path == FILE
    assert str(caught.value) == (
        "This file is not UTF-8 text: the byte 0xff at position 40 cannot be read. Save the file as UTF-8 and try again."
    )
    latin1 = json.dumps(good(), ensure_ascii=False).replace("Family C", "Famille Zoë").encode("latin-1")
    with pytest.raises(PodFileError, match="not UTF-8 text: the byte 0xeb"):
        load_bytes(latin1)


def test_wrong_format() -> None:
    error = refused_after(lambda d: d.update(format="gq-pods.team"))
    assert error.path == "format"
    assert str(error) == 'format: expected "gq-pods.pod", got "gq-pods.team": this is not a gq-pods pod file'


def test_missing_format_and_version() -> None:
    assert refused_after(lambda d: d.pop("format")).path == "format"
    error = refused_after(lambda d: d.pop("version"))
    assert str(error) == "version: required, but missing"


def test_newer_version_says_to_upgrade() -> None:
    error = refused_after(lambda d: d.update(version=3, new_key_of_v3={}))
    assert error.path == FILE
    assert str(error) == (
        "This pod file was written by a newer gq-pods (format version 3). Upgrade gq-pods to import it."
    )


@pytest.mark.parametrize(("version", "message"), [
    ("1", 'version: expected a whole number, got "1"'),
    (True, "version: expected a whole number, got true"),
    (1.0, "version: expected a whole number, got 1.0"),
    (0, "version: 0 is not a format version; versions start at 1"),
])  # fmt: skip
def test_bad_version(version: object, message: str) -> None:
    assert str(refused_after(lambda d: d.update(version=version))) == message


def test_missing_pod() -> None:
    assert str(refused_after(lambda d: d.pop("pod"))) == "pod: required, but missing"
    assert str(refused_after(lambda d: d.update(pod=[]))) == "pod: expected an object, got a list"


def test_duplicate_json_key_is_refused_not_silently_dropped() -> None:
    text = json.dumps(good()).replace('"title": "Stuck case: Family C"', '"title": "A", "title": "B"')
    assert str(refused(text)) == 'pod.title: this key appears more than once'


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_standard_json_numbers(constant: str) -> None:
    text = json.dumps(good()).replace('"kept": [1, 2, 3]', f'"kept": [1, {constant}, 3]')
    assert str(refused(text)) == f"pod.extra.team_note.kept[1]: {constant} is not a number JSON allows"
    text = json.dumps(good()).replace('"score": 4', f'"score": {constant}')
    assert str(refused(text)) == (
        f"pod.scales[0].scores[0].score: expected a whole number from 0 to 10, got {constant}"
    )


def test_a_number_too_large_for_a_float() -> None:
    text = json.dumps(good()).replace('"kept": [1, 2, 3]', '"kept": [1e400]')
    assert str(refused(text)) == "pod.extra.team_note.kept[0]: this number is too large to keep"


def test_a_number_with_too_many_digits() -> None:
    text = json.dumps(good()).replace('"kept": [1, 2, 3]', '"kept": [' + "9" * 5000 + "]")
    assert str(refused(text)) == "This file holds a number with too many digits to read."


DEEP_IN_EXTRA = (
    "pod.extra.team_note.kept" + "[0]" * 14 + ": nested too deeply: pod.extra may hold at most 16 levels,"
    " counting itself as the first"
)


@pytest.mark.parametrize("depth", [15, 480, 5000, 100_000])
def test_nesting_too_deep_is_named_before_anything_is_read(depth: int) -> None:
    # pod.extra, team_note and kept are three levels; the lists inside make the rest
    text = json.dumps(good()).replace('"kept": [1, 2, 3]', '"kept": ' + "[" * depth + "]" * depth)
    assert str(refused(text)) == DEEP_IN_EXTRA


def test_nesting_too_deep_in_an_already_read_file() -> None:
    data = good()
    data["pod"]["extra"]["team_note"]["kept"] = deep = []
    for _ in range(480):
        deep.append([])
        deep = deep[0]
    with pytest.raises(PodFileError) as caught:
        from_dict(data)
    assert str(caught.value) == DEEP_IN_EXTRA


def test_nesting_at_the_limit_is_kept() -> None:
    text = json.dumps(good()).replace('"kept": [1, 2, 3]', '"kept": ' + "[" * 14 + "]" * 14)
    assert loads(text).extra["team_note"]["kept"] == json.loads("[" * 14 + "]" * 14)


def test_nesting_too_deep_outside_extra() -> None:
    text = json.dumps(good()).replace('"title": "Stuck case: Family C"', '"title": ' + "[" * 5000 + "]" * 5000)
    assert str(refused(text)) == (
        "pod.title" + "[0]" * 16 + ": nested too deeply: nothing in a pod file is nested this deep"
    )
    assert str(refused("[" * 5000 + "]" * 5000)) == "A pod file holds one JSON object, but this file holds a list."


def test_brackets_inside_text_are_only_text() -> None:
    brackets = "[{" * 5000 + '\\"]}'
    text = json.dumps(good()).replace('"title": "Stuck case: Family C"', '"title": ' + json.dumps(brackets))
    assert loads(text).title == brackets


def test_deep_nesting_in_a_broken_file_is_a_plain_error() -> None:
    text = '{"format": "gq-pods.pod", "version": 1, "pod": {"title": "' + "[" * 5000
    assert str(refused(text)).startswith("This is not valid JSON: line 1, column ")
    text = '{"format": "gq-pods.pod", "version": 1, "pod": ' + "[" * 5000 + "}" * 5000
    assert str(refused(text)) == "pod" + "[0]" * 17 + ": nested too deeply: nothing in a pod file is nested this deep"


# ---------------------------------------------------------------- required, unknown, types


def test_missing_pod_date_and_style() -> None:
    assert str(refused_after(lambda d: d["pod"].pop("date"))) == "pod.date: required, but missing"
    assert str(refused_after(lambda d: d["pod"].pop("style"))) == "pod.style: required, but missing"


@pytest.mark.parametrize(("date", "message"), [
    ("2026-02-30", '"2026-02-30" is not a real date'),
    ("2026-13-01", '"2026-13-01" is not a real date'),
    ("0000-01-01", '"0000-01-01" is not a real date'),
    ("20/11/2026", '"20/11/2026" is not a date in the form YYYY-MM-DD'),
    ("2026-1-5", '"2026-1-5" is not a date in the form YYYY-MM-DD'),
    ("20261120", '"20261120" is not a date in the form YYYY-MM-DD'),
    ("2026-11-20T10:00:00", '"2026-11-20T10:00:00" is not a date in the form YYYY-MM-DD'),
    ("２０２６-11-20", '"\\uff12\\uff10\\uff12\\uff16-11-20" is not a date in the form YYYY-MM-DD'),
    (20261120, "expected a date (YYYY-MM-DD), got 20261120"),
    (None, "expected a date (YYYY-MM-DD), got null"),
])  # fmt: skip
def test_bad_date(date: object, message: str) -> None:
    assert str(refused_after(lambda d: d["pod"].update(date=date))) == f"pod.date: {message}"


def test_bad_due_date_names_the_step() -> None:
    error = refused_after(lambda d: d["pod"]["map"]["next_steps"][1].update(due="next week"))
    assert str(error) == 'pod.map.next_steps[1].due: "next week" is not a date in the form YYYY-MM-DD'
    error = refused_after(lambda d: d["pod"]["map"]["next_steps"][1].update(due=5))
    assert str(error) == "pod.map.next_steps[1].due: expected a date (YYYY-MM-DD) or null, got 5"


@pytest.mark.parametrize(("change", "path"), [
    (lambda d: d["pod"]["map"]["harm"][0].update(colour="red"), "pod.map.harm[0].colour"),
    (lambda d: d["pod"].update(titel="typo"), "pod.titel"),
    (lambda d: d.update(exported_by="me"), "exported_by"),
    (lambda d: d["pod"]["scales"][1]["scores"][0].update(scroe=3), "pod.scales[1].scores[0].scroe"),
    (lambda d: d["pod"]["reflection"].update({"next time": ""}), 'pod.reflection["next time"]'),
    (lambda d: d["pod"]["map"].update(worries=[]), "pod.map.worries"),
    (lambda d: d["pod"]["extra"]["gq_pods"].update(stage="x"), "pod.extra.gq_pods.stage"),
    (lambda d: d["pod"]["extra"]["gq_pods"]["danger_statements"]["ds1"].update(note=""),
     "pod.extra.gq_pods.danger_statements.ds1.note"),
    (lambda d: d["pod"]["extra"]["gq_pods"]["safety_goals"]["sg1"]["drafts"][0].update(when=""),
     "pod.extra.gq_pods.safety_goals.sg1.drafts[0].when"),
])  # fmt: skip
def test_unknown_key_is_named_by_its_path(change: Callable[[dict[str, Any]], object], path: str) -> None:
    error = refused_after(change)
    assert (error.path, error.message) == (path, "unknown key")
    assert str(error) == f"{path}: unknown key"


def test_unknown_key_with_hostile_text_is_shown_escaped_on_one_line() -> None:
    error = refused_after(lambda d: d["pod"]["people"][0].update({"[@click=app.quit]\nx": 1}))
    assert str(error) == 'pod.people[0]["[@click=app.quit]\\nx"]: unknown key'


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["pod"].update(manager_present="yes"), 'pod.manager_present: expected true or false, got "yes"'),
    (lambda d: d["pod"].update(practice=0), "pod.practice: expected true or false, got 0"),
    (lambda d: d["pod"].update(title=None), "pod.title: expected text, got null"),
    (lambda d: d["pod"].update(team=["North"]), "pod.team: expected text, got a list"),
    (lambda d: d["pod"].update(people={"p1": {}}), "pod.people: expected a list, got an object"),
    (lambda d: d["pod"].update(map=[]), "pod.map: expected an object, got a list"),
    (lambda d: d["pod"]["participants"].__setitem__(0, "Sam"), 'pod.participants[0]: expected an object, got "Sam"'),
    (lambda d: d["pod"]["people"][0].update(age="3"), 'pod.people[0].age: expected a whole number or null, got "3"'),
    (lambda d: d["pod"]["people"][0].update(age=3.5), "pod.people[0].age: expected a whole number or null, got 3.5"),
    (lambda d: d["pod"]["stages"][0].update(seconds_spent=True),
     "pod.stages[0].seconds_spent: expected a whole number, got true"),
    (lambda d: d["pod"]["reflection"].update(focus_question_answered=False),
     "pod.reflection.focus_question_answered: expected text or null, got false"),
    (lambda d: d["pod"].update(extra=[]), "pod.extra: expected an object, got a list"),
    (lambda d: d["pod"]["extra"].update(gq_pods="scaling"), 'pod.extra.gq_pods: expected an object, got "scaling"'),
    (lambda d: d["pod"]["extra"]["gq_pods"].update(current_stage=3),
     "pod.extra.gq_pods.current_stage: expected text, got 3"),
    (lambda d: d["pod"]["extra"]["gq_pods"]["danger_statements"]["ds1"].update(drafts="VL"),
     'pod.extra.gq_pods.danger_statements.ds1.drafts: expected a list, got "VL"'),
    (lambda d: d["pod"]["extra"]["gq_pods"]["safety_goals"]["sg1"]["drafts"][0].update(author=None),
     "pod.extra.gq_pods.safety_goals.sg1.drafts[0].author: expected text, got null"),
])  # fmt: skip
def test_wrong_type_is_named_by_its_path(change: Callable[[dict[str, Any]], object], message: str) -> None:
    assert str(refused_after(change)) == message


def test_a_long_wrong_value_is_cut_short_in_the_message() -> None:
    error = refused_after(lambda d: d["pod"].update(manager_present="y" * 5000))
    assert str(error) == 'pod.manager_present: expected true or false, got "' + "y" * 40 + '"...'


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["pod"].update(style="gsp"), "pod.style: 'gsp' is not one of group_supervision, content_mapping"),
    (lambda d: d["pod"].update(case_reason="urgent"), "pod.case_reason: 'urgent' is not one of new, stuck, challenging"),
    (lambda d: d["pod"].update(status="done"), "pod.status: 'done' is not one of in_progress, complete"),
    (lambda d: d["pod"]["participants"][2].update(role="chair"),
     "pod.participants[2].role: 'chair' is not one of facilitator, presenter, advisor, scribe, manager, member"),
    (lambda d: d["pod"]["people"][3].update(kind="friend"),
     "pod.people[3].kind: 'friend' is not one of family, network, professional"),
    (lambda d: d["pod"]["map"]["next_steps"][1].update(status="done"),
     "pod.map.next_steps[1].status: 'done' is not one of agreed, idea"),
    (lambda d: d["pod"]["reflection"].update(focus_question_answered="maybe"),
     "pod.reflection.focus_question_answered: 'maybe' is not one of yes, partly, no, or null"),
])  # fmt: skip
def test_bad_enum_lists_the_allowed_values(change: Callable[[dict[str, Any]], object], message: str) -> None:
    assert str(refused_after(change)) == message


# ---------------------------------------------------------------- scores and rules


def test_score_over_ten() -> None:
    error = refused_after(lambda d: d["pod"]["scales"][1]["scores"][0].update(score=11))
    assert (error.path, error.message) == ("pod.scales[1].scores[0].score", "11 is not between 0 and 10")
    assert str(error) == "pod.scales[1].scores[0].score: 11 is not between 0 and 10"
    error = refused_after(lambda d: d["pod"]["scales"][0]["scores"][1].update(score=-1))
    assert str(error) == "pod.scales[0].scores[1].score: -1 is not between 0 and 10"


@pytest.mark.parametrize(("score", "shown"), [(True, "true"), (False, "false"), (5.0, "5.0"), ("5", '"5"'), (None, "null")])
def test_score_must_be_a_whole_number(score: object, shown: str) -> None:
    error = refused_after(lambda d: d["pod"]["scales"][0]["scores"][0].update(score=score))
    assert str(error) == f"pod.scales[0].scores[0].score: expected a whole number from 0 to 10, got {shown}"


def test_age_out_of_range() -> None:
    error = refused_after(lambda d: d["pod"]["people"][0].update(age=131))
    assert str(error) == "pod.people[0].age: 131 is not an age between 0 and 130"


def test_goal_for_a_statement_that_is_not_there() -> None:
    error = refused_after(lambda d: d["pod"]["safety_goals"][0].update(danger_statement="ds9"))
    assert str(error) == "pod.safety_goals[0].danger_statement: 'ds9' is not a danger statement in this pod"


def test_two_goals_for_one_statement() -> None:
    def two(d: dict[str, Any]) -> None:
        d["pod"]["safety_goals"].append({"id": "sg2", "danger_statement": "ds1"})

    error = refused_after(two)
    assert str(error) == "pod.safety_goals[1].danger_statement: danger statement 'ds1' already has a safety goal"


def test_scale_about_a_statement_that_is_not_there() -> None:
    error = refused_after(lambda d: d["pod"]["scales"][1].update(about="ds2"))
    assert str(error) == "pod.scales[1].about: 'ds2' is neither 'overall' nor a danger statement in this pod"


def test_two_scales_about_the_same_thing() -> None:
    error = refused_after(lambda d: d["pod"]["scales"][1].update(about="overall"))
    assert str(error) == "pod.scales[1].about: there is already a scale about 'overall'"


def test_agreed_step_without_a_manager() -> None:
    error = refused_after(lambda d: d["pod"].update(manager_present=False))
    assert error.path == "pod.map.next_steps[0].status"
    assert error.message == "a next step can only be agreed when a manager is present; without one it is an idea"


def test_duplicate_statement_ids() -> None:
    def copy(d: dict[str, Any]) -> None:
        d["pod"]["danger_statements"].append(dict(d["pod"]["danger_statements"][0]))

    error = refused_after(copy)
    assert str(error) == "pod.danger_statements[1].id: 'ds1' is used by another danger statement"


def test_duplicate_goal_and_person_ids_and_missing_ids() -> None:
    def person(d: dict[str, Any]) -> None:
        d["pod"]["people"][2]["id"] = "p1"

    assert str(refused_after(person)) == "pod.people[2].id: 'p1' is used by another person"
    error = refused_after(lambda d: d["pod"]["danger_statements"][0].pop("id"))
    assert str(error) == "pod.danger_statements[0].id: a danger statement needs an id"


def test_namespace_entry_for_a_statement_or_goal_that_is_not_there() -> None:
    def move(d: dict[str, Any]) -> None:
        ns = d["pod"]["extra"]["gq_pods"]["danger_statements"]
        ns["ds7"] = ns.pop("ds1")

    assert str(refused_after(move)) == (
        "pod.extra.gq_pods.danger_statements.ds7: there is no danger statement with this id in the pod"
    )

    def move_goal(d: dict[str, Any]) -> None:
        ns = d["pod"]["extra"]["gq_pods"]["safety_goals"]
        ns["my goal"] = ns.pop("sg1")

    assert str(refused_after(move_goal)) == (
        'pod.extra.gq_pods.safety_goals["my goal"]: there is no safety goal with this id in the pod'
    )


# ---------------------------------------------------------------- limits


def test_string_limit_is_20000_characters() -> None:
    assert loads(json.dumps(good()).replace('"Initials only."', json.dumps("x" * 20_000))).stages[0].notes == "x" * 20_000
    error = refused_after(lambda d: d["pod"]["stages"][0].update(notes="x" * 20_001))
    assert str(error) == "pod.stages[0].notes: too long: 20,001 characters, and the most is 20,000"
    error = refused_after(lambda d: d["pod"]["extra"]["team_note"].update(long="é" * 20_001))
    assert error.path == "pod.extra.team_note.long"


def test_nul_characters_do_not_count_towards_the_limit() -> None:
    data = good()
    data["pod"]["title"] = "x" * 20_000 + "\u0000" * 10
    assert loads(json.dumps(data)).title == "x" * 20_000


def test_list_limit_is_500_items() -> None:
    data = good()
    data["pod"]["map"]["harm"] = [{"text": str(i)} for i in range(500)]
    assert len(loads(json.dumps(data)).map.harm) == 500
    error = refused_after(lambda d: d["pod"]["map"].update(harm=[{"text": ""}] * 501))
    assert str(error) == "pod.map.harm: too many items: 501, and the most is 500"
    error = refused_after(lambda d: d["pod"]["scales"][0].update(scores=[{"score": 1}] * 501))
    assert error.path == "pod.scales[0].scores"
    error = refused_after(lambda d: d["pod"]["extra"].update(big=list(range(501))))
    assert str(error) == "pod.extra.big: too many items: 501, and the most is 500"


def test_a_lone_surrogate_is_not_a_character() -> None:
    text = json.dumps(good()).replace('"Stuck case: Family C"', '"Stuck \\ud800 case"')
    error = refused(text)
    assert error.path == "pod.title"
    assert "unpaired surrogate" in error.message
    # a proper pair is a real character
    text = json.dumps(good()).replace('"Stuck case: Family C"', '"\\ud83d\\ude00"')
    assert loads(text).title == "\U0001f600"


def test_the_first_problem_is_reported_and_nothing_is_returned() -> None:
    def two_problems(d: dict[str, Any]) -> None:
        d["pod"]["manager_present"] = "yes"
        d["pod"]["scales"][0]["scores"][0]["score"] = 11

    assert refused_after(two_problems).path == "pod.manager_present"


def test_the_error_is_a_value_error_that_pickles() -> None:
    import pickle

    error = refused_after(lambda d: d["pod"].update(manager_present="yes"))
    assert isinstance(error, ValueError)
    again = pickle.loads(pickle.dumps(error))
    assert (again.path, again.message, str(again)) == (error.path, error.message, str(error))


# ---------------------------------------------------------------- limits on numbers and on extra


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["pod"]["stages"][0].update(seconds_spent=604_801),
     "pod.stages[0].seconds_spent: 604801 is not between 0 and 604,800 seconds (a week)"),
    (lambda d: d["pod"]["stages"][0].update(seconds_spent=2**63),
     "pod.stages[0].seconds_spent: a very large number is not between 0 and 604,800 seconds (a week)"),
    (lambda d: d["pod"]["stages"][0].update(seconds_spent=-1),
     "pod.stages[0].seconds_spent: -1 is not between 0 and 604,800 seconds (a week)"),
    (lambda d: d["pod"]["stages"][0].update(seconds_spent=60.0),
     "pod.stages[0].seconds_spent: expected a whole number, got 60.0"),
    (lambda d: d["pod"]["people"][0].update(age=-1), "pod.people[0].age: -1 is not an age between 0 and 130"),
    (lambda d: d["pod"]["people"][0].update(age=2**64), "pod.people[0].age: a very large number is not an age between 0 and 130"),
    (lambda d: d["pod"]["scales"][0]["scores"][0].update(score=10**30),
     "pod.scales[0].scores[0].score: a very large number is not between 0 and 10"),
])  # fmt: skip
def test_numbers_out_of_range_are_named(change: Callable[[dict[str, Any]], object], message: str) -> None:
    assert str(refused_after(change)) == message


def test_numbers_at_their_limits_are_kept() -> None:
    data = good()
    data["pod"]["stages"][0]["seconds_spent"] = 604_800
    data["pod"]["people"][0]["age"] = 130
    pod = loads(json.dumps(data))
    assert (pod.stages[0].seconds_spent, pod.people[0].age) == (604_800, 130)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_standard_numbers_anywhere(constant: str) -> None:
    text = json.dumps(good()).replace('"seconds_spent": 120', f'"seconds_spent": {constant}', 1)
    assert str(refused(text)) == f"pod.stages[0].seconds_spent: expected a whole number, got {constant}"
    text = json.dumps(good()).replace('"version": 2', f'"version": {constant}')
    assert str(refused(text)) == f"version: expected a whole number, got {constant}"


def test_too_many_keys_in_extra() -> None:
    def many(n: int) -> Callable[[dict[str, Any]], object]:
        return lambda d: d["pod"]["extra"]["team_note"].update({f"k{i}": i for i in range(n)})

    assert str(refused_after(many(500))) == "pod.extra.team_note: too many keys: 501, and the most is 500"
    data = good()
    many(499)(data)
    assert len(loads(json.dumps(data)).extra["team_note"]) == 500


def test_extra_over_200000_characters_in_all() -> None:
    data = good()
    data["pod"]["extra"]["notes"] = ["x" * 19_000] * 11
    assert str(refused(json.dumps(data))) == "pod.extra: too big: more than 200,000 characters in all, and that is the most"
    data["pod"]["extra"]["notes"] = ["x" * 19_000] * 10  # 190,000 and a little
    assert len(loads(json.dumps(data)).extra["notes"]) == 10


def test_our_own_fields_in_extra_do_not_count_against_its_size() -> None:
    data = good()
    data["pod"]["extra"]["gq_pods"]["danger_statements"]["ds1"]["drafts"] = [{"author": "JR", "text": "x" * 20_000}] * 20
    assert len(loads(json.dumps(data)).danger_statements[0].drafts) == 20


# ---------------------------------------------------------------- control characters


def test_control_characters_are_removed_from_every_string_and_key() -> None:
    data = good()
    data["pod"]["title"] = "Family\x1b]0;owned\x07 C\r\nnext\rline"
    data["pod"]["case_reference"] = "\u202eCR\x9b2J\x00-1\u2066"
    data["pod"]["people"][0]["name"] = "J\u0085R\tx"
    data["pod"]["extra"]["team_note"]["\x1b[31mkey"] = ["\x07bell", "\u2069ok"]
    data["pod"]["map"]["next_steps"][0]["due"] = "2026-12-\x0001\x85"
    pod = loads(json.dumps(data, ensure_ascii=False))
    assert loads(json.dumps(data)) == pod
    assert pod.title == "Family]0;owned C\nnext\nline"
    assert pod.case_reference == "CR2J-1"
    assert pod.people[0].name == "JR\tx"
    assert pod.extra["team_note"]["[31mkey"] == ["bell", "ok"]
    assert pod.map.next_steps[0].due == dt.date(2026, 12, 1)


def test_keys_that_meet_after_cleaning_are_refused_not_merged() -> None:
    data = good()
    data["pod"]["extra"]["team_note"]["a\x1b"] = 1
    data["pod"]["extra"]["team_note"]["a"] = 2
    assert str(refused(json.dumps(data))) == "pod.extra.team_note.a: this key appears more than once"


# ---------------------------------------------------------------- files made to be slow to read
# Each would take hours if reading them were quadratic; read in one pass, they take moments.


def test_a_string_that_never_ends_full_of_escaped_quotes() -> None:
    text = '{"format": "gq-pods.pod", "version": 1, "pod": {"title": "' + '\\"[' * 400_000
    assert str(refused(text)).startswith("This is not valid JSON: line 1, column 58: Unterminated string")
    assert str(refused(text + "\\")).startswith("This is not valid JSON: line 1, column 58: Unterminated string")


def test_many_keys_each_given_twice() -> None:
    pairs = ", ".join(f'"k{i}": 1, "k{i}": 2' for i in range(300_000))
    text = json.dumps(good()).replace('"kept": [1, 2, 3]', '"twice": {' + pairs + "}")
    assert str(refused(text)) == "pod.extra.team_note.twice: too many keys: 300,000, and the most is 500"
    text = json.dumps(good()).replace('"kept": [1, 2, 3]', '"twice": {"a": 1, "b": 2, "a": 3}')
    assert str(refused(text)) == "pod.extra.team_note.twice.a: this key appears more than once"


def test_a_long_key_is_cut_short_in_the_path() -> None:
    text = json.dumps(good()).replace('"kept": [1, 2, 3]', '"' + "x" * 20_000 + '": ' + "[" * 16 + "]" * 16)
    assert str(refused(text)) == (
        'pod.extra.team_note["' + "x" * 60 + '"...]' + "[0]" * 14 + ": " + DEEP_IN_EXTRA.split(": ", 1)[1]
    )
