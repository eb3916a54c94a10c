"""New pod: the style, the date, the team, the case, the reason, and who is there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, Select, Static

from gq_pods.model import CASE_REASONS, ROLES, STYLE_LABELS, STYLE_NOTES, STYLES, Participant, Pod
from gq_pods.days import read_day_or_problem
from gq_pods.rules import problems

from .controls import TickBox
from .text import read_as

if TYPE_CHECKING:  # pragma: no cover
    from .app import GqPodsApp

ROLE_OPTIONS = [(role.capitalize(), role) for role in ROLES]
REASON_NOTES = {
    "new": "New: a case the team has not mapped yet",
    "stuck": "Stuck: the work is not moving",
    "challenging": "Challenging: hard for the worker or the team",
}
MAX_PARTICIPANTS = 30


class ParticipantRow(Horizontal):
    """One person at the pod: name or initials, and their role."""

    def __init__(self, name: str = "", role: str = "member") -> None:
        super().__init__(classes="participant")
        self._name = name
        self._role = role

    def compose(self) -> ComposeResult:
        yield Input(self._name, placeholder="Name or initials", classes="participant-name", compact=True)
        yield Select(ROLE_OPTIONS, value=self._role, allow_blank=False, classes="participant-role", compact=True)
        yield Button("Remove", classes="remove-participant", compact=True)

    @property
    def participant(self) -> Participant:
        name = self.query_one(".participant-name", Input).value.strip()
        role = self.query_one(".participant-role", Select).value
        return Participant(name=name, role=str(role))


async def add_participant_row(rows: Vertical) -> None:
    """Add an empty person row to ``rows`` and put the cursor in it (within reason).
    Awaited, so a name typed straight after ctrl+n goes into the new row."""
    if len(rows.query(ParticipantRow)) >= MAX_PARTICIPANTS:
        rows.notify("That is a lot of people for one pod.", severity="warning")
        return
    row = ParticipantRow()
    await rows.mount(row)
    row.query_one(Input).focus()


class NewPodScreen(Screen):
    """Set up a pod. Creating it opens it."""

    app: GqPodsApp
    BINDINGS = [
        Binding("ctrl+s", "create", "Create pod", id="new.create", priority=True),
        Binding("escape", "cancel", "Cancel", id="new.cancel"),
        Binding("ctrl+n", "add_participant", "Add person", id="new.add-participant"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="new-pod"):
            yield Static(Content("New pod"), classes="screen-title")
            yield Label("How will the pod run?", classes="field-label")
            yield Select(
                [(STYLE_LABELS[style], style) for style in STYLES],
                value="group_supervision",
                allow_blank=False,
                id="style",
                compact=True,
            )
            yield Static(Content(STYLE_NOTES["group_supervision"]), id="style-note", classes="note")
            with Horizontal(classes="field-row"):
                with Vertical(classes="field"):
                    yield Label("Date (e.g. 20/11/2026, today)", classes="field-label")
                    yield Input(self.app.wall_clock().date().isoformat(), id="date", compact=True)
                    yield Static(read_as(self.app.wall_clock().date()), id="date-read")
                with Vertical(classes="field"):
                    yield Label("Team", classes="field-label")
                    yield Input(placeholder="e.g. North Locality Team", id="team", compact=True)
            yield Label("Case reference (initials or a pseudonym, not full names)", classes="field-label")
            yield Input(placeholder="e.g. Family C", id="case-reference", compact=True)
            yield Label("Why is this case coming to the pod?", classes="field-label")
            yield Select(
                [(REASON_NOTES[reason], reason) for reason in CASE_REASONS],
                value="new",
                allow_blank=False,
                id="reason",
                compact=True,
            )
            yield Label("Who is here", classes="field-label")
            with Vertical(id="participants"):
                yield ParticipantRow(role="facilitator")
                yield ParticipantRow(role="presenter")
            yield Button("Add person (ctrl+n)", id="add-participant", compact=True)
            yield TickBox("The team manager is here (next steps can be agreed)", id="manager-present", compact=True)
            yield Static(
                Content("Without the manager, next steps are ideas for the presenter to take to supervision."),
                id="manager-note",
                classes="note",
            )
            yield TickBox("Practice pod (practising mapping, not a live case)", id="practice", compact=True)
            yield Static("", id="form-error", classes="error")
            with Horizontal(id="form-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Create pod (ctrl+s)", id="create", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#style", Select).focus()

    # ------------------------------------------------------------ reading the form

    def chosen(self, select_id: str) -> str:
        return str(self.query_one(f"#{select_id}", Select).value)

    def build_pod(self) -> tuple[Pod | None, str]:
        """The pod the form describes, or None and what to fix."""
        date_text = self.query_one("#date", Input).value
        date, problem = read_day_or_problem(date_text, self.app.wall_clock().date())
        if date is None:
            return None, problem or ""
        participants = [row.participant for row in self.query(ParticipantRow)]
        participants = [p for p in participants if p.name]
        pod = Pod(
            date=date,
            style=self.chosen("style"),
            team=self.query_one("#team", Input).value.strip(),
            case_reason=self.chosen("reason"),
            case_reference=self.query_one("#case-reference", Input).value.strip(),
            manager_present=self.query_one("#manager-present", Checkbox).value,
            practice=self.query_one("#practice", Checkbox).value,
            participants=participants,
        )
        found = problems(pod)
        if found:
            return None, found[0].message
        return pod, ""

    # ------------------------------------------------------------ events

    @on(Input.Changed, "#date")
    def _date_changed(self, event: Input.Changed) -> None:
        date, problem = read_day_or_problem(event.value, self.app.wall_clock().date())
        self.query_one("#date-read", Static).update(read_as(date, problem))

    @on(Select.Changed, "#style")
    def _style_changed(self) -> None:
        style = self.chosen("style")
        self.query_one("#style-note", Static).update(Content(STYLE_NOTES[style]))

    @on(Select.Changed, ".participant-role")
    def _role_changed(self, event: Select.Changed) -> None:
        if event.value == "manager":
            self.query_one("#manager-present", Checkbox).value = True

    @on(Button.Pressed, "#add-participant")
    async def _add_pressed(self) -> None:
        await self.action_add_participant()

    @on(Button.Pressed, ".remove-participant")
    def _remove_pressed(self, event: Button.Pressed) -> None:
        row = event.button.parent
        if isinstance(row, ParticipantRow):
            row.remove()

    @on(Button.Pressed, "#create")
    def _create_pressed(self) -> None:
        self.action_create()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    # ------------------------------------------------------------ actions

    async def action_add_participant(self) -> None:
        await add_participant_row(self.query_one("#participants", Vertical))

    def action_cancel(self) -> None:
        self.dismiss()

    def action_create(self) -> None:
        error = self.query_one("#form-error", Static)
        pod, why = self.build_pod()
        if pod is None:
            error.update(Content(why))
            self.notify(why, severity="error", title="Not created yet")
            return
        repo = self.app.repository
        if repo is None:
            self.notify("The pods are still opening. Try again in a moment.", severity="warning")
            return
        pod_id = repo.add_pod(pod)
        self.notify("Pod created and saved.")
        self.dismiss()
        self.app.open_pod(pod_id)
