"""Narrowing the events: by chronology, place, person or character, phase, dates and text.

Location, who and text apply to both chronologies; phase and dates only concern
production events (story beats have neither), so they leave story beats alone.
A date range keeps the events that may fall in it: any of a date's separate
periods overlapping it, an open end reaching into it.
The spoiler shield (``until``) hides story beats after a point in the story, and
the production events that concern only hidden beats.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np

from timeline.columns import PHASE_CODES, Mask, columns_of
from timeline.index import DatasetIndex, derived
from timeline.models import Phase

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


def hidden_by_shield(index: DatasetIndex, until: int | None) -> frozenset[str]:
    """Ids the spoiler shield hides: beats after ``until``, and production events tied
    only to such beats. Events tied to no beat are never hidden. Worked out once per
    dataset and beat."""
    if until is None:
        return frozenset()
    return derived(index, ("spoiler shield", until), lambda: _hidden(index, until))


def _hidden(index: DatasetIndex, until: int) -> frozenset[str]:
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
    return columns_of(index).ids_of(filter_mask(index, filters))


def filter_mask(index: DatasetIndex, filters: Filters) -> Mask:
    """:func:`filter_events` as a mask over the event positions of :mod:`timeline.columns`."""
    cols = columns_of(index)
    n, n_story = len(cols), cols.n_story
    keep = np.ones(n, dtype=bool)
    if filters.view == "story":
        keep[n_story:] = False
    elif filters.view == "production":
        keep[:n_story] = False
    if filters.until is not None:
        keep &= ~cols.mask_of(hidden_by_shield(index, filters.until))
    if filters.locations:
        keep &= cols.places.any_of(_places(index, filters.locations), n)
    if filters.who:
        characters: set[str] = set()
        people: set[str] = set()
        for label in filters.who:
            chars, persons = index.who_labels.get(label, (frozenset(), frozenset()))
            characters |= chars
            people |= persons
        # Beats link characters and production events people: either can match.
        keep &= cols.characters.any_of(characters, n) | cols.people.any_of(people, n)
    # Phases and dates concern production events only: story beats pass them.
    production = keep[n_story:]  # a view: narrowing it narrows keep
    if filters.phases:
        production &= np.isin(cols.phase[n_story:], [PHASE_CODES[p] for p in filters.phases])
    if filters.span is not None:
        # Each period of a date on its own: two summers do not match the winter between.
        first, last = (d.toordinal() for d in filters.span)
        production &= cols.may_fall_in(first, last)[n_story:]
    needle = filters.text.strip().casefold()
    if needle:
        keep &= cols.text_matches(needle)
    return keep
