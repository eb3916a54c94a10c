"""Scaling: everyone's score on the safety scale, with their reasons.

One scale overall and one per danger statement (with its safety goal). Two
ways to collect, kept with the pod (gq_pods/scaling.py):

- presenter first: the presenter scores, then each member in turn, every score
  shown as it is given;
- hidden, then revealed: scores are typed without being shown (the screen
  says "entered", never the number, and the score box hides what is typed),
  then one key shows them all together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import get_character_cell_size
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from gq_pods import scaling
from gq_pods.compose import compose_statement, statement_headline
from gq_pods.model import ScaleScore
from gq_pods.rules import singular
from gq_pods.stages import solo_question
from gq_pods.session import UndoStep

from .edit_form import EditForm, FormProblem, field_row
from .text import plain, visible
from .workspace import PodPanel

if TYPE_CHECKING:  # pragma: no cover
    from gq_pods.model import Scale

NOT_LOWER = "What puts it at that number and not lower?"
UP_ONE = "What would move it up one point?"
HIDDEN_NOTE = (
    "Only the score now. It is hidden as you type and nobody sees it until the reveal; "
    "reasons are added after the reveal, when the group talks them through."
)
CRAMPED_HEIGHT = 30  # rows: below this the panel packs itself tighter
TINY_HEIGHT = 20  # rows: below this the question takes one line and the buttons go (their keys stay)
MODE_OPTIONS = [(label, mode) for mode, label in scaling.MODE_LABELS.items()]


def short(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class ScaleLine(Widget):
    """The scores on the 0 to 10 line, each person's initials under their score."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pairs: list[tuple[str, int]] = []

    def show(self, pairs: list[tuple[str, int]]) -> None:
        self.pairs = pairs
        self.refresh(layout=True)

    def lines(self, width: int) -> list[str]:
        return scaling.scale_line(self.pairs, max(width, 1), get_character_cell_size)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n".join(self.lines(self.content_region.width or self.size.width)))


class ScoreForm(EditForm[ScaleScore]):
    """One person's score and reasons. When scores are hidden: the score only, hidden as typed."""

    def __init__(self, title: str, score: ScaleScore, *, ask_who: bool, hidden: bool, new: bool = False) -> None:
        super().__init__(title)
        self.score = score
        self.ask_who = ask_who
        self.hidden = hidden
        self.new = new

    def fields(self) -> ComposeResult:
        score = self.score
        if self.ask_who:
            yield field_row("Who (initials)", Input(score.who, placeholder="e.g. KB", id="score-who", compact=True))
        yield field_row(
            "Score (0 to 10)",
            Input(
                "" if self.new else str(score.score),
                placeholder="0 to 10",
                id="score-value",
                password=self.hidden,
                compact=True,
            ),
        )
        if self.hidden:
            yield Static(Content(HIDDEN_NOTE), classes="form-note")
            return
        with Vertical(classes="form-block"):
            yield Label(Content(NOT_LOWER), classes="form-block-label")
            yield TextArea(score.reason, id="score-reason", compact=True)
        with Vertical(classes="form-block"):
            yield Label(Content(UP_ONE), classes="form-block-label")
            yield TextArea(score.next_point, id="score-next", compact=True)

    def collect(self) -> ScaleScore:
        who = self.score.who
        if self.ask_who:
            who = self.query_one("#score-who", Input).value.strip()
            if not who:
                raise FormProblem("Give their initials, so the scale shows whose score it is.", "score-who")
        value, problem = scaling.parse_score(self.query_one("#score-value", Input).value, hidden=self.hidden)
        if problem:
            raise FormProblem(problem, "score-value")
        assert value is not None
        if self.hidden:
            return ScaleScore(who, value, self.score.reason, self.score.next_point)
        return ScaleScore(
            who,
            value,
            self.query_one("#score-reason", TextArea).text.strip(),
            self.query_one("#score-next", TextArea).text.strip(),
        )


def new_score_form(title: str, who: str, *, ask_who: bool, hidden: bool) -> ScoreForm:
    return ScoreForm(title, ScaleScore(who=who, score=0), ask_who=ask_who, hidden=hidden, new=True)


class QuestionForm(EditForm[str]):
    """The scale question, in the team's own words."""

    def __init__(self, question: str) -> None:
        super().__init__("The scale question")
        self.question = question

    def fields(self) -> ComposeResult:
        with Vertical(classes="form-block"):
            yield Label(Content("Leave it empty to use the usual wording."), classes="form-block-label")
            yield TextArea(self.question, id="question-text", classes="tall")

    def collect(self) -> str:
        return self.query_one("#question-text", TextArea).text.strip()


