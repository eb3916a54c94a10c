"""The practice's rules for a pod record, as plain checks.

``problems(pod)`` lists every way a pod breaks a rule, each with the path of the
value in pod-file terms (``pod.scales[0].scores[1].score``) and a plain message.
The pod file importer refuses a file with any problem; the screens use the same
rules to stop a slip before it is saved.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import (
    ANSWERS,
    CARRIED,
    CASE_REASONS,
    MAX_SCORE,
    MIN_SCORE,
    OUTCOMES,
    PERSON_KINDS,
    ROLES,
    STATUSES,
    STEP_STATUSES,
    STYLES,
    TEXT_SECTIONS,
    DangerStatement,
    NextStep,
    Pod,
    SafetyGoal,
)


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class RuleError(ValueError):
    """A change that would break one of the practice's rules."""


def _one_of(value: object, allowed: tuple[str, ...]) -> str:
    return f"{value!r} is not one of " + ", ".join(allowed)


def score_problem(score: object) -> str | None:
    """Why a score is not allowed, or None when it is."""
    if isinstance(score, bool) or not isinstance(score, int):
        return f"{score!r} is not a whole number"
    if not MIN_SCORE <= score <= MAX_SCORE:
        return f"{score} is not between {MIN_SCORE} and {MAX_SCORE}"
    return None


def can_agree_steps(pod: Pod) -> bool:
    """Next steps can only be agreed with the accountable manager present."""
    return pod.manager_present


def step_is_agreed(status: str, manager_present: bool) -> bool:
    """A step marked agreed counts as agreed only if the manager was there; otherwise it is an
    idea for supervision, whatever a file or an older record says."""
    return status == "agreed" and manager_present


def problems(pod: Pod) -> list[Problem]:
    out: list[Problem] = []

    def bad(path: str, message: str) -> None:
        out.append(Problem(path, message))

    if pod.style not in STYLES:
        bad("pod.style", _one_of(pod.style, STYLES))
    if pod.case_reason not in CASE_REASONS:
        bad("pod.case_reason", _one_of(pod.case_reason, CASE_REASONS))
    if pod.status not in STATUSES:
        bad("pod.status", _one_of(pod.status, STATUSES))

    for i, participant in enumerate(pod.participants):
        if participant.role not in ROLES:
            bad(f"pod.participants[{i}].role", _one_of(participant.role, ROLES))

    person_ids: set[str] = set()
    for i, person in enumerate(pod.people):
        if person.kind not in PERSON_KINDS:
            bad(f"pod.people[{i}].kind", _one_of(person.kind, PERSON_KINDS))
        if person.id in person_ids:
            bad(f"pod.people[{i}].id", f"{person.id!r} is used by another person")
        person_ids.add(person.id)
        if person.age is not None and (
            isinstance(person.age, bool) or not isinstance(person.age, int) or not 0 <= person.age <= 130
        ):
            bad(f"pod.people[{i}].age", f"{person.age!r} is not an age between 0 and 130")

    for section in TEXT_SECTIONS:
        for i, item in enumerate(pod.map.section(section)):
            if item.carried and item.carried not in CARRIED:
                bad(f"pod.map.{section}[{i}].carried", _one_of(item.carried, CARRIED) + ", or empty")

    for i, step in enumerate(pod.map.next_steps):
        if step.outcome and step.outcome not in OUTCOMES:
            bad(f"pod.map.next_steps[{i}].outcome", _one_of(step.outcome, OUTCOMES) + ", or empty")
        path = f"pod.map.next_steps[{i}].status"
        if step.status not in STEP_STATUSES:
            bad(path, _one_of(step.status, STEP_STATUSES))
        elif step.status == "agreed" and not pod.manager_present:
            bad(path, "a next step can only be agreed when a manager is present; without one it is an idea")

    statement_ids: set[str] = set()
    for i, statement in enumerate(pod.danger_statements):
        if not statement.id:
            bad(f"pod.danger_statements[{i}].id", "a danger statement needs an id")
        elif statement.id in statement_ids:
            bad(f"pod.danger_statements[{i}].id", f"{statement.id!r} is used by another danger statement")
        statement_ids.add(statement.id)

    goal_ids: set[str] = set()
    linked: set[str] = set()
    for i, goal in enumerate(pod.safety_goals):
        if not goal.id:
            bad(f"pod.safety_goals[{i}].id", "a safety goal needs an id")
        elif goal.id in goal_ids:
            bad(f"pod.safety_goals[{i}].id", f"{goal.id!r} is used by another safety goal")
        goal_ids.add(goal.id)
        path = f"pod.safety_goals[{i}].danger_statement"
        if goal.danger_statement not in statement_ids:
            bad(path, f"{goal.danger_statement!r} is not a danger statement in this pod")
        elif goal.danger_statement in linked:
            bad(path, f"danger statement {goal.danger_statement!r} already has a safety goal")
        linked.add(goal.danger_statement)

    scale_subjects: set[str] = set()
    for i, scale in enumerate(pod.scales):
        path = f"pod.scales[{i}].about"
        if scale.about != "overall" and scale.about not in statement_ids:
            bad(path, f"{scale.about!r} is neither 'overall' nor a danger statement in this pod")
        elif scale.about in scale_subjects:
            bad(path, f"there is already a scale about {scale.about!r}")
        scale_subjects.add(scale.about)
        for j, score in enumerate(scale.scores):
            why = score_problem(score.score)
            if why:
                bad(f"pod.scales[{i}].scores[{j}].score", why)

    answered = pod.reflection.focus_question_answered
    if answered is not None and answered not in ANSWERS:
        bad("pod.reflection.focus_question_answered", _one_of(answered, ANSWERS) + ", or null")

    return out


