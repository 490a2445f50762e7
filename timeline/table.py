"""The events shown, as a table and as downloadable CSV (JSON: :mod:`timeline.export`)."""

from __future__ import annotations

import pandas as pd

from timeline.index import DatasetIndex
from timeline.models import StoryEvent
from timeline.style import CHRONOLOGY_LABELS, PHASE_LABELS

COLUMNS = ("id", "chronology", "when", "title", "places", "people", "phase", "summary")
# More rows than anyone scrolls through cost seconds and hundreds of megabytes to
# build and send: the table shows the first ones, the downloads hold every row.
MAX_TABLE_ROWS = 5_000


def events_frame(index: DatasetIndex, ids: tuple[str, ...]) -> pd.DataFrame:
    """One row per shown event, ``id`` first; characters count as people for story beats."""
    rows = []
    for event_id in ids:
        ev = index.events[event_id]
        places = "; ".join(index.location_names[loc] for loc in ev.locations)
        if isinstance(ev, StoryEvent):
            when = f"Beat {ev.order}"
            people = "; ".join(index.character_names[c] for c in ev.characters)
            phase = ""
        else:
            when = index.dates[ev.id].label
            people = "; ".join(index.person_names[p] for p in ev.people)
            phase = PHASE_LABELS[ev.phase]
        rows.append(
            (
                ev.id,
                CHRONOLOGY_LABELS[ev.chronology],
                when,
                ev.title,
                places,
                people,
                phase,
                ev.summary,
            )
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def to_csv(frame: pd.DataFrame) -> bytes:
    """CSV bytes (UTF-8) of exactly the rows and columns given."""
    return frame.to_csv(index=False).encode("utf-8")
