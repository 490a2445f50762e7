"""Set vs shot: where a story beat is set, and where and when it was filmed.

The data links a filming event to the beats it filmed (``story_events``); this
module turns those links into rows for the set-vs-shot view and into map lines
from each story setting to the real places that stood in for it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from timeline.columns import columns_of
from timeline.index import DatasetIndex
from timeline.models import ProductionEvent, StoryEvent
from timeline.selection import Selection


@dataclass(frozen=True)
class Shot:
    """One filming event behind a beat: where and when."""

    event_id: str
    title: str
    places: tuple[str, ...]
    when: str


@dataclass(frozen=True)
class SetShot:
    """A story beat with its settings and the filming that produced it."""

    beat_id: str
    order: int
    title: str
    settings: tuple[str, ...]
    shots: tuple[Shot, ...]


def filming_of(index: DatasetIndex, beat_id: str) -> tuple[ProductionEvent, ...]:
    """The filming events linked to a beat, in date order."""
    linked = index.linked_production.get(beat_id, ())
    events = (index.events[i] for i in linked)
    return tuple(e for e in events if isinstance(e, ProductionEvent) and e.phase == "filming")


def shots_of(index: DatasetIndex, beat_id: str) -> tuple[Shot, ...]:
    """Where and when each filming event behind a beat happened."""
    return tuple(
        Shot(
            event_id=ev.id,
            title=ev.title,
            places=tuple(index.location_names[loc] for loc in ev.locations),
            when=index.dates[ev.id].label,
        )
        for ev in filming_of(index, beat_id)
    )


def filmed(index: DatasetIndex, shown: Selection) -> tuple[str, ...]:
    """The shown story beats whose filming the data records, in order."""
    beats = (index.story[k].id for k in shown.story_positions.tolist())
    return tuple(i for i in beats if i in index.filmed_beats)


def set_vs_shot(index: DatasetIndex, ids: tuple[str, ...]) -> tuple[SetShot, ...]:
    """Each shown story beat whose filming the data records, in narrative order."""
    rows = []
    for event_id in ids:
        beat = index.events[event_id]
        if not isinstance(beat, StoryEvent):
            continue
        shots = shots_of(index, beat.id)
        if shots:
            rows.append(
                SetShot(
                    beat_id=beat.id,
                    order=beat.order,
                    title=beat.title,
                    settings=tuple(index.location_names[loc] for loc in beat.locations),
                    shots=shots,
                )
            )
    return tuple(rows)


def map_links(index: DatasetIndex, shown: Selection) -> tuple[tuple[str, str], ...]:
    """(setting, filming place) location-id pairs for the shown beats, each pair once:
    those joining the most beats first, ties in the order they first appear."""
    cols = columns_of(index)
    if not len(cols.link_beat):
        return ()
    linked = shown.mask[cols.link_beat]
    n_places = len(cols.places.codes)
    pairs = cols.link_setting[linked] * n_places + cols.link_place[linked]
    found, first, counts = np.unique(pairs, return_index=True, return_counts=True)
    order = np.lexsort((first, -counts))  # most beats first, then first seen
    location_ids = list(cols.places.codes)  # by code
    return tuple(
        (location_ids[pair // n_places], location_ids[pair % n_places])
        for pair in found[order].tolist()
    )


def places_of(
    index: DatasetIndex, event_id: str, hidden: frozenset[str] = frozenset()
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Where an event is set and where it was filmed: two tuples of location ids.

    A story beat gives its settings and the places of the filming behind it; a
    production event gives its own places as filmed, and the settings of the beats it
    filmed (those the spoiler shield shows).
    """
    event = index.events.get(event_id)
    if isinstance(event, StoryEvent):
        filming = (loc for ev in filming_of(index, event.id) for loc in ev.locations)
        return tuple(event.locations), tuple(dict.fromkeys(filming))
    if isinstance(event, ProductionEvent):
        beats = (index.events[b] for b in event.story_events if b not in hidden)
        settings = (loc for beat in beats for loc in beat.locations)
        return tuple(dict.fromkeys(settings)), tuple(event.locations)
    return (), ()
