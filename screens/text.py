"""User text on screen: always literal, never markup.

Everything a practitioner typed reaches a widget through ``plain()``, so
``Mum [/] left`` shows as typed and ``[@click=app.quit]`` is never a button.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content


def plain(text: str, style: str = "") -> Content:
    """User text as a Content that no markup parser will ever read."""
    content = Content(visible(text))
    return content.stylize(style) if style else content


def cell(text: str, style: str = "") -> Text:
    """User text for a DataTable cell (which would read a str as markup)."""
    return Text(visible(text).replace("\n", " "), style=style, no_wrap=True, overflow="ellipsis")


def visible(text: str) -> str:
    """Control characters shown as escapes instead of moving the cursor; newlines and tabs kept."""
    if text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() or ch in "\n\t" else repr(ch)[1:-1]
        for ch in text
    )
