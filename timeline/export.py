"""The events shown, as an events file of their own that validates and loads back.

The export keeps the film, its sources and every place, person and character (so
parent places and actors stay resolvable), and exactly the shown events. Story
beats are renumbered 1..k in their original order, since a file's story order
must run without gaps, and links to beats that were left out are dropped.
"""

from __future__ import annotations

import json

from timeline.index import DatasetIndex
from timeline.models import Dataset, ProductionEvent, StoryEvent


def export_dataset(index: DatasetIndex, ids: tuple[str, ...]) -> Dataset:
    """A dataset holding only the events ``ids``, in the order given."""
    kept = set(ids)
    story_ids = [i for i in ids if isinstance(index.events[i], StoryEvent)]
    new_order = {
        event_id: n
        for n, event_id in enumerate(
            sorted(story_ids, key=lambda i: index.events[i].order),  # type: ignore[union-attr]
            start=1,
        )
    }
    events: list[StoryEvent | ProductionEvent] = []
    for event_id in ids:
        ev = index.events[event_id]
        if isinstance(ev, StoryEvent):
            events.append(ev.model_copy(update={"order": new_order[event_id]}))
        else:
            links = [s for s in ev.story_events if s in kept]
            events.append(ev.model_copy(update={"story_events": links}))
    ds = index.dataset
    # Validate again: the export must be a file the app and CLI accept.
    return Dataset.model_validate(
        {
            "film": ds.film,
            "locations": ds.locations,
            "people": ds.people,
            "characters": ds.characters,
            "events": events,
        }
    )


def export_json(index: DatasetIndex, ids: tuple[str, ...]) -> bytes:
    """The export as UTF-8 JSON bytes, fields that were left at their defaults omitted."""
    document = export_dataset(index, ids).model_dump(mode="json", exclude_defaults=True)
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
