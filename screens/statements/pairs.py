"""The list of pairs: each danger statement with its safety goal beside it, and what it still needs."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, ListItem, ListView, Static

from gq_pods.compose import pair_gaps
from gq_pods.model import DangerStatement, Pod

from .view import excerpt


class PairRow(ListItem):
    """One danger statement with its safety goal beside it, and what the pair still needs."""

    def __init__(self, pod: Pod, statement: DangerStatement, number: int, labels: tuple[str, str]) -> None:
        super().__init__(classes="pair-row")
        self.statement_id = statement.id
        self.pod = pod
        self.statement = statement
        self.number = number
        self.labels = labels

    def _statement_label(self) -> Content:
        # The chosen pair says so in a character, not only in the colour of its bar.
        marker = "▶ " if self.highlighted else "  "
        return Content(f"{marker}{self.number}. {self.labels[0]}").stylize("bold")

    def watch_highlighted(self, value: bool) -> None:
        super().watch_highlighted(value)
        for label in self.query(".pair-statement-label").results(Static):
            label.update(self._statement_label())

    def compose(self) -> ComposeResult:
        statement_label, goal_label = self.labels
        goal = self.pod.goal_for(self.statement.id)
        gaps = pair_gaps(self.pod, self.statement.id)
        with Horizontal(classes="pair-columns"):
            with Vertical(classes="pair-statement"):
                yield Static(self._statement_label(), classes="pair-label pair-statement-label")
                yield Static(excerpt(self.statement.text), classes="pair-text")
            with Vertical(classes="pair-goal"):
                yield Static(Content(goal_label).stylize("bold"), classes="pair-label")
                yield Static(excerpt(goal.text if goal else ""), classes="pair-text")
        if gaps:
            words = {
                "statement-text": f"the {statement_label.lower()}'s wording",
                "goal": f"a {goal_label.lower()}",
                "goal-text": f"the {goal_label.lower()}'s wording",
                "scale": "a scale (Scaling tab)",
            }
            yield Static(
                Content("! Still needs: ").stylize("bold") + Content(", ".join(words[g] for g in gaps) + "."),
                classes="pair-gaps",
            )


class PairsList(ListView, inherit_bindings=False):
    """The pairs. Enter is the panel's key (it opens the pair at once), not a message."""

    BINDINGS = [
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
    ]


class PairsOverview(Vertical):
    """Every pair. Its keys are the panel's (a, enter, g, d); its buttons and a click on a
    pair ask the panel by message."""

    class AddRequested(Message):
        """Add a danger statement."""

    class OpenRequested(Message):
        """Open a pair (on its goal, or as the stage says when ``goal`` is None)."""

        def __init__(self, statement_id: str, goal: bool | None) -> None:
            super().__init__()
            self.statement_id = statement_id
            self.goal = goal

    class DeleteRequested(Message):
        def __init__(self, statement_id: str) -> None:
            super().__init__()
            self.statement_id = statement_id

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.heading = Static(id="pairs-heading", classes="screen-title")
        self.note = Static(id="pairs-note", classes="note")
        self.pairs = PairsList(id="pairs")
        self.add_button = Button(Content("Add a danger statement (a)"), id="pairs-add")
        self.open_button = Button(Content("Open (enter)"), id="pairs-open")
        self.delete_button = Button(Content("Delete (d)"), id="pairs-delete", variant="error")

    def compose(self) -> ComposeResult:
        yield self.heading
        yield self.note
        yield self.pairs
        with Horizontal(id="pairs-buttons"):
            yield self.add_button
            yield self.open_button
            yield self.delete_button

    def selected_id(self) -> str | None:
        item = self.pairs.highlighted_child
        return item.statement_id if isinstance(item, PairRow) else None

    async def show_pairs(self, rows: list[PairRow], select: str | None) -> None:
        """Replace the list; highlight ``select`` (else the first pair)."""
        await self.pairs.clear()
        await self.pairs.extend(rows)
        ids = [row.statement_id for row in rows]
        if ids:
            self.pairs.index = ids.index(select) if select in ids else 0
        self.open_button.disabled = not ids
        self.delete_button.disabled = not ids

    def focus_list(self) -> None:
        (self.pairs if self.pairs.children else self.add_button).focus()


    @on(ListView.Selected, "#pairs")
    def _selected(self, event: ListView.Selected) -> None:
        event.stop()
        if isinstance(event.item, PairRow):
            self.post_message(self.OpenRequested(event.item.statement_id, None))

    @on(Button.Pressed, "#pairs-buttons Button")
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        sid = self.selected_id()
        if event.button is self.add_button:
            self.post_message(self.AddRequested())
        elif event.button is self.open_button and sid:
            self.post_message(self.OpenRequested(sid, None))
        elif event.button is self.delete_button and sid:
            self.post_message(self.DeleteRequested(sid))
