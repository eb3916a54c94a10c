"""F1: what gq-pods is for, and its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# gq-pods

Runs a **pod**: the weekly meeting where a team thinks through a new, stuck or
challenging case together, the Signs of Safety way. Choose the **Group
Supervision Process** (fast, for stuck or challenging cases and for perfecting
danger statements and safety goals) or **Content Mapping** (the detailed
evidence, for new cases and for practising mapping).

Everything is saved as you go, on this computer only. Use initials or
pseudonyms for the family: names are rarely needed.

## Keys everywhere

| Key | What it does |
|---|---|
| F1 | This help |
| Ctrl+P | Commands: new pod, high contrast, theme, help |
| Ctrl+Q or F10 | Save and quit |
| Tab / Shift+Tab | Move between fields and buttons |
| Escape | Back, or close a box like this one |

## The pods list

| Key | What it does |
|---|---|
| N | New pod |
| Enter | Open the chosen pod |
| D | Delete the chosen pod (asks first) |
| / | Filter the list |
| Up / Down | Move through the pods |

## New pod

| Key | What it does |
|---|---|
| Ctrl+S | Create the pod |
| Ctrl+N | Add a person |
| Escape | Cancel |

The mouse works too: click a pod, a button or a field.
"""


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 90%; max-width: 100; height: 90%;
        border: thick $primary; background: $surface;
    }
    HelpScreen Markdown { height: 1fr; overflow-y: auto; }
    """
    BINDINGS = [
        Binding("escape", "close", "Close", id="help.close"),
        Binding("f1", "close", "Close", id="help.close-f1", show=False),
        Binding("q", "close", "Close", id="help.close-q", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Markdown(HELP, id="help-text")

    def on_mount(self) -> None:
        self.query_one(Markdown).focus()

    def action_close(self) -> None:
        self.dismiss(None)