def check(pod: Pod) -> None:
    """Raise RuleError naming the first problem, if there is one."""
    found = problems(pod)
    if found:
        raise RuleError(str(found[0]))


# ---------------------------------------------------------------- what counts as empty


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


STATEMENT_WORDS = ("text", "who_is_worried", "behaviour", "example", "impact", "acknowledgement", "family_view")
GOAL_WORDS = ("text", "caregiver_actions", "child_experience", "professionals_will_see", "duration", "network")


def _nothing_written(item: DangerStatement | SafetyGoal, fields: tuple[str, ...]) -> bool:
    return all(_blank(getattr(item, name)) for name in fields) and all(_blank(d.text) for d in item.drafts)


def statement_is_empty(statement: DangerStatement) -> bool:
    """Nothing written in a danger statement: no wording, no parts, no draft with words."""
    return _nothing_written(statement, STATEMENT_WORDS)


def goal_is_empty(goal: SafetyGoal) -> bool:
    """Nothing written in a safety goal: no wording, no parts, no draft with words."""
    return _nothing_written(goal, GOAL_WORDS)


def item_is_empty(item: object) -> bool:
    """Nothing written in a part of the map: a statement, a goal, a next step or a plain item."""
    if isinstance(item, DangerStatement):
        return statement_is_empty(item)
    if isinstance(item, SafetyGoal):
        return goal_is_empty(item)
    if isinstance(item, NextStep):
        return _blank(item.text) and _blank(item.owner) and item.due is None
    return _blank(getattr(item, "text", ""))


def pair_is_empty(pod: Pod, statement_id: str) -> bool:
    """A danger statement, its goal and its scale with nothing in them at all: added, then left."""
    statement = pod.statement(statement_id)
    if statement is None or not statement_is_empty(statement) or pod.scale_for(statement_id) is not None:
        return False
    goal = pod.goal_for(statement_id)
    return goal is None or goal_is_empty(goal)


# ---------------------------------------------------------------- words


def singular(label: str) -> str:
    """One of a team's section titles: 'Danger statements' -> 'Danger statement', 'Worries' -> 'Worry'."""
    label = label.strip()
    if label.endswith("ies") and len(label) > 3:
        return label[:-3] + "y"
    if label.endswith("s") and not label.endswith(("ss", "is", "us")):
        return label[:-1]
    return label
