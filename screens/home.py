"""Home: the pods, newest first, with a filter; open, new, delete.

The list is read a page at a time (:data:`storage.listing.PAGE` rows, more as
the cursor or the scrollbar nears the end) and filtered by the database, in a
worker, so ten thousand pods cost no more to show than two. For an SQLite file
the first page is read without SQLAlchemy, while the rest of storage is still
loading: the list can be read, moved through and filtered at once, and a pod
chosen before the database is fully open is opened (or deleted, or a new pod
started) as soon as it is. A key typed into the filter is drawn together with the
pods it matches, in one frame (see HomeScreen._hold_drawing).
"""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Callable

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events, on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import Reactive, reactive
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, Header, Input, Static

from gq_pods.model import STATUS_LABELS, STYLE_SHORT, PodSummary
from gq_pods.text import visible

from .contracts import OffersCommands, RepositoryOpened
from .text import plain

if TYPE_CHECKING:  # pragma: no cover
    from textual.timer import Timer

    from storage.listing import Page, PodList

    from .app import GqPodsApp

#: Rows read at once (as storage.listing.PAGE, which is not imported before the first frame).
PAGE = 200
#: Read the next page when the cursor comes this close to the last row shown.
NEAR_END = 20
#: A column that narrows to fit keeps at least this many cells.
NARROWEST = 8
#: The longest a key typed into the filter waits to be drawn with the pods it matches (seconds):
#: a slow database never leaves the box behind the typing by more than this.
HOLD_FOR_PAGE = 0.05

EMPTY_TEXT = (
    "No pods yet.\n\n"
    "Press n to start a new pod: choose Group Supervision or Content Mapping, "
    "add who is there, and gq-pods guides you from there.\n\n"
    "Practising mapping on your own? Press p for the practice cases.\n"
    "Have a pod file? Import it with:  gq-pods import FILE"
)
NO_MATCH_TEXT = "No pods match the filter. Press escape to clear it."
LOADING_TEXT = "Opening your pods..."
LIST_TITLE = "Pods  (Enter opens the chosen pod · f follow up · o case over time)"


