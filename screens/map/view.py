"""What the map shows, as plain functions of the pod: its sections, rows and card words.

Pure (no widgets): the panel and the tests call these; the practice's rules they
rely on (pairs, what can move) live in gq_pods.session.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from textual.content import Content

from gq_pods.days import DAY_HELP, read_day_or_problem
from gq_pods.model import CARRIED_LABELS, COLUMNS, TEXT_SECTIONS, DangerStatement, NextStep, Pod
from gq_pods.record import goal_text, statement_text
from gq_pods.session import orphan_goals, pairs

from ..text import plain

PROMPTS = {
    "harm": "What has happened to the child? Press a to add.",
    "danger_statements": "Who is worried, about what an adult does, and what could happen to the child "
    "if nothing changes? Press a to add.",
    "complicating_factors": "What makes the worries harder to sort out, in the family or among "
    "professionals? Press a to add.",
    "grey_areas": "What is unclear or not yet known? Press a to add.",
    "existing_strengths": "Who and what helps the child's wellbeing? Press a to add.",
    "existing_safety": "When the danger was there, what did someone do that kept the child safe? "
    "Press a to add.",
    "safety_goals": "What the agency needs to see, and for how long. Each goal answers a danger "
    "statement: add a danger statement first.",
    "next_steps": "What happens next, who does it, and by when? Press a to add.",
}
NO_MANAGER_NOTE = "No manager here: these are ideas for the presenter to take to supervision."
MANAGER_NOTE = "The manager is here: next steps can be agreed."
DATE_HELP = f"{DAY_HELP} It is not saved until it can be read."
BULLET = Content("• ")


def parse_due(text: str, today: dt.date) -> tuple[dt.date | None, str | None]:
    """(date, None) for a date read as a UK practitioner writes it, or an empty one; (None, why) otherwise."""
    text = text.strip()
    if not text:
        return None, None
    due, problem = read_day_or_problem(text, today)
    return due, (None if problem is None else f"{problem} It is not saved until it can be read.")



@dataclass
class Row:
    """One card's worth of a section: an item, a pair's half, or the empty prompt."""

    kind: str  # item, statement, goal, missing_goal, step, prompt
    obj: Any = None
    number: int | None = None  # the pair's number, for statements and goals
    statement: DangerStatement | None = None

    @property
    def carried(self) -> str:
        """For an item carried over from the pod before: where its review is (MapItem.carried)."""
        return getattr(self.obj, "carried", "") if self.kind == "item" else ""

    @property
    def look(self) -> str:
        """The card's class: its kind, or for a carried item, its review ("to_review", "no_longer"...)."""
        return self.carried or self.kind


def map_rows(pod: Pod, section: str) -> list[Row]:
    """The cards of a map section: its items, a pair's halves, or the empty section's prompt."""
    rows: list[Row]
    if section in TEXT_SECTIONS:
        rows = [Row("item", item) for item in pod.map.section(section)]
    elif section == "next_steps":
        rows = [Row("step", step) for step in pod.map.next_steps]
    elif section == "danger_statements":
        rows = [Row("statement", p.statement, p.number, p.statement) for p in pairs(pod)]
    elif section == "safety_goals":
        rows = [Row("goal" if p.goal else "missing_goal", p.goal, p.number, p.statement) for p in pairs(pod)]
        rows += [Row("goal", g) for g in orphan_goals(pod)]
    else:
        raise KeyError(section)
    return rows or [Row("prompt")]


def card_content(pod: Pod, section: str, row: Row) -> Content:
    """What one card shows. Typed text is never read as markup."""
    if row.kind == "prompt":
        return Content(PROMPTS[section]).stylize("italic")
    if row.kind == "item":
        text = plain(row.obj.text) if row.obj.text.strip() else Content("(nothing written yet)")
        carried = row.carried
        if not carried:
            return BULLET + text
        # Said in words (not colour alone): from last time, and where its review is.
        if carried == "to_review":
            tag = Content(CARRIED_LABELS[carried]).stylize("bold")
        else:
            tag = Content("From last time: ") + Content(CARRIED_LABELS.get(carried, carried)).stylize("bold")
        if carried == "no_longer":
            text = text.stylize("strike")
        return Content("\n").join([tag, BULLET + text])
    if row.kind == "statement":
        words = statement_text(row.obj)
        return Content(f"{row.number}. ").stylize("bold") + (
            plain(words) if words.strip() else Content("(nothing written yet)")
        )
    if row.kind == "missing_goal":
        return Content(f"Goal for {row.number}: ").stylize("bold") + Content(
            "No safety goal yet. Press enter to write it."
        ).stylize("italic")
    if row.kind == "goal":
        head = f"Goal for {row.number}: " if row.number else "Goal (its danger statement is gone): "
        words = goal_text(row.obj)
        return Content(head).stylize("bold") + (plain(words) if words.strip() else Content("(nothing written yet)"))
    step: NextStep = row.obj
    text = plain(step.text) if step.text.strip() else Content("(nothing written yet)")
    owner = plain(step.owner) if step.owner.strip() else Content("not yet")
    due = step.due.isoformat() if step.due else "not set"
    if step.status == "agreed" and pod.manager_present:
        status = Content("Agreed").stylize("bold")
    elif step.status == "agreed":
        status = Content("Marked agreed, but no manager is here: an idea for supervision").stylize("bold")
    else:
        status = Content("Idea" if pod.manager_present else "Idea for supervision")
    return Content("\n").join(
        [BULLET + text, Content("  Owner: ") + owner + Content(f"  ·  Due: {due}  ·  ") + status]
    )


def to_review(pod: Pod) -> tuple[int, int]:
    """(still to review, carried over in all) for the map's items from last time."""
    carried = [item.carried for section in TEXT_SECTIONS for item in pod.map.section(section) if item.carried]
    return sum(1 for c in carried if c == "to_review"), len(carried)


def review_words(pod: Pod) -> Content:
    """The map's line about last time's items: how many are still to review, and the keys."""
    waiting, carried = to_review(pod)
    if not carried:
        return Content("")
    if waiting:
        return Content(f"From last time: {waiting} of {carried} still to review").stylize("bold")
    done = f"{carried} items, all reviewed." if carried > 1 else "1 item, reviewed."
    return Content(f"From last time: {done}").stylize("bold") + Content(
        " On a card, t, c or n changes its review."
    )


def section_title(label: str, rows: list[Row]) -> Content:
    """A section's name (the team's word for it) and how many items it holds."""
    count = sum(1 for row in rows if row.kind not in ("prompt", "missing_goal"))
    title = plain(label).stylize("bold")
    return title + Content(f"  ({count})") if count else title


def manager_note(pod: Pod) -> Content:
    return Content(MANAGER_NOTE if pod.manager_present else NO_MANAGER_NOTE)


def column_of(section: str) -> int:
    """Which of the three columns a section is in."""
    return next(i for i, (_, sections) in enumerate(COLUMNS) if section in sections)


def editor_text(row: Row) -> str:
    """What the in-place editor starts with: a statement or goal as agreed (or built from its parts)."""
    if row.kind == "statement":
        return statement_text(row.obj)
    if row.kind == "goal":
        return goal_text(row.obj)
    return row.obj.text
