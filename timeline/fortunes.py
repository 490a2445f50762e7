"""Pure Plotly figures of a film's fortunes: release-date slips, box-office run, reception.

Like :mod:`timeline.figures`, every builder takes the index and the ids of the
events currently shown, uses only the production events among them, and returns
a ``go.Figure`` whose clickable points carry the event id in ``customdata[0]``.
Every number and label comes from the data; which metric slugs play which part
(a budget, a projection, a comparison with another film) is decided by the small
conventions below, which hold for any film.

Each builder has a ``*_notes`` twin giving the chart's headline, key and notes as
plain text (:class:`ChartNotes`) for the app to show where text wraps: the figures
write nothing beside their marks, so they fit any width (see the row layout below).

The month helpers at the end (:func:`production_months`, :func:`events_in_month`)
let the map step through a production month by month.
"""

from __future__ import annotations

import calendar
import math
import re
import textwrap
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby, pairwise
from typing import Any, Literal

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from timeline.columns import Mask, columns_of, shown_production
from timeline.dates import FuzzyDate
from timeline.figures import (
    ChartNotes,
    _layout,
    attach_notes,
    empty_figure,
    thin,
    view_range_of,
)
from timeline.index import DatasetIndex
from timeline.models import Measure, Phase, ProductionEvent
from timeline.style import MUTED, PHASE_COLOURS
from timeline.text import hover_block, hover_escape

# --- conventions ----------------------------------------------------------------------------

#: Events whose ``planned_date`` is an announced release date.
RELEASE_PHASE: Phase = "release"
#: Events whose money measures make up the box-office run.
BOX_OFFICE_PHASE: Phase = "box-office"
#: Events whose percent and rating measures are review scores.
RECEPTION_PHASE: Phase = "reception"
#: Events whose count measures are award tallies (nominations, wins).
AWARDS_PHASE: Phase = "awards"

#: The currency the box-office chart draws; amounts in other currencies are only counted.
CHART_CURRENCY = "USD"
# Rows past this are unreadable; a larger set is shown as an even sample, with a note.
MAX_ROWS = 80
#: Metrics drawn as reference lines across the box-office run rather than as bars:
#: what the film cost and what it had to gross. A projected or estimated form of one
#: (``estimated-budget``) is a reference line too, drawn fainter.
REFERENCE_METRICS: frozenset[str] = frozenset({"budget", "break-even-gross"})
#: Metric prefixes marking a forecast or an estimate rather than a reported figure.
PROJECTION_PREFIXES: tuple[str, ...] = ("projected-", "estimated-")
#: Metric prefix marking, explicitly, a figure of another film given for comparison.
COMPARISON_PREFIX = "comparison-"
#: A label ending in a bracketed year (``... five-day gross (2000)``) names another film's
#: figure, unless that year is the film's own.
COMPARISON_LABEL = re.compile(r"\((\d{4})\)\s*$")

_SYMBOLS = {"USD": "$", "GBP": "£"}
_MINUS = "\u2212"
# A white glow round text written over lines, so a reference line never cuts through it.
_HALO = ", ".join(f"{x}px {y}px 1px white" for x in (-2, 0, 2) for y in (-2, 0, 2))
_DELAYED = PHASE_COLOURS[RELEASE_PHASE]
_BROUGHT_FORWARD = "#009E73"
# Colours as the notes name them (the chart keys are words, where text wraps).
_COLOUR_WORDS = {"#D55E00": "orange", "#009E73": "green", "#56B4E9": "blue"}
_DELAYED_WORD = _COLOUR_WORDS.get(_DELAYED, "coloured")
_BROUGHT_FORWARD_WORD = _COLOUR_WORDS.get(_BROUGHT_FORWARD, "coloured")
_GHOST = "#B0B0B0"
_REFERENCE = "#333333"
_COMPARISON = "#BDBDBD"
_GRID = "#EEEEEE"
_SLIP_PX = 18

BarKind = Literal["actual", "projection", "comparison"]
Annotation = dict[str, Any]


# --- formatting -----------------------------------------------------------------------------


def money(value: float, currency: str = "USD") -> str:
    """A short amount for a chart label: ``$54.7M``, ``$1.25B``, ``£57M``, ``$950``.

    A negative amount starts with a minus sign (U+2212), as :func:`measure_text` numbers do.
    """
    symbol = _SYMBOLS.get(currency, f"{currency} ")
    sign = _MINUS if value < 0 else ""
    size = abs(value)
    if size >= 1e9:
        number = f"{size / 1e9:.2f}".rstrip("0").rstrip(".") + "B"
    elif size >= 1e6:
        number = f"{size / 1e6:.1f}".removesuffix(".0") + "M"
    else:
        number = f"{size:,.0f}"
    return f"{sign}{symbol}{number}"


