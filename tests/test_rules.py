"""The practice's rules, checked on the pod itself (gq_pods.rules)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gq_pods.model import DangerStatement, NextStep, SafetyGoal, Scale, ScaleScore
from gq_pods.rules import RuleError, can_agree_steps, check, problems, score_problem
from tests.factories import full_pod


def paths(pod) -> list[str]:
    return [p.path for p in problems(pod)]


def test_a_full_pod_breaks_no_rule():
    assert problems(full_pod()) == []


def test_a_next_step_cannot_be_agreed_without_a_manager():
    pod = full_pod(manager_present=False)
    assert not can_agree_steps(pod)
    found = problems(pod)
    assert [p.path for p in found] == ["pod.map.next_steps[0].status"]
    assert "only be agreed when a manager is present" in found[0].message
    with pytest.raises(RuleError):
        check(pod)
    pod.map.next_steps[0] = NextStep("Ask Pat", status="idea")
    assert problems(pod) == []


def test_a_goal_links_to_a_statement_of_the_same_pod_and_one_goal_each():
    pod = full_pod()
    pod.safety_goals.append(SafetyGoal(id="sg2", danger_statement="ds1"))
    assert paths(pod) == ["pod.safety_goals[1].danger_statement"]
    assert "already has a safety goal" in problems(pod)[0].message
    pod.safety_goals[1].danger_statement = "ds9"
    assert "is not a danger statement in this pod" in problems(pod)[0].message
    pod.danger_statements.append(DangerStatement(id="ds9"))
    assert problems(pod) == []


def test_a_scale_is_about_the_pod_or_one_of_its_statements():
    pod = full_pod()
    pod.scales.append(Scale("ds7"))
    assert paths(pod) == ["pod.scales[2].about"]


@given(st.integers(min_value=-1000, max_value=1000))
def test_scores_are_whole_numbers_from_0_to_10(score):
    assert (score_problem(score) is None) == (0 <= score <= 10)
    pod = full_pod()
    pod.scales[0].scores.append(ScaleScore("X", score))
    assert (paths(pod) == []) == (0 <= score <= 10)


def test_true_and_half_points_are_not_scores():
    assert score_problem(True) and score_problem(7.5)


def test_ids_are_unique():
    pod = full_pod()
    pod.danger_statements.append(DangerStatement(id="ds1"))
    pod.people.append(pod.people[0])
    assert set(paths(pod)) == {"pod.danger_statements[1].id", "pod.people[5].id"}
