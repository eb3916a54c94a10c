"""The three-column map: what are we worried about, what's working well, what needs to happen.

By concern:

- ``view``: what the map shows, as pure functions of the pod (rows, card words, due dates);
- ``cards``: the widgets that show it (cards, sections, columns, the column bar);
- ``editor``: editing one card in place (a next step's owner, due date and status too);
- ``picker``: where an item should move;
- ``board``: the columns and the cursor over the cards, redrawn in place;
- ``panel``: the board with its keys, asking the pod session for every change.
"""

from __future__ import annotations

from .board import FIRST_CARDS, NARROW_BELOW, MapBoard
from .cards import AddLink, ColumnTab, MapCard, MapColumn, MapKeys, SectionView
from .editor import MapEditor, StepStatus
from .panel import MapPanel
from .picker import SectionPicker
from .view import (
    DATE_HELP,
    MANAGER_NOTE,
    NO_MANAGER_NOTE,
    PROMPTS,
    Row,
    card_content,
    map_rows,
    parse_due,
    section_title,
)

__all__ = [
    "DATE_HELP",
    "FIRST_CARDS",
    "MANAGER_NOTE",
    "NARROW_BELOW",
    "NO_MANAGER_NOTE",
    "PROMPTS",
    "AddLink",
    "ColumnTab",
    "MapBoard",
    "MapCard",
    "MapColumn",
    "MapEditor",
    "MapKeys",
    "MapPanel",
    "Row",
    "SectionPicker",
    "SectionView",
    "StepStatus",
    "card_content",
    "map_rows",
    "parse_due",
    "section_title",
]
