"""Reading a day someone typed: strictly YYYY-MM-DD, and a real date.

One reading for the pod file, the new-pod form, the Pod tab and next steps'
due dates, so "20261120" or "2026-2-3" is refused everywhere alike (Python's
own fromisoformat would take the first) and the reason can be said plainly.
"""

from __future__ import annotations

import datetime as _dt
import re

DAY_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z", re.ASCII)


class NotADay(ValueError):
    """The text is not a day; ``shape_ok`` says whether it was at least written YYYY-MM-DD."""

    def __init__(self, text: str, shape_ok: bool) -> None:
        super().__init__(text)
        self.text = text
        self.shape_ok = shape_ok


def parse_day(text: str) -> _dt.date:
    """The day ``text`` names, written exactly YYYY-MM-DD; raises NotADay otherwise."""
    if not DAY_SHAPE.match(text):
        raise NotADay(text, shape_ok=False)
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise NotADay(text, shape_ok=True) from None


def day_or_none(text: str) -> _dt.date | None:
    """The day typed (surrounding spaces ignored), or None if it is not one."""
    try:
        return parse_day(text.strip())
    except NotADay:
        return None
