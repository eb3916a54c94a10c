"""Reading a day someone typed.

Two readings. ``parse_day`` is strict, YYYY-MM-DD and a real date: the pod
file's contract, so "20261120" or "2026-2-3" is refused (Python's own
fromisoformat would take the first) and the reason can be said plainly.
``read_day`` reads what a practitioner in the UK types in a date box (11/12/2026
day first, 11 Dec, next Friday, in two weeks, end of month), given today's date,
and refuses anything it cannot read for certain with a plain message; the boxes
show the day it was read as (``describe_day``) beside what was typed.
"""

from __future__ import annotations

import datetime as _dt
import re

DAY_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z", re.ASCII)


class NotADay(ValueError):
    """The text is not a day; ``shape_ok`` says whether it was at least written YYYY-MM-DD."""

    def __init__(self, text: str, shape_ok: bool, message: str = "") -> None:
        super().__init__(text)
        self.text = text
        self.shape_ok = shape_ok
        self.message = message or (
            f"'{text}' is not a real date." if shape_ok else "The date should look like 2026-11-20 (year-month-day)."
        )


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


# ---------------------------------------------------------------- what a practitioner types

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thur", "thurs"),
         ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun")),
    )
    for name in names
}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "fortnight": 14, "fortnights": 14, "month": 0, "months": 0}
DAY_HELP = (
    "Type a date such as 11/12/2026 (day first), 11 Dec 2026, today, tomorrow, Friday, next Friday, "
    "in two weeks or end of month."
)

_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2}|\d{4}))?\Z", re.ASCII)
_YEAR_FIRST = re.compile(r"(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})\Z", re.ASCII)
_DAY_MONTH = re.compile(_ORDINAL + r"(?:\s+of)?\s+([a-z]+)\.?(?:,?\s+(\d{4}|\d{2}))?\Z", re.ASCII)
_MONTH_DAY = re.compile(r"([a-z]+)\.?\s+" + _ORDINAL + r"(?:,?\s+(\d{4}))?\Z", re.ASCII)
_IN = re.compile(r"in\s+(\d{1,3}|[a-z]+)\s+([a-z]+)\Z", re.ASCII)
_IN_A = re.compile(r"in\s+a\s+(week|fortnight|month)(?:'?s time)?\Z", re.ASCII)
_WEEKDAY = re.compile(r"(?:(next|this|on)\s+)?([a-z]+)(?:\s+week)?\Z", re.ASCII)


