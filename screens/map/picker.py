"""Where should this item go? A short list of the map's sections."""

from __future__ import annotations

from ..dialog import Picker
from ..text import plain


class SectionPicker(Picker[str]):
    """Choose the section to move an item to. Dismisses its key, or None to leave it."""

    DEFAULT_CSS = """
    SectionPicker > #dialog { width: 50; }
    SectionPicker OptionList { max-height: 12; }
    """

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__(
            title,
            [(key, plain(label)) for key, label in choices],
            hint="enter: move it there  ·  escape: leave it where it is",
        )
