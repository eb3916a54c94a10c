"""The end of a practice attempt: what the checker still finds, then the attempt beside the model.

``DoneScreen`` (ctrl+f in an attempt) lists what the checker still finds in the
learner's statements and goals, and asks whether to compare now or keep working.
Only then does ``CompareScreen`` show the model answer: each model fact, where the
model puts it and why, and where the learner put it; the items the learner placed
that match no model fact; each statement's and goal's parts, the learner's beside the
model's; the key points (a suggestion the learner can change with space); a
self-rating and what they would do differently. ctrl+s keeps it
(``Repository.record_comparison``), in a worker, and goes back to the attempt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from gq_pods.practice import Comparison, check_rating, compare

from .contracts import SavesWork
from .dialog import Dialog
from .practice_view import fact_mark, pair_heading, parts_rows, summary_words, where_words
from .text import plain

if TYPE_CHECKING:  # pragma: no cover
    from gq_pods.model import Pod
    from gq_pods.scenarios import Scenario
    from gq_pods.teamconfig import TeamConfig


class DoneScreen(Dialog[bool]):
    """Done? What the checker still finds, then compare with the model or keep working."""

    DEFAULT_CSS = """
    DoneScreen > #dialog { width: 80; max-height: 90%; }
    DoneScreen #done-list { height: auto; max-height: 14; margin: 1 0; }
    DoneScreen #done-findings { margin-bottom: 1; }
    DoneScreen Horizontal { height: auto; align-horizontal: right; }
    DoneScreen Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Keep working", id="done.cancel")]
    CANCEL = False

    def __init__(self, findings: list[str]) -> None:
        super().__init__()
        self.findings = findings

    def body(self) -> ComposeResult:
        yield Static(Content("Done with this attempt?").stylize("bold"), id="dialog-title")
        if self.findings:
            yield Static(Content("Still to do in your statements and goals:"))
            with VerticalScroll(id="done-list"):
                yield Static(Content("\n").join(plain(f"• {line}") for line in self.findings), id="done-findings")
        else:
            yield Static(Content("The checker finds no problems in your statements and goals."), id="done-findings")
        yield Static(
            Content(
                "Comparing shows the model answer beside your map and statements. You can come back "
                "to this attempt afterwards, but you will have seen the model."
            )
        )
        with Horizontal():
            yield Button("Keep working", id="keep")
            self.compare_button = Button("Compare with the model", id="compare", variant="primary")
            yield self.compare_button

    def on_mount(self) -> None:
        self.compare_button.focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "compare")


def key_point_content(point: str, covered: bool) -> Content:
    """A key point with whether it is covered, in words (never colour alone)."""
    mark = Content("[✓] covered  ") if covered else Content("[ ] missed   ")
    return mark.stylize("bold") + plain(point)


class KeyPoints(OptionList):
    """The key points, each marked covered or missed; space, enter or a click changes the one chosen."""

    BINDINGS = [Binding("space", "select", "Tick or untick", id="compare.key-point")]


def _heading(text: str) -> Static:
    return Static(Content(text).stylize("bold"), classes="compare-heading")


