"""Your progress at practice: per case and over time, as a small chart and as a table.

``g`` on the Practice screen opens it. For each case with compared attempts, two text
charts (gq_pods.chart), attempt by attempt: the share of the model's facts placed as
the model does, and the problems the checker finds per danger statement. The same
figures, with key points and the learner's own rating, are in a table for those who
would rather read. Only compared attempts count (gq_pods.practice.progress).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from gq_pods.chart import draw
from gq_pods.practice import progress

from .contracts import RepositoryOpened
from .practice_view import progress_columns, progress_rows
from .text import cell, plain

if TYPE_CHECKING:  # pragma: no cover
    from gq_pods.practice import Attempt
    from gq_pods.scenarios import Library

TITLE = "Your progress at practice"
INTRO = (
    "Each case you have compared with the model, attempt by attempt (#1 is your first). Facts: "
    "the model's facts you placed where the model does (higher is better). Problems: what the "
    "checker finds per danger statement, its goal included (fewer is better). Key points: those "
    "your answer covered. Rating: your own. Only attempts you compared count."
)
NOTHING_YET = (
    "Nothing to show yet. Practise a case (s on the Practice screen), then press ctrl+f in the "
    "attempt to compare it with the model and save the comparison."
)
LOADING = "Reading your attempts..."
CHART_ROWS = 6  # both charts as tall, so their baselines line up
FACTS_TITLE = "Facts placed as the model does (%)"
PROBLEMS_TITLE = "Problems per statement"


def facts_chart(attempts: list[Attempt]) -> list[str]:
    facts, _ = progress_columns(attempts)
    return draw(facts, low=0, high=100, rows=CHART_ROWS, axis_labels=(0, 50, 100))


def problems_chart(attempts: list[Attempt]) -> list[str]:
    _, problems = progress_columns(attempts)
    top = max([3.0, *(v for c in problems for v in c.values)])
    high = min(10, math.ceil(top))
    return draw(problems, low=0, high=high, rows=CHART_ROWS, axis_labels=(0, high))


def chart_block(title: str, lines: list[str]) -> Content:
    return Content(title).stylize("bold") + Content("\n") + Content("\n".join(lines))


class ProgressScreen(Screen):
    """Progress per case, over time: charts and a table."""

    DEFAULT_CSS = """
    ProgressScreen #progress { height: 1fr; padding: 0 1; }
    ProgressScreen #progress-title { text-style: bold; margin-top: 1; }
    ProgressScreen #progress-intro { margin: 1 0; }
    ProgressScreen #progress-table { height: auto; max-height: 14; margin-bottom: 1; }
    ProgressScreen .case-title { margin-top: 1; background: $panel; padding: 0 1; text-style: bold; }
    ProgressScreen #progress-charts { height: auto; }
    ProgressScreen .charts { height: auto; }
    ProgressScreen .chart { width: auto; height: auto; margin: 1 4 0 0; }
    """
    BINDINGS = [Binding("escape", "back", "Back to Practice", id="progress.back")]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="progress"):
            yield Static(Content(TITLE), id="progress-title")
            yield Static(Content(LOADING), id="progress-intro")
            yield DataTable(id="progress-table", cursor_type="row", zebra_stripes=True)
            yield Vertical(id="progress-charts")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#progress-table", DataTable)
        case_width = 40 if self.app.size.width >= 110 else 16  # each case is named in full by its charts
        table.add_column("Case", width=case_width)
        for label in ("#", "Compared", "Facts", "Problems", "Key points", "Rating"):
            table.add_column(label)
        table.display = False
        self.query_one("#progress", VerticalScroll).focus()
        if self.app.repository is None:
            self.app.open_repository()
        else:
            self._load()

    def on_repository_opened(self, message: RepositoryOpened) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="progress-load", exit_on_error=False)
    def _load(self) -> None:
        repo = self.app.repository
        try:
            attempts = repo.attempts()
        except Exception as error:  # noqa: BLE001 - a plain message, details in the log
            from gq_pods import crashlog

            crashlog.write(error)
            attempts = None
        try:
            self.app.call_from_thread(self._show, attempts)
        except RuntimeError:
            pass

    def title_of(self, attempts: list[Attempt]) -> str:
        scenario = self.library.get(attempts[0].scenario_id)
        return scenario.title if scenario is not None else attempts[0].scenario_title

    async def _show(self, attempts: list[Attempt] | None) -> None:
        intro = self.query_one("#progress-intro", Static)
        if attempts is None:
            intro.update(Content("Your attempts could not be read just now. Press escape and try again in a moment."))
            return
        by_case = progress(attempts)
        if not by_case:
            intro.update(Content(NOTHING_YET))
            return
        intro.update(Content(INTRO))
        table = self.query_one("#progress-table", DataTable)
        table.clear()
        charts = self.query_one("#progress-charts", Vertical)
        await charts.remove_children()
        for tried in by_case.values():
            title = self.title_of(tried)
            for row in progress_rows(tried):
                table.add_row(cell(title), *(cell(value) for value in row))
            await charts.mount(
                Static(plain(title), classes="case-title"),
                Horizontal(
                    Static(chart_block(FACTS_TITLE, facts_chart(tried)), classes="chart facts-chart"),
                    Static(chart_block(PROBLEMS_TITLE, problems_chart(tried)), classes="chart problems-chart"),
                    classes="charts",
                ),
            )
        table.display = True

    def action_back(self) -> None:
        self.dismiss()
