"""The Statements tab: the list of pairs, and one pair open in its editors.

The tab opens on the pairs (pairs.py); Enter opens a pair in the pair editor
(pair.py), a tab for the statement and one for its goal (editors.py). Every
change is asked of the pod session (gq_pods.session). Deleting asks first and
can be undone with ctrl+z; after an undo the list selects the pair it was about.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets import ContentSwitcher

from gq_pods.model import SUGGESTED_MAX_STATEMENTS
from gq_pods.session import UndoStep, number_of, pairs, ties

from ..confirm import ConfirmScreen
from ..text import plain
from ..workspace import PodPanel
from .pair import PairEditor
from .pairs import PairRow, PairsOverview
from .view import NARROW, goal_label, statement_label


class StatementsPanel(PodPanel):
    """Danger statements and safety goals, in pairs."""

    # The list's keys act here, at once: an editor opened by a key has the keyboard before
    # the next key is handed on (screens/keys.py), so what is typed straight after goes in.
    BINDINGS = [
        Binding("a", "add", "Add statement", id="statements.add"),
        Binding("enter", "open", "Open", id="statements.open", show=False),
        Binding("g", "open_goal", "Open goal", id="statements.open-goal"),
        Binding("d,delete", "delete", "Delete", id="statements.delete"),
    ]
    LIST_ACTIONS = {"add", "open", "open_goal", "delete"}

    goal_stage = False  # opened by the safety goals stage: Enter opens a pair on its goal
    _added: tuple[str, int] | None = None  # the statement just added here, and the undo depth after adding it
    _last_focus: Widget | None = None

    _focus_when_hidden: Widget | None = None

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if all(node.display for node in (self, *self.ancestors) if isinstance(node, Widget)):
            self._last_focus = event.widget

    def on_hide(self) -> None:
        # Where the scribe was when they went to another tab (Textual moves the focus about
        # as tabs hide and show, so what it does then is not remembered).
        self._focus_when_hidden = self._last_focus

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._owed_focus = False  # a redraw still to give this tab the keyboard (see _redraw)
        self._owed_select: str | None = None
        self.switcher = ContentSwitcher(initial="statements-overview", id="statements-switcher")
        self.overview = PairsOverview(id="statements-overview")
        # The pair editor (most of this tab's widgets) is made and mounted when a pair is first
        # opened (_mount_pair): the tab opens on the list, and by then the tab knows its width, so
        # the editor's widgets are styled narrow or wide once, not restyled when the width is known.
        self._pair: PairEditor | None = None

    def compose(self) -> ComposeResult:
        # Narrow or not is set before the tab's widgets exist (on_resize puts a wrong guess right).
        self.set_class(self.pod_screen.work_width() < NARROW, "-narrow")
        with self.switcher:
            yield self.overview

    @property
    def pair(self) -> PairEditor:
        """The pair editor, made when first wanted (see _mount_pair)."""
        if self._pair is None:
            self._pair = PairEditor(id="statements-editor")
        return self._pair

    async def _mount_pair(self) -> None:
        """Put the pair editor in the tab, hidden, if it is not there yet."""
        if self.pair.parent is None:
            await self.switcher.add_content(self.pair)

    def on_mount(self) -> None:
        self.overview.add_button.label = Content(f"Add a {self.statement_label.lower()} (a)")
        # Built as it shows, it takes the keyboard as its first drawing ends, if the keyboard is
        # nowhere: under load this tab, built as it showed, was sometimes never told it showed
        # (1 in 30 runs of a test: drawn, and no focus anywhere), so keys typed next were lost.
        self._redraw(take_focus=self.tab_on_show() and self.screen.focused is None)

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    def catch_up(self) -> None:
        # Shown: redraw from the pod (another tab may have changed the statements, goals or
        # scales), and the keyboard comes here, not to the tab bar.
        self.drawn = self.session.version
        self._redraw(take_focus=True)

    def take_keyboard(self) -> None:
        # The list, or the pair open in the editor: as when the tab is shown.
        self._redraw(take_focus=True)

    def focus_work(self, work: str) -> None:
        """A stage opened this tab: the danger statements stage, or the safety goals stage.
        The keyboard goes there now, so keys typed straight after the stage key land in it."""
        self.goal_stage = work == "safety_goals"
        if self.editing:
            self._open_tab("pair-goal" if self.goal_stage else "pair-statement")
        else:
            self._focus_list()

    def _open_tab(self, tab: str) -> None:
        self.pair.show_tab(goal=tab == "pair-goal").focus_first()

    def _focus_list(self) -> None:
        self.overview.focus_list()

    # ------------------------------------------------------------ words the team chose

    @property
    def statement_label(self) -> str:
        return statement_label(self.pod_screen.team)

    @property
    def goal_label(self) -> str:
        return goal_label(self.pod_screen.team)

    # ------------------------------------------------------------ showing

    @property
    def editing(self) -> str | None:
        """The id of the statement open in the editor, or None on the list."""
        if self.switcher.current != "statements-editor":
            return None
        return self.pair.statement_editor.statement_id or None

    async def show_overview(self, select: str | None = None, focus: bool = True, unless_opened: bool = False) -> None:
        """The list of pairs. ``unless_opened``: a redraw, which leaves alone a pair the person
        opened while it was drawn, and the keyboard where they have put it."""
        pod = self.pod
        count = len(pod.danger_statements)
        plural = self.pod_screen.team.label("danger_statements")
        self.overview.heading.update(Content(f"{plural} and {self.pod_screen.team.label('safety_goals').lower()}"))
        if count == 0:
            note = (
                f"No {plural.lower()} yet. Press a to add one: who is worried, what the adult does, "
                "a real example, and what could happen to the child if nothing changes."
            )
        elif count > SUGGESTED_MAX_STATEMENTS:
            note = (
                f"{count} {plural.lower()}: about {SUGGESTED_MAX_STATEMENTS} at most keeps the plan clear. "
                "Could any of them be joined?"
            )
        else:
            note = f"Each {self.statement_label.lower()} has one {self.goal_label.lower()} and a scale. Enter opens a pair."
        self.overview.note.update(Content(note))
        labels = (self.statement_label, self.goal_label)
        rows = [PairRow(pod, p.statement, p.number, labels) for p in pairs(pod)]
        await self.overview.show_pairs(rows, select)
        if unless_opened and self.editing:
            return
        self.switcher.current = "statements-overview"
        if focus and not (unless_opened and self._keyboard_here()):
            self.overview.focus_list()

    async def open_pair(self, statement_id: str, goal: bool = False) -> None:
        if self.pod.statement(statement_id) is None:
            return
        await self._mount_pair()
        for editor in self.pair.editors:
            await editor.load(statement_id)
        self.switcher.current = "statements-editor"
        number = self.number(statement_id)
        self.pair.name_tabs(f"{self.statement_label} {number}", f"{self.goal_label} {number}")
        self.pair.show_tab(goal).focus_first()  # now, not after a refresh: the next key goes in

    def number(self, statement_id: str) -> int:
        """A statement's place in the list, from 1 (0 if it is not there)."""
        return number_of(self.pod, statement_id)

    def show_pod(self) -> None:
        """After undo or reload: redraw from the pod, keeping the open pair if it is still there."""
        self._redraw()

    def undone(self, step: UndoStep) -> None:
        """After ctrl+z: the list selects the pair the undone change was about (a deleted pair
        that came back), so the next key acts on it and not on its neighbour."""
        kind, key = step.about or ("", "")
        select = key if kind == "statement" else None
        self._redraw(select=select)

    def _keyboard_here(self) -> bool:
        focused = self.screen.focused
        return focused is not None and self in focused.ancestors

    def _redraw(self, take_focus: bool = False, select: str | None = None) -> None:
        """Redraw from the pod in a worker; a newer redraw replaces one still running.

        What the replaced one still owed is kept: a redraw started as the tab is built
        must not cancel the one that was to give this tab the keyboard as it is shown
        (under load the keyboard then never came, and keys typed next went elsewhere).
        """
        self._owed_focus = self._owed_focus or take_focus
        self._owed_select = select or self._owed_select
        self.run_worker(self._show_owed(), group="statements-show", exclusive=True)

    async def _show_owed(self) -> None:
        await self._show_pod(take_focus=self._owed_focus, select=self._owed_select)
        self._owed_focus, self._owed_select = False, None  # paid: only once the redraw finished

    async def _show_pod(self, take_focus: bool = False, select: str | None = None) -> None:
        open_id = self.editing
        focused = self.screen.focused
        inside = self._keyboard_here()
        if open_id and self.pod.statement(open_id) is not None:
            for editor in self.pair.editors:
                await editor.load(open_id)
            if self._keyboard_here():
                return  # the keyboard is in the editor already: where the person put it
            last = self._focus_when_hidden
            editor = self.pair.active_editor()
            if take_focus and last is not None and last.is_attached and editor in last.ancestors:
                last.focus()  # back where the scribe was before another tab
            elif inside and focused is not None and focused.is_attached:
                focused.focus()
            elif take_focus:
                editor.focus_first()
        else:
            selected = select or open_id or self.overview.selected_id()
            await self.show_overview(select=selected, focus=take_focus, unless_opened=True)

    @on(PairEditor.Close)
    async def _close_editor(self, event: PairEditor.Close) -> None:
        event.stop()
        closing = self.editing
        added, self._added = self._added, None
        depth = added[1] if added is not None and added[0] == closing else 0
        if closing and self.session.discard_empty_pair(closing, depth):
            self.notify(f"Nothing was written, so the empty {self.statement_label.lower()} was not kept.")
            closing = None
        await self.show_overview(select=closing)

    # ------------------------------------------------------------ changes

    @on(PairsOverview.AddRequested)
    async def _add_requested(self, event: PairsOverview.AddRequested) -> None:
        event.stop()
        await self.add_statement()

    @on(PairsOverview.OpenRequested)
    async def _open_requested(self, event: PairsOverview.OpenRequested) -> None:
        event.stop()
        await self.open_pair(event.statement_id, goal=self.goal_stage if event.goal is None else event.goal)

    @on(PairsOverview.DeleteRequested)
    def _delete_requested(self, event: PairsOverview.DeleteRequested) -> None:
        event.stop()
        self.ask_delete(event.statement_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.LIST_ACTIONS:
            return self.switcher.current == "statements-overview"
        return True

    async def action_add(self) -> None:
        await self.add_statement()

    async def action_open(self) -> None:
        statement_id = self.overview.selected_id()
        if statement_id:
            await self.open_pair(statement_id, goal=self.goal_stage)

    async def action_open_goal(self) -> None:
        statement_id = self.overview.selected_id()
        if statement_id:
            await self.open_pair(statement_id, goal=True)

    def action_delete(self) -> None:
        statement_id = self.overview.selected_id()
        if statement_id:
            self.ask_delete(statement_id)

    async def add_statement(self) -> None:
        statement, index = self.session.add_item("danger_statements", label=f"Add a {self.statement_label.lower()}")
        self._added = (statement.id, self.session.undo_depth)
        if self.session.too_many_statements():
            self.notify(
                f"This is {self.statement_label.lower()} {index + 1}. About {SUGGESTED_MAX_STATEMENTS} at most "
                "keeps the plan clear: could this worry join one of the others? Keep it if it is different.",
                title="More than about three",
                severity="warning",
                timeout=10,
            )
        await self.open_pair(statement.id)

    def ask_delete(self, statement_id: str) -> None:
        pod = self.pod
        statement = pod.statement(statement_id)
        if statement is None:
            return
        going = ties(pod, statement_id)
        goes = [f"{self.statement_label.lower()} {self.number(statement_id)}"]
        if going.goal:
            goes.append(f"its {self.goal_label.lower()}")
        if going.scale:
            goes.append("its scale")
        question = Content(f"Delete {' and '.join(goes)}?")
        if statement.text.strip():
            question = question + Content("\n\n") + plain(statement.text[:200])
        question = question + Content("\n\nctrl+z brings it back.")

        async def answered(yes: bool | None) -> None:
            if yes:
                await self.delete_statement(statement_id)

        self.app.push_screen(ConfirmScreen(question), answered)

    async def delete_statement(self, statement_id: str) -> None:
        ids = [s.id for s in self.pod.danger_statements]
        number = self.number(statement_id)
        if not self.session.delete_statement(statement_id, label=f"Delete {self.statement_label.lower()} {number}"):
            return
        following = ids[number] if number < len(ids) else (ids[number - 2] if number >= 2 else None)
        await self.show_overview(select=following)
        self.notify(f"Deleted {self.statement_label.lower()} {number}. ctrl+z brings it back.")
