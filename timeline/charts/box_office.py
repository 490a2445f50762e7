"""The box-office run: one bar per amount, against the budget and break-even lines."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

import plotly.graph_objects as go

from timeline.charts.base import GRID, ChartNotes, Spec, figure_from, set_notes, thin
from timeline.charts.rows import (
    COLOUR_WORDS,
    MARK_PX,
    MAX_ROWS,
    Tok,
    empty_rows,
    pixel_rows,
    row_labels,
    stack,
    value,
    words,
    wrap,
)
from timeline.datewords import plural
from timeline.index import DatasetIndex
from timeline.measures import SYMBOLS, measure_text, money
from timeline.models import Measure, Phase, ProductionEvent
from timeline.selection import Selection, shown_production
from timeline.style import MUTED, PHASE_COLOURS
from timeline.text import hover_escape

#: Events whose money measures make up the box-office run.
BOX_OFFICE_PHASE: Phase = "box-office"
#: The currency the box-office chart draws; amounts in other currencies are only counted.
CHART_CURRENCY = "USD"
#: Metrics drawn as reference lines across the box-office run rather than as bars:
#: what the film cost and what it had to gross. A projected or estimated form of one
#: (``estimated-budget``) is a reference line too, drawn fainter.
#: Each with the words the chart's key uses for its line.
REFERENCE_LINES: dict[str, str] = {
    "budget": "the budget",
    "break-even-gross": "what the film had to gross to break even",
}
REFERENCE_METRICS: frozenset[str] = frozenset(REFERENCE_LINES)
#: Metric prefixes marking a forecast or an estimate rather than a reported figure.
PROJECTION_PREFIXES: tuple[str, ...] = ("projected-", "estimated-")
#: Metric prefix marking, explicitly, a figure of another film given for comparison.
COMPARISON_PREFIX = "comparison-"
#: A label ending in a bracketed year (``... five-day gross (2000)``) names another film's
#: figure, unless that year is the film's own.
COMPARISON_LABEL = re.compile(r"\((\d{4})\)\s*$")
_REFERENCE = "#333333"
_COMPARISON = "#BDBDBD"

BarKind = Literal["actual", "projection", "comparison"]


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
        other_currency += [m for m in ev.measures if m.unit in SYMBOLS and m.unit != CHART_CURRENCY]
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


def _run(index: DatasetIndex, shown: Selection) -> _Run | None:
    all_events = shown_production(index, shown, [BOX_OFFICE_PHASE])
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
    tokens = [*words(measure.label), *value(money(measure.value, measure.unit), bold=True)]
    for n, extra in enumerate(extras):
        # The changes and ranks go onto a new line together, if they must.
        sep, text = value(measure_text(extra))
        tokens += [Tok(sep.text, glue=n > 0), text]
    return wrap(tokens)


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


def _bar_traces(index: DatasetIndex, run: _Run, centres: list[int]) -> list[Spec]:
    """One bar trace per kind, each bar on the line under its label."""
    traces: list[Spec] = []
    for kind, (name, marker) in _BAR_STYLES.items():
        rows = [(y, b) for y, b in zip(centres, run.bars, strict=True) if b.kind == kind]
        if rows:
            traces.append(
                {
                    "type": "bar",
                    "orientation": "h",
                    "x": [b.measure.value for _, b in rows],
                    "y": [y for y, _ in rows],
                    "name": name,
                    "marker": marker,
                    "width": MARK_PX,
                    "customdata": [[b.event.id] for _, b in rows],
                    "hovertext": [_bar_hover(index, b) for _, b in rows],
                    "hoverinfo": "text",
                }
            )
    return traces


def _references(
    index: DatasetIndex, run: _Run, centres: list[int], bottom: int
) -> tuple[Spec, list[Spec]]:
    """A tick at each budget or break-even amount (a trace), and a dashed line from it
    down the run (shapes)."""
    year = index.dataset.film.year
    shapes: list[Spec] = []
    for (_, m), y in zip(run.references, centres, strict=True):
        faint = is_projection(m)
        shapes.append(
            {
                "type": "line",
                "x0": m.value,
                "x1": m.value,
                "y0": y,
                "y1": bottom,
                "xref": "x",
                "yref": "y",
                "layer": "between",
                "line": {"color": _REFERENCE, "width": 1.5, "dash": "dot" if faint else "dash"},
                "opacity": 0.6 if faint else 0.85,
            }
        )
    ticks: Spec = {
        "type": "scatter",
        "x": [m.value for _, m in run.references],
        "y": centres,
        "mode": "markers",
        "name": "Budget or break-even",
        "marker": {"symbol": "line-ns-open", "size": MARK_PX, "color": _REFERENCE},
        "customdata": [[ev.id] for ev, _ in run.references],
        "hovertext": [
            _bar_hover(index, _Bar(ev, m, bar_kind(m, year), ())) for ev, m in run.references
        ],
        "hoverinfo": "text",
    }
    return ticks, shapes


def box_office_run(index: DatasetIndex, shown: Selection) -> go.Figure:
    """The box-office run as horizontal bars, one per amount, in the date order of its event.

    Each bar sits under its label, which gives the amount and any percent change or
    rank reported with it (a weekend down 65%, fourth for the weekend). Reported
    figures are solid; projections and estimates are pale and hatched; other films'
    figures given for comparison are grey. A budget or break-even figure is a row of
    its own at the top, with a dashed line down across every bar. Only amounts in
    :data:`CHART_CURRENCY` are drawn; :func:`box_office_notes` (carried by the figure)
    counts the others.
    """
    run = _run(index, shown)
    if run is None:
        return empty_rows(f"No box-office figures in {CHART_CURRENCY} among the events shown.")
    labels = [_amount_label(m) for _, m in run.references]
    labels += [_amount_label(b.measure, b.extras) for b in run.bars]
    tops, centres, height = stack(labels, MARK_PX)
    refs, bars = centres[: len(run.references)], centres[len(run.references) :]
    traces = _bar_traces(index, run, bars)
    layout: Spec = {}
    if run.references:
        ticks, layout["shapes"] = _references(index, run, refs, centres[-1] + MARK_PX // 2)
        traces.append(ticks)
    layout["annotations"] = row_labels(labels, tops)
    values = [b.measure.value for b in run.bars] + [m.value for _, m in run.references]
    lo, hi = min(0.0, *values), max(0.0, *values)
    reach = hi - lo or 1.0
    tick_values, tick_text = _money_ticks(lo, hi, CHART_CURRENCY)
    layout["xaxis"] = {
        "range": [lo - (0.01 if lo == 0 else 0.05) * reach, hi + 0.03 * reach],
        "tickvals": tick_values,
        "ticktext": tick_text,
        "gridcolor": GRID,
        "zeroline": True,
        "zerolinecolor": "#BBBBBB",
        "side": "top",
    }
    layout["yaxis"] = {"range": [height, 0]}
    pixel_rows(layout, height)
    layout["barmode"] = "overlay"
    set_notes(layout, _box_office_notes(run))
    return figure_from(traces, layout)


def _box_office_key(run: _Run) -> str:
    """What each kind of bar and line means, naming only the kinds drawn."""
    colour = COLOUR_WORDS.get(PHASE_COLOURS[BOX_OFFICE_PHASE], "coloured")
    meanings = {
        "actual": f"solid {colour}, a reported figure",
        "projection": "hatched, a projection or estimate",
        "comparison": "grey, another film's figure, for comparison",
    }
    kinds = {b.kind for b in run.bars}
    parts = [meaning for kind, meaning in meanings.items() if kind in kinds]
    key = f"Bars: {'; '.join(parts)}." if parts else ""
    drawn = {_base_metric(m.metric) for _, m in run.references}
    lines = [words for metric, words in REFERENCE_LINES.items() if metric in drawn]
    if lines:
        # Name only what is drawn: a source may give a budget but no break-even figure.
        key += f" Dashed {'lines' if len(run.references) > 1 else 'line'}: {' or '.join(lines)}."
    return key.strip()


def box_office_notes(index: DatasetIndex, shown: Selection) -> ChartNotes:
    """How to read :func:`box_office_run` and what it leaves out; empty when it is empty."""
    run = _run(index, shown)
    return ChartNotes() if run is None else _box_office_notes(run)


def _box_office_notes(run: _Run) -> ChartNotes:
    lines = [_box_office_key(run)]
    if any(b.extras for b in run.bars):
        lines.append("After an amount: a change or a rank reported with it.")
    if run.other_currency:
        currencies = ", ".join(sorted({m.unit for m in run.other_currency}))
        lines.append(
            f"Not drawn: {plural(len(run.other_currency), 'amount')} in {currencies}"
            f" (no exchange rate to {CHART_CURRENCY})."
        )
    if len(run.events) < run.total:
        lines.append(f"A sample of {len(run.events)} of {run.total:,} box-office events.")
    return ChartNotes(lines=tuple(lines))
