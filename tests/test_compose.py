"""Composing a danger statement or safety goal from its parts: natural English, and
nothing the practitioner typed is ever dropped."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from gq_pods.compose import compose_goal, compose_statement
from gq_pods.model import DangerStatement, SafetyGoal
from tests.factories import full_pod

STATEMENT_PARTS = ("acknowledgement", "who_is_worried", "behaviour", "example", "impact")
GOAL_PARTS = ("caregiver_actions", "child_experience", "professionals_will_see", "duration", "network")


def test_the_handbook_statement_starts_with_who_is_worried_and_ends_with_what_went_well():
    ds = full_pod().danger_statements[0]
    assert compose_statement(ds) == (
        "The nursery and Jo, the social worker, are worried that when Dean and Lisa argue, Dean shouts and "
        "pushes Lisa in front of Amy, like in March when Amy was bruised. "
        "If nothing changes, Amy could be hurt caught in the middle and grow up frightened. "
        "Lisa has kept Amy's nursery place going through a hard year."
    )


def test_a_long_statement_is_short_sentences_not_one_of_69_words():
    """The statement from the pod that was tried: one sentence of 69 words, starting with the family's strengths."""
    ds = DangerStatement(
        acknowledgement="Mum has taken T to every appointment and asked for help when things got hard",
        who_is_worried="The school, the health visitor and Jo the social worker",
        behaviour="when S has been drinking he grabs and squeezes T and shouts at Mum in front of her",
        example="on 14 November T came to school with bruises on her arm and told the teacher S squeezed me",
        impact="T could be badly hurt and grow up scared in her own home",
    )
    result = compose_statement(ds)
    assert result.startswith("The school, the health visitor and Jo the social worker are worried that when S")
    assert "For example, on 14 November T came to school" in result
    assert result.endswith("Mum has taken T to every appointment and asked for help when things got hard.")
    assert max(len(sentence.split()) for sentence in sentences(result)) <= 35


def test_one_worrier_is_worried_and_several_are():
    one = DangerStatement(who_is_worried="The school", behaviour="Dad shouts at Mum")
    two = DangerStatement(who_is_worried="The school and the health visitor", behaviour="Dad shouts at Mum")
    assert compose_statement(one) == "The school is worried that Dad shouts at Mum."
    assert compose_statement(two) == "The school and the health visitor are worried that Dad shouts at Mum."


def test_parts_already_punctuated_are_used_as_written():
    ds = DangerStatement(
        who_is_worried="Mrs Begum, the health visitor, is worried that",
        behaviour="When Mum drinks she falls asleep.",
        example="Last week Amy was found alone at 10pm.",
        impact="If nothing changes Amy could be hurt.",
    )
    assert compose_statement(ds) == (
        "Mrs Begum, the health visitor, is worried that when Mum drinks she falls asleep. "
        "Last week Amy was found alone at 10pm. If nothing changes Amy could be hurt."
    )


def test_a_dangling_comma_is_tidied_and_names_keep_their_capitals():
    ds = DangerStatement(who_is_worried="the school,", behaviour="Dean shouts,", example="Like in March,", impact="Amy could be hurt,")
    assert compose_statement(ds) == (
        "The school is worried that Dean shouts, like in March. If nothing changes, Amy could be hurt."
    )


def test_empty_parts_are_left_out():
    assert compose_statement(DangerStatement()) == ""
    assert compose_goal(SafetyGoal()) == ""
    assert compose_statement(DangerStatement(impact="Amy could be hurt")) == "If nothing changes, Amy could be hurt."
    assert compose_statement(DangerStatement(behaviour="Mum drinks")) == "Mum drinks."


def test_the_goal_mirrors_the_statement():
    goal = full_pod().safety_goals[0]
    assert compose_goal(goal) == (
        "Dean and Lisa will sort out arguments calmly, away from Amy, so that Amy will feel safe and relaxed "
        "at home. The nursery will see Amy arriving settled. This will carry on for six months. "
        "Pat knows the plan and will check in weekly."
    )


def test_short_goal_parts_become_sentences():
    goal = SafetyGoal(
        caregiver_actions="Mum will have a sober adult with her",
        child_experience="Amy will feel safe",
        professionals_will_see="Amy at school every day",
        duration="six months",
        network="Pat and Gran",
    )
    assert compose_goal(goal) == (
        "Mum will have a sober adult with her, so that Amy will feel safe. Professionals will see Amy at "
        "school every day. This will carry on for six months. Pat and Gran will know the plan and help."
    )


