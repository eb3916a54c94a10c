"""Group drafting, GSP style: each member's draft under their initials, with Pick and Remove."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from gq_pods.model import Draft

from ..text import plain


class DraftCard(Vertical):
    """One member's draft, under their initials, with Pick and Remove."""

    class Picked(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Removed(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, index: int, draft: Draft, agreed: bool, summary: str = "", **kwargs) -> None:
        super().__init__(classes="draft-card" + (" -agreed" if agreed else ""), **kwargs)
        self.index = index
        self.draft = draft
        self.agreed = agreed
        self.summary = summary

    def compose(self) -> ComposeResult:
        title = plain(self.draft.author or "?").stylize("bold")
        if self.agreed:
            title = title + Content("  - the agreed wording")
        yield Static(title, classes="draft-author")
        yield Static(plain(self.draft.text or "(empty)"), classes="draft-body")
        if self.summary:
            yield Static(Content(self.summary), classes="draft-summary")
        with Horizontal(classes="draft-card-buttons"):
            yield Button(Content("Pick"), classes="pick", compact=True)
            yield Button(Content("Remove"), classes="remove", compact=True)

    @on(Button.Pressed, ".pick")
    def _pick(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Picked(self.index))

    @on(Button.Pressed, ".remove")
    def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Removed(self.index))
