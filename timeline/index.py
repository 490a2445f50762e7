"""Per-dataset lookups computed once: names, place hierarchy, who plays whom, links, dates.

Filters, figures and the details panel all read from a :class:`DatasetIndex` so
that none of them walks the raw records again on every rerun.
"""

from __future__ import annotations

import threading
import uuid
import weakref
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from timeline import dates
from timeline.models import Dataset, ProductionEvent, StoryEvent

AnyEvent = StoryEvent | ProductionEvent
T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class DatasetIndex:
    """Lookups derived from one dataset; build with :func:`build_index`.

    Compared and hashed by identity (``eq=False``), so per-dataset results can be cached.
    """

    dataset: Dataset
    events: dict[str, AnyEvent]
    story: tuple[StoryEvent, ...]
    production: tuple[ProductionEvent, ...]
    dates: dict[str, dates.FuzzyDate]
    location_names: dict[str, str]
    # filter and URL labels: the name, or "name (id)" when two places share a name
    location_labels: dict[str, str]
    location_by_name: dict[str, str]
    # every place inside a location (itself included), for region → places filters
    location_within: dict[str, frozenset[str]]
    person_names: dict[str, str]
    character_names: dict[str, str]
    character_actors: dict[str, tuple[str, ...]]
    # "who" filter labels → the characters and people they bring in
    who_labels: dict[str, tuple[frozenset[str], frozenset[str]]]
    # story beat → production events that concern it (filming and others)
    linked_production: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # story beat → the places its filming events happened in (each once, by date)
    filming_places: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # story beats with at least one filming event
    filmed_beats: frozenset[str] = frozenset()
    section_titles: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    # Unique to this index, never reused: a cache key for results derived from it.
    token: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def date_span(self) -> tuple[date, date] | None:
        """Earliest and latest day of any production event, or None without any."""
        if not self.dates:
            return None
        return (
            min(d.earliest for d in self.dates.values()),
            max(d.latest for d in self.dates.values()),
        )


# Values worked out from an index, kept exactly as long as the index: an lru_cache keyed
# by the index would keep a dropped dataset (an old upload) alive.
_DERIVED: weakref.WeakKeyDictionary[DatasetIndex, dict[Hashable, Any]] = weakref.WeakKeyDictionary()
_DERIVED_LOCK = threading.RLock()  # re-entrant: one derived value may need another


def derived(index: DatasetIndex, key: Hashable, make: Callable[[], T]) -> T:
    """``make()``, worked out once per index and ``key`` (one build however many sessions
    ask at once) and dropped with the index."""
    with _DERIVED_LOCK:
        found = _DERIVED.setdefault(index, {})
        if key not in found:
            found[key] = make()
        value: T = found[key]
        return value


def _descendants(ds: Dataset) -> dict[str, frozenset[str]]:
    children: dict[str, list[str]] = defaultdict(list)
    for loc in ds.locations:
        if loc.parent is not None:
            children[loc.parent].append(loc.id)
    within: dict[str, frozenset[str]] = {}
    for loc in ds.locations:
        found = {loc.id}
        stack = [loc.id]
        while stack:
            for child in children.get(stack.pop(), ()):
                if child not in found:
                    found.add(child)
                    stack.append(child)
        within[loc.id] = frozenset(found)
    return within


def unique_labels(records: list[tuple[str, str]]) -> dict[str, str]:
    """Label each (id, name) by its name, or ``name (id)`` when the name is not unique."""
    counts: dict[str, int] = defaultdict(int)
    for _, name in records:
        counts[name] += 1
    return {rid: name if counts[name] == 1 else f"{name} ({rid})" for rid, name in records}


def _who_labels(ds: Dataset) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Map each label to (characters, people): a character brings in who plays them, and back."""
    plays: dict[str, set[str]] = defaultdict(set)
    for ch in ds.characters:
        for person_id in ch.played_by:
            plays[person_id].add(ch.id)
    labels: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    people = unique_labels([(p.id, p.name) for p in ds.people])
    taken = set(people.values())
    characters = {
        cid: f"{label} (character)" if label in taken else label
        for cid, label in unique_labels([(c.id, c.name) for c in ds.characters]).items()
    }
    for ch in ds.characters:
        labels[characters[ch.id]] = (frozenset({ch.id}), frozenset(ch.played_by))
    for person in ds.people:
        labels[people[person.id]] = (frozenset(plays[person.id]), frozenset({person.id}))
    return labels


def build_index(ds: Dataset) -> DatasetIndex:
    """Compute every lookup for ``ds`` (dates parsed once each)."""
    story = tuple(
        sorted((e for e in ds.events if isinstance(e, StoryEvent)), key=lambda e: e.order)
    )
    production = [e for e in ds.events if isinstance(e, ProductionEvent)]
    parsed = {e.id: dates.parse(e.date) for e in production}
    production.sort(key=lambda e: (parsed[e.id].earliest, parsed[e.id].latest, e.id))
    labels = unique_labels([(loc.id, loc.name) for loc in ds.locations])
    linked: dict[str, list[str]] = defaultdict(list)
    filmed_at: dict[str, dict[str, None]] = defaultdict(dict)
    for ev in production:
        for story_id in ev.story_events:
            linked[story_id].append(ev.id)
            if ev.phase == "filming":
                filmed_at[story_id].update(dict.fromkeys(ev.locations))
    return DatasetIndex(
        dataset=ds,
        events={e.id: e for e in ds.events},
        story=story,
        production=tuple(production),
        dates=parsed,
        location_names={loc.id: loc.name for loc in ds.locations},
        location_labels=labels,
        location_by_name={label: loc_id for loc_id, label in labels.items()},
        location_within=_descendants(ds),
        person_names={p.id: p.name for p in ds.people},
        character_names={c.id: c.name for c in ds.characters},
        character_actors={c.id: tuple(c.played_by) for c in ds.characters},
        who_labels=_who_labels(ds),
        linked_production={k: tuple(v) for k, v in linked.items()},
        filming_places={k: tuple(v) for k, v in filmed_at.items() if v},
        filmed_beats=frozenset(filmed_at),
        section_titles={
            s.id: (s.title, s.url or src.url) for src in ds.film.sources for s in src.sections
        },
    )
