"""Small controls that say their state in shape, not colour alone (a shared screen,
a projector, a colour-blind colleague)."""

from __future__ import annotations

from textual.widgets import Checkbox


class TickBox(Checkbox):
    """A checkbox that shows ✓ when ticked and a blank when not (Textual's shows X in both,
    told apart only by colour)."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 - Textual's name
        return "✓" if self.value else " "
