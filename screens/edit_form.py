"""A small modal form for adding or changing one thing: a person, a score, a bottom line.

Keyboard first: enter moves to the next box (and saves from the last text box),
ctrl+s saves from anywhere, escape cancels. A value that cannot be saved is
explained on the form, in plain words, and nothing changes until it is fixed.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from .dialog import Dialog

T = TypeVar("T")

HINT = "Tab: next box · ctrl+s: save · esc: cancel"


class FormProblem(Exception):
    """What stops the form being saved, in words the person can act on."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def field_row(label: str, widget: Widget, *, label_id: str | None = None) -> Horizontal:
    """A label and its box side by side."""
    return Horizontal(Label(Content(label), classes="form-label", id=label_id), widget, classes="form-row")


class EditForm(Dialog[T | None], Generic[T]):
    """Subclasses yield their boxes from ``fields()`` and build the value in ``collect()``."""

    DEFAULT_CSS = """
    EditForm > #dialog { width: 80; max-height: 100%; padding: 0 1; }
    EditForm #form-title { text-style: bold; padding: 0 0 1 0; }
    EditForm #form-fields { height: auto; max-height: 1fr; }
    EditForm .form-row { height: auto; margin-bottom: 1; }
    EditForm .form-label { width: 24; padding: 0 1 0 0; text-style: bold; }
    EditForm .form-row > Input, EditForm .form-row > Select { width: 1fr; }
    EditForm .form-row > TextArea { width: 1fr; height: 4; }
    EditForm Input, EditForm TextArea { background: $boost; }
    EditForm Input:focus, EditForm TextArea:focus { background: $panel; }
    EditForm .form-block-label { text-style: bold; }
    EditForm .form-note { padding: 0 0 1 24; text-style: italic; }
    EditForm #form-error { color: $error; text-style: bold; height: auto; }
    EditForm #form-error.-empty { display: none; }
    EditForm #form-foot { height: auto; }
    EditForm #form-hint { width: 1fr; padding: 0 1 0 0; }
    EditForm #edit-form-buttons { width: auto; height: auto; }
    EditForm #edit-form-buttons Button { margin-left: 2; min-width: 10; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]

    def __init__(self, title: str, *, save_label: str = "Save") -> None:
        super().__init__()
        self.form_title = title
        self.save_label = save_label

    def fields(self) -> ComposeResult:  # pragma: no cover - subclasses
        yield from ()

    def collect(self) -> T:  # pragma: no cover - subclasses
        raise NotImplementedError

    def body(self) -> ComposeResult:
        yield Static(Content(self.form_title), id="form-title")
        with VerticalScroll(id="form-fields", can_focus=False):
            yield from self.fields()
        yield Static(Content(""), id="form-error", classes="-empty")
        with Horizontal(id="form-foot"):
            yield Static(Content(HINT), id="form-hint")
            with Horizontal(id="edit-form-buttons"):
                yield Button("Cancel", id="form-cancel", compact=True)
                yield Button(self.save_label, id="form-save", variant="primary", compact=True)

    def show_problem(self, message: str, field: str | None = None) -> None:
        error = self.query_one("#form-error", Static)
        error.update(Content(message))
        error.set_class(not message, "-empty")
        if field:
            for box in self.query(f"#{field}"):  # the box the problem is about, if the form has it
                box.focus()

    @on(Input.Submitted)
    def _next_box(self, event: Input.Submitted) -> None:
        event.stop()
        boxes = [w for w in self.query(Input) if w.focusable]
        if not boxes or event.input is boxes[-1]:
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_save(self) -> None:
        try:
            value = self.collect()
        except FormProblem as problem:
            self.show_problem(problem.message, problem.field)
            return
        self.dismiss(value)
