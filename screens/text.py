"""User text on screen: always literal, never markup.

Everything a practitioner typed reaches a widget through ``plain()``, so
``Mum [/] left`` shows as typed and ``[@click=app.quit]`` is never a button.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.content import Content

from gq_pods.days import describe_day
from gq_pods.visible import visible

__all__ = ["cell", "plain", "read_as", "visible"]


def plain(text: str, style: str = "") -> Content:
    """User text as a Content that no markup parser will ever read."""
    content = Content(visible(text))
    return content.stylize(style) if style else content


def read_as(day: dt.date | None, problem: str | None = "") -> Content:
    """The day a typed date was read as, in full, shown beside the box; or, when it could not
    be read, why (``problem``, as ``gq_pods.days.read_day_or_problem`` says it)."""
    return Content(f"Read as {describe_day(day)}") if day is not None else Content(problem or "")


def cell(text: str, style: str = "") -> Text:
    """User text for a DataTable cell (which would read a str as markup)."""
    return Text(visible(text).replace("\n", " "), style=style, no_wrap=True, overflow="ellipsis")


