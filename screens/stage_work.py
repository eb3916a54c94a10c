"""The focus question and the reflection: the first and last words of a pod.

The focus question is recorded word for word as the presenter says it. The
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

from gq_pods.model import ANSWERS

from .text import plain
from .workspace import PodPanel

ANSWER_OPTIONS = [("Yes", "yes"), ("Partly", "partly"), ("No", "no")]


class FocusPanel(PodPanel):
    """The presenter's focus question, word for word."""

    def compose(self) -> ComposeResult:
        yield Label("What does the presenter want from the group today? Record it word for word.", classes="field-label")
        yield TextArea(self.pod.focus_question, id="focus-question", soft_wrap=True, show_line_numbers=False)

    def show_pod(self) -> None:
        area = self.query_one("#focus-question", TextArea)
        if area.text != self.pod.focus_question:
            area.load_text(self.pod.focus_question)

    def focus_work(self, work: str) -> None:
        self.query_one("#focus-question", TextArea).focus()

    @on(TextArea.Changed, "#focus-question")
    def _changed(self, event: TextArea.Changed) -> None:
        self.session.set_pod("focus_question", event.text_area.text)


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
                yield Label(question, classes="field-label")
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
