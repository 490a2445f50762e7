"""Test data builders: plain dicts shaped like the events file, valid unless told otherwise.

Every builder takes keyword overrides that replace (or, with :data:`DELETE`, remove)
top-level keys of what it returns, so a test that wants one broken rule changes one
thing and nothing else::

    doc = make_dataset()                            # valid
    doc = with_change(make_dataset(), "events[1].date", "2021-13")  # one bad date

The default dataset is the minimum that exercises every cross-record reference:

* a source with sections ``plot``, ``production`` and ``release``;
* places nested country → region → town (``scotland`` → ``orkney`` → ``stromness``);
* two people (``ada-stone`` an actor, ``cleo-moss`` a director) and one character
  (``morag``, played by ``ada-stone``);
* events: ``events[0]`` a casting event naming a person, ``events[1]`` a filming
  event with a location and ``story_events``, ``events[2]``/``events[3]`` story beats
  with orders 1 and 2 (a character and a place on the first).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable
from typing import Any

from timeline.index import DatasetIndex
from timeline.selection import Selection, everything, selection_of

Doc = dict[str, Any]


class _Delete:
    """Marker: remove the key instead of setting it."""

    def __repr__(self) -> str:
        return "DELETE"


DELETE: Any = _Delete()


def _apply(base: Doc, overrides: dict[str, Any]) -> Doc:
    out = dict(base)
    for key, value in overrides.items():
        if value is DELETE:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def make_section(**overrides: Any) -> Doc:
    """A source section (default id ``plot``)."""
    base = {"id": "plot", "title": "Plot", "url": "https://example.org/film#plot"}
    return _apply(base, overrides)


def make_source(**overrides: Any) -> Doc:
    """A source with sections ``plot``, ``production`` and ``release``."""
    base = {
        "id": "notes",
        "title": "Production notes",
        "url": "https://example.org/film",
        "license": "CC0 1.0",
        "sections": [
            make_section(),
            make_section(
                id="production", title="Production", url="https://example.org/film#production"
            ),
            make_section(id="release", title="Release", url="https://example.org/film#release"),
        ],
    }
    return _apply(base, overrides)


def make_film(**overrides: Any) -> Doc:
    """The film record with one source."""
    base = {"title": "The Lighthouse Keeper", "year": 2024, "sources": [make_source()]}
    return _apply(base, overrides)


def make_location(**overrides: Any) -> Doc:
    """A place (default: the country ``scotland``, no parent)."""
    base = {"id": "scotland", "name": "Scotland", "lat": 56.49, "lon": -4.2, "kind": "country"}
    return _apply(base, overrides)


def make_person(**overrides: Any) -> Doc:
    """A real person (default: the actor ``ada-stone``)."""
    base = {"id": "ada-stone", "name": "Ada Stone", "roles": ["actor"]}
    return _apply(base, overrides)


def make_character(**overrides: Any) -> Doc:
    """A character (default: ``morag``, played by ``ada-stone``)."""
    base = {
        "id": "morag",
        "name": "Morag",
        "played_by": ["ada-stone"],
        "description": "The last keeper of the light.",
    }
    return _apply(base, overrides)


def make_story(**overrides: Any) -> Doc:
    """A story beat (default: order 1, no characters, no places, section ``plot``)."""
    base = {
        "chronology": "story",
        "id": "storm-warning",
        "order": 1,
        "title": "A storm warning",
        "summary": "A storm is coming in from the sea.",
        "source": "plot",
        "characters": [],
        "locations": [],
    }
    return _apply(base, overrides)


def make_production(**overrides: Any) -> Doc:
    """A production event (default: filming, ``2021-04/2021-06``, section ``production``)."""
    base = {
        "chronology": "production",
        "id": "shoot",
        "phase": "filming",
        "date": "2021-04/2021-06",
        "date_text": "from April to June 2021",
        "title": "Principal photography",
        "summary": "The film is shot on location.",
        "source": "production",
        "people": [],
        "story_events": [],
        "locations": [],
    }
    return _apply(base, overrides)


def make_measure(**overrides: Any) -> Doc:
    """A measure (default: a worldwide gross of 54.7 million USD)."""
    base = {
        "metric": "gross",
        "label": "Worldwide gross",
        "value": 54_700_000,
        "unit": "USD",
    }
    return _apply(base, overrides)


def default_locations() -> list[Doc]:
    """``scotland`` (country) → ``orkney`` (region) → ``stromness`` (town)."""
    return [
        make_location(),
        make_location(
            id="orkney", name="Orkney", lat=59.0, lon=-3.0, kind="region", parent="scotland"
        ),
        make_location(
            id="stromness", name="Stromness", lat=58.965, lon=-3.296, kind="town", parent="orkney"
        ),
    ]


def make_dataset(**overrides: Any) -> Doc:
    """A whole valid events document; overrides replace top-level keys."""
    base = {
        "film": make_film(),
        "locations": default_locations(),
        "people": [
            make_person(),
            make_person(id="cleo-moss", name="Cleo Moss", roles=["director"]),
        ],
        "characters": [make_character()],
        "events": [
            make_production(
                id="stone-cast",
                phase="casting",
                date="2021-01-10",
                date_text="on 10 January 2021",
                title="Ada Stone cast",
                summary="Ada Stone joins the cast.",
                people=["ada-stone"],
            ),
            make_production(locations=["stromness"], story_events=["storm-warning"]),
            make_story(characters=["morag"], locations=["stromness"]),
            make_story(id="the-rescue", order=2, title="The rescue", summary="Morag saves Tam."),
        ],
    }
    return _apply(base, overrides)


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _steps(path: str) -> list[str | int]:
    steps: list[str | int] = []
    for name, number in _STEP.findall(path):
        steps.append(int(number) if number else name)
    return steps


def with_change(doc: Doc, path: str, value: Any) -> Doc:
    """A deep copy of ``doc`` with the value at JSON ``path`` set (or removed, with DELETE).

    ``path`` is written as the loader reports it: ``events[1].date``, ``locations[2].parent``.
    """
    out = copy.deepcopy(doc)
    *parents, last = _steps(path)
    target: Any = out
    for step in parents:
        target = target[step]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return out


def to_bytes(doc: Doc) -> bytes:
    """The document as the UTF-8 JSON bytes of a file (NaN written as the bare ``NaN``)."""
    return json.dumps(doc).encode("utf-8")


def shown(index: DatasetIndex, ids: Iterable[str] | None = None) -> Selection:
    """The events ``ids`` of ``index`` as a selection (every event when ``ids`` is None)."""
    return everything(index) if ids is None else selection_of(index, ids)
