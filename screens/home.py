"""Home: the pods, newest first, with a filter; open, new, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.widgets.data_table import CellDoesNotExist

from gq_pods.model import STATUS_LABELS, STYLE_SHORT, PodSummary

from .contracts import RepositoryOpened
from .text import cell, plain

if TYPE_CHECKING:  # pragma: no cover
    from .app import GqPodsApp

EMPTY_TEXT = (
    "No pods yet.\n\n"
    "Press n to start a new pod: choose Group Supervision or Content Mapping, "
    "add who is there, and gq-pods guides you from there.\n\n"
    "Practising mapping on your own? Start a pod and tick 'Practice pod'.\n"
    "Have a pod file? Import it with:  gq-pods import FILE"
)
NO_MATCH_TEXT = "No pods match the filter. Press escape to clear it."
LOADING_TEXT = "Opening your pods..."


def matches(pod: PodSummary, needle: str) -> bool:
    needle = needle.casefold().strip()
    if not needle:
        return True
    haystack = " ".join(
        (pod.title, pod.team, pod.case_reference, pod.style_label, pod.date.isoformat(), STATUS_LABELS.get(pod.status, ""))
    ).casefold()
    return all(word in haystack for word in needle.split())


class HomeScreen(Screen):
    """The list of pods."""

    app: GqPodsApp
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("n", "new_pod", "New pod", id="home.new"),
        Binding("enter", "open_pod", "Open", id="home.open"),
        Binding("d,delete", "delete_pod", "Delete", id="home.delete"),
        Binding("p", "practice", "Practise", id="home.practice"),
        Binding("slash", "focus_filter", "Filter", id="home.filter", priority=True),
        Binding("escape", "clear_filter", "Clear filter", id="home.clear", show=False),
        Binding("q", "app.quit", "Quit", id="home.quit", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pods: list[PodSummary] = []
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(Content("Pods  (Enter opens the chosen pod)"), id="home-title", classes="screen-title")
            yield Input(placeholder="Filter by team, case, title or date  ( / )", id="filter", compact=True)
            yield DataTable(id="pods", cursor_type="row", zebra_stripes=True)
            yield Static(Content(LOADING_TEXT), id="empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#pods", DataTable)
        table.add_column("Date", key="date", width=10)
        wide = self.app.size.width >= 100
        table.add_column("Team", key="team", width=None if wide else 11)
        table.add_column("Case", key="case", width=None if wide else 19)
        table.add_column("Style", key="style", width=17)
        table.add_column("Status", key="status", width=11)
        table.display = False
        if self.app.repository is not None:
            self.repository_ready()

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.refresh_pods()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """With no pods, the keys for a chosen pod are not offered."""
        if action in ("open_pod", "delete_pod", "focus_filter", "clear_filter") and not self.pods:
            return False
        return True

    def on_repository_opened(self, message: RepositoryOpened) -> None:
        self.repository_ready()

    def repository_ready(self) -> None:
        self.loaded = True
        self.refresh_pods()

    def refresh_pods(self, select_id: int | None = None) -> None:
        repo = self.app.repository
        if repo is None:
            return
        self.pods = repo.list_pods()
        self._show(select_id)

    def _show(self, select_id: int | None = None) -> None:
        table = self.query_one("#pods", DataTable)
        empty = self.query_one("#empty", Static)
        current = select_id if select_id is not None else self.selected_id()
        needle = self.query_one("#filter", Input).value
        shown = [p for p in self.pods if matches(p, needle)]
        table.clear()
        for pod in shown:
            case = pod.case_reference or pod.title
            if pod.practice:
                case = f"{case} (practice)" if case else "(practice)"
            table.add_row(
                cell(pod.date.isoformat()),
                cell(pod.team or "-"),
                cell(case or "-"),
                cell(STYLE_SHORT.get(pod.style, pod.style)),
                cell(STATUS_LABELS.get(pod.status, pod.status)),
                key=str(pod.id),
            )
        if not self.pods:
            empty.update(Content(EMPTY_TEXT))
        elif not shown:
            empty.update(Content(NO_MATCH_TEXT))
        table.display = bool(shown)
        empty.display = not shown
        self.refresh_bindings()
        title = "Pods  (Enter opens the chosen pod)" if self.pods else "Pods"
        self.query_one("#home-title", Static).update(Content(title))
        # With no pods at all there is nothing to filter: keep the keys free for "n".
        box = self.query_one("#filter", Input)
        box.display = bool(self.pods)
        if not self.pods and box.has_focus:
            self.set_focus(None)
        if shown:
            ids = [p.id for p in shown]
            row = ids.index(current) if current in ids else 0
            table.move_cursor(row=row)
            if self.focused is None:
                table.focus()

    def selected_id(self) -> int | None:
        table = self.query_one("#pods", DataTable)
        if not table.display or table.row_count == 0:
            return None
        try:
            row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        except CellDoesNotExist:
            return None
        return int(row_key.value) if row_key.value is not None else None

    def selected(self) -> PodSummary | None:
        pod_id = self.selected_id()
        return next((p for p in self.pods if p.id == pod_id), None)

    # ------------------------------------------------------------ events

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._show()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        table = self.query_one("#pods", DataTable)
        if table.display:
            table.focus()

    @on(DataTable.RowSelected, "#pods")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_pod()

    # ------------------------------------------------------------ actions

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if box.value:
            box.value = ""
        table = self.query_one("#pods", DataTable)
        if table.display:
            table.focus()

    def action_practice(self) -> None:
        from .practice import PracticeScreen

        self.app.push_screen(PracticeScreen())

    def action_new_pod(self) -> None:
        self.app.action_new_pod()

    def action_open_pod(self) -> None:
        pod = self.selected()
        if pod is not None:
            self.app.open_pod(pod.id)

    def action_delete_pod(self) -> None:
        from .confirm import ConfirmScreen

        pod = self.selected()
        if pod is None or self.app.repository is None:
            return
        name = pod.case_reference or pod.title or "untitled"
        team = f" ({pod.team})" if pod.team else ""
        question = (
            Content("Delete the pod ")
            + plain(name).stylize("bold")
            + plain(team)
            + Content(f" from {pod.date.isoformat()}?\n\nIts whole record goes. This cannot be undone.")
        )

        def done(confirmed: bool | None) -> None:
            if confirmed and self.app.repository is not None:
                self.app.repository.delete_pod(pod.id)
                self.refresh_pods()
                self.notify("Pod deleted.")

        self.app.push_screen(ConfirmScreen(question, confirm_label="Delete pod"), done)
