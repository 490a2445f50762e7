"""Fuzzy dates written in EDTF (ISO 8601-2).

Events carry dates such as ``2019-09`` (a month), ``2021-22`` (summer 2021) or
``2021-04/2021-06`` (a span). :func:`parse` turns one into a :class:`FuzzyDate`
with strict and fuzzy bounds, a precision and a human label.

The ``edtf`` package is the reference implementation, but one call costs a few
milliseconds; a dataset of 100k events cannot afford that. The common forms
(year, month, day, season, and intervals and one-of ranges of those, without
qualifiers) are parsed here by a fast path whose results the tests compare with
``edtf`` on every form the data uses; anything else goes to ``edtf`` once per
distinct string.
"""

from __future__ import annotations

import calendar
import contextlib
import io
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

# "interval": the event lasted from start to end; "within": it happened on one day
# (or in one period) somewhere between the bounds, EDTF's one-of-a-set ``[a..b]``.
Precision = Literal["day", "month", "season", "year", "interval", "within", "other"]

# EDTF season codes handled by the fast path, as (first month, last month).
# 21-24 follow edtf's northern-hemisphere reading; winter (24) is December only,
# as the reference library has it, so both paths agree.
_SEASONS: dict[int, tuple[int, int, str]] = {
    21: (3, 5, "spring"),
    22: (6, 8, "summer"),
    23: (9, 11, "autumn"),
    24: (12, 12, "winter"),
    33: (1, 3, "first quarter"),
    34: (4, 6, "second quarter"),
    35: (7, 9, "third quarter"),
    36: (10, 12, "fourth quarter"),
    40: (1, 6, "first half"),
    41: (7, 12, "second half"),
}

