"""Planning: the agency's bottom lines, and the contingency plan (if this happens, what happens, who acts)."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from gq_pods.model import BottomLine, Contingency

from .edit_form import EditForm, FormProblem, field_row
from .text import plain, visible
from .workspace import PodPanel

BOTTOM_LINES = "Bottom lines"
CONTINGENCIES = "Contingency plan"
BOTTOM_LINES_NOTE = "What the agency will not accept, whatever else changes."
CONTINGENCIES_NOTE = "If this happens, what happens then, and who acts."
BOTTOM_LINE_EXAMPLE = "For example: Dean is never left alone with Amy when he has been drinking."
LISTS = ("bottom-lines", "contingencies")
WIDE = 110  # columns: from here the two lists stand side by side


def short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class BottomLineForm(EditForm[BottomLine]):
    def __init__(self, line: BottomLine | None = None) -> None:
        super().__init__("Change this bottom line" if line else "Add a bottom line")
        self.line = line or BottomLine()

    def fields(self) -> ComposeResult:
        with Vertical(classes="form-block"):
            yield Label(Content(f"{BOTTOM_LINES_NOTE} {BOTTOM_LINE_EXAMPLE}"), classes="form-block-label")
            yield TextArea(self.line.text, id="bottom-line-text", classes="tall")

    def collect(self) -> BottomLine:
        text = self.query_one("#bottom-line-text", TextArea).text.strip()
        if not text:
            raise FormProblem("Write the bottom line, or press escape to leave it.", "bottom-line-text")
        return BottomLine(text)


class ContingencyForm(EditForm[Contingency]):
    def __init__(self, contingency: Contingency | None = None) -> None:
        super().__init__("Change this part of the contingency plan" if contingency else "Add to the contingency plan")
        self.contingency = contingency or Contingency()

    def fields(self) -> ComposeResult:
        c = self.contingency
        yield field_row(
            "If this happens",
            Input(c.trigger, placeholder="e.g. Dean comes home drunk", id="contingency-trigger", compact=True),
        )
        with Vertical(classes="form-block"):
            yield Label(Content("What happens then"), classes="form-block-label")
            yield TextArea(c.response, id="contingency-response", compact=True)
        yield field_row(
            "Who acts",
            Input(c.who, placeholder="e.g. Lisa, and Pat (grandmother)", id="contingency-who", compact=True),
        )

    def collect(self) -> Contingency:
        trigger = self.query_one("#contingency-trigger", Input).value.strip()
        response = self.query_one("#contingency-response", TextArea).text.strip()
        who = self.query_one("#contingency-who", Input).value.strip()
        if not trigger:
            raise FormProblem("Say what would set this part of the plan off: 'if this happens'.", "contingency-trigger")
        if not response:
            raise FormProblem("Say what happens then.", "contingency-response")
        return Contingency(trigger, response, who)


def bottom_line_content(line: BottomLine) -> Content:
    return Content("• ") + plain(line.text)


def contingency_content(c: Contingency) -> Content:
    rows = [
        Content("If: ").stylize("bold") + plain(c.trigger),
        Content("  Then: ").stylize("bold") + plain(c.response),
        Content("  Who acts: ").stylize("bold") + (plain(c.who) if c.who.strip() else Content("not said yet")),
    ]
    return Content("\n").join(rows)


class PlanningPanel(PodPanel):
    """Bottom lines and the contingency plan."""

    _last_list = "bottom-lines"  # the list a button acts on when neither list has the focus
    BINDINGS = [
        Binding("b", "add_bottom_line", "Add bottom line", id="planning.add-bottom-line"),
        Binding("c", "add_contingency", "Add contingency", id="planning.add-contingency"),
        Binding("a", "add", "Add", id="planning.add", show=False),
        Binding("e", "edit", "Change", id="planning.edit", show=False),
        Binding("d,delete", "delete", "Remove", id="planning.delete", show=False),
    ]

    def compose(self) -> ComposeResult:
        # Side by side or not is set before the lists exist (on_resize puts a wrong guess right):
        # set after, it restyles the whole panel.
        self.set_class(self.pod_screen.work_width() >= WIDE, "-wide")
        with Horizontal(id="planning-lists"):
            with Vertical(id="bottom-lines-box", classes="planning-box"):
                yield Static(Content(BOTTOM_LINES).stylize("bold") + Content(f"  {BOTTOM_LINES_NOTE}"), classes="planning-title")
                yield OptionList(id="bottom-lines")
            with Vertical(id="contingencies-box", classes="planning-box"):
                yield Static(Content(CONTINGENCIES).stylize("bold") + Content(f"  {CONTINGENCIES_NOTE}"), classes="planning-title")
                yield OptionList(id="contingencies")
        with Horizontal(id="planning-buttons", classes="panel-buttons"):
            yield Button("Add bottom line (b)", id="add-bottom-line", compact=True)
            yield Button("Add contingency (c)", id="add-contingency", compact=True)
            yield Button("Change (enter)", id="planning-edit", compact=True)
            yield Button("Remove (d)", id="planning-delete", compact=True)

    def on_mount(self) -> None:
        self.show_pod()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= WIDE, "-wide")

    def focus_work(self, work: str) -> None:
        self.query_one(f"#{self._last_list}", OptionList).focus()

    # ------------------------------------------------------------ drawing

    def show_pod(self, focus: tuple[str, int] | None = None) -> None:
        """Redraw both lists; ``focus`` is (list id, index) to highlight and focus."""
        self._fill(
            "bottom-lines",
            [bottom_line_content(line) for line in self.pod.bottom_lines],
            "No bottom lines yet. Press b (or enter here) to add one.",
            focus[1] if focus and focus[0] == "bottom-lines" else None,
        )
        self._fill(
            "contingencies",
            [contingency_content(c) for c in self.pod.contingencies],
            "No contingency plan yet. Press c (or enter here) to add to it.",
            focus[1] if focus and focus[0] == "contingencies" else None,
        )
        if focus is not None:
            self.query_one(f"#{focus[0]}", OptionList).focus()

    def _fill(self, list_id: str, items: list[Content], empty: str, select: int | None) -> None:
        box = self.query_one(f"#{list_id}", OptionList)
        old = box.highlighted
        box.clear_options()
        if items:
            options: list[Option | None] = []
            for i, item in enumerate(items):
                if i and list_id == "contingencies":
                    options.append(None)  # a dividing line between the parts of the plan
                options.append(Option(item, id=f"item:{i}"))
            box.add_options(options)
        else:
            box.add_option(Option(Content(empty), id="add"))
        index = select if select is not None else old
        box.highlighted = min(max(index or 0, 0), box.option_count - 1)

    def _current(self) -> tuple[str, int | None]:
        """Which list is in use (the focused one, else bottom lines) and its highlighted item."""
        focused = self.screen.focused
        list_id = focused.id if focused is not None and focused.id in LISTS else self._last_list
        box = self.query_one(f"#{list_id}", OptionList)
        items = self.pod.bottom_lines if list_id == "bottom-lines" else self.pod.contingencies
        index = box.highlighted
        if index is None or index >= len(items):
            return list_id, None
        return list_id, index

    # ------------------------------------------------------------ events

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id in LISTS:
            self._last_list = event.widget.id

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        list_id = event.option_list.id or "bottom-lines"
        self._last_list = list_id
        if event.option_id == "add":
            self._add(list_id)
        else:
            self._edit(list_id, event.option_index)

    @on(Button.Pressed, "#planning-buttons Button")
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {
            "add-bottom-line": self.action_add_bottom_line,
            "add-contingency": self.action_add_contingency,
            "planning-edit": self.action_edit,
            "planning-delete": self.action_delete,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()

    # ------------------------------------------------------------ actions

    def action_add_bottom_line(self) -> None:
        self._add("bottom-lines")

    def action_add_contingency(self) -> None:
        self._add("contingencies")

    def action_add(self) -> None:
        self._add(self._current()[0])

    def action_edit(self) -> None:
        list_id, index = self._current()
        if index is None:
            self._add(list_id)
        else:
            self._edit(list_id, index)

    def _add(self, list_id: str) -> None:
        if list_id == "contingencies":

            def added_contingency(c: Contingency | None) -> None:
                if c is not None:
                    self.show_pod(focus=("contingencies", self.session.add_to_plan("contingencies", c)))

            self.app.push_screen(ContingencyForm(), added_contingency)
        else:

            def added_line(line: BottomLine | None) -> None:
                if line is not None:
                    self.show_pod(focus=("bottom-lines", self.session.add_to_plan("bottom_lines", line)))

            self.app.push_screen(BottomLineForm(), added_line)

    def _edit(self, list_id: str, index: int) -> None:
        items: list = self.pod.contingencies if list_id == "contingencies" else self.pod.bottom_lines
        if not 0 <= index < len(items):
            return
        original = items[index]

        def changed(value: BottomLine | Contingency | None) -> None:
            if value is None:
                return
            # If it is gone meanwhile (undo), the session keeps the typing rather than lose it.
            where = self.session.change_in_plan(list_id.replace("-", "_"), original, value)
            self.show_pod(focus=(list_id, where))

        form = ContingencyForm(original) if list_id == "contingencies" else BottomLineForm(original)
        self.app.push_screen(form, changed)

    def action_delete(self) -> None:
        list_id, index = self._current()
        if index is None:
            self.notify("Choose a bottom line or a contingency first (arrow keys; tab moves between the lists).")
            return
        if list_id == "contingencies":
            item = self.session.remove_from_plan("contingencies", index)
            what = f"'If: {short(visible(item.trigger))}'"
        else:
            line = self.session.remove_from_plan("bottom_lines", index)
            what = f"the bottom line '{short(visible(line.text))}'"
        self.show_pod(focus=(list_id, index))
        self.notify(f"Removed {what}. ctrl+z brings it back.", markup=False)