class ScalingPanel(PodPanel):
    """Everyone's score on one scale at a time: overall, or about one danger statement."""

    BINDINGS = [
        Binding("n", "next_person", "Next person", id="scaling.next"),
        Binding("a,plus", "add_someone", "Add someone", id="scaling.add", show=False),
        Binding("d,delete", "delete", "Remove score", id="scaling.delete", show=False),
        Binding("r", "reveal", "Reveal", id="scaling.reveal"),
        Binding("s", "next_scale", "Next scale", id="scaling.next-scale", show=False),
        Binding("m", "switch_mode", "Hidden or not", id="scaling.mode", show=False),
        Binding("q", "edit_question", "Question", id="scaling.question", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.about = scaling.OVERALL
        self._rows: list[scaling.Scorer] = []
        self._subjects: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="scale-choices"):
            yield Select([("Overall scale", scaling.OVERALL)], value=scaling.OVERALL, allow_blank=False, id="scale-choice", compact=True)
            yield Select(MODE_OPTIONS, value=scaling.mode(self.pod), allow_blank=False, id="scale-mode", compact=True)
        yield Static(id="scale-about")
        yield Static(id="scale-question")
        yield Static(id="scale-last-time")  # a follow-up pod: last time's scores on this scale
        yield ScaleLine(id="scale-line")
        yield Static(id="scale-spread")
        yield OptionList(id="scorers")
        with Horizontal(id="scaling-buttons", classes="panel-buttons"):
            yield Button("Next person (n)", id="scale-next", compact=True)
            yield Button("Add someone (a)", id="scale-add", compact=True)
            yield Button("Reveal (r)", id="scale-reveal", variant="warning", compact=True)
            yield Button("Question (q)", id="scale-edit-question", compact=True)
            yield Button("Next scale (s)", id="scale-next-scale", compact=True)

    def on_mount(self) -> None:
        self.show_pod()

    def on_resize(self) -> None:
        # on a small screen the statement and goal take one line each, so the scores keep their room
        self.set_class(self.size.height < CRAMPED_HEIGHT, "-cramped")
        self.set_class(self.size.height < TINY_HEIGHT, "-tiny")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reveal" and self.is_mounted:
            return scaling.mode(self.pod) == scaling.HIDDEN
        return True

    def focus_work(self, work: str) -> None:
        self.query_one("#scorers", OptionList).focus()

    # ------------------------------------------------------------ what is shown

    @property
    def scale(self) -> Scale | None:
        return self.pod.scale_for(self.about)

    def scale_question(self) -> str:
        """The question this scale asks: overall, the case-closing one; a statement's, about its pair."""
        team = self.pod_screen.team
        question = scaling.question_for(
            self.pod,
            self.about,
            singular(team.label("danger_statements")).lower(),
            singular(team.label("safety_goals")).lower(),
        )
        return solo_question(question) if self.alone else question

    @property
    def alone(self) -> bool:
        """A practice attempt: one learner scales, so nothing is asked of a group."""
        return getattr(self.pod_screen, "attempt", None) is not None

    @property
    def hidden(self) -> bool:
        """Whether this scale's numbers must stay off the screen."""
        return not scaling.is_revealed(self.pod, self.about)

    def subjects(self) -> list[tuple[str, str]]:
        """(label, about) for every scale the pod can have, and any left by a removed statement."""
        pod = self.pod
        name = singular(self.pod_screen.team.label("danger_statements"))
        out = [("Overall scale", scaling.OVERALL)]
        for n, statement in enumerate(pod.danger_statements, start=1):
            if not statement.id:
                continue
            text = statement_headline(statement, statement.text)
            out.append((f"{name} {n}: {short(text, 40)}" if text.strip() else f"{name} {n}", statement.id))
        known = {about for _, about in out}
        for scale in pod.scales:
            if scale.about not in known:
                out.append((f"Scale about a removed {name.lower()} ({short(scale.about, 12)})", scale.about))
                known.add(scale.about)
        return out

    def undone(self, step: UndoStep) -> None:
        """After ctrl+z: show the scale the undone change was about."""
        kind, key = step.about or ("", "")
        if kind == "scale":
            self.about = key
        self.show_pod()

    def show_pod(self, select_who: str | None = None) -> None:
        pod = self.pod
        subjects = self.subjects()
        if self.about not in {about for _, about in subjects}:
            self.about = scaling.OVERALL
        choice = self.query_one("#scale-choice", Select)
        mode_choice = self.query_one("#scale-mode", Select)
        mode_choice.display = not self.alone  # presenter first or hidden means nothing to one person
        with choice.prevent(Select.Changed), mode_choice.prevent(Select.Changed):
            if subjects != self._subjects:
                choice.set_options([(plain(label), about) for label, about in subjects])
                self._subjects = subjects
            if choice.value != self.about:
                choice.value = self.about
            if mode_choice.value != scaling.mode(pod):
                mode_choice.value = scaling.mode(pod)
        self._show_about()
        self.refresh_bindings()
        self.query_one("#scale-question", Static).update(
            Content("Question: ").stylize("bold") + plain(self.scale_question())
        )
        self._show_last_time()
        self._show_scores(select_who)

    def _show_last_time(self) -> None:
        """Last time's scores beside this scale's. They were shared at the last pod, so they show
        even while this pod's scores are hidden for the reveal."""
        from gq_pods.followup import last_time

        from .followup import last_time_words

        box = self.query_one("#scale-last-time", Static)
        previous = getattr(self.pod_screen, "previous", None)
        box.display = previous is not None
        if previous is not None:
            box.update(plain(last_time_words(previous, last_time(previous, self.about))).stylize("bold"))

    def _show_about(self) -> None:
        about = self.query_one("#scale-about", Static)
        if self.about == scaling.OVERALL:
            about.display = False
            return
        statement = self.pod.statement(self.about)
        goal = self.pod.goal_for(self.about)
        team = self.pod_screen.team
        parts: list[Content] = []
        if statement is not None:
            text = statement.text or compose_statement(statement)
            parts.append(Content(f"{singular(team.label('danger_statements'))}: ").stylize("bold") + plain(short(text, 400)))
        if goal is not None and goal.text.strip():
            parts.append(Content(f"{singular(team.label('safety_goals'))}: ").stylize("bold") + plain(short(goal.text, 400)))
        about.update(Content("\n").join(parts) if parts else Content("This statement has been removed."))
        about.display = True

    def _show_scores(self, select_who: str | None = None) -> None:
        pod, scale = self.pod, self.scale
        rows = scaling.scorers(pod, scale)
        labels = scaling.labels_for([row.name for row in rows])
        hidden = self.hidden
        presenter_first = scaling.mode(pod) == scaling.PRESENTER_FIRST
        scored = [(label, row) for label, row in zip(labels, rows) if row.score is not None]
        line = self.query_one("#scale-line", ScaleLine)
        spread = self.query_one("#scale-spread", Static)
        if hidden:
            line.display = False
            waiting = [label for label, row in zip(labels, rows) if row.score is None]
            text = f"Scores are hidden until the reveal. Entered: {len(scored)} of {len(rows)}."
            if waiting:
                text += " Still to score: " + ", ".join(waiting) + "."
            elif rows:
                text += " Everyone has scored: press r to reveal them together."
            spread.update(plain(text))
        else:
            line.display = bool(scored)
            line.show([(label, row.score.score) for label, row in scored if row.score])
            found = scaling.spread(row.score.score for _, row in scored if row.score)
            if found is None and self.alone:
                spread.update(Content("No score yet. Press enter to give yours, with your reasons."))
            elif found is None:
                first = "the presenter first, then each member" if presenter_first else "everyone"
                spread.update(Content(f"No scores yet. Choose a name and press enter to score: {first}."))
            else:
                spread.update(Content("Spread: ").stylize("bold") + Content(found.describe() + "."))

        box = self.query_one("#scorers", OptionList)
        current = select_who if select_who is not None else self.highlighted_name()
        box.clear_options()
        heads = [self._who(label, row) for label, row in zip(labels, rows)]
        width = max((len(head) for head in heads), default=0)
        options = []
        for n, (head, row) in enumerate(zip(heads, rows), start=1):
            options.append(Option(self._row_content(n, head, row, width, hidden, presenter_first), id=f"who:{n - 1}"))
        box.add_options(options)
        self._rows = rows
        names = [row.name for row in rows]
        if current is not None and current in names:
            box.highlighted = names.index(current)
        elif rows:
            box.highlighted = 0
        self.query_one("#scale-reveal", Button).display = scaling.mode(pod) == scaling.HIDDEN
        self.query_one("#scale-next-scale", Button).display = len(self.subjects()) > 1

    @staticmethod
    def _who(label: str, row: scaling.Scorer) -> str:
        tags = [label] if label != row.name else []
        tags.append(row.role or "added")
        return f"{visible(row.name)} ({', '.join(tags)})"

    def _row_content(self, n: int, who: str, row: scaling.Scorer, width: int, hidden: bool, numbered: bool) -> Content:
        head = (Content(f"{n}. ") if numbered else Content("")) + plain(who.ljust(width)).stylize("bold")
        if row.score is None:
            return head + Content("  not scored yet")
        if hidden:
            return head + Content("  entered").stylize("bold")
        head = head + Content("  ") + Content(f" {row.score.score} ").stylize("reverse bold")
        lines = [head]
        indent = "      " if numbered else "   "
        if row.score.reason:
            lines.append(Content(indent) + Content("Not lower because: ").stylize("italic") + plain(row.score.reason))
        if row.score.next_point:
            lines.append(Content(indent) + Content("Up one point: ").stylize("italic") + plain(row.score.next_point))
        return Content("\n").join(lines)

    def highlighted_row(self) -> scaling.Scorer | None:
        box = self.query_one("#scorers", OptionList)
        rows = self._rows
        if box.highlighted is None or box.highlighted >= len(rows):
            return None
        return rows[box.highlighted]

    def highlighted_name(self) -> str | None:
        row = self.highlighted_row()
        return row.name if row is not None else None

    # ------------------------------------------------------------ events

    @on(Select.Changed, "#scale-choice")
    def _scale_chosen(self, event: Select.Changed) -> None:
        event.stop()
        if event.value != event.select.value or event.value == self.about or not isinstance(event.value, str):
            return  # a redraw, or a stale message from before one: not someone choosing
        self.about = event.value
        self.show_pod()

    @on(Select.Changed, "#scale-mode")
    def _mode_chosen(self, event: Select.Changed) -> None:
        event.stop()
        if event.value != event.select.value or event.value == scaling.mode(self.pod) or not isinstance(event.value, str):
            return  # a redraw, or a stale message from before one: not someone choosing
        self.change_mode(event.value)

    @on(OptionList.OptionSelected, "#scorers")
    def _scorer_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_score()

    @on(Button.Pressed, "#scaling-buttons Button")
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {
            "scale-next": self.action_next_person,
            "scale-add": self.action_add_someone,
            "scale-reveal": self.action_reveal,
            "scale-edit-question": self.action_edit_question,
            "scale-next-scale": self.action_next_scale,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()

    # ------------------------------------------------------------ scoring

    def _title(self, row: scaling.Scorer | None) -> str:
        scale_name = dict((about, label) for label, about in self.subjects()).get(self.about, "")
        scale_name = "overall scale" if self.about == scaling.OVERALL else short(scale_name.split(":")[0], 30)
        if row is None:
            return f"Add someone's score · {scale_name}"
        role = f" ({row.role})" if row.role else ""
        return f"Score for {visible(row.name)}{role} · {scale_name}"

    def action_score(self) -> None:
        row = self.highlighted_row()
        if row is None:
            self.action_add_someone()
            return
        self.open_score(row)

    def action_next_person(self) -> None:
        row = scaling.next_to_score(self.pod, self.scale)
        if row is None:
            self.notify("Everyone on the list has scored. Press a to add someone else.")
            return
        box = self.query_one("#scorers", OptionList)
        box.highlighted = [r.name for r in self._rows].index(row.name)
        self.open_score(row)

    def action_add_someone(self) -> None:
        self.open_score(None)

    def open_score(self, row: scaling.Scorer | None) -> None:
        presenter = scaling.presenter_waiting(self.pod, self.scale, row.name if row is not None else None)
        if presenter is not None:
            # presenter first: nobody scores before the presenter; the list moves to them
            box = self.query_one("#scorers", OptionList)
            names = [r.name for r in self._rows]
            if presenter.name in names:
                box.highlighted = names.index(presenter.name)
            box.focus()
            self.notify(scaling.presenter_first_message(visible(presenter.name)), markup=False)
            return
        hidden = self.hidden
        if row is None:
            form = new_score_form(self._title(None), "", ask_who=True, hidden=hidden)
        elif row.score is None:
            form = new_score_form(self._title(row), row.name, ask_who=False, hidden=hidden)
        else:
            form = ScoreForm(self._title(row), row.score, ask_who=False, hidden=hidden)
        about = self.about
        original = row.score if row is not None else None

        def done(result: ScaleScore | None) -> None:
            if result is None:
                return
            self.save_score(about, original, result)

        self.app.push_screen(form, done)

    def save_score(self, about: str, original: ScaleScore | None, result: ScaleScore) -> None:
        self.session.save_score(about, original, result)
        scale = self.pod.scale_for(about)
        self.about = about
        after = scaling.next_to_score(self.pod, scale)
        self.show_pod(select_who=after.name if after is not None and original is None else result.who)
        self.query_one("#scorers", OptionList).focus()
        who = visible(result.who)
        if not scaling.is_revealed(self.pod, about):
            more = f" Next: {visible(after.name)}." if after else " Everyone has scored: press r to reveal."
            self.notify(f"Score entered for {who}; hidden until the reveal.{more}", markup=False)
        elif after is not None and original is None:
            self.notify(f"Saved {who}'s score. Next: {visible(after.name)} (enter).", markup=False)

    def action_delete(self) -> None:
        row = self.highlighted_row()
        scale = self.scale
        if row is None or row.score is None or scale is None:
            self.notify("Choose someone who has scored (arrow keys) to remove their score.")
            return
        self.session.remove_score(self.about, row.score)
        self.show_pod(select_who=row.name)
        self.notify(f"Removed {visible(row.name)}'s score. ctrl+z brings it back.", markup=False)

    # ------------------------------------------------------------ hidden, then reveal

    def action_reveal(self) -> None:
        from .confirm import ConfirmScreen

        pod, about = self.pod, self.about
        if scaling.mode(pod) != scaling.HIDDEN:
            self.notify("Scores are already shown as they are given (presenter first). Press m to hide them instead.")
            return
        scale = self.scale
        if scale is None or not scale.scores:
            self.notify("No scores entered yet.")
            return
        if scaling.is_revealed(pod, about):
            self.notify("These scores are already revealed.")
            return
        waiting = [row.name for row in scaling.scorers(pod, scale) if row.score is None]

        def reveal(go: bool | None = True) -> None:
            if not go:
                return
            self.session.reveal(about)
            self.show_pod()
            self.notify("Scores revealed.")

        if waiting:
            names = ", ".join(visible(n) for n in waiting)
            question = Content("Not everyone has scored yet. Still to score: ") + plain(names) + Content(
                ".\n\nReveal the scores entered so far?"
            )
            self.app.push_screen(ConfirmScreen(question, confirm_label="Reveal now", cancel_label="Wait"), reveal)
        else:
            reveal(True)

    def action_switch_mode(self) -> None:
        current = scaling.mode(self.pod)
        self.change_mode(scaling.HIDDEN if current == scaling.PRESENTER_FIRST else scaling.PRESENTER_FIRST)

    def change_mode(self, new_mode: str) -> None:
        from .confirm import ConfirmScreen

        def apply(go: bool | None = True) -> None:
            if go:
                self.session.set_scaling_mode(new_mode)
                self.notify(f"Collecting scores: {scaling.MODE_LABELS[new_mode].lower()}.")
            self.show_pod()

        if new_mode == scaling.PRESENTER_FIRST and scaling.unrevealed_scales(self.pod):
            question = Content(
                "Some scores are still hidden. Switching to presenter first shows every score entered so far.\n\n"
                "Show them now?"
            )
            self.app.push_screen(ConfirmScreen(question, confirm_label="Show the scores", cancel_label="Keep hidden"), apply)
        else:
            apply(True)

    # ------------------------------------------------------------ scales and the question

    def action_next_scale(self) -> None:
        abouts = [about for _, about in self.subjects()]
        if len(abouts) < 2:
            self.notify("There is one scale, overall. Each danger statement gets its own scale once it is written.")
            return
        self.about = abouts[(abouts.index(self.about) + 1) % len(abouts)] if self.about in abouts else abouts[0]
        self.show_pod()

    def action_edit_question(self) -> None:
        about = self.about

        def done(question: str | None) -> None:
            if question is None:
                return
            self.session.set_scale_question(about, question)
            self.show_pod()

        self.app.push_screen(QuestionForm(self.scale_question()), done)