# Strings longer than this never reach the (slow) reference parser.
MAX_SLOW_LENGTH = 40
_SIMPLE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DateError(ValueError):
    """An EDTF string that cannot be read, or an interval that runs backwards."""


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A parsed EDTF date: strict bounds, fuzzy bounds (wider when qualified), a label."""

    text: str
    earliest: date
    latest: date
    fuzzy_earliest: date
    fuzzy_latest: date
    precision: Precision
    label: str

    @property
    def is_point(self) -> bool:
        """True for a single day: drawn as a marker rather than a bar."""
        return self.earliest == self.latest

    @property
    def is_fuzzy(self) -> bool:
        """True when the source gives less than a day (a month, a season, a span...)."""
        return not self.is_point or self.fuzzy_earliest != self.earliest


@dataclass(frozen=True, slots=True)
class _Part:
    earliest: date
    latest: date
    precision: Precision
    label: str


def _simple_part(text: str) -> _Part | None:
    """Parse ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-SS``; None if not one of these."""
    m = _SIMPLE.match(text)
    if m is None:
        return None
    year = int(m.group(1))
    month_s, day_s = m.group(2), m.group(3)
    try:
        if month_s is None:
            return _Part(date(year, 1, 1), date(year, 12, 31), "year", str(year))
        month = int(month_s)
        if day_s is not None:
            d = date(year, month, int(day_s))
            return _Part(d, d, "day", f"{d.day} {calendar.month_name[month]} {year}")
        if 1 <= month <= 12:
            last = calendar.monthrange(year, month)[1]
            label = f"{calendar.month_name[month]} {year}"
            return _Part(date(year, month, 1), date(year, month, last), "month", label)
        if month in _SEASONS:
            first_m, last_m, name = _SEASONS[month]
            last = calendar.monthrange(year, last_m)[1]
            return _Part(
                date(year, first_m, 1), date(year, last_m, last), "season", f"{name} {year}"
            )
    except ValueError as exc:
        raise DateError(f"{text!r} is not a valid EDTF date ({exc})") from None
    # Other sub-year groupings (25-32, 37-39) and invalid codes: the reference decides.
    return None


def _plain_season(text: str) -> bool:
    """False for ``YYYY-SS`` with a grouping other than the four seasons (21-24)."""
    parts = text.split("-")
    return len(parts) != 2 or int(parts[1]) <= 24


def _span(text: str, first: _Part, last: _Part, precision: Precision, label: str) -> FuzzyDate:
    """A date from ``first`` to ``last`` (unqualified, so its fuzzy bounds are its bounds)."""
    if last.latest < first.earliest:
        raise DateError(f"{text!r}: it ends before it starts")
    return FuzzyDate(
        text, first.earliest, last.latest, first.earliest, last.latest, precision, label
    )


def _fast(text: str) -> FuzzyDate | None:
    """The fast path: unqualified simple dates, intervals and one-of ranges of them."""
    if text.startswith("[") and text.endswith("]") and text.count("..") == 1:
        first_s, _, last_s = text[1:-1].partition("..")
        first, last = _simple_part(first_s), _simple_part(last_s)
        # The reference only reads ranges whose ends share a precision, and no seasons
        # in them; leave the rest to it so both paths accept and refuse the same strings.
        if first is None or last is None:
            return None
        if first.precision != last.precision or first.precision == "season":
            return None
        label = f"some time between {first.label} and {last.label}"
        return _span(text, first, last, "within", label)
    if "/" in text:
        start_s, _, end_s = text.partition("/")
        start, end = _simple_part(start_s), _simple_part(end_s)
        # In intervals the reference takes only the four seasons (21-24).
        if start is None or end is None or not (_plain_season(start_s) and _plain_season(end_s)):
            return None
        return _span(text, start, end, "interval", f"{start.label} \u2013 {end.label}")
    part = _simple_part(text)
    return None if part is None else _span(text, part, part, part.precision, part.label)


def parse_with_edtf(text: str) -> FuzzyDate:
    """Parse with the reference ``edtf`` package (slow: a few ms a call)."""
    from edtf import parse_edtf, struct_time_to_date
    from edtf.parser.edtf_exceptions import EDTFParseException
    from pyparsing import ParserElement

    if len(text) > MAX_SLOW_LENGTH:
        # Long sets and lists take the reference a large fraction of a second each.
        raise DateError(f"{text!r} is longer than the {MAX_SLOW_LENGTH} characters this tool reads")
    try:
        # The library prints debugging lines for some forms; they are not ours to show.
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                value = parse_edtf(text)
            finally:
                # edtf turns on pyparsing's packrat cache, which keeps the last parse's
                # exceptions, and through their tracebacks our callers' frames (a
                # dataset being validated), alive until the next parse.
                ParserElement.reset_cache()
        bounds = [
            struct_time_to_date(value.lower_strict()),
            struct_time_to_date(value.upper_strict()),
            struct_time_to_date(value.lower_fuzzy()),
            struct_time_to_date(value.upper_fuzzy()),
        ]
    except EDTFParseException:
        raise DateError(f"{text!r} is not a valid EDTF date") from None
    except (TypeError, ValueError, AttributeError, OverflowError):
        # edtf raises plain Python errors for forms it parses but cannot bound
        # (open intervals, for one); to us they are all unusable dates.
        raise DateError(f"{text!r} is an EDTF form this tool cannot place on a timeline") from None
    earliest, latest, fuzzy_earliest, fuzzy_latest = bounds
    if latest < earliest:
        raise DateError(f"{text!r}: the interval ends before it starts")
    kind = type(value).__name__
    precision: Precision = (
        "interval" if "Interval" in kind else "within" if kind == "OneOfASet" else "other"
    )
    qualifier = " (approximate)" if "~" in text or "%" in text else ""
    qualifier = " (uncertain)" if "?" in text and not qualifier else qualifier
    label = text if earliest != latest else earliest.strftime("%-d %B %Y")
    return FuzzyDate(
        text, earliest, latest, fuzzy_earliest, fuzzy_latest, precision, label + qualifier
    )


@lru_cache(maxsize=65536)
def _parse_once(text: str) -> FuzzyDate | DateError:
    # Failures are cached too: a file with ten thousand copies of one bad date must
    # not ask the slow reference ten thousand times.
    if not text or text != text.strip():
        return DateError(f"{text!r} is not a valid EDTF date (empty or padded with spaces)")
    try:
        return _fast(text) or parse_with_edtf(text)
    except DateError as exc:
        # A fresh exception: the caught one's traceback would keep its frames alive.
        return DateError(str(exc))


def parse(text: str) -> FuzzyDate:
    """Parse an EDTF string once; raises :class:`DateError` with a readable reason."""
    result = _parse_once(text)
    if isinstance(result, DateError):
        raise DateError(str(result))
    return result
