"""Charts in words: each chart's accessible name and description, from what it shows.

A screen reader meets a chart as one labelled figure. The label is made here from the
same selection the chart is drawn from (so it follows the filters, the spoiler shield
and the map's month), plus the headline the figure itself carries, and names the
Table tab, which lists every event shown in full: the text alternative to any chart.
Each function takes ``(index, shown, fig)`` (:data:`timeline.charts.registry.Describe`).
"""

from __future__ import annotations

import calendar
from datetime import date

import numpy as np
import plotly.graph_objects as go

from timeline.charts.base import notes_of
from timeline.charts.box_office import BOX_OFFICE_PHASE, bar_kind, is_reference
from timeline.charts.reception import AWARDS_PHASE, RECEPTION_PHASE
from timeline.charts.release import release_dates
from timeline.columns import PHASE_CODES, Mask, columns_of
from timeline.datewords import plural
from timeline.index import DatasetIndex
from timeline.measures import measure_text, money, number, score_out_of_100
from timeline.selection import Selection, shown_production

#: Every description ends with this: where the same events are as text.
TABLE_HINT = "The Table tab lists every event shown, in full, as text."


def _month(day: date) -> str:
    """``January 2019``: month names in full read better aloud than ``Jan``."""
    return f"{calendar.month_name[day.month]} {day.year}"


def _span(first: int, last: int) -> str:
    """``from January 2019 to May 2025`` (ordinals), or ``in May 2025`` for one month."""
    a, b = date.fromordinal(first), date.fromordinal(last)
    if (a.year, a.month) == (b.year, b.month):
        return f"in {_month(a)}"
    return f"from {_month(a)} to {_month(b)}"


def _said(name: str, *parts: str) -> str:
    """``Name: part; part. <table hint>``, empty parts left out.

    Parts may be sentences of the chart's own notes: their closing stop is dropped,
    and an arrow (read aloud as "right arrow") becomes "to".
    """
    body = "; ".join(p.rstrip(". ").replace(" \u2192 ", " to ") for p in parts if p)
    return f"{name}: {body}. {TABLE_HINT}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _distinct(codes: np.ndarray, hit: Mask) -> int:
    return len(np.unique(codes[hit]))


def describe_story(index: DatasetIndex, shown: Selection, fig: go.Figure) -> str:
    """``Story timeline: 42 story beats in narrative order, from beat 1 ("…") to …``."""
    positions = shown.story_positions
    if not len(positions):
        return _said("Story timeline", "no story beats match these filters")
    cols = columns_of(index)
    first, last = index.story[int(positions[0])], index.story[int(positions[-1])]
    chars = cols.characters
    places = cols.places
    in_story = places.event < cols.n_story
    n_chars = _distinct(chars.code, shown.mask[chars.event])
    n_settings = _distinct(places.code, in_story & shown.mask[places.event])
    run = (
        f"beat {first.order} ({first.title})"
        if len(positions) == 1
        else f"from beat {first.order} ({first.title}) to beat {last.order} ({last.title})"
    )
    return _said(
        "Story timeline",
        f"{plural(len(positions), 'story beat')} in narrative order, {run}",
        f"{plural(n_chars, 'character')} in {plural(n_settings, 'setting')}",
        *notes_of(fig).lines[:1],
    )


def describe_production(index: DatasetIndex, shown: Selection, fig: go.Figure) -> str:
    """``Production timeline: 100 events from January 2019 to May 2025 in 14 phases; …``."""
    positions = shown.production_positions
    if not len(positions):
        return _said("Production timeline", "no production events match these filters")
    cols = columns_of(index)
    phases = cols.phase[positions]
    filming = positions[phases == PHASE_CODES["filming"]]
    shot = (
        f"filming {_span(int(cols.earliest[filming].min()), int(cols.latest[filming].max()))}"
        if len(filming)
        else "no filming among them"
    )
    return _said(
        "Production timeline",
        f"{plural(len(positions), 'event')} "
        f"{_span(int(cols.earliest[positions].min()), int(cols.latest[positions].max()))} "
        f"in {plural(len(np.unique(phases)), 'phase')}",
        shot,
        *notes_of(fig).lines[:1],
    )


