"""A dataset's events as NumPy columns, for filtering and counting many events at once.

Filters and charts loop over every shown event; at 100,000 events a Python loop
per rerun costs a tenth of a second or more each. The columns are built once per
dataset (the first time anything asks) and kept exactly as long as its index.

Events have one position each, in the order every view lists them: story beats
in narrative order, then production events by date (:func:`build_index`). A
filter result is a boolean mask over those positions.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from timeline.dates import FuzzyDate
from timeline.index import AnyEvent, DatasetIndex, derived
from timeline.models import PHASES, Phase

Mask = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class Pairs:
    """Many-to-many links from events to things (places, people), as two parallel arrays."""

    event: Ints  # event position of each link
    code: Ints  # code of the thing linked
    codes: dict[str, int]  # thing id -> code

    def any_of(self, ids: Iterable[str], n_events: int) -> Mask:
        """Which events link to at least one of ``ids`` (unknown ids match nothing)."""
        wanted = [self.codes[i] for i in ids if i in self.codes]
        hit = np.zeros(n_events, dtype=bool)
        if wanted:
            hit[self.event[np.isin(self.code, wanted)]] = True
        return hit


@dataclass(frozen=True, eq=False)
class Columns:
    """Per-event arrays of one dataset, by position (see the module docstring)."""

    ids: npt.NDArray[np.object_]
    position: dict[str, int]
    n_story: int
    phase: Ints  # index into PHASES, -1 for story beats
    earliest: Ints  # date ordinals of production events, 0 for story beats
    latest: Ints
    month: Ints  # year * 12 + month - 1 of a production event's earliest day
    # One row per separate period of each production event (most have one): the
    # event's position and the period's first and last day, an open side reaching the
    # first or last representable day. Date filters and the map's months match these,
    # so a date of two summers does not match the winter between them.
    period_event: Ints
    period_earliest: Ints
    period_latest: Ints
    places: Pairs  # event -> location
    # Story settings and the real places their beats were filmed in (codes of
    # ``places``), one row per beat, setting and place, in that order.
    link_beat: Ints
    link_setting: Ints
    link_place: Ints
    characters: Pairs  # story beat -> character
    people: Pairs  # production event -> person
    # Every event's "title\nsummary", casefolded, one after another; and where each starts.
    text: str
    text_starts: list[int]
    places_of_event: Mask  # which events have at least one place

    def __len__(self) -> int:
        return len(self.ids)

    def mask_of(self, ids: Iterable[str]) -> Mask:
        """A mask with ``ids`` set (which must be events of this dataset)."""
        mask = np.zeros(len(self), dtype=bool)
        mask[np.fromiter(map(self.position.__getitem__, ids), dtype=np.int64)] = True
        return mask

    def may_fall_in(self, first: int, last: int) -> Mask:
        """Production events with a period overlapping days ``first``..``last`` (ordinals).

        Overlapping is enough: a date known only to the month, a one-of range or an
        open end may have fallen in the days asked for.
        """
        hit = (self.period_latest >= first) & (self.period_earliest <= last)
        mask = np.zeros(len(self), dtype=bool)
        mask[self.period_event[hit]] = True
        return mask

    def ids_of(self, mask: Mask) -> tuple[str, ...]:
        """The ids a mask selects, in position order."""
        return tuple(self.ids[mask].tolist())

    def text_matches(self, needle: str) -> Mask:
        """Events whose casefolded title or summary contains ``needle`` (casefolded)."""
        if not needle:
            return np.ones(len(self), dtype=bool)
        hit = np.zeros(len(self), dtype=bool)
        starts, text, size = self.text_starts, self.text, len(needle)
        found = text.find(needle)
        while found != -1:
            k = bisect_right(starts, found) - 1
            if found + size <= starts[k + 1] - 1:  # inside event k, not across its end
                hit[k] = True
                found = text.find(needle, starts[k + 1])  # on to the next event
            else:
                found = text.find(needle, found + 1)
        return hit


PHASE_CODES: dict[Phase, int] = {p: n for n, p in enumerate(PHASES)}


def columns_of(index: DatasetIndex) -> Columns:
    """The columns of ``index``'s dataset, built on first use, kept as long as the index."""
    return derived(index, "columns", lambda: build_columns(index))


