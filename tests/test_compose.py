"""Composing a danger statement or safety goal from its parts: natural English, and
nothing the practitioner typed is ever dropped."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gq_pods.compose import compose_goal, compose_statement
from gq_pods.model import DangerStatement, SafetyGoal
from tests.factories import full_pod

STATEMENT_PARTS = ("acknowledgement", "who_is_worried", "behaviour", "example", "impact")
GOAL_PARTS = ("caregiver_actions", "child_experience", "professionals_will_see", "duration", "network")


def test_the_handbook_statement_reads_as_one_natural_statement():
    ds = full_pod().danger_statements[0]
    assert compose_statement(ds) == (
        "Lisa has kept Amy's nursery place going through a hard year. "
        "The nursery and Jo, the social worker, are worried that when Dean and Lisa argue, Dean shouts and "
        "pushes Lisa in front of Amy, like in March when Amy was bruised. "
        "If nothing changes, Amy could be hurt caught in the middle and grow up frightened."
    )


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


# ------------------------------------------------------------------ properties

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
