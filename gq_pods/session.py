"""An open pod: the pod itself, its undo history, whether it is saved, and every edit.

A ``PodSession`` is what a face (the terminal screens today) asks to change a
pod. Each edit is one method; it takes the undo checkpoint a slip would need,
changes the pod, and counts the change. A face renders what the session holds
and never decides a practice rule itself.

- ``version`` counts changes to what the panels show (every edit and every undo).
  A panel remembers the version it last drew and redraws when the session has
  moved on.
- ``revision`` counts those and the pod's progress too (the stage it is at, the
  time on each stage), which needs saving but changes nothing a panel shows.
- ``dirty`` says whether there is a change the store has not yet been told of;
  ``mark_saved(revision)`` records that the store holds that revision.
- ``undo()`` puts the pod back as it was before the last risky change and says
  what that change was about (``UndoStep.about``: a statement id, an item, a
  person id...), so the face can put the selection back where the person was.

Plain Python: no Textual, no storage.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Callable

from . import scaling
from .compose import compose_goal, compose_statement
from .merge import Clash, choose, merge
from .model import (
    CARRIED,
    CARRIED_LABELS,
    COLUMNS,
    SUGGESTED_MAX_STATEMENTS,
    TEXT_SECTIONS,
    BottomLine,
    Contingency,
    DangerStatement,
    Draft,
    MapItem,
    NextStep,
    Participant,
    Person,
    Pod,
    SafetyGoal,
    ScaleScore,
    StageRecord,
)
from .record import statement_text
from .runner import order_records, stage_record
from .rules import can_agree_steps, item_is_empty, pair_is_empty
from .stages import Stage, StagePlan

UNDO_DEPTH = 50
PAIRED = ("danger_statements", "safety_goals")
MAP_SECTIONS = tuple(section for _, sections in COLUMNS for section in sections)
PLAN_LISTS = ("bottom_lines", "contingencies")


class EditRefused(ValueError):
    """An edit the practice does not allow; the message says why, in plain words."""


AGREE_REFUSED = "Only the manager can agree a next step. Without the manager here it stays an idea for supervision."


@dataclass(frozen=True)
class UndoStep:
    """What ctrl+z took back: its label, and what it was about (to select it again)."""

    label: str
    about: tuple[str, str] | None = None  # ("statement", id), ("section", name), ("person", id), ("scale", about)...


@dataclass
class _Checkpoint:
    label: str
    about: tuple[str, str] | None
    pod: Pod
    taken: int = 0  # how many of another copy's saves had been taken in when it was taken


# ---------------------------------------------------------------- pairs (pure)


@dataclass(frozen=True)
class Pair:
    """A danger statement, its number in the list (from 1), and its safety goal if it has one."""

    number: int
    statement: DangerStatement
    goal: SafetyGoal | None


def pairs(pod: Pod) -> list[Pair]:
    return [Pair(n, s, pod.goal_for(s.id)) for n, s in enumerate(pod.danger_statements, 1)]


def orphan_goals(pod: Pod) -> list[SafetyGoal]:
    """Safety goals whose danger statement is gone (kept, never dropped silently)."""
    ids = {s.id for s in pod.danger_statements}
    return [g for g in pod.safety_goals if g.danger_statement not in ids]


def number_of(pod: Pod, statement_id: str) -> int:
    """A statement's place in the list, from 1 (0 if it is not there)."""
    ids = [s.id for s in pod.danger_statements]
    return ids.index(statement_id) + 1 if statement_id in ids else 0


def goal_target(pod: Pod, preferred: str | None = None) -> DangerStatement | None:
    """Which statement a new safety goal answers: the preferred one if it lacks a goal, else the first
    statement without one (None when every statement has its goal)."""
    if preferred is not None:
        statement = pod.statement(preferred)
        if statement is not None and pod.goal_for(preferred) is None:
            return statement
    return next((s for s in pod.danger_statements if pod.goal_for(s.id) is None), None)


@dataclass(frozen=True)
class Ties:
    """What goes with a danger statement when it is deleted."""

    goal: bool
    scale: bool
    scores: int


def ties(pod: Pod, statement_id: str) -> Ties:
    scale = pod.scale_for(statement_id)
    return Ties(pod.goal_for(statement_id) is not None, scale is not None, len(scale.scores) if scale else 0)


