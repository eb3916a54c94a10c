"""Small controls that say their state in shape, not colour alone (a shared screen,
a projector, a colour-blind colleague)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox):
    """A checkbox drawn as ``[x]`` when ticked and ``[ ]`` when not.

    Textual's own shows ``▐X▌`` either way, ticked or not told apart only by colour."""

    @property
    def _button(self) -> Content:
        return Content("[x]" if self.value else "[ ]").stylize("bold")
