"""Pure Plotly figures of a film's fortunes: release-date slips, box-office run, reception.

Like :mod:`timeline.figures`, every builder takes the index and the ids of the
events currently shown, uses only the production events among them, and returns
a ``go.Figure`` whose clickable points carry the event id in ``customdata[0]``.
Every number and label comes from the data; which metric slugs play which part
(a budget, a projection, a comparison with another film) is decided by the small
conventions below, which hold for any film.

The month helpers at the end (:func:`production_months`, :func:`events_in_month`)
let the map step through a production month by month.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import Literal

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from timeline.dates import FuzzyDate
from timeline.figures import _layout, empty_figure, thin, view_range
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
_GHOST = "#B0B0B0"
_REFERENCE = "#333333"
_COMPARISON = "#BDBDBD"
_GRID = "#EEEEEE"
_ROW_PX = 44

BarKind = Literal["actual", "projection", "comparison"]


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


def _production(index: DatasetIndex, ids: Iterable[str]) -> list[ProductionEvent]:
    """The production events among ``ids``, in the index's date order."""
    wanted = set(ids)
    return [e for e in index.production if e.id in wanted]


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


def _note(fig: go.Figure, text: str, *, subtitle: str = "", strong: bool = False) -> None:
    """A line of text (and optionally one under it) at the top left, above the plot."""
    fig.update_layout(
        title={
            "text": text,
            "font": {"size": 15, "color": "#222222"} if strong else {"size": 13, "color": MUTED},
            "subtitle": {"text": subtitle, "font": {"size": 12, "color": MUTED}},
            # The whole width, not just the plot area: long row labels take the left.
            "x": 0.01,
            "xanchor": "left",
            "xref": "container",
            "y": 0.98 if subtitle else 0.99,
            "yref": "container",
            "yanchor": "top",
        }
    )


# --- 1. release-date slips ------------------------------------------------------------------


def release_dates(index: DatasetIndex, ids: tuple[str, ...]) -> list[ProductionEvent]:
    """Release events with a planned date, in the order the dates were set.

    That is by the earliest day the announcement could have been made, then (for
    announcements only known to fall in the same window) by the planned date itself,
    on the reading that a later release date was set later.
    """
    events = [e for e in _production(index, ids) if e.phase == RELEASE_PHASE and e.planned_date]
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


def _slip_title(index: DatasetIndex, ids: tuple[str, ...], moves: int) -> tuple[str, str]:
    """The headline and the line under it: how often the date moved, and how far in all."""
    delay = release_delay(index, ids)
    assert delay is not None
    first, last, days = delay
    if moves == 0:
        shown = len(release_dates(index, ids))
        return f"Release date set for {short_date(first)}", (
            "the only announcement among the events shown" if shown == 1 else "never moved"
        )
    times = "once" if moves == 1 else "twice" if moves == 2 else f"{moves} times"
    headline = f"Release date moved {times}: {short_date(first)} → {short_date(last)}"
    if days == 0:
        return headline, "back where it started"
    verb = "later" if days > 0 else "earlier"
    return headline, f"{abs(days)} days ({duration_words(first, last)}) {verb} in all"


