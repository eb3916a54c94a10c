"""When two copies of gq-pods changed the same pod: choose between clashing texts, and
what to do when the pod was deleted in the other copy.

``ClashScreen`` shows each clash (gq_pods.merge.Clash) in turn: where it is, the text
this copy has and the text saved in the other copy, and asks which to keep. It
dismisses with the choices, ``[(clash, "mine" | "theirs"), ...]``; escape keeps this
copy's text for the clashes not yet chosen (the pod already holds it).

``DeletedElsewhereScreen`` says the pod was deleted in another copy and offers to save
this copy's work as a new pod. It dismisses True to keep the work (escape too) and
False to let it go.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from gq_pods.merge import Clash

from .dialog import Dialog


def choice_labels(clash: Clash) -> tuple[str, str]:
    """What the two buttons say: (for this copy's side, for the other copy's side)."""
    if clash.kind == "deleted":
        if clash.mine is None:  # deleted here, changed there
            return "Delete it (m)", "Keep their changed text (t)"
        return "Keep yours (m)", "Delete it (t)"
    return "Keep yours (m)", "Use theirs (t)"


def heading(clash: Clash, number: int, total: int) -> str:
    count = f" ({number} of {total})" if total > 1 else ""
    if clash.kind == "deleted":
        if clash.mine is None:
            return f"You deleted this, and another copy changed it{count}"
        return f"You changed this, and another copy deleted it{count}"
    return f"You and another copy both changed this{count}"


class ClashScreen(Dialog[list[tuple[Clash, str]]]):
    """Choose, for each clash, which copy's text to keep."""

    DEFAULT_CSS = """
    ClashScreen > #dialog { width: 90; border: thick $warning; }
    ClashScreen #clash-where { margin-bottom: 1; }
    ClashScreen .clash-label { text-style: bold; }
    ClashScreen .clash-text { height: auto; max-height: 8; margin-bottom: 1; padding: 0 1; border-left: thick $primary; }
    ClashScreen Horizontal { height: auto; align-horizontal: right; }
    ClashScreen Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("m", "mine", "Keep yours", id="clash.mine"),
        Binding("t", "theirs", "Use theirs", id="clash.theirs"),
    ]

    def __init__(self, clashes: list[Clash]) -> None:
        super().__init__()
        self.clashes = clashes
        self.choices: list[tuple[Clash, str]] = []

    @property
    def current(self) -> Clash:
        return self.clashes[len(self.choices)]

    def body(self) -> ComposeResult:
        yield Static(id="dialog-title")
        yield Static(id="clash-where")
        yield Static(Content("Yours, in this copy:"), classes="clash-label")
        with VerticalScroll(classes="clash-text"):
            yield Static(id="clash-mine")
        yield Static(Content("Saved in another copy:"), classes="clash-label")
        with VerticalScroll(classes="clash-text"):
            yield Static(id="clash-theirs")
        with Horizontal():
            yield Button("", id="mine", variant="primary")
            yield Button("", id="theirs")

    def on_mount(self) -> None:
        self.show_current()

    def show_current(self) -> None:
        clash = self.current
        number, total = len(self.choices) + 1, len(self.clashes)
        self.query_one("#dialog-title", Static).update(Content(heading(clash, number, total)))
        self.query_one("#clash-where", Static).update(Content(f"Where: {clash.where}"))
        # The practitioners' own words: plain text, never markup.
        self.query_one("#clash-mine", Static).update(Content(clash.mine_text))
        self.query_one("#clash-theirs", Static).update(Content(clash.theirs_text))
        mine_label, theirs_label = choice_labels(clash)
        self.query_one("#mine", Button).label = mine_label
        self.query_one("#theirs", Button).label = theirs_label
        self.query_one("#mine", Button).focus()

    def pick(self, side: str) -> None:
        self.choices.append((self.current, side))
        if len(self.choices) == len(self.clashes):
            self.dismiss(self.choices)
        else:
            self.show_current()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.pick("mine" if event.button.id == "mine" else "theirs")

    def action_mine(self) -> None:
        self.pick("mine")

    def action_theirs(self) -> None:
        self.pick("theirs")

    def action_cancel(self) -> None:
        """Escape: this copy's text stays for the clashes not chosen yet."""
        rest = [(clash, "mine") for clash in self.clashes[len(self.choices):]]
        self.dismiss(self.choices + rest)


class DeletedElsewhereScreen(Dialog[bool]):
    """The pod was deleted in another copy: keep this copy's work as a new pod, or let it go."""

    DEFAULT_CSS = """
    DeletedElsewhereScreen > #dialog { width: 70; border: thick $error; }
    DeletedElsewhereScreen Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    DeletedElsewhereScreen Button { margin-left: 2; }
    """
    CANCEL = True  # escape keeps the work
    MESSAGE = (
        "This pod was deleted in another copy of gq-pods, so your changes could not be saved to it. "
        "Your work is still here on this screen. Save it as a new pod to keep it?"
    )

    def body(self) -> ComposeResult:
        yield Static(Content("This pod was deleted elsewhere"), id="dialog-title")
        yield Static(Content(self.MESSAGE))
        with Horizontal():
            self.keep_button = Button("Save as a new pod", id="keep", variant="primary")
            yield self.keep_button
            yield Button("Close it without saving", id="drop", variant="error")

    def on_mount(self) -> None:
        self.keep_button.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "keep")