class CompareScreen(SavesWork, Screen[bool]):
    """The attempt beside the model answer; ctrl+s keeps the comparison. Dismisses True once saved."""

    DEFAULT_CSS = """
    CompareScreen #compare { height: 1fr; padding: 0 1; }
    CompareScreen #compare-title { text-style: bold; margin-top: 1; }
    CompareScreen #compare-summary { margin: 1 0; padding: 0 1; border-left: thick $primary; }
    CompareScreen .compare-heading { margin-top: 1; background: $panel; padding: 0 1; }
    CompareScreen .fact { margin-top: 1; }
    CompareScreen .fact-detail { padding-left: 2; }
    CompareScreen .pair { margin-top: 1; }
    CompareScreen #key-points { height: auto; max-height: 24; border: round $primary; }
    CompareScreen #key-points:focus { border: round $accent; }
    CompareScreen #rating { width: 16; }
    CompareScreen #do-differently { height: 6; }
    CompareScreen #compare-buttons { height: auto; margin: 1 0; }
    CompareScreen #compare-buttons Button { margin-right: 2; }
    CompareScreen #compare-error { color: $error; text-style: bold; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save and go back", id="compare.save", priority=True),
        Binding("escape", "back", "Back to the attempt", id="compare.back"),
    ]

    def __init__(self, pod_id: int, pod: Pod, scenario: Scenario, team: TeamConfig) -> None:
        super().__init__()
        self.pod_id = pod_id
        self.scenario = scenario
        self.team = team
        self.comparison: Comparison = compare(pod, scenario)
        self._saving = False
        self._saved = False

    def label(self, section: str) -> str:
        return self.team.label(section)

    def compose(self) -> ComposeResult:
        c = self.comparison
        yield Header()
        with VerticalScroll(id="compare"):
            yield Static(Content("Your attempt beside the model answer: ") + plain(self.scenario.title), id="compare-title")
            yield Static(Content(summary_words(c)), id="compare-summary")

            yield _heading("The map: each fact of the model answer")
            yield Static(Content("✓ placed as the model does   ~ placed in another section   ✗ not placed"))
            for fact in c.facts:
                yield Static(Content(f"{fact_mark(fact)} ").stylize("bold") + plain(fact.fact), classes="fact")
                model = Content("Model: ").stylize("bold") + plain(self.label(fact.model_section))
                yield Static(model + Content(". ") + plain(fact.reason), classes="fact-detail")
                yield Static(plain(where_words(fact, self.label)), classes="fact-detail")
            if c.unmatched_items:
                yield _heading("On your map, matching no fact of the model")
                yield Static(
                    Content("\n").join(
                        Content("• ") + plain(self.label(section)).stylize("bold") + Content(": ") + plain(text)
                        for section, text in c.unmatched_items
                    ),
                    id="compare-unmatched",
                )

            yield _heading("Danger statements and safety goals: their parts, yours and the model's")
            number = 0
            for result in c.pairs:
                if result.kind == "danger_statement":
                    number += 1
                yield Static(self._pair_content(result, number), classes="pair")

            yield _heading("Key points of a good answer")
            yield Static(
                Content(
                    "Marked covered where your words seem to cover it. It is a suggestion: space, "
                    "enter or a click changes the one chosen."
                )
            )
            yield KeyPoints(*(Option(key_point_content(k.point, k.covered)) for k in c.key_points), id="key-points")

            yield _heading("How did you do?")
            yield Label(Content("Your own rating of this attempt, 0 to 10 (leave it empty if you prefer):"))
            yield Input(placeholder="0 to 10", id="rating", max_length=2)
            yield Label(Content("What would you do differently next time?"))
            yield TextArea(id="do-differently", soft_wrap=True, show_line_numbers=False)
            yield Static(id="compare-error")
            with Horizontal(id="compare-buttons"):
                yield Button("Save (ctrl+s)", id="compare-save", variant="primary")
                yield Button("Back to the attempt (escape)", id="compare-back")
        yield Footer()

    def _pair_content(self, result, number: int) -> Content:
        head = Content(pair_heading(result, number)).stylize("bold")
        yours = plain(result.learner_text) if result.learner_text.strip() else Content("(not written)").stylize("italic")
        model = plain(result.model_text) if result.model_text.strip() else Content("(the model has no more)").stylize("italic")
        lines = [head, Content("Yours: ").stylize("bold") + yours, Content("Model: ").stylize("bold") + model]
        rows = parts_rows(result)
        if rows:
            width = max(len(name) for name, _, _ in rows)
            lines.append(Content(f"  {'Part':<{width}}  Yours  Model").stylize("bold"))
            lines += [Content(f"  {name:<{width}}    {mine}      {theirs}") for name, mine, theirs in rows]
        if result.learner_text.strip():
            problems = result.problems
            lines.append(Content(f"  The checker finds {problems} problem{'s' if problems != 1 else ''} in yours."))
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        self.query_one("#compare", VerticalScroll).focus()

    # ------------------------------------------------------------ key points

    @on(OptionList.OptionSelected, "#key-points")
    def _key_point_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        covered = not self.comparison.key_points[index].covered
        self.comparison = self.comparison.with_key_point(index, covered)
        point = self.comparison.key_points[index].point
        event.option_list.replace_option_prompt_at_index(index, key_point_content(point, covered))
        self.query_one("#compare-summary", Static).update(Content(summary_words(self.comparison)))

    # ------------------------------------------------------------ saving

    def _rating(self) -> tuple[int | None, str]:
        text = self.query_one("#rating", Input).value.strip()
        if not text:
            return None, ""
        try:
            return check_rating(int(text)), ""
        except ValueError:
            return None, "Your rating is a whole number from 0 to 10, or leave it empty."

    @on(Button.Pressed, "#compare-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#compare-back")
    def _back_pressed(self) -> None:
        self.action_back()

    def action_save(self) -> None:
        if self._saving:
            return
        rating, problem = self._rating()
        error = self.query_one("#compare-error", Static)
        error.update(Content(problem))
        if problem:
            self.query_one("#rating", Input).focus()
            return
        if self.app.repository is None:
            self.notify("The database is still opening. Try again in a moment.", severity="warning")
            return
        self._saving = True
        self._record(rating, self.query_one("#do-differently", TextArea).text)

    @work(thread=True, exclusive=True, group="compare-save", exit_on_error=False)
    def _record(self, rating: int | None, do_differently: str) -> None:
        repo = self.app.repository
        try:
            assert repo is not None
            repo.record_comparison(self.pod_id, self.comparison, rating, do_differently)
            outcome = ""
        except ValueError as error:  # a rating or a text out of bounds: its own plain words
            outcome = str(error)
        except Exception as error:  # noqa: BLE001 - a plain message, details in the log
            from gq_pods import crashlog

            crashlog.write(error)
            outcome = "The comparison could not be saved. Nothing was lost: try ctrl+s again in a moment."
        try:
            self.app.call_from_thread(self._recorded, outcome)
        except RuntimeError:  # the app is closing
            pass

    def _recorded(self, problem: str) -> None:
        self._saving = False
        if problem:
            self.query_one("#compare-error", Static).update(plain(problem))
            self.notify(problem, severity="error", title="Not saved")
            return
        self._saved = True
        self.notify("Comparison saved. Your progress is in Practice: press g there.", title="Saved")
        self.dismiss(True)

    def save_now(self) -> bool:
        """On quit: keep the rating and words typed here, as the pod screens keep theirs.

        Nothing typed, or already saved: nothing to do. A rating that is not 0 to 10 cannot
        be kept, so the app says the change was not saved and asks before quitting.
        """
        if self._saved or not self._typed():
            return True
        rating, problem = self._rating()
        repo = self.app.repository
        if problem or repo is None:
            return False
        try:
            repo.record_comparison(
                self.pod_id, self.comparison, rating, self.query_one("#do-differently", TextArea).text
            )
        except Exception as error:  # noqa: BLE001 - the app says it was not saved; details in the log
            from gq_pods import crashlog

            crashlog.write(error)
            return False
        self._saved = True
        return True

    def _typed(self) -> bool:
        return bool(self.query_one("#rating", Input).value.strip() or self.query_one("#do-differently", TextArea).text.strip())

    def action_back(self) -> None:
        if self._saved or not self._typed():
            self.dismiss(False)
            return
        from .confirm import ConfirmScreen

        def answer(leave: bool | None) -> None:
            if leave:
                self.dismiss(False)

        self.app.push_screen(
            ConfirmScreen(
                Content("Go back without saving your rating and what you would do differently?"),
                confirm_label="Go back without saving",
                cancel_label="Stay",
            ),
            answer,
        )
