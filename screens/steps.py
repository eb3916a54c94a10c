"""Next steps due: the steps agreed (or suggested) at the team's pods that are not done yet.

``s`` on the pods list opens it. Soonest due first, undated last; the owner and a
"due before" date narrow it (the database does the narrowing, in a worker). Enter
opens the chosen step's pod. ``d``, ``n`` and ``x`` mark the chosen step done, not
done (asking why) or no longer needed, each asking for the initials of who says so
(the last initials typed are offered again for the rest of the session); the list
is read again at once, and ``ctrl+z`` puts back what a slip changed.

Practice pods and practice attempts are not team pods: the repository leaves them out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.coordinate import Coordinate
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Static

from gq_pods import crashlog
from gq_pods.days import describe_day, read_day_or_problem
from gq_pods.model import OUTCOME_LABELS
from gq_pods.steps import MAX_INITIALS, MAX_REASON
from gq_pods.text import clean

from .dialog import Dialog
from .text import cell, plain

if TYPE_CHECKING:  # pragma: no cover
    from gq_pods.steps import DueStep

    from .app import GqPodsApp

TITLE = "Next steps due  (Enter opens the step's pod, Escape goes back)"
NONE_OPEN = "No next steps are waiting: every step from the team's pods is done or no longer needed."
NONE_MATCH = "No open steps match. Clear the owner and the date to see them all."
#: Rows added to the list at once; the next page as the cursor comes within NEAR_END of the last.
PAGE = 200
NEAR_END = 20

#: The initials last typed, per running app: offered again as the default for the session.
_last_initials: WeakKeyDictionary[App, str] = WeakKeyDictionary()


def last_initials(app: App) -> str:
    return _last_initials.get(app, "")


def short_day(day: dt.date, today: dt.date) -> str:
    """A day as people in the UK write it in a list: ``3 Nov``, with the year when it is not this year's."""
    return f"{day.day} {day:%b}" if day.year == today.year else f"{day.day} {day:%b %Y}"


def due_words(due: dt.date | None, today: dt.date) -> str:
    """When a step is due, in words: ``3 Nov``, ``Today``, ``Overdue 3 Nov``, ``No date``."""
    if due is None:
        return "No date"
    if due == today:
        return "Today"
    if due < today:
        return f"Overdue {short_day(due, today)}"
    return short_day(due, today)


def kind_words(step: DueStep) -> str:
    return "Idea" if step.is_idea else "Agreed"


def step_words(step: DueStep) -> str:
    """The step as its cell shows it: said first when it was asked about and not done."""
    text = step.text or "(no text)"
    return f"(not done) {text}" if step.outcome == "not_done" else text


def pod_words(step: DueStep, today: dt.date) -> str:
    title = step.pod_title or "untitled pod"
    return f"{short_day(step.pod_date, today)} {title}"


def details(step: DueStep, today: dt.date) -> Content:
    """The chosen step in full, under the list: the list's cells are cut to fit."""
    if step.due is None:
        due = "No date set"
    else:
        days = (today - step.due).days
        due = f"Due {describe_day(step.due)}"
        if days > 0:
            due += f", overdue by {days} day{'s' if days != 1 else ''}"
        elif days == 0:
            due += " (today)"
    kind = "An idea for supervision, not agreed" if step.is_idea else "Agreed"
    lines = [
        plain(step.text or "(no text)").stylize("bold"),
        Content("Owner: ") + plain(step.owner or "not set") + Content(f". {due}. {kind}."),
        Content(f"From the pod on {describe_day(step.pod_date)}: ") + plain(step.pod_title or "untitled"),
    ]
    if step.outcome == "not_done":
        lines.append(Content("Last asked: not done. ") + plain(step.outcome_reason or "No reason given."))
    return Content("\n").join(lines)


@dataclass(frozen=True)
class Marked:
    """A mark made here, and what the step said before it: enough to put it back."""

    step: DueStep
    outcome: str
    before: tuple[str, str, str, dt.date | None]  # outcome, reason, by, on