def _number(value: float) -> str:
    """``4,327``, ``8.5``, and a typographic minus for negatives (``\u221265``)."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
    return text.replace("-", _MINUS)


def measure_text(measure: Measure) -> str:
    """A measure in its original form: ``96%``, ``8/10``, ``#4``, ``$54.7M``, ``2``."""
    if measure.unit in _SYMBOLS:
        return money(measure.value, measure.unit)
    if measure.unit == "percent":
        return f"{_number(measure.value)}%"
    if measure.unit == "rank":
        return f"#{_number(measure.value)}"
    if measure.unit == "rating" and measure.out_of is not None:
        return f"{_number(measure.value)}/{_number(measure.out_of)}"
    return _number(measure.value)


def score_out_of_100(measure: Measure) -> float | None:
    """A percent as is, a rating rescaled to 0-100 (``8`` out of ``10`` → 80); else None."""
    if measure.unit == "percent":
        return measure.value
    if measure.unit == "rating" and measure.out_of is not None:
        return measure.value * 100 / measure.out_of
    return None


def short_date(day: date) -> str:
    """``23 Jul 2021``."""
    return f"{day.day} {calendar.month_abbr[day.month]} {day.year}"


def _month_text(day: date) -> str:
    return f"{calendar.month_abbr[day.month]} {day.year}"


def when_text(when: FuzzyDate) -> str:
    """A compact form of a fuzzy date for an axis label.

    ``14 Jan 2019`` for a day, ``Apr 2023`` for a month, ``2022`` for a year, and
    ``between Jan 2019 and Jul 2021`` for anything wider: a one-of range means some
    time between its bounds, never its midpoint. Bounds more than two months apart
    are given to the month, widening (never narrowing) what the source says.
    """
    first, last = when.earliest, when.latest
    if first == last:
        return short_date(first)
    month_end = calendar.monthrange(last.year, last.month)[1]
    whole_months = first.day == 1 and last.day == month_end
    if whole_months and (first.year, first.month) == (last.year, last.month):
        return _month_text(first)
    if whole_months and (first.month, last.month) == (1, 12) and first.year == last.year:
        return str(first.year)
    show = _month_text if whole_months or (last - first).days > 62 else short_date
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


def _signed_days(days: int) -> str:
    if days == 0:
        return "same date"
    sign = "+" if days > 0 else _MINUS
    return f"{sign}{abs(days)} day{'s' if abs(days) != 1 else ''}"


def _event_hover(index: DatasetIndex, ev: ProductionEvent, *, summary_lines: int = 6) -> str:
    when = index.dates[ev.id]
    return (
        f"<b>{hover_escape(ev.title)}</b><br>{hover_block(ev.date_text, max_lines=3)}"
        f"<br><span style='color:{MUTED}'>({hover_escape(when.label)})</span>"
        f"<br>{hover_block(ev.summary, max_lines=summary_lines)}"
    )


def _style(fig: go.Figure, *, height: int) -> go.Figure:
    """The house layout, with hover labels on white so grey notes in them stay readable."""
    _layout(fig, height=height)
    fig.update_layout(hoverlabel={"bgcolor": "white", "font": {"color": "#222222"}})
    return fig


# --- rows labelled above their marks --------------------------------------------------------
#
# Each chart is a stack of rows: a left-aligned label of one or more lines, then the bar or
# markers it names, across the whole width. Nothing is written beside a mark, so nothing
# runs off the side however narrow the chart. The y axis counts pixels from the top, so a
# label's height and the gap to its mark do not depend on how many rows there are.

#: Characters per label line: about what fits across a phone-wide chart at 12 px.
LABEL_CHARS = 44
#: Lines a label's words may take before they are cut short (the hover has them in full).
LABEL_LINES = 3
#: The ``name`` of every row-label annotation.
ROW_LABEL = "row label"
_LINE_PX = 16
_LABEL_GAP = 3
_ROW_GAP = 11
_MARK_PX = 14
_FIRST_PX = 4
_SIDE_PX = 12
_AXIS_PX = 30
_SEP = "·"


@dataclass(frozen=True)
class _Tok:
    """A piece of a label never broken across lines, its CSS, and whether it sticks to the last."""

    text: str
    style: str = ""
    bold: bool = False
    glue: bool = False


_BREAK = _Tok("\n")


def _words(text: str, style: str = "") -> list[_Tok]:
    """``text`` as words that may wrap, cut short past :data:`LABEL_LINES` lines."""
    text = " ".join(text.split())
    limit = LABEL_CHARS * LABEL_LINES
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return [
        _Tok(word[i : i + LABEL_CHARS], style)
        for word in text.split()
        for i in range(0, len(word), LABEL_CHARS)
    ]


def _value(text: str, *, bold: bool = False) -> list[_Tok]:
    """`` · text``: the dot is dropped when the value starts a line."""
    return [_Tok(_SEP), _Tok(text, bold=bold, glue=True)]


def _markup(line: list[_Tok]) -> str:
    """One label line as Plotly markup, runs of one style in one span; all text escaped."""
    parts = []
    for (style, bold), run in groupby(line, key=lambda t: (t.style, t.bold)):
        html = hover_escape(" ".join(t.text for t in run))
        html = f"<b>{html}</b>" if bold else html
        parts.append(f"<span style='{style}'>{html}</span>" if style else html)
    return " ".join(parts)


