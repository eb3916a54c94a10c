"""Following up a case: starting a follow-up pod, and asking about last time's next steps.

"Follow up" (a pod's ctrl+t, the pods list's ``f``) asks first, then stores a new pod
for the same case (Repository.follow_up, in a worker) and opens it. The new pod
carries over the people, the map (each item to review), the statements and goals;
when it opens, ``StepsDialog`` asks about each next step from the pod it follows:
done, not done (and why) or no longer needed, and who says so. Escape leaves them
for later (ctrl+l asks again); the answers are saved on the pod they belong to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from gq_pods import scaling
from gq_pods.model import OUTCOME_LABELS, NextStep, Pod, ScaleScore

from .dialog import Dialog
from .edit_form import EditForm, FormProblem
from .text import plain

NOT_ASKED = "later"  # the choice for a step not answered now
STEPS_NOTE = (
    "Was each step from last time done? Leave a step as 'Answer later' to come back to it: "
    "ctrl+l in the pod asks again."
)
STEPS_HINT = "Tab: next · ctrl+s: save · esc: later"


def short_day(day: dt.date) -> str:
    """3 Nov: the day a chart or a 'last time' line names."""
    return f"{day.day} {day:%b}"


def long_day(day: dt.date) -> str:
    """3 November 2026."""
    return f"{day.day} {day:%B %Y}"


def case_name(pod: Pod) -> str:
    return pod.case_reference or pod.title or "this case"


# ---------------------------------------------------------------- starting a follow-up


def follow_up_question(name: str) -> Content:
    return (
        Content("Start a follow-up pod for ")
        + plain(name).stylize("bold")
        + Content(
            "?\n\nIt follows on from the case's latest pod: it carries over the people, the map, the "
            "statements and goals, and asks about last time's next steps. That pod stays as it is."
        )
    )


class FollowUpConfirm(Dialog[bool]):
    """Ask before starting a follow-up pod. Nothing is lost by going ahead, so the keyboard
    starts on "Start follow-up" (and the box is not in the colour of a delete)."""

    DEFAULT_CSS = """
    FollowUpConfirm #question { margin-bottom: 1; }
    FollowUpConfirm Horizontal { height: auto; align-horizontal: right; }
    FollowUpConfirm Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("y", "confirm", "Yes", id="follow-up.yes", show=False),
        Binding("n", "cancel", "No", id="follow-up.no", show=False),
    ]
    CANCEL = False

    def __init__(self, name: str) -> None:
        super().__init__()
        self.case = name

    def body(self) -> ComposeResult:
        yield Static(follow_up_question(self.case), id="question")
        with Horizontal():
            yield Button("Not now", id="cancel")
            self.confirm_button = Button("Start follow-up", id="confirm", variant="primary")
            yield self.confirm_button

    def on_mount(self) -> None:
        self.confirm_button.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm")

    def action_confirm(self) -> None:
        self.dismiss(True)


def start_follow_up(screen: Screen, pod_id: int, name: str, opened: Callable[[int], None]) -> None:
    """Ask, then store a follow-up of ``pod_id`` (in a worker) and hand its id to ``opened``."""
    app = screen.app

    def store() -> None:
        repo = getattr(app, "repository", None)
        if repo is None:
            return
        today = app.wall_clock().date() if hasattr(app, "wall_clock") else None
        try:
            new_id = repo.follow_up(pod_id, today)
        except Exception as error:  # noqa: BLE001 - said plainly, never a crash
            from storage.errors import PodNotFound, StorageError

            if isinstance(error, PodNotFound):
                message, title = "That pod is no longer there. It may have been deleted elsewhere.", ""
            elif isinstance(error, StorageError):
                message, title = str(error), error.title
            else:
                from gq_pods import crashlog

                crashlog.write(error)
                message, title = "The follow-up pod could not be started. Nothing was changed.", ""
            app.call_from_thread(app.notify, message, title=title, severity="error", timeout=10)
            return
        app.call_from_thread(opened, new_id)

    def answered(yes: bool | None) -> None:
        if yes:
            screen.run_worker(store, thread=True, group="follow-up", exit_on_error=False)

    app.push_screen(FollowUpConfirm(name), answered)


# ---------------------------------------------------------------- last time's next steps


@dataclass(frozen=True)
class StepAnswer:
    """What the group said about one of last time's next steps."""

    index: int  # the step's place in last time's next steps
    outcome: str  # one of gq_pods.model.OUTCOMES
    reason: str
    by: str  # initials
    text: str = ""  # the step's words as asked about: found by them if last time's list has changed since


def step_words(step: NextStep) -> Content:
    """A step from last time as the dialog shows it: what, who and by when."""
    text = plain(step.text) if step.text.strip() else Content("(nothing written)")
    owner = plain(step.owner) if step.owner.strip() else Content("nobody named")
    due = long_day(step.due) if step.due else "no date"
    kind = "Agreed" if step.status == "agreed" else "Idea"
    return text.stylize("bold") + Content("\n") + Content("Owner: ") + owner + Content(f"  ·  Due: {due}  ·  {kind}")


