"""A pod's own screen. For now: what the pod is and who is there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from gq_pods.model import STATUS_LABELS, Pod

from .text import plain

if TYPE_CHECKING:  # pragma: no cover
    from .app import GqPodsApp

REASON_WORDS = {"new": "New case", "stuck": "Stuck case", "challenging": "Challenging case"}


def pod_heading(pod: Pod) -> Content:
    name = pod.case_reference or pod.title or "Untitled pod"
    return plain(name).stylize("bold") + Content(f"  ·  {pod.date.isoformat()}  ·  {pod.style_label}")


def pod_details(pod: Pod) -> Content:
    lines: list[Content] = []

    def line(label: str, value: Content | str) -> None:
        value = value if isinstance(value, Content) else plain(value)
        lines.append(Content(f"{label}: ").stylize("bold") + value)

    line("Team", pod.team or "-")
    line("Case", pod.case_reference or "-")
    line("Why it is here", REASON_WORDS.get(pod.case_reason, pod.case_reason))
    line("Status", STATUS_LABELS.get(pod.status, pod.status) + (" (practice pod)" if pod.practice else ""))
    if pod.focus_question:
        line("Focus question", pod.focus_question)
    lines.append(Content(""))
    lines.append(Content("Who is here").stylize("bold"))
    if pod.participants:
        for person in pod.participants:
            lines.append(Content("  ") + plain(person.name) + Content(f"  ({person.role})"))
    else:
        lines.append(Content("  No one recorded yet."))
    lines.append(Content(""))
    if pod.manager_present:
        lines.append(Content("The manager is here: next steps can be agreed."))
    else:
        lines.append(
            Content("No manager here: next steps are ideas for the presenter to take to supervision, not decisions.")
        )
    return Content("\n").join(lines)


class PodScreen(Screen):
    """One pod."""

    app: GqPodsApp
    BINDINGS = [Binding("escape", "back", "Pods", id="pod.back")]

    def __init__(self, pod_id: int) -> None:
        super().__init__()
        self.pod_id = pod_id
        self.pod: Pod | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="pod"):
            yield Static(id="pod-heading", classes="screen-title")
            yield Static(id="pod-details")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def load(self) -> None:
        repo = self.app.repository
        if repo is None:
            return
        self.pod = repo.get_pod(self.pod_id)
        self.query_one("#pod-heading", Static).update(pod_heading(self.pod))
        self.query_one("#pod-details", Static).update(pod_details(self.pod))

    def save_now(self) -> None:
        """Nothing is edited here yet; every change so far is saved when made."""

    def action_back(self) -> None:
        self.dismiss()
