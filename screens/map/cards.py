"""The map's widgets that show it: cards, sections, columns and the column bar.

A card is a light focusable-looking Static; the map's keyboard focus stays on
``MapKeys`` (see there), so moving the cursor restyles two cards, not hundreds.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static


class MapCard(Static):
    """One item of the map (or the prompt of an empty section). The map holds the focus; the
    card under its cursor has the class -cursor."""

    class Clicked(Message):
        """Clicked (chain 2: double-clicked, to edit)."""

        def __init__(self, card: MapCard, chain: int) -> None:
            super().__init__()
            self.card = card
            self.chain = chain

    def __init__(self, section: str, index: int, kind: str, content: Content) -> None:
        super().__init__(content, classes=f"-{kind}")
        self.section = section
        self.index = index
        self.kind = kind

    def show(self, index: int, kind: str, content: Content) -> None:
        if kind != self.kind:
            self.remove_class(f"-{self.kind}")
            self.add_class(f"-{kind}")
            self.kind = kind
        self.index = index
        self.update(content)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self, event.chain))

    def render_lines(self, crop: Region) -> list[Strip]:
        """The card under the cursor is marked in a character as well as colour: a ▶ drawn
        over its left bar (▷ while the map does not have the keys)."""
        lines = super().render_lines(crop)
        if lines and crop.y == 0 and crop.x == 0 and self.has_class("-cursor"):
            first = lines[0]
            cell = list(first.crop(0, 1))
            style = cell[0].style if cell else None
            marker = "▶" if self.has_class("-active") else "▷"
            # Drawn reversed, so the arrow is cut out of the bar whatever its colours.
            marker_style = (style or RichStyle()) + RichStyle(reverse=True)
            lines[0] = Strip.join([Strip([Segment(marker, marker_style)], 1), first.crop(1, first.cell_length)])
        return lines


class SectionView(Vertical):
    """A section's title, its cards, and (for next steps) who can agree them."""

    class AddRequested(Message):
        def __init__(self, section: str) -> None:
            super().__init__()
            self.section = section

    def __init__(self, section: str, title: Content, cards: list[MapCard], note: Content | None = None) -> None:
        super().__init__(id=f"section-{section}", classes="map-section")
        self.section = section
        self.title_widget = Static(title, classes="section-title")
        self.note_widget = Static(note, classes="map-note", id="next-steps-note") if note is not None else None
        self._cards = cards

    def compose(self) -> ComposeResult:
        with Horizontal(classes="section-head"):
            yield self.title_widget
            yield AddLink(self.section)
        if self.note_widget is not None:
            yield self.note_widget
        yield from self._cards

    def cards(self) -> list[MapCard]:
        return [child for child in self.children if isinstance(child, MapCard)]


class AddLink(Static):
    """'+ Add' beside a section's title, for the mouse."""

    def __init__(self, section: str) -> None:
        super().__init__(Content("+ Add"), classes="add-link")
        self.section = section

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(SectionView.AddRequested(self.section))


class MapKeys(Widget, can_focus=True):
    """Holds the map's keyboard focus without being an ancestor of the cards.

    Textual restyles a widget's whole subtree when its focus or classes change;
    keeping the focus here (and not on the panel) means opening the editor or
    leaving the map restyles one tiny widget, not hundreds of cards."""

    DEFAULT_CSS = "MapKeys { width: 0; height: 0; }"


class MapColumn(VerticalScroll, can_focus=False, inherit_bindings=False):
    """One of the three columns; scrolls on its own. Its keys belong to the map."""

    def __init__(self, index: int, *children: Widget) -> None:
        super().__init__(*children, id=f"map-column-{index}", classes="map-column")
        self.index = index


class ColumnTab(Static):
    class Picked(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, index: int, title: str) -> None:
        super().__init__(Content(title), classes="column-tab", id=f"column-tab-{index}")
        self.index = index

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Picked(self.index))