def test_a_long_goal_keeps_what_the_child_experiences_as_its_own_sentence():
    goal = SafetyGoal(
        caregiver_actions="Mum will have a sober adult she trusts with her every evening and every weekend when S is "
        "in the house and she will ring Gran if S starts drinking",
        child_experience="T will feel safe and calm at home and go to sleep without being frightened",
    )
    result = compose_goal(goal)
    assert "drinking. T will feel safe" in result
    assert max(len(sentence.split()) for sentence in sentences(result)) <= 35


# ------------------------------------------------------------------ properties


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]

part_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),
    max_size=40,
) | st.sampled_from(["", " ", ",", ".", "like in March,", "If nothing changes", "that Dad", "Mum [/] left", "\n"])


def _core(text: str) -> str:
    """What must survive composing: the part without the spaces and dangling punctuation around it."""
    text = text.strip()
    trimmed = text.rstrip(",;:\u2013\u2014- \t\r\n")
    return trimmed if trimmed else text


def _appears(core: str, result: str) -> bool:
    variants = {core, core[:1].upper() + core[1:], core[:1].lower() + core[1:]}
    return any(v in result for v in variants)


@settings(max_examples=300)
@given(st.fixed_dictionaries({name: part_text for name in STATEMENT_PARTS}))
def test_a_statement_never_fails_and_keeps_every_part(parts):
    result = compose_statement(DangerStatement(**parts))
    assert isinstance(result, str)
    for name, value in parts.items():
        core = _core(value)
        if core:
            assert _appears(core, result), (name, value, result)


@settings(max_examples=300)
@given(st.fixed_dictionaries({name: part_text for name in GOAL_PARTS}))
def test_a_goal_never_fails_and_keeps_every_part(parts):
    result = compose_goal(SafetyGoal(**parts))
    assert isinstance(result, str)
    for name, value in parts.items():
        core = _core(value)
        if core:
            assert _appears(core, result), (name, value, result)


@given(st.fixed_dictionaries({name: part_text for name in STATEMENT_PARTS}))
def test_composing_is_the_same_every_time(parts):
    assert compose_statement(DangerStatement(**parts)) == compose_statement(DangerStatement(**parts))


short_part = st.lists(
    st.text(alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=8), max_size=10
).map(" ".join) | st.sampled_from(["", "like in March", "on 3 May when Dad hit Mum", "for example last week", "Dad drinks."])


@settings(max_examples=300)
@given(st.fixed_dictionaries({name: short_part for name in STATEMENT_PARTS}))
@example({**{name: "" for name in STATEMENT_PARTS}, "who_is_worried": "ß"})  # its capital is two letters
def test_short_parts_make_short_sentences_each_part_whole(parts):
    result = compose_statement(DangerStatement(**parts))
    for value in parts.values():
        if value.strip():
            assert _appears(value.strip().rstrip("."), result)
    assert all(len(sentence.split()) <= 35 for sentence in sentences(result)), result
    who = parts["who_is_worried"].strip()
    if who:  # the first words are who is worried, whatever else was written
        first = who[:1].upper() if len(who[:1].upper()) == 1 else who[:1]  # 'ß' stays 'ß', never 'SS'
        assert result.startswith(first + who[1:])


@settings(max_examples=300)
@given(st.fixed_dictionaries({name: short_part for name in GOAL_PARTS}))
def test_short_goal_parts_make_short_sentences(parts):
    result = compose_goal(SafetyGoal(**parts))
    assert all(len(sentence.split()) <= 35 for sentence in sentences(result)), result


def test_a_list_names_a_statement_by_who_is_worried_whatever_its_wording_starts_with():
    from gq_pods.compose import statement_headline

    ds = full_pod().danger_statements[0]
    ds.text = "Lisa has kept Amy's nursery place going. The nursery and Jo are worried..."
    assert statement_headline(ds, ds.text).startswith("The nursery and Jo, the social worker, are worried")
    bare = DangerStatement(text="Mum has taken T to every appointment.")
    assert statement_headline(bare, bare.text) == "Mum has taken T to every appointment."