def _pairs(linked: Sequence[Sequence[str]], codes: dict[str, int], first: int = 0) -> Pairs:
    """Pairs from the things each event links to; events numbered from ``first``."""
    counts = np.fromiter(map(len, linked), dtype=np.int64, count=len(linked))
    events = np.repeat(np.arange(first, first + len(linked), dtype=np.int64), counts)
    found = [codes.setdefault(thing, len(codes)) for things in linked for thing in things]
    return Pairs(events, np.array(found, dtype=np.int64), codes)


def _texts(events: Sequence[AnyEvent]) -> tuple[str, list[int]]:
    """Every event's "title\nsummary" casefolded, each followed by a NUL; and the starts."""
    raw = [f"{e.title}\n{e.summary}\0" for e in events]
    text = "".join(raw).casefold()
    # Casefolding can lengthen a text (ß -> ss), never shorten one: if the total is
    # unchanged so is every part; otherwise fold them one by one.
    if len(text) != sum(map(len, raw)):
        raw = [t.casefold() for t in raw]
        text = "".join(raw)
    starts = np.concatenate(([0], np.cumsum(np.fromiter(map(len, raw), dtype=np.int64))))
    return text, starts.tolist()


def _periods(
    when: Sequence[FuzzyDate], n_story: int, earliest: Ints, latest: Ints
) -> tuple[Ints, Ints, Ints]:
    """Event position, first and last day of each period of each production event.

    An open side reaches the first or last representable day. Most datasets have one
    period per event and no open end: their bounds are the columns already built.
    """
    if not any(w.parts or w.open_start or w.open_end for w in when):
        return (
            np.arange(n_story, n_story + len(when), dtype=np.int64),
            earliest[n_story:],
            latest[n_story:],
        )
    counts = np.fromiter((len(w.periods) for w in when), dtype=np.int64, count=len(when))
    first_day, last_day = date.min.toordinal(), date.max.toordinal()
    starts = [first_day if w.open_start else a.toordinal() for w in when for a, _ in w.periods]
    ends = [last_day if w.open_end else b.toordinal() for w in when for _, b in w.periods]
    return (
        np.repeat(np.arange(n_story, n_story + len(when), dtype=np.int64), counts),
        np.array(starts, dtype=np.int64),
        np.array(ends, dtype=np.int64),
    )


def build_columns(index: DatasetIndex) -> Columns:
    """The columns of one dataset (use :func:`columns_of`, which builds them once)."""
    story, production = index.story, index.production
    events: tuple[AnyEvent, ...] = (*story, *production)
    n_story = len(story)
    ids = np.empty(len(events), dtype=object)
    ids[:] = [e.id for e in events]
    when = [index.dates[e.id] for e in production]
    no_date = [0] * n_story
    phase = np.array([-1] * n_story + [PHASE_CODES[e.phase] for e in production], dtype=np.int64)
    earliest = np.array(no_date + [w.earliest.toordinal() for w in when], dtype=np.int64)
    latest = np.array(no_date + [w.latest.toordinal() for w in when], dtype=np.int64)
    month = np.array(
        no_date + [w.earliest.year * 12 + w.earliest.month - 1 for w in when], dtype=np.int64
    )
    period_event, period_earliest, period_latest = _periods(when, n_story, earliest, latest)
    places = _pairs([e.locations for e in events], {})
    codes = places.codes
    links = [
        (k, codes[setting], codes[place])
        for k, beat in enumerate(story)
        if beat.id in index.filming_places
        for setting in beat.locations
        for place in index.filming_places[beat.id]
        if place != setting
    ]
    link_beat, link_setting, link_place = (
        np.array(column, dtype=np.int64)
        for column in (zip(*links, strict=True) if links else ((), (), ()))
    )
    text, starts = _texts(events)
    return Columns(
        ids=ids,
        position=dict(zip(ids.tolist(), range(len(events)), strict=True)),
        n_story=n_story,
        phase=phase,
        earliest=earliest,
        latest=latest,
        month=month,
        period_event=period_event,
        period_earliest=period_earliest,
        period_latest=period_latest,
        places=places,
        link_beat=link_beat,
        link_setting=link_setting,
        link_place=link_place,
        characters=_pairs([b.characters for b in story], {}),
        people=_pairs([e.people for e in production], {}, first=n_story),
        text=text,
        text_starts=starts,
        places_of_event=np.bincount(places.event, minlength=len(events)) > 0,
    )