class StepsDialog(EditForm[list[StepAnswer]]):
    """Each next step from last time: done, not done (why), or no longer needed, and who says so."""

    DEFAULT_CSS = """
    StepsDialog > #dialog { width: 96; max-height: 100%; }
    StepsDialog #form-fields { max-height: 70vh; }  /* many steps scroll; Save and Later stay in view */
    StepsDialog .step { height: auto; margin-bottom: 1; border-left: thick $primary; padding: 0 0 0 1; }
    StepsDialog .step-words { height: auto; }
    StepsDialog .step-row { height: auto; }
    StepsDialog .step-words { margin-bottom: 1; }
    StepsDialog .step-row Label { width: auto; padding: 0 1 0 0; text-style: bold; }
    StepsDialog .step-row Select { width: 24; margin-right: 2; }
    StepsDialog .step-by { width: 10; }
    StepsDialog .step-why { width: 1fr; }
    StepsDialog .step-why-row.-hidden { display: none; }
    StepsDialog #steps-note { height: auto; margin-bottom: 1; }
    """

    def __init__(self, previous: Pod, steps: list[tuple[int, NextStep]]) -> None:
        super().__init__(f"Last time's next steps (the pod on {long_day(previous.date)})", save_label="Save answers")
        self.steps = steps
        self._last_by = ""

    def fields(self) -> ComposeResult:
        yield Static(Content(STEPS_NOTE), id="steps-note")
        choices = [("Answer later", NOT_ASKED)] + [(label, key) for key, label in OUTCOME_LABELS.items()]
        for n, (_, step) in enumerate(self.steps, start=1):
            with Vertical(classes="step", id=f"step-{n}"):
                yield Static(Content(f"{n}. ") + step_words(step), classes="step-words")
                with Horizontal(classes="step-row"):
                    yield Label(Content("Was it done?"))
                    yield Select(choices, value=NOT_ASKED, allow_blank=False, id=f"outcome-{n}", compact=True)
                    yield Label(Content("Who says (initials)"))
                    yield Input(placeholder="e.g. KB", id=f"by-{n}", classes="step-by", compact=True)
                with Horizontal(classes="step-row step-why-row -hidden", id=f"why-row-{n}"):
                    yield Label(Content("Why not done?"))
                    yield Input(id=f"why-{n}", classes="step-why", compact=True)

    def on_mount(self) -> None:
        self.query_one("#form-cancel", Button).label = "Later"
        self.query_one("#form-hint", Static).update(Content(STEPS_HINT))
        self.query_one("#outcome-1", Select).focus()

    @on(Select.Changed)
    def _answered(self, event: Select.Changed) -> None:
        event.stop()
        n = (event.select.id or "").removeprefix("outcome-")
        if not n.isdigit():
            return
        self.query_one(f"#why-row-{n}").set_class(event.value != "not_done", "-hidden")
        by = self.query_one(f"#by-{n}", Input)
        if event.value != NOT_ASKED and not by.value and self._last_by:
            by.value = self._last_by  # usually the same person answers several

    @on(Input.Changed, ".step-by")
    def _initials_typed(self, event: Input.Changed) -> None:
        if event.value.strip():
            self._last_by = event.value.strip()

    def collect(self) -> list[StepAnswer]:
        from gq_pods.steps import OutcomeRefused, check_outcome

        answers = []
        for n, (index, step) in enumerate(self.steps, start=1):
            outcome = self.query_one(f"#outcome-{n}", Select).value
            if not isinstance(outcome, str) or outcome == NOT_ASKED:
                continue
            by = self.query_one(f"#by-{n}", Input).value.strip()
            if not by:
                raise FormProblem(f"Who says step {n} is {OUTCOME_LABELS[outcome].lower()}? Give their initials.", f"by-{n}")
            reason = self.query_one(f"#why-{n}", Input).value.strip() if outcome == "not_done" else ""
            try:
                reason, by = check_outcome(outcome, reason, by)
            except OutcomeRefused as refused:
                raise FormProblem(f"Step {n}: {refused}", f"by-{n}") from None
            answers.append(StepAnswer(index, outcome, reason, by, step.text))
        return answers


# ---------------------------------------------------------------- last time's scores


def last_time_words(previous: Pod, scores: list[ScaleScore]) -> str:
    """'Last time (3 Nov): 3, 4, 4 — median 4', or that this scale had no scores then."""
    when = short_day(previous.date)
    found = scaling.spread(scores)
    if found is None:
        return f"Last time ({when}): no scores on this scale."
    values = ", ".join(str(s.score) for s in sorted(scores, key=lambda s: s.score))
    return f"Last time ({when}): {values} — median {found.median:g}"
