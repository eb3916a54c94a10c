"""The one base for every modal box: a box in the middle, over the work, that escape closes.

``Dialog[T]`` is a ``ModalScreen[T]``: it lays out one box (``#dialog``), puts
what ``body()`` yields inside it, and dismisses with ``CANCEL`` on escape.
A subclass sets the box's width and colour in its own ``DEFAULT_CSS`` (modals
are self-contained, so their CSS lives with them; see screens/__init__.py).

``Picker`` is a dialog that asks for one choice from a short list: enter picks,
escape leaves things as they were (None).
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

T = TypeVar("T")


class Dialog(ModalScreen[T], Generic[T]):
    """A modal box. Subclasses yield its contents from ``body()``."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > #dialog {
        width: 64; max-width: 100%; height: auto; max-height: 95%;
        padding: 1 2; border: thick $primary; background: $surface;
    }
    Dialog #dialog-title { text-style: bold; margin-bottom: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]
    CANCEL: ClassVar[Any] = None  # what escape answers

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield from self.body()

    def body(self) -> ComposeResult:  # pragma: no cover - subclasses
        yield from ()

    def action_cancel(self) -> None:
        self.dismiss(self.CANCEL)


class Picker(Dialog[T], Generic[T]):
    """Choose one of a short list. Dismisses the chosen option's value, or None on escape."""

    DEFAULT_CSS = """
    Picker OptionList { height: auto; max-height: 20; }
    Picker #picker-hint { margin-top: 1; }
    """

    def __init__(
        self, title: Content | str, choices: list[tuple[T, Content]], *, hint: str = "", start: int = 0
    ) -> None:
        super().__init__()
        self.title_content = title if isinstance(title, Content) else Content(title)
        self.choices = choices
        self.hint = hint
        self.start = start

    def body(self) -> ComposeResult:
        yield Static(self.title_content, id="dialog-title")
        self.picker = OptionList(*(Option(label) for _, label in self.choices), id="picker")
        yield self.picker
        if self.hint:
            yield Static(Content(self.hint), id="picker-hint")

    def on_mount(self) -> None:
        self.picker.highlighted = self.start
        self.picker.focus()

    @on(OptionList.OptionSelected, "#picker")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index][0])
