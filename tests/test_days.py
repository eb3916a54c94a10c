"""One strict reading of a typed day, everywhere."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gq_pods.days import NotADay, day_or_none, parse_day


@given(st.dates())
def test_every_real_day_written_year_month_day_is_read(day):
    assert parse_day(day.isoformat()) == day
    assert day_or_none(f"  {day.isoformat()} ") == day


@pytest.mark.parametrize("text,shape_ok", [
    ("20261120", False), ("2026-2-3", False), ("20/11/2026", False), ("２０２６-11-20", False),
    ("2026-11-20\n", False), ("2026-02-30", True), ("2026-13-01", True),
])
def test_anything_else_is_refused_saying_whether_only_the_day_was_wrong(text, shape_ok):
    with pytest.raises(NotADay) as refused:
        parse_day(text)
    assert refused.value.shape_ok is shape_ok
    assert day_or_none(text) is None or text != text.strip()  # day_or_none forgives spaces around


def test_python_alone_would_have_taken_the_basic_form():
    assert dt.date.fromisoformat("20261120") == dt.date(2026, 11, 20)  # why parse_day exists
