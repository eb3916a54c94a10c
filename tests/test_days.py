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


# ---------------------------------------------------------------- what a practitioner types

from gq_pods.days import describe_day, read_day, read_day_or_problem  # noqa: E402

TUESDAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize("typed,expected", [
    ("11/12/2026", dt.date(2026, 12, 11)),  # day first
    ("11/12/26", dt.date(2026, 12, 11)),
    ("11.12.2026", dt.date(2026, 12, 11)),
    ("11 Dec 2026", dt.date(2026, 12, 11)),
    ("11 December", dt.date(2026, 12, 11)),
    ("11th of December", dt.date(2026, 12, 11)),
    ("December 11, 2026", dt.date(2026, 12, 11)),
    ("2026-12-11", dt.date(2026, 12, 11)),
    ("2026/12/11", dt.date(2026, 12, 11)),
    ("today", TUESDAY),
    ("Tomorrow", dt.date(2026, 12, 2)),
    ("Friday", dt.date(2026, 12, 4)),  # the next Friday after today
    ("fri", dt.date(2026, 12, 4)),
    ("this Friday", dt.date(2026, 12, 4)),
    ("next Friday", dt.date(2026, 12, 11)),  # next week's
    ("Tuesday", dt.date(2026, 12, 8)),  # on a Tuesday: next week's, never today
    ("in two weeks", dt.date(2026, 12, 15)),
    ("in 3 days", dt.date(2026, 12, 4)),
    ("in a fortnight", dt.date(2026, 12, 15)),
    ("in a month", dt.date(2027, 1, 1)),
    ("end of month", dt.date(2026, 12, 31)),
    ("end of next month", dt.date(2027, 1, 31)),
    ("1 Jan", dt.date(2027, 1, 1)),  # no year: the one nearest today
    ("20/11", dt.date(2026, 11, 20)),
])
def test_what_a_uk_practitioner_types_is_read(typed, expected):
    assert read_day(typed, TUESDAY) == expected


def test_the_day_it_was_read_as_is_said_in_full():
    assert describe_day(dt.date(2026, 12, 11)) == "Friday 11 December 2026"


@pytest.mark.parametrize("typed,says", [
    ("12/31/2026", "Dates here are day first: type 31/12/2026 for 31 December."),
    ("31/02/2026", "'31/02/2026' is not a real date."),
    ("2026-02-30", "'2026-02-30' is not a real date."),
    ("5", "'5' needs a month too"),
    ("May", "Which day in May?"),
    ("next week", "'next week' is not a date this can read."),
    ("", "No date typed."),
    ("soon", "'soon' is not a date this can read. Type a date such as 11/12/2026 (day first)"),
])
def test_anything_unsure_or_unreadable_is_refused_plainly(typed, says):
    day, problem = read_day_or_problem(typed, TUESDAY)
    assert day is None and says in problem


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)), st.dates())
def test_every_day_written_the_usual_ways_reads_back_whatever_today_is(day, today):
    for typed in (
        day.isoformat(),
        f"{day.day}/{day.month}/{day.year}",
        f"{day.day:02d}/{day.month:02d}/{day.year % 100:02d}",
        f"{day.day} {day:%B %Y}",
        f"{day.day} {day:%b %Y}",
        f"{day:%A} {day.day} {day:%B %Y}".split(" ", 1)[1],
    ):
        assert read_day(typed, today) == day, typed


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2900, 1, 1)), st.integers(0, 400))
def test_in_n_days_and_weekdays_count_from_the_today_given(today, n):
    assert read_day(f"in {n} days", today) == today + dt.timedelta(days=n)
    friday = read_day("Friday", today)
    assert friday.weekday() == 4 and 1 <= (friday - today).days <= 7
    following = read_day("next Friday", today)
    assert following.weekday() == 4 and following.isocalendar()[1] != today.isocalendar()[1]
    assert 4 <= (following - today).days <= 11


@given(st.text(max_size=30), st.dates())
def test_any_text_is_a_day_or_a_plain_reason_never_an_error(text, today):
    day, problem = read_day_or_problem(text, today)
    assert (day is None) != (problem is None)
    if problem is not None:
        assert problem.strip() and "Traceback" not in problem


def test_the_ends_of_the_calendar_are_refused_not_a_crash():
    for typed in ("tomorrow", "in 400 days", "next Friday", "end of next month", "in 9 months", "1 Jan"):
        day, problem = read_day_or_problem(typed, dt.date.max)
        assert day is not None or "out of the range of dates" in problem or "not a real date" in problem
