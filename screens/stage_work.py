"""The focus question and the reflection: the first and last words of a pod.

The focus question is recorded word for word as the presenter says it. Below
it, when the team's stages have one, are the notes of the presenter's story
and the group's clarifying questions (that stage's own notes). The
reflection shows it again and asks whether it was answered, what was useful,
what the group learned about the process, and what the presenter is pleased
with (the appreciative question, which some teams ask at the start).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Label, Select, Static, TextArea

from gq_pods.model import ANSWERS, StageRecord
from gq_pods.runner import order_records, stage_record
from gq_pods.stages import Stage, solo_prompt

from .text import plain
from .workspace import PodPanel

ANSWER_OPTIONS = [("Yes", "yes"), ("Partly", "partly"), ("No", "no")]


CHILDS_VIEWS_LABEL = "The child's views, in their own words where you have them"
STORY_LABEL = "The presenter's story of the case, and the group's clarifying questions"
FOCUS_LABEL = "What does the presenter want from the group today? Record it word for word."


def words_for(panel: PodPanel, text: str) -> str:
    """A label as the pod says it: to one person in a practice attempt (gq_pods.stages.solo_prompt)."""
    if getattr(panel.pod_screen, "attempt", None) is None:
        return text
    return solo_prompt(text) or text


class FocusPanel(PodPanel):
    """The presenter's focus question, word for word, and the notes of the presenter's story."""

    def words(self, text: str) -> str:
        return words_for(self, text)

    def compose(self) -> ComposeResult:
        yield Label(self.words(FOCUS_LABEL), classes="field-label")
        yield TextArea(self.pod.focus_question, id="focus-question", soft_wrap=True, show_line_numbers=False)
        if self.story_stage() is not None:
            yield Label(self.words(STORY_LABEL), classes="field-label")
            yield TextArea(self.story_notes(), id="story-notes", soft_wrap=True, show_line_numbers=False)
        yield Label(CHILDS_VIEWS_LABEL, classes="field-label")
        yield TextArea(self.pod.childs_views, id="childs-views", soft_wrap=True, show_line_numbers=False)

    def story_stage(self) -> Stage | None:
        """The stage for the presenter's story: the current one if it is a story stage, else the first."""
        screen = self.pod_screen
        stages = screen.plan.stages
        if stages and stages[screen.stage_index].work == "story":
            return stages[screen.stage_index]
        return next((stage for stage in stages if stage.work == "story"), None)

    def _story_record(self) -> StageRecord | None:
        stage = self.story_stage()
        return next((r for r in self.pod.stages if stage is not None and r.key == stage.key), None)

    def story_notes(self) -> str:
        record = self._story_record()
        return record.notes if record is not None else ""

    def show_pod(self) -> None:
        area = self.query_one("#focus-question", TextArea)
        if area.text != self.pod.focus_question:
            area.load_text(self.pod.focus_question)
        views = self.query_one("#childs-views", TextArea)
        if views.text != self.pod.childs_views:
            views.load_text(self.pod.childs_views)
        for notes in self.query("#story-notes").results(TextArea):
            if notes.text != self.story_notes():
                notes.load_text(self.story_notes())

    def focus_work(self, work: str) -> None:
        target = "#story-notes" if work == "story" and self.query("#story-notes") else "#focus-question"
        self.query_one(target, TextArea).focus()

    @on(TextArea.Changed, "#focus-question")
    def _changed(self, event: TextArea.Changed) -> None:
        self.session.set_pod("focus_question", event.text_area.text)

    @on(TextArea.Changed, "#childs-views")
    def _views_changed(self, event: TextArea.Changed) -> None:
        self.session.set_pod("childs_views", event.text_area.text)

    @on(TextArea.Changed, "#story-notes")
    def _story_changed(self, event: TextArea.Changed) -> None:
        stage = self.story_stage()
        if stage is None or event.text_area.text == self.story_notes():
            return
        record = stage_record(self.pod, stage)  # in the plan's order, made on the first word
        order_records(self.pod, self.pod_screen.plan)
        self.session.set(record, "notes", event.text_area.text)


REFLECTION_FIELDS = (
    ("pleased_with", "What has the presenter done on this case that they are pleased with?"),
    ("most_useful", "What was most useful today?"),
    ("learning", "What did we learn about the process?"),
)


class ReflectionPanel(PodPanel):
    """Was the focus question answered? What was useful? What did we learn?"""

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label("The focus question", classes="field-label")
            yield Static(self._focus_text(), id="reflection-focus")
            yield Label("Was it answered?", classes="field-label")
            yield Select(
                ANSWER_OPTIONS,
                value=self.pod.reflection.focus_question_answered or Select.NULL,
                prompt="Not asked yet",
                id="answered",
                compact=True,
            )
            for name, question in REFLECTION_FIELDS:
                yield Label(words_for(self, question), classes="field-label")
                yield TextArea(
                    getattr(self.pod.reflection, name), id=f"reflection-{name}", soft_wrap=True
                )

    def _focus_text(self) -> Content:
        if self.pod.focus_question.strip():
            return plain(self.pod.focus_question)
        return Content("No focus question was recorded.")

    def show_pod(self) -> None:
        self.query_one("#reflection-focus", Static).update(self._focus_text())
        answered = self.pod.reflection.focus_question_answered
        select = self.query_one("#answered", Select)
        wanted = answered if answered in ANSWERS else Select.NULL
        if select.value != wanted:
            select.value = wanted
        for name, _ in REFLECTION_FIELDS:
            area = self.query_one(f"#reflection-{name}", TextArea)
            if area.text != getattr(self.pod.reflection, name):
                area.load_text(getattr(self.pod.reflection, name))

    def focus_work(self, work: str) -> None:
        self.query_one("#reflection-focus", Static).update(self._focus_text())
        target = "#reflection-pleased_with" if work == "appreciative" else "#answered"
        if work != "appreciative":
            # From the top, so the focus question it asks about is in view (the opener left
            # the box scrolled down to its own question).
            self.query_one(VerticalScroll).scroll_home(animate=False)
        self.query_one(target).focus()

    @on(Select.Changed, "#answered")
    def _answered(self, event: Select.Changed) -> None:
        value = None if event.value is Select.NULL else str(event.value)
        self.session.set_reflection("focus_question_answered", value)

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        area_id = event.text_area.id or ""
        if not area_id.startswith("reflection-"):
            return
        name = area_id.removeprefix("reflection-")
        self.session.set_reflection(name, event.text_area.text)