class MarkStepDialog(Dialog["tuple[str, str] | None"]):
    """Mark one step: who says so (initials), and why when it was not done. Dismisses (reason, initials)."""

    DEFAULT_CSS = """
    MarkStepDialog > #dialog { width: 70; }
    MarkStepDialog #mark-step { text-style: bold; }
    MarkStepDialog #mark-note { margin-bottom: 1; }
    MarkStepDialog Input { margin-bottom: 1; }
    MarkStepDialog Label { text-style: bold; }
    MarkStepDialog #mark-problem { color: $error; text-style: bold; height: auto; margin-bottom: 1; }
    MarkStepDialog Horizontal { height: auto; align-horizontal: right; }
    MarkStepDialog Button { margin-left: 2; }
    """
    BINDINGS = [Binding("ctrl+s", "mark", "Mark", id="steps.mark.save", priority=True)]

    WHAT_HAPPENS = {
        "done": "It leaves the list, with today's date and your initials. Ctrl+Z on the list puts it back.",
        "not_done": "It stays on the list, marked not done, with the reason, today's date and your initials.",
        "not_needed": "It leaves the list, with today's date and your initials. Ctrl+Z on the list puts it back.",
    }
    QUESTIONS = {
        "done": "Mark this step done?",
        "not_done": "Mark this step not done?",
        "not_needed": "Mark this step no longer needed?",
    }

    def __init__(self, step: DueStep, outcome: str, initials: str) -> None:
        super().__init__()
        self.step = step
        self.outcome = outcome
        self.initials = initials

    def body(self) -> ComposeResult:
        yield Static(Content(self.QUESTIONS[self.outcome]), id="dialog-title")
        yield Static(plain(self.step.text or "(no text)") + plain(f"  ({self.step.owner})" if self.step.owner else ""),
                     id="mark-step")
        yield Static(Content(self.WHAT_HAPPENS[self.outcome]), id="mark-note")
        if self.outcome == "not_done":
            yield Label("Why was it not done?")
            yield Input(placeholder="in a few words", id="mark-why", compact=True, max_length=MAX_REASON)
        yield Label("Your initials (who says so)")
        yield Input(self.initials, placeholder="for example JR", id="mark-initials", compact=True,
                    max_length=MAX_INITIALS)
        yield Static("", id="mark-problem")
        with Horizontal():
            yield Button("Cancel", id="mark-cancel", compact=True)
            yield Button(f"Mark {OUTCOME_LABELS[self.outcome].lower()}", id="mark-ok", variant="primary",
                         compact=True)

    def on_mount(self) -> None:
        self.query_one("#mark-problem").display = False
        self.query_one("#mark-why" if self.outcome == "not_done" else "#mark-initials", Input).focus()

    @on(Input.Submitted, "#mark-why")
    def _why_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#mark-initials", Input).focus()

    @on(Input.Submitted, "#mark-initials")
    def _initials_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_mark()

    @on(Button.Pressed, "#mark-ok")
    def _ok(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_mark()

    @on(Button.Pressed, "#mark-cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_mark(self) -> None:
        from gq_pods.steps import OutcomeRefused, check_outcome

        why = self.query("#mark-why")
        reason = why.first(Input).value if why else ""
        try:
            reason, initials = check_outcome(self.outcome, reason, self.query_one("#mark-initials", Input).value)
        except OutcomeRefused as refused:
            problem = self.query_one("#mark-problem", Static)
            problem.update(Content(str(refused)))
            problem.display = True
            self.query_one("#mark-initials", Input).focus()
            return
        self.dismiss((reason, initials))


class StepTable(DataTable):
    """The steps, a row each; Home and End go to the first and last step (not sideways).

    A team's database can hold thousands of open steps: rows are added a page at a
    time (:data:`PAGE`), the next page as the cursor or the scrollbar nears the last
    row shown, so the list redraws at once after each key typed in a filter.
    """

    BINDINGS = [
        Binding("home", "scroll_top", "First step", show=False, id="steps.first"),
        Binding("end", "scroll_bottom", "Last step", show=False, id="steps.last"),
    ]

    class NearEnd(Message):
        """The cursor or the scrollbar came near the last row shown."""

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        if new.row >= self.row_count - NEAR_END:
            self.post_message(self.NearEnd())

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if new > old and new >= self.max_scroll_y - NEAR_END:
            self.post_message(self.NearEnd())


class StepsScreen(Screen):
    """The open next steps across the team's pods, soonest due first."""

    app: GqPodsApp
    DEFAULT_CSS = """
    StepsScreen #steps { height: 1fr; padding: 1 1 0 1; }
    StepsScreen #steps-title { margin-bottom: 0; }
    StepsScreen #steps-filters { height: 1; }
    StepsScreen #steps-filters Label { padding: 0 1 0 0; }
    StepsScreen #steps-owner { width: 16; margin-right: 2; }
    StepsScreen #steps-due { width: 1fr; max-width: 24; }
    StepsScreen #steps-note { height: auto; padding: 0 1 0 0; }
    StepsScreen #steps-table { height: 1fr; min-height: 4; }
    StepsScreen #steps-empty { height: auto; padding: 1 2; border: round $primary; }
    StepsScreen #steps-detail { height: auto; max-height: 5; padding: 0 1; border-top: solid $primary; }
    StepsScreen #steps-buttons { height: 1; }
    StepsScreen #steps-buttons Button { margin-right: 1; }
    """
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("enter", "open_pod", "Open pod", id="steps.open"),
        Binding("d", "mark('done')", "Done", id="steps.done"),
        Binding("n", "mark('not_done')", "Not done", id="steps.not-done"),
        # short for the key line, so quit and help still fit at 80 columns (the button says it in full)
        Binding("x", "mark('not_needed')", "Not needed", id="steps.not-needed"),
        Binding("ctrl+z", "undo", "Undo", id="steps.undo"),
        Binding("slash", "focus_filter", "Filter", id="steps.filter", show=False),
        Binding("escape", "back", "Back", id="steps.back", show=False),  # the title says it
    ]

    def __init__(self) -> None:
        super().__init__()
        #: the steps shown, in order
        self.steps: list[DueStep] = []
        #: True once the first reading is on the screen
        self.loaded = False
        #: marks made here, newest last: ctrl+z puts the last one back
        self.marks: list[Marked] = []
        self._generation = 0  # counts up with each reading; older answers are dropped
        self._select: tuple[int, int] | None = None  # (pod id, index) to keep chosen after a reading
        self._select_row = 0
        self._cells: list[tuple[str, ...]] = []  # each step's cells, as the rows show them

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="steps"):
            yield Static(Content(TITLE), id="steps-title", classes="screen-title")
            with Horizontal(id="steps-filters"):
                yield Label("Owner")
                yield Input(placeholder="anyone", id="steps-owner", compact=True, max_length=60)
                yield Label("Due before")
                yield Input(placeholder="any date, e.g. 31/12", id="steps-due", compact=True, max_length=40)
            yield Static("", id="steps-note")
            yield StepTable(id="steps-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="steps-empty")
            yield Static("", id="steps-detail")
            with Horizontal(id="steps-buttons"):
                yield Button("Open pod", id="steps-open", compact=True)
                yield Button("Done (d)", id="steps-mark-done", compact=True)
                yield Button("Not done (n)", id="steps-mark-not_done", compact=True)
                yield Button("No longer needed (x)", id="steps-mark-not_needed", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        # the buttons are for the mouse: the keyboard stays on the list, where Enter opens the pod
        for button in self.query("#steps-buttons Button"):
            button.can_focus = False
        self.query_one("#steps-empty").display = False
        self._columns()
        self.read_steps()

    def on_screen_resume(self) -> None:
        if self.loaded:  # back from a pod: its steps may have changed there
            self.read_steps()

    def on_resize(self) -> None:
        if self.loaded:
            self._fill()

    def today(self) -> dt.date:
        return self.app.wall_clock().date()

    # ------------------------------------------------------------ reading

    def filters(self) -> tuple[str | None, dt.date | None, str | None]:
        """(owner, due before, what is wrong with the date typed)."""
        owner = clean(self.query_one("#steps-owner", Input).value).strip() or None
        typed = self.query_one("#steps-due", Input).value
        if not typed.strip():
            return owner, None, None
        day, problem = read_day_or_problem(typed, self.today())
        return owner, day, problem

    def read_steps(self) -> None:
        """Read the open steps again (in a worker), keeping the chosen step chosen."""
        chosen = self.selected()
        if chosen is not None and self._select is None:
            self._select = (chosen.pod_id, chosen.index)
            self._select_row = self.query_one("#steps-table", DataTable).cursor_row
        owner, due_before, problem = self.filters()
        self._generation += 1
        if self.app.repository is None:
            return
        self._read(self._generation, owner, None if problem else due_before)

    @work(thread=True, exclusive=True, group="steps-read", exit_on_error=False)
    def _read(self, generation: int, owner: str | None, due_before: dt.date | None) -> None:
        from gq_pods.steps import order

        repository = self.app.repository
        if repository is None:
            return
        try:
            steps = order(repository.open_steps(due_before=due_before, owner=owner))
        except Exception as error:  # noqa: BLE001 - a busy or damaged database: a plain message
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._got, generation, steps)

    def _failed(self, error: Exception) -> None:
        self._say_error(error, "The steps could not be read", "Nothing was changed.")

    def _say_error(self, error: Exception, title: str, what: str) -> None:
        """A storage error in its own plain words; anything else logged (no case text) and said plainly."""
        from storage.errors import StorageError

        if isinstance(error, StorageError):
            title, message = error.title, str(error)
        else:
            message = f"{what} {crashlog.details(error)}"
        self.notify(message, title=title, severity="error", timeout=15)

    def _got(self, generation: int, steps: list[DueStep]) -> None:
        if generation != self._generation:
            return  # the filters changed meanwhile: a newer reading is on its way
        self.steps = steps
        self.loaded = True
        self._fill()

    # ------------------------------------------------------------ showing

    def _columns(self) -> None:
        table = self.query_one("#steps-table", DataTable)
        table.clear(columns=True)
        for label, key in (("Due", "due"), ("Next step", "step"), ("Owner", "owner"), ("Kind", "kind"),
                           ("Pod", "pod")):
            table.add_column(label, key=key, width=len(label))

    def _fit(self, cells: list[tuple[str, ...]]) -> None:
        """Widths that put what matters first: when it is due, the step, its owner, agreed or idea; the
        step and its pod share what is left (the step more), cut short with ... if need be."""
        table = self.query_one("#steps-table", DataTable)
        columns = table.columns
        wide = self.app.size.width >= 100

        def widest(n: int, label: str, cap: int) -> int:
            return min(cap, max([len(label), *(len(row[n]) for row in cells)]))

        widths = {"due": widest(0, "Due", 19), "owner": widest(2, "Owner", 16 if wide else 9), "kind": 6}
        # the table's width less its scrollbar and a cell's padding either side
        room = (table.size.width or self.app.size.width - 2) - 2 - 2 * len(columns) - sum(widths.values())
        step_needs, pod_needs = widest(1, "Next step", 200), widest(4, "Pod", 60)
        pod = pod_needs if step_needs + pod_needs <= room else min(pod_needs, max(room * 2 // 5, room - step_needs))
        widths["step"] = max(12, room - pod)
        widths["pod"] = max(8, room - widths["step"])
        for key, width in widths.items():
            columns[key].width = width
            columns[key].auto_width = False

    def _fill(self) -> None:
        table = self.query_one("#steps-table", DataTable)
        empty = self.query_one("#steps-empty", Static)
        today = self.today()
        table.clear()
        self._cells = [
            (due_words(step.due, today), step_words(step), step.owner or "-", kind_words(step), pod_words(step, today))
            for step in self.steps
        ]
        self._fit(self._cells)
        row = self._select_row
        if self._select is not None:
            keys = [(s.pod_id, s.index) for s in self.steps]
            row = keys.index(self._select) if self._select in keys else self._select_row
        row = max(0, min(row, len(self.steps) - 1))
        self._add_rows(up_to=row + 1)
        owner, due_before, problem = self.filters()
        table.display = bool(self.steps)
        empty.display = not self.steps
        if not self.steps:
            empty.update(Content(NONE_MATCH if owner or due_before or problem else NONE_OPEN))
        self.query_one("#steps-note", Static).update(self._note(owner, due_before, problem))
        if self.steps:
            table.move_cursor(row=row, animate=False)
            if self.focused is None:
                table.focus()
        self._select = None
        self._show_detail()
        self.refresh_bindings()

    def _add_rows(self, up_to: int = 0) -> None:
        """Add the next page of rows (or as many as reach row ``up_to``)."""
        table = self.query_one("#steps-table", DataTable)
        start = table.row_count
        end = min(len(self.steps), max(start + PAGE, up_to))
        today = self.today()
        for step, row in zip(self.steps[start:end], self._cells[start:end]):
            overdue = step.due is not None and step.due < today
            table.add_row(
                *(cell(text, "bold" if overdue and n == 0 else "") for n, text in enumerate(row)),
                key=f"{step.pod_id}:{step.index}",
            )

    def on_step_table_near_end(self) -> None:
        table = self.query_one("#steps-table", DataTable)
        near = table.cursor_row >= table.row_count - NEAR_END or table.scroll_y >= table.max_scroll_y - NEAR_END
        if near and table.row_count < len(self.steps):  # (as the list is filled again, it is not)
            self._add_rows()

    def _note(self, owner: str | None, due_before: dt.date | None, problem: str | None) -> Content:
        count = len(self.steps)
        said = Content(f"{count} open step{'s' if count != 1 else ''}")
        if owner:
            said += Content(" owned by ") + plain(owner)
        if problem:
            return said + Content(" (any date). ") + Content(problem).stylize("bold")
        said += Content(".")
        if due_before is not None:
            said += Content(f" Due before: read as {describe_day(due_before)}.")
        return said

    def _show_detail(self) -> None:
        step = self.selected()
        detail = self.query_one("#steps-detail", Static)
        detail.display = step is not None
        if step is not None:
            detail.update(details(step, self.today()))

    def selected(self) -> DueStep | None:
        table = self.query_one("#steps-table", DataTable)
        if not self.steps or not table.display:
            return None
        row = table.cursor_row
        return self.steps[row] if 0 <= row < len(self.steps) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys for a chosen step only when there is one; undo only when there is a mark to undo."""
        if action in ("open_pod", "mark") and self.selected() is None:
            return False
        if action == "undo" and not self.marks:
            return False
        return True

    # ------------------------------------------------------------ events

    @on(DataTable.RowHighlighted, "#steps-table")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected, "#steps-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_pod()

    @on(Input.Changed, "#steps-owner")
    @on(Input.Changed, "#steps-due")
    def _filters_changed(self) -> None:
        self.read_steps()

    @on(Input.Submitted, "#steps-owner")
    @on(Input.Submitted, "#steps-due")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        table = self.query_one("#steps-table", DataTable)
        if table.display:
            table.focus()

    @on(Button.Pressed, "#steps-open")
    def _open_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_open_pod()

    @on(Button.Pressed, "#steps-buttons Button")
    def _mark_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button_id = event.button.id or ""
        if button_id.startswith("steps-mark-"):
            self.action_mark(button_id.removeprefix("steps-mark-"))

    # ------------------------------------------------------------ actions

    def action_focus_filter(self) -> None:
        self.query_one("#steps-owner", Input).focus()

    def action_back(self) -> None:
        """Escape leaves a filter box for the list; from the list, back to the pods."""
        if isinstance(self.focused, Input):
            table = self.query_one("#steps-table", DataTable)
            if table.display:
                table.focus()
            else:
                self.set_focus(None)
            return
        self.dismiss()

    def action_open_pod(self) -> None:
        step = self.selected()
        if step is not None:
            self.app.open_pod(step.pod_id)

    def action_mark(self, outcome: str) -> None:
        step = self.selected()
        if step is None:
            return

        def answered(answer: tuple[str, str] | None) -> None:
            if answer is None:
                return
            reason, initials = answer
            _last_initials[self.app] = initials
            self._set_outcome(step, outcome, reason, initials, self.today())

        self.app.push_screen(MarkStepDialog(step, outcome, last_initials(self.app)), answered)

    def action_undo(self) -> None:
        if not self.marks:
            return
        mark = self.marks.pop()
        outcome, reason, by, on_day = mark.before
        self._set_outcome(mark.step, outcome, reason, by, on_day, undoing=mark)
        self.refresh_bindings()

    @work(thread=True, group="steps-mark", exit_on_error=False)
    def _set_outcome(
        self, step: DueStep, outcome: str, reason: str, by: str, on_day: dt.date | None, undoing: Marked | None = None
    ) -> None:
        """Record the outcome in the database; say what happened on the screen."""
        from gq_pods.steps import OutcomeRefused
        from storage.errors import PodNotFound

        repository = self.app.repository
        if repository is None:
            return
        try:
            # what it said before, for ctrl+z (the list shows only part of it)
            steps = repository.read_pod(step.pod_id)[0].map.next_steps
            now = next((s for s in steps[step.index:step.index + 1] if s.text == step.text), None)
            now = now or next((s for s in steps if s.text == step.text), None)
            before = (now.outcome, now.outcome_reason, now.outcome_by, now.outcome_on) if now else ("", "", "", None)
            repository.set_step_outcome(step.pod_id, step.index, outcome, reason, by, on_day, text=step.text)
        except OutcomeRefused as refused:
            self.app.call_from_thread(self._refused, str(refused), undoing)
            return
        except PodNotFound:
            self.app.call_from_thread(self._gone, undoing)
            return
        except Exception as error:  # noqa: BLE001 - a plain message, never a crash
            self.app.call_from_thread(self._not_saved, error, undoing)
            return
        self.app.call_from_thread(self._marked, step, outcome, before, undoing)

    def _marked(self, step: DueStep, outcome: str, before: tuple, undoing: Marked | None) -> None:
        if undoing is None:
            self.marks.append(Marked(step, outcome, before))
            label = OUTCOME_LABELS.get(outcome, outcome).lower()
            self.notify(f"Marked {label}. Ctrl+Z puts it back.")
        else:
            self._select = (step.pod_id, step.index)
            self.notify(f"Put back as it was: {self._state_words(before=undoing.before)}.")
        self.refresh_bindings()
        self.read_steps()

    @staticmethod
    def _state_words(before: tuple) -> str:
        outcome = before[0]
        return "not marked yet" if not outcome else f"marked {OUTCOME_LABELS.get(outcome, outcome).lower()}"

    def _refused(self, why: str, undoing: Marked | None) -> None:
        self.notify(f"Nothing was marked. {why}", severity="warning", timeout=10)
        self.read_steps()

    def _gone(self, undoing: Marked | None) -> None:
        self.notify("That step's pod is no longer there. It may have been deleted elsewhere.", severity="warning")
        self.read_steps()

    def _not_saved(self, error: Exception, undoing: Marked | None) -> None:
        if undoing is not None:  # not put back: ctrl+z can try again
            self.marks.append(undoing)
            self.refresh_bindings()
        self._say_error(error, "Not saved", "The step was not marked.")
        self.read_steps()
