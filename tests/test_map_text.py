"""The map's handling of typed text, checked over many inputs (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from gq_pods.model import MapItem, Pod
from screens.map import Row, card_content, parse_due
from screens.text import visible


TODAY = dt.date(2026, 12, 1)


@given(st.text(max_size=30))
def test_any_typed_due_date_is_either_a_date_or_explained(text):
    due, problem = parse_due(text, TODAY)
    if problem is None:
        assert (due is None) == (not text.strip())
    else:
        assert due is None and "It is not saved until it can be read." in problem


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)))
def test_every_real_date_written_year_month_day_is_taken(date):
    assert parse_due(f" {date.isoformat()} ", TODAY) == (date, None)
    assert parse_due(f"{date.day}/{date.month}/{date.year}", TODAY) == (date, None)  # day first


def test_the_usual_slips_are_explained():
    for slip in ("12/31/2026", "2026-13-01", "2026-02-30", "next week", "soon"):
        due, problem = parse_due(slip, TODAY)
        assert due is None and problem and "not saved" in problem


@given(st.text(min_size=1).filter(lambda t: t.strip()))
def test_a_card_shows_exactly_what_was_typed(text):
    content = card_content(Pod(), "harm", Row("item", MapItem(text)))
    assert content.plain == "• " + visible(text)
