"""The reception: review scores on one scale of 100, and award tallies underneath."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from timeline.charts.base import GRID, ChartNotes, Spec, figure_from, set_notes
from timeline.charts.rows import (
    BREAK,
    FIRST_PX,
    MARK_PX,
    Annotation,
    Tok,
    empty_rows,
    event_hover,
    pixel_rows,
    row_labels,
    stack,
    value,
    words,
    wrap,
)
from timeline.datewords import plural
from timeline.index import DatasetIndex
from timeline.measures import measure_text, number, score_out_of_100
from timeline.models import Measure, Phase, ProductionEvent
from timeline.selection import Selection, shown_production
from timeline.style import MUTED, PHASE_COLOURS
from timeline.text import hover_escape

#: Events whose percent and rating measures are review scores.
RECEPTION_PHASE: Phase = "reception"
#: Events whose count measures are award tallies (nominations, wins).
AWARDS_PHASE: Phase = "awards"


def _score_hover(index: DatasetIndex, ev: ProductionEvent, m: Measure, score: float) -> str:
    basis = f"<br><i>Based on:</i> {hover_escape(m.basis)}" if m.basis else ""
    scaled = f" (= {score:.0f} out of 100)" if m.unit == "rating" and m.out_of != 100 else ""
    return (
        f"{event_hover(index, ev, summary_lines=4)}<br><i>{hover_escape(m.label)}:</i> "
        f"{hover_escape(measure_text(m))}{scaled}{basis}"
    )


@dataclass(frozen=True)
class _Reception:
    """Scores (with their value out of 100), ratings without a scale, and award counts."""

    scores: list[tuple[ProductionEvent, Measure, float]]
    unscaled: list[Measure]
    awards: list[tuple[ProductionEvent, Measure]]


def _reception(index: DatasetIndex, shown: Selection) -> _Reception | None:
    events = shown_production(index, shown, [RECEPTION_PHASE, AWARDS_PHASE])
    reviews = [(ev, m) for ev in events if ev.phase == RECEPTION_PHASE for m in ev.measures]
    scores = [(ev, m, s) for ev, m in reviews if (s := score_out_of_100(m)) is not None]
    unscaled = [m for _, m in reviews if m.unit == "rating" and m.out_of is None]
    awards = [
        (ev, m)
        for ev in events
        if ev.phase == AWARDS_PHASE
        for m in ev.measures
        if m.unit == "count"
    ]
    if not scores and not awards:
        return None
    return _Reception(scores, unscaled, awards)


def _score_label(m: Measure) -> list[str]:
    """``Rotten Tomatoes approval · 96%``, and what it is based on on a line of its own."""
    tokens = [*words(m.label), *value(measure_text(m), bold=True)]
    if m.basis:
        tokens += [BREAK, *words(m.basis, f"color:{MUTED};font-size:11px")]
    return wrap(tokens)


def _award_label(m: Measure) -> list[str]:
    """``2 BAFTA Film Award nominations``."""
    return wrap([Tok(number(m.value), bold=True), *words(m.label)])


def _score_bars(index: DatasetIndex, rec: _Reception, centres: list[int]) -> Spec:
    return {
        "type": "bar",
        "orientation": "h",
        "x": [s for _, _, s in rec.scores],
        "y": centres,
        "marker": {"color": [PHASE_COLOURS[ev.phase] for ev, _, _ in rec.scores]},
        "width": MARK_PX,
        "customdata": [[ev.id] for ev, _, _ in rec.scores],
        "hovertext": [_score_hover(index, ev, m, s) for ev, m, s in rec.scores],
        "hoverinfo": "text",
        "name": "Score",
    }


def _award_bars(index: DatasetIndex, rec: _Reception, centres: list[int]) -> Spec:
    return {
        "type": "bar",
        "orientation": "h",
        "x": [m.value for _, m in rec.awards],
        "y": centres,
        "marker": {"color": [PHASE_COLOURS[ev.phase] for ev, _ in rec.awards], "opacity": 0.75},
        "width": MARK_PX,
        "customdata": [[ev.id] for ev, _ in rec.awards],
        "hovertext": [
            f"{event_hover(index, ev, summary_lines=4)}<br><i>{hover_escape(m.label)}:</i>"
            f" {number(m.value)}"
            for ev, m in rec.awards
        ],
        "hoverinfo": "text",
        "name": "Awards",
    }


def _axis_name(axis: str, row: int) -> str:
    """``xaxis`` for the first group's axis, ``xaxis2`` for the second's (``y`` alike)."""
    return axis if row == 1 else f"{axis}{row}"


def reception_scores(index: DatasetIndex, shown: Selection) -> go.Figure:
    """Review and audience scores on one 0-100 scale, and award tallies underneath.

    Percent measures of reception events are drawn as they are; ratings are rescaled
    (a rating times 100 over what it is out of), each bar under a label giving the
    score in its original form (``96%``, ``8/10``, ``4/5``) and what it is based on.
    Count measures of awards events (nominations, wins) form a second group of bars,
    on a plot of its own below the first (same pixel scale). A rating without
    ``out_of`` cannot be rescaled: :func:`reception_notes` (carried by the figure)
    counts it.
    """
    rec = _reception(index, shown)
    if rec is None:
        return empty_rows("No review scores or award counts among the events shown.")
    groups = [
        (title, labels, build)
        for title, labels, build in (
            ("Scores out of 100", [_score_label(m) for _, m, _ in rec.scores], _score_bars),
            ("Awards", [_award_label(m) for _, m in rec.awards], _award_bars),
        )
        if labels
    ]
    # A little room under each group's title.
    stacks = [stack(labels, MARK_PX, first=FIRST_PX + 4) for _, labels, _ in groups]
    # Between the groups: the score axis under the first, then the second's title.
    gap = 50 if len(groups) > 1 else 0
    plot_px = sum(height for _, _, height in stacks) + gap
    rows_px = sum(height for _, _, height in stacks)
    traces: list[Spec] = []
    titles: list[Annotation] = []
    labels_at: list[Annotation] = []
    layout: Spec = {}
    top = 1.0  # of the next group's plot, as a fraction of the whole plot area
    for row, ((title, labels, build), (tops, centres, height)) in enumerate(
        zip(groups, stacks, strict=True), start=1
    ):
        share = height / rows_px * (1 - gap / plot_px)
        x, y = _axis_name("xaxis", row), _axis_name("yaxis", row)
        suffix = "" if row == 1 else str(row)
        traces.append(build(index, rec, centres) | {"xaxis": f"x{suffix}", "yaxis": f"y{suffix}"})
        layout[x] = {"anchor": f"y{suffix}", "domain": [0.0, 1.0]}
        layout[y] = {
            "anchor": f"x{suffix}",
            "domain": [max(0.0, top - share), top],
            "range": [height, 0],
        }
        titles.append(
            {
                "text": title,
                "font": {"size": 13, "color": MUTED},
                "showarrow": False,
                "x": 0,
                "xanchor": "left",
                "xref": "paper",
                "y": top,
                "yanchor": "bottom",
                "yref": "paper",
            }
        )
        labels_at += row_labels(labels, tops, yref=f"y{suffix}")
        top -= share + gap / plot_px
    layout["annotations"] = [*titles, *labels_at]
    pixel_rows(layout, plot_px, top=26, bottom=8 if rec.awards else 26)
    if rec.scores:
        highest = max(100.0, *(s for _, _, s in rec.scores))
        layout["xaxis"] |= {
            "range": [0, highest * 1.02],
            "tickvals": list(range(0, 101, 20)),
            "gridcolor": GRID,
        }
    if rec.awards:
        most = max(m.value for _, m in rec.awards)
        axis = _axis_name("xaxis", len(groups))
        layout[axis] |= {"range": [0, max(most, 1) * 1.25], "visible": False}
    set_notes(layout, _reception_notes(rec))
    return figure_from(traces, layout)


def reception_notes(index: DatasetIndex, shown: Selection) -> ChartNotes:
    """How the scores are put on one scale, and what is left out; empty without a chart."""
    rec = _reception(index, shown)
    return ChartNotes() if rec is None else _reception_notes(rec)


def _reception_notes(rec: _Reception) -> ChartNotes:
    how = ["percentages as they are"] if any(m.unit == "percent" for _, m, _ in rec.scores) else []
    rated = [(m, s) for _, m, s in rec.scores if m.unit == "rating" and m.out_of != 100]
    if rated:
        m, s = rated[0]
        how.append(f"ratings rescaled ({measure_text(m)} → {s:.0f})")
    lines = [f"Scores on one scale of 100: {', '.join(how)}."] if how else []
    if rec.unscaled:
        lines.append(f"Not drawn: {plural(len(rec.unscaled), 'rating')} without a scale (out_of).")
    return ChartNotes(lines=tuple(lines))
