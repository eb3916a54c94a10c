"""Practice: the fictional cases a practitioner can practise mapping on, alone.

``p`` on the pods list opens it. The list shows each case's age, style, worries, title
and how often you have tried it; below it, the chosen case as the learner reads it first:
the focus question, the people around the child and the case summary. ``s`` (or the
button) starts an attempt: a practice pod with the case summary beside the map. ``c``
continues the last attempt at the chosen case, ``g`` shows your progress. The model
answer is never shown here: it waits until the learner asks to compare, in the attempt.
A team scenario file with a mistake is named, in plain words, above the list; the rest
still show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Static
from textual.widgets.data_table import CellDoesNotExist

from gq_pods.scenarios import Library, Scenario, format_case, load_library

from .contracts import RepositoryOpened
from .practice_view import tried_words
from .text import cell, plain

if TYPE_CHECKING:  # pragma: no cover
    from gq_pods.practice import Attempt

TITLE = "Practise alone: choose a case"
INTRO = (
    "Each case is fictional. s starts practising the chosen case, its summary beside the map. "
    "When you are done, ctrl+f compares your attempt with the model answer, shown only then. "
    "Attempts are kept apart from the team's pods."
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
    PracticeScreen #practice-buttons { height: auto; margin-top: 1; }
    PracticeScreen #practice-buttons Button { margin-right: 2; }
    PracticeScreen #case { height: 3fr; min-height: 6; border: round $primary; padding: 0 1; margin-top: 1; }
    PracticeScreen #case:focus { border: round $accent; }
    """
    AUTO_FOCUS = "#scenarios"
    BINDINGS = [
        Binding("s", "start", "Start practising", id="practice.start"),
        Binding("c", "continue_attempt", "Continue last attempt", id="practice.continue"),
        Binding("g", "progress", "Progress", id="practice.progress"),
        Binding("enter", "read_case", "Read the case", id="practice.read"),
        Binding("escape", "back", "Back to pods", id="practice.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.library = Library()
        self.tried: dict[str, int] = {}
        self.attempts: list[Attempt] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="practice"):
            yield Static(Content(TITLE), id="practice-title", classes="screen-title")
            yield Static(Content(INTRO), id="practice-intro")
            yield Static(id="practice-problems", classes="error")
            yield DataTable(id="scenarios", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="practice-buttons"):
                yield Button("Start practising (s)", id="practice-start", variant="primary", compact=True)
                yield Button("Continue last attempt (c)", id="practice-continue", compact=True)
                yield Button("Your progress (g)", id="practice-progress", compact=True)
            with VerticalScroll(id="case", can_focus=True):
                yield Static(id="case-text")
        yield Footer()

    def on_mount(self) -> None:
        self.library = load_library()
        table = self.query_one("#scenarios", DataTable)
        width = self.app.size.width
        table.add_column("Case", key="title", width=None if width >= 140 else 40 if width >= 110 else 30)
        table.add_column("Age", key="age", width=7)
        table.add_column("Style", key="style", width=17)
        table.add_column("Tried", key="tried", width=8)
        table.add_column("Worries", key="worries")
        for scenario in self.library.scenarios:
            table.add_row(
                cell(scenario.title),
                cell(scenario.age_label),
                cell(scenario.style_label),
                cell(tried_words(0)),
                cell("; ".join(scenario.worry_labels)),
                key=scenario.id,
            )
        problems = self.query_one("#practice-problems", Static)
        problems.update(plain(problems_words(self.library)))
        problems.display = bool(self.library.problems)
        self._show(self.selected())
        self.load_attempts()

    # ------------------------------------------------------------ your attempts

    def on_screen_resume(self) -> None:
        self.load_attempts()  # back from an attempt or a comparison: the counts may have moved

    def on_repository_opened(self, message: RepositoryOpened) -> None:
        self.load_attempts()

    def load_attempts(self) -> None:
        if self.app.repository is None:
            self.app.open_repository()  # RepositoryOpened comes back here
            return
        self._load_attempts()

    @work(thread=True, exclusive=True, group="practice-attempts", exit_on_error=False)
    def _load_attempts(self) -> None:
        repo = self.app.repository
        try:
            tried, attempts = repo.tried_scenarios(), repo.attempts()
        except Exception as error:  # noqa: BLE001 - a busy database: the counts wait
            from gq_pods import crashlog

            crashlog.write(error)
            return
        try:
            self.app.call_from_thread(self._attempts_loaded, tried, attempts)
        except RuntimeError:
            pass

    def _attempts_loaded(self, tried: dict[str, int], attempts: list[Attempt]) -> None:
        self.tried = tried
        self.attempts = attempts
        table = self.query_one("#scenarios", DataTable)
        for scenario in self.library.scenarios:
            table.update_cell(scenario.id, "tried", cell(tried_words(tried.get(scenario.id, 0))))
        self._buttons()

    def last_attempt(self, scenario: Scenario | None) -> Attempt | None:
        if scenario is None:
            return None
        mine = [a for a in self.attempts if a.scenario_id == scenario.id]
        return max(mine, key=lambda a: (a.started_at, a.pod_id)) if mine else None

    def _buttons(self) -> None:
        scenario = self.selected()
        self.query_one("#practice-start", Button).disabled = scenario is None
        self.query_one("#practice-continue", Button).disabled = self.last_attempt(scenario) is None
        self.query_one("#practice-progress", Button).disabled = not any(a.compared for a in self.attempts)

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
        self._buttons()

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

    @on(Button.Pressed, "#practice-start")
    def _start_pressed(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#practice-continue")
    def _continue_pressed(self) -> None:
        self.action_continue_attempt()

    @on(Button.Pressed, "#practice-progress")
    def _progress_pressed(self) -> None:
        self.action_progress()

    def action_start(self) -> None:
        """A new attempt at the chosen case: a practice pod, kept apart from the team's pods."""
        from gq_pods.practice import start_pod
        from storage.errors import StorageError

        scenario = self.selected()
        repo = self.app.repository
        if scenario is None:
            return
        if repo is None:
            self.notify("Your pods are still opening. Try again in a moment.", severity="warning")
            return
        pod = start_pod(scenario, today=self.app.wall_clock().date())
        try:
            pod_id = repo.start_attempt(scenario, pod)
        except StorageError as error:
            self.notify(str(error), title=error.title, severity="error", timeout=15)
            return
        self.app.open_pod(pod_id)

    def action_continue_attempt(self) -> None:
        scenario = self.selected()
        last = self.last_attempt(scenario)
        if last is None:
            self.notify("You have not tried this case yet. Press s to start.")
            return
        self.app.open_pod(last.pod_id)

    def action_progress(self) -> None:
        from .progress import ProgressScreen

        self.app.push_screen(ProgressScreen(self.library))
