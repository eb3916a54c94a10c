"""User text on screen: always literal, never markup.

Everything a practitioner typed reaches a widget through ``plain()``, so
``Mum [/] left`` shows as typed and ``[@click=app.quit]`` is never a button.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from gq_pods.visible import visible

__all__ = ["cell", "plain", "visible"]


def plain(text: str, style: str = "") -> Content:
    """User text as a Content that no markup parser will ever read."""
    content = Content(visible(text))
    return content.stylize(style) if style else content


def cell(text: str, style: str = "") -> Text:
    """User text for a DataTable cell (which would read a str as markup)."""
    return Text(visible(text).replace("\n", " "), style=style, no_wrap=True, overflow="ellipsis")


