"""The production month by month (the map's month slider), and the window it spans.

One event decades before the rest (a bridge built in 1912 in a 2020s production)
would stretch both the production timeline and the month list over a century:
:func:`view_range_of` leaves such far-earlier outliers out of the window.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

import numpy as np

from timeline.columns import Ints, Mask, columns_of
from timeline.index import DatasetIndex
from timeline.selection import Selection

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def view_range(starts: list[date], ends: list[date]) -> tuple[date, date, int]:
    """The initial time window: all events but far-earlier outliers, and how many were left out."""
    return view_range_of(
        np.array([d.toordinal() for d in starts]), np.array([d.toordinal() for d in ends])
    )


def view_range_of(starts: Ints, ends: Ints) -> tuple[date, date, int]:
    """:func:`view_range` for arrays of date ordinals (what :mod:`timeline.columns` holds)."""
    ordered = np.sort(starts)
    q1, q3 = int(ordered[len(ordered) // 4]), int(ordered[(3 * len(ordered)) // 4])
    fence = q1 - 3 * max(q3 - q1, 365)
    left_out = int(np.searchsorted(ordered, fence))  # the first start on or after the fence
    return date.fromordinal(int(ordered[left_out])), date.fromordinal(int(ends.max())), left_out


def month_bounds(month: str) -> tuple[date, date]:
    """The first and last day of ``month`` (``YYYY-MM``; anything else is a ValueError)."""
    found = _MONTH.match(month)
    if found is None:
        raise ValueError(f"{month!r} is not a month (expected YYYY-MM)")
    year, number = int(found.group(1)), int(found.group(2))
    return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])


def production_months(index: DatasetIndex, shown: Selection) -> list[str]:
    """Every month (``YYYY-MM``) from the first to the last of the placed production events.

    The events are the production events ``shown`` that have a place (the ones the
    map can show, as :func:`events_in_month` returns). Far-earlier outliers are left
    out of the span (:func:`view_range_of`). Empty without any such event.
    """
    cols = columns_of(index)
    placed = _placed(index, shown)
    if not placed.any():
        return []
    first, last, _ = view_range_of(cols.earliest[placed], cols.latest[placed])
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def events_in_month(index: DatasetIndex, shown: Selection, month: str) -> Selection:
    """The placed production events ``shown`` that may have happened in ``month``.

    An event counts when one of its periods overlaps the month: a span that runs
    through it, a day or month inside it, and also a one-of range ("some time between
    February 2020 and September 2021") or an open end ("by July 2020") that includes
    it, since the event may have been then. A date of separate periods ("summer 2021
    and summer 2022") counts only in the months of its periods, never in the months
    between them. In date order; ``month`` is ``YYYY-MM`` (anything else is a ValueError).
    """
    start, end = month_bounds(month)
    overlaps = columns_of(index).may_fall_in(start.toordinal(), end.toordinal())
    return shown.narrowed(index, _placed(index, shown) & overlaps, ("month", month))


def _placed(index: DatasetIndex, shown: Selection) -> Mask:
    """The production events ``shown`` that have a place, as a mask over positions."""
    cols = columns_of(index)
    mask = shown.mask & cols.places_of_event
    mask[: cols.n_story] = False
    return mask
