"""F1: what gq-pods is for, and its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from .dialog import Dialog

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
| P | Practise alone: the practice cases |
| F / O | Follow up the chosen pod's case (asks first) / its case over time |
| S | Next steps due, across the team's pods |
| R | The team report (counts only, safe to share) |
| / | Filter the list |
| Up / Down | Move through the pods |

## Next steps due

The steps from the team's pods not yet done, soonest due first, undated last.

| Key | What it does |
|---|---|
| Enter | Open the chosen step's pod |
| D | Mark it done (asks for your initials) |
| N | Mark it not done (asks why, and your initials); it stays on the list |
| X | Mark it no longer needed (asks for your initials) |
| Ctrl+Z | Put back the last step marked here |
| / | Filter by owner or by a date it is due before (Tab between them) |
| Escape | Leave the filter, or back to the pods |

## The team report

| Key | What it does |
|---|---|
| / | Change the date it starts from (empty: every pod) |
| Ctrl+S | Save it to a file (asks before replacing one) |
| Escape | Back to the pods |

## New pod

| Key | What it does |
|---|---|
| Ctrl+S | Create the pod |
| Ctrl+N | Add a person |
| Escape | Cancel |

## In an open pod

| Key | What it does |
|---|---|
| F8 / F7 | Next stage / back a stage |
| F3 | Go to any stage |
| F6 | Start or pause the stage timer |
| F2 | The whole map, and back |
| F5 | Presentation mode for the shared screen |
| Ctrl+F | Finish the pod (lists what is missing first) |
| Ctrl+E | Export the record |
| Ctrl+S | Save now (it saves within a second anyway) |
| Ctrl+Z | Undo a delete, move or reorder |
| Ctrl+T / Ctrl+L / Ctrl+O | Follow up this case / last time's next steps / the case over time |
| Escape | Back to the pods |

## Practising alone

| Key | What it does |
|---|---|
| P | (on the pods list) the practice cases: age, style, worries, how often you tried each |
| Enter | Read the chosen case (Enter again: back to the list) |
| S | Start practising the chosen case |
| C | Continue your last attempt at the chosen case |
| G | Your progress: a chart and a table per case |

In an attempt the case summary stands beside the map (under 110 columns it
shows in place of the work):

| Key | What it does |
|---|---|
| F9 | The keyboard to the case summary, and back to the work |
| Up / Down | Move through the case's sentences |
| 1 to 5 | Place the sentence in Harm, Complicating factors, Grey areas, Existing strengths or Existing safety |
| Enter or click | Choose the section to place the sentence in |
| Ctrl+Z | Take the last placed sentence off again |
| Ctrl+F | Done: what the checker still finds, then compare with the model |

The model answer is shown only when you compare. On the comparison, Space ticks
or unticks a key point, Ctrl+S saves your rating and notes, Escape goes back.

## In the tabs

| Tab | Keys |
|---|---|
| Map | arrows move, a add, Enter edit, d delete, Shift+Up/Down reorder, m move to another section; from last time: t still true, c changed, n no longer so |
| People | a add, Enter or e change, d remove |
| Statements | a add, Enter open, g open the goal, d delete; in the editor Ctrl+R use the preview's wording, Ctrl+G statement or goal, F4 drafts, Ctrl+N add a draft |
| Scaling | Enter score, n next person, a add someone, r reveal, m presenter first or hidden, s next scale, q the question |
| Planning | b add a bottom line, c add a contingency, Enter change, d remove |

## Last time's next steps (in a follow-up pod)

| Key | What it does |
|---|---|
| Tab | Next box: was it done (done, not done, no longer needed, or answer later), who says so (initials), and why when not done |
| Ctrl+S | Save the answers |
| Escape | Later: leave them all (Ctrl+L in the pod asks again) |

## The case over time

| Key | What it does |
|---|---|
| Up / Down, Page Up / Page Down | Scroll the charts |
| Escape | Back |

The mouse works too: click a pod, a stage, a tab, a button or a field.
"""


class HelpScreen(Dialog[None]):
    """The help, in a box that scrolls from the keyboard (up, down, page up and down, home,
    end) as well as with the mouse: at 80x24 most of it is below the fold."""

    DEFAULT_CSS = """
    HelpScreen > #dialog { width: 90%; max-width: 100; height: 90%; max-height: 90%; padding: 0; }
    HelpScreen #help-scroll { height: 1fr; }
    HelpScreen Markdown { height: auto; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Close", id="help.close"),
        Binding("f1", "cancel", "Close", id="help.close-f1", show=False),
        Binding("q", "cancel", "Close", id="help.close-q", show=False),
    ]

    def body(self) -> ComposeResult:
        self.help_text = Markdown(HELP, id="help-text")
        # The scroll has the keyboard (the text itself cannot take it), with its own keys.
        self.scroll = VerticalScroll(id="help-scroll")
        with self.scroll:
            yield self.help_text

    def on_mount(self) -> None:
        self.scroll.focus()
