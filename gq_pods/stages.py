"""The stages of a pod, as data: titles, who leads, prompts, minutes.

The Group Supervision Process defaults follow the practice handbook (about 60
minutes); Content Mapping follows the same skeleton but spends longest on the
worries and what is working well, with fuller evidence questions (about 85
minutes). A team can override any stage's title, lead, prompts or minutes, or
give its own list, in team.json (see teamconfig); a broken override is reported
and the defaults are used.

Each stage names the part of the work it opens (``work``), so the screens know
which panel to show: set_up, focus_question, people, story, appreciative, worries,
working_well, danger_statements, safety_goals, scaling, next_steps, planning,
reflection.

A practice attempt has one person in it. ``for_one`` gives a plan the words of one
person working alone: every stage led by "You", and each default prompt that speaks
to a group ("each of us", "the presenter", "the group", "we") in its solo wording
(``SOLO_PROMPTS``; ``None`` leaves a prompt out that means nothing alone). A team's
own prompts are kept as the team wrote them. ``solo_question`` does the same for
the scale's question.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

WORK_KINDS = (
    "set_up",
    "focus_question",
    "people",
    "story",
    "appreciative",
    "worries",
    "working_well",
    "danger_statements",
    "safety_goals",
    "scaling",
    "next_steps",
    "planning",
    "reflection",
)


@dataclass(frozen=True)
class Stage:
    key: str
    title: str
    lead: str
    minutes: int
    prompts: tuple[str, ...] = ()
    work: str = ""

    @property
    def seconds(self) -> int:
        return self.minutes * 60


def _s(key: str, title: str, lead: str, minutes: int, work: str, *prompts: str) -> Stage:
    return Stage(key, title, lead, minutes, tuple(prompts), work)


GROUP_SUPERVISION: tuple[Stage, ...] = (
    _s("set_up", "Set-up", "Facilitator", 2, "set_up",
       "Who is facilitating, presenting and advising? Is anyone scribing?",
       "Everything said here stays in the pod. Initials or pseudonyms only.",
       "Is the manager here? If not, next steps are ideas for supervision."),
    _s("focus_question", "Focus question", "Presenter", 3, "focus_question",
       "What do you want from the group today?",
       "Write the question down word for word, as the presenter says it."),
    _s("genogram", "Genogram", "Presenter", 5, "people",
       "Who lives with the child?",
       "Who else is in the family and the network? Which professionals are involved?"),
    _s("story", "The presenter's story", "Presenter", 4, "story",
       "Presenter: tell the story of the case. What brought it here, and what has happened since?",
       "Group: clarifying questions only (who, what, when, how often). No advice or ideas yet.",
       "Note the story and the questions asked."),
    _s("appreciative", "Appreciative opener", "Advisor", 4, "appreciative",
       "What have you done on this case that you are pleased with?",
       "How did you do that? What does it tell you about your practice?"),
    _s("worries", "Worries", "Presenter", 7, "worries",  # clarifying questions began in the story
       "What has happened to the child that worries us (harm)?",
       "What makes the worries harder to address, in the family and among professionals?",
       "Group: short clarifying questions only."),
    _s("working_well", "Working well", "Presenter", 8, "working_well",
       "What is working well for the child? Who helps?",
       "When the danger was present, what did someone do to keep the child safe? How often?"),
    _s("danger_statements", "Danger statements", "Facilitator", 9, "danger_statements",
       "Each member drafts a danger statement alone, in silence.",
       "Who is worried, about what caregiver behaviour (with a real example), and what could happen to the child if nothing changes?",
       "Read the drafts out. The presenter picks one or merges them."),
    _s("safety_goals", "Safety goals", "Facilitator", 8, "safety_goals",
       "One goal for each danger statement, drafted the same way.",
       "What will the caregivers be doing, what will the child experience, what will professionals see, and for how long?"),
    _s("scaling", "Scaling", "Facilitator", 5, "scaling",
       "Presenter first, then each member: where are you on the scale, 0 to 10?",
       "What puts it at that number and not lower?",
       "What would move it up one point?"),
    _s("next_steps", "Next steps", "Presenter", 5, "next_steps",
       "What ideas does the group have for the next steps?",
       "The presenter chooses which to take forward."),
    _s("reflection", "Reflection", "Facilitator", 5, "reflection",
       "Was the focus question answered?",
       "What was most useful?",
       "What did we learn about the process?"),
)

CONTENT_MAPPING: tuple[Stage, ...] = (
    _s("set_up", "Set-up", "Facilitator", 3, "set_up",
       "Roles, confidentiality, initials only.",
       "Is the manager here? Without one, next steps are ideas for supervision."),
    _s("focus_question", "Focus question", "Presenter", 3, "focus_question",
       "What do you want from mapping this case today?"),
    _s("genogram", "Genogram and network", "Presenter", 8, "people",
       "Who lives with the child? Who else is in the family and the network?",
       "Which professionals are involved, and what do they know?"),
    _s("worries", "What are we worried about?", "Facilitator", 20, "worries",
       "What has happened to the child? When, how often, how bad?",
       "How do we know? Who saw it, who said it?",
       "What makes it harder to address, in the family and among professionals?",
       "What is unclear or not yet known?"),
    _s("working_well", "What's working well?", "Facilitator", 15, "working_well",
       "What strengths do the family and network have?",
       "When was the danger present and someone kept the child safe? What did they do? How often has that happened?"),
    _s("danger_statements", "Danger statements", "Facilitator", 8, "danger_statements",
       "Who is worried, about what caregiver behaviour, shown by what example?",
       "What could happen to the child if nothing changes?"),
    _s("safety_goals", "Safety goals", "Facilitator", 8, "safety_goals",
       "What do we need to see the caregivers doing, for how long, to close the case?"),
    _s("scaling", "Scaling", "Facilitator", 5, "scaling",
       "Where is each of us on the scale, 0 to 10, and why?",
       "What would move it up one point?"),
    _s("next_steps", "Next steps", "Presenter", 8, "next_steps",
       "What happens next, who does it, and by when?"),
    _s("planning", "Bottom lines and contingencies", "Presenter", 4, "planning",
       "What are the agency's non-negotiables?",
       "If things get worse (drink, mental health, conflict), what happens and who acts?"),
    _s("reflection", "Reflection", "Facilitator", 3, "reflection",
       "Was the focus question answered?",
       "What was most useful? What did we learn about the process?",
       "What has the presenter done on this case that they are pleased with?"),
)

DEFAULTS: dict[str, tuple[Stage, ...]] = {
    "group_supervision": GROUP_SUPERVISION,
    "content_mapping": CONTENT_MAPPING,
}


@dataclass
class StagePlan:
    stages: tuple[Stage, ...]
    errors: list[str] = field(default_factory=list)

    def index(self, key: str) -> int:
        for i, stage in enumerate(self.stages):
            if stage.key == key:
                return i
        return 0

    def get(self, key: str) -> Stage | None:
        return next((s for s in self.stages if s.key == key), None)

    @property
    def story_keys(self) -> frozenset[str]:
        """The stages whose notes are the presenter's story and the group's questions."""
        return frozenset(s.key for s in self.stages if s.work == "story")

    @property
    def total_minutes(self) -> int:
        return sum(s.minutes for s in self.stages)


def stages_for(style: str, overrides: dict[str, Any] | None = None) -> StagePlan:
    """The stages for a style, with a team's overrides applied where they are sound."""
    defaults = DEFAULTS.get(style, GROUP_SUPERVISION)
    raw = (overrides or {}).get(style)
    if raw is None:
        return StagePlan(defaults)
    errors: list[str] = []
    where = f"team.json: stages.{style}"
    if not isinstance(raw, list) or not raw:
        return StagePlan(defaults, [f"{where} should be a list of stages. Using the defaults."])
    by_key = {s.key: s for s in defaults}
    stages: list[Stage] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        here = f"{where}[{i}]"
        if not isinstance(item, dict):
            errors.append(f"{here} should be an object with a key and a title.")
            continue
        key = item.get("key")
        if not isinstance(key, str) or not key.strip():
            errors.append(f"{here} needs a 'key' (for example \"worries\").")
            continue
        if key in seen:
            errors.append(f"{here}: the key '{key}' is used twice.")
            continue
        base = by_key.get(key) or Stage(key, key.replace("_", " ").capitalize(), "Facilitator", 5, (), "")
        try:
            stage = _apply(base, item, here)
        except ValueError as error:
            errors.append(str(error))
            continue
        seen.add(key)
        stages.append(stage)
    if errors:
        return StagePlan(defaults, errors + ["The default stages are used until that is fixed."])
    return StagePlan(tuple(stages))


