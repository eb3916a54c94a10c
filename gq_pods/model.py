"""The pod and everything in its record, as plain dataclasses.

This module is the practice itself: no Textual, no SQLAlchemy. Storage, screens,
the pod file format and the markdown record all take and give these objects.

Field names follow docs/pod-format.md (the public pod file contract), so a
pod file maps onto these classes one to one. A few things the file keeps inside
``pod.extra`` (a statement's acknowledgement, the family's view, group drafts,
the stage a pod was left at, the child's views, the record's author, the next
review and the manager's decision) are first-class fields here; the pod file module
moves them in and out of ``extra``.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

# ---------------------------------------------------------------- allowed values

STYLES = ("group_supervision", "content_mapping")
STYLE_LABELS = {
    "group_supervision": "Group Supervision Process",
    "content_mapping": "Content Mapping",
}
STYLE_SHORT = {"group_supervision": "Group supervision", "content_mapping": "Content mapping"}
STYLE_NOTES = {
    "group_supervision": "Fast and focused on the process. Best for stuck or challenging "
    "cases and for perfecting danger statements and safety goals.",
    "content_mapping": "Draws out the detailed evidence with careful questions. Best for "
    "new cases and for practising mapping.",
}

CASE_REASONS = ("new", "stuck", "challenging")
STATUSES = ("in_progress", "complete")
# Not a pod's status but the list's word for a pod whose stored record is damaged.
UNREADABLE = "unreadable"
STATUS_LABELS = {"in_progress": "In progress", "complete": "Complete", UNREADABLE: "Cannot be read"}
ROLES = ("facilitator", "presenter", "advisor", "scribe", "manager", "member")
PERSON_KINDS = ("family", "network", "professional")
STEP_STATUSES = ("agreed", "idea")
ANSWERS = ("yes", "partly", "no")

# A follow-up pod's map items come from the pod before, to be reviewed (MapItem.carried);
# "" is an item added at this pod.
CARRIED = ("to_review", "still_true", "changed", "no_longer")
CARRIED_LABELS = {
    "to_review": "From last time: not reviewed yet",
    "still_true": "Still true",
    "changed": "Changed",
    "no_longer": "No longer so",
}
# What became of a next step, asked at the next pod or in supervision (NextStep.outcome);
# "" is not asked yet.
OUTCOMES = ("done", "not_done", "not_needed")
OUTCOME_LABELS = {"done": "Done", "not_done": "Not done", "not_needed": "No longer needed"}

# The map's plain-text sections (next steps carry more and are kept apart).
TEXT_SECTIONS = (
    "harm",
    "complicating_factors",
    "grey_areas",
    "existing_strengths",
    "existing_safety",
)
SECTION_LABELS = {
    "harm": "Harm",
    "danger_statements": "Danger statements",
    "complicating_factors": "Complicating factors",
    "grey_areas": "Grey areas",
    "existing_strengths": "Existing strengths",
    "existing_safety": "Existing safety",
    "safety_goals": "Safety goals",
    "next_steps": "Next steps",
}
COLUMNS = (
    ("What are we worried about?", ("harm", "danger_statements", "complicating_factors", "grey_areas")),
    ("What's working well?", ("existing_strengths", "existing_safety")),
    ("What needs to happen?", ("safety_goals", "next_steps")),
)

DEFAULT_SCALE_QUESTION = (
    "On a scale of 0 to 10, where 10 means everyone knows the child is safe enough for "
    "the agency to close the case, and 0 means things are so bad the child cannot live "
    "at home, where do you put this situation today?"
)

MIN_SCORE = 0
MAX_SCORE = 10
SUGGESTED_MAX_STATEMENTS = 3


# ---------------------------------------------------------------- the parts


@dataclass
class Participant:
    """A practitioner at the pod (staff: never redacted)."""

    name: str = ""
    role: str = "member"


@dataclass
class Person:
    """Someone around the child: family, their network, or a professional."""

    id: str = ""
    name: str = ""
    relationship: str = ""
    kind: str = "family"
    age: int | None = None
    in_household: bool = False


@dataclass
class MapItem:
    text: str = ""
    carried: str = ""  # one of CARRIED for an item carried over from the pod before; "" when added here


@dataclass
class NextStep:
    text: str = ""
    owner: str = ""
    due: _dt.date | None = None
    status: str = "idea"
    # what became of it (asked at the next pod): one of OUTCOMES, "" when not asked yet
    outcome: str = ""
    outcome_reason: str = ""  # why not done, in the group's words
    outcome_on: _dt.date | None = None  # the day the outcome was recorded
    outcome_by: str = ""  # the initials of who recorded it


@dataclass
class PodMap:
    harm: list[MapItem] = field(default_factory=list)
    complicating_factors: list[MapItem] = field(default_factory=list)
    grey_areas: list[MapItem] = field(default_factory=list)
    existing_strengths: list[MapItem] = field(default_factory=list)
    existing_safety: list[MapItem] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)

    def section(self, name: str) -> list[Any]:
        if name not in TEXT_SECTIONS and name != "next_steps":
            raise KeyError(name)
        return getattr(self, name)


@dataclass
class Draft:
    """One member's draft of a danger statement or safety goal (GSP drafting)."""

    author: str = ""  # initials
    text: str = ""


