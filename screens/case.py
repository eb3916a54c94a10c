"""A practice attempt's case summary, beside the map: read it, and sort it into the map.

The summary shows as its sentences (``practice.case_sentences``). The learner moves to
a sentence and places it in a section of the map: ``1`` to ``5`` place it at once
(harm, complicating factors, grey areas, existing strengths, existing safety), Enter
or a click asks which section. It becomes a map item with that text, made by the pod
session (``PodSession.place_text``), so ctrl+z takes it off again and the map redraws.
A sentence already on the map is marked with where it went.

At 110 columns and more the summary stands to the left of the pod's tabs; narrower,
F9 shows it in their place and F9 (or escape) goes back. Only the case is shown here:
the model answer waits until the learner asks to compare.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gq_pods.model import TEXT_SECTIONS, Pod
from gq_pods.session import EditRefused, UndoStep

from .dialog import Picker
from .text import plain
from .workspace import PodPanel

if TYPE_CHECKING:  # pragma: no cover
    from gq_pods.scenarios import Scenario

MISSING = (
    "The case of this attempt ({title}) is no longer among the practice cases, so its summary "
    "cannot be shown. Your map and statements are all here."
)


def places_of(pod: Pod, sentence: str) -> list[str]:
    """The map sections holding an item with this sentence in it, in map order."""
    wanted = " ".join(sentence.split())
    return [
        section
        for section in TEXT_SECTIONS
        if any(wanted and wanted in " ".join(item.text.split()) for item in pod.map.section(section))
    ]


def sentence_content(sentence: str, places: list[str], label) -> Content:
    """One sentence as the list shows it: where it was placed first (if anywhere), then its words."""
    if not places:
        return Content("  ") + plain(sentence)
    where = ", ".join(label(section) for section in places)
    return Content("✓ ").stylize("bold") + Content(f"{where}: ").stylize("bold") + plain(sentence)


def keys_hint(label) -> str:
    numbers = "  ".join(f"{n} {label(section)}" for n, section in enumerate(TEXT_SECTIONS, start=1))
    return f"Enter or click: place on the map.  {numbers}.  F9: back to the work."


class PlacePicker(Picker[str]):
    """Which section of the map a sentence of the case goes in. Dismisses its key, or None."""

    DEFAULT_CSS = """
    PlacePicker > #dialog { width: 50; }
    """

    def __init__(self, choices: list[tuple[str, Content]]) -> None:
        super().__init__(
            "Place this sentence in which section of the map?",
            choices,
            hint="enter: place it there  ·  escape: leave it",
        )


class CasePane(PodPanel):
    """The case summary, sentence by sentence, with the keys that place a sentence on the map."""

    BINDINGS = [
        Binding("1", "place(0)", "Harm", id="case.place-1", show=False),
        Binding("2", "place(1)", "Complicating", id="case.place-2", show=False),
        Binding("3", "place(2)", "Grey areas", id="case.place-3", show=False),
        Binding("4", "place(3)", "Strengths", id="case.place-4", show=False),
        Binding("5", "place(4)", "Safety", id="case.place-5", show=False),
        Binding("escape", "leave", "Back to the work", id="case.leave", show=False),
    ]

    def __init__(self, scenario: Scenario | None, sentences: list[str], missing_title: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario
        self.sentences = sentences
        self.missing_title = missing_title

    def compose(self) -> ComposeResult:
        title = self.scenario.title if self.scenario is not None else self.missing_title
        yield Static(Content("The case: ").stylize("bold") + plain(title).stylize("bold"), id="case-title")
        if self.scenario is None:
            yield Static(plain(MISSING.format(title=self.missing_title)), id="case-missing")
            return
        yield Static(Content(keys_hint(self.label)), id="case-hint")
        # What the last key did, here rather than in a notice over the case's words.
        yield Static(Content(""), id="case-said")
        yield OptionList(*self._options(), id="case-sentences")

    def label(self, section: str) -> str:
        return self.pod_screen.team.label(section)

    def _options(self) -> list[Option]:
        return [
            Option(sentence_content(sentence, places_of(self.pod, sentence), self.label), id=f"s{n}")
            for n, sentence in enumerate(self.sentences)
        ]

    @property
    def sentence_list(self) -> OptionList | None:
        found = self.query("#case-sentences").results(OptionList)
        return next(found, None)

    def show_pod(self) -> None:
        """Mark again where each sentence is on the map (after a placement, an undo, an edit)."""
        box = self.sentence_list
        if box is None:
            return
        for n, sentence in enumerate(self.sentences):
            box.replace_option_prompt_at_index(n, sentence_content(sentence, places_of(self.pod, sentence), self.label))

    def undone(self, step: UndoStep) -> None:
        self.show_pod()
        for said in self.query("#case-said").results(Static):
            said.update(Content(""))

    def on_show(self) -> None:
        self.catch_up()

    def take_keys(self) -> None:
        box = self.sentence_list
        if box is not None:
            if box.highlighted is None and self.sentences:
                box.highlighted = 0
            box.focus()

    # ------------------------------------------------------------ placing

    @on(OptionList.OptionSelected, "#case-sentences")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        choices = [(section, plain(f"{n}  {self.label(section)}")) for n, section in enumerate(TEXT_SECTIONS, start=1)]

        async def picked(section: str | None) -> None:
            if section:
                await self.place(index, section)

        self.app.push_screen(PlacePicker(choices), picked)

    async def action_place(self, number: int) -> None:
        box = self.sentence_list
        if box is None or box.highlighted is None:
            return
        await self.place(box.highlighted, TEXT_SECTIONS[number])

    async def place(self, index: int, section: str) -> None:
        if not 0 <= index < len(self.sentences):
            return
        label = self.label(section)
        try:
            item, at = self.session.place_text(section, self.sentences[index], label=f"Place in {label}")
        except EditRefused as refused:
            self.notify(str(refused), markup=False)
            return
        self.drawn = self.session.version
        self.show_pod()
        await self.pod_screen.map_shows_placed(section, at)
        self.query_one("#case-said", Static).update(
            Content("Placed in ") + plain(label).stylize("bold") + Content(". ctrl+z takes it off.")
        )
        box = self.sentence_list
        if box is not None and index + 1 < len(self.sentences):
            box.highlighted = index + 1  # on to the next sentence

    def action_leave(self) -> None:
        self.pod_screen.action_case()