def describe_day(day: _dt.date) -> str:
    """A day as a person says it: ``Friday 11 December 2026``."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def _add_months(day: _dt.date, months: int) -> _dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    last = _last_day(year, month)
    return _dt.date(year, month, min(day.day, last))


def _last_day(year: int, month: int) -> int:
    following = _dt.date(year + (month == 12), month % 12 + 1, 1)
    return (following - _dt.timedelta(days=1)).day


def _year(text: str | None, today: _dt.date) -> int | None:
    if text is None:
        return None
    value = int(text)
    return 2000 + value if len(text) == 2 else value


def _real(year: int, month: int, day: int, typed: str) -> _dt.date:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        raise NotADay(typed, shape_ok=True, message=f"'{typed}' is not a real date. {DAY_HELP}") from None


def _nearest(month: int, day: int, today: _dt.date, typed: str) -> _dt.date:
    """A day and month without a year: the one nearest today (this year, last year or next)."""
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(_dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        raise NotADay(typed, shape_ok=True, message=f"'{typed}' is not a real date. {DAY_HELP}")
    return min(candidates, key=lambda d: (abs((d - today).days), d < today))


def read_day(text: str, today: _dt.date) -> _dt.date:
    """The day a practitioner typed, read the way people in the UK write dates.

    ``today`` is passed in (never read from the clock here). Takes 2026-12-11,
    11/12/2026 and 11/12/26 (day first), 11.12.2026, 11 Dec 2026, 11th December,
    December 11 2026, today, tomorrow, yesterday, Friday (the next one after
    today), this Friday (this week's), next Friday (next week's), in 3 days, in two
    weeks, in a month, end of month, end of next month and end of week. A day and
    month with no year is the one nearest today. Raises :class:`NotADay` with a
    plain ``message`` for anything it cannot read for certain: a month-first date
    (12/31/2026), a bare number, a month without a day.
    """
    try:
        return _read_day(text, today)
    except (OverflowError, ValueError) as error:
        if isinstance(error, NotADay):
            raise
        raise NotADay(text, shape_ok=False, message=f"'{text.strip()}' is out of the range of dates. {DAY_HELP}") from None


def _read_day(text: str, today: _dt.date) -> _dt.date:
    typed = " ".join(text.split())
    lowered = typed.lower().rstrip(".")
    if not lowered:
        raise NotADay(text, shape_ok=False, message=f"No date typed. {DAY_HELP}")
    if DAY_SHAPE.match(lowered):
        return parse_day(lowered)
    simple = {"today": 0, "tomorrow": 1, "yesterday": -1, "now": 0}
    if lowered in simple:
        return today + _dt.timedelta(days=simple[lowered])

    match = _YEAR_FIRST.match(lowered)
    if match:
        return _real(int(match.group(1)), int(match.group(2)), int(match.group(3)), typed)

    match = _NUMERIC.match(lowered)
    if match:
        day, month = int(match.group(1)), int(match.group(2))
        year = _year(match.group(3), today)
        if month > 12 and day <= 12:
            swapped = f"{month}/{day}" + (f"/{match.group(3)}" if match.group(3) else "")
            raise NotADay(typed, shape_ok=True, message=(
                f"'{typed}' reads month first. Dates here are day first: type {swapped} for {month} "
                f"{_dt.date(2000, day, 1):%B}."))
        if year is None:
            if not 1 <= month <= 12:
                raise NotADay(typed, shape_ok=True, message=f"'{typed}' is not a real date. {DAY_HELP}")
            return _nearest(month, day, today, typed)
        return _real(year, month, day, typed)

    for pattern, day_group, month_group, year_group in ((_DAY_MONTH, 1, 2, 3), (_MONTH_DAY, 2, 1, 3)):
        match = pattern.match(lowered)
        if match and match.group(month_group) in MONTHS:
            day, month = int(match.group(day_group)), MONTHS[match.group(month_group)]
            year = _year(match.group(year_group), today)
            return _nearest(month, day, today, typed) if year is None else _real(year, month, day, typed)

    match = _IN_A.match(lowered)
    if match:
        unit = match.group(1)
        return _add_months(today, 1) if unit == "month" else today + _dt.timedelta(days=UNITS[unit])
    match = _IN.match(lowered)
    if match and match.group(2) in UNITS:
        amount_text, unit = match.group(1), match.group(2)
        amount = int(amount_text) if amount_text.isdigit() else NUMBER_WORDS.get(amount_text)
        if amount is not None:
            if UNITS[unit] == 0:
                return _add_months(today, amount)
            return today + _dt.timedelta(days=amount * UNITS[unit])

    if lowered in ("end of month", "end of the month", "end of this month", "the end of the month"):
        return _dt.date(today.year, today.month, _last_day(today.year, today.month))
    if lowered in ("end of next month", "the end of next month"):
        following = _add_months(today.replace(day=1), 1)
        return following.replace(day=_last_day(following.year, following.month))
    if lowered in ("end of week", "end of the week", "end of this week"):
        return today + _dt.timedelta(days=(4 - today.weekday()) % 7)  # Friday, the end of the working week

    match = _WEEKDAY.match(lowered)
    if match and match.group(2) in WEEKDAYS and not (match.group(1) is None and lowered.endswith(" week")):
        which, weekday = match.group(1), WEEKDAYS[match.group(2)]
        if which == "next":  # the day in next week (Monday to Sunday)
            monday = today - _dt.timedelta(days=today.weekday()) + _dt.timedelta(days=7)
            return monday + _dt.timedelta(days=weekday)
        if which == "this":  # this week's
            return today - _dt.timedelta(days=today.weekday()) + _dt.timedelta(days=weekday)
        ahead = (weekday - today.weekday()) % 7 or 7  # the next one after today
        return today + _dt.timedelta(days=ahead)

    if lowered.isdigit():
        raise NotADay(typed, shape_ok=False, message=f"'{typed}' needs a month too, for example {lowered}/{today.month}. {DAY_HELP}")
    if lowered in MONTHS:
        raise NotADay(typed, shape_ok=False, message=f"Which day in {typed}? For example 11 {typed}.")
    raise NotADay(typed, shape_ok=False, message=f"'{typed}' is not a date this can read. {DAY_HELP}")


def read_day_or_problem(text: str, today: _dt.date) -> tuple[_dt.date | None, str | None]:
    """(the day, None), or (None, why not): for a box that shows either."""
    try:
        return read_day(text, today), None
    except NotADay as error:
        return None, error.message


def stored_day(value: object) -> _dt.date | None:
    """A day as a database gives it back: a date, or ISO text (SQLite); None for anything else.

    The storage readers (the tables, the quick list, next steps and the report) all read
    dates this way, so a damaged value is caught the same everywhere.
    """
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None