def section_shown(pod: Pod, section: str, show_grey_areas: bool = True) -> bool:
    """Whether a map section is on show. A team may hide grey areas, but never while they hold
    something: nothing written goes out of sight."""
    return section != "grey_areas" or show_grey_areas or bool(pod.map.grey_areas)


def move_targets(
    pod: Pod, section: str, item: Any, show_grey_areas: bool = True
) -> tuple[list[str], str | None]:
    """Where a map item can move, in map order, or (no targets, why) when it must stay."""
    if section == "safety_goals":
        return [], "A safety goal stays with its danger statement."
    targets = [s for s in TEXT_SECTIONS if s != section and section_shown(pod, s, show_grey_areas)]
    if isinstance(item, DangerStatement):
        if pod.goal_for(item.id) is not None or pod.scale_for(item.id) is not None:
            return [], "This danger statement has its safety goal or scale with it, so it stays a danger statement."
        parts = (item.who_is_worried, item.behaviour, item.example, item.impact, item.acknowledgement, item.family_view)
        if any(p.strip() for p in parts) or item.drafts:
            return [], "This danger statement has parts or drafts written in the Statements tab, so it stays here."
    elif isinstance(item, NextStep):
        if item.owner.strip() or item.due is not None:
            return [], "This next step has an owner or a date; clear them first if it belongs in another section."
    elif isinstance(item, MapItem) and section in TEXT_SECTIONS:
        targets += ["danger_statements", "next_steps"]
    else:
        return [], "Nothing to move here."
    targets.sort(key=MAP_SECTIONS.index)
    return targets, None


def text_follows_parts(item: DangerStatement | SafetyGoal, composed_before: str) -> bool:
    """While the wording is empty or still what the parts made, it follows the parts."""
    return not item.text.strip() or item.text == composed_before


def composer(item: DangerStatement | SafetyGoal) -> str:
    return compose_statement(item) if isinstance(item, DangerStatement) else compose_goal(item)


# ---------------------------------------------------------------- the session


