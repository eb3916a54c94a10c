"""One pair open: its danger statement and its safety goal, one tab each."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import TabbedContent, TabPane

from .editors import GoalEditor, StatementEditor, WordingEditor


class PairEditor(Vertical):
    """A danger statement and its safety goal, one tab each."""

    BINDINGS = [
        Binding("escape", "close", "All pairs", id="statements.close"),
        Binding("ctrl+r", "use_wording", "Use wording", id="statements.use-wording"),
        Binding("ctrl+g", "switch", "Statement/goal", id="statements.switch"),
        Binding("f4", "drafts", "Drafts", id="statements.drafts"),
        Binding("ctrl+n", "add_draft", "Add draft", id="statements.add-draft", show=False),
    ]

    class Close(Message):
        """Back to the list of pairs."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.tabs = TabbedContent(id="pair-tabs")
        self.statement_editor = StatementEditor(id="statement-editor")
        self.goal_editor = GoalEditor(id="goal-editor")

    def compose(self) -> ComposeResult:
        with self.tabs:
            with TabPane("Danger statement", id="pair-statement"):
                yield self.statement_editor
            with TabPane("Safety goal", id="pair-goal"):
                yield self.goal_editor

    @property
    def editors(self) -> tuple[WordingEditor, WordingEditor]:
        return self.statement_editor, self.goal_editor

    def active_editor(self) -> WordingEditor:
        return self.goal_editor if self.tabs.active == "pair-goal" else self.statement_editor

    def show_tab(self, goal: bool) -> WordingEditor:
        """Show the goal's tab (or the statement's) and say which editor that is."""
        self.tabs.active = "pair-goal" if goal else "pair-statement"
        return self.goal_editor if goal else self.statement_editor

    def name_tabs(self, statement: str, goal: str) -> None:
        self.tabs.get_tab("pair-statement").label = Content(statement)
        self.tabs.get_tab("pair-goal").label = Content(goal)

    def action_close(self) -> None:
        self.post_message(self.Close())

    def action_use_wording(self) -> None:
        self.active_editor().use_wording()

    def action_switch(self) -> None:
        self.show_tab(goal=self.tabs.active != "pair-goal").focus_first()  # now: the next key goes in

    def action_drafts(self) -> None:
        self.active_editor().focus_drafts()

    async def action_add_draft(self) -> None:
        await self.active_editor().add_draft()
