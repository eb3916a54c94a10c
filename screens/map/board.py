"""The map's board: its three columns of sections, the cursor, and redrawing them.

Every part of the map is a light ``MapCard`` inside its section, inside its
column. The board holds the keyboard on one tiny ``MapKeys`` widget; the card
under the cursor has the class -cursor, so moving the cursor changes two cards'
classes and nothing else (it costs the same in a pod of 300 items as in an
empty one). A section is redrawn by updating its cards in place.

Narrower than ``NARROW_BELOW`` cells, one column shows at a time with a bar of
the three column names (left/right switch). In presentation mode the map has the
whole screen: from ``PRESENT_SIDE_BY_SIDE`` cells (a 120-column screen) the three
columns stand side by side, narrower than that one column shows at a time under
its own large title (left/right switch); either way the cards are spaced out and
bold, and the current one is marked.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Static, Tabs

from gq_pods.model import COLUMNS
from gq_pods.session import MAP_SECTIONS, section_shown

from ..workspace import PodPanel
from .cards import ColumnTab, MapCard, MapColumn, MapKeys, SectionView
from .view import Row, card_content, column_of, manager_note, map_rows, review_words, section_title, to_review

FIRST_CARDS = 12  # cards per section mounted at once; the rest follow a frame later (see _fill)
NARROW_BELOW = 84  # cells of the map's own width: below this, one column at a time
REVIEW_ON_ONE_LINE = 100  # cells of the map's width from which the review line's words and buttons share a line
PRESENT_SIDE_BY_SIDE = 110  # presenting, the map's width from which all three columns show


class MapBoard(PodPanel):
    """The columns, sections and cards of the open pod's map, and the cursor over them."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.column = 0
        self._cursor: dict[int, tuple[str, int]] = {}  # each column's (section, index)
        self._painted: MapCard | None = None
        self._narrow = False
        self._width = 0
        self._shown_as: tuple[bool, bool] | None = None  # (one column, presenting) as last laid out
        self._seen = False
        self.keys = MapKeys(id="map-keys")
        # Built in compose and kept, so that moving the cursor never searches the DOM.
        self._views: dict[str, SectionView] = {}
        # Sections of a column hidden when the map was built (one column at a time): built
        # without their cards, which come when the column is first wanted (_first_cards).
        self._unbuilt: set[str] = set()
        self._columns: list[MapColumn] = []
        self._titles: list[Static] = []
        self._tabs: list[ColumnTab] = []
        self._bar: Horizontal | None = None
        self._review = Horizontal(id="map-review")
        self._review_words = Static(id="map-review-words")

    # ------------------------------------------------------------ what shows

    def sections(self) -> list[str]:
        return list(MAP_SECTIONS)

    def column_of(self, section: str) -> int:
        return column_of(section)

    def label(self, section: str) -> str:
        return self.pod_screen.team.label(section)

    def section_shown(self, section: str) -> bool:
        return section_shown(self.pod, section, self.pod_screen.team.show_grey_areas)

    def rows(self, section: str) -> list[Row]:
        return map_rows(self.pod, section)

    def card_content(self, section: str, row: Row) -> Content:
        return card_content(self.pod, section, row)

    def section_title(self, section: str) -> Content:
        return section_title(self.label(section), self.rows(section))

    def manager_note(self) -> Content:
        return manager_note(self.pod)

    def make_cards(self, section: str, limit: int | None = None) -> list[MapCard]:
        rows = self.rows(section)[:limit]
        return [MapCard(section, i, row.look, self.card_content(section, row)) for i, row in enumerate(rows)]

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield self.keys
        self._tabs = [ColumnTab(index, title) for index, (title, _) in enumerate(COLUMNS)]
        self._bar = Horizontal(*self._tabs, id="map-column-bar")
        yield self._bar
        # A follow-up pod: how many of last time's items are still to review, and a way to review by mouse.
        self._review_words = Static(review_words(self.pod), id="map-review-words")
        self._review = Horizontal(
            self._review_words,
            Horizontal(
                Button("Still true (t)", id="review-still_true", classes="review-button", compact=True),
                Button("Changed (c)", id="review-changed", classes="review-button", compact=True),
                Button("No longer so (n)", id="review-no_longer", classes="review-button", compact=True),
                id="map-review-buttons",
            ),
            id="map-review",
        )
        yield self._review
        self._titles = [Static(Content(title), classes="column-title") for title, _ in COLUMNS]
        self._views = {}
        self._columns = []
        # One column or three is decided now, from the width the pod will give the map (on_resize
        # puts a wrong guess right): the columns not on show are never laid out, and their
        # cards are not built until they are wanted, so a big map opens at the cost of one column.
        self._width = self.pod_screen.work_width()
        self._narrow = self._width < NARROW_BELOW
        one = self._one_column()
        with Horizontal(id="map-columns"):
            for index, (_, sections) in enumerate(COLUMNS):
                views: list[Widget] = [self._titles[index]]
                shown = not one or index == self.column
                for section in sections:
                    view = SectionView(
                        section,
                        self.section_title(section),
                        self.make_cards(section, FIRST_CARDS) if shown else [],
                        self.manager_note() if section == "next_steps" else None,
                    )
                    if not shown:
                        self._unbuilt.add(section)
                    view.display = self.section_shown(section)
                    self._views[section] = view
                    views.append(view)
                column = MapColumn(index, *views)
                self._columns.append(column)
                yield column
        self._show_columns()

    def on_mount(self) -> None:
        self.refresh_review()
        self._show_column_classes()
        self.watch(self.screen, "focused", self._focus_moved, init=False)
        self.call_after_refresh(self._fill)

    async def _fill(self) -> None:
        """Mount the cards past the first few, one section per frame, so a big map shows at once.
        The columns on show first; the others' cards are wanted only when they are shown."""
        shown = [column.index for column in self._columns if column.display]
        for section in sorted(self.sections(), key=lambda section: self.column_of(section) not in shown):
            view = self._views[section]
            if len(view.cards()) < len(self.rows(section)):
                pending = self.refresh_section(section)
                if pending is not None:
                    await pending
                self.call_after_refresh(self._fill)
                return

    def _take_focus(self) -> None:
        """Shown (F2, a stage, or the pod opening on it): the keyboard comes to the map.

        Except from the tab bar once the map has been seen: someone stepping through the
        tabs with the arrows keeps stepping."""
        focused = self.screen.focused
        first = not self._seen
        self._seen = True
        if not self.tab_on_show():
            return  # the facilitator has already left the map
        if self.app.screen is not self.screen or (focused is not None and self in focused.ancestors):
            return
        keys_in_case = getattr(self.screen, "_keys_in_case", None)
        if callable(keys_in_case) and keys_in_case():
            return  # a practice attempt's learner is in the case summary beside the map (F9)
        if focused is not None and isinstance(focused, Tabs) and not first:
            return
        self.show_column(self.column)

    def take_keyboard(self) -> None:
        self.show_column(self.column)  # the card under the cursor

    def focus_work(self, work: str) -> None:
        """A stage opened the map: show the part it is about."""
        section = {"worries": "harm", "working_well": "existing_strengths", "next_steps": "next_steps"}.get(work)
        if section is not None:
            self.move_to(section, 0)

    def on_resize(self, event: events.Resize) -> None:
        # Every resize is looked at (not only a change of "narrow"): presenting, the same
        # width can mean one column or three, and a terminal grown from 80 to 120 columns
        # must stand the columns side by side at once.
        self._width = event.size.width
        self._narrow = self._width < NARROW_BELOW
        self._review.set_class(self._width < REVIEW_ON_ONE_LINE, "-stacked")
        self._show_columns()

    def catch_up(self) -> None:
        # Another tab may have changed the pod (the statements, who is here): redraw if so.
        super().catch_up()
        self.call_after_refresh(self._take_focus)

    @property
    def narrow(self) -> bool:
        return self._narrow

    def _one_column(self) -> bool:
        """Whether one column shows at a time (narrow, or presenting on a narrow screen)."""
        # Presenting, the map has the screen's width (the rail goes): judge by that at once,
        # rather than laying out one column and then three when the rail has gone.
        if self.screen.has_class("-presenting"):
            return (self.screen.size.width or self.app.size.width) < PRESENT_SIDE_BY_SIDE
        return self._narrow

    def _show_columns(self) -> None:
        """Which columns show: all side by side, or only the current one (narrow, presenting).

        Set as inline styles, not classes on the panel: a class on the panel would
        restyle every card."""
        presenting = self.screen.has_class("-presenting")
        one = self._one_column()
        for column in self._columns:
            if not one or column.index == self.column:
                self._first_cards(column.index)
        if self._bar is not None:
            self._bar.display = self._narrow and not presenting
        if self._shown_as == (one, presenting) and all(
            column.display == (not one or column.index == self.column) for column in self._columns
        ):
            return  # nothing to change: a resize within the same layout costs nothing
        self._shown_as = (one, presenting)
        for column in self._columns:
            column.display = not one or column.index == self.column
            # One column alone needs no line between columns.
            column.styles.border_right = ("none", "transparent") if one else None
        for title in self._titles:
            title.display = presenting or not self._narrow

    def _show_column_classes(self) -> None:
        self._show_columns()
        for index, title in enumerate(self._titles):
            title.set_class(index == self.column, "-current")
        for tab in self._tabs:
            tab.set_class(tab.index == self.column, "-current")
            title = COLUMNS[tab.index][0]
            tab.update(Content(f"▸ {title}").stylize("bold") if tab.index == self.column else Content(f"  {title}"))

    def refresh_review(self) -> None:
        """Say how many of last time's items are still to review (a follow-up pod only)."""
        waiting, carried = to_review(self.pod)
        self._review_words.update(review_words(self.pod))
        self._review.display = bool(carried)
        for buttons in self._review.query("#map-review-buttons"):
            buttons.display = bool(waiting)

    def refresh_notes(self) -> None:
        note = self.view("next_steps").note_widget if self._views else None
        if note is not None:
            note.update(self.manager_note())
            self.refresh_section("next_steps")

    # ------------------------------------------------------------ cards and the cursor
    #
    # The panel itself holds the keyboard focus; the card under the cursor has the
    # class -cursor. Moving the cursor changes two cards' classes and nothing else,
    # so it costs the same in a pod of 300 items as in an empty one.

    def view(self, section: str) -> SectionView:
        return self._views[section]

    def _first_cards(self, column: int) -> None:
        """A column built hidden gets its first cards, now: they are in the map at once (the
        cursor can go to them), drawn on the next frame. _fill brings the rest."""
        for section in COLUMNS[column][1]:
            if section in self._unbuilt:
                self._unbuilt.discard(section)
                self.view(section).mount_all(self.make_cards(section, FIRST_CARDS))

    def card(self, section: str, index: int) -> MapCard | None:
        self._first_cards(self.column_of(section))
        cards = self.view(section).cards()
        if not cards:
            return None
        return cards[max(0, min(index, len(cards) - 1))]

    def cursor_card(self) -> MapCard | None:
        """The card under the cursor in the current column."""
        section, index = self._cursor.get(self.column) or (None, 0)
        card = self.card(section, index) if section else None
        if card is None or not card.parent or not card.parent.display:
            cards = self.column_cards(self.column)
            card = cards[0] if cards else None
        return card

    def focused_card(self) -> MapCard | None:
        """The card under the cursor, while the map has the keyboard."""
        return self.cursor_card() if self.keys.has_focus else None

    def column_cards(self, index: int) -> list[MapCard]:
        self._first_cards(index)
        cards: list[MapCard] = []
        for section in COLUMNS[index][1]:
            view = self.view(section)
            if view.display:
                cards += view.cards()
        return cards

    def _paint(self, card: MapCard | None) -> None:
        """Mark the card under the cursor (-cursor), and whether the map has the keys (-active)."""
        old = self._painted
        if old is not None and old is not card:
            old.remove_class("-cursor", "-active")
        if card is not None:
            card.update_classes({"-cursor": True, "-active": self.keys.has_focus})
        self._painted = card

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget is self.keys:
            self.show_column(self.column, focus=False)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget is self.keys and self._painted is not None:
            self._painted.set_class(False, "-active")

    def move_to(self, section: str, index: int, focus: bool = True) -> None:
        """Put the cursor on a card (clamped to the section), show its column, scroll it into view."""
        column = self.column_of(section)
        if column != self.column:
            self.column = column
            self._show_column_classes()
        card = self.card(section, index)
        if card is not None:
            self._cursor[column] = (section, card.index)
        if focus and not self.keys.has_focus:
            self.keys.focus()
        self._paint(card)
        if card is not None:
            self.call_after_refresh(self._scroll_to, card)

    def _scroll_to(self, card: MapCard) -> None:
        if card.is_attached and card.parent is not None and card.display:
            column = self._columns[self.column_of(card.section)]
            column.scroll_to_widget(card, animate=False, immediate=True)

    def show_column(self, index: int, focus: bool = True) -> None:
        if index != self.column:
            self.column = index
            self._show_column_classes()
        card = self.cursor_card()
        if card is not None:
            self.move_to(card.section, card.index, focus=focus)
        elif focus:
            self.keys.focus()

    def refresh_section(self, section: str) -> Any:
        """Show the section's rows, changing only the cards that differ.

        Returns what to await for the cards mounted or removed, or None."""
        view = self.view(section)
        self._unbuilt.discard(section)  # every card is mounted here
        view.display = self.section_shown(section)
        view.title_widget.update(self.section_title(section))
        rows = self.rows(section)
        cards = view.cards()
        for index, (card, row) in enumerate(zip(cards, rows)):
            card.show(index, row.look, self.card_content(section, row))
        self.refresh_review()
        if len(cards) > len(rows):
            return view.remove_children(cards[len(rows):])
        if len(rows) > len(cards):
            new = [
                MapCard(section, i, row.look, self.card_content(section, row))
                for i, row in enumerate(rows)
                if i >= len(cards)
            ]
            return view.mount_all(new)
        return None

    async def redraw(self, *sections: str) -> None:
        for section in sections:
            pending = self.refresh_section(section)
            if pending is not None:
                await pending

    def say(self, message: str, **kwargs: Any) -> None:
        """Notify, never reading the words as markup (labels and dates come from people)."""
        self.notify(message, markup=False, **kwargs)

    # ------------------------------------------------------------ presentation

    def presentation_changed(self, presenting: bool) -> None:
        self._show_columns()
        if self.tab_on_show():
            self.show_column(self.column, focus=presenting and self.screen.focused is None)

    def _focus_moved(self, focused: Widget | None) -> None:
        """The keyboard moved on the screen (the panel closes its editor when it leaves it)."""
