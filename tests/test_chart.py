"""The text chart: every person's value is visible, the spread is a band, a gap is a gap."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gq_pods.chart import BAND, POINT, Column, draw


def column_text(lines: list[str], index: int, width: int, gutter: int = 2) -> list[str]:
    """The characters of column ``index`` in each row, top row first (labels line left out)."""
    start = gutter + 2 + index * width
    return [line.ljust(start + width)[start : start + width].strip() for line in lines[:-1]]


def test_each_score_is_a_point_in_its_row_and_the_spread_between_is_a_band():
    lines = draw([Column("3 Nov", (2, 5))], low=0, high=10, width=7)
    cells = column_text(lines, 0, 7)
    assert len(cells) == 11  # 10 at the top down to 0
    assert cells[10 - 5] == POINT and cells[10 - 2] == POINT
    assert cells[10 - 4] == BAND and cells[10 - 3] == BAND
    assert cells[10 - 6] == "" and cells[10 - 1] == ""
    assert lines[-1].strip() == "3 Nov"


def test_people_giving_the_same_score_are_counted_not_hidden():
    lines = draw([Column("a", (4, 4, 4, 7))], width=5)
    cells = column_text(lines, 0, 5)
    assert cells[10 - 4] == "3" and cells[10 - 7] == POINT


def test_a_pod_without_scores_is_a_gap_not_zero():
    lines = draw([Column("one", (3,)), Column("two", ()), Column("three", (6,))], width=7)
    assert all(cell == "" for cell in column_text(lines, 1, 7))
    assert column_text(lines, 2, 7)[10 - 6] == POINT


def test_the_axis_names_the_ends_and_the_middle():
    lines = draw([Column("x", (1,))])
    assert lines[0].startswith("10") and lines[5].lstrip().startswith("5") and lines[10].lstrip().startswith("0")


@given(
    st.lists(
        st.tuples(st.text(max_size=12), st.lists(st.integers(-3, 13), max_size=12)),
        max_size=8,
    )
)
def test_every_value_is_drawn_and_rows_line_up(data):
    columns = [Column(label, tuple(values)) for label, values in data]
    lines = draw(columns, width=8)
    assert len(lines) == 12
    for index, column in enumerate(columns):
        cells = column_text(lines, index, 8)
        shown = sum(1 if c == POINT else int(c) if c.isdigit() else 0 for c in cells)
        many = cells.count("+")  # ten or more in one row
        # out-of-range values are held at the edge, not dropped
        assert shown + 10 * many <= len(column.values) if many else shown == len(column.values)