def _apply(base: Stage, item: dict[str, Any], here: str) -> Stage:
    known = {"key", "title", "lead", "minutes", "prompts", "work"}
    unknown = sorted(set(item) - known)
    if unknown:
        raise ValueError(f"{here}: '{unknown[0]}' is not a stage setting (use {', '.join(sorted(known))}).")
    changes: dict[str, Any] = {}
    for name in ("title", "lead"):
        if name in item:
            if not isinstance(item[name], str) or not item[name].strip():
                raise ValueError(f"{here}.{name} should be some words.")
            changes[name] = item[name].strip()
    if "minutes" in item:
        minutes = item["minutes"]
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 180:
            raise ValueError(f"{here}.minutes should be a whole number of minutes from 1 to 180.")
        changes["minutes"] = minutes
    if "prompts" in item:
        prompts = item["prompts"]
        if not isinstance(prompts, list) or not all(isinstance(p, str) for p in prompts):
            raise ValueError(f"{here}.prompts should be a list of questions.")
        changes["prompts"] = tuple(p for p in prompts if p.strip())
    if "work" in item:
        if item["work"] not in WORK_KINDS:
            raise ValueError(f"{here}.work should be one of: {', '.join(WORK_KINDS)}.")
        changes["work"] = item["work"]
    stage = replace(base, **changes)
    if not stage.work:
        stage = replace(stage, work="set_up")
    return stage


