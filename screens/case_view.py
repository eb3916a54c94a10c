"""The case over time: each scale at each pod of a case's chain, and what moved.

For every scale (overall first, then each danger statement's) a small text chart
(gq_pods.chart: every person's score a point, the spread a band), and beside it
(below it on a narrow screen) what people gave as their reasons. Above them, what
moved (gq_pods.case.movement) and how many of the next steps were done.

Everything shown is text a practitioner typed or a number: it goes into the widgets
as Content, never as markup. The chain is read in a worker; up, down, page up and
page down scroll, escape goes back.

Scores still hidden for a reveal (hidden scaling, not yet revealed) are left out:
the screen may be the shared one.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from gq_pods import chart, scaling
from gq_pods.case import Movement, ScaleLine, movement
from gq_pods.model import Pod

from .followup import long_day, short_day
from .text import plain

WIDE = 100  # from this many columns the reasons stand beside the chart


def shown_chain(chain: Sequence[Pod]) -> tuple[list[Pod], set[tuple[int | None, str]]]:
    """The chain with scores still hidden for a reveal taken out; and (pod id, scale) of each taken out."""
    out, held = [], set()
    for pod in chain:
        if any(scale.scores for scale in scaling.unrevealed_scales(pod)):
            pod = copy.deepcopy(pod)
            for scale in scaling.unrevealed_scales(pod):
                if scale.scores:
                    held.add((pod.id, scale.about))
                scale.scores = []
        out.append(pod)
    return out, held


def day_label(day, span_years: bool) -> str:
    return f"{day.day}/{day.month}/{day:%y}" if span_years else short_day(day)


def scale_title(line: ScaleLine) -> str:
    """"Overall", or "Danger statement 1: The school is worried that..." (its first words)."""
    name = getattr(line, "name", "") or line.label
    return name if line.label in ("", name) else f"{name}: {line.label}"


def chart_lines(line: ScaleLine) -> list[str]:
    span_years = len({point.date.year for point in line.points}) > 1
    columns = [chart.Column(day_label(point.date, span_years), tuple(point.scores)) for point in line.points]
    return chart.draw(columns, low=0, high=10)


def reason_lines(line: ScaleLine, held: set[tuple[int | None, str]] = frozenset()) -> list[str]:
    """What people said at each pod, latest first."""
    out: list[str] = []
    for point in reversed(line.points):
        out.append(long_day(point.date))
        if (point.pod_id, line.about) in held:
            out.append("  Scores hidden until the reveal.")
            continue
        if not point.scores:
            out.append("  No scores at this pod.")
            continue
        given = [(who, score, reason) for who, score, reason in point.reasons]
        if not given:
            out.append("  Scores: " + ", ".join(str(s) for s in point.scores) + " (no reasons written)")
        for who, score, reason in given:  # each on one line, whatever was typed
            words = " ".join(reason.split()) or "(no reason written)"
            out.append(f"  {' '.join(who.split()) or 'Someone'} {score}: {words}")
    return out


def summary_lines(chain: Sequence[Pod], found: Movement, held: bool = False) -> list[str]:
    first, last = chain[0], chain[-1]
    if len(chain) == 1:
        lines = [f"One pod so far, on {long_day(first.date)}. A follow-up pod (f on the pods list, ctrl+t in a pod) adds the next."]
    else:
        lines = [f"{len(chain)} pods, from {long_day(first.date)} to {long_day(last.date)}."]
    lines.append("")
    lines.append("What moved")
    if found.moved:
        lines += [f"  • {sentence}" for sentence in found.moved]
    elif len(chain) > 1:
        lines.append("  Nothing to compare yet: no scale has scores at two pods.")
    else:
        lines.append("  Nothing yet: there is no earlier pod to compare with.")
    if found.steps_total:
        lines.append(f"  • Next steps from last time: {found.steps_done} of {found.steps_total} done.")
    if held:
        lines.append("")
        lines.append("Scores still hidden for a reveal are not shown here.")
    return lines


class CaseScreen(Screen):
    """A case's pods over time: a chart for each scale, and what moved."""

    DEFAULT_CSS = """
    CaseScreen #case-title { text-style: bold; padding: 0 1; background: $panel; }
    CaseScreen #case-scroll { height: 1fr; padding: 0 1; }
    CaseScreen #case-summary { height: auto; margin-bottom: 1; }
    CaseScreen #case-scales { height: auto; }
    CaseScreen .case-scale { height: auto; margin-bottom: 1; }
    CaseScreen .case-scale-title { text-style: bold; background: $boost; padding: 0 1; }
    CaseScreen .case-row { height: auto; }
    CaseScreen .case-chart-column { width: 40; height: auto; padding: 0 4 0 0; }
    CaseScreen.-narrow .case-chart-column { width: 1fr; }
    CaseScreen .case-chart { height: auto; }
    CaseScreen .case-legend { height: auto; margin-top: 1; }
    CaseScreen .case-reasons { width: 1fr; height: auto; }
    CaseScreen.-narrow .case-row { layout: vertical; }
    CaseScreen.-narrow .case-reasons { width: 1fr; margin-top: 1; }
    """
    BINDINGS = [
        Binding("escape", "back", "Back", id="case.back"),
        Binding("q", "back", "Back", id="case.back-q", show=False),
    ]

    def __init__(self, pod_id: int, name: str = "") -> None:
        super().__init__()
        self.pod_id = pod_id
        self.case_name = name
        self.chain: list[Pod] = []
        self.loaded = False

    def compose(self) -> ComposeResult:
        # Decided before the widgets exist: set once they are mounted, it restyles them all again.
        self.set_class(self.app.size.width < WIDE, "-narrow")
        title = Content("The case over time") + (Content(": ") + plain(self.case_name) if self.case_name else Content(""))
        yield Static(title, id="case-title")
        with VerticalScroll(id="case-scroll"):
            yield Static(Content("Reading the case's pods..."), id="case-summary")
            yield Vertical(id="case-scales")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#case-scroll").focus()
        self._read(self.pod_id)

    def on_resize(self) -> None:
        self.set_class(self.app.size.width < WIDE, "-narrow")

    @work(thread=True, exclusive=True, group="case-read", exit_on_error=False)
    def _read(self, pod_id: int) -> None:
        repo = getattr(self.app, "repository", None)
        if repo is None:
            return
        try:
            chain = repo.chain(pod_id)
        except Exception as error:  # noqa: BLE001 - said plainly
            from storage.errors import StorageError

            said = str(error) if isinstance(error, StorageError) else "The case's pods could not be read."
            self.app.call_from_thread(self._failed, said)
            return
        self.app.call_from_thread(self.show_chain, chain)

    def _failed(self, message: str) -> None:
        self.query_one("#case-summary", Static).update(Content(message))

    async def show_chain(self, chain: list[Pod]) -> None:
        shown, held = shown_chain(chain)
        self.chain = shown
        if not shown:
            self._failed("That pod is no longer there.")
            return
        if not self.case_name:
            name = shown[-1].case_reference or shown[-1].title
            if name:
                self.query_one("#case-title", Static).update(Content("The case over time: ") + plain(name))
        found = movement(shown)
        self.query_one("#case-summary", Static).update(plain("\n".join(summary_lines(shown, found, bool(held)))))
        scales = self.query_one("#case-scales", Vertical)
        await scales.remove_children()
        blocks = []
        for line in found.lines:
            said = Content("What people said\n").stylize("bold") + plain("\n".join(reason_lines(line, held)))
            blocks.append(
                Vertical(
                    Static(plain(scale_title(line)), classes="case-scale-title"),
                    Horizontal(
                        self._chart_column(chart_lines(line)),
                        Static(said, classes="case-reasons"),
                        classes="case-row",
                    ),
                    classes="case-scale",
                )
            )
        if not blocks:
            blocks.append(Static(Content("No scales have been scored in these pods yet."), classes="case-scale"))
        await scales.mount_all(blocks)
        self.loaded = True

    @staticmethod
    def _chart_column(lines: list[str]) -> Vertical:
        """The chart with its legend under it (the legend wraps to the chart's width, at least 36)."""
        column = Vertical(
            Static(Content("\n".join(lines)), classes="case-chart"),
            Static(Content(chart.LEGEND), classes="case-legend"),
            classes="case-chart-column",
        )
        column.styles.min_width = max(len(text) for text in lines) + 2
        return column

    def action_back(self) -> None:
        self.dismiss()
