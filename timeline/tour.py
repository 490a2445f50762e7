"""The tour: step from the open event to the one before or after it.

A story beat steps through the beats in narrative order, a production event through
the production events in date order (the order of :mod:`timeline.columns`). The steps
are the events the filters show, or, when the open event is outside them, every event
of its chronology. Either way the spoiler shield holds: a hidden beat is never a step.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from timeline.columns import columns_of
from timeline.index import DatasetIndex
from timeline.selection import Selection


@dataclass(frozen=True)
class TourStop:
    """Where the open event sits on its tour, and its neighbours (None at an end)."""

    previous: str | None
    next: str | None
    #: 1-based position of the open event among the ``total`` steps.
    position: int
    total: int
    chronology: str

    @property
    def noun(self) -> str:
        """What a step is called: "beat" or "event"."""
        return "beat" if self.chronology == "story" else "event"


def tour_stop(
    index: DatasetIndex, shown: Selection, event_id: str, hidden: frozenset[str] = frozenset()
) -> TourStop | None:
    """The tour around ``event_id``; None if it is not an event of ``index`` or is hidden."""
    cols = columns_of(index)
    at = cols.position.get(event_id)
    if at is None or event_id in hidden:
        return None
    story = at < cols.n_story
    part = slice(0, cols.n_story) if story else slice(cols.n_story, len(cols))
    steps = shown.mask[part] if shown.mask[at] else np.ones(part.stop - part.start, dtype=bool)
    if hidden:
        steps = steps & ~cols.mask_of(hidden)[part]
    positions = np.flatnonzero(steps) + part.start
    k = int(np.searchsorted(positions, at))
    previous = str(cols.ids[positions[k - 1]]) if k > 0 else None
    following = str(cols.ids[positions[k + 1]]) if k + 1 < len(positions) else None
    return TourStop(previous, following, k + 1, len(positions), "story" if story else "production")
