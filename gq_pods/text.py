"""Characters in user text: what is removed on the way in, and what is escaped on the way out.

One home for the rules the pod file contract states (docs/pod-format.md):

    clean(text)        removes C0 controls but newline and tab (a CR or CRLF becomes a
                       newline), C1 controls, and the bidi overrides and isolates
    clean_all(value)   the same for every string (and key) in parsed JSON
    visible(text)      for a terminal: controls and bidi characters shown as escapes
    to_json(value)     JSON text with controls, separators and bidi characters escaped,
                       every other character readable as it is

Removing is for text coming in (files, team settings); escaping is for text going
out, so whatever is left can never move a cursor, retitle a window or reorder a line.
"""

from __future__ import annotations

import json
import re
from typing import Any

# What clean() removes once newlines are made uniform: C0 controls other than tab and
# newline, the C1 controls, and the bidi overrides (U+202A-U+202E) and isolates (U+2066-U+2069).
_REMOVED = "\x00-\x08\x0b\x0c\x0e-\x1f\x80-\x9f\u202a-\u202e\u2066-\u2069"
_REMOVE = re.compile(f"[{_REMOVED}]+")
_TROUBLE = re.compile(f"[\r{_REMOVED}]")

# What to_json() escapes: any control JSON itself left raw (DEL, C1), the line and
# paragraph separators, and every bidi formatting character (marks included).
_ESCAPE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def newlines(text: str) -> str:
    """``text`` with every CRLF and lone CR made a newline."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_clean(text: str) -> bool:
    """Whether ``clean`` would leave ``text`` as it is."""
    return not _TROUBLE.search(text)


def clean(text: str) -> str:
    """``text`` as the pod file contract keeps it: control characters removed.

    NUL and every other C0 control except newline and tab go (a lone CR or a CRLF
    becomes a newline), as do the C1 controls (U+0080 to U+009F) and the bidi
    overrides and isolates (U+202A to U+202E, U+2066 to U+2069). Everything else,
    emoji, accents, right-to-left letters and marks, is kept as it is.
    """
    if is_clean(text):
        return text
    return _REMOVE.sub("", newlines(text))


def clean_all(value: Any) -> Any:
    """A copy of parsed JSON with every string and key cleaned; other values as they are.

    Walks with its own stack, not recursion, so any depth ``json.loads`` could
    read is fine. Keys that become equal after cleaning keep the last value, as
    JSON objects with a repeated key do.
    """
    root: list[Any] = [value]
    stack: list[tuple[Any, Any, Any]] = [(root, 0, value)]  # (container, slot, value) to fill in
    while stack:
        container, slot, item = stack.pop()
        if isinstance(item, str):
            container[slot] = clean(item)
        elif isinstance(item, list):
            copy: list[Any] = list(item)
            container[slot] = copy
            stack.extend((copy, i, v) for i, v in enumerate(item))
        elif isinstance(item, dict):
            obj: dict[Any, Any] = {}
            container[slot] = obj
            for key, v in item.items():
                obj[clean(key) if isinstance(key, str) else key] = v
            # Only once every key is in: of keys made equal, the last value is the one filled in.
            stack.extend((obj, key, v) for key, v in obj.items())
    return root[0]


def visible(text: str, keep_newlines: bool = True) -> str:
    """Control and bidirectional characters as escapes (``\\x1b``, ``\\u202e``) instead of
    moving the cursor or reordering the line; newlines and tabs kept unless asked not to."""
    if text.isprintable():
        return text
    kept = "\n\t" if keep_newlines else ""
    return "".join(ch if ch.isprintable() or ch in kept else repr(ch)[1:-1] for ch in text)


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def escape_json(text: str) -> str:
    """JSON text (as ``json.dumps(..., ensure_ascii=False)`` writes it) with every control,
    separator and bidi character inside its strings written as a ``\\uXXXX`` escape.

    The layout's own newlines stay; reading the result gives back the same values.
    """
    return _ESCAPE.sub(_escape, text)


def to_json(value: Any, indent: int | None = 2) -> str:
    """``value`` as JSON that is safe to print: readable Unicode, no raw controls."""
    return escape_json(json.dumps(value, ensure_ascii=False, allow_nan=False, indent=indent))


__all__ = ["clean", "clean_all", "escape_json", "is_clean", "newlines", "to_json", "visible"]