def describe_storylines(index: DatasetIndex, shown: Selection, fig: go.Figure) -> str:
    """``Storylines: one line for each of 12 characters through 42 story beats, …``."""
    positions = shown.story_positions
    if not len(positions):
        return _said("Storylines", "no story beats match these filters")
    cols = columns_of(index)
    chars = cols.characters
    n_chars = _distinct(chars.code, shown.mask[chars.event])
    places = cols.places
    n_settings = _distinct(places.code, (places.event < cols.n_story) & shown.mask[places.event])
    return _said(
        "Storylines",
        f"one line for each of {plural(n_chars, 'character')} through "
        f"{plural(len(positions), 'story beat')}, running together where they share a scene",
        f"{plural(n_settings, 'setting')} named along the top",
        *notes_of(fig).lines[:1],
    )


def describe_map(index: DatasetIndex, shown: Selection, fig: go.Figure) -> str:
    """``Map: 20 story settings and 15 real places from the making of the film; …``."""
    cols = columns_of(index)
    places = cols.places
    hit = shown.mask[places.event]
    story = hit & (places.event < cols.n_story)
    real = hit & (places.event >= cols.n_story)
    if not hit.any():
        return _said("Map of places", "none of the events shown has a place")
    counts = np.bincount(places.code[hit], minlength=len(places.codes))
    busiest = int(np.argmax(counts))
    name = index.location_names[list(places.codes)[busiest]]
    return _said(
        "Map of places",
        f"{plural(_distinct(places.code, story), 'story setting')} and "
        f"{plural(_distinct(places.code, real), 'real place')} from the making of the film",
        f"most events at {name} ({int(counts[busiest])})",
        *notes_of(fig).lines[:1],
    )


def describe_release(index: DatasetIndex, shown: Selection, fig: go.Figure) -> str:
    """``Release dates: 7 announced release dates; release date moved 6 times: … → …``."""
    events = release_dates(index, shown)
    if not events:
        return _said("Release dates", "no announced release date among the events shown")
    return _said(
        "Release dates",
        f"{plural(len(events), 'announced release date')}, in the order they were set",
        _lower_first(notes_of(fig).headline),
    )


def describe_box_office(index: DatasetIndex, shown: Selection, fig: go.Figure) -> str:
    """``Box office: 9 amounts from 6 events; the largest $567.5M (Worldwide gross); …``."""
    events = shown_production(index, shown, [BOX_OFFICE_PHASE])
    year = index.dataset.film.year
    amounts = [(m, ev) for ev in events for m in ev.measures if m.unit == "USD"]
    own = [m for m, _ in amounts if not is_reference(m) and bar_kind(m, year) == "actual"]
    refs = [m for m, _ in amounts if is_reference(m)]
    if not amounts:
        return _said("Box office", "no box-office amounts among the events shown")
    largest = max(own, key=lambda m: m.value, default=None)
    return _said(
        "Box office",
        f"{plural(len(amounts), 'amount')} from {plural(len(events), 'box-office event')}",
        f"the largest reported is {largest.label}, {money(largest.value)}" if largest else "",
        "measured against " + ", ".join(f"{m.label} {measure_text(m)}" for m in refs[:3])
        if refs
        else "",
    )


def describe_reception(index: DatasetIndex, shown: Selection, fig: go.Figure) -> str:
    """``Reception: 5 review and audience scores on one scale of 100, from 80 to 96; 2 BAFTA…``."""
    events = shown_production(index, shown, [RECEPTION_PHASE, AWARDS_PHASE])
    scores = [
        s
        for ev in events
        if ev.phase == RECEPTION_PHASE
        for m in ev.measures
        if (s := score_out_of_100(m)) is not None
    ]
    awards = [
        m for ev in events if ev.phase == AWARDS_PHASE for m in ev.measures if m.unit == "count"
    ]
    if not scores and not awards:
        return _said("Reception", "no scores or awards among the events shown")
    scored = (
        f"{plural(len(scores), 'review and audience score')} on one scale of 100, "
        f"from {number(round(min(scores)))} to {number(round(max(scores)))}"
        if scores
        else ""
    )
    tallied = ", ".join(f"{number(m.value)} {m.label}" for m in awards[:4])
    if len(awards) > 4:
        tallied += f" and {len(awards) - 4} more"
    return _said("Reception", scored, tallied)
