"""Editing one card of the map in place.

The editor writes every keystroke through its ``Editing`` (gq_pods.session): the
first real change takes one undo checkpoint, so ctrl+z takes back the whole
edit. A next step also has its owner, due date and status; a date that is not a
real date is explained and not saved. Escape or ctrl+s says ``Done``; the panel
closes the editor.
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static, TextArea

from gq_pods.days import describe_day
from gq_pods.model import NextStep
from gq_pods.session import Editing, EditRefused

from .view import DATE_HELP, parse_due


class StepStatus(Static, can_focus=True):
    """A next step's status, in words; space, enter or a click changes it."""

    BINDINGS = [Binding("space,enter", "change", "Change", id="map.editor.status")]

    class Changed(Message):
        def __init__(self, status: StepStatus, wanted: str) -> None:
            super().__init__()
            self.status = status
            self.wanted = wanted

    def __init__(self, status: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="edit-status")
        self.status = status

    def on_mount(self) -> None:
        self.show(self.status)

    def show(self, status: str) -> None:
        self.status = status
        words = "Agreed" if status == "agreed" else "Idea for supervision"
        self.update(Content("Status: ").stylize("bold") + Content(words).stylize("bold") + Content("  (space to change)"))

    def action_change(self) -> None:
        self.post_message(self.Changed(self, "idea" if self.status == "agreed" else "agreed"))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_change()


class MapEditor(Vertical):
    """Edit one card in place. Every change is written at once; escape or ctrl+s closes it."""

    BINDINGS = [
        Binding("escape", "finish(False)", "Done", id="map.editor.done"),
        Binding("ctrl+s", "finish(True)", "Done and save", id="map.editor.save"),
    ]

    class Done(Message):
        def __init__(self, editor: MapEditor, save: bool) -> None:
            super().__init__()
            self.editor = editor
            self.save = save

    def __init__(self, section: str, index: int, editing: Editing, *, new: bool, text: str) -> None:
        super().__init__(classes="map-editor")
        self.section = section
        self.index = index
        self.editing = editing
        self.obj = editing.obj
        self.new = new
        self.is_step = isinstance(self.obj, NextStep)
        self.text_area = TextArea(text, soft_wrap=True, id="edit-text", classes="edit-text")
        self.owner_box: Input | None = None
        self.due_box: Input | None = None
        self.due_read: Static | None = None  # the day a typed due date was read as
        # the due date before this edit: a half-typed date that read as a day ("12/3" of "12/31")
        # is put back to it when the whole turns out not to be one
        self.due_before = self.obj.due if isinstance(self.obj, NextStep) else None
        self.problem: Static | None = None

    def compose(self) -> ComposeResult:
        yield self.text_area
        if self.is_step:
            step: NextStep = self.obj
            self.owner_box = Input(step.owner, placeholder="who does it", id="edit-owner", compact=True)
            self.due_box = Input(
                step.due.isoformat() if step.due else "", placeholder="11/12/2026, Friday, in two weeks",
                id="edit-due", compact=True,
            )
            self.due_read = Static(Content(f"  {describe_day(step.due)}" if step.due else ""), id="edit-due-read")
            self.problem = Static(Content(""), id="edit-problem", classes="edit-problem")
            with Horizontal(classes="edit-row"):
                yield Static(Content("Owner"), classes="edit-label")
                yield self.owner_box
            with Horizontal(classes="edit-row"):
                yield Static(Content("Due"), classes="edit-label")
                yield self.due_box
                yield self.due_read
            yield StepStatus(step.status, id="edit-status")
            yield self.problem
        yield Static(Content("escape or ctrl+s: done  ·  saved as you type"), classes="edit-hint")

    def focus_text(self) -> None:
        self.text_area.focus()
        self.text_area.move_cursor(self.text_area.document.end)

    def action_finish(self, save: bool) -> None:
        self.post_message(self.Done(self, save))

    def show_problem(self, problem: str | None) -> None:
        if self.problem is not None:
            self.problem.update(Content(problem or ""))
            self.problem.display = bool(problem)

    def say(self, message: str, **kwargs: Any) -> None:
        """Notify, never reading the words as markup (dates and labels come from people)."""
        self.notify(message, markup=False, **kwargs)

    # ------------------------------------------------------------ writing

    def write(self, name: str, value: Any) -> bool:
        """Put one value into the pod. False (and said why) when the practice does not allow it."""
        try:
            self.editing.write(name, value)
        except EditRefused as refused:
            self.show_problem(str(refused))
            self.say(str(refused), severity="warning")
            return False
        return True

    def flush(self, leaving: bool) -> bool:
        """Write what the boxes hold now, in case a keystroke's message has not arrived yet.

        A due date that is not a real date keeps the editor open (False), unless the
        person is leaving: then it is not saved, and they are told."""
        self.write("text", self.text_area.text)
        if self.owner_box is None or self.due_box is None:
            return True
        self.write("owner", self.owner_box.value)
        due_text = self.due_box.value
        due, problem = parse_due(due_text, self.app.wall_clock().date())
        if problem is None:
            self.write("due", due)
        elif not leaving:
            self.show_problem(problem)
            self.say(problem, title="Due date not saved", severity="warning")
            self.due_box.focus()
            return False
        else:
            self.say(f"The due date '{due_text}' was not saved. {DATE_HELP}", severity="warning", timeout=8)
        return True

    @on(TextArea.Changed, "#edit-text")
    def _text_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.write("text", event.text_area.text)

    @on(Input.Changed, "#edit-owner")
    def _owner_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.write("owner", event.value)

    @on(Input.Changed, "#edit-due")
    def _due_changed(self, event: Input.Changed) -> None:
        event.stop()
        due, problem = parse_due(event.value, self.app.wall_clock().date())
        if self.due_read is not None:
            self.due_read.update(Content(f"  {describe_day(due)}" if due else ""))
        # Say what is wrong only once the date could be complete.
        self.show_problem(problem if problem and len(event.value.strip()) >= 10 else None)
        self.write("due", due if problem is None else self.due_before)

    @on(Input.Submitted)
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

    @on(StepStatus.Changed)
    def _status_changed(self, event: StepStatus.Changed) -> None:
        event.stop()
        if self.write("status", event.wanted):
            self.show_problem(None)
            event.status.show(event.wanted)