@dataclass
class DangerStatement:
    id: str = ""
    who_is_worried: str = ""
    behaviour: str = ""
    example: str = ""
    impact: str = ""
    text: str = ""
    # kept in pod.extra in the pod file
    acknowledgement: str = ""
    family_view: str = ""
    drafts: list[Draft] = field(default_factory=list)


@dataclass
class SafetyGoal:
    id: str = ""
    danger_statement: str = ""  # the id of its danger statement
    caregiver_actions: str = ""
    child_experience: str = ""
    professionals_will_see: str = ""
    duration: str = ""
    text: str = ""
    # kept in pod.extra in the pod file
    network: str = ""
    drafts: list[Draft] = field(default_factory=list)


@dataclass
class ScaleScore:
    who: str = ""
    score: int = 5
    reason: str = ""
    next_point: str = ""


@dataclass
class Scale:
    about: str = "overall"  # "overall" or a danger statement's id
    question: str = ""
    scores: list[ScaleScore] = field(default_factory=list)


@dataclass
class BottomLine:
    text: str = ""


@dataclass
class Contingency:
    trigger: str = ""
    response: str = ""
    who: str = ""


@dataclass
class StageRecord:
    key: str = ""
    title: str = ""
    notes: str = ""
    seconds_spent: int = 0


@dataclass
class Reflection:
    focus_question_answered: str | None = None
    pleased_with: str = ""
    most_useful: str = ""
    learning: str = ""


@dataclass
class Pod:
    date: _dt.date = field(default_factory=_dt.date.today)
    style: str = "group_supervision"
    title: str = ""
    team: str = ""
    case_reason: str = "new"
    case_reference: str = ""
    focus_question: str = ""
    manager_present: bool = False
    status: str = "in_progress"
    practice: bool = False
    participants: list[Participant] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    map: PodMap = field(default_factory=PodMap)
    danger_statements: list[DangerStatement] = field(default_factory=list)
    safety_goals: list[SafetyGoal] = field(default_factory=list)
    scales: list[Scale] = field(default_factory=list)
    bottom_lines: list[BottomLine] = field(default_factory=list)
    contingencies: list[Contingency] = field(default_factory=list)
    stages: list[StageRecord] = field(default_factory=list)
    reflection: Reflection = field(default_factory=Reflection)
    # kept in pod.extra in the pod file
    current_stage: str = ""
    childs_views: str = ""  # the child's own words and views
    record_author: str = ""  # who wrote the record
    next_review: _dt.date | None = None  # the next pod or review of the case
    manager_decision: str = ""  # the manager's decision, when the manager was there
    # anything else a pod file carried in pod.extra, kept as it was
    extra: dict[str, Any] = field(default_factory=dict)
    # the database's id; None until stored. Not part of the pod file.
    id: int | None = None
    # the database id of the pod this one follows up (its case's pod before), or None. The pod
    # file keeps the link by order in a chain file (see docs/pod-format.md), never by this id.
    follows: int | None = None

    # ------------------------------------------------------------ look-ups

    @property
    def style_label(self) -> str:
        return STYLE_LABELS.get(self.style, self.style)

    @property
    def display_title(self) -> str:
        """What a list shows for the pod: its title, else its case reference."""
        return self.title or self.case_reference or "Untitled pod"

    def statement(self, statement_id: str) -> DangerStatement | None:
        return next((s for s in self.danger_statements if s.id == statement_id), None)

    def goal_for(self, statement_id: str) -> SafetyGoal | None:
        return next((g for g in self.safety_goals if g.danger_statement == statement_id), None)

    def scale_for(self, about: str) -> Scale | None:
        return next((s for s in self.scales if s.about == about), None)

    def participant_with_role(self, role: str) -> Participant | None:
        return next((p for p in self.participants if p.role == role), None)

    # ------------------------------------------------------------ new ids

    def new_person_id(self) -> str:
        return _next_id("p", (p.id for p in self.people))

    def new_statement_id(self) -> str:
        return _next_id("ds", (s.id for s in self.danger_statements))

    def new_goal_id(self) -> str:
        return _next_id("sg", (g.id for g in self.safety_goals))


def _next_id(prefix: str, taken: Any) -> str:
    used = set(taken)
    n = 1
    while f"{prefix}{n}" in used:
        n += 1
    return f"{prefix}{n}"


@dataclass(frozen=True)
class PodSummary:
    """One row of the pod list: enough to show and pick a pod, no case detail."""

    id: int
    date: _dt.date
    team: str
    style: str
    case_reference: str
    status: str
    title: str = ""
    practice: bool = False
    updated_at: _dt.datetime | None = None

    @property
    def style_label(self) -> str:
        return STYLE_LABELS.get(self.style, self.style)
