"""Practice scenarios: the shipped library, the strict reader, a team's own folder, and the CLI."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gq_pods import scenarios
from gq_pods.checker import CHECKS, PROBLEM, TeamWords
from gq_pods.cli import main
from gq_pods.scenarios import ScenarioError, load_library, loads

SHIPPED = load_library(Path("/nonexistent-team-folder")).scenarios
TEMPLATE = json.loads(
    (Path(scenarios.__file__).parent / "data" / "scenarios" / "ruby-kitchen-door.json").read_text(encoding="utf-8")
)


def _flat(text: str) -> str:
    """The test's own whitespace and case folding, independent of the module's."""
    return re.sub(r"\s+", " ", text).strip().lower()


def _scenario(**changes) -> dict:
    data = copy.deepcopy(TEMPLATE)
    data.update(changes)
    return data


def _text(data) -> str:
    return json.dumps(data, ensure_ascii=False)


# ---------------------------------------------------------------- the shipped library


def test_every_shipped_scenario_loads_with_no_problems():
    library = load_library(Path("/nonexistent-team-folder"))
    assert library.problems == []
    files = sorted((Path(scenarios.__file__).parent / "data" / "scenarios").glob("*.json"))
    assert len(files) >= 10
    assert len(library.scenarios) == len(files)
    assert len({s.id for s in library.scenarios}) == len(files)


@pytest.mark.parametrize("scenario", SHIPPED, ids=lambda s: s.id)
def test_a_shipped_scenario_is_a_whole_practice_case(scenario):
    assert len(scenario.case_summary) >= 600
    assert scenario.title and scenario.focus_question and scenario.people
    assert scenario.style in ("group_supervision", "content_mapping")
    assert len(scenario.model_statements) == 2
    assert len(scenario.key_points) >= 3
    sections = {fact.section for fact in scenario.model_map}
    assert {"harm", "complicating_factors", "existing_strengths"} <= sections
    assert sections & {"existing_safety", "grey_areas"}
    assert all(fact.reason.strip() for fact in scenario.model_map)


@pytest.mark.parametrize("scenario", SHIPPED, ids=lambda s: s.id)
def test_the_model_map_holds_only_facts_from_its_summary(scenario):
    summary = _flat(scenario.case_summary)
    missing = [fact.fact for fact in scenario.model_map if _flat(fact.fact) not in summary]
    assert missing == []


@pytest.mark.parametrize("scenario", SHIPPED, ids=lambda s: s.id)
def test_the_model_statements_and_goals_pass_the_checker_clean(scenario):
    for kind, texts in (
        ("danger-statement", scenario.model_danger_statements),
        ("safety-goal", scenario.model_safety_goals),
    ):
        for text in texts:
            problems = [f.message for f in CHECKS[kind](text, team=TeamWords()) if f.severity == PROBLEM]
            assert problems == [], f"{kind}: {text}"


def test_the_library_covers_six_worries_and_children_from_babies_to_seventeen():
    worries = {worry for s in SHIPPED for worry in s.worries}
    assert len(worries) >= 6
    ages = {s.child_age for s in SHIPPED}
    assert 0 in ages and 17 in ages
    assert {s.style for s in SHIPPED} == {"group_supervision", "content_mapping"}


# ---------------------------------------------------------------- the reader


def test_the_template_loads_as_it_is():
    assert loads(_text(TEMPLATE)).id == "ruby-kitchen-door"


@pytest.mark.parametrize(
    "place",
    [(), ("people", 0), ("model_map", 3), ("model_statements", 1)],
)
def test_an_unknown_key_is_refused_with_its_path(place):
    data = _scenario()
    target = data
    for step in place:
        target = target[step]
    target["colour"] = "blue"
    path = "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in place).lstrip(".")
    with pytest.raises(ScenarioError) as caught:
        loads(_text(data))
    assert caught.value.path == (f"{path}.colour" if path else "colour")
    assert str(caught.value).endswith("unknown key")


@pytest.mark.parametrize(
    "change, path, words",
    [
        ({"case_summary": "Too short."}, "case_summary", "too short"),
        ({"style": "speed_mapping"}, "style", "not one of"),
        ({"child_age": 18}, "child_age", "not a child's age"),
        ({"worries": ["dragons"]}, "worries[0]", "not one of"),
        ({"worries": ["neglect", "neglect"]}, "worries[1]", "listed twice"),
        ({"worries": []}, "worries", "at least one"),
        ({"id": "Ruby Kitchen"}, "id", "small letters"),
        ({"title": "   "}, "title", "empty"),
        ({"version": 2}, "version", "newer gq-pods"),
        ({"format": "gq-pods.pod"}, "format", "not a scenario file"),
    ],
)
def test_a_broken_field_is_named_and_explained(change, path, words):
    with pytest.raises(ScenarioError) as caught:
        loads(_text(_scenario(**change)))
    assert caught.value.path == path
    assert words in caught.value.message


def test_a_missing_field_is_required():
    data = _scenario()
    del data["focus_question"]
    with pytest.raises(ScenarioError, match=r"^focus_question: required"):
        loads(_text(data))


def test_a_model_fact_must_be_words_from_the_summary():
    data = _scenario()
    data["model_map"][2]["fact"] = "Ruby was seen by a dentist"
    with pytest.raises(ScenarioError) as caught:
        loads(_text(data))
    assert caught.value.path == "model_map[2].fact"
    assert "not in the case summary" in caught.value.message


def test_a_model_fact_must_lie_within_one_sentence_a_learner_can_place():
    data = _scenario()
    data["model_map"][2]["fact"] = "a cut to her hand. Ruby (4)"
    with pytest.raises(ScenarioError) as caught:
        loads(_text(data))
    assert caught.value.path == "model_map[2].fact"
    assert "runs across two sentences" in caught.value.message
    data["model_map"][2]["fact"] = "He’d had a drink, he pushed me and I went into the door. It was an accident."
    assert loads(_text(data)).model_map[2].section == TEMPLATE["model_map"][2]["section"]  # one quote is one sentence


def test_a_fact_matches_across_line_breaks_case_and_curly_quotes():
    data = _scenario()
    data["model_map"][0]["fact"] = "KAYLEIGH   with a\ncut to her hand"
    data["model_map"][1]["fact"] = "I\u2019m not proud of it."
    assert loads(_text(data)).model_map[1].fact == "I\u2019m not proud of it."


def test_control_characters_are_removed_from_every_string():
    data = _scenario(title="Ruby\x1b[31m, 4\u202e", focus_question="What\x00 now?")
    data["people"][0]["name"] = "Ru\x07by"
    scenario = loads(_text(data))
    assert scenario.title == "Ruby[31m, 4"
    assert scenario.focus_question == "What now?"
    assert scenario.people[0].name == "Ruby"


def test_a_repeated_key_and_nan_are_refused():
    text = _text(TEMPLATE)
    with pytest.raises(ScenarioError, match="more than once"):
        loads(text[:-1] + ', "title": "again"}')
    with pytest.raises(ScenarioError, match="child_age: expected a whole number, got NaN"):
        loads(text.replace('"child_age": 4', '"child_age": NaN'))


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 200) | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


def _places(value, path=()):
    """Every (container, key) in parsed JSON."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield value, key
            yield from _places(inner, (*path, key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield value, i
            yield from _places(inner, (*path, i))


_PLACES = len(list(_places(TEMPLATE)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(where=st.integers(0, _PLACES - 1), value=_JSON)
def test_any_value_anywhere_loads_or_is_refused_by_name(where, value):
    data = copy.deepcopy(TEMPLATE)
    container, key = list(_places(data))[where]
    container[key] = value
    try:
        scenario = loads(json.dumps(data))
    except ScenarioError as error:
        assert str(error).strip()
        assert "Traceback" not in str(error)
    else:
        assert len(scenario.case_summary) >= 600


@settings(max_examples=80, deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_is_a_scenario_or_a_plain_refusal(text):
    try:
        loads(text)
    except ScenarioError as error:
        assert str(error)


@settings(max_examples=80, deadline=None)
@given(title=st.text(min_size=1, max_size=80).filter(lambda t: t.strip()))
def test_a_title_keeps_every_character_but_controls(title):
    try:
        scenario = loads(_text(_scenario(title=title)))
    except ScenarioError as error:
        assert error.path == "title"  # only when cleaning leaves nothing
        return
    assert not re.search("[\x00-\x08\x0b-\x1f\x80-\x9f\u202a-\u202e\u2066-\u2069]", scenario.title)


# ---------------------------------------------------------------- a team's own folder


def _team_folder(gq_home: Path) -> Path:
    folder = gq_home / "config" / "scenarios"
    folder.mkdir(parents=True)
    return folder


def test_a_team_folder_with_a_bad_and_a_good_file_loads_the_good_one(gq_home):
    folder = _team_folder(gq_home)
    (folder / "ours.json").write_text(_text(_scenario(id="our-own-case", title="Our own case")), encoding="utf-8")
    bad = _scenario(id="broken-case")
    bad["model_map"][0]["section"] = "danger"
    (folder / "broken.json").write_text(_text(bad), encoding="utf-8")
    (folder / "notes.txt").write_text("not a scenario", encoding="utf-8")

    library = load_library()

    ours = library.get("our-own-case")
    assert ours is not None and ours.origin == "team"
    assert library.get("broken-case") is None
    assert len(library.scenarios) == len(SHIPPED) + 1
    assert library.problems == [
        'broken.json was left out: model_map[0].section: "danger" is not one of: '
        "harm, complicating_factors, grey_areas, existing_strengths, existing_safety"
    ]


def test_a_team_file_that_is_not_json_or_reuses_an_id_is_reported(gq_home):
    folder = _team_folder(gq_home)
    (folder / "a.json").write_text("{not json", encoding="utf-8")
    (folder / "b.json").write_text(_text(_scenario()), encoding="utf-8")  # the shipped id
    (folder / "c.json").write_bytes(b"\xff\xfe")
    problems = load_library().problems
    assert problems[0].startswith("a.json was left out: This is not valid JSON: line 1, column 2")
    assert problems[1] == "b.json was left out: there is already a scenario with the id 'ruby-kitchen-door'."
    assert problems[2].startswith("c.json was left out: This file is not UTF-8 text")


def test_a_file_where_the_folder_should_be_is_reported(gq_home):
    (gq_home / "config").mkdir(parents=True)
    (gq_home / "config" / "scenarios").write_text("oops", encoding="utf-8")
    library = load_library()
    assert len(library.scenarios) == len(SHIPPED)
    assert library.problems == [f"{gq_home / 'config' / 'scenarios'} is a file, not a folder, so no team scenarios were loaded."]


# ---------------------------------------------------------------- the command line


def test_cli_lists_every_scenario_with_age_style_and_worries(capsys):
    assert main(["scenarios"]) == 0
    out = capsys.readouterr().out
    for scenario in SHIPPED:
        assert scenario.id in out and scenario.title in out
    assert "under 1" in out and "Group supervision" in out and "Content mapping" in out
    assert "Worries: violence between adults; a parent's drinking or drug use" in out


def test_cli_lists_as_json(capsys):
    assert main(["scenarios", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["id"] for row in rows] == [s.id for s in SHIPPED]
    ruby = next(row for row in rows if row["id"] == "ruby-kitchen-door")
    assert ruby == {
        "id": "ruby-kitchen-door",
        "title": "Ruby, 4, and the night of the kitchen door",
        "style": "group_supervision",
        "child_age": 4,
        "worries": ["violence_between_adults", "parent_drinking_or_drugs"],
        "origin": "shipped",
    }


def test_cli_shows_one_scenario_as_json_with_the_model_answer(capsys):
    assert main(["scenarios", "show", "noor-nights", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    noor = next(s for s in SHIPPED if s.id == "noor-nights")
    assert shown["case_summary"] == noor.case_summary
    assert shown["model_danger_statements"] == noor.model_danger_statements
    assert shown["model_safety_goals"] == noor.model_safety_goals
    assert all(isinstance(text, str) for text in shown["model_danger_statements"] + shown["model_safety_goals"])
    assert shown["style"] == "content_mapping" and shown["child_age"] == 0


def test_cli_shows_one_scenario_in_words(capsys):
    assert main(["scenarios", "show", "tia-at-seventeen"]) == 0
    out = capsys.readouterr().out
    assert "Tia, 17, holding the family together" in out
    assert "Referral from Tia's sixth form college" in out
    assert out.index("Case summary") < out.index("MODEL ANSWER") < out.index("Danger statement 1")
    assert "Safety goal 2" in out and "Key points" in out


def test_cli_unknown_scenario_is_a_plain_message(capsys):
    assert main(["scenarios", "show", "no-such-case"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "gq-pods: there is no scenario 'no-such-case'. `gq-pods scenarios` lists the ones there are.\n"


def test_cli_show_without_an_id_is_a_usage_mistake(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["scenarios", "show"])
    assert stopped.value.code == 2
    assert "scenarios show ID" in capsys.readouterr().err


def test_cli_escapes_what_could_act_on_a_terminal_and_reports_bad_team_files(gq_home, capsys):
    folder = _team_folder(gq_home)
    (folder / "odd.json").write_text(_text(_scenario(id="odd-case", title="Odd\x7f case\u200f")), encoding="utf-8")
    (folder / "bad.json").write_text(_text(_scenario(id="bad-case", colour="blue")), encoding="utf-8")

    assert main(["scenarios", "--json"]) == 0
    captured = capsys.readouterr()
    assert "\x7f" not in captured.out and "\u200f" not in captured.out
    assert "\\u007f" in captured.out and "\\u200f" in captured.out
    assert json.loads(captured.out)[-1]["title"] == "Odd\x7f case\u200f"
    assert captured.err == "gq-pods: bad.json was left out: colour: unknown key\n"

    assert main(["scenarios"]) == 0
    out = capsys.readouterr().out
    assert "\x7f" not in out and "Odd\\x7f case" in out and "(your team's)" in out
