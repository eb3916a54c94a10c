"""What every part of an open pod shares: the pod session, autosave and undo.

A panel (the map, the people, scaling, statements...) is a ``PodPanel``. It
reads ``self.pod`` and changes it only by asking ``self.session``
(gq_pods.session.PodSession), which takes the undo checkpoints, decides the
practice's rules and counts every change. The pod screen listens to the session:
it saves within half a second of a change (autosave) and the indicator says so.

Each panel remembers the session version it last drew (``drawn``). When it is
shown and the session has moved on (another tab changed the pod), it redraws
with ``show_pod()``; after ctrl+z, ``undone()`` redraws and selects what the
undone step was about.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static, TabbedContent, TabPane

from gq_pods.model import Pod
from gq_pods.session import PodSession, UndoStep

if TYPE_CHECKING:  # pragma: no cover
    from .pod import PodScreen

SAVE_DELAY = 0.4  # seconds from the first unsaved change to the save


class PodPanel(Widget):
    """A part of the open pod's screen that edits the pod."""

    drawn = -1  # the session version this panel last showed

    @property
    def pod_screen(self) -> PodScreen:
        from .pod import PodScreen

        screen = self.screen
        assert isinstance(screen, PodScreen)
        return screen

    @property
    def session(self) -> PodSession:
        return self.pod_screen.session

    @property
    def pod(self) -> Pod:
        return self.pod_screen.session.pod

    def on_mount(self) -> None:
        self.drawn = self.session.version

    def on_show(self) -> None:
        self.catch_up()

    def catch_up(self) -> None:
        """Redraw if the pod changed since this panel last showed it (another tab, undo)."""
        if self.drawn != self.session.version:
            self.drawn = self.session.version
            self.show_pod()

    def show_pod(self) -> None:
        """Redraw everything from ``self.pod`` (after undo, or a change made in another tab)."""

    def undone(self, step: UndoStep) -> None:
        """ctrl+z took back ``step``: redraw, selecting what it was about where it can."""
        self.show_pod()

    def presentation_changed(self, presenting: bool) -> None:
        """Presentation mode went on or off (the screen has class -presenting)."""

    def tab_on_show(self) -> bool:
        """Whether this panel's tab is the one on show (a hidden tab still has display set)."""
        pane = next((a for a in self.ancestors if isinstance(a, TabPane)), None)
        tabs = next((a for a in self.ancestors if isinstance(a, TabbedContent)), None)
        return pane is None or tabs is None or tabs.active == pane.id

    def take_keyboard(self) -> None:
        """Shown with the keyboard nowhere: take it, on this tab's first place to type or choose."""
        first = next((w for w in self.screen.focus_chain if self in w.ancestors), None)
        if first is not None:
            first.focus()

    def focus_work(self, work: str) -> None:
        """A stage about ``work`` (see gq_pods.stages.WORK_KINDS) opened this panel:
        show and focus the part it is about."""


class SaveIndicator(Static):
    """Says, in words, whether the pod is saved."""

    DEFAULT_CSS = """
    SaveIndicator { width: auto; padding: 0 1; }
    SaveIndicator.-unsaved { text-style: bold; }
    SaveIndicator.-failed { color: $error; text-style: bold; }
    """

    def show_saved(self, when: dt.datetime) -> None:
        self.set_classes("")
        self.update(Content(f"Saved {when:%H:%M:%S}"))

    def show_unsaved(self) -> None:
        self.set_classes("-unsaved")
        self.update(Content("Saving..."))

    def show_failed(self) -> None:
        self.set_classes("-failed")
        self.update(Content("NOT SAVED - retrying"))

