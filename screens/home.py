"""Home: the pods, newest first, with a filter; open, new, delete.

The list is read a page at a time (:data:`storage.listing.PAGE` rows, more as
the cursor or the scrollbar nears the end) and filtered by the database, in a
worker, so ten thousand pods cost no more to show than two. For an SQLite file
the first page is read without SQLAlchemy, while the rest of storage is still
loading: the list can be read, moved through and filtered at once, and a pod
chosen before the database is fully open is opened (or deleted, or a new pod
started) as soon as it is.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.widgets.data_table import CellDoesNotExist

from gq_pods.model import STATUS_LABELS, STYLE_SHORT, PodSummary

from .contracts import RepositoryOpened
from .text import cell, plain

if TYPE_CHECKING:  # pragma: no cover
    from storage.listing import Page, PodList

    from .app import GqPodsApp

#: Rows read at once (as storage.listing.PAGE, which is not imported before the first frame).
PAGE = 200
#: Read the next page when the cursor comes this close to the last row shown.
NEAR_END = 20

EMPTY_TEXT = (
    "No pods yet.\n\n"
    "Press n to start a new pod: choose Group Supervision or Content Mapping, "
    "add who is there, and gq-pods guides you from there.\n\n"
    "Practising mapping on your own? Start a pod and tick 'Practice pod'.\n"
    "Have a pod file? Import it with:  gq-pods import FILE"
)
NO_MATCH_TEXT = "No pods match the filter. Press escape to clear it."
LOADING_TEXT = "Opening your pods..."


class ListFooter(Footer):
    """The footer, rebuilt only when the keys it shows change.

    Textual's footer rebuilds (and restyles) every key whenever the screen's
    bindings might have changed: when the focus moves, when the pods arrive. As
    the list first shows that happened three or four times, the most costly part
    of drawing it. Here a rebuild is asked for only when the keys shown differ
    from those last built, and never twice before one is done.
    """

    def __init__(self) -> None:
        super().__init__()
        self._built: tuple | None = None  # the keys as last built
        self._due = False  # a rebuild is asked for and not done yet
        self._asked = False  # the screen has said its bindings are ready

    def _keys(self, screen: Screen) -> tuple:
        return tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for _, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen) -> None:
        will_rebuild = bool(screen.app.app_focus) and self.is_attached and screen is self.screen
        if self._asked and will_rebuild and (self._due or self._keys(screen) == self._built):
            return
        self._asked = True
        self._due = self._due or will_rebuild
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        if self._asked:
            self._due = False
            self._built = self._keys(self.screen)
        yield from super().compose()


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
        #: the pods shown, in order: the pages read so far for the current filter
        self.pods: list[PodSummary] = []
        #: whether more pods match than have been read
        self.more = False
        #: whether there is any pod at all (a filter can hide them all)
        self.any_pods = False
        #: True once the first page is on the screen
        self.loaded = False
        self._lister: PodList | None = None
        self._lister_lock = threading.Lock()
        self._generation = 0  # counts up with each new filter or refresh; older reads are dropped
        self._reading_more = False
        self._focus_list = True  # move the keyboard to the list when it next shows
        self._pending: list[Callable[[], None]] = []
        self._state: tuple[bool, bool] | None = None  # (any pods, any shown) as last drawn

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(Content("Pods  (Enter opens the chosen pod)"), id="home-title", classes="screen-title")
            yield Input(placeholder="Filter by team, case, title or date  ( / )", id="filter", compact=True)
            yield DataTable(id="pods", cursor_type="row", zebra_stripes=True)
            yield Static(Content(LOADING_TEXT), id="empty")
        yield ListFooter()

    def on_mount(self) -> None:
        table = self.query_one("#pods", DataTable)
        table.add_column("Date", key="date", width=10)
        wide = self.app.size.width >= 100
        table.add_column("Team", key="team", width=None if wide else 11)
        table.add_column("Case", key="case", width=None if wide else 19)
        table.add_column("Style", key="style", width=17)
        table.add_column("Status", key="status", width=11)
        table.display = False
        self.watch(table, "scroll_y", self._scrolled, init=False)
        # Straight away: the first page is read while the first frame is drawn.
        self.refresh_pods()

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.refresh_pods()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """With no pods, the keys for a chosen pod are not offered."""
        if action in ("open_pod", "delete_pod") and not self.pods:
            return False
        if action in ("focus_filter", "clear_filter") and not self.any_pods:
            return False
        return True

    def on_repository_opened(self, message: RepositoryOpened) -> None:
        if self._lister is None:  # no quick reader: the list waited for the database
            self.refresh_pods()
        pending, self._pending = self._pending, []
        for action in pending:
            action()

    def _when_open(self, action: Callable[[], None]) -> None:
        """Do ``action`` now if the database is open, else as soon as it is."""
        if self.app.repository is not None:
            action()
        else:
            self._pending.append(action)

    # ------------------------------------------------------------ reading

    def refresh_pods(self, select_id: int | None = None) -> None:
        """Read the list again from the top (as many rows as are shown now), keeping the chosen pod."""
        self._generation += 1
        self._reading_more = False
        current = select_id if select_id is not None else self.selected_id()
        count = max(PAGE, len(self.pods))
        self._read(self._generation, self.query_one("#filter", Input).value, 0, count, current)

    def _read_more(self) -> None:
        if self.more and not self._reading_more:
            self._reading_more = True
            self._read(self._generation, self.query_one("#filter", Input).value, len(self.pods), PAGE, None)

    @work(thread=True, group="pods-list", exit_on_error=False)
    def _read(self, generation: int, search: str, offset: int, count: int, select_id: int | None) -> None:
        from storage.errors import StorageError

        page = None
        try:
            for attempt in (1, 2):
                try:
                    lister = self._list_reader()
                    if lister is None:
                        return  # the database is still opening: RepositoryOpened reads the list
                    page = lister.page(search, offset, count)
                    any_pods = bool(page.pods) or offset > 0 or (bool(search.split()) and bool(lister.page("", 0, 1).pods))
                    break
                except StorageError as error:
                    # The quick reader could not go on (the database changed underneath it):
                    # read through the repository instead, which says what is wrong if anything is.
                    page, (quick, self._lister) = None, (self._lister, None)
                    if attempt == 2 or quick is None or self.app.repository is None:
                        if self.app.repository is not None:
                            self.app.call_from_thread(self._failed, error)
                        return
        finally:
            if page is None:  # no list without the database: open it now
                self.app.call_from_thread(self.app.open_repository)
        self.app.call_from_thread(self._got, generation, page, any_pods, offset, select_id)

    def _list_reader(self) -> PodList | None:
        """The quick reader if there can be one, else the open repository's; None until either is ready."""
        from storage import listing

        with self._lister_lock:
            if self._lister is None:
                repository = self.app.repository
                if repository is not None:
                    self._lister = listing.for_repository(repository)
                else:
                    self._lister = listing.open_list(self.app.db_url)
            return self._lister

    def _failed(self, error: Exception) -> None:
        self._reading_more = False
        self.notify(str(error), title=getattr(error, "title", ""), severity="error", timeout=15)

    def _got(self, generation: int, page: Page, any_pods: bool, offset: int, select_id: int | None) -> None:
        if generation != self._generation or offset != (len(self.pods) if offset else 0):
            return  # the filter changed (or the list was read again) meanwhile
        self._reading_more = False
        self.more = page.more
        self.any_pods = any_pods
        if offset:
            self.pods.extend(page.pods)
            self._add_rows(page.pods)
        else:
            self.pods = list(page.pods)
            self._show(select_id)
        if not self.loaded:
            self.loaded = True
            self.post_message(self.Listed())
            # The list is usable: now the rest of storage may load (see GqPodsApp.on_mount).
            self.call_after_refresh(self.app.open_repository)

    class Listed(Message):
        """The first page of pods is on the screen (and can be acted on)."""

    def _add_rows(self, pods: list[PodSummary]) -> None:
        table = self.query_one("#pods", DataTable)
        for pod in pods:
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

    def _show(self, select_id: int | None = None) -> None:
        table = self.query_one("#pods", DataTable)
        empty = self.query_one("#empty", Static)
        shown = self.pods
        table.clear()
        self._add_rows(shown)
        # What is around the list changes only when there come to be pods, or none: each
        # change costs a redraw (new keys rebuild the footer), so none is made for nothing.
        state = (self.any_pods, bool(shown))
        if state != self._state:
            self._state = state
            if not self.any_pods:
                empty.update(Content(EMPTY_TEXT))
            elif not shown:
                empty.update(Content(NO_MATCH_TEXT))
            table.display = bool(shown)
            empty.display = not shown
            self.refresh_bindings()
            title = "Pods  (Enter opens the chosen pod)" if self.any_pods else "Pods"
            self.query_one("#home-title", Static).update(Content(title))
            # With no pods at all there is nothing to filter: keep the keys free for "n".
            box = self.query_one("#filter", Input)
            box.display = self.any_pods
            if not self.any_pods and box.has_focus:
                self.set_focus(None)
        if shown:
            ids = [p.id for p in shown]
            row = ids.index(select_id) if select_id in ids else 0
            table.move_cursor(row=row)
            if self.focused is None or self._focus_list:
                self._focus_list = False
                table.focus()

    def _scrolled(self, scroll_y: float) -> None:
        table = self.query_one("#pods", DataTable)
        if scroll_y >= table.max_scroll_y - NEAR_END:
            self._read_more()

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
        self._generation += 1
        self._reading_more = False
        self._read(self._generation, self.query_one("#filter", Input).value, 0, PAGE, None)

    @on(DataTable.RowHighlighted, "#pods")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= event.data_table.row_count - NEAR_END:
            self._read_more()

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
        """Empty the filter and take the keyboard out of it, to the list (once it shows again)."""
        box = self.query_one("#filter", Input)
        if box.value:
            box.value = ""
        table = self.query_one("#pods", DataTable)
        if table.display:
            table.focus()
        else:
            self._focus_list = True
            self.set_focus(None)

    def action_practice(self) -> None:
        from .practice import PracticeScreen

        self.app.push_screen(PracticeScreen())

    def action_new_pod(self) -> None:
        self._when_open(self.app.action_new_pod)

    def action_open_pod(self) -> None:
        pod = self.selected()
        if pod is not None:
            self._when_open(lambda: self.app.open_pod(pod.id))

    def action_delete_pod(self) -> None:
        from .confirm import ConfirmScreen

        pod = self.selected()
        if pod is None:
            return
        name = pod.case_reference or pod.title or "untitled"
        team = f" ({pod.team})" if pod.team else ""
        question = (
            Content("Delete the pod ")
            + plain(name).stylize("bold")
            + plain(team)
            + Content(f" from {pod.date.isoformat()}?\n\nIts whole record goes. This cannot be undone.")
        )

        def delete() -> None:
            from storage.errors import PodNotFound

            if self.app.repository is None:
                return
            try:
                self.app.repository.delete_pod(pod.id)
            except PodNotFound:
                pass  # deleted elsewhere meanwhile: gone either way
            self.refresh_pods()
            self.notify("Pod deleted.")

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self._when_open(delete)

        self.app.push_screen(ConfirmScreen(question, confirm_label="Delete pod"), done)