def _wrap(tokens: list[_Tok]) -> list[str]:
    """Tokens as lines of at most :data:`LABEL_CHARS` characters, glued runs kept whole."""
    units: list[list[_Tok]] = []
    for tok in tokens:
        if tok.glue and units and units[-1][-1] is not _BREAK:
            units[-1].append(tok)
        else:
            units.append([tok])
    lines: list[list[_Tok]] = [[]]
    for unit in units:
        if unit[0] is _BREAK:
            lines.append([])
            continue
        used = sum(len(t.text) + 1 for t in lines[-1])
        if lines[-1] and used + sum(len(t.text) + 1 for t in unit) - 1 > LABEL_CHARS:
            lines.append([])
        if not lines[-1] and unit[0].text == _SEP and len(unit) > 1:
            unit = unit[1:]
        lines[-1].extend(unit)
    return [_markup(line) for line in lines if line]


def _stack(
    labels: list[list[str]], mark_px: int, first: int = _FIRST_PX
) -> tuple[list[int], list[int], int]:
    """Rows top to bottom in pixels: each label's top, each mark's centre, the total height."""
    tops, centres, y = [], [], first
    for lines in labels:
        tops.append(y)
        y += _LINE_PX * len(lines) + _LABEL_GAP
        centres.append(y + mark_px // 2)
        y += mark_px + _ROW_GAP
    return tops, centres, y


def _row_labels(labels: list[list[str]], tops: list[int], yref: str = "y") -> list[Annotation]:
    """Each label at the left edge of the plot, its first line's top at its row's top."""
    return [
        {
            "text": "<br>".join(lines),
            "name": ROW_LABEL,
            "x": 0,
            "xref": "paper",
            "xanchor": "left",
            "y": top,
            "yref": yref,
            "yanchor": "top",
            "align": "left",
            "showarrow": False,
            "borderpad": 0,
            # A white glow, so a reference line or a step behind a label never cuts it.
            "font": {"size": 12, "color": "#222222", "shadow": _HALO},
        }
        for lines, top in zip(labels, tops, strict=True)
    ]


def _annotate(fig: go.Figure, annotations: list[Annotation]) -> None:
    """Add ``annotations`` in one go (one at a time is slow past a few dozen)."""
    fig.update_layout(annotations=[*fig.layout.annotations, *annotations])


def _pixel_rows(fig: go.Figure, plot_px: int, *, top: int = _AXIS_PX, bottom: int = 8) -> None:
    """Size the figure so one y unit is one pixel, with fixed margins and no legend."""
    _style(fig, height=plot_px + top + bottom)
    fig.update_layout(
        margin={"l": _SIDE_PX, "r": _SIDE_PX, "t": top, "b": bottom},
        showlegend=False,
    )
    # Only sideways: a taller axis would squeeze the rows under their labels.
    fig.update_xaxes(automargin="left+right", tickangle=0, tickfont={"size": 11})
    fig.update_yaxes(visible=False, fixedrange=True)


def _empty(message: str) -> go.Figure:
    """:func:`timeline.figures.empty_figure` with its message wrapped to fit a phone."""
    fig = empty_figure(message)
    lines = textwrap.wrap(message, LABEL_CHARS * 12 // 14) or [""]
    fig.update_annotations(
        text="<br>".join(hover_escape(line) for line in lines), font={"size": 14}
    )
    return fig


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


# --- 1. release-date slips ------------------------------------------------------------------


def release_dates(index: DatasetIndex, ids: tuple[str, ...]) -> list[ProductionEvent]:
    """Release events with a planned date, in the order the dates were set.

    That is by the earliest day the announcement could have been made, then (for
    announcements only known to fall in the same window) by the planned date itself,
    on the reading that a later release date was set later.
    """
    events = [e for e in shown_production(index, ids, [RELEASE_PHASE]) if e.planned_date]
    return sorted(
        events,
        key=lambda e: (index.dates[e.id].earliest, e.planned_date, index.dates[e.id].latest, e.id),
    )


def _planned(ev: ProductionEvent) -> date:
    assert ev.planned_date is not None  # release_dates keeps only events that have one
    return ev.planned_date


def release_delay(index: DatasetIndex, ids: tuple[str, ...]) -> tuple[date, date, int] | None:
    """The first planned release date, the last, and the days from one to the other.

    "First" and "last" are in the order the dates were set (see :func:`release_dates`),
    so a release brought forward makes the days negative. None without any release
    event with a planned date among ``ids``.
    """
    events = release_dates(index, ids)
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


def _slips(index: DatasetIndex, ids: tuple[str, ...]) -> _Slips | None:
    all_events = release_dates(index, ids)
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
        _Tok(f"{row + 1}."),
        _Tok("set", f"color:{MUTED}"),
        *_words(when_text(index.dates[slips.events[row].id]), f"color:{MUTED}"),
        _Tok("for", f"color:{MUTED}"),
        _Tok(short_date(slips.planned[row]), style, bold=True, glue=True),
    ]
    if row:
        tokens.append(_Tok(f"({_signed_days(shift)})", glue=True))
    return _wrap(tokens)


def _slip_steps(fig: go.Figure, slips: _Slips, centres: list[int]) -> list[Annotation]:
    """The dotted step from each date down to the next row, the date it replaced there,
    and the arrows from it to the new date (returned, to be added with the labels)."""
    step_x: list[str | None] = []
    step_y: list[int | None] = []
    for row in range(1, len(slips.events)):
        old = slips.planned[row - 1].isoformat()
        step_x += [old, old, None]
        step_y += [centres[row - 1], centres[row], None]
    if step_x:
        fig.add_trace(
            go.Scatter(
                x=step_x,
                y=step_y,
                mode="lines",
                line={"color": _GHOST, "width": 1.5, "dash": "dot"},
                hoverinfo="skip",
                name="Step",
            )
        )
    ghosts = [row for row in range(1, len(slips.events)) if slips.shifts[row] != 0]
    if ghosts:
        fig.add_trace(
            go.Scatter(
                x=[slips.planned[row - 1].isoformat() for row in ghosts],
                y=[centres[row] for row in ghosts],
                mode="markers",
                name="Date it replaced",
                marker={"size": 10, "color": "white", "line": {"width": 1.5, "color": _GHOST}},
                hoverinfo="skip",
            )
        )
    return [
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


def _slip_hover(index: DatasetIndex, slips: _Slips, row: int) -> str:
    shift = slips.shifts[row]
    return (
        f"{_event_hover(index, slips.events[row])}<br><i>Release date:</i> "
        f"{short_date(slips.planned[row])}"
        + (f" ({_signed_days(shift)} on the previous date)" if row else "")
    )


def release_slips(index: DatasetIndex, ids: tuple[str, ...]) -> go.Figure:
    """Each announced release date, top to bottom in the order it was set.

    One row per announcement: a label (when the date was set, a range when the source
    only bounds it, and the date it announced) over a line where the marker sits at
    that date and an arrow runs from the date it replaced (a grey ghost, joined by a
    dotted step to the row above), coloured by whether the release slipped later or
    came forward. The figure carries :func:`release_notes` (see :func:`notes_of`).
    """
    slips = _slips(index, ids)
    if slips is None:
        return _empty(
            "No release dates to compare: none of the release events shown has a planned date."
        )
    labels = [_slip_label(index, slips, row) for row in range(len(slips.events))]
    tops, centres, height = _stack(labels, _SLIP_PX)
    fig = go.Figure()
    arrows = _slip_steps(fig, slips, centres)
    fig.add_trace(
        go.Scatter(
            x=[day.isoformat() for day in slips.planned],
            y=centres,
            mode="markers",
            name="Announced release date",
            marker={
                "size": 13,
                "color": [_slip_colour(row, s) for row, s in enumerate(slips.shifts)],
                "line": {"width": 1, "color": "white"},
            },
            customdata=[[e.id] for e in slips.events],
            hovertext=[_slip_hover(index, slips, row) for row in range(len(slips.events))],
            hoverinfo="text",
        )
    )
    _annotate(fig, [*arrows, *_row_labels(labels, tops)])
    span = max((max(slips.planned) - min(slips.planned)).days, 60)
    pad = timedelta(days=max(20, span // 12))
    fig.update_xaxes(
        type="date",
        range=[(min(slips.planned) - pad).isoformat(), (max(slips.planned) + pad).isoformat()],
        gridcolor=_GRID,
        side="top",
    )
    _pixel_rows(fig, height)
    fig.update_yaxes(range=[height, 0])
    return attach_notes(fig, _release_notes(slips))


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


def release_notes(index: DatasetIndex, ids: tuple[str, ...]) -> ChartNotes:
    """The total delay as a headline, and how to read :func:`release_slips`; empty without it."""
    slips = _slips(index, ids)
    return ChartNotes() if slips is None else _release_notes(slips)


def _release_notes(slips: _Slips) -> ChartNotes:
    headline, summary = _slip_title(slips)
    lines = [summary]
    if len(slips.events) < slips.total:
        lines.append(f"A sample of {len(slips.events)} of {slips.total:,} announcements.")
    return ChartNotes(headline, (*lines, _slip_key(slips)))


# --- 2. box-office run ----------------------------------------------------------------------


def is_projection(measure: Measure) -> bool:
    """A forecast or estimate (metric ``projected-…`` or ``estimated-…``), not a reported figure."""
    return measure.metric.startswith(PROJECTION_PREFIXES)


def _base_metric(metric: str) -> str:
    for prefix in PROJECTION_PREFIXES:
        if metric.startswith(prefix):
            return metric.removeprefix(prefix)
    return metric


def is_reference(measure: Measure) -> bool:
    """A budget or break-even figure: a line to measure the run against, not part of it."""
    return _base_metric(measure.metric) in REFERENCE_METRICS


def is_comparison(measure: Measure, film_year: int) -> bool:
    """Another film's figure: metric ``comparison-…``, or a label ending in another year.

    ``Mission: Impossible 2 five-day gross (2000)`` for a 2023 film is a comparison;
    ``Opening weekend (US & Canada)`` and ``Gross (2023)`` for a 2023 film are not.
    """
    if measure.metric.startswith(COMPARISON_PREFIX):
        return True
    found = COMPARISON_LABEL.search(measure.label)
    return found is not None and int(found.group(1)) != film_year


def bar_kind(measure: Measure, film_year: int) -> BarKind:
    """How a box-office amount is drawn: the film's own figure, a projection, a comparison."""
    if is_comparison(measure, film_year):
        return "comparison"
    return "projection" if is_projection(measure) else "actual"


@dataclass(frozen=True)
class _Bar:
    event: ProductionEvent
    measure: Measure
    kind: BarKind
    extras: tuple[Measure, ...]


def _nice_step(span: float, target: int = 6) -> float:
    raw = span / target
    magnitude = 10.0 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * magnitude >= raw)


def _money_ticks(
    lo: float, hi: float, currency: str, target: int = 4
) -> tuple[list[float], list[str]]:
    step = _nice_step(hi - lo, target)
    first = math.floor(lo / step) * step
    count = math.floor((hi - first) / step) + 1
    values = [first + i * step for i in range(count)]
    return values, [money(v, currency) for v in values]


def _box_office_bars(
    events: list[ProductionEvent], film_year: int
) -> tuple[list[_Bar], list[tuple[ProductionEvent, Measure]], list[Measure]]:
    """Bars in event order, reference lines, and amounts in currencies not drawn."""
    bars: list[_Bar] = []
    references: list[tuple[ProductionEvent, Measure]] = []
    other_currency: list[Measure] = []
    for ev in events:
        amounts = [m for m in ev.measures if m.unit == CHART_CURRENCY]
        other_currency += [
            m for m in ev.measures if m.unit in _SYMBOLS and m.unit != CHART_CURRENCY
        ]
        references += [(ev, m) for m in amounts if is_reference(m)]
        own = [m for m in amounts if not is_reference(m)]
        # A change (percent) or a rank of the same event goes next to one of its bars:
        # the first of the film's own reported figures for the same region, else the first.
        attach: dict[int, list[Measure]] = {}
        reported = [i for i, m in enumerate(own) if bar_kind(m, film_year) == "actual"]
        for extra in (m for m in ev.measures if m.unit in ("percent", "rank")):
            same_region = [i for i in reported if own[i].region == extra.region]
            candidates = same_region or reported or list(range(len(own)))
            if candidates:
                attach.setdefault(candidates[0], []).append(extra)
        bars += [
            _Bar(ev, m, bar_kind(m, film_year), tuple(attach.get(i, ()))) for i, m in enumerate(own)
        ]
    return bars, references, other_currency


@dataclass(frozen=True)
class _Run:
    """The box-office events drawn (a sample past :data:`MAX_ROWS`) and what they hold."""

    events: list[ProductionEvent]
    total: int
    bars: list[_Bar]
    references: list[tuple[ProductionEvent, Measure]]
    other_currency: list[Measure]


def _run(index: DatasetIndex, ids: tuple[str, ...]) -> _Run | None:
    all_events = shown_production(index, ids, [BOX_OFFICE_PHASE])
    events = thin(all_events, MAX_ROWS)
    bars, references, other_currency = _box_office_bars(events, index.dataset.film.year)
    if not bars and not references:
        return None
    return _Run(events, len(all_events), bars, references, other_currency)


def _bar_hover(index: DatasetIndex, bar: _Bar) -> str:
    ev, m = bar.event, bar.measure
    region = f" ({hover_escape(m.region)})" if m.region and m.region not in m.label else ""
    kind = {"actual": "", "projection": " (projection)", "comparison": " (another film)"}
    others = [x for x in ev.measures if x.unit not in (CHART_CURRENCY,) and x is not m]
    lines = "".join(f"<br>{hover_escape(x.label)}: {hover_escape(measure_text(x))}" for x in others)
    return (
        f"<b>{hover_escape(ev.title)}</b><br>"
        f"<span style='color:{MUTED}'>{hover_escape(index.dates[ev.id].label)}</span><br>"
        f"<i>{hover_escape(m.label)}:</i> {money(m.value, m.unit)}{region}{kind[bar.kind]}{lines}"
    )


def _amount_label(measure: Measure, extras: tuple[Measure, ...] = ()) -> list[str]:
    """``Second weekend (US & Canada) · $19.4M · \u221265% · #4``, wrapped."""
    tokens = [*_words(measure.label), *_value(money(measure.value, measure.unit), bold=True)]
    for n, extra in enumerate(extras):
        # The changes and ranks go onto a new line together, if they must.
        sep, text = _value(measure_text(extra))
        tokens += [_Tok(sep.text, glue=n > 0), text]
    return _wrap(tokens)


_BAR_STYLES: dict[BarKind, tuple[str, dict[str, object]]] = {
    "actual": (
        "Reported",
        {"color": PHASE_COLOURS[BOX_OFFICE_PHASE], "line": {"width": 0}},
    ),
    "projection": (
        "Projection or estimate",
        {
            "color": "rgba(86, 180, 233, 0.18)",
            "line": {"width": 1.5, "color": PHASE_COLOURS[BOX_OFFICE_PHASE]},
            "pattern": {"shape": "/", "fgcolor": PHASE_COLOURS[BOX_OFFICE_PHASE], "solidity": 0.25},
        },
    ),
    "comparison": (
        "Another film, for comparison",
        {"color": _COMPARISON, "line": {"width": 0}},
    ),
}


def _add_bars(fig: go.Figure, index: DatasetIndex, run: _Run, centres: list[int]) -> None:
    """One bar trace per kind, each bar on the line under its label."""
    for kind, (name, marker) in _BAR_STYLES.items():
        rows = [(y, b) for y, b in zip(centres, run.bars, strict=True) if b.kind == kind]
        if rows:
            fig.add_trace(
                go.Bar(
                    orientation="h",
                    x=[b.measure.value for _, b in rows],
                    y=[y for y, _ in rows],
                    name=name,
                    marker=marker,
                    width=_MARK_PX,
                    customdata=[[b.event.id] for _, b in rows],
                    hovertext=[_bar_hover(index, b) for _, b in rows],
                    hoverinfo="text",
                )
            )


def _add_references(
    fig: go.Figure, index: DatasetIndex, run: _Run, centres: list[int], bottom: int
) -> None:
    """A tick at each budget or break-even amount, and a dashed line from it down the run."""
    year = index.dataset.film.year
    for (_, m), y in zip(run.references, centres, strict=True):
        faint = is_projection(m)
        fig.add_shape(
            type="line",
            x0=m.value,
            x1=m.value,
            y0=y,
            y1=bottom,
            xref="x",
            yref="y",
            layer="between",
            line={"color": _REFERENCE, "width": 1.5, "dash": "dot" if faint else "dash"},
            opacity=0.6 if faint else 0.85,
        )
    fig.add_trace(
        go.Scatter(
            x=[m.value for _, m in run.references],
            y=centres,
            mode="markers",
            name="Budget or break-even",
            marker={"symbol": "line-ns-open", "size": _MARK_PX, "color": _REFERENCE},
            customdata=[[ev.id] for ev, _ in run.references],
            hovertext=[
                _bar_hover(index, _Bar(ev, m, bar_kind(m, year), ())) for ev, m in run.references
            ],
            hoverinfo="text",
        )
    )


def box_office_run(index: DatasetIndex, ids: tuple[str, ...]) -> go.Figure:
    """The box-office run as horizontal bars, one per amount, in the date order of its event.

    Each bar sits under its label, which gives the amount and any percent change or
    rank reported with it (a weekend down 65%, fourth for the weekend). Reported
    figures are solid; projections and estimates are pale and hatched; other films'
    figures given for comparison are grey. A budget or break-even figure is a row of
    its own at the top, with a dashed line down across every bar. Only amounts in
    :data:`CHART_CURRENCY` are drawn; :func:`box_office_notes` (carried by the figure)
    counts the others.
    """
    run = _run(index, ids)
    if run is None:
        return _empty(f"No box-office figures in {CHART_CURRENCY} among the events shown.")
    labels = [_amount_label(m) for _, m in run.references]
    labels += [_amount_label(b.measure, b.extras) for b in run.bars]
    tops, centres, height = _stack(labels, _MARK_PX)
    refs, bars = centres[: len(run.references)], centres[len(run.references) :]
    fig = go.Figure()
    _add_bars(fig, index, run, bars)
    if run.references:
        _add_references(fig, index, run, refs, centres[-1] + _MARK_PX // 2)
    _annotate(fig, _row_labels(labels, tops))
    values = [b.measure.value for b in run.bars] + [m.value for _, m in run.references]
    lo, hi = min(0.0, *values), max(0.0, *values)
    reach = hi - lo or 1.0
    tick_values, tick_text = _money_ticks(lo, hi, CHART_CURRENCY)
    fig.update_xaxes(
        range=[lo - (0.01 if lo == 0 else 0.05) * reach, hi + 0.03 * reach],
        tickvals=tick_values,
        ticktext=tick_text,
        gridcolor=_GRID,
        zeroline=True,
        zerolinecolor="#BBBBBB",
        side="top",
    )
    _pixel_rows(fig, height)
    fig.update_layout(barmode="overlay")
    fig.update_yaxes(range=[height, 0])
    return attach_notes(fig, _box_office_notes(run))


def _box_office_key(run: _Run) -> str:
    """What each kind of bar and line means, naming only the kinds drawn."""
    colour = _COLOUR_WORDS.get(PHASE_COLOURS[BOX_OFFICE_PHASE], "coloured")
    meanings = {
        "actual": f"solid {colour}, a reported figure",
        "projection": "hatched, a projection or estimate",
        "comparison": "grey, another film's figure, for comparison",
    }
    kinds = {b.kind for b in run.bars}
    parts = [meaning for kind, meaning in meanings.items() if kind in kinds]
    key = f"Bars: {'; '.join(parts)}." if parts else ""
    if run.references:
        key += " Dashed lines: the budget or what the film had to gross to break even."
    return key.strip()


def box_office_notes(index: DatasetIndex, ids: tuple[str, ...]) -> ChartNotes:
    """How to read :func:`box_office_run` and what it leaves out; empty when it is empty."""
    run = _run(index, ids)
    return ChartNotes() if run is None else _box_office_notes(run)


def _box_office_notes(run: _Run) -> ChartNotes:
    lines = [_box_office_key(run)]
    if any(b.extras for b in run.bars):
        lines.append("After an amount: a change or a rank reported with it.")
    if run.other_currency:
        currencies = ", ".join(sorted({m.unit for m in run.other_currency}))
        lines.append(
            f"Not drawn: {_plural(len(run.other_currency), 'amount')} in {currencies}"
            f" (no exchange rate to {CHART_CURRENCY})."
        )
    if len(run.events) < run.total:
        lines.append(f"A sample of {len(run.events)} of {run.total:,} box-office events.")
    return ChartNotes(lines=tuple(lines))


# --- 3. reception ---------------------------------------------------------------------------


def _score_hover(index: DatasetIndex, ev: ProductionEvent, m: Measure, score: float) -> str:
    basis = f"<br><i>Based on:</i> {hover_escape(m.basis)}" if m.basis else ""
    scaled = f" (= {score:.0f} out of 100)" if m.unit == "rating" and m.out_of != 100 else ""
    return (
        f"{_event_hover(index, ev, summary_lines=4)}<br><i>{hover_escape(m.label)}:</i> "
        f"{hover_escape(measure_text(m))}{scaled}{basis}"
    )


@dataclass(frozen=True)
class _Reception:
    """Scores (with their value out of 100), ratings without a scale, and award counts."""

    scores: list[tuple[ProductionEvent, Measure, float]]
    unscaled: list[Measure]
    awards: list[tuple[ProductionEvent, Measure]]


def _reception(index: DatasetIndex, ids: tuple[str, ...]) -> _Reception | None:
    shown = shown_production(index, ids, [RECEPTION_PHASE, AWARDS_PHASE])
    reviews = [(ev, m) for ev in shown if ev.phase == RECEPTION_PHASE for m in ev.measures]
    scores = [(ev, m, s) for ev, m in reviews if (s := score_out_of_100(m)) is not None]
    unscaled = [m for _, m in reviews if m.unit == "rating" and m.out_of is None]
    awards = [
        (ev, m)
        for ev in shown
        if ev.phase == AWARDS_PHASE
        for m in ev.measures
        if m.unit == "count"
    ]
    if not scores and not awards:
        return None
    return _Reception(scores, unscaled, awards)


def _score_label(m: Measure) -> list[str]:
    """``Rotten Tomatoes approval · 96%``, and what it is based on on a line of its own."""
    tokens = [*_words(m.label), *_value(measure_text(m), bold=True)]
    if m.basis:
        tokens += [_BREAK, *_words(m.basis, f"color:{MUTED};font-size:11px")]
    return _wrap(tokens)


def _award_label(m: Measure) -> list[str]:
    """``2 BAFTA Film Award nominations``."""
    return _wrap([_Tok(_number(m.value), bold=True), *_words(m.label)])


def _score_bars(index: DatasetIndex, rec: _Reception, centres: list[int]) -> go.Bar:
    return go.Bar(
        orientation="h",
        x=[s for _, _, s in rec.scores],
        y=centres,
        marker={"color": [PHASE_COLOURS[ev.phase] for ev, _, _ in rec.scores]},
        width=_MARK_PX,
        customdata=[[ev.id] for ev, _, _ in rec.scores],
        hovertext=[_score_hover(index, ev, m, s) for ev, m, s in rec.scores],
        hoverinfo="text",
        name="Score",
    )


def _award_bars(index: DatasetIndex, rec: _Reception, centres: list[int]) -> go.Bar:
    return go.Bar(
        orientation="h",
        x=[m.value for _, m in rec.awards],
        y=centres,
        marker={"color": [PHASE_COLOURS[ev.phase] for ev, _ in rec.awards], "opacity": 0.75},
        width=_MARK_PX,
        customdata=[[ev.id] for ev, _ in rec.awards],
        hovertext=[
            f"{_event_hover(index, ev, summary_lines=4)}<br><i>{hover_escape(m.label)}:</i>"
            f" {_number(m.value)}"
            for ev, m in rec.awards
        ],
        hoverinfo="text",
        name="Awards",
    )


def reception_scores(index: DatasetIndex, ids: tuple[str, ...]) -> go.Figure:
    """Review and audience scores on one 0-100 scale, and award tallies underneath.

    Percent measures of reception events are drawn as they are; ratings are rescaled
    (a rating times 100 over what it is out of), each bar under a label giving the
    score in its original form (``96%``, ``8/10``, ``4/5``) and what it is based on.
    Count measures of awards events (nominations, wins) form a second group of bars.
    A rating without ``out_of`` cannot be rescaled: :func:`reception_notes` (carried by
    the figure) counts it.
    """
    rec = _reception(index, ids)
    if rec is None:
        return _empty("No review scores or award counts among the events shown.")
    groups = [
        (title, labels, build)
        for title, labels, build in (
            ("Scores out of 100", [_score_label(m) for _, m, _ in rec.scores], _score_bars),
            ("Awards", [_award_label(m) for _, m in rec.awards], _award_bars),
        )
        if labels
    ]
    # A little room under each group's title.
    stacks = [_stack(labels, _MARK_PX, first=_FIRST_PX + 4) for _, labels, _ in groups]
    # Between the groups: the score axis under the first, then the second's title.
    gap = 50 if len(groups) > 1 else 0
    plot_px = sum(height for _, _, height in stacks) + gap
    fig = make_subplots(
        rows=len(groups),
        cols=1,
        row_heights=[height for _, _, height in stacks],
        vertical_spacing=gap / plot_px,
        subplot_titles=[title for title, _, _ in groups],
    )
    fig.update_annotations(font={"size": 13, "color": MUTED}, x=0, xanchor="left")
    annotations: list[Annotation] = []
    for row, ((_, labels, build), (tops, centres, height)) in enumerate(
        zip(groups, stacks, strict=True), start=1
    ):
        fig.add_trace(build(index, rec, centres), row=row, col=1)
        annotations += _row_labels(labels, tops, yref="y" if row == 1 else f"y{row}")
        fig.update_yaxes(range=[height, 0], row=row, col=1)
    _annotate(fig, annotations)
    _pixel_rows(fig, plot_px, top=26, bottom=8 if rec.awards else 26)
    if rec.scores:
        top = max(100.0, *(s for _, _, s in rec.scores))
        fig.update_xaxes(
            range=[0, top * 1.02], tickvals=list(range(0, 101, 20)), gridcolor=_GRID, row=1, col=1
        )
    if rec.awards:
        most = max(m.value for _, m in rec.awards)
        fig.update_xaxes(range=[0, max(most, 1) * 1.25], visible=False, row=len(groups), col=1)
    return attach_notes(fig, _reception_notes(rec))


def reception_notes(index: DatasetIndex, ids: tuple[str, ...]) -> ChartNotes:
    """How the scores are put on one scale, and what is left out; empty without a chart."""
    rec = _reception(index, ids)
    return ChartNotes() if rec is None else _reception_notes(rec)


def _reception_notes(rec: _Reception) -> ChartNotes:
    how = ["percentages as they are"] if any(m.unit == "percent" for _, m, _ in rec.scores) else []
    rated = [(m, s) for _, m, s in rec.scores if m.unit == "rating" and m.out_of != 100]
    if rated:
        m, s = rated[0]
        how.append(f"ratings rescaled ({measure_text(m)} → {s:.0f})")
    lines = [f"Scores on one scale of 100: {', '.join(how)}."] if how else []
    if rec.unscaled:
        lines.append(f"Not drawn: {_plural(len(rec.unscaled), 'rating')} without a scale (out_of).")
    return ChartNotes(lines=tuple(lines))


# --- 4. month by month ----------------------------------------------------------------------

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def _month_bounds(month: str) -> tuple[date, date]:
    found = _MONTH.match(month)
    if found is None:
        raise ValueError(f"{month!r} is not a month (expected YYYY-MM)")
    year, number = int(found.group(1)), int(found.group(2))
    return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])


def production_months(index: DatasetIndex, ids: tuple[str, ...]) -> list[str]:
    """Every month (``YYYY-MM``) from the first to the last of the placed production events.

    The events are the production events among ``ids`` that have a place (the ones
    the map can show, as :func:`events_in_month` returns). Far-earlier outliers (a
    bridge built in 1912) are left out of the span as :func:`timeline.figures.view_range`
    leaves them off the production timeline. Empty without any such event.
    """
    cols = columns_of(index)
    placed = _placed(index, ids)
    if not placed.any():
        return []
    first, last, _ = view_range_of(cols.earliest[placed], cols.latest[placed])
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def events_in_month(index: DatasetIndex, ids: tuple[str, ...], month: str) -> tuple[str, ...]:
    """The placed production events among ``ids`` that may have happened in ``month``.

    An event counts when its strict bounds overlap the month: a span that runs
    through it, a day or month inside it, and also a one-of range ("some time between
    February 2020 and September 2021") that includes it, since the event may have
    been then. In date order; ``month`` is ``YYYY-MM`` (anything else is a ValueError).
    """
    start, end = _month_bounds(month)
    cols = columns_of(index)
    overlaps = (cols.earliest <= end.toordinal()) & (cols.latest >= start.toordinal())
    return cols.ids_of(_placed(index, ids) & overlaps)


def _placed(index: DatasetIndex, ids: tuple[str, ...]) -> Mask:
    """The production events among ``ids`` that have a place, as a mask over positions."""
    cols = columns_of(index)
    mask = cols.mask_of(ids) & cols.places_of_event
    mask[: cols.n_story] = False
    return mask