class PodTable(ScrollView, can_focus=True):
    """The pods as rows of plain cells under a header, with a cursor row; drawn a line at a time.

    Textual's DataTable measures and renders every cell as a rich renderable;
    redrawn for each key typed into the filter, that took several frames. The
    list only ever shows short one-line text in five columns, so each line is
    built directly from the text: a new page costs no more than the lines seen.
    """

    COMPONENT_CLASSES = {"pod-table--header", "pod-table--cursor", "pod-table--even-row"}
    DEFAULT_CSS = """
    PodTable {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        &:focus {
            background-tint: $foreground 5%;
            & > .pod-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .pod-table--header {
                background-tint: $foreground 5%;
            }
        }
        & > .pod-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        & > .pod-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .pod-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """
    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False, id="home.list.up"),
        Binding("down", "cursor(1)", "Down", show=False, id="home.list.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="home.list.page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="home.list.page-down"),
        Binding("home", "cursor_to(0)", "First", show=False, id="home.list.first"),
        Binding("end", "cursor_to(-1)", "Last", show=False, id="home.list.last"),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True)

    class Chosen(Message):
        """A row was clicked."""

    class NearEnd(Message):
        """The cursor or the scrollbar came near the last row."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._columns: list[tuple[str, int | None]] = []
        self._narrows: list[tuple[int, int]] = []  # (order, column) of columns that give up width to fit
        self._keys: list[str] = []
        self._cells: list[tuple[str, ...]] = []
        self._index: dict[str, int] = {}
        self._widths: list[int] = []
        self._lines: dict[tuple[int, Style, int], Strip] = {}  # drawn rows, by row, style and width
        self._styles: tuple[Style, Style, Style, Style] | None = None  # as worked out for this drawing

    # ------------------------------------------------------------ data

    def add_column(self, label: str, width: int | None = None, *, narrows: int = 0) -> None:
        """A column ``width`` cells wide, or as wide as its widest text (None).

        When the columns would not fit (a scrollbar, a narrow terminal), those
        with ``narrows`` give up width, down to :data:`NARROWEST`: 1 first, then 2...
        """
        self._columns.append((label, width))
        if narrows:
            self._narrows.append((narrows, len(self._columns) - 1))
            self._narrows.sort()
        self._changed()

    @property
    def row_count(self) -> int:
        return len(self._keys)

    def clear(self) -> None:
        self.add_rows([], replace=True)

    def add_rows(self, rows: list[tuple[str, tuple[str, ...]]], *, replace: bool = False) -> None:
        """Add rows at the end (or instead of those shown): (key, cells), each cell one line of user text."""
        if replace:
            self._keys, self._cells, self._index = [], [], {}
        for key, cells in rows:
            self._index[key] = len(self._keys)
            self._keys.append(key)
            self._cells.append(tuple(visible(c).replace("\n", " ") for c in cells))
        self._changed()

    def get_row(self, key: str) -> list[str]:
        return list(self._cells[self._index[key]])

    def get_row_at(self, row: int) -> list[str]:
        return list(self._cells[row])

    @property
    def cursor_key(self) -> str | None:
        return self._keys[self.cursor_row] if 0 <= self.cursor_row < len(self._keys) else None

    def move_cursor(self, row: int) -> None:
        self.cursor_row = row

    def _changed(self) -> None:
        self._lines.clear()
        self._widths = []
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._keys) + 1)
        self.cursor_row = max(0, min(self.cursor_row, len(self._keys) - 1))
        self.refresh()

    # ------------------------------------------------------------ moving

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self._keys) - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:
        rows_seen = max(1, self.size.height - 1)
        if new < self.scroll_y:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= self.scroll_y + rows_seen:
            self.scroll_to(y=new - rows_seen + 1, animate=False, immediate=True)
        self.refresh()
        if new != old and new >= len(self._keys) - NEAR_END:
            self.post_message(self.NearEnd())

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if new > old and new >= self.max_scroll_y - NEAR_END and self._keys:
            self.post_message(self.NearEnd())

    def action_cursor(self, step: int) -> None:
        self.cursor_row += step

    def action_page(self, step: int) -> None:
        self.cursor_row += step * max(1, self.size.height - 2)

    def action_cursor_to(self, row: int) -> None:
        self.cursor_row = row if row >= 0 else len(self._keys) - 1

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1 and self._keys:
            row = int(self.scroll_y) + event.y - 1
            if row < len(self._keys):
                self.cursor_row = row
                self.post_message(self.Chosen())

    def on_resize(self) -> None:
        self._changed()

    # ------------------------------------------------------------ drawing

    def _column_widths(self) -> list[int]:
        if not self._widths:
            widths = []
            for n, (label, width) in enumerate(self._columns):
                if width is None:
                    width = max([cell_len(label), *(cell_len(cells[n]) for cells in self._cells)])
                widths.append(width)
            over = sum(widths) + 2 * len(widths) - self.scrollable_content_region.width
            for _, n in self._narrows:
                give = max(0, min(over, widths[n] - NARROWEST))
                widths[n] -= give
                over -= give
            self._widths = widths
        return self._widths

    def render_lines(self, crop: Region) -> list[Strip]:
        self._styles = None  # worked out again, once for all the lines drawn now
        return super().render_lines(crop)

    def _line_styles(self) -> tuple[Style, Style, Style, Style]:
        """The table's style, then its header's, even rows' and cursor's. Each walks up through
        every container to the screen: once a line, that was a good part of a filter key's drawing."""
        if self._styles is None:
            components = ("pod-table--header", "pod-table--even-row", "pod-table--cursor")
            self._styles = (self.rich_style, *(self.get_component_rich_style(name) for name in components))
        return self._styles

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base, header, even_row, cursor = self._line_styles()
        if y == 0:
            cells = tuple(label for label, _ in self._columns)
            return self._strip(cells, base + header, width)
        row = int(self.scroll_y) + y - 1
        if row >= len(self._keys):
            return Strip.blank(width, base)
        style = base
        if row % 2:
            style += even_row
        if row == self.cursor_row:
            style += cursor
        # the style is part of the key: focus, the cursor and the theme all change it
        strip = self._lines.get((row, style, width))
        if strip is None:
            strip = self._lines[(row, style, width)] = self._strip(self._cells[row], style, width)
        return strip

    def _strip(self, cells: tuple[str, ...], style: Style, width: int) -> Strip:
        parts = []
        for text, size in zip(cells, self._column_widths()):
            if cell_len(text) > size:
                text = set_cell_size(text, max(0, size - 1)) + "…"
            parts.append(" " + set_cell_size(text, size) + " ")
        line = set_cell_size("".join(parts), width)
        return Strip([Segment(line, style)], width)


class FilterBox(Input):
    """The pods filter: an Input whose text, as it grows, redraws the box and nothing else.

    Textual's Input widens its scrolling area with every key, and that area asks for the
    whole screen to be laid out again: a few milliseconds a key, with the list redrawn
    under it. The box is one line of fixed size with no scrollbar, so the wider area
    needs only the box redrawn (its own scrolling keeps the cursor in sight).
    """

    virtual_size = Reactive(Size(0, 0), layout=False)


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


