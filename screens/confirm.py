"""Small modals: confirm a step that loses work, show an error."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Static

from .dialog import Dialog


class ConfirmScreen(Dialog[bool]):
    """Ask before doing something that cannot be undone. Dismisses True to go ahead."""

    DEFAULT_CSS = """
    ConfirmScreen > #dialog { border: thick $error; }
    ConfirmScreen #question { margin-bottom: 1; }
    ConfirmScreen Horizontal { height: auto; align-horizontal: right; }
    ConfirmScreen Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("y", "confirm", "Yes", id="confirm.yes", show=False),
        Binding("n", "cancel", "No", id="confirm.no", show=False),
    ]
    CANCEL = False

    def __init__(self, question: Content, confirm_label: str = "Delete", cancel_label: str = "Keep it") -> None:
        super().__init__()
        self.question = question
        self.confirm_label = confirm_label
        self.cancel_label = cancel_label

    def body(self) -> ComposeResult:
        yield Static(self.question, id="question")
        with Horizontal():
            self.cancel_button = Button(self.cancel_label, id="cancel", variant="primary")
            yield self.cancel_button
            yield Button(self.confirm_label, id="confirm", variant="error")

    def on_mount(self) -> None:
        self.cancel_button.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm")

    def action_confirm(self) -> None:
        self.dismiss(True)


class MessageScreen(Dialog[None]):
    """A plain message with one button: errors the person needs to read."""

    DEFAULT_CSS = """
    MessageScreen > #dialog { width: 70; border: thick $warning; }
    MessageScreen Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    """

    def __init__(self, title: str, message: Content | str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message

    def body(self) -> ComposeResult:
        yield Static(Content(self.title_text), id="dialog-title")
        yield Static(self.message if isinstance(self.message, Content) else Content(self.message))
        with Horizontal():
            self.ok_button = Button("OK", id="ok", variant="primary")
            yield self.ok_button

    def on_mount(self) -> None:
        self.ok_button.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)
