"""Practising alone, the pure part: starting an attempt, the case sentence by sentence,
comparing with the model answer, and progress over attempts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gq_pods import checker, practice
from gq_pods.model import TEXT_SECTIONS, DangerStatement, MapItem, Pod, SafetyGoal
from gq_pods.practice import Attempt, case_sentences, compare, split_sentences, start_pod
from gq_pods.scenarios import ModelFact, ModelPair, Scenario, load_library
from tests.strategies import texts

SHIPPED = load_library(Path("/nonexistent-team-folder")).scenarios

SUMMARY = (
    "Referral from the nursery on 3 May.\n"
    "Ava (4) came in with a bruise on her cheek. She said: \"Daddy pushed me. Don't tell.\" "
    "Mum keeps every appointment with the health visitor. "
    "Gran collects Ava from nursery every day.\n"
    "Dad drinks most evenings and shouts at Mum."
)
FACTS = [
    ModelFact("a bruise on her cheek", "harm", "An injury the nursery saw."),
    ModelFact("Daddy pushed me.", "harm", "Ava's own words about how it happened."),
    ModelFact("Don't tell.", "harm", "She is afraid of telling."),
    ModelFact("Mum keeps every appointment with the health visitor", "existing_strengths", "Mum's care."),
    ModelFact("Gran collects Ava from nursery every day", "existing_safety", "Gran is there daily."),
    ModelFact("Dad drinks most evenings", "complicating_factors", "Drink makes the worry harder."),
]
MODEL_STATEMENT = (
    "The nursery and Jo, the social worker, are worried that Dad pushes Ava when he has been drinking. "
    "On 3 May Ava came to nursery with a bruise on her cheek. If nothing changes Ava could be badly hurt."
)
MODEL_GOAL = (
    "Dad will go to Gran's when he has been drinking and is angry. Ava will feel safe at home. "
    "Jo will visit every week to check, for the next six months."
)
KEY_POINTS = [
    "Gran collecting Ava every day is existing safety.",
    "The drinking is a complicating factor.",
]


def scenario(**changes) -> Scenario:
    fields = dict(
        id="ava-test",
        title="Ava, 4, and the bruise",
        style="content_mapping",
        child_age=4,
        worries=["physical_harm"],
        case_summary=SUMMARY,
        focus_question="How do I talk to Dad?",
        model_map=list(FACTS),
        model_statements=[ModelPair(MODEL_STATEMENT, MODEL_GOAL)],
        key_points=list(KEY_POINTS),
    )
    fields.update(changes)
    return Scenario(**fields)


def attempt_with(**sections: list[str]) -> Pod:
    pod = start_pod(scenario(), dt.date(2026, 12, 1))
    for section, lines in sections.items():
        pod.map.section(section).extend(MapItem(line) for line in lines)
    return pod


def by_fact(result: practice.Comparison) -> dict[str, practice.FactResult]:
    return {f.fact: f for f in result.facts}


# ---------------------------------------------------------------- starting


def test_an_attempt_is_a_practice_pod_for_one_learner_with_the_scenario_s_case():
    s = SHIPPED[0]
    pod = start_pod(s, dt.date(2026, 12, 1))
    assert pod.practice is True
    assert pod.title == f"Practice: {s.title}"
    assert (pod.style, pod.focus_question, pod.case_reason, pod.date) == (s.style, s.focus_question, "new", dt.date(2026, 12, 1))
    assert [(p.name, p.role) for p in pod.participants] == [(practice.SOLO_PARTICIPANT, "presenter")]
    assert [p.name for p in pod.people] == [p.name for p in s.people] and pod.people
    pod.people[0].name = "Changed in the attempt"
    assert s.people[0].name != "Changed in the attempt"  # the scenario is not edited through the attempt
    assert pod.id is None and pod.team == ""


# ---------------------------------------------------------------- the case, sentence by sentence


@pytest.mark.parametrize("s", SHIPPED, ids=lambda s: s.id)
def test_every_model_fact_lies_inside_one_sentence_of_its_case(s):
    sentences = case_sentences(s)
    for fact in s.model_map:
        holding = [x for x in sentences if practice.holds(x, fact.fact)]
        assert holding, f"{fact.fact!r} spans two sentences of {s.id}"


@pytest.mark.parametrize("s", SHIPPED, ids=lambda s: s.id)
def test_placing_every_sentence_where_the_model_puts_its_facts_matches_them_all(s):
    """A learner who places each sentence in the section of the model fact it holds
    (the first one, when it holds two) gets every fact whose sentence went the right way."""
    pod = start_pod(s)
    expected = 0
    for sentence in case_sentences(s):
        inside = [f for f in s.model_map if practice.holds(sentence, f.fact)]
        if inside:
            pod.map.section(inside[0].section).append(MapItem(sentence))
            expected += sum(1 for f in inside if f.section == inside[0].section)
    result = compare(pod, s)
    assert result.facts_matched == expected >= len(s.model_map) // 2
    assert result.unmatched_items == ()


def test_a_quote_stays_whole_and_lines_and_sentences_split():
    assert case_sentences(scenario()) == [
        "Referral from the nursery on 3 May.",
        "Ava (4) came in with a bruise on her cheek.",
        "She said: \"Daddy pushed me. Don't tell.\"",
        "Mum keeps every appointment with the health visitor.",
        "Gran collects Ava from nursery every day.",
        "Dad drinks most evenings and shouts at Mum.",
    ]


def test_single_quotes_titles_and_blank_lines():
    text = "Lee said: 'I gave him a few whacks. He needs to learn.' Mrs. Grant rang Dr. Shah.\n\n  \nAva is 4! Harvey said no. Why?"
    assert split_sentences(text) == [
        "Lee said: 'I gave him a few whacks. He needs to learn.'",
        "Mrs. Grant rang Dr. Shah.",
        "Ava is 4!",
        "Harvey said no.",
        "Why?",
    ]


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@given(texts(6))
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_sentences_keep_every_character_of_the_case_in_order(text):
    sentences = split_sentences(text)
    assert _squeezed("".join(sentences)) == _squeezed(text)
    at = 0
    for sentence in sentences:
        assert sentence == sentence.strip() and sentence
        found = text.find(sentence, at)
        assert found >= 0
        at = found + len(sentence)


@given(st.lists(st.sampled_from(["Mum said: \"", "No. ", "'", "Dr. ", "Yes!", "\n", " ", "Ava", "?'", "..."]), max_size=20))
def test_sentences_of_quotes_and_stops_in_any_order(pieces):
    text = "".join(pieces)
    assert _squeezed("".join(split_sentences(text))) == _squeezed(text)


# ---------------------------------------------------------------- facts


def test_facts_placed_right_placed_elsewhere_and_not_placed():
    pod = attempt_with(
        harm=["Ava (4) came in with a bruise on her cheek."],
        existing_strengths=["Gran collects Ava from nursery every day."],  # the model says existing safety
    )
    result = compare(pod, scenario())
    facts = by_fact(result)
    right = facts["a bruise on her cheek"]
    assert (right.matched, right.placed_in, right.item_text) == (True, "harm", "Ava (4) came in with a bruise on her cheek.")
    elsewhere = facts["Gran collects Ava from nursery every day"]
    assert (elsewhere.matched, elsewhere.placed_in, elsewhere.model_section) == (False, "existing_strengths", "existing_safety")
    assert elsewhere.reason == "Gran is there daily."
    missing = facts["Dad drinks most evenings"]
    assert (missing.matched, missing.placed_in, missing.item_text) == (False, None, None)
    assert (result.facts_total, result.facts_matched, result.facts_elsewhere) == (6, 1, 1)


def test_an_item_that_holds_no_model_fact_is_listed_as_the_learner_s_own():
    pod = attempt_with(grey_areas=["We do not know who else lives there."], harm=["a bruise on her CHEEK!"])
    result = compare(pod, scenario())
    assert result.unmatched_items == (("grey_areas", "We do not know who else lives there."),)
    assert by_fact(result)["a bruise on her cheek"].matched  # case and punctuation aside


def test_curly_quotes_and_spacing_do_not_stop_a_match():
    pod = attempt_with(harm=["She said: \u201cDaddy   pushed\nme.\u201d"], existing_strengths=["Mum keeps every appointment with the health visitor"])
    facts = by_fact(compare(pod, scenario()))
    assert facts["Daddy pushed me."].matched and facts["Mum keeps every appointment with the health visitor"].matched


def test_a_fact_placed_twice_counts_once_and_prefers_the_model_s_section():
    pod = attempt_with(
        complicating_factors=["Dad drinks most evenings and shouts at Mum."],
        harm=["Dad drinks most evenings, says the nursery."],
    )
    result = compare(pod, scenario())
    drink = by_fact(result)["Dad drinks most evenings"]
    assert (drink.placed_in, drink.item_text) == ("complicating_factors", "Dad drinks most evenings and shouts at Mum.")
    assert result.facts_matched == 1
    assert result.unmatched_items == ()  # the second copy holds a fact: it is not the learner's own idea


def test_one_sentence_placed_whole_holds_both_of_its_facts():
    pod = attempt_with(harm=["She said: \"Daddy pushed me. Don't tell.\""])
    facts = by_fact(compare(pod, scenario()))
    assert facts["Daddy pushed me."].matched and facts["Don't tell."].matched


def test_a_fact_in_the_learner_s_own_words_matches_when_most_of_its_content_words_are_there():
    # "Mum keeps every appointment with the health visitor": content words mum, keeps, every,
    # appointment, health, visitor. Five of six is enough; three of six is not.
    close = attempt_with(existing_strengths=["Mum keeps every health visitor appointment she has"])
    far = attempt_with(existing_strengths=["Mum keeps her appointment"])
    assert by_fact(compare(close, scenario()))["Mum keeps every appointment with the health visitor"].matched
    result = compare(far, scenario())
    assert by_fact(result)["Mum keeps every appointment with the health visitor"].placed_in is None
    assert result.unmatched_items == (("existing_strengths", "Mum keeps her appointment"),)


def test_a_loose_item_matches_at_most_one_fact():
    both = ModelFact("Gran visits Ava daily", "existing_safety", "r")
    other = ModelFact("Gran visits daily with Ava", "existing_strengths", "r")
    s = scenario(model_map=[both, other], case_summary="Gran visits Ava daily. Gran visits daily with Ava.")
    pod = start_pod(s)
    pod.map.existing_safety.append(MapItem("Ava's gran visits daily"))
    result = compare(pod, s)
    assert [f.placed_in for f in result.facts] == ["existing_safety", None]


def test_an_item_holding_one_fact_s_words_does_not_also_match_another_loosely():
    daily = ModelFact("Gran visits Ava daily", "existing_safety", "r")
    often = ModelFact("Gran visits Ava often", "existing_strengths", "r")  # three of its four content words
    s = scenario(model_map=[daily, often], case_summary="Gran visits Ava daily. Gran visits Ava often.")
    pod = start_pod(s)
    pod.map.existing_safety.append(MapItem("Gran visits Ava daily."))
    assert [f.placed_in for f in compare(pod, s).facts] == ["existing_safety", None]


def test_an_empty_attempt_matches_nothing():
    result = compare(start_pod(scenario()), scenario())
    assert (result.facts_matched, result.facts_elsewhere, result.unmatched_items) == (0, 0, ())
    assert all(f.placed_in is None for f in result.facts)
    assert (result.statements, result.statement_problems, result.problems_per_statement) == (0, 0, None)


# ---------------------------------------------------------------- statements and goals


def with_statement(pod: Pod, statement: str, goal: str | None) -> Pod:
    sid = pod.new_statement_id()
    pod.danger_statements.append(DangerStatement(id=sid, text=statement))
    if goal is not None:
        pod.safety_goals.append(SafetyGoal(id=pod.new_goal_id(), danger_statement=sid, text=goal))
    return pod


def test_each_statement_and_goal_has_its_checklist_beside_the_model_s():
    pod = with_statement(start_pod(scenario()), "Concerns re DV; risk of significant harm.", "Dad will engage with services.")
    result = compare(pod, scenario())
    statement, goal = result.pairs
    assert (statement.kind, goal.kind) == ("danger_statement", "safety_goal")
    assert statement.learner_parts == tuple(checker.parts("Concerns re DV; risk of significant harm.", checker.DANGER_STATEMENT))
    assert statement.model_parts == tuple(checker.parts(MODEL_STATEMENT, checker.DANGER_STATEMENT))
    assert all(present for _, present in statement.model_parts)  # the model has every part
    assert not all(present for _, present in statement.learner_parts)
    assert [label for label, _ in goal.learner_parts] == [label for _, label, _ in checker.GOAL_PARTS]
    assert statement.problems == sum(f.severity == checker.PROBLEM for f in checker.check_danger_statement(statement.learner_text))
    assert statement.problems > 0 and goal.problems > 0
    assert result.statements == 1
    assert result.statement_problems == statement.problems + goal.problems
    assert result.problems_per_statement == result.statement_problems


def test_a_model_statement_the_learner_did_not_write_is_shown_but_not_counted():
    s = scenario(model_statements=[ModelPair(MODEL_STATEMENT, MODEL_GOAL), ModelPair("Second model.", "Second goal.")])
    pod = with_statement(start_pod(s), MODEL_STATEMENT, MODEL_GOAL)
    result = compare(pod, s)
    assert [p.learner_text for p in result.pairs] == [MODEL_STATEMENT, MODEL_GOAL, "", ""]
    assert [p.model_text for p in result.pairs][2:] == ["Second model.", "Second goal."]
    assert result.statements == 1
    assert result.statement_problems == result.pairs[0].problems + result.pairs[1].problems == 0


def test_a_statement_without_a_goal_counts_a_problem_and_an_extra_statement_has_no_model():
    s = scenario()
    pod = with_statement(start_pod(s), MODEL_STATEMENT, None)
    with_statement(pod, MODEL_STATEMENT, MODEL_GOAL)
    result = compare(pod, s)
    assert [p.kind for p in result.pairs] == ["danger_statement", "safety_goal"] * 2
    assert result.pairs[1].learner_text == "" and result.pairs[1].problems == 1  # no goal yet
    assert result.pairs[2].model_text == "" and result.pairs[2].model_parts == ()
    assert (result.statements, result.statement_problems, result.problems_per_statement) == (2, 1, 0.5)


def test_a_goal_is_the_one_paired_with_its_statement_not_the_one_in_the_same_place():
    pod = start_pod(scenario())
    pod.danger_statements += [DangerStatement(id="ds1", text="first"), DangerStatement(id="ds2", text="second")]
    pod.safety_goals += [SafetyGoal(id="sg1", danger_statement="ds2", text="goal for second")]
    result = compare(pod, scenario())
    assert [p.learner_text for p in result.pairs] == ["first", "", "second", "goal for second"]


def test_a_statement_kept_only_in_its_parts_is_compared_as_written():
    pod = start_pod(scenario())
    pod.danger_statements.append(DangerStatement(id="ds1", who_is_worried="The nursery", behaviour="Dad pushes Ava"))
    assert compare(pod, scenario()).pairs[0].learner_text == "The nursery Dad pushes Ava"


# ---------------------------------------------------------------- key points


def test_key_points_are_suggested_from_the_learner_s_own_words_and_can_be_changed():
    pod = attempt_with(existing_safety=["Gran collects Ava every day: that is existing safety."])
    result = compare(pod, scenario())
    assert [(k.point, k.covered) for k in result.key_points] == [(KEY_POINTS[0], True), (KEY_POINTS[1], False)]
    assert (result.key_points_total, result.key_points_covered) == (2, 1)
    changed = result.with_key_points([False, True])
    assert [k.covered for k in changed.key_points] == [False, True]
    assert result.key_points_covered == 1  # the original is unchanged
    assert changed.with_key_point(0, True).key_points_covered == 2
    assert changed.facts == result.facts and changed.pairs == result.pairs
    with pytest.raises(ValueError):
        result.with_key_points([True])


def test_words_in_statements_and_reflection_count_towards_key_points():
    pod = with_statement(start_pod(scenario()), "Dad's drinking is a complicating factor.", None)
    assert [k.covered for k in compare(pod, scenario()).key_points] == [False, True]


# ---------------------------------------------------------------- any text


@given(st.lists(st.tuples(st.sampled_from(TEXT_SECTIONS), texts(4)), max_size=8), texts(4), texts(4))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_compare_takes_any_text_and_its_figures_add_up(items, statement, goal):
    pod = start_pod(scenario())
    for section, text in items:
        pod.map.section(section).append(MapItem(text))
    with_statement(pod, statement, goal)
    result = compare(pod, scenario())
    assert result.facts_total == len(FACTS)
    assert 0 <= result.facts_matched + result.facts_elsewhere <= result.facts_total
    placed = {(section, text) for section, text in items}
    for fact in result.facts:
        assert fact.placed_in is None or (fact.placed_in, fact.item_text) in placed
    assert set(result.unmatched_items) <= placed
    assert result.statements in (0, 1) and result.statement_problems >= 0


# ---------------------------------------------------------------- attempts and progress

UTC = dt.timezone.utc


def attempt(pod_id: int, scenario_id: str = "ava-test", day: int = 1, compared: bool = True, **figures) -> Attempt:
    return Attempt(
        pod_id=pod_id,
        scenario_id=scenario_id,
        scenario_title="Ava, 4, and the bruise",
        started_at=dt.datetime(2026, 12, day, 9, tzinfo=UTC),
        compared_at=dt.datetime(2026, 12, day, 10, tzinfo=UTC) if compared else None,
        **figures,
    )


def test_progress_groups_compared_attempts_by_scenario_oldest_first():
    later = attempt(1, day=5)
    earlier = attempt(2, day=2)
    other = attempt(3, scenario_id="harvey", day=3)
    open_one = attempt(4, day=1, compared=False)
    assert practice.progress([later, other, earlier, open_one]) == {"ava-test": [earlier, later], "harvey": [other]}


def test_an_attempt_s_figures_in_words():
    done = attempt(1, facts_total=9, facts_matched=7, statements=2, statement_problems=3, self_rating=6)
    assert (done.facts_label, done.problems_per_statement, done.problems_label) == ("7 of 9", 1.5, "1.5")
    assert attempt(2, facts_total=9, facts_matched=0, statements=0, statement_problems=0).problems_label == "no statements"
    fresh = attempt(3, compared=False)
    assert (fresh.compared, fresh.facts_label, fresh.problems_label, fresh.problems_per_statement) == (False, "", "", None)


def test_the_list_says_which_attempts_are_compared_and_which_way_progress_went():
    rows = [
        attempt(1, day=1, facts_total=6, facts_matched=2, statements=1, statement_problems=4, self_rating=3),
        attempt(2, day=3, facts_total=6, facts_matched=5, statements=2, statement_problems=1, self_rating=7),
        attempt(3, day=4, compared=False),
    ]
    text = practice.format_attempts(rows)
    lines = text.splitlines()
    assert "2 of 6" in lines[1] and "4" in lines[1] and "3 of 10" in lines[1]
    assert "5 of 6" in lines[3] and "0.5" in lines[3] and "7 of 10" in lines[3]
    assert "Not compared with the model yet" in lines[5]
    assert lines[2].strip() == "Ava, 4, and the bruise (ava-test)"
    assert "Facts placed as the model did: 2 of 6, 5 of 6 (rising)" in text
    assert "Problems per statement: 4, 0.5 (falling)" in text
    assert max(len(line) for line in lines) <= 80


def test_no_attempts_says_how_to_start_one():
    assert "press p" in practice.format_attempts([])


def test_titles_from_a_team_s_scenario_cannot_move_the_terminal_cursor():
    row = attempt(1, compared=False)
    row.scenario_title = "Ava\x1b[2J\u202e"
    assert "\x1b" not in practice.format_attempts([row]) and "\u202e" not in practice.format_attempts([row])


@pytest.mark.parametrize("rating", [-1, 11, 2.5, True, "5"])
def test_a_self_rating_is_a_whole_number_from_0_to_10(rating):
    with pytest.raises(ValueError):
        practice.check_rating(rating)


def test_ratings_at_the_ends_and_none_are_kept():
    assert [practice.check_rating(r) for r in (0, 10, None)] == [0, 10, None]
