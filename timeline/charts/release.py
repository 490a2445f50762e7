"""Release-date slips: each announced release date, in the order it was set."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

import plotly.graph_objects as go

from timeline.charts.base import GRID, ChartNotes, Spec, figure_from, set_notes, thin
from timeline.charts.rows import (
    COLOUR_WORDS,
    MAX_ROWS,
    Annotation,
    Tok,
    empty_rows,
    event_hover,
    pixel_rows,
    row_labels,
    stack,
    words,
    wrap,
)
from timeline.datewords import duration_words, short_date, when_text
from timeline.index import DatasetIndex
from timeline.measures import MINUS
from timeline.models import Phase, ProductionEvent
from timeline.selection import Selection, shown_production
from timeline.style import MUTED, PHASE_COLOURS

#: Events whose ``planned_date`` is an announced release date.
RELEASE_PHASE: Phase = "release"
_DELAYED = PHASE_COLOURS[RELEASE_PHASE]
_BROUGHT_FORWARD = "#009E73"
_DELAYED_WORD = COLOUR_WORDS.get(_DELAYED, "coloured")
_BROUGHT_FORWARD_WORD = COLOUR_WORDS.get(_BROUGHT_FORWARD, "coloured")
_GHOST = "#B0B0B0"
_SLIP_PX = 18


def release_dates(index: DatasetIndex, shown: Selection) -> list[ProductionEvent]:
    """Release events with a planned date, in the order the dates were set.

    That is by the earliest day the announcement could have been made, then (for
    announcements only known to fall in the same window) by the planned date itself,
    on the reading that a later release date was set later.
    """
    events = [e for e in shown_production(index, shown, [RELEASE_PHASE]) if e.planned_date]
    return sorted(
        events,
        key=lambda e: (index.dates[e.id].earliest, e.planned_date, index.dates[e.id].latest, e.id),
    )


def _planned(ev: ProductionEvent) -> date:
    assert ev.planned_date is not None  # release_dates keeps only events that have one
    return ev.planned_date


def release_delay(index: DatasetIndex, shown: Selection) -> tuple[date, date, int] | None:
    """The first planned release date, the last, and the days from one to the other.

    "First" and "last" are in the order the dates were set (see :func:`release_dates`),
    so a release brought forward makes the days negative. None without any release
    event with a planned date among ``ids``.
    """
    events = release_dates(index, shown)
    if not events:
        return None
    first, last = _planned(events[0]), _planned(events[-1])
    return first, last, (last - first).days


def _slip_title(slips: _Slips) -> tuple[str, str]:
    """The headline and the line under it: how often the date moved, and how far in all."""
    first, last, days = slips.delay
    moves = slips.moves
    if moves == 0:
        return f"Release date set for {short_date(first)}", (
            "The only announcement among the events shown."
            if slips.total == 1
            else "It never moved."
        )
    times = "once" if moves == 1 else "twice" if moves == 2 else f"{moves} times"
    headline = f"Release date moved {times}: {short_date(first)} → {short_date(last)}"
    if days == 0:
        return headline, "Back where it started."
    verb = "later" if days > 0 else "earlier"
    return headline, f"{abs(days)} days ({duration_words(first, last)}) {verb} in all."


@dataclass(frozen=True)
class _Slips:
    """The announcements drawn (a sample past :data:`MAX_ROWS`) and how each moved the date."""

    events: list[ProductionEvent]
    total: int
    planned: list[date]
    shifts: list[int]
    delay: tuple[date, date, int]  # as :func:`release_delay`, over every announcement

    @property
    def moves(self) -> int:
        return sum(1 for s in self.shifts if s != 0)


def _slips(index: DatasetIndex, shown: Selection) -> _Slips | None:
    all_events = release_dates(index, shown)
    if not all_events:
        return None
    events = thin(all_events, MAX_ROWS)
    planned = [_planned(e) for e in events]
    shifts = [0, *((b - a).days for a, b in pairwise(planned))]
    first, last = _planned(all_events[0]), _planned(all_events[-1])
    return _Slips(events, len(all_events), planned, shifts, (first, last, (last - first).days))


def _slip_colour(row: int, shift: int) -> str:
    return _BROUGHT_FORWARD if shift < 0 else _DELAYED if shift > 0 or row == 0 else MUTED


def _slip_label(index: DatasetIndex, slips: _Slips, row: int) -> list[str]:
    """``2. set between Jan 2019 and Jul 2021 for 19 Nov 2021 (+119 days)``, wrapped."""
    shift = slips.shifts[row]
    style = f"color:{_slip_colour(row, shift)}"
    tokens = [
        Tok(f"{row + 1}."),
        Tok("set", f"color:{MUTED}"),
        *words(when_text(index.dates[slips.events[row].id]), f"color:{MUTED}"),
        Tok("for", f"color:{MUTED}"),
        Tok(short_date(slips.planned[row]), style, bold=True, glue=True),
    ]
    if row:
        tokens.append(Tok(f"({_signed_days(shift)})", glue=True))
    return wrap(tokens)


def _signed_days(days: int) -> str:
    if days == 0:
        return "same date"
    sign = "+" if days > 0 else MINUS
    return f"{sign}{abs(days)} day{'s' if abs(days) != 1 else ''}"


def _slip_steps(slips: _Slips, centres: list[int]) -> tuple[list[Spec], list[Annotation]]:
    """The dotted step from each date down to the next row, the date it replaced there
    (traces), and the arrows from it to the new date (annotations)."""
    traces: list[Spec] = []
    step_x: list[str | None] = []
    step_y: list[int | None] = []
    for row in range(1, len(slips.events)):
        old = slips.planned[row - 1].isoformat()
        step_x += [old, old, None]
        step_y += [centres[row - 1], centres[row], None]
    if step_x:
        traces.append(
            {
                "type": "scatter",
                "x": step_x,
                "y": step_y,
                "mode": "lines",
                "line": {"color": _GHOST, "width": 1.5, "dash": "dot"},
                "hoverinfo": "skip",
                "name": "Step",
            }
        )
    ghosts = [row for row in range(1, len(slips.events)) if slips.shifts[row] != 0]
    if ghosts:
        traces.append(
            {
                "type": "scatter",
                "x": [slips.planned[row - 1].isoformat() for row in ghosts],
                "y": [centres[row] for row in ghosts],
                "mode": "markers",
                "name": "Date it replaced",
                "marker": {"size": 10, "color": "white", "line": {"width": 1.5, "color": _GHOST}},
                "hoverinfo": "skip",
            }
        )
    arrows: list[Annotation] = [
        {
            "x": slips.planned[row].isoformat(),
            "y": centres[row],
            "ax": slips.planned[row - 1].isoformat(),
            "ay": centres[row],
            "xref": "x",
            "yref": "y",
            "axref": "x",
            "ayref": "y",
            "text": "",
            "showarrow": True,
            "arrowhead": 2,
            "arrowsize": 1.2,
            "arrowwidth": 2,
            "standoff": 7,
            "startstandoff": 6,
            "arrowcolor": _DELAYED if slips.shifts[row] > 0 else _BROUGHT_FORWARD,
        }
        for row in ghosts
    ]
    return traces, arrows


def _slip_hover(index: DatasetIndex, slips: _Slips, row: int) -> str:
    shift = slips.shifts[row]
    return (
        f"{event_hover(index, slips.events[row])}<br><i>Release date:</i> "
        f"{short_date(slips.planned[row])}"
        + (f" ({_signed_days(shift)} on the previous date)" if row else "")
    )


def release_slips(index: DatasetIndex, shown: Selection) -> go.Figure:
    """Each announced release date, top to bottom in the order it was set.

    One row per announcement: a label (when the date was set, a range when the source
    only bounds it, and the date it announced) over a line where the marker sits at
    that date and an arrow runs from the date it replaced (a grey ghost, joined by a
    dotted step to the row above), coloured by whether the release slipped later or
    came forward. The figure carries :func:`release_notes` (see :func:`notes_of`).
    """
    slips = _slips(index, shown)
    if slips is None:
        return empty_rows(
            "No release dates to compare: none of the release events shown has a planned date."
        )
    labels = [_slip_label(index, slips, row) for row in range(len(slips.events))]
    tops, centres, height = stack(labels, _SLIP_PX)
    traces, arrows = _slip_steps(slips, centres)
    traces.append(
        {
            "type": "scatter",
            "x": [day.isoformat() for day in slips.planned],
            "y": centres,
            "mode": "markers",
            "name": "Announced release date",
            "marker": {
                "size": 13,
                "color": [_slip_colour(row, s) for row, s in enumerate(slips.shifts)],
                "line": {"width": 1, "color": "white"},
            },
            "customdata": [[e.id] for e in slips.events],
            "hovertext": [_slip_hover(index, slips, row) for row in range(len(slips.events))],
            "hoverinfo": "text",
        }
    )
    span = max((max(slips.planned) - min(slips.planned)).days, 60)
    pad = timedelta(days=max(20, span // 12))
    layout: Spec = {
        "annotations": [*arrows, *row_labels(labels, tops)],
        "xaxis": {
            "type": "date",
            "range": [
                (min(slips.planned) - pad).isoformat(),
                (max(slips.planned) + pad).isoformat(),
            ],
            "gridcolor": GRID,
            "side": "top",
        },
        "yaxis": {"range": [height, 0]},
    }
    pixel_rows(layout, height)
    set_notes(layout, _release_notes(slips))
    return figure_from(traces, layout)


def _slip_key(slips: _Slips) -> str:
    """How to read the rows, naming only the kinds of move that happened."""
    key = "Each row is an announcement: when it was made, and the release date it set."
    marks = [
        f"{'an' if word[0] in 'aeiou' else 'a'} {word} arrow, {meaning}"
        for word, meaning, present in (
            (_DELAYED_WORD, "a delay", any(s > 0 for s in slips.shifts)),
            (_BROUGHT_FORWARD_WORD, "a date brought forward", any(s < 0 for s in slips.shifts)),
        )
        if present
    ]
    if marks:
        key += f" A hollow circle marks the date it replaced; {' and '.join(marks)}."
    return key


def release_notes(index: DatasetIndex, shown: Selection) -> ChartNotes:
    """The total delay as a headline, and how to read :func:`release_slips`; empty without it."""
    slips = _slips(index, shown)
    return ChartNotes() if slips is None else _release_notes(slips)


def _release_notes(slips: _Slips) -> ChartNotes:
    headline, summary = _slip_title(slips)
    lines = [summary]
    if len(slips.events) < slips.total:
        lines.append(f"A sample of {len(slips.events)} of {slips.total:,} announcements.")
    return ChartNotes(headline, (*lines, _slip_key(slips)))
