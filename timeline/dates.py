"""Fuzzy dates written in EDTF (ISO 8601-2).

Events carry dates such as ``2019-09`` (a month), ``2021-22`` (summer 2021),
``2021-04/2021-06`` (a span), ``{2021-22,2022-22}`` (two separate summers) or
``[..2020-07]`` (by July 2020). :func:`parse` turns one into a :class:`FuzzyDate`
with strict and fuzzy bounds, its separate periods, which ends are open, a
precision and a human label.

The ``edtf`` package is the reference implementation, but one call costs a few
milliseconds; a dataset of 100k events cannot afford that. The common forms
(year, month, day, season; intervals, one-of ranges, sets ``{a,b}`` and lists
``[a,b]`` of those; open ends ``[..a]``, ``[a..]``, ``../a``, ``a/..``; all
without qualifiers) are parsed here by a fast path whose results the tests compare
with ``edtf`` on every form the data uses; anything else goes to ``edtf`` once per
distinct string.

Two things the fast path reads that the reference does not (see
:func:`beyond_reference`): seasons inside sets and lists (``edtf`` refuses
``{2021-22,2022-22}``), and open ends, which ``edtf`` parses but cannot bound.
An open end has no day to give; such a date keeps the bounds of its known end
and says which side is open (``open_start``, ``open_end``), and matching by date
treats the open side as reaching as far as it needs.
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
# (or in one period) somewhere between the bounds, EDTF's one-of-a-set ``[a..b]``
# (or in one of the periods of a list ``[a,b]``); "several": it took place in every
# one of separate periods, EDTF's set ``{a,b}``.
Precision = Literal["day", "month", "season", "year", "interval", "within", "several", "other"]
Period = tuple[date, date]

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
# A season code (21-41) in a set or list: a year, a dash, two digits, then no day.
_HAS_SEASON = re.compile(r"\d{4}-(2[1-9]|3\d|4[01])(?!-)")
# "an open end" in EDTF: ``..`` on its own side of an interval or range.
OPEN = ".."


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
    # The separate periods of a set or list, in order; empty for one period.
    parts: tuple[Period, ...] = ()
    # An open end: the date reaches (or may lie) any distance before or after its bounds.
    open_start: bool = False
    open_end: bool = False

    @property
    def periods(self) -> tuple[Period, ...]:
        """The separate periods (first and last day of each), in order: one for most dates."""
        return self.parts or ((self.earliest, self.latest),)

    @property
    def is_open(self) -> bool:
        """True when one end is open (``[..2020-07]``, ``2020-07/..``)."""
        return self.open_start or self.open_end

    @property
    def is_point(self) -> bool:
        """True for a single known day: drawn as a marker rather than a bar."""
        return self.earliest == self.latest and not self.is_open

    @property
    def is_fuzzy(self) -> bool:
        """True when the source gives less than a day (a month, a season, a span...)."""
        return not self.is_point or self.fuzzy_earliest != self.earliest


def beyond_reference(value: FuzzyDate) -> bool:
    """True for the forms read here that the ``edtf`` reference refuses or cannot bound.

    Open ends (``edtf`` parses them but has no day for the open side) and sets or
    lists with a season in them (``edtf`` refuses ``{2021-22,2022-22}``).
    """
    if value.is_open:
        return True
    return value.precision in ("several", "within") and _HAS_SEASON.search(value.text) is not None


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


def _join(labels: list[str], word: str) -> str:
    """``a and b``, ``a, b and c`` (or with ``or``)."""
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} {word} {labels[-1]}"


def _range_ends(text: str, first_s: str, last_s: str) -> tuple[_Part, _Part] | None:
    """The ends of a range ``a..b``, which share a precision that is not a season.

    The reference reads only such ranges; anything else is left to it (None), so both
    paths accept and refuse the same strings.
    """
    first, last = _simple_part(first_s), _simple_part(last_s)
    if first is None or last is None:
        return None
    if first.precision != last.precision or first.precision == "season":
        return None
    if last.latest < first.earliest:
        raise DateError(f"{text!r}: {first_s}..{last_s} ends before it starts")
    return first, last


def _several(text: str, inner: str, *, every: bool) -> FuzzyDate | None:
    """A set ``{a,b}`` (every one of the periods) or a list ``[a,b]`` (one of them).

    Items are years, months, days, seasons (which the reference cannot read in a set)
    or ranges ``a..b``; at least two of them. Periods are kept in date order.
    """
    items = [item.strip(" ") for item in inner.split(",")]
    if len(items) < 2:
        return None
    found: list[_Part] = []
    for item in items:
        if item.count(OPEN) == 1:
            first_s, _, last_s = item.partition(OPEN)
            ends = _range_ends(text, first_s, last_s)
            part = None
            if ends is not None:
                first, last = ends
                label = f"{first.label} to {last.label}"
                part = _Part(first.earliest, last.latest, first.precision, label)
        else:
            part = _simple_part(item)
        if part is None:
            return None
        found.append(part)
    found.sort(key=lambda p: (p.earliest, p.latest))
    earliest, latest = found[0].earliest, max(p.latest for p in found)
    label = _join([p.label for p in found], "and" if every else "or")
    precision: Precision = "several" if every else "within"
    parts = tuple((p.earliest, p.latest) for p in found)
    return FuzzyDate(text, earliest, latest, earliest, latest, precision, label, parts)


def _open(text: str, known_s: str, *, open_start: bool, within: bool) -> FuzzyDate | None:
    """``[..a]``, ``[a..]`` (once, by or from ``a``) or ``../a``, ``a/..`` (lasting until or from).

    The bounds are those of the known end ``a``; the open side is flagged. Seasons
    follow the reference: none in ranges, only 21-24 in intervals.
    """
    part = _simple_part(known_s)
    if part is None:
        return None
    if (within and part.precision == "season") or not _plain_season(known_s):
        return None
    if within:
        label = f"by {part.label}" if open_start else f"{part.label} or later"
    else:
        label = f"until {part.label}" if open_start else f"from {part.label} onward"
    precision: Precision = "within" if within else "interval"
    first, last = part.earliest, part.latest
    return FuzzyDate(
        text, first, last, first, last, precision, label, (), open_start, not open_start
    )


def _fast(text: str) -> FuzzyDate | None:
    """The fast path: unqualified simple dates, and intervals, ranges, sets and lists of them."""
    if text.startswith("{") and text.endswith("}"):
        return _several(text, text[1:-1], every=True)
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1]
        if "," in inner:
            return _several(text, inner, every=False)
        if inner.count(OPEN) != 1:
            return None
        if inner.startswith(OPEN):
            return _open(text, inner[2:], open_start=True, within=True)
        if inner.endswith(OPEN):
            return _open(text, inner[:-2], open_start=False, within=True)
        first_s, _, last_s = inner.partition(OPEN)
        ends = _range_ends(text, first_s, last_s)
        if ends is None:
            return None
        first, last = ends
        label = f"some time between {first.label} and {last.label}"
        return _span(text, first, last, "within", label)
    if "/" in text:
        start_s, _, end_s = text.partition("/")
        if start_s == OPEN and end_s != OPEN:
            return _open(text, end_s, open_start=True, within=False)
        if end_s == OPEN and start_s != OPEN:
            return _open(text, start_s, open_start=False, within=False)
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