def release_slips(index: DatasetIndex, ids: tuple[str, ...]) -> go.Figure:
    """Each announced release date, top to bottom in the order it was set.

    One row per announcement: the marker sits at the release date it announced, and
    an arrow runs from the date it replaced (a grey ghost, joined by a dotted step to
    the row above), coloured by whether the release slipped later or came forward.
    The row label says when the date was set, a range when the source only bounds it.
    The title gives the total delay from the first planned date to the last.
    """
    all_events = release_dates(index, ids)
    if not all_events:
        return empty_figure(
            "No release dates to compare: none of the release events shown has a planned date."
        )
    events = thin(all_events, MAX_ROWS)
    planned = [_planned(e) for e in events]
    shifts = [0, *((b - a).days for a, b in pairwise(planned))]
    moves = sum(1 for s in shifts if s != 0)
    fig = go.Figure()

    # The step from each date to the next: down from the old date, across to the new.
    step_x: list[str | None] = []
    step_y: list[float | None] = []
    for row in range(1, len(events)):
        old = planned[row - 1].isoformat()
        step_x += [old, old, None]
        step_y += [row - 1, row, None]
    if step_x:
        fig.add_trace(
            go.Scatter(
                x=step_x,
                y=step_y,
                mode="lines",
                line={"color": _GHOST, "width": 1.5, "dash": "dot"},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    ghosts = [row for row in range(1, len(events)) if shifts[row] != 0]
    if ghosts:
        fig.add_trace(
            go.Scatter(
                x=[planned[row - 1].isoformat() for row in ghosts],
                y=ghosts,
                mode="markers",
                name="Date it replaced",
                marker={"size": 10, "color": "white", "line": {"width": 1.5, "color": _GHOST}},
                hoverinfo="skip",
            )
        )
    for row in ghosts:
        fig.add_annotation(
            x=planned[row].isoformat(),
            y=row,
            ax=planned[row - 1].isoformat(),
            ay=row,
            xref="x",
            yref="y",
            axref="x",
            ayref="y",
            text="",
            showarrow=True,
            arrowhead=2,
            arrowsize=1.2,
            arrowwidth=2,
            standoff=7,
            startstandoff=6,
            arrowcolor=_DELAYED if shifts[row] > 0 else _BROUGHT_FORWARD,
        )

    colours = [
        _BROUGHT_FORWARD if s < 0 else _DELAYED if s > 0 or row == 0 else MUTED
        for row, s in enumerate(shifts)
    ]
    # What each row announced, in a column on the right (coloured like its arrow), so
    # labels never collide with the markers whatever the width of the chart.
    labels = [
        f"<span style='color:{colour}'>{short_date(day)}</span>"
        + (f" ({_signed_days(shifts[row])})" if row else "")
        for row, (day, colour) in enumerate(zip(planned, colours, strict=True))
    ]
    hover = [
        f"{_event_hover(index, ev)}<br><i>Release date:</i> {short_date(planned[row])}"
        + (f" ({_signed_days(shifts[row])} on the previous date)" if row else "")
        for row, ev in enumerate(events)
    ]
    fig.add_trace(
        go.Scatter(
            x=[day.isoformat() for day in planned],
            y=list(range(len(events))),
            mode="markers",
            name="Announced release date",
            marker={"size": 13, "color": colours, "line": {"width": 1, "color": "white"}},
            customdata=[[e.id] for e in events],
            hovertext=hover,
            hoverinfo="text",
            showlegend=False,
        )
    )
    # Legend entries for the two arrow colours, only for moves that happened.
    for name, colour, present in (
        ("Delayed", _DELAYED, any(s > 0 for s in shifts)),
        ("Brought forward", _BROUGHT_FORWARD, any(s < 0 for s in shifts)),
    ):
        if present:
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="lines+markers",
                    name=name,
                    line={"color": colour, "width": 2},
                    marker={"symbol": "triangle-right", "size": 9, "color": colour},
                )
            )

    # An invisible twin of the markers carries the right-hand axis of labels.
    fig.add_trace(
        go.Scatter(
            x=[planned[0].isoformat()],
            y=[0],
            yaxis="y2",
            mode="markers",
            marker={"opacity": 0},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    span = max((max(planned) - min(planned)).days, 60)
    pad = timedelta(days=max(20, span // 12))
    fig.update_xaxes(
        type="date",
        range=[(min(planned) - pad).isoformat(), (max(planned) + pad).isoformat()],
        gridcolor=_GRID,
        side="top",
    )
    rows = {
        "tickvals": list(range(len(events))),
        "range": [len(events) - 0.4, -0.6],
        "zeroline": False,
        "fixedrange": True,
        "ticklabelstandoff": 6,
    }
    fig.update_layout(
        yaxis={
            **rows,
            "ticktext": [
                f"{row + 1}. set {hover_escape(when_text(index.dates[e.id]))}"
                for row, e in enumerate(events)
            ],
            "showgrid": True,
            "gridcolor": "#F4F4F4",
        },
        yaxis2={**rows, "ticktext": labels, "overlaying": "y", "side": "right", "showgrid": False},
    )
    _style(fig, height=150 + _ROW_PX * len(events))
    headline, subtitle = _slip_title(index, ids, moves)
    if len(events) < len(all_events):
        subtitle += f" · a sample of {len(events)} of {len(all_events):,} announcements"
    _note(fig, headline, subtitle=subtitle, strong=True)
    fig.update_layout(
        margin={"t": 125, "b": 40},
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0},
    )
    return fig


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


def _money_ticks(lo: float, hi: float, currency: str) -> tuple[list[float], list[str]]:
    step = _nice_step(hi - lo)
    first = math.floor(lo / step) * step
    count = math.floor((hi - first) / step) + 1
    values = [first + i * step for i in range(count)]
    return values, [money(v, currency) for v in values]


def _extras_text(extras: tuple[Measure, ...]) -> str:
    return "".join(f" · {hover_escape(measure_text(m))}" for m in extras)


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


def box_office_run(index: DatasetIndex, ids: tuple[str, ...]) -> go.Figure:
    """The box-office run as horizontal bars, one per amount, in the date order of its event.

    Reported figures are solid; projections and estimates are pale and hatched; other
    films' figures given for comparison are grey. A budget or break-even figure is a
    dashed vertical line across every bar, labelled at the top. A percent change or a
    rank reported with a figure (a weekend down 65%, fourth for the weekend) is
    written after its bar. Only amounts in :data:`CHART_CURRENCY` are drawn; others
    are counted in a note, as there is no exchange rate to convert them with.
    """
    all_events = [e for e in _production(index, ids) if e.phase == BOX_OFFICE_PHASE]
    events = thin(all_events, MAX_ROWS)
    year = index.dataset.film.year
    bars, references, other_currency = _box_office_bars(events, year)
    if not bars and not references:
        return empty_figure(f"No box-office figures in {CHART_CURRENCY} among the events shown.")
    fig = go.Figure()
    ref_rows = [-1.0 - 0.8 * k for k in range(len(references))]
    bottom = len(bars) - 0.5
    values = [b.measure.value for b in bars] + [m.value for _, m in references]
    lo, hi = min(0.0, *values), max(0.0, *values)
    reach = hi - lo or 1.0

    styles: dict[BarKind, tuple[str, dict[str, object]]] = {
        "actual": (
            "Reported",
            {"color": PHASE_COLOURS[BOX_OFFICE_PHASE], "line": {"width": 0}},
        ),
        "projection": (
            "Projection or estimate",
            {
                "color": "rgba(86, 180, 233, 0.18)",
                "line": {"width": 1.5, "color": PHASE_COLOURS[BOX_OFFICE_PHASE]},
                "pattern": {
                    "shape": "/",
                    "fgcolor": PHASE_COLOURS[BOX_OFFICE_PHASE],
                    "solidity": 0.25,
                },
            },
        ),
        "comparison": (
            "Another film, for comparison",
            {"color": _COMPARISON, "line": {"width": 0}},
        ),
    }
    for kind, (name, marker) in styles.items():
        rows = [(row, b) for row, b in enumerate(bars) if b.kind == kind]
        if not rows:
            continue
        fig.add_trace(
            go.Bar(
                orientation="h",
                x=[b.measure.value for _, b in rows],
                y=[row for row, _ in rows],
                name=name,
                marker=marker,
                width=0.62,
                text=[
                    money(b.measure.value, b.measure.unit) + _extras_text(b.extras) for _, b in rows
                ],
                textposition="outside",
                textfont={"size": 12, "color": "#333333", "shadow": _HALO},
                cliponaxis=False,
                customdata=[[b.event.id] for _, b in rows],
                hovertext=[_bar_hover(index, b) for _, b in rows],
                hoverinfo="text",
            )
        )
    for (_, m), y in zip(references, ref_rows, strict=True):
        # A shape under the bars, so the amounts written after them stay readable.
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
    if references:
        # Labels point inwards so the rightmost (often the break-even) stays on the chart.
        fig.add_trace(
            go.Scatter(
                x=[m.value for _, m in references],
                y=ref_rows,
                mode="markers+text",
                name="Budget or break-even",
                marker={"symbol": "line-ns-open", "size": 14, "color": _REFERENCE},
                text=[f"{hover_escape(m.label)}: {money(m.value, m.unit)}" for _, m in references],
                textposition=[
                    "middle left" if m.value - lo > 0.55 * reach else "middle right"
                    for _, m in references
                ],
                textfont={"size": 12, "color": _REFERENCE},
                cliponaxis=False,
                customdata=[[ev.id] for ev, _ in references],
                hovertext=[
                    _bar_hover(index, _Bar(ev, m, bar_kind(m, year), ())) for ev, m in references
                ],
                hoverinfo="text",
            )
        )
    left_pad = 0.02 * reach if lo == 0 else 0.25 * reach
    x_range = [lo - left_pad, hi + 0.2 * reach]
    tick_values, tick_text = _money_ticks(lo, hi, CHART_CURRENCY)
    fig.update_xaxes(
        range=x_range,
        tickvals=tick_values,
        ticktext=tick_text,
        gridcolor=_GRID,
        zeroline=True,
        zerolinecolor="#BBBBBB",
        side="top",
    )
    fig.update_yaxes(
        tickvals=list(range(len(bars))),
        ticktext=[hover_escape(b.measure.label) for b in bars],
        range=[bottom + 0.1, (ref_rows[-1] if ref_rows else 0) - 0.6],
        ticklabelstandoff=6,
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
    _style(fig, height=int(130 + 30 * len(bars) + 26 * len(references)))
    fig.update_layout(
        barmode="overlay",
        margin={"t": 60 + 22 * (bool(other_currency) + any(b.extras for b in bars)), "b": 40},
        legend={"orientation": "h", "yanchor": "top", "y": -0.01, "x": 0},
    )
    notes = []
    if len(events) < len(all_events):
        notes.append(f"A sample of {len(events)} of {len(all_events):,} box-office events")
    if any(b.extras for b in bars):
        notes.append("After an amount: a change or a rank reported with it (hover for details)")
    if other_currency:
        n = len(other_currency)
        currencies = sorted({m.unit for m in other_currency})
        notes.append(
            f"Not drawn: {n} amount{'s' if n > 1 else ''} in {', '.join(currencies)}"
            f" (no exchange rate to {CHART_CURRENCY})"
        )
    if notes:
        _note(fig, notes[0], subtitle="<br>".join(notes[1:]))
    return fig


# --- 3. reception ---------------------------------------------------------------------------


def _score_hover(index: DatasetIndex, ev: ProductionEvent, m: Measure, score: float) -> str:
    basis = f"<br><i>Based on:</i> {hover_escape(m.basis)}" if m.basis else ""
    scaled = f" (= {score:.0f} out of 100)" if m.unit == "rating" and m.out_of != 100 else ""
    return (
        f"{_event_hover(index, ev, summary_lines=4)}<br><i>{hover_escape(m.label)}:</i> "
        f"{hover_escape(measure_text(m))}{scaled}{basis}"
    )


def reception_scores(index: DatasetIndex, ids: tuple[str, ...]) -> go.Figure:
    """Review and audience scores on one 0-100 scale, and award tallies underneath.

    Percent measures of reception events are drawn as they are; ratings are rescaled
    (a rating times 100 over what it is out of), each bar labelled in its original
    form (``96%``, ``8/10``, ``4/5``) with what it is based on under its name. Count
    measures of awards events (nominations, wins) form a second, smaller group of bars.
    A rating without ``out_of`` cannot be rescaled and is left out, with a note.
    """
    shown = _production(index, ids)
    scores = [
        (ev, m, s)
        for ev in shown
        if ev.phase == RECEPTION_PHASE
        for m in ev.measures
        if (s := score_out_of_100(m)) is not None
    ]
    unscaled = [
        m
        for ev in shown
        if ev.phase == RECEPTION_PHASE
        for m in ev.measures
        if m.unit == "rating" and m.out_of is None
    ]
    awards = [
        (ev, m)
        for ev in shown
        if ev.phase == AWARDS_PHASE
        for m in ev.measures
        if m.unit == "count"
    ]
    if not scores and not awards:
        return empty_figure("No review scores or award counts among the events shown.")
    groups = [g for g in (scores, awards) if g]
    # Sized in pixels: score rows tall enough for a two-line label, award rows slimmer.
    group_px = [40 + (46 if g is scores else 30) * len(g) for g in groups]
    gap_px = 70 if len(groups) > 1 else 0
    fig = make_subplots(
        rows=len(groups),
        cols=1,
        row_heights=group_px,
        vertical_spacing=gap_px / (sum(group_px) + gap_px),
        subplot_titles=[
            "Scores out of 100 (ratings rescaled)" if g is scores else "Awards" for g in groups
        ],
    )
    row = 1
    if scores:
        fig.add_trace(
            go.Bar(
                orientation="h",
                x=[s for _, _, s in scores],
                y=list(range(len(scores))),
                marker={"color": [PHASE_COLOURS[ev.phase] for ev, _, _ in scores]},
                width=0.6,
                text=[hover_escape(measure_text(m)) for _, m, _ in scores],
                textposition="outside",
                textfont={"size": 13, "color": "#222222"},
                cliponaxis=False,
                customdata=[[ev.id] for ev, _, _ in scores],
                hovertext=[_score_hover(index, ev, m, s) for ev, m, s in scores],
                hoverinfo="text",
                name="Score",
                showlegend=False,
            ),
            row=row,
            col=1,
        )
        top = max(100.0, *(s for _, _, s in scores))
        fig.update_xaxes(
            range=[0, top * 1.1],
            tickvals=[v for v in range(0, 101, 20)],
            gridcolor=_GRID,
            row=row,
            col=1,
        )
        fig.update_yaxes(
            tickvals=list(range(len(scores))),
            ticktext=[
                hover_escape(m.label)
                + (
                    f"<br><span style='font-size:11px;color:{MUTED}'>{hover_escape(m.basis)}</span>"
                    if m.basis
                    else ""
                )
                for _, m, _ in scores
            ],
            range=[len(scores) - 0.4, -0.6],
            fixedrange=True,
            row=row,
            col=1,
        )
        row += 1
    if awards:
        fig.add_trace(
            go.Bar(
                orientation="h",
                x=[m.value for _, m in awards],
                y=list(range(len(awards))),
                marker={"color": [PHASE_COLOURS[ev.phase] for ev, _ in awards], "opacity": 0.75},
                width=0.6,
                text=[f"{_number(m.value)} {hover_escape(m.label)}" for _, m in awards],
                textposition="outside",
                textfont={"size": 13, "color": "#222222"},
                cliponaxis=False,
                customdata=[[ev.id] for ev, _ in awards],
                hovertext=[
                    f"{_event_hover(index, ev, summary_lines=4)}<br><i>{hover_escape(m.label)}:</i>"
                    f" {_number(m.value)}"
                    for ev, m in awards
                ],
                hoverinfo="text",
                name="Awards",
                showlegend=False,
            ),
            row=row,
            col=1,
        )
        most = max(m.value for _, m in awards)
        fig.update_xaxes(
            range=[0, max(most, 1) * 3.2],
            visible=False,
            row=row,
            col=1,
        )
        fig.update_yaxes(
            tickvals=list(range(len(awards))),
            ticktext=[""] * len(awards),
            range=[len(awards) - 0.4, -0.6],
            fixedrange=True,
            row=row,
            col=1,
        )
    fig.update_yaxes(showgrid=False, zeroline=False, ticklabelstandoff=6)
    fig.update_annotations(font={"size": 13, "color": MUTED}, x=0, xanchor="left")
    _style(fig, height=50 + sum(group_px) + gap_px)
    if unscaled:
        n = len(unscaled)
        _note(fig, f"Not drawn: {n} rating{'s' if n > 1 else ''} without a scale (out_of)")
        fig.update_layout(margin={"t": 70})
    return fig


# --- 4. month by month ----------------------------------------------------------------------

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def _month_bounds(month: str) -> tuple[date, date]:
    found = _MONTH.match(month)
    if found is None:
        raise ValueError(f"{month!r} is not a month (expected YYYY-MM)")
    year, number = int(found.group(1)), int(found.group(2))
    return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])


def _placed(index: DatasetIndex, ids: tuple[str, ...]) -> list[ProductionEvent]:
    return [e for e in _production(index, ids) if e.locations]


def production_months(index: DatasetIndex, ids: tuple[str, ...]) -> list[str]:
    """Every month (``YYYY-MM``) from the first to the last of the placed production events.

    The events are the production events among ``ids`` that have a place (the ones
    the map can show, as :func:`events_in_month` returns). Far-earlier outliers (a
    bridge built in 1912) are left out of the span as :func:`timeline.figures.view_range`
    leaves them off the production timeline. Empty without any such event.
    """
    events = _placed(index, ids)
    if not events:
        return []
    first, last, _ = view_range(
        [index.dates[e.id].earliest for e in events], [index.dates[e.id].latest for e in events]
    )
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
    return tuple(
        e.id
        for e in _placed(index, ids)
        if index.dates[e.id].earliest <= end and index.dates[e.id].latest >= start
    )
