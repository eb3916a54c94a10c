"""What every part of an open pod shares: the pod itself, autosave and undo.

A panel (the map, the people, scaling, statements...) is a ``PodPanel``. It
reads and changes ``self.pod`` directly, then says so:

- ``self.checkpoint("Delete item")`` *before* a change a slip would cost work
  (delete, move, reorder): ctrl+z goes back to that point;
- ``self.edited()`` *after* any change: the pod screen saves within half a
  second (autosave) and the indicator says so.

When the pod is replaced (undo, reload), every panel's ``show_pod()`` runs so it
redraws from the pod.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from gq_pods.model import Pod

if TYPE_CHECKING:  # pragma: no cover
    from .pod import PodScreen

SAVE_DELAY = 0.4  # seconds from the first unsaved change to the save
UNDO_DEPTH = 50


class PodEdited(Message):
    """A panel changed the pod; it needs saving."""


@dataclass
class Checkpoint:
    label: str
    pod: Pod


class PodPanel(Widget):
    """A part of the open pod's screen that edits the pod."""

    @property
    def pod_screen(self) -> PodScreen:
        from .pod import PodScreen

        screen = self.screen
        assert isinstance(screen, PodScreen)
        return screen

    @property
    def pod(self) -> Pod:
        return self.pod_screen.pod

    def checkpoint(self, label: str) -> None:
        self.pod_screen.checkpoint(label)

    def edited(self) -> None:
        self.post_message(PodEdited())

    def show_pod(self) -> None:
        """Redraw everything from ``self.pod`` (after undo or reload)."""

    def presentation_changed(self, presenting: bool) -> None:
        """Presentation mode went on or off (the screen has class -presenting)."""

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


class UndoStack:
    """Snapshots of the pod taken before risky changes."""

    def __init__(self, depth: int = UNDO_DEPTH) -> None:
        self.depth = depth
        self._items: list[Checkpoint] = []

    def push(self, label: str, pod: Pod) -> None:
        self._items.append(Checkpoint(label, copy.deepcopy(pod)))
        del self._items[: -self.depth]

    def pop(self) -> Checkpoint | None:
        return self._items.pop() if self._items else None

    def __len__(self) -> int:
        return len(self._items)
