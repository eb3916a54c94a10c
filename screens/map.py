"""The three-column map: what are we worried about, what's working well, what needs to happen.

Every part of the map is a light ``MapCard`` (a focusable Static) inside its
section, inside its column. The arrows move between cards and columns; ``a``
adds, ``enter`` edits in place (every keystroke is written to the pod and
autosaved), ``d`` deletes, shift+up/down reorders and ``m`` moves a card to
another section. Risky changes take an undo checkpoint first (ctrl+z).

A section is redrawn by updating its cards in place (mounting or removing only
the difference), so a pod with hundreds of items stays quick.

Narrower than ``NARROW_BELOW`` cells, one column shows at a time with a bar of
the three column names (left/right switch). In presentation mode only the
current column shows, large and plain.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static, TabbedContent, TabPane, Tabs, TextArea
from textual.widgets.option_list import Option

from gq_pods.model import (
    COLUMNS,
    SUGGESTED_MAX_STATEMENTS,
    TEXT_SECTIONS,
    DangerStatement,
    MapItem,
    NextStep,
    SafetyGoal,
)
from gq_pods.days import NotADay, parse_day
from gq_pods.record import goal_text, statement_text
from gq_pods.rules import can_agree_steps

from .text import plain
from .workspace import PodPanel

FIRST_CARDS = 12  # cards per section mounted at once; the rest follow a frame later (see _fill)
NARROW_BELOW = 84  # cells of the map's own width: below this, one column at a time
PAIRED = ("danger_statements", "safety_goals")

PROMPTS = {
    "harm": "What has happened to the child? Press a to add.",
    "danger_statements": "Who is worried, about what an adult does, and what could happen to the child "
    "if nothing changes? Press a to add.",
    "complicating_factors": "What makes the worries harder to sort out, in the family or among "
    "professionals? Press a to add.",
    "grey_areas": "What is unclear or not yet known? Press a to add.",
    "existing_strengths": "Who and what helps the child's wellbeing? Press a to add.",
    "existing_safety": "When the danger was there, what did someone do that kept the child safe? "
    "Press a to add.",
    "safety_goals": "What the agency needs to see, and for how long. Each goal answers a danger "
    "statement: add a danger statement first.",
    "next_steps": "What happens next, who does it, and by when? Press a to add.",
}
NO_MANAGER_NOTE = "No manager here: these are ideas for the presenter to take to supervision."
MANAGER_NOTE = "The manager is here: next steps can be agreed."
DATE_HELP = "Write the due date as year-month-day, for example 2026-12-01. It is not saved until it is a real date."
AGREE_REFUSED = "Only the manager can agree a next step. Without the manager here it stays an idea for supervision."
BULLET = Content("• ")


def parse_due(text: str) -> tuple[dt.date | None, str | None]:
    """(date, None) for a good or empty date; (None, why) for a bad one."""
    text = text.strip()
    if not text:
        return None, None
    try:
        return parse_day(text), None
    except NotADay as error:
        return None, (f"{text} is not a real date. {DATE_HELP}" if error.shape_ok else DATE_HELP)




@dataclass
class Row:
    """One card's worth of a section: an item, a pair's half, or the empty prompt."""

    kind: str  # item, statement, goal, missing_goal, step, prompt
    obj: Any = None
    number: int | None = None  # the pair's number, for statements and goals
    statement: DangerStatement | None = None


# ---------------------------------------------------------------- widgets


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


class SectionView(Vertical):
    """A section's title, its cards, and (for next steps) who can agree them."""

    class AddRequested(Message):
        def __init__(self, section: str) -> None:
            super().__init__()
            self.section = section

    def __init__(self, section: str, title: Content, cards: list[MapCard], note: Content | None = None) -> None:
        super().__init__(id=f"section-{section}", classes="map-section")
        self.section = section
        self._title = title
        self._cards = cards
        self._note = note

    def compose(self) -> ComposeResult:
        with Horizontal(classes="section-head"):
            yield Static(self._title, classes="section-title")
            yield AddLink(self.section)
        if self._note is not None:
            yield Static(self._note, classes="map-note", id="next-steps-note")
        yield from self._cards

    def cards(self) -> list[MapCard]:
        return [child for child in self._nodes if isinstance(child, MapCard)]


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


