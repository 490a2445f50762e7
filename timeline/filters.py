"""Narrowing the events: by chronology, place, person or character, phase, dates and text.

Location, who and text apply to both chronologies; phase and dates only concern
production events (story beats have neither), so they leave story beats alone.
The spoiler shield (``until``) hides story beats after a point in the story, and
the production events that concern only hidden beats.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from timeline.index import DatasetIndex
from timeline.models import EventBase, Phase

View = Literal["story", "production", "both"]


@dataclass(frozen=True)
class Filters:
    """What the person asked to see; hashable, so it can key a cache."""

    view: View = "both"
    locations: tuple[str, ...] = ()
    who: tuple[str, ...] = ()
    phases: tuple[Phase, ...] = ()
    span: tuple[date, date] | None = None
    text: str = ""
    until: int | None = None


@lru_cache(maxsize=32)
def hidden_by_shield(index: DatasetIndex, until: int | None) -> frozenset[str]:
    """Ids the spoiler shield hides: beats after ``until``, and production events tied
    only to such beats. Events tied to no beat are never hidden."""
    if until is None:
        return frozenset()
    beats = {e.id for e in index.story if e.order > until}
    production = {
        e.id for e in index.production if e.story_events and beats.issuperset(e.story_events)
    }
    return frozenset(beats | production)


def _places(index: DatasetIndex, location_ids: tuple[str, ...]) -> frozenset[str]:
    out: set[str] = set()
    for loc in location_ids:
        out |= index.location_within.get(loc, frozenset())
    return frozenset(out)


def filter_events(index: DatasetIndex, filters: Filters) -> tuple[str, ...]:
    """Ids of the events that pass ``filters``: story beats in order, then production by date."""
    places = _places(index, filters.locations) if filters.locations else None
    characters: set[str] = set()
    people: set[str] = set()
    for label in filters.who:
        chars, persons = index.who_labels.get(label, (frozenset(), frozenset()))
        characters |= chars
        people |= persons
    needle = filters.text.strip().casefold()
    phases = set(filters.phases)
    hidden = hidden_by_shield(index, filters.until)

    def common(ev: EventBase) -> bool:
        if ev.id in hidden:
            return False
        if places is not None and places.isdisjoint(ev.locations):
            return False
        return not needle or needle in f"{ev.title}\n{ev.summary}".casefold()

    out: list[str] = []
    if filters.view in ("story", "both"):
        for ev in index.story:
            if filters.who and characters.isdisjoint(ev.characters):
                continue
            if common(ev):
                out.append(ev.id)
    if filters.view in ("production", "both"):
        for pev in index.production:
            if filters.who and people.isdisjoint(pev.people):
                continue
            if phases and pev.phase not in phases:
                continue
            if filters.span is not None:
                when = index.dates[pev.id]
                if when.latest < filters.span[0] or when.earliest > filters.span[1]:
                    continue
            if common(pev):
                out.append(pev.id)
    return tuple(out)
