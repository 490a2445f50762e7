"""Box-office periods counted from the release: "its opening weekend", "its second weekend",
"its first day", "its first five days", "on Friday".

Box-office sections date their figures this way rather than by calendar. Counted from
the theatrical release day found in the article, as the trade press counts: a weekend
is Friday to Sunday, the opening weekend the first one on or after the release (the
one that holds it, for a weekend release), the N-th weekend N-1 weeks later. A
"Tuesday-night preview" in the same sentence as the first day starts it that evening.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from timeline.draft.when import When

_ORDINALS = {
    "opening": 1, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ORDINAL = r"(?:opening|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
_PERIOD = re.compile(
    rf"\b(?:its|the)\s+(?:(?P<ord>{_ORDINAL})\s+(?P<unit>weekend|day)\b"
    rf"|first\s+(?P<n>\d+|two|three|four|five|six|seven|ten)\s+days\b"
    rf"|(?P<ell>{_ORDINAL})\b(?=\s*(?:[,.;)]|and\b|$)))"
    r"|\bon\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    re.I,
)
_PREVIEW = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)[- ]night preview", re.I
)


def opening_weekend(release: date) -> tuple[date, date]:
    """The Friday and Sunday of the first weekend of a film released on ``release``."""
    weekday = release.weekday()  # Monday 0 ... Sunday 6
    friday = (
        release + timedelta(days=(4 - weekday) % 7)
        if weekday <= 4
        else release - timedelta(days=weekday - 4)
    )
    return friday, friday + timedelta(days=2)


def _span(first: date, last: date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"


def find_periods(sentence: str, release: date) -> list[When]:
    """The release-relative periods of ``sentence``, as dated phrases (each ``anchored``)."""
    out: list[When] = []
    last_unit = "day"
    for m in _PERIOD.finditer(sentence):
        text = m.group(0)
        if m.group("wd"):
            wanted = _WEEKDAYS.index(m.group("wd").lower())
            day = release + timedelta(days=(wanted - release.weekday()) % 7)
            edtf = day.isoformat()
        elif m.group("n"):
            count = _COUNTS.get(m.group("n").lower()) or int(m.group("n"))
            edtf = _span(release, release + timedelta(days=count - 1))
        else:
            word = (m.group("ord") or m.group("ell")).lower()
            unit = (m.group("unit") or last_unit).lower()
            last_unit = unit
            number = _ORDINALS[word]
            if unit == "weekend":
                friday, sunday = opening_weekend(release)
                step = timedelta(weeks=number - 1)
                edtf = _span(friday + step, sunday + step)
            else:
                day = release + timedelta(days=number - 1)
                preview = _PREVIEW.search(sentence)
                if number == 1 and preview is not None:
                    wanted = _WEEKDAYS.index(preview.group(1).lower())
                    back = (release.weekday() - wanted) % 7 or 7
                    edtf = _span(release - timedelta(days=back), release)
                else:
                    edtf = day.isoformat()
        out.append(When(edtf, text, m.start(), m.end(), anchored=True))
    return out