class MapEditor(Vertical):
    """Edit one card in place. Every change is written at once; escape or ctrl+s closes it."""

    BINDINGS = [
        Binding("escape", "finish(False)", "Done", id="map.editor.done"),
        Binding("ctrl+s", "finish(True)", "Done and save", id="map.editor.save"),
    ]

    class Done(Message):
        def __init__(self, editor: MapEditor, save: bool) -> None:
            super().__init__()
            self.editor = editor
            self.save = save

    def __init__(self, section: str, index: int, obj: Any, *, new: bool, text: str) -> None:
        super().__init__(classes="map-editor")
        self.section = section
        self.index = index
        self.obj = obj
        self.new = new
        self.initial_text = text
        self.is_step = isinstance(obj, NextStep)
        self.checkpointed = new  # a new item's "Add" checkpoint already covers the typing
        self.undo_depth = 0

    def compose(self) -> ComposeResult:
        yield TextArea(self.initial_text, soft_wrap=True, id="edit-text", classes="edit-text")
        if self.is_step:
            step: NextStep = self.obj
            with Horizontal(classes="edit-row"):
                yield Static(Content("Owner"), classes="edit-label")
                yield Input(step.owner, placeholder="who does it", id="edit-owner", compact=True)
            with Horizontal(classes="edit-row"):
                yield Static(Content("Due"), classes="edit-label")
                yield Input(
                    step.due.isoformat() if step.due else "",
                    placeholder="YYYY-MM-DD",
                    id="edit-due",
                    compact=True,
                )
            yield StepStatus(step.status, id="edit-status")
            yield Static(Content(""), id="edit-problem", classes="edit-problem")
        yield Static(Content("escape or ctrl+s: done  ·  saved as you type"), classes="edit-hint")

    def focus_text(self) -> None:
        area = self.query_one("#edit-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_finish(self, save: bool) -> None:
        self.post_message(self.Done(self, save))

    def show_problem(self, problem: str | None) -> None:
        if self.is_step:
            widget = self.query_one("#edit-problem", Static)
            widget.update(Content(problem or ""))
            widget.display = bool(problem)


class StepStatus(Static, can_focus=True):
    """A next step's status, in words; space, enter or a click changes it."""

    BINDINGS = [Binding("space,enter", "change", "Change", id="map.editor.status")]

    class Changed(Message):
        def __init__(self, status: StepStatus, wanted: str) -> None:
            super().__init__()
            self.status = status
            self.wanted = wanted

    def __init__(self, status: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="edit-status")
        self.status = status

    def on_mount(self) -> None:
        self.show(self.status)

    def show(self, status: str) -> None:
        self.status = status
        words = "Agreed" if status == "agreed" else "Idea for supervision"
        self.update(Content("Status: ").stylize("bold") + Content(words).stylize("bold") + Content("  (space to change)"))

    def action_change(self) -> None:
        self.post_message(self.Changed(self, "idea" if self.status == "agreed" else "agreed"))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_change()


class SectionPicker(ModalScreen[str | None]):
    """Where should this item go? A short list of sections."""

    DEFAULT_CSS = """
    SectionPicker { align: center middle; }
    SectionPicker > Vertical {
        width: 50; max-width: 100%; height: auto; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    SectionPicker #picker-title { text-style: bold; margin-bottom: 1; }
    SectionPicker OptionList { height: auto; max-height: 12; }
    SectionPicker #picker-hint { margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="map.picker.cancel")]

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.title_text), id="picker-title")
            yield OptionList(*(Option(plain(label), id=key) for key, label in self.choices), id="picker")
            yield Static(Content("enter: move it there  ·  escape: leave it where it is"), id="picker-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id)

    def action_cancel(self) -> None:
        self.dismiss(None)


# ---------------------------------------------------------------- the panel


class MapPanel(PodPanel):
    """The three-column map of the open pod."""

    BINDINGS = [
        Binding("a", "add", "Add", id="map.add"),
        Binding("enter", "edit", "Edit", id="map.edit"),
        Binding("d,delete", "delete", "Delete", id="map.delete"),
        Binding("m", "move", "Move", id="map.move"),
        Binding("shift+up,ctrl+up", "reorder(-1)", "Move up", id="map.order-up", show=False),
        Binding("shift+down,ctrl+down", "reorder(1)", "Move down", id="map.order-down", show=False),
        Binding("up", "cursor(-1)", "Previous", id="map.previous", show=False),
        Binding("down", "cursor(1)", "Next", id="map.next", show=False),
        Binding("pageup", "cursor(-8)", "Page up", id="map.page-up", show=False),
        Binding("pagedown", "cursor(8)", "Page down", id="map.page-down", show=False),
        Binding("home", "cursor(-100000)", "First", id="map.first", show=False),
        Binding("end", "cursor(100000)", "Last", id="map.last", show=False),
        Binding("left", "column(-1)", "Column left", id="map.column-left", show=False),
        Binding("right", "column(1)", "Column right", id="map.column-right", show=False),
        Binding("tab", "tab_column(1)", "Next column", id="map.column-next", show=False),
        Binding("shift+tab", "tab_column(-1)", "Previous column", id="map.column-previous", show=False),
    ]
    NAVIGATION = {"add", "edit", "delete", "move", "reorder", "cursor", "column", "tab_column"}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.column = 0
        self._editor: MapEditor | None = None
        self._cursor: dict[int, tuple[str, int]] = {}  # each column's (section, index)
        self._painted: MapCard | None = None
        self._narrow = False
        self._seen = False
        self.keys = MapKeys(id="map-keys")
        # Built in compose and kept, so that moving the cursor never searches the DOM.
        self._views: dict[str, SectionView] = {}
        self._columns: list[MapColumn] = []
        self._titles: list[Static] = []
        self._tabs: list[ColumnTab] = []
        self._bar: Horizontal | None = None

    # ------------------------------------------------------------ what shows

    def sections(self) -> list[str]:
        return [section for _, sections in COLUMNS for section in sections]

    def column_of(self, section: str) -> int:
        return next(i for i, (_, sections) in enumerate(COLUMNS) if section in sections)

    def label(self, section: str) -> str:
        return self.pod_screen.team.label(section)

    def section_shown(self, section: str) -> bool:
        if section != "grey_areas":
            return True
        # Hidden by the team, but never while it holds something: nothing written goes out of sight.
        return self.pod_screen.team.show_grey_areas or bool(self.pod.map.grey_areas)

    def rows(self, section: str) -> list[Row]:
        pod = self.pod
        rows: list[Row]
        if section in TEXT_SECTIONS:
            rows = [Row("item", item) for item in pod.map.section(section)]
        elif section == "next_steps":
            rows = [Row("step", step) for step in pod.map.next_steps]
        elif section == "danger_statements":
            rows = [Row("statement", s, n, s) for n, s in enumerate(pod.danger_statements, 1)]
        elif section == "safety_goals":
            rows = []
            ids = set()
            for n, statement in enumerate(pod.danger_statements, 1):
                ids.add(statement.id)
                goal = pod.goal_for(statement.id)
                rows.append(Row("goal" if goal else "missing_goal", goal, n, statement))
            rows += [Row("goal", g) for g in pod.safety_goals if g.danger_statement not in ids]
        else:
            raise KeyError(section)
        return rows or [Row("prompt")]

    def card_content(self, section: str, row: Row) -> Content:
        if row.kind == "prompt":
            return Content(PROMPTS[section]).stylize("italic")
        if row.kind == "item":
            return BULLET + (plain(row.obj.text) if row.obj.text.strip() else Content("(nothing written yet)"))
        if row.kind == "statement":
            words = statement_text(row.obj)
            return Content(f"{row.number}. ").stylize("bold") + (
                plain(words) if words.strip() else Content("(nothing written yet)")
            )
        if row.kind == "missing_goal":
            return Content(f"Goal for {row.number}: ").stylize("bold") + Content(
                "No safety goal yet. Press enter to write it."
            ).stylize("italic")
        if row.kind == "goal":
            head = f"Goal for {row.number}: " if row.number else "Goal (its danger statement is gone): "
            words = goal_text(row.obj)
            return Content(head).stylize("bold") + (plain(words) if words.strip() else Content("(nothing written yet)"))
        step: NextStep = row.obj
        text = plain(step.text) if step.text.strip() else Content("(nothing written yet)")
        owner = plain(step.owner) if step.owner.strip() else Content("not yet")
        due = step.due.isoformat() if step.due else "not set"
        if step.status == "agreed" and self.pod.manager_present:
            status = Content("Agreed").stylize("bold")
        elif step.status == "agreed":
            status = Content("Marked agreed, but no manager is here: an idea for supervision").stylize("bold")
        else:
            status = Content("Idea" if self.pod.manager_present else "Idea for supervision")
        return Content("\n").join(
            [BULLET + text, Content("  Owner: ") + owner + Content(f"  ·  Due: {due}  ·  ") + status]
        )

    def section_title(self, section: str) -> Content:
        count = sum(1 for row in self.rows(section) if row.kind not in ("prompt", "missing_goal"))
        title = plain(self.label(section)).stylize("bold")
        return title + Content(f"  ({count})") if count else title

    def manager_note(self) -> Content:
        return Content(MANAGER_NOTE if self.pod.manager_present else NO_MANAGER_NOTE)

    def make_cards(self, section: str, limit: int | None = None) -> list[MapCard]:
        rows = self.rows(section)[:limit]
        return [MapCard(section, i, row.kind, self.card_content(section, row)) for i, row in enumerate(rows)]

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield self.keys
        self._tabs = [ColumnTab(index, title) for index, (title, _) in enumerate(COLUMNS)]
        self._bar = Horizontal(*self._tabs, id="map-column-bar")
        yield self._bar
        self._titles = [Static(Content(title), classes="column-title") for title, _ in COLUMNS]
        self._views = {}
        self._columns = []
        with Horizontal(id="map-columns"):
            for index, (_, sections) in enumerate(COLUMNS):
                views: list[Widget] = [self._titles[index]]
                for section in sections:
                    view = SectionView(
                        section,
                        self.section_title(section),
                        self.make_cards(section, FIRST_CARDS),
                        self.manager_note() if section == "next_steps" else None,
                    )
                    view.display = self.section_shown(section)
                    self._views[section] = view
                    views.append(view)
                column = MapColumn(index, *views)
                self._columns.append(column)
                yield column

    def on_mount(self) -> None:
        self._show_column_classes()
        self.watch(self.screen, "focused", self._focus_moved, init=False)
        self.call_after_refresh(self._fill)

    async def _fill(self) -> None:
        """Mount the cards past the first few, one section per frame, so a big map shows at once."""
        for section in self.sections():
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
        if not self._map_tab_active():
            return  # the facilitator has already left the map
        if self.app.screen is not self.screen or (focused is not None and self in focused.ancestors):
            return
        if focused is not None and isinstance(focused, Tabs) and not first:
            return
        self.show_column(self.column)

    def focus_work(self, work: str) -> None:
        """A stage opened the map: show the part it is about."""
        section = {"worries": "harm", "working_well": "existing_strengths", "next_steps": "next_steps"}.get(work)
        if section is not None:
            self.move_to(section, 0)

    def on_resize(self, event: events.Resize) -> None:
        narrow = event.size.width < NARROW_BELOW
        if narrow != self._narrow:
            self._narrow = narrow
            self._show_columns()

    def on_show(self) -> None:
        # Another tab may have changed who is here (the manager) or the statements.
        self.refresh_notes()
        self.call_after_refresh(self._take_focus)

    @property
    def narrow(self) -> bool:
        return self._narrow

    def _show_columns(self) -> None:
        """Which columns show: all side by side, or only the current one (narrow, presenting).

        Set as inline styles, not classes on the panel: a class on the panel would
        restyle every card."""
        presenting = self.screen.has_class("-presenting")
        one = self._narrow or presenting
        if self._bar is not None:
            self._bar.display = self._narrow and not presenting
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

    def refresh_notes(self) -> None:
        try:
            self.query_one("#next-steps-note", Static).update(self.manager_note())
        except Exception:
            return
        self.refresh_section("next_steps")

    # ------------------------------------------------------------ cards and the cursor
    #
    # The panel itself holds the keyboard focus; the card under the cursor has the
    # class -cursor. Moving the cursor changes two cards' classes and nothing else,
    # so it costs the same in a pod of 300 items as in an empty one.

    def view(self, section: str) -> SectionView:
        return self._views[section]

    def card(self, section: str, index: int) -> MapCard | None:
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

    def _focus_moved(self, focused: Widget | None) -> None:
        editor = self._editor
        if editor is not None and focused is not None and editor not in focused.ancestors:
            # The person moved on (a click or tab elsewhere): close the editor, keeping what was typed.
            self.call_later(self.finish_editing, False, True)

    @on(MapCard.Clicked)
    async def _card_clicked(self, event: MapCard.Clicked) -> None:
        event.stop()
        card = event.card
        if self._editor is not None:
            await self.finish_editing(False, True)
        self.move_to(card.section, card.index)
        if event.chain >= 2:
            await self.action_edit()

    def refresh_section(self, section: str) -> Any:
        """Show the section's rows, changing only the cards that differ.

        Returns what to await for the cards mounted or removed, or None."""
        view = self.view(section)
        view.display = self.section_shown(section)
        view.query_one(".section-title", Static).update(self.section_title(section))
        rows = self.rows(section)
        cards = view.cards()
        for index, (card, row) in enumerate(zip(cards, rows)):
            card.show(index, row.kind, self.card_content(section, row))
        if len(cards) > len(rows):
            return view.remove_children(cards[len(rows):])
        if len(rows) > len(cards):
            new = [
                MapCard(section, i, row.kind, self.card_content(section, row))
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

    def show_pod(self) -> None:
        """After undo or reload: close any editor and show the pod as it now is."""
        was_editing = self._editor is not None
        if was_editing:
            self._close_editor_widget()
        self.call_later(self._redraw_all, was_editing)

    async def _redraw_all(self, was_editing: bool = False) -> None:
        where = self.cursor_card()
        await self.redraw(*self.sections())
        self.refresh_notes()
        if where is not None:
            self.move_to(where.section, where.index, focus=self.keys.has_focus or was_editing)

    def say(self, message: str, **kwargs: Any) -> None:
        """Notify, never reading the words as markup (labels and dates come from people)."""
        self.notify(message, markup=False, **kwargs)

    # ------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.NAVIGATION and self.editing:
            return False
        return True

    @property
    def editing(self) -> bool:
        return self._editor is not None and self._editor.has_focus_within

    def _current(self) -> MapCard:
        card = self.cursor_card()
        if card is None:
            raise SkipAction()
        return card

    def action_cursor(self, delta: int) -> None:
        card = self.cursor_card()
        cards = self.column_cards(self.column)
        if card is None or card not in cards:
            return
        target = cards[max(0, min(len(cards) - 1, cards.index(card) + delta))]
        self.move_to(target.section, target.index)

    def action_column(self, delta: int) -> None:
        target = self.column + delta
        if 0 <= target < len(COLUMNS):
            self.show_column(target)

    def action_tab_column(self, delta: int) -> None:
        target = self.column + delta
        if 0 <= target < len(COLUMNS):
            self.show_column(target)
            return
        # Past the last column (or before the first): on to the pod's tabs, as tab usually does.
        tabs = self.screen.query("#pod-tabs Tabs")
        if tabs:
            tabs.first().focus()
        else:
            raise SkipAction()

    # ------------------------------------------------------------ add and edit

    async def action_add(self, section: str | None = None) -> None:
        card = self.cursor_card()
        if section is None:
            section = card.section if card else COLUMNS[self.column][1][0]
        after = card.index if card is not None and card.section == section and card.kind != "prompt" else None
        pod = self.pod
        if section == "safety_goals":
            await self._add_goal(card)
            return
        self.checkpoint(f"Add to {self.label(section)}")
        if section == "danger_statements":
            if len(pod.danger_statements) >= SUGGESTED_MAX_STATEMENTS:
                self.say(
                    f"Most maps keep to about {SUGGESTED_MAX_STATEMENTS} danger statements; "
                    "a few strong ones help the family more than many.",
                    timeout=6,
                )
            items: list[Any] = pod.danger_statements
            obj: Any = DangerStatement(id=pod.new_statement_id())
        elif section == "next_steps":
            items = pod.map.next_steps
            obj = NextStep()
        else:
            items = pod.map.section(section)
            obj = MapItem()
        index = len(items) if after is None else after + 1
        items.insert(index, obj)
        self.edited()
        touched = PAIRED if section in PAIRED else (section,)
        await self.redraw(*touched)
        await self.open_editor(section, index, new=True)

    async def _add_goal(self, card: MapCard | None) -> None:
        pod = self.pod
        # The focused pair if it lacks a goal, else the first danger statement without one.
        target = None
        if card is not None and card.section in PAIRED:
            row = self.rows(card.section)[card.index] if card.index < len(self.rows(card.section)) else None
            if row is not None and row.statement is not None and pod.goal_for(row.statement.id) is None:
                target = row.statement
        if target is None:
            target = next((s for s in pod.danger_statements if pod.goal_for(s.id) is None), None)
        if target is None:
            if pod.danger_statements:
                self.say("Every danger statement has its safety goal. Add a danger statement first.")
            else:
                self.say("A safety goal answers a danger statement: add a danger statement first.")
            return
        self.checkpoint(f"Add to {self.label('safety_goals')}")
        pod.safety_goals.append(SafetyGoal(id=pod.new_goal_id(), danger_statement=target.id))
        self.edited()
        await self.redraw(*PAIRED)
        index = next(i for i, row in enumerate(self.rows("safety_goals")) if row.statement is target)
        await self.open_editor("safety_goals", index, new=True)

    async def action_edit(self) -> None:
        card = self._current()
        if card.kind == "prompt":
            await self.action_add(card.section)
        elif card.kind == "missing_goal":
            await self._add_goal(card)
        else:
            await self.open_editor(card.section, card.index, new=False)

    @on(SectionView.AddRequested)
    async def _add_requested(self, event: SectionView.AddRequested) -> None:
        event.stop()
        if self._editor is not None:
            await self.finish_editing(False, True)
        await self.action_add(event.section)

    @on(ColumnTab.Picked)
    def _column_picked(self, event: ColumnTab.Picked) -> None:
        event.stop()
        self.show_column(event.index)

    async def open_editor(self, section: str, index: int, *, new: bool) -> None:
        if self._editor is not None:
            await self.finish_editing(False, True)
        row = self.rows(section)[index]
        card = self.card(section, index)
        if card is None or row.obj is None:
            return
        if row.kind == "statement":
            text = statement_text(row.obj)
        elif row.kind == "goal":
            text = goal_text(row.obj)
        else:
            text = row.obj.text
        editor = MapEditor(section, index, row.obj, new=new, text=text)
        editor.undo_depth = len(self.pod_screen.undo_stack)
        self._editor = editor
        self.move_to(section, index, focus=False)
        card.display = False
        await self.view(section).mount(editor, after=card)
        editor.focus_text()
        editor.scroll_visible()

    def _write(self, editor: MapEditor, field: str, value: Any) -> None:
        """Put one edited value into the pod, with one undo checkpoint per editing session."""
        if getattr(editor.obj, field) == value:
            return
        if field == "text" and not editor.checkpointed and value == editor.initial_text:
            # Opened and closed unchanged: leave a statement or goal whose words come from its parts alone.
            return
        if not editor.checkpointed:
            self.checkpoint(f"Edit {self.label(editor.section)}")
            editor.checkpointed = True
            editor.undo_depth = len(self.pod_screen.undo_stack)
        setattr(editor.obj, field, value)
        self.edited()

    @on(TextArea.Changed, ".map-editor #edit-text")
    def _text_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        editor = self._editor
        if editor is not None and event.text_area in editor.children:
            self._write(editor, "text", event.text_area.text)

    @on(Input.Changed, ".map-editor #edit-owner")
    def _owner_changed(self, event: Input.Changed) -> None:
        event.stop()
        editor = self._editor
        if editor is not None and editor in event.input.ancestors:
            self._write(editor, "owner", event.value)

    @on(Input.Changed, ".map-editor #edit-due")
    def _due_changed(self, event: Input.Changed) -> None:
        event.stop()
        editor = self._editor
        if editor is None or editor not in event.input.ancestors:
            return
        due, problem = parse_due(event.value)
        # Say what is wrong only once the date could be complete.
        editor.show_problem(problem if problem and len(event.value.strip()) >= 10 else None)
        if problem is None:
            self._write(editor, "due", due)

    @on(Input.Submitted, ".map-editor Input")
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        event.input.screen.focus_next()

    @on(StepStatus.Changed)
    def _status_changed(self, event: StepStatus.Changed) -> None:
        event.stop()
        editor = self._editor
        if editor is None or editor not in event.status.ancestors:
            return
        if event.wanted == "agreed" and not can_agree_steps(self.pod):
            editor.show_problem(AGREE_REFUSED)
            self.say(AGREE_REFUSED, severity="warning")
            return
        editor.show_problem(None)
        event.status.show(event.wanted)
        self._write(editor, "status", event.wanted)

    @on(MapEditor.Done)
    async def _editor_done(self, event: MapEditor.Done) -> None:
        event.stop()
        if event.editor is self._editor:
            await self.finish_editing(event.save)

    async def finish_editing(self, save: bool, leaving: bool = False) -> None:
        """Close the editor, keeping everything typed. A bad date keeps it open (unless leaving)."""
        editor = self._editor
        if editor is None:
            return
        # Write what the widgets hold now, in case a keystroke's message has not arrived yet.
        self._write(editor, "text", editor.query_one("#edit-text", TextArea).text)
        if editor.is_step:
            self._write(editor, "owner", editor.query_one("#edit-owner", Input).value)
            due_text = editor.query_one("#edit-due", Input).value
            due, problem = parse_due(due_text)
            if problem:
                if not leaving:
                    editor.show_problem(problem)
                    self.say(problem, title="Due date not saved", severity="warning")
                    editor.query_one("#edit-due", Input).focus()
                    return
                self.say(f"The due date '{due_text}' was not saved. {DATE_HELP}", severity="warning", timeout=8)
            else:
                self._write(editor, "due", due)
        section, index, obj = editor.section, editor.index, editor.obj
        self._close_editor_widget()
        if editor.new and self._is_blank(obj):
            # Nothing was written: take the empty item away again, and its undo step with it.
            if len(self.pod_screen.undo_stack) == editor.undo_depth and len(self.pod_screen.undo_stack):
                self.pod_screen.undo_stack.pop()
            self._remove_obj(section, obj)
            self.edited()
            index = max(0, index - 1)
        await self.redraw(*(PAIRED if section in PAIRED else (section,)))
        self.move_to(section, index, focus=not leaving)
        if save:
            self.pod_screen.action_save()

    def _close_editor_widget(self) -> None:
        editor = self._editor
        if editor is None:
            return
        self._editor = None
        editor.remove()
        for hidden in self.view(editor.section).cards():
            if not hidden.display:
                hidden.display = True

    @staticmethod
    def _is_blank(obj: Any) -> bool:
        if isinstance(obj, NextStep):
            return not obj.text.strip() and not obj.owner.strip() and obj.due is None
        if isinstance(obj, DangerStatement):
            return not statement_text(obj).strip()
        if isinstance(obj, SafetyGoal):
            return not goal_text(obj).strip()
        return not obj.text.strip()

    def _remove_obj(self, section: str, obj: Any) -> None:
        pod = self.pod
        if section == "danger_statements":
            pod.danger_statements = [s for s in pod.danger_statements if s is not obj]
            pod.safety_goals = [g for g in pod.safety_goals if g.danger_statement != obj.id]
            pod.scales = [s for s in pod.scales if s.about != obj.id]
        elif section == "safety_goals":
            pod.safety_goals = [g for g in pod.safety_goals if g is not obj]
        else:
            items = pod.map.section(section)
            items[:] = [item for item in items if item is not obj]

    # ------------------------------------------------------------ delete

    async def action_delete(self) -> None:
        card = self._current()
        row = self.rows(card.section)[card.index]
        if row.kind in ("prompt", "missing_goal"):
            self.say("Nothing to delete here.")
            return
        if row.kind == "statement":
            goal = self.pod.goal_for(row.obj.id)
            scale = self.pod.scale_for(row.obj.id)
            scores = len(scale.scores) if scale else 0
            if goal is not None or scores:
                from .confirm import ConfirmScreen

                extra = []
                if goal is not None:
                    extra.append("its safety goal")
                if scores:
                    extra.append(f"its scale ({scores} score{'s' if scores != 1 else ''})")
                question = Content(
                    f"Delete danger statement {row.number} with {' and '.join(extra)}? "
                    "ctrl+z brings them back while the pod is open."
                )

                async def answer(yes: bool | None) -> None:
                    if yes:
                        await self._delete(card.section, card.index, row)

                self.app.push_screen(ConfirmScreen(question), answer)
                return
        await self._delete(card.section, card.index, row)

    async def _delete(self, section: str, index: int, row: Row) -> None:
        self.checkpoint(f"Delete from {self.label(section)}")
        self._remove_obj(section, row.obj)
        self.edited()
        await self.redraw(*(PAIRED if section in PAIRED else (section,)))
        self.move_to(section, index)
        self.say("Deleted. ctrl+z to undo", timeout=4)

    # ------------------------------------------------------------ reorder

    async def action_reorder(self, delta: int) -> None:
        card = self._current()
        section = card.section
        row = self.rows(section)[card.index]
        if row.kind == "prompt":
            return
        if section in PAIRED:
            if row.statement is None:
                self.say("This safety goal has no danger statement, so it has no place in the order.")
                return
            items: list[Any] = self.pod.danger_statements
            obj: Any = row.statement
        else:
            items = self.pod.map.section(section)
            obj = row.obj
        old = next(i for i, item in enumerate(items) if item is obj)
        new = old + delta
        if not 0 <= new < len(items):
            return
        self.checkpoint(f"Reorder {self.label(section)}")
        items[old], items[new] = items[new], items[old]
        self.edited()
        await self.redraw(*(PAIRED if section in PAIRED else (section,)))
        self.move_to(section, card.index + delta)

    # ------------------------------------------------------------ move to another section

    def move_choices(self, section: str, row: Row) -> tuple[list[tuple[str, str]], str | None]:
        """Where an item can go, or why it cannot move."""
        targets = [s for s in TEXT_SECTIONS if s != section and self.section_shown(s)]
        if row.kind == "item":
            targets += ["danger_statements", "next_steps"]
        elif row.kind == "statement":
            statement: DangerStatement = row.obj
            if self.pod.goal_for(statement.id) is not None or self.pod.scale_for(statement.id) is not None:
                return [], "This danger statement has its safety goal or scale with it, so it stays a danger statement."
            parts = (statement.who_is_worried, statement.behaviour, statement.example, statement.impact,
                     statement.acknowledgement, statement.family_view)
            if any(p.strip() for p in parts) or statement.drafts:
                return [], "This danger statement has parts or drafts written in the Statements tab, so it stays here."
        elif row.kind == "step":
            if row.obj.owner.strip() or row.obj.due is not None:
                return [], "This next step has an owner or a date; clear them first if it belongs in another section."
        elif row.kind in ("goal", "missing_goal"):
            return [], "A safety goal stays with its danger statement."
        else:
            return [], "Nothing to move here."
        order = self.sections()
        targets.sort(key=order.index)
        return [(s, self.label(s)) for s in targets], None

    def action_move(self) -> None:
        card = self._current()
        section, index = card.section, card.index
        row = self.rows(section)[index]
        choices, why = self.move_choices(section, row)
        if why:
            self.say(why)
            return

        async def picked(target: str | None) -> None:
            if target:
                await self.move_item(section, row.obj, target)
                self.move_to(section, index)

        self.app.push_screen(SectionPicker(f"Move to which section? (from {self.label(section)})", choices), picked)

    async def move_item(self, section: str, obj: Any, target: str) -> None:
        pod = self.pod
        self.checkpoint(f"Move to {self.label(target)}")
        self._remove_obj(section, obj)
        text = statement_text(obj) if isinstance(obj, DangerStatement) else obj.text
        if target == "danger_statements":
            pod.danger_statements.append(DangerStatement(id=pod.new_statement_id(), text=text))
        elif target == "next_steps":
            pod.map.next_steps.append(NextStep(text=text))
        else:
            pod.map.section(target).append(MapItem(text=text))
        self.edited()
        touched = {section, target}
        if touched & set(PAIRED):
            touched |= set(PAIRED)
        await self.redraw(*[s for s in self.sections() if s in touched])
        self.say(f"Moved to {self.label(target)}. ctrl+z to undo", timeout=4)

    # ------------------------------------------------------------ presentation

    def presentation_changed(self, presenting: bool) -> None:
        self._show_columns()
        if self._map_tab_active():
            self.show_column(self.column, focus=presenting and self.screen.focused is None)

    def _map_tab_active(self) -> bool:
        """Whether the map is the tab on show (a hidden tab still has display set)."""
        pane = next((a for a in self.ancestors if isinstance(a, TabPane)), None)
        tabs = next((a for a in self.ancestors if isinstance(a, TabbedContent)), None)
        return pane is None or tabs is None or tabs.active == pane.id