class PodSession:
    """One open pod, its undo history and its changes."""

    def __init__(
        self,
        pod: Pod,
        *,
        depth: int = UNDO_DEPTH,
        on_change: Callable[[], None] | None = None,
        stored_version: int | None = None,
    ) -> None:
        self.pod = pod
        self.depth = depth
        self.version = 0
        self.revision = 0
        self.saved_revision = 0
        self.on_change = on_change
        self._undo: list[_Checkpoint] = []
        # The pod as the store holds it (what this copy last read or wrote) and its version there.
        self.base = copy.deepcopy(pod)
        self.base_version = stored_version
        # Other copies' saves taken in (the base then, their pod), kept while an undo step predates them.
        self._taken: list[tuple[Pod, Pod]] = []
        self._taken_count = 0

    # ------------------------------------------------------------ changes, saving and undo

    def changed(self) -> None:
        """Count a change made to the pod (every edit calls this)."""
        self.version += 1
        self.progressed()

    def progressed(self) -> None:
        """Count progress that needs saving but that no panel shows (stage, time)."""
        self.revision += 1
        if self.on_change is not None:
            self.on_change()

    @property
    def dirty(self) -> bool:
        return self.revision != self.saved_revision

    def mark_saved(self, revision: int) -> None:
        """The store now holds the pod as it was at ``revision``."""
        self.saved_revision = revision

    def checkpoint(self, label: str, about: tuple[str, str] | None = None) -> None:
        """Remember the pod as it is now, before a change a slip would cost work."""
        self._undo.append(_Checkpoint(label, about, copy.deepcopy(self.pod), self._taken_count))
        del self._undo[: -self.depth]

    @property
    def undo_depth(self) -> int:
        return len(self._undo)

    def undo(self) -> UndoStep | None:
        """Put the pod back as it was at the last checkpoint. None when there is nothing to undo."""
        if not self._undo:
            return None
        step = self._undo.pop()
        step.pod = self._with_taken_in(step.pod, step.taken)
        step.pod.id = self.pod.id
        self.pod = step.pod
        self.changed()
        return UndoStep(step.label, step.about)

    def _drop_checkpoint(self, depth: int) -> None:
        """Forget the last checkpoint if it is the one taken at ``depth`` (nothing came of it)."""
        if depth and len(self._undo) == depth:
            self._undo.pop()

    # ------------------------------------------------------------ the stored copy, and other copies' changes

    def to_save(self) -> tuple[Pod, int, int | None]:
        """What to write now: a copy of the pod, the change count it holds, and the stored
        version it was made from (write only over that one)."""
        return copy.deepcopy(self.pod), self.revision, self.base_version

    def stored(self, pod: Pod, change: int, version: int) -> None:
        """The store took ``pod`` (from :meth:`to_save` at change count ``change``) as ``version``."""
        if self.base_version is not None and version <= self.base_version:
            return  # an older save's answer, arriving late
        self.base = pod
        self.base_version = version
        self.mark_saved(change)

    def take_in(self, theirs: Pod, version: int) -> list[Clash]:
        """Another copy saved the pod as ``theirs`` (at ``version``): combine it with this copy's work.

        The pod becomes the merge (see gq_pods.merge); each undo step is combined with theirs too,
        so ctrl+z takes back this copy's changes and never the other copy's. Returns the clashes
        for the person to choose from; until then the pod holds this copy's side of each.
        """
        if self.base_version is not None and version <= self.base_version:
            return []
        theirs.id = self.pod.id
        merged = merge(self.base, self.pod, theirs)
        # Undo steps take in the other copy's changes only when one is used (a merge each
        # now would cost too much on a big pod): remember what came in, and from what.
        self._taken.append((self.base, copy.deepcopy(theirs)))
        self._taken_count += 1
        oldest = min((step.taken for step in self._undo), default=self._taken_count)
        del self._taken[: len(self._taken) - (self._taken_count - oldest)]
        self.pod = merged.pod
        self.base = copy.deepcopy(theirs)
        self.base_version = version
        self.changed()
        if self.pod == self.base:
            self.mark_saved(self.revision)  # nothing of this copy's left to write
        return merged.clashes

    def _with_taken_in(self, pod: Pod, since: int) -> Pod:
        """``pod`` (an undo step's) with every other copy's save taken in since the step was taken."""
        missed = self._taken_count - since
        for base, theirs in self._taken[len(self._taken) - missed:] if missed else ():
            pod = merge(base, pod, theirs).pod
        return pod

    def choose(self, choices: list[tuple[Clash, str]]) -> None:
        """The person chose a side ("mine" or "theirs") for each clash: put it in the pod (one undo step)."""
        if all(side == "mine" for _, side in choices):
            return  # the pod already holds this copy's side
        self.checkpoint("Choose between the two copies' texts")
        choose(self.pod, choices)
        self.changed()

    def stored_as_new(self, pod: Pod, change: int, version: int) -> None:
        """The pod was deleted in another copy; this copy's work (``pod``, from :meth:`to_save` at
        ``change``) is now stored as a new pod, ``pod.id``, at ``version``."""
        self.pod.id = pod.id
        for step in self._undo:
            step.pod.id = pod.id
        self.base = pod
        self.base_version = version
        self.mark_saved(change)

    # ------------------------------------------------------------ any field

    def set(self, obj: Any, name: str, value: Any) -> bool:
        """Change one field of a part of the pod (typing). True when it changed."""
        if getattr(obj, name) == value:
            return False
        setattr(obj, name, value)
        self.changed()
        return True

    def set_pod(self, name: str, value: Any) -> bool:
        return self.set(self.pod, name, value)

    def edit(self, obj: Any, label: str, *, shown: dict[str, Any] | None = None, checkpointed: bool = False) -> Editing:
        """Start editing one part of the pod: its first real change takes one undo checkpoint."""
        return Editing(self, obj, label, shown or {}, checkpointed)

    # ------------------------------------------------------------ the map

    def items(self, section: str) -> list[Any]:
        """The list a map section's items live in (a pair's section: the danger statements)."""
        if section in PAIRED:
            return self.pod.danger_statements
        return self.pod.map.section(section)

    def add_item(self, section: str, after: int | None = None, *, label: str = "") -> tuple[Any, int]:
        """A new, empty item in a map section (after the one at ``after``, else at the end).

        Returns the item and its index. A danger statement gets a new id."""
        if section == "safety_goals":
            raise EditRefused("Add a safety goal with add_goal: it answers a danger statement.")
        self.checkpoint(label or f"Add to {section}", about=("section", section))
        pod = self.pod
        obj: Any
        if section == "danger_statements":
            obj = DangerStatement(id=pod.new_statement_id())
        elif section == "next_steps":
            obj = NextStep()
        else:
            obj = MapItem()
        items = self.items(section)
        index = len(items) if after is None else max(0, min(after + 1, len(items)))
        items.insert(index, obj)
        self.changed()
        return obj, index

    def place_text(self, section: str, text: str, *, label: str = "") -> tuple[MapItem, int]:
        """A new item holding ``text`` at the end of a map section (a sentence of a practice
        case placed on the map): editable like any item; ctrl+z takes it off again."""
        if section not in TEXT_SECTIONS:
            raise EditRefused("A sentence of the case goes in a section of the map that holds plain items.")
        cleaned = text.strip()
        if not cleaned:
            raise EditRefused("There is nothing to place.")
        self.checkpoint(label or f"Place in {section}", about=("section", section))
        item = MapItem(text=cleaned)
        items = self.pod.map.section(section)
        items.append(item)
        self.changed()
        return item, len(items) - 1

    def too_many_statements(self) -> bool:
        """More danger statements than most maps keep to (a nudge, never a block)."""
        return len(self.pod.danger_statements) > SUGGESTED_MAX_STATEMENTS

    def add_goal(self, statement_id: str | None = None, *, label: str = "Add a safety goal") -> SafetyGoal:
        """A new safety goal for the statement (or the first without one). Refused when there is none."""
        target = goal_target(self.pod, statement_id)
        if target is None:
            if self.pod.danger_statements:
                raise EditRefused("Every danger statement has its safety goal. Add a danger statement first.")
            raise EditRefused("A safety goal answers a danger statement: add a danger statement first.")
        self.checkpoint(label, about=("statement", target.id))
        goal = SafetyGoal(id=self.pod.new_goal_id(), danger_statement=target.id)
        self.pod.safety_goals.append(goal)
        self.changed()
        return goal

    def ensure_goal(self, statement_id: str) -> SafetyGoal | None:
        """The statement's goal, created (with no checkpoint) when its first word is typed."""
        goal = self.pod.goal_for(statement_id)
        if goal is None and self.pod.statement(statement_id) is not None:
            goal = SafetyGoal(id=self.pod.new_goal_id(), danger_statement=statement_id)
            self.pod.safety_goals.append(goal)
            self.changed()
        return goal

    def _remove(self, section: str, obj: Any) -> None:
        pod = self.pod
        if isinstance(obj, DangerStatement):
            self._remove_statement(obj.id)
        elif isinstance(obj, SafetyGoal):
            pod.safety_goals = [g for g in pod.safety_goals if g is not obj]
        else:
            items = pod.map.section(section)
            items[:] = [item for item in items if item is not obj]

    def _remove_statement(self, statement_id: str) -> None:
        pod = self.pod
        pod.danger_statements = [s for s in pod.danger_statements if s.id != statement_id]
        pod.safety_goals = [g for g in pod.safety_goals if g.danger_statement != statement_id]
        pod.scales = [s for s in pod.scales if s.about != statement_id]

    def delete_item(self, section: str, obj: Any, *, label: str = "") -> None:
        """Delete an item; a danger statement goes with its safety goal and its scale."""
        about = self.about_of(obj) or ("section", section)
        self.checkpoint(label or f"Delete from {section}", about=about)
        self._remove(section, obj)
        self.changed()

    def delete_statement(self, statement_id: str, *, label: str = "") -> bool:
        """Delete a danger statement with its safety goal and its scale. False if it is not there."""
        statement = self.pod.statement(statement_id)
        if statement is None:
            return False
        self.delete_item("danger_statements", statement, label=label or "Delete a danger statement")
        return True

    def discard_if_empty(self, section: str, obj: Any, undo_depth: int = 0) -> bool:
        """A new item left with nothing written goes again, and so does the undo step that added it."""
        if not item_is_empty(obj):
            return False
        self._drop_checkpoint(undo_depth)
        self._remove(section, obj)
        self.changed()
        return True

    def discard_empty_pair(self, statement_id: str, undo_depth: int = 0) -> bool:
        """A danger statement (and goal) added and left with nothing at all in it goes again,
        and so does the undo step that added it (taken at ``undo_depth``)."""
        if not pair_is_empty(self.pod, statement_id):
            return False
        self._drop_checkpoint(undo_depth)
        self._remove_statement(statement_id)
        self.changed()
        return True

    def reorder(self, section: str, obj: Any, delta: int, *, label: str = "") -> bool:
        """Move an item up (delta -1) or down (1) its section. A goal moves with its statement.

        False when it is already at that end (or has no place in the order)."""
        if isinstance(obj, SafetyGoal):
            statement = self.pod.statement(obj.danger_statement)
            if statement is None:
                raise EditRefused("This safety goal has no danger statement, so it has no place in the order.")
            obj = statement
        items = self.items(section)
        old = next((i for i, item in enumerate(items) if item is obj), None)
        if old is None or not 0 <= old + delta < len(items):
            return False
        self.checkpoint(label or f"Reorder {section}", about=("section", section))
        items[old], items[old + delta] = items[old + delta], items[old]
        self.changed()
        return True

    def move_item(self, section: str, obj: Any, target: str, show_grey_areas: bool = True, *, label: str = "") -> Any:
        """Move an item to another section (as a new item of that kind). Returns the new item."""
        targets, why = move_targets(self.pod, section, obj, show_grey_areas)
        if why or target not in targets:
            raise EditRefused(why or "It cannot move there.")
        self.checkpoint(label or f"Move to {target}", about=("section", section))
        self._remove(section, obj)
        text = statement_text(obj) if isinstance(obj, DangerStatement) else obj.text
        new: Any
        if target == "danger_statements":
            new = DangerStatement(id=self.pod.new_statement_id(), text=text)
            self.pod.danger_statements.append(new)
        elif target == "next_steps":
            new = NextStep(text=text)
            self.pod.map.next_steps.append(new)
        else:
            new = MapItem(text=text)
            self.pod.map.section(target).append(new)
        self.changed()
        return new

    # ------------------------------------------------------------ a follow-up pod's carried-over items

    def review_item(self, section: str, index: int, state: str) -> None:
        """Say what the group made of a map item carried over from the pod before (one undo step).

        ``state`` is one of CARRIED: "still_true", "changed", "no_longer", or "to_review" to
        put it back as not reviewed yet. Only items carried over can be reviewed; an item
        added at this pod has nothing to review.
        """
        if state not in CARRIED:
            raise EditRefused(f"{state!r} is not a way to review an item: one of " + ", ".join(CARRIED))
        if section not in TEXT_SECTIONS:
            raise EditRefused("Only the map's worries and what is working well are carried over to review.")
        items = self.pod.map.section(section)
        if not 0 <= index < len(items):
            raise EditRefused("That item is no longer there.")
        item = items[index]
        if not item.carried:
            raise EditRefused("This item was added at this pod, so there is nothing from last time to review.")
        if item.carried == state:
            return
        self.checkpoint(f"Mark as {CARRIED_LABELS[state].lower()}", about=("section", section))
        item.carried = state
        self.changed()

    # ------------------------------------------------------------ next steps and the manager

    def set_step_status(self, step: NextStep, status: str) -> None:
        """Agree a next step (only with the manager here) or make it an idea again."""
        if status == "agreed" and not can_agree_steps(self.pod):
            raise EditRefused(AGREE_REFUSED)
        self.set(step, "status", status)

    def set_manager_present(self, present: bool) -> int:
        """The manager came or left. When they leave, agreed next steps become ideas (undoable).

        Returns how many agreed steps became ideas."""
        pod = self.pod
        if present == pod.manager_present:
            return 0
        agreed = [step for step in pod.map.next_steps if step.status == "agreed"]
        if not present and agreed:
            self.checkpoint("The manager left", about=("section", "next_steps"))
        pod.manager_present = present
        turned = 0
        if not can_agree_steps(pod):
            for step in agreed:
                step.status = "idea"
            turned = len(agreed)
        self.changed()
        return turned

    # ------------------------------------------------------------ statements, goals and drafts

    def set_part(self, item: DangerStatement | SafetyGoal, name: str, value: str) -> bool:
        """Change one part of a statement or goal. The wording follows the parts while it still
        equals what they made (or is empty). True when the wording changed with them."""
        if getattr(item, name) == value:
            return False
        before = composer(item)
        setattr(item, name, value)
        follows = text_follows_parts(item, before)
        if follows:
            item.text = composer(item)
        self.changed()
        return follows

    def use_wording(self, item: DangerStatement | SafetyGoal) -> str:
        """The wording becomes what the parts make. Refused when there is nothing to use."""
        composed = composer(item)
        if not composed:
            raise EditRefused("Fill in the parts first: there is nothing to use yet.")
        if item.text == composed:
            raise EditRefused("The agreed wording already is the preview.")
        self.checkpoint("Use the wording from the parts", about=self.about_of(item))
        item.text = composed
        self.changed()
        return composed

    @staticmethod
    def about_of(item: Any) -> tuple[str, str] | None:
        """What an undo step about ``item`` is about: its pair, for a statement or goal."""
        if isinstance(item, SafetyGoal):
            return ("statement", item.danger_statement)
        if isinstance(item, DangerStatement):
            return ("statement", item.id)
        return None

    def type_draft(self, item: DangerStatement | SafetyGoal, pending: int | None, initials: str, text: str) -> int | None:
        """The draft being typed is in the pod from its first letter, so it is never lost.

        ``pending`` is its index in the drafts (None before its first letter); returns the new
        index (None once its words are all gone, when it is taken out again)."""
        initials = initials.strip() or "?"
        if pending is not None and not 0 <= pending < len(item.drafts):
            pending = None
        if pending is None:
            if not text.strip():
                return None
            item.drafts.append(Draft(author=initials, text=text))
            self.changed()
            return len(item.drafts) - 1
        draft = item.drafts[pending]
        if not text.strip():
            del item.drafts[pending]
            self.changed()
            return None
        if (draft.author, draft.text) != (initials, text):
            draft.author, draft.text = initials, text
            self.changed()
        return pending

    def finish_draft(self, item: DangerStatement | SafetyGoal, pending: int, initials: str) -> None:
        """The draft being typed joins the others, under its author's initials."""
        if 0 <= pending < len(item.drafts):
            draft = item.drafts[pending]
            draft.author = initials.strip() or "?"
            draft.text = draft.text.strip()
            self.changed()

    def pick_draft(self, item: DangerStatement | SafetyGoal, index: int) -> Draft:
        draft = item.drafts[index]
        self.checkpoint(f"Pick {draft.author}'s draft", about=self.about_of(item))
        item.text = draft.text
        self.changed()
        return draft

    def merge_drafts(self, item: DangerStatement | SafetyGoal) -> str:
        """All the drafts, one after another, become the wording to edit together."""
        if len(item.drafts) < 2:
            raise EditRefused("Add at least two drafts to merge.")
        self.checkpoint("Merge the drafts", about=self.about_of(item))
        item.text = "\n\n".join(d.text.strip() for d in item.drafts if d.text.strip())
        self.changed()
        return item.text

    def remove_draft(self, item: DangerStatement | SafetyGoal, index: int) -> Draft:
        draft = item.drafts[index]
        self.checkpoint(f"Remove {draft.author}'s draft", about=self.about_of(item))
        del item.drafts[index]
        self.changed()
        return draft

    # ------------------------------------------------------------ people

    def add_person(self, person: Person) -> Person:
        self.checkpoint(f"Add {person.name}", about=None)
        person.id = self.pod.new_person_id()
        self.pod.people.append(person)
        self.changed()
        return person

    def change_person(self, person_id: str, changed: Person) -> Person:
        """Put changed details in place of the person's; if they are gone (undo), add them back."""
        index = next((i for i, p in enumerate(self.pod.people) if p.id == person_id), None)
        if index is None:
            return self.add_person(changed)
        self.checkpoint(f"Change {changed.name}", about=("person", person_id))
        changed.id = person_id
        self.pod.people[index] = changed
        self.changed()
        return changed

    def remove_person(self, person_id: str) -> Person | None:
        person = next((p for p in self.pod.people if p.id == person_id), None)
        if person is None:
            return None
        self.checkpoint(f"Remove {person.name}", about=("person", person_id))
        self.pod.people.remove(person)
        self.changed()
        return person

    def set_participants(self, participants: list[Participant]) -> bool:
        """The practitioners at the pod (names left empty are not kept)."""
        kept = [Participant(p.name, p.role) for p in participants if p.name]
        if kept == self.pod.participants:
            return False
        self.pod.participants = kept
        self.changed()
        return True

    # ------------------------------------------------------------ scales

    def save_score(self, about: str, original: ScaleScore | None, score: ScaleScore) -> None:
        """A new score, or a changed one in place of ``original``."""
        self.checkpoint(f"Score for {score.who}", about=("scale", about))
        scale = scaling.ensure_scale(self.pod, about)
        index = next((i for i, s in enumerate(scale.scores) if s is original), None) if original else None
        if index is None:
            scale.scores.append(score)
        else:
            scale.scores[index] = score
        self.changed()

    def remove_score(self, about: str, score: ScaleScore) -> None:
        scale = self.pod.scale_for(about)
        if scale is None:
            return
        self.checkpoint(f"Remove {score.who}'s score", about=("scale", about))
        scale.scores = [s for s in scale.scores if s is not score]
        self.changed()

    def set_scale_question(self, about: str, question: str) -> None:
        self.checkpoint("Change the scale question", about=("scale", about))
        scaling.ensure_scale(self.pod, about).question = question or scaling.DEFAULT_SCALE_QUESTION
        self.changed()

    def reveal(self, about: str) -> None:
        scaling.set_revealed(self.pod, about, True)
        self.changed()

    def set_scaling_mode(self, mode: str) -> None:
        scaling.set_mode(self.pod, mode)
        self.changed()

    # ------------------------------------------------------------ planning

    def plan_list(self, name: str) -> list[Any]:
        if name not in PLAN_LISTS:
            raise KeyError(name)
        return getattr(self.pod, name)

    def add_to_plan(self, name: str, item: BottomLine | Contingency) -> int:
        label = "Add a bottom line" if name == "bottom_lines" else "Add to the contingency plan"
        self.checkpoint(label, about=("plan", name))
        items = self.plan_list(name)
        items.append(item)
        self.changed()
        return len(items) - 1

    def change_in_plan(self, name: str, original: Any, value: BottomLine | Contingency) -> int:
        """Put ``value`` in place of ``original``; if it is gone meanwhile, keep the typing at the end."""
        label = "Change a bottom line" if name == "bottom_lines" else "Change the contingency plan"
        self.checkpoint(label, about=("plan", name))
        items = self.plan_list(name)
        where = next((i for i, item in enumerate(items) if item is original), None)
        if where is None:
            items.append(value)
            where = len(items) - 1
        else:
            items[where] = value
        self.changed()
        return where

    def remove_from_plan(self, name: str, index: int) -> Any:
        label = "Remove a bottom line" if name == "bottom_lines" else "Remove from the contingency plan"
        items = self.plan_list(name)
        self.checkpoint(label, about=("plan", name))
        item = items.pop(index)
        self.changed()
        return item

    # ------------------------------------------------------------ the stages

    def enter_stage(self, plan: StagePlan, stage: Stage) -> StageRecord:
        """The pod is now at ``stage``: its record exists (in plan order) and the pod says so."""
        record = stage_record(self.pod, stage)
        order_records(self.pod, plan)
        self.pod.current_stage = stage.key
        self.progressed()
        return record

    def finish(self) -> None:
        """The pod is complete."""
        self.set_pod("status", "complete")

    # ------------------------------------------------------------ reflection

    def set_reflection(self, name: str, value: Any) -> bool:
        return self.set(self.pod.reflection, name, value)


@dataclass
class Editing:
    """One editing session on one part of the pod (a card open in the map's editor).

    Every change is written at once; the first real change takes one undo checkpoint, so
    ctrl+z takes back the whole edit. ``shown`` holds what the editor showed when it
    opened: writing that back unchanged is no change (a statement whose words come from
    its parts alone keeps them)."""

    session: PodSession
    obj: Any
    label: str
    shown: dict[str, Any] = field(default_factory=dict)
    checkpointed: bool = False
    undo_depth: int = 0

    def __post_init__(self) -> None:
        self.undo_depth = self.session.undo_depth

    def write(self, name: str, value: Any) -> bool:
        if getattr(self.obj, name) == value:
            return False
        if not self.checkpointed and name in self.shown and value == self.shown[name]:
            return False
        if name == "status":
            if value == "agreed" and not can_agree_steps(self.session.pod):
                raise EditRefused(AGREE_REFUSED)
        if not self.checkpointed:
            self.session.checkpoint(self.label, about=self.session.about_of(self.obj))
            self.checkpointed = True
            self.undo_depth = self.session.undo_depth
        setattr(self.obj, name, value)
        self.session.changed()
        return True
