"""The events a view shows: the filters' result as one value every chart takes.

A :class:`Selection` holds the ids (in the order every view lists them), the same
events as a boolean mask over the positions of :mod:`timeline.columns`, and a key
saying what chose them (the dataset's token and the filters, plus any narrowing such
as the map's month). Caches key on that: two selections with equal keys show the
same events of the same dataset, so nothing is hashed event by event.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import astuple, dataclass

import numpy as np

from timeline.columns import PHASE_CODES, Ints, Mask, columns_of
from timeline.filters import Filters, filter_mask
from timeline.index import DatasetIndex
from timeline.models import Phase, ProductionEvent


@dataclass(frozen=True, eq=False)
class Selection:
    """Some events of one dataset: ids, mask and a cache key (see the module docstring).

    Build one with :func:`select` (from filters) or :func:`selection_of` (from ids);
    never mutate ``mask`` (it is read-only).
    """

    ids: tuple[str, ...]
    mask: Mask
    n_story: int
    key: tuple[Hashable, ...]

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def story_positions(self) -> Ints:
        """Positions of the story beats shown, in narrative order."""
        return np.flatnonzero(self.mask[: self.n_story])

    @property
    def production_positions(self) -> Ints:
        """Positions of the production events shown, in date order."""
        return np.flatnonzero(self.mask[self.n_story :]) + self.n_story

    @property
    def story_count(self) -> int:
        """How many story beats are shown."""
        return int(np.count_nonzero(self.mask[: self.n_story]))

    def narrowed(self, index: DatasetIndex, keep: Mask, why: Hashable) -> Selection:
        """The events of this selection that ``keep`` also selects; ``why`` joins the key."""
        return _selection(index, self.mask & keep, (*self.key, why))


def _selection(index: DatasetIndex, mask: Mask, key: tuple[Hashable, ...]) -> Selection:
    cols = columns_of(index)
    mask = mask.copy()
    mask.flags.writeable = False
    return Selection(cols.ids_of(mask), mask, cols.n_story, key)


def select(index: DatasetIndex, filters: Filters) -> Selection:
    """The events of ``index`` that pass ``filters``, keyed by the dataset and the filters."""
    return _selection(
        index, filter_mask(index, filters), (index.token, "filters", *astuple(filters))
    )


def selection_of(index: DatasetIndex, ids: Iterable[str]) -> Selection:
    """The events ``ids`` (events of ``index``; in any order), keyed by the ids themselves."""
    cols = columns_of(index)
    mask = cols.mask_of(ids)
    return _selection(index, mask, (index.token, "ids", *cols.ids_of(mask)))


def everything(index: DatasetIndex) -> Selection:
    """Every event of ``index``."""
    return select(index, Filters())


def shown_production(
    index: DatasetIndex, shown: Selection, phases: Iterable[Phase] = ()
) -> list[ProductionEvent]:
    """The production events ``shown``, in date order; of ``phases`` only, if given."""
    cols = columns_of(index)
    keep = shown.mask[cols.n_story :].copy()
    if phases:
        keep &= np.isin(cols.phase[cols.n_story :], [PHASE_CODES[p] for p in phases])
    return [index.production[k] for k in np.flatnonzero(keep).tolist()]
