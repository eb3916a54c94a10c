"""The map panel: the board (board.py) with the keys that change the map.

``a`` adds, ``enter`` edits in place (every keystroke is written to the pod and
autosaved), ``d`` deletes, shift+up/down reorders and ``m`` moves a card to
another section. Every change is asked of the pod session (gq_pods.session),
which decides what the practice allows and keeps the undo history (ctrl+z).
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.actions import SkipAction
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button

from gq_pods.model import COLUMNS, SUGGESTED_MAX_STATEMENTS
from gq_pods.session import PAIRED, EditRefused, UndoStep, move_targets, ties

from .board import MapBoard
from .cards import ColumnTab, MapCard, SectionView
from .editor import MapEditor
from .picker import SectionPicker
from .view import Row, editor_text


class MapPanel(MapBoard):
    """The map with its keys: add, edit in place, delete, reorder and move."""

    BINDINGS = [
        Binding("a", "add", "Add", id="map.add"),
        Binding("enter", "edit", "Edit", id="map.edit"),
        Binding("d,delete", "delete", "Delete", id="map.delete"),
        Binding("m", "move", "Move", id="map.move"),
        # a follow-up pod: review an item carried over from last time (the bar above the map says so)
        Binding("t", "review('still_true')", "Still true", id="map.review-still-true", show=False),
        Binding("c", "review('changed')", "Changed", id="map.review-changed", show=False),
        Binding("n", "review('no_longer')", "No longer so", id="map.review-no-longer", show=False),
        Binding("shift+up,ctrl+up", "reorder(-1)", "Move up", id="map.order-up", show=False),
        Binding("shift+down,ctrl+down", "reorder(1)", "Move down", id="map.order-down", show=False),
        Binding("up", "cursor(-1)", "Previous", id="map.previous", show=False),
        Binding("down", "cursor(1)", "Next", id="map.next", show=False),
        Binding("pageup", "cursor(-8)", "Page up", id="map.page-up", show=False),
        Binding("pagedown", "cursor(8)", "Page down", id="map.page-down", show=False),
        Binding("home", "cursor(-100000)", "First", id="map.first", show=False),
        Binding("end", "cursor(100000)", "Last", id="map.last", show=False),
        Binding("left", "column(-1)", "Column left", id="map.column-left", show=False),
        Binding("right", "column(1)", "Column right", id="map.column-right", show=False),
        Binding("tab", "tab_column(1)", "Next column", id="map.column-next", show=False),
        Binding("shift+tab", "tab_column(-1)", "Previous column", id="map.column-previous", show=False),
    ]
    NAVIGATION = {"add", "edit", "delete", "move", "reorder", "cursor", "column", "tab_column", "review"}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._editor: MapEditor | None = None

    def _focus_moved(self, focused: Widget | None) -> None:
        editor = self._editor
        if editor is not None and focused is not None and editor not in focused.ancestors:
            # The person moved on (a click or tab elsewhere): close the editor, keeping what was typed.
            self.call_later(self.finish_editing, False, True)

    @on(MapCard.Clicked)
    async def _card_clicked(self, event: MapCard.Clicked) -> None:
        event.stop()
        card = event.card
        if self._editor is not None:
            await self.finish_editing(False, True)
        self.move_to(card.section, card.index)
        if event.chain >= 2:
            await self.action_edit()

    def show_pod(self) -> None:
        """After undo or a change in another tab: close any editor and show the pod as it now is."""
        self.undone(None)

    def undone(self, step: UndoStep | None) -> None:
        """Redraw; after ctrl+z, the cursor goes to what the undone change was about."""
        was_editing = self._editor is not None
        if was_editing:
            self._close_editor_widget()
        self.call_later(self._redraw_all, was_editing, step.about if step is not None else None)

    async def _redraw_all(self, was_editing: bool = False, about: tuple[str, str] | None = None) -> None:
        where = self.cursor_card()
        await self.redraw(*self.sections())
        self.refresh_notes()
        target = (where.section, where.index) if where is not None else None
        kind, key = about or ("", "")
        if kind == "statement":
            index = next((i for i, row in enumerate(self.rows("danger_statements")) if row.obj and row.obj.id == key), None)
            if index is not None:
                section = where.section if where is not None and where.section in PAIRED else "danger_statements"
                target = (section, index)
        elif kind == "section" and key in self._views and (where is None or where.section != key):
            target = (key, 0)
        if target is not None:
            self.move_to(*target, focus=self.keys.has_focus or was_editing)

    # ------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.NAVIGATION and self.editing:
            return False
        return True

    @property
    def editing(self) -> bool:
        return self._editor is not None and self._editor.has_focus_within

    def _current(self) -> MapCard:
        card = self.cursor_card()
        if card is None:
            raise SkipAction()
        return card

    def action_cursor(self, delta: int) -> None:
        card = self.cursor_card()
        cards = self.column_cards(self.column)
        if card is None or card not in cards:
            return
        target = cards[max(0, min(len(cards) - 1, cards.index(card) + delta))]
        self.move_to(target.section, target.index)

    def action_column(self, delta: int) -> None:
        target = self.column + delta
        if 0 <= target < len(COLUMNS):
            self.show_column(target)

    def action_tab_column(self, delta: int) -> None:
        target = self.column + delta
        if 0 <= target < len(COLUMNS):
            self.show_column(target)
            return
        # Past the last column (or before the first): on to the pod's tabs, as tab usually does.
        tabs = self.screen.query("#pod-tabs Tabs")
        if tabs:
            tabs.first().focus()
        else:
            raise SkipAction()

    # ------------------------------------------------------------ add and edit

    async def action_add(self, section: str | None = None) -> None:
        card = self.cursor_card()
        if section is None:
            section = card.section if card else COLUMNS[self.column][1][0]
        after = card.index if card is not None and card.section == section and card.kind != "prompt" else None
        if section == "safety_goals":
            await self._add_goal(card)
            return
        item, index = self.session.add_item(section, after, label=f"Add to {self.label(section)}")
        if section == "danger_statements" and self.session.too_many_statements():
            self.say(
                f"Most maps keep to about {SUGGESTED_MAX_STATEMENTS} danger statements; "
                "a few strong ones help the family more than many.",
                timeout=6,
            )
        touched = PAIRED if section in PAIRED else (section,)
        await self.redraw(*touched)
        await self.open_editor(section, index, new=True, obj=item)

    async def _add_goal(self, card: MapCard | None) -> None:
        # The focused pair if it lacks a goal, else the first danger statement without one.
        preferred = None
        if card is not None and card.section in PAIRED:
            rows = self.rows(card.section)
            row = rows[card.index] if card.index < len(rows) else None
            preferred = row.statement.id if row is not None and row.statement is not None else None
        try:
            goal = self.session.add_goal(preferred, label=f"Add to {self.label('safety_goals')}")
        except EditRefused as refused:
            self.say(str(refused))
            return
        await self.redraw(*PAIRED)
        await self.open_editor("safety_goals", 0, new=True, obj=goal)

    async def action_edit(self) -> None:
        card = self._current()
        if card.kind == "prompt":
            await self.action_add(card.section)
        elif card.kind == "missing_goal":
            await self._add_goal(card)
        else:
            rows = self.rows(card.section)
            if card.index < len(rows):
                await self.open_editor(card.section, card.index, new=False, obj=rows[card.index].obj)

    @on(SectionView.AddRequested)
    async def _add_requested(self, event: SectionView.AddRequested) -> None:
        event.stop()
        if self._editor is not None:
            await self.finish_editing(False, True)
        await self.action_add(event.section)

    @on(ColumnTab.Picked)
    def _column_picked(self, event: ColumnTab.Picked) -> None:
        event.stop()
        self.show_column(event.index)

    async def open_editor(self, section: str, index: int, *, new: bool, obj: Any = None) -> None:
        """Edit the card at ``index``; with ``obj``, wherever that item is now. A save may
        have landed while this waited (another copy's changes merged in, items gone or
        moved), so a stale index is never trusted: an item no longer there opens nothing."""
        if self._editor is not None:
            await self.finish_editing(False, True)
        rows = self.rows(section)
        if obj is not None:
            found = next((i for i, row in enumerate(rows) if row.obj is obj), None)
            if found is None:  # the merge made a copy of it: the same item, by value
                found = next((i for i, row in enumerate(rows) if row.obj == obj), None)
            if found is None:
                return
            index = found
        if not 0 <= index < len(rows):
            return
        if len(self.view(section).cards()) != len(rows):  # changed underneath and not yet redrawn
            await self.redraw(*(PAIRED if section in PAIRED else (section,)))
        row = rows[index]
        card = self.card(section, index)
        if card is None or row.obj is None:
            return
        text = editor_text(row)
        # A new item's "Add" checkpoint already covers the typing.
        editing = self.session.edit(row.obj, f"Edit {self.label(section)}", shown={"text": text}, checkpointed=new)
        editor = MapEditor(section, index, editing, new=new, text=text)
        self._editor = editor
        self.move_to(section, index, focus=False)
        card.display = False
        await self.view(section).mount(editor, after=card)
        editor.focus_text()
        editor.scroll_visible()

    @on(MapEditor.Done)
    async def _editor_done(self, event: MapEditor.Done) -> None:
        event.stop()
        if event.editor is self._editor:
            await self.finish_editing(event.save)

    async def finish_editing(self, save: bool, leaving: bool = False) -> None:
        """Close the editor, keeping everything typed. A bad date keeps it open (unless leaving)."""
        editor = self._editor
        if editor is None:
            return
        if not editor.flush(leaving):
            return  # a due date that is not a real date: the editor stays open to fix it
        section, index, obj = editor.section, editor.index, editor.obj
        self._close_editor_widget()
        if editor.new and self.session.discard_if_empty(section, obj, editor.editing.undo_depth):
            # Nothing was written: the empty item went again, and its undo step with it.
            index = max(0, index - 1)
        await self.redraw(*(PAIRED if section in PAIRED else (section,)))
        self.move_to(section, index, focus=not leaving)
        if save:
            self.pod_screen.action_save()

    def _close_editor_widget(self) -> None:
        editor = self._editor
        if editor is None:
            return
        self._editor = None
        editor.remove()
        for hidden in self.view(editor.section).cards():
            if not hidden.display:
                hidden.display = True

    # ------------------------------------------------------------ review (a follow-up pod)

    @on(Button.Pressed, ".review-button")
    async def _review_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if self._editor is not None:
            await self.finish_editing(False, True)
        await self.action_review((event.button.id or "").removeprefix("review-"))

    async def action_review(self, state: str) -> None:
        """Still true, changed or no longer so: the group's review of an item from last time.
        Changed opens the item to change its words; the cursor moves on to the next to review."""
        card = self.cursor_card()
        rows = self.rows(card.section) if card is not None else []
        row = rows[card.index] if card is not None and card.index < len(rows) else None
        if card is None or row is None or not row.carried:
            waiting = self._next_to_review(None)
            if waiting is not None:
                self.move_to(*waiting)
                self.say("That card was added at this pod. This one is from last time: t, c or n to review it.")
            else:
                self.say("Only items carried over from last time are reviewed, and this one was added at this pod.")
            return
        section, index = card.section, card.index
        try:
            self.session.review_item(section, index, state)
        except EditRefused as refused:
            self.say(str(refused))
            return
        await self.redraw(section)
        if state == "changed":
            await self.open_editor(section, index, new=False, obj=row.obj)
            return
        following = self._next_to_review((section, index))
        self.move_to(*(following or (section, index)))

    def _next_to_review(self, after: tuple[str, int] | None) -> tuple[str, int] | None:
        """The next card in this column still to review (after ``after``), else the first in the map."""
        found: list[tuple[str, int]] = []
        for column in range(len(COLUMNS)):
            for card in self.column_cards(column):
                rows = self.rows(card.section)
                if card.index < len(rows) and rows[card.index].carried == "to_review":
                    found.append((card.section, card.index))
        if not found:
            return None
        if after is not None:
            cards = [(c.section, c.index) for c in self.column_cards(self.column)]
            if after in cards:
                later = [f for f in found if f in cards and cards.index(f) > cards.index(after)]
                if later:
                    return later[0]
            same = [f for f in found if f in cards]
            if same:
                return same[0]
        return found[0]

    # ------------------------------------------------------------ delete

    async def action_delete(self) -> None:
        card = self._current()
        row = self.rows(card.section)[card.index]
        if row.kind in ("prompt", "missing_goal"):
            self.say("Nothing to delete here.")
            return
        if row.kind == "statement":
            going = ties(self.pod, row.obj.id)
            scores = going.scores
            if going.goal or scores:
                from ..confirm import ConfirmScreen

                extra = []
                if going.goal:
                    extra.append("its safety goal")
                if scores:
                    extra.append(f"its scale ({scores} score{'s' if scores != 1 else ''})")
                question = Content(
                    f"Delete danger statement {row.number} with {' and '.join(extra)}? "
                    "ctrl+z brings them back while the pod is open."
                )

                async def answer(yes: bool | None) -> None:
                    if yes:
                        await self._delete(card.section, card.index, row)

                self.app.push_screen(ConfirmScreen(question), answer)
                return
        await self._delete(card.section, card.index, row)

    async def _delete(self, section: str, index: int, row: Row) -> None:
        self.session.delete_item(section, row.obj, label=f"Delete from {self.label(section)}")
        await self.redraw(*(PAIRED if section in PAIRED else (section,)))
        self.move_to(section, index)
        self.say("Deleted. ctrl+z to undo", timeout=4)

    # ------------------------------------------------------------ reorder

    async def action_reorder(self, delta: int) -> None:
        card = self._current()
        section = card.section
        row = self.rows(section)[card.index]
        if row.kind == "prompt":
            return
        try:
            moved = self.session.reorder(section, row.statement or row.obj, delta, label=f"Reorder {self.label(section)}")
        except EditRefused as refused:
            self.say(str(refused))
            return
        if not moved:
            return
        await self.redraw(*(PAIRED if section in PAIRED else (section,)))
        self.move_to(section, card.index + delta)

    # ------------------------------------------------------------ move to another section

    def move_choices(self, section: str, row: Row) -> tuple[list[tuple[str, str]], str | None]:
        """Where an item can go (with the team's names for the sections), or why it cannot move."""
        targets, why = move_targets(self.pod, section, row.obj, self.pod_screen.team.show_grey_areas)
        return [(s, self.label(s)) for s in targets], why

    def action_move(self) -> None:
        card = self._current()
        section, index = card.section, card.index
        row = self.rows(section)[index]
        choices, why = self.move_choices(section, row)
        if why:
            self.say(why)
            return

        async def picked(target: str | None) -> None:
            if target:
                await self.move_item(section, row.obj, target)
                self.move_to(section, index)

        self.app.push_screen(SectionPicker(f"Move to which section? (from {self.label(section)})", choices), picked)

    async def move_item(self, section: str, obj: Any, target: str) -> None:
        try:
            self.session.move_item(
                section, obj, target, self.pod_screen.team.show_grey_areas, label=f"Move to {self.label(target)}"
            )
        except EditRefused as refused:
            self.say(str(refused))
            return
        touched = {section, target}
        if touched & set(PAIRED):
            touched |= set(PAIRED)
        await self.redraw(*[s for s in self.sections() if s in touched])
        self.say(f"Moved to {self.label(target)}. ctrl+z to undo", timeout=4)
