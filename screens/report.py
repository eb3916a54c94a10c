"""The team report: the team's pods at a glance, as counts only.

``r`` on the pods list opens it. It holds no case text (no titles, names, steps or
map items), so it is safe to share with a practice lead, and the screen says so at
the top. A "since" date narrows it (read the way people in the UK type dates, and
shown as read); ``ctrl+s`` saves it to a private file, never over an existing one
without asking. The report is worked out by the repository, in a worker.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Markdown, Static

from gq_pods import crashlog, paths
from gq_pods.days import describe_day, read_day_or_problem

from .save_file import WritesAFile
from .text import read_as

if TYPE_CHECKING:  # pragma: no cover
    from .app import GqPodsApp

TITLE = "The team report  (Escape goes back to the pods)"
SAFE_TO_SHARE = (
    "Counts only: no names, no case details, no words from any pod. "
    "Safe to share with a practice lead. Practice pods are left out."
)
READING = "Working out the report..."


def report_file_name(since: dt.date | None, today: dt.date) -> str:
    """Named for the dates it covers, never for anyone: ``team-report-2026-12-01.md``."""
    if since is None:
        return f"team-report-{today.isoformat()}.md"
    return f"team-report-{since.isoformat()}-to-{today.isoformat()}.md"


class ReportScreen(WritesAFile, Screen):
    """The team report, a date to start from, and saving it."""

    app: GqPodsApp
    WHAT, NOT_DONE, DONE, FAILED = "report", "Not saved: ", "Saved to ", "The report was not saved."
    DEFAULT_CSS = """
    ReportScreen #report { height: 1fr; padding: 1 1 0 1; }
    ReportScreen #report-title { margin-bottom: 0; }
    ReportScreen #report-safe { height: auto; padding: 0 1; margin-bottom: 1; text-style: bold; color: $success; }
    ReportScreen #report-since-row { height: 1; }
    ReportScreen #report-since-row Label { padding: 0 1; }
    ReportScreen #report-since { width: 24; }
    ReportScreen #report-since-read { width: 1fr; padding: 0 1; }
    ReportScreen #report-scroll { height: 1fr; min-height: 5; border: round $panel; }
    ReportScreen #report-scroll:focus { border: round $accent; }
    ReportScreen #report-text { height: auto; padding: 0 1; }
    ReportScreen MarkdownH1 { margin: 0 0 1 0; }
    ReportScreen MarkdownH2 { margin: 1 0 1 0; }
    ReportScreen #report-path-row { height: 1; }
    ReportScreen #report-path-row Label { padding: 0 1; }
    ReportScreen #report-path { width: 1fr; }
    ReportScreen #report-save { margin-left: 1; }
    ReportScreen #report-result { height: auto; padding: 0 1; text-style: bold; }
    """
    AUTO_FOCUS = "#report-scroll"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save to a file", id="report.save", priority=True),
        Binding("slash", "focus_since", "Since date", id="report.since"),
        Binding("escape", "back", "Back", id="report.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        #: the report as shown, markdown
        self.text = ""
        #: the "since" date the report shown answers
        self.since: dt.date | None = None
        self._generation = 0
        self._path_default = ""  # the path last offered (not typed)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="report"):
            yield Static(Content(TITLE), id="report-title", classes="screen-title")
            yield Static(Content(SAFE_TO_SHARE), id="report-safe")
            with Horizontal(id="report-since-row"):
                yield Label("Since")
                yield Input(placeholder="the first pod", id="report-since", compact=True, max_length=40)
                yield Static("", id="report-since-read")
            # The report is short (a few tables, no case text): drawn as markdown, it reads as a page.
            with VerticalScroll(id="report-scroll", can_focus=True):
                yield Markdown(READING, id="report-text")
            with Horizontal(id="report-path-row"):
                yield Label("Save to")
                self._path_default = str(self.default_path())
                yield Input(self._path_default, id="report-path", compact=True)
                yield Button("Save (ctrl+s)", id="report-save", variant="primary", compact=True)
            yield Static("", id="report-result")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#report-result").display = False  # until there is something to say
        self.read_report()

    def today(self) -> dt.date:
        return self.app.wall_clock().date()

    def default_path(self, since: dt.date | None = None) -> Path:
        return paths.exports_dir() / report_file_name(since, self.today())

    # ------------------------------------------------------------ reading

    def read_report(self) -> None:
        typed = self.query_one("#report-since", Input).value
        read = self.query_one("#report-since-read", Static)
        since: dt.date | None = None
        if typed.strip():
            since, problem = read_day_or_problem(typed, self.today())
            if problem:  # the report shown stays as it was until the date can be read
                shown = f"since {describe_day(self.since)}" if self.since else "for every pod"
                read.update(Content(problem).stylize("bold") + Content(f" The report shown is still {shown}."))
                return
            assert since is not None
            read.update(read_as(since))
        else:
            read.update(Content("Every team pod so far"))
        self._follow_path(since)
        self._generation += 1
        if self.app.repository is not None:
            self._read(self._generation, since, self.today())

    def _follow_path(self, since: dt.date | None) -> None:
        """A path the person did not type follows the date (so two reports do not share a name)."""
        box = self.query_one("#report-path", Input)
        if box.value == self._path_default:
            box.value = self._path_default = str(self.default_path(since))

    @work(thread=True, exclusive=True, group="report-read", exit_on_error=False)
    def _read(self, generation: int, since: dt.date | None, today: dt.date) -> None:
        from gq_pods.report import to_markdown
        from gq_pods.teamconfig import load_team_config

        repository = self.app.repository
        if repository is None:
            return
        try:
            stages = load_team_config().stages  # the team's own plan, for the planned minutes
            text = to_markdown(repository.team_report(since, today=today, stage_overrides=stages))
        except Exception as error:  # noqa: BLE001 - a busy or damaged database: a plain message
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._got, generation, since, text)

    def _failed(self, error: Exception) -> None:
        from storage.errors import StorageError

        if isinstance(error, StorageError):  # its own plain words say what to do
            title, message = error.title, str(error)
        else:
            title, message = "The report could not be worked out", f"Nothing was changed. {crashlog.details(error)}"
        self.query_one("#report-text", Markdown).update("The report could not be worked out.")
        self.notify(message, title=title, severity="error", timeout=15)

    def _got(self, generation: int, since: dt.date | None, text: str) -> None:
        if generation != self._generation:
            return
        self.text = text
        self.since = since
        self.query_one("#report-text", Markdown).update(text)

    @on(Input.Changed, "#report-since")
    def _since_changed(self) -> None:
        self.read_report()

    @on(Input.Submitted, "#report-since")
    def _since_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#report-scroll").focus()

    @on(Input.Submitted, "#report-path")
    @on(Button.Pressed, "#report-save")
    def _save_pressed(self, event: Message) -> None:
        event.stop()
        self.action_save()

    # ------------------------------------------------------------ actions

    def action_focus_since(self) -> None:
        self.query_one("#report-since", Input).focus()

    def action_back(self) -> None:
        """Escape leaves a box for the report; from the report, back to the pods."""
        if isinstance(self.focused, Input):
            self.query_one("#report-scroll").focus()
            return
        self.dismiss()

    def action_save(self) -> None:
        if not self.text:
            self.say(Content("The report is still being worked out: save it once it shows."))
            return
        raw = self.query_one("#report-path", Input).value.strip()
        if not raw:
            self.say(Content("Say where to save the report."))
            return
        self.write(Path(raw).expanduser(), self.text, report_file_name(self.since, self.today()))

    def say(self, what: Content) -> None:
        result = self.query_one("#report-result", Static)
        result.update(what)
        result.display = True