class HomeScreen(OffersCommands, Screen):
    """The list of pods."""

    app: GqPodsApp
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("n", "new_pod", "New pod", id="home.new"),
        # not in the footer: the title says Enter opens the chosen pod, and at 80 columns F1 would be cut
        Binding("enter", "open_pod", "Open", id="home.open", show=False),
        Binding("d,delete", "delete_pod", "Delete", id="home.delete"),
        Binding("p", "practice", "Practise", id="home.practice"),
        # not in the footer either (at 80 columns it would cut the keys after it): the title says it
        Binding("f", "follow_up", "Follow up", id="home.follow-up", show=False),
        Binding("o", "case_over_time", "Case over time", id="home.case-over-time", show=False),
        # not in the footer: at 80 columns they would push out quit and help; F1 and ctrl+p list them
        Binding("s", "steps", "Next steps due", id="home.steps", show=False),
        Binding("r", "report", "Team report", id="home.report", show=False),
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
        #: the filter the pods shown answer (the box may be ahead of it while the database looks)
        self.shown_search = ""
        self._lister: PodList | None = None
        self._lister_lock = threading.Lock()
        self._generation = 0  # counts up with each new filter or refresh; older reads are dropped
        self._reading_more = False
        self._focus_list = True  # move the keyboard to the list when it next shows
        self._pending: list[Callable[[], None]] = []
        self._state: tuple[bool, bool] | None = None  # (any pods, any shown) as last drawn
        self._held: AbstractContextManager[None] | None = None  # the app's drawing, held for a page
        self._hold_limit: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(Content("Pods  (Enter opens the chosen pod)"), id="home-title", classes="screen-title")
            yield FilterBox(placeholder="Filter by team, case, title or date  ( / )", id="filter", compact=True)
            yield PodTable(id="pods")
            yield Static(Content(LOADING_TEXT), id="empty")
        yield ListFooter()

    def on_mount(self) -> None:
        table = self.query_one("#pods", PodTable)
        table.add_column("Date", width=10)
        wide = self.app.size.width >= 100
        table.add_column("Team", width=None if wide else 11, narrows=2)
        table.add_column("Case", width=None if wide else 19, narrows=1)
        table.add_column("Style", width=17)
        table.add_column("Status", width=11)
        table.display = False
        # As the key changes the box, before the box is drawn (see _hold_drawing)
        self.watch(self.query_one("#filter", Input), "value", self._hold_drawing, init=False)
        # Straight away: the first page is read while the first frame is drawn.
        self.refresh_pods()

    def on_screen_suspend(self) -> None:
        self._draw_held()

    def on_unmount(self) -> None:
        self._draw_held()
        with self._lister_lock:
            if self._lister is not None:
                self._lister.close()  # the quick reader's own connection to the file
                self._lister = None

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.refresh_pods()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """With no pods, the keys for a chosen pod are not offered."""
        if action in ("open_pod", "delete_pod", "follow_up", "case_over_time") and not self.pods:
            return False
        if action in ("focus_filter", "clear_filter", "steps", "report") and not self.any_pods:
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
        self.app.call_from_thread(self._got, generation, page, any_pods, offset, select_id, search)

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

    def _hold_drawing(self) -> None:
        """Hold the app's drawing while the pods a changed filter matches are read.

        Drawn at once, the new letter would show over the old list, and its pods a frame or two
        later: Textual draws at most once in each 1/60 s slot, and the letter would have used
        one. Held, the letter and its pods are drawn together, in the slot after the page comes
        (see _got), or after HOLD_FOR_PAGE if the database is slow to answer.
        """
        if self._held is None and self.is_current:
            self._held = self.app.batch_update()
            self._held.__enter__()
            self._hold_limit = self.set_timer(HOLD_FOR_PAGE, self._draw_held, name="filter-hold")

    def _draw_held(self) -> None:
        """Let the app draw again, now (a held filter key's page came, or the wait is over)."""
        held, self._held = self._held, None
        if self._hold_limit is not None:
            self._hold_limit.stop()
            self._hold_limit = None
        if held is not None:
            held.__exit__(None, None, None)
            self.check_idle()  # the screen looks again for what needs drawing

    def _failed(self, error: Exception) -> None:
        self._draw_held()
        self._reading_more = False
        self.notify(str(error), title=getattr(error, "title", ""), severity="error", timeout=15)

    def _got(
        self, generation: int, page: Page, any_pods: bool, offset: int, select_id: int | None, search: str
    ) -> None:
        if generation != self._generation or offset != (len(self.pods) if offset else 0):
            return  # the filter changed (or the list was read again) meanwhile
        self.shown_search = search
        self._reading_more = False
        self.more = page.more
        self.any_pods = any_pods
        if offset:
            self.pods.extend(page.pods)
            self._add_rows(page.pods)
        else:
            self.pods = list(page.pods)
            self._show(select_id)
        self._draw_held()
        if not self.loaded:
            self.loaded = True
            self.post_message(self.Listed())
            # The list is usable: now the rest of storage may load (see GqPodsApp.on_mount).
            self.call_after_refresh(self.app.open_repository)

    class Listed(Message):
        """The first page of pods is on the screen (and can be acted on)."""

    def _add_rows(self, pods: list[PodSummary], replace: bool = False) -> None:
        rows = []
        for pod in pods:
            case = pod.case_reference or pod.title
            if pod.practice:
                case = f"{case} (practice)" if case else "(practice)"
            cells = (
                pod.date.isoformat(),
                pod.team or "-",
                case or "-",
                STYLE_SHORT.get(pod.style, pod.style),
                STATUS_LABELS.get(pod.status, pod.status),
            )
            rows.append((str(pod.id), cells))
        self.query_one("#pods", PodTable).add_rows(rows, replace=replace)

    def _show(self, select_id: int | None = None) -> None:
        table = self.query_one("#pods", PodTable)
        empty = self.query_one("#empty", Static)
        shown = self.pods
        self._add_rows(shown, replace=True)
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
            title = LIST_TITLE if self.any_pods else "Pods"
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

    def selected_id(self) -> int | None:
        table = self.query_one("#pods", PodTable)
        key = table.cursor_key if table.display else None
        return int(key) if key is not None else None

    def selected(self) -> PodSummary | None:
        pod_id = self.selected_id()
        return next((p for p in self.pods if p.id == pod_id), None)

    # ------------------------------------------------------------ events

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._generation += 1
        self._reading_more = False
        self._read(self._generation, self.query_one("#filter", Input).value, 0, PAGE, None)

    def on_pod_table_near_end(self) -> None:
        self._read_more()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        table = self.query_one("#pods", PodTable)
        if table.display:
            table.focus()

    def on_pod_table_chosen(self, event: PodTable.Chosen) -> None:
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
        table = self.query_one("#pods", PodTable)
        if table.display:
            table.focus()
        else:
            self._focus_list = True
            self.set_focus(None)

    def action_practice(self) -> None:
        from .practice import PracticeScreen

        self.app.push_screen(PracticeScreen())

    def screen_commands(self) -> list[SystemCommand]:
        if not self.any_pods:
            return []
        return [
            SystemCommand("Next steps due", "The team's next steps not yet done, soonest due first (s)",
                          self.action_steps),
            SystemCommand("The team report", "The team's pods at a glance: counts only, safe to share (r)",
                          self.action_report),
            SystemCommand("Follow up the chosen pod's case", "Start the case's next pod from it (f)",
                          self.action_follow_up),
            SystemCommand("The chosen pod's case over time", "Each scale at each pod, and what moved (o)",
                          self.action_case_over_time),
        ]

    def action_steps(self) -> None:
        from .steps import StepsScreen

        self._when_open(lambda: self.app.push_screen(StepsScreen()))

    def action_report(self) -> None:
        from .report import ReportScreen

        self._when_open(lambda: self.app.push_screen(ReportScreen()))

    def action_new_pod(self) -> None:
        self._when_open(self.app.action_new_pod)

    def action_open_pod(self) -> None:
        pod = self.selected()
        if pod is not None:
            self._when_open(lambda: self.app.open_pod(pod.id))

    def action_follow_up(self) -> None:
        """Start a follow-up pod for the chosen pod's case (asks first), and open it."""
        from .followup import start_follow_up

        pod = self.selected()
        if pod is None:
            return

        def opened(new_id: int) -> None:
            self.refresh_pods(select_id=new_id)
            self.app.open_pod(new_id)

        name = pod.case_reference or pod.title or "this case"
        self._when_open(lambda: start_follow_up(self, pod.id, name, opened))

    def action_case_over_time(self) -> None:
        """The chosen pod's case over time: each scale at each pod, and what moved."""
        from .case_view import CaseScreen

        pod = self.selected()
        if pod is not None:
            name = pod.case_reference or pod.title
            self._when_open(lambda: self.app.push_screen(CaseScreen(pod.id, name)))

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
