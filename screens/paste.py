"""Pasted text without control characters, before any edit box sees it.

A paste reaches the app as one ``Paste`` event, which Textual hands straight to
the focused widget: an ``Input`` or ``TextArea`` inserts it as it is, and then
draws it, so an escape sequence in the clipboard (clear the screen, write the
clipboard, retitle the window) would go to the terminal and into the pod. The
app cleans every paste first (:func:`clean_paste`), with the same rule as the
pod file contract (:func:`gq_pods.text.clean`).

Typing needs nothing: ``Input`` and ``TextArea`` insert a key's character only
when it is printable, and control characters and bidi overrides are not.
"""

from __future__ import annotations

from textual import events

from gq_pods.text import clean

__all__ = ["clean_paste"]


def clean_paste(event: events.Paste) -> events.Paste:
    """``event`` with its text cleaned of control characters (in place; returned for ease)."""
    event.text = clean(event.text)
    return event
