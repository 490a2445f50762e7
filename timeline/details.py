"""What the details panel says about one event, as plain data (rendered by the UI)."""

from __future__ import annotations

from dataclasses import dataclass

from timeline.index import DatasetIndex
from timeline.links import Shot, shots_of
from timeline.measures import measure_text
from timeline.models import StoryEvent
from timeline.style import CHRONOLOGY_LABELS, PHASE_LABELS


@dataclass(frozen=True)
class Details:
    """Everything shown for a selected event; all strings are raw data, not markup."""

    id: str
    title: str
    chronology: str
    when: str
    summary: str
    phase: str | None
    characters: tuple[tuple[str, str], ...]
    people: tuple[str, ...]
    places: tuple[str, ...]
    source_title: str
    source_url: str | None
    linked: tuple[tuple[str, str], ...]
    measures: tuple[str, ...] = ()
    shots: tuple[Shot, ...] = ()


def event_label(index: DatasetIndex, event_id: str) -> str:
    """A one-line label: ``12. Title`` for a beat, ``September 2020 · Title`` otherwise."""
    ev = index.events[event_id]
    if isinstance(ev, StoryEvent):
        return f"{ev.order}. {ev.title}"
    return f"{index.dates[ev.id].label} · {ev.title}"


def describe(
    index: DatasetIndex, event_id: str, *, hidden: frozenset[str] = frozenset()
) -> Details:
    """Collect the details of ``event_id`` and the events linked to it, both ways.

    Linked events in ``hidden`` (behind the spoiler shield) are left out.
    """
    ev = index.events[event_id]
    title, url = index.section_titles.get(ev.source, (ev.source, None))
    places = tuple(index.location_names[loc] for loc in ev.locations)
    if isinstance(ev, StoryEvent):
        characters = tuple(
            (
                index.character_names[c],
                ", ".join(index.person_names[p] for p in index.character_actors[c]),
            )
            for c in ev.characters
        )
        linked_ids = tuple(i for i in index.linked_production.get(ev.id, ()) if i not in hidden)
        return Details(
            id=ev.id,
            title=ev.title,
            chronology=CHRONOLOGY_LABELS["story"],
            when=f"Story beat {ev.order} of {len(index.story)}",
            summary=ev.summary,
            phase=None,
            characters=characters,
            people=(),
            places=places,
            source_title=title,
            source_url=url,
            linked=tuple((i, event_label(index, i)) for i in linked_ids),
            shots=tuple(s for s in shots_of(index, ev.id) if s.event_id not in hidden),
        )
    when = index.dates[ev.id]
    return Details(
        id=ev.id,
        title=ev.title,
        chronology=CHRONOLOGY_LABELS["production"],
        # A day is always in the source's own phrase; coarser dates get our reading too.
        when=ev.date_text
        if when.precision == "day" or when.label.casefold() in ev.date_text.casefold()
        else f"{ev.date_text} ({when.label})",
        summary=ev.summary,
        phase=PHASE_LABELS[ev.phase],
        characters=(),
        people=tuple(index.person_names[p] for p in ev.people),
        places=places,
        source_title=title,
        source_url=url,
        linked=tuple((i, event_label(index, i)) for i in ev.story_events if i not in hidden),
        measures=tuple(
            f"{m.label}: {measure_text(m, long=True)}" + (f" ({m.basis})" if m.basis else "")
            for m in ev.measures
        ),
    )
