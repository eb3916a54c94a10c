"""Practice: the fictional cases a practitioner can practise mapping on, alone.

``p`` on the pods list opens it. The list shows each case's age, style, worries and title;
below it, the chosen case as the learner reads it first: the focus question, the people
around the child and the case summary. The model answer is never shown here: it waits
until the learner asks for it. A team scenario file with a mistake is named, in plain
words, above the list; the rest still show.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.widgets.data_table import CellDoesNotExist

from gq_pods.scenarios import Library, Scenario, format_case, load_library

from .text import cell, plain

TITLE = "Practise alone: choose a case  (Enter reads it, Escape goes back to the pods)"
INTRO = (
    "Each case is fictional. Read its summary here, then practise in a new pod with 'Practice "
    "pod' ticked: sort the evidence into the map, then write danger statements and safety goals. "
    "The model answer is never shown on this screen."
)
NO_CASES = "There are no practice cases to show."


def problems_words(library: Library) -> str:
    """What went wrong with a team's files, in plain words, or nothing."""
    if not library.problems:
        return ""
    count = len(library.problems)
    head = "One of your team's scenario files" if count == 1 else f"{count} of your team's scenario files"
    return f"{head} could not be used:\n" + "\n".join(f"  {problem}" for problem in library.problems)


class PracticeScreen(Screen):
    """The practice cases, and the chosen one's summary."""

    DEFAULT_CSS = """
    PracticeScreen #practice { height: 1fr; padding: 1 1 0 1; }
    PracticeScreen #practice-title { margin-bottom: 0; }
    PracticeScreen #practice-intro { padding: 0 1; margin-bottom: 1; }
    PracticeScreen #practice-problems { padding: 0 1; margin-bottom: 1; height: auto; }
    PracticeScreen #scenarios { height: 2fr; min-height: 5; }
    PracticeScreen #case { height: 3fr; min-height: 6; border: round $primary; padding: 0 1; margin-top: 1; }
    PracticeScreen #case:focus { border: round $accent; }
    """
    AUTO_FOCUS = "#scenarios"
    BINDINGS = [
        Binding("enter", "read_case", "Read the case", id="practice.read"),
        Binding("escape", "back", "Back to pods", id="practice.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.library = Library()

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="practice"):
            yield Static(Content(TITLE), id="practice-title", classes="screen-title")
            yield Static(Content(INTRO), id="practice-intro")
            yield Static(id="practice-problems", classes="error")
            yield DataTable(id="scenarios", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="case", can_focus=True):
                yield Static(id="case-text")
        yield Footer()

    def on_mount(self) -> None:
        self.library = load_library()
        table = self.query_one("#scenarios", DataTable)
        table.add_column("Case", key="title", width=None if self.app.size.width >= 140 else 40)
        table.add_column("Age", key="age", width=7)
        table.add_column("Style", key="style", width=17)
        table.add_column("Worries", key="worries")
        for scenario in self.library.scenarios:
            table.add_row(
                cell(scenario.title),
                cell(scenario.age_label),
                cell(scenario.style_label),
                cell("; ".join(scenario.worry_labels)),
                key=scenario.id,
            )
        problems = self.query_one("#practice-problems", Static)
        problems.update(plain(problems_words(self.library)))
        problems.display = bool(self.library.problems)
        self._show(self.selected())

    def selected(self) -> Scenario | None:
        table = self.query_one("#scenarios", DataTable)
        if table.row_count == 0:
            return None
        try:
            row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        except CellDoesNotExist:
            return None
        return self.library.get(str(row_key.value))

    def _show(self, scenario: Scenario | None) -> None:
        text = format_case(scenario) if scenario is not None else NO_CASES
        self.query_one("#case-text", Static).update(plain(text))
        self.query_one("#case", VerticalScroll).scroll_home(animate=False)

    @on(DataTable.RowHighlighted, "#scenarios")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show(self.library.get(str(event.row_key.value)))

    @on(DataTable.RowSelected, "#scenarios")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_read_case()

    def action_read_case(self) -> None:
        """Enter on the list puts the keyboard in the case, to scroll it; Enter again goes back."""
        case = self.query_one("#case", VerticalScroll)
        if case.has_focus:
            self.query_one("#scenarios", DataTable).focus()
        elif self.selected() is not None:
            case.focus()

    def action_back(self) -> None:
        self.dismiss()
