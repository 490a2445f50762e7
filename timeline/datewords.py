"""Dates in compact words for chart labels: ``23 Jul 2021``, ``Apr 2023``, ``4 months``."""

from __future__ import annotations

import calendar
from datetime import date

from timeline.dates import FuzzyDate


def short_date(day: date) -> str:
    """``23 Jul 2021``."""
    return f"{day.day} {calendar.month_abbr[day.month]} {day.year}"


def month_text(day: date) -> str:
    """``Jul 2021``."""
    return f"{calendar.month_abbr[day.month]} {day.year}"


def when_text(when: FuzzyDate) -> str:
    """A compact form of a fuzzy date for an axis label.

    ``14 Jan 2019`` for a day, ``Apr 2023`` for a month, ``2022`` for a year, and
    ``between Jan 2019 and Jul 2021`` for anything wider: a one-of range means some
    time between its bounds, never its midpoint. Bounds more than two months apart
    are given to the month, widening (never narrowing) what the source says.
    Separate periods are each given, as ``Jun-Aug 2021 and Jun-Aug 2022`` (an en
    dash, not a hyphen), and an open end says so: ``by Jul 2020``, ``from Jul 2020``.
    """
    if when.open_start or when.open_end:
        known = _period_text(when.earliest, when.latest, joined=True)
        if when.precision == "within":
            return f"by {known}" if when.open_start else f"{known} or later"
        return f"until {known}" if when.open_start else f"from {known}"
    if len(when.periods) > 1:
        word = " and " if when.precision == "several" else " or "
        return word.join(_period_text(a, b, joined=True) for a, b in when.periods)
    return _period_text(when.earliest, when.latest, joined=False)


def _period_text(first: date, last: date, *, joined: bool) -> str:
    """One period in compact words; ``joined`` (in a longer phrase) drops "between...and"."""
    if first == last:
        return short_date(first)
    month_end = calendar.monthrange(last.year, last.month)[1]
    whole_months = first.day == 1 and last.day == month_end
    if whole_months and (first.year, first.month) == (last.year, last.month):
        return month_text(first)
    if whole_months and (first.month, last.month) == (1, 12) and first.year == last.year:
        return str(first.year)
    show = month_text if whole_months or (last - first).days > 62 else short_date
    if joined:
        if show is month_text and first.year == last.year:
            return f"{calendar.month_abbr[first.month]}\u2013{month_text(last)}"
        return f"{show(first)}\u2013{show(last)}"
    return f"between {show(first)} and {show(last)}"


def duration_words(start: date, end: date) -> str:
    """How far apart two days are in calendar words: ``1 year 11 months``, ``4 months``.

    Whole months count (a remainder of days is dropped) unless the gap is under a
    month, when it is given in days; ``same day`` when there is no gap. The order of
    the two days does not matter.
    """
    first, last = min(start, end), max(start, end)
    months = (last.year - first.year) * 12 + last.month - first.month
    if last.day < first.day:
        months -= 1
    if months <= 0:
        days = (last - first).days
        return "same day" if days == 0 else f"{days} day{'s' if days != 1 else ''}"
    years, months = divmod(months, 12)
    parts = [f"{years} year{'s' if years != 1 else ''}"] if years else []
    if months:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return " ".join(parts)


def plural(n: int, word: str) -> str:
    """``1 rating``, ``3 ratings``."""
    return f"{n} {word}{'s' if n != 1 else ''}"
