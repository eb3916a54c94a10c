"""The guided pod: the stage rail, the stage header with its timer, and finishing.

The timer is big (Textual's Digits) so it reads across a room; an overrun is
shown calmly, never with sound: a "+" before the digits, "+00:09 over time" in
words, and colour.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Digits, OptionList, Static
from textual.widgets.option_list import Option

from gq_pods.runner import format_clock, seconds_on, time_left, total_seconds
from gq_pods.stages import Stage

from .dialog import Dialog, Picker
from .text import plain
from .workspace import PodPanel


def rail_label(number: int, stage: Stage, current: bool, seconds: int) -> Content:
    marker = "▶ " if current else "  "
    done = " ✓" if seconds and not current else ""
    return Content(f"{marker}{number}. {stage.title} ({stage.minutes}m){done}")


class StageRail(PodPanel):
    """Every stage, the current one marked; click or Enter to jump."""

    def compose(self) -> ComposeResult:
        yield Static(Content("Stages"), id="rail-title")
        yield OptionList(id="rail")

    def on_mount(self) -> None:
        self.show_pod()

    def show_pod(self) -> None:
        screen = self.pod_screen
        rail = self.query_one("#rail", OptionList)
        highlighted = rail.highlighted
        rail.clear_options()
        for i, stage in enumerate(screen.plan.stages):
            rail.add_option(
                Option(rail_label(i + 1, stage, i == screen.stage_index, seconds_on(self.pod, stage.key)), id=stage.key)
            )
        rail.highlighted = screen.stage_index if highlighted is None else highlighted

    @on(OptionList.OptionSelected, "#rail")
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        await self.pod_screen.go_to_stage(event.option_index)


class StageHeader(PodPanel):
    """The current stage: number, title, who leads, its prompts, and the timer."""

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="stage-text"):
                yield Static(id="stage-title")
                yield Static(id="stage-time-words")
                yield Static(id="stage-first-prompt", classes="stage-prompts")
            yield Digits("00:00", id="stage-digits")
        # The first prompt beside the timer, the rest under it across the whole width:
        # at 80 columns every prompt wraps in full, never cut mid-sentence.
        yield Static(id="stage-prompts", classes="stage-prompts")

    def on_mount(self) -> None:
        self.show_pod()

    def show_pod(self) -> None:
        screen = self.pod_screen
        stage = screen.stage
        number = screen.stage_index + 1
        count = len(screen.plan.stages)
        title = Content(f"Stage {number} of {count}: ") + plain(stage.title) + Content(f"  (led by {stage.lead})")
        self.query_one("#stage-title", Static).update(title.stylize("bold"))
        prompts = [Content("• ") + plain(prompt) for prompt in stage.prompts]
        first = self.query_one("#stage-first-prompt", Static)
        first.update(prompts[0] if prompts else Content(""))
        first.set_class(not prompts, "-none")
        rest = self.query_one("#stage-prompts", Static)
        rest.update(Content("\n").join(prompts[1:]))
        rest.set_class(len(prompts) < 2, "-none")
        self.show_time()

    _words = ""

    def show_time(self) -> None:
        screen = self.pod_screen
        left = time_left(self.pod, screen.stage)
        digits = self.query_one("#stage-digits", Digits)
        # Over time says so in characters too: "+00:09", and "+00:09 over time" in words.
        clock = ("+" if left.over else "") + format_clock(abs(left.seconds))
        if digits.value != clock:
            digits.update(clock)
        running = screen.stage_clock.running
        words = f"+{clock.removeprefix('+')} over time" if left.over else left.words
        if not running:
            words += " · timer paused (F6 starts)" if not seconds_on(self.pod, screen.stage.key) else " · paused (F6)"
        words += f" · pod {format_clock(total_seconds(self.pod))} of {screen.plan.total_minutes} min"
        if words != self._words:
            # The clock ticks twice a second: same-length text needs no new layout,
            # which would otherwise re-lay the whole pod screen (a big map) each tick.
            same_size = len(words) == len(self._words)
            self._words = words
            self.query_one("#stage-time-words", Static).update(Content(words), layout=not same_size)
        self.set_class(left.over, "-over")
        self.set_class(not running, "-paused")


class StagePicker(Picker[int]):
    """Jump to any stage."""

    DEFAULT_CSS = """
    StagePicker > #dialog { width: 60; max-height: 90%; padding: 0 1; }
    """

    def __init__(self, stages: tuple[Stage, ...], current: int) -> None:
        super().__init__(
            Content("Go to which stage?").stylize("bold"),
            [(i, rail_label(i + 1, s, i == current, 0)) for i, s in enumerate(stages)],
            start=current,
        )
        self.stages = stages
        self.current = current


class FinishScreen(Dialog[bool]):
    """Finishing a pod: what is missing, listed, never blocking."""

    DEFAULT_CSS = """
    FinishScreen > #dialog { width: 76; }
    FinishScreen #finish-list { height: auto; margin: 1 0; }
    FinishScreen Horizontal { height: auto; align-horizontal: right; }
    FinishScreen Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Keep working", id="finish.cancel")]
    CANCEL = False

    def __init__(self, missing: list[str]) -> None:
        super().__init__()
        self.missing = missing
        self.finish_button = Button("Finish pod", id="finish", variant="primary")

    def body(self) -> ComposeResult:
        if self.missing:
            yield Static(Content("Before you finish, this pod is missing:").stylize("bold"))
            yield Static(Content("\n").join(Content(f"• {item}") for item in self.missing), id="finish-list")
            yield Static(Content("You can finish anyway and come back to these later."))
        else:
            yield Static(Content("Everything a pod record needs is here.").stylize("bold"), id="finish-list")
        with Horizontal():
            yield Button("Keep working", id="keep")
            yield self.finish_button

    def on_mount(self) -> None:
        self.finish_button.focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "finish")
