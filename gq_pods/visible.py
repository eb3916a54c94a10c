"""User text made safe to put on a terminal: control characters shown, not obeyed."""

from __future__ import annotations


def visible(text: str, keep_newlines: bool = True) -> str:
    """Control and bidirectional characters as escapes (``\\x1b``, ``\\u202e``) instead of
    moving the cursor or reordering the line; newlines and tabs kept unless asked not to."""
    if text.isprintable():
        return text
    kept = "\n\t" if keep_newlines else ""
    return "".join(ch if ch.isprintable() or ch in kept else repr(ch)[1:-1] for ch in text)
