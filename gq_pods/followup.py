"""Following up a case: a new pod that starts from the pod before.

A pod is rarely the last word on a case. ``follow_up(previous)`` starts the
next pod of the same case: it carries over the people, the map (each item
marked "to_review", so the group says whether it is still true, changed or no
longer so), the danger statements and safety goals, and the scales' questions
with no scores yet (last time's scores are shown beside the new ones, see
:func:`last_time`). Last time's next steps are not carried: they are asked
about (:func:`steps_to_ask`), and what became of each is recorded on the pod
they were agreed at.

Plain Python: no Textual, no storage.
"""

from __future__ import annotations

import copy
import datetime as _dt

from .model import NextStep, Pod, PodMap, Scale, ScaleScore, TEXT_SECTIONS

#: A carried-over item the group said was no longer so is not carried again.
NOT_CARRIED_AGAIN = "no_longer"


def follow_up(previous: Pod, today: _dt.date | None = None) -> Pod:
    """The next pod of ``previous``'s case, dated ``today`` (default: today), following it.

    Kept (and editable): the title, team, case reference, reason, style, focus
    question, practice or not, the participants (and so whether the manager is
    there, which goes with them) and the people around the child.
    The map's items come over marked "to_review" (an item last time's group said
    was no longer so is left behind); the danger statements and safety goals come
    over with the same ids (so each scale still knows its statement), without
    their drafts; each scale comes over with its question and no scores. Not
    carried: the next steps (asked about instead), the bottom lines and
    contingencies, the stages and time, the reflection, the child's views, the
    record's details and the manager's decision.
    """
    before = copy.deepcopy(previous)
    new_map = PodMap()
    for section in TEXT_SECTIONS:
        items = [item for item in before.map.section(section) if item.carried != NOT_CARRIED_AGAIN]
        for item in items:
            item.carried = "to_review"
        setattr(new_map, section, items)
    statements = before.danger_statements
    for statement in statements:
        statement.drafts = []
    goals = before.safety_goals
    for goal in goals:
        goal.drafts = []
    return Pod(
        date=today or _dt.date.today(),
        style=before.style,
        title=before.title,
        team=before.team,
        case_reason=before.case_reason,
        case_reference=before.case_reference,
        focus_question=before.focus_question,
        manager_present=before.manager_present,
        status="in_progress",
        practice=before.practice,
        participants=before.participants,
        people=before.people,
        map=new_map,
        danger_statements=statements,
        safety_goals=goals,
        scales=[Scale(about=scale.about, question=scale.question) for scale in before.scales],
        follows=previous.id,
    )


def last_time(previous: Pod | None, about: str) -> list[ScaleScore]:
    """Last time's scores on the scale about ``about`` ("overall" or a statement's id); [] if none."""
    if previous is None:
        return []
    scale = previous.scale_for(about)
    return copy.deepcopy(scale.scores) if scale is not None else []


def steps_to_ask(previous: Pod) -> list[tuple[int, NextStep]]:
    """Last time's next steps with nothing recorded yet about what became of them: (index, step)."""
    return [(i, step) for i, step in enumerate(previous.map.next_steps) if not step.outcome]


__all__ = ["follow_up", "last_time", "steps_to_ask"]
