"""The pod itself: set-up details that can change once the pod has started.

The set-up stage asks who is here and whether the manager is; people arrive
late and a slip in the new-pod form must be mendable. Every change is saved as
it is typed. Unticking "the manager is here" turns agreed next steps back into
ideas for supervision (the practice's rule), says so, and ctrl+z undoes it.
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from gq_pods.model import CASE_REASONS, STATUS_LABELS, Pod
from gq_pods.days import describe_day, read_day_or_problem

from .new_pod import REASON_NOTES, ParticipantRow, add_participant_row
from .controls import TickBox
from .text import read_as
from .workspace import PodPanel


def manager_note(pod: Pod) -> Content:
    """Whether next steps can be agreed, and the pod's status, in words."""
    status = STATUS_LABELS.get(pod.status, pod.status) + (" (practice pod)" if pod.practice else "")
    if pod.manager_present:
        note = "The manager is here: next steps can be agreed."
    else:
        note = "No manager here: next steps are ideas for the presenter to take to supervision, not decisions."
    return Content(f"{note}\nStatus: {status}")


class DetailsPanel(PodPanel):
    """What the pod is, who is here, and whether the manager is."""

    def compose(self) -> ComposeResult:
        pod = self.pod
        with VerticalScroll():
            with Horizontal(classes="details-row"):
                with Vertical(classes="details-field"):
                    yield Label("Team", classes="field-label")
                    yield Input(pod.team, id="details-team", compact=True)
                with Vertical(classes="details-field"):
                    yield Label("Case reference (initials or a pseudonym)", classes="field-label")
                    yield Input(pod.case_reference, id="details-case", compact=True)
            with Horizontal(classes="details-row"):
                with Vertical(classes="details-field"):
                    yield Label("Date (for example 20/11/2026, 20 Nov or today)", classes="field-label")
                    yield Input(pod.date.isoformat(), id="details-date", compact=True)
                    yield Static(read_as(pod.date), id="details-date-read", classes="edit-hint")
                with Vertical(classes="details-field"):
                    yield Label("Why the case is here", classes="field-label")
                    yield Select(
                        [(REASON_NOTES[r].split(":")[0], r) for r in CASE_REASONS],
                        value=pod.case_reason,
                        allow_blank=False,
                        id="details-reason",
                        compact=True,
                    )
            yield Static("", id="details-date-error")
            yield TickBox(
                "The team manager is here (next steps can be agreed)",
                pod.manager_present,
                id="details-manager",
                compact=True,
            )
            yield TickBox(
                "Practice pod (practising mapping, not a live case)", pod.practice, id="details-practice", compact=True
            )
            yield Label("The manager's decision (recorded only while the manager is here)", classes="field-label")
            yield Input(pod.manager_decision, id="details-decision", compact=True)
            with Horizontal(classes="details-row"):
                with Vertical(classes="details-field"):
                    yield Label("Record written by", classes="field-label")
                    yield Input(pod.record_author, id="details-author", compact=True)
                with Vertical(classes="details-field"):
                    yield Label("Next pod or review (for example 18/12/2026 or in two weeks)", classes="field-label")
                    yield Input(pod.next_review.isoformat() if pod.next_review else "", id="details-review", compact=True)
                    yield Static(read_as(pod.next_review), id="details-review-read", classes="edit-hint")
            yield Label("Who is here", classes="field-label")
            with Vertical(id="details-participants"):
                for person in pod.participants:
                    yield ParticipantRow(person.name, person.role)
            yield Button("Add person", id="details-add", compact=True)
            yield Static(id="pod-details")

    def on_mount(self) -> None:
        self.query_one("#pod-details", Static).update(manager_note(self.pod))
        # the date before the typing began: a half-typed date that read as a day ("12/3" of
        # "12/31/2026") is put back to it when the whole turns out not to be one
        self.date_before = self.pod.date
        self.review_before = self.pod.next_review

    def on_descendant_focus(self, event) -> None:
        if getattr(event.widget, "id", None) == "details-date":
            self.date_before = self.pod.date
        if getattr(event.widget, "id", None) == "details-review":
            self.review_before = self.pod.next_review

    def today(self) -> dt.date:
        return self.app.wall_clock().date()

    def focus_work(self, work: str) -> None:
        self.query_one("#details-manager", Checkbox).focus()

    def show_pod(self) -> None:
        """After undo: put every box back to what the pod says."""
        pod = self.pod
        review = pod.next_review.isoformat() if pod.next_review else ""
        for selector, value in (("#details-team", pod.team), ("#details-case", pod.case_reference),
                                ("#details-date", pod.date.isoformat()), ("#details-author", pod.record_author),
                                ("#details-decision", pod.manager_decision), ("#details-review", review)):
            box = self.query_one(selector, Input)
            if box.value != value:
                with box.prevent(Input.Changed):
                    box.value = value
        for selector, flag in (("#details-manager", pod.manager_present), ("#details-practice", pod.practice)):
            box = self.query_one(selector, Checkbox)
            if box.value != flag:
                with box.prevent(Checkbox.Changed):
                    box.value = flag
        reason = self.query_one("#details-reason", Select)
        if reason.value != pod.case_reason:
            with reason.prevent(Select.Changed):
                reason.value = pod.case_reason
        rows = self.query_one("#details-participants", Vertical)
        shown = [row.participant for row in self.query(ParticipantRow)]
        self.query_one("#details-date-read", Static).update(read_as(pod.date))
        self.date_before = pod.date
        self.review_before = pod.next_review
        self.query_one("#details-review-read", Static).update(read_as(pod.next_review))
        self.query_one("#details-date-error", Static).update("")
        if shown != [p for p in pod.participants]:
            rows.remove_children()
            rows.mount_all([ParticipantRow(p.name, p.role) for p in pod.participants])
        self.query_one("#pod-details", Static).update(manager_note(pod))

    # ------------------------------------------------------------ changes

    def changed(self) -> None:
        self.query_one("#pod-details", Static).update(manager_note(self.pod))

    @on(Input.Changed, "#details-team")
    def _team(self, event: Input.Changed) -> None:
        self.session.set_pod("team", event.value.strip())
        self.changed()

    @on(Input.Changed, "#details-case")
    def _case(self, event: Input.Changed) -> None:
        self.session.set_pod("case_reference", event.value.strip())
        self.changed()

    @on(Input.Changed, "#details-date")
    def _date(self, event: Input.Changed) -> None:
        error = self.query_one("#details-date-error", Static)
        read = self.query_one("#details-date-read", Static)
        date, problem = read_day_or_problem(event.value, self.today())
        if date is None:
            error.update(Content(f"{problem} The date is not changed until it can be read."))
            read.update(Content(f"Still {describe_day(self.date_before)}"))
            if self.session.set_pod("date", self.date_before):
                self.changed()
            return
        error.update("")
        read.update(read_as(date))
        if self.session.set_pod("date", date):
            self.changed()

    @on(Input.Changed, "#details-author")
    def _author(self, event: Input.Changed) -> None:
        self.session.set_pod("record_author", event.value.strip())

    @on(Input.Changed, "#details-decision")
    def _decision(self, event: Input.Changed) -> None:
        self.session.set_pod("manager_decision", event.value.strip())

    @on(Input.Changed, "#details-review")
    def _review(self, event: Input.Changed) -> None:
        read = self.query_one("#details-review-read", Static)
        if not event.value.strip():
            read.update("")
            self.session.set_pod("next_review", None)
            return
        day, problem = read_day_or_problem(event.value, self.today())
        read.update(read_as(day, problem))
        # a half-typed date that read as a day goes back to the one before the typing
        self.session.set_pod("next_review", day if day is not None else self.review_before)

    @on(Select.Changed, "#details-reason")
    def _reason(self, event: Select.Changed) -> None:
        if event.value in CASE_REASONS and self.session.set_pod("case_reason", str(event.value)):
            self.changed()

    @on(Checkbox.Changed, "#details-practice")
    def _practice(self, event: Checkbox.Changed) -> None:
        self.session.set_pod("practice", event.value)
        self.changed()

    @on(Checkbox.Changed, "#details-manager")
    def _manager(self, event: Checkbox.Changed) -> None:
        self.set_manager_present(event.value)

    def set_manager_present(self, present: bool) -> None:
        if present == self.pod.manager_present:
            return
        count = self.session.set_manager_present(present)
        if count:
            self.notify(
                f"Without the manager, {count} agreed next step{'s are' if count != 1 else ' is'} now "
                "an idea for supervision. ctrl+z undoes this.",
                timeout=6,
            )
        # The other tabs redraw from the session when they are next shown.
        self.changed()

    @on(Input.Changed, ".participant-name")
    @on(Select.Changed, ".participant-role")
    def _participants(self, event: Input.Changed | Select.Changed) -> None:
        event.stop()
        self._read_participants()
        if isinstance(event, Select.Changed) and event.value == "manager":
            self.query_one("#details-manager", Checkbox).value = True

    def _read_participants(self) -> None:
        if self.session.set_participants([row.participant for row in self.query(ParticipantRow)]):
            self.changed()

    @on(Button.Pressed, "#details-add")
    async def _add(self, event: Button.Pressed) -> None:
        event.stop()
        await add_participant_row(self.query_one("#details-participants", Vertical))

    @on(Button.Pressed, ".remove-participant")
    def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        row = event.button.parent
        if isinstance(row, ParticipantRow):
            name = row.participant.name
            self.session.checkpoint("Remove a person")
            row.remove()
            self.call_after_refresh(self._read_participants)
            if name:
                self.notify(f"Removed {name}. ctrl+z brings them back.")