# ---------------------------------------------------------------- one person, practising alone

SOLO_LEAD = "You"
PRACTISING_ALONE = "You are practising alone on an invented case: you play every part, and nothing here goes on a child's file."
KEEP_THE_QUESTION = "The question this case asks is already recorded (Focus tab): keep it in mind as you work."

# A default prompt (either style) and its wording for one person; None: left out alone.
SOLO_PROMPTS: dict[str, str | None] = {
    # set-up
    "Who is facilitating, presenting and advising? Is anyone scribing?": PRACTISING_ALONE,
    "Everything said here stays in the pod. Initials or pseudonyms only.": None,
    "Is the manager here? If not, next steps are ideas for supervision.": None,
    "Roles, confidentiality, initials only.": PRACTISING_ALONE,
    "Is the manager here? Without one, next steps are ideas for supervision.": None,
    # focus question
    "What do you want from the group today?": KEEP_THE_QUESTION,
    "Write the question down word for word, as the presenter says it.": None,
    "What do you want from mapping this case today?": KEEP_THE_QUESTION,
    # the presenter's story
    "Presenter: tell the story of the case. What brought it here, and what has happened since?":
        "Read the case summary: what brought the case here, and what has happened since?",
    "Group: clarifying questions only (who, what, when, how often). No advice or ideas yet.":
        "Note what you would ask: who, what, when, how often. No advice or ideas yet.",
    "Note the story and the questions asked.": None,
    # appreciative opener
    "What have you done on this case that you are pleased with?":
        "What has the worker in this case done that they could be pleased with?",
    "How did you do that? What does it tell you about your practice?":
        "What would you want to do the same way in your own work?",
    # worries
    "What has happened to the child that worries us (harm)?": "What has happened to the child that worries you (harm)?",
    "Group: short clarifying questions only.": "Place each worrying sentence of the case summary on the map.",
    "How do we know? Who saw it, who said it?": "How do you know? Who saw it, who said it?",
    # danger statements and goals
    "Each member drafts a danger statement alone, in silence.": "Draft a danger statement on your own.",
    "Read the drafts out. The presenter picks one or merges them.":
        "Read it back as the family would hear it: is every part there?",
    "What do we need to see the caregivers doing, for how long, to close the case?":
        "What would you need to see the caregivers doing, for how long, to close the case?",
    # scaling
    "Presenter first, then each member: where are you on the scale, 0 to 10?": "Where are you on the scale, 0 to 10?",
    "Where is each of us on the scale, 0 to 10, and why?": "Where are you on the scale, 0 to 10, and why?",
    # next steps
    "What ideas does the group have for the next steps?": "What ideas do you have for the next steps?",
    "The presenter chooses which to take forward.": "Which would you take forward first?",
    # reflection
    "Was the focus question answered?": "Would your map answer the question this case asks?",
    "What did we learn about the process?": "What did you learn about the process?",
    "What was most useful? What did we learn about the process?":
        "What was most useful? What did you learn about the process?",
    "What has the presenter done on this case that they are pleased with?":
        "What has the worker done on this case that they could be pleased with?",
    # the labels of the focus and reflection tabs
    "What does the presenter want from the group today? Record it word for word.":
        "The question this case asks, from its summary:",
    "The presenter's story of the case, and the group's clarifying questions":
        "Your notes on the story of the case, and what you would ask",
}
SOLO_TITLES = {"The presenter's story": "The story of the case"}
# The end of a scale's question, as a group asks it and as one person does.
_GROUP_ASKS = "where are we today?"
_ONE_ASKS = "where do you put it today?"


def solo_prompt(prompt: str) -> str | None:
    """A prompt's wording for one person (as it was, if it speaks to one already); None: leave it out."""
    return SOLO_PROMPTS.get(prompt, prompt)


def for_one(plan: StagePlan) -> StagePlan:
    """The same stages, worded for one person practising alone. Errors are kept as they were."""
    stages = []
    for stage in plan.stages:
        prompts = tuple(p for p in (solo_prompt(prompt) for prompt in stage.prompts) if p)
        title = SOLO_TITLES.get(stage.title, stage.title)
        stages.append(replace(stage, lead=SOLO_LEAD, prompts=prompts, title=title))
    return StagePlan(tuple(stages), list(plan.errors))


def solo_question(question: str) -> str:
    """A scale's question asked of one person: "where are we today?" becomes "where do you put it today?"."""
    if question.rstrip().endswith(_GROUP_ASKS):
        return question.rstrip()[: -len(_GROUP_ASKS)] + _ONE_ASKS
    return question
