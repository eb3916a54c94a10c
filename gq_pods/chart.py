"""A small chart drawn in text: a value for each person at each point in time.

Used where a person would rather look than read: a case's scale at each pod (every
person's score as a point, the spread from lowest to highest as a band), and a
learner's practice results over their attempts. Pure text, so it renders the same
on a shared screen, in a test and in a plain terminal; the screens put the lines in
a widget as plain text (labels are user text: never markup).

    lines = draw([Column("3 Nov", (3, 4, 4)), Column("1 Dec", (5, 6))], low=0, high=10)

Each column is ``width`` characters wide. A row is one step of the scale, highest at
the top. In a column, a row holding one person's value shows ``●``; two or more show
their count (``2``…``9``, ``+`` for ten or more), so nobody's score is hidden behind
another's; a row inside the spread with no value shows ``░``. A column with no values
is left empty, so a pod without a score reads as a gap, not as zero.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

POINT = "●"
BAND = "░"
AXIS = "┤"
LEGEND = f"{POINT} one person   2-9 that many people   {BAND} the spread, lowest to highest"
MIN_WIDTH = 5
MAX_ROWS = 21


@dataclass(frozen=True)
class Column:
    """One point in time: its label (a date, "Attempt 2") and each person's value."""

    label: str
    values: tuple[float, ...] = ()


def _row_of(value: float, low: float, high: float, rows: int) -> int:
    """The row (0 at the bottom) a value falls in; values outside ``low..high`` are held at the edge."""
    if high <= low:
        return 0
    clamped = min(max(value, low), high)
    return round((clamped - low) / (high - low) * (rows - 1))


def _count_mark(count: int) -> str:
    if count == 1:
        return POINT
    return str(count) if count < 10 else "+"


def draw(
    columns: Sequence[Column],
    *,
    low: float = 0,
    high: float = 10,
    rows: int | None = None,
    width: int | None = None,
    axis_labels: Sequence[float] | None = None,
) -> list[str]:
    """The chart's lines, top row first, then a line of column labels.

    ``rows`` defaults to one row per whole number from ``low`` to ``high`` (11 for a
    0-10 scale), at most :data:`MAX_ROWS`. ``width`` is each column's width; by default
    the longest label's, at least :data:`MIN_WIDTH`. ``axis_labels`` are the values
    written beside the axis (by default ``low``, the middle and ``high``).
    """
    if rows is None:
        rows = int(high - low) + 1 if float(high - low).is_integer() else MAX_ROWS
    rows = max(2, min(rows, MAX_ROWS))
    if width is None:
        width = max([MIN_WIDTH, *(len(c.label) + 1 for c in columns)])
    width = max(width, 3)
    if axis_labels is None:
        axis_labels = (low, (low + high) / 2, high)
    labelled = {_row_of(v, low, high, rows): _number(v) for v in axis_labels}
    gutter = max(len(text) for text in labelled.values())

    cells: list[list[str]] = []  # one list per column, bottom row first
    for column in columns:
        counts = Counter(_row_of(v, low, high, rows) for v in column.values)
        cell = [" "] * rows
        if counts:
            for r in range(min(counts), max(counts) + 1):
                cell[r] = _count_mark(counts[r]) if counts[r] else BAND
        cells.append(cell)

    lines = []
    for r in range(rows - 1, -1, -1):
        label = labelled.get(r, "")
        row = "".join(cell[r].center(width) for cell in cells)
        lines.append(f"{label:>{gutter}} {AXIS}{row}".rstrip())
    lines.append(" " * (gutter + 2) + "".join(_fit(c.label, width).center(width) for c in columns).rstrip())
    return lines


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _fit(label: str, width: int) -> str:
    return label if len(label) < width else label[: max(width - 2, 1)] + "…"


__all__ = ["AXIS", "BAND", "LEGEND", "POINT", "Column", "draw"]
