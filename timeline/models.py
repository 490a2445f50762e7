"""The events file as Pydantic models: strict, frozen, validated across records.

One document holds the film (with the sources it was built from), the places,
the real people, the fictional characters and the events. Events are a tagged
union on ``chronology``: ``story`` beats in narrative order, ``production``
events on real (often fuzzy) dates.

Links are stored once, on the production side: a production event lists the
story beats it concerns (for a filming event, the beats it filmed); the reverse
(where and when a beat was filmed) is derived in :mod:`timeline.index`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from timeline import dates

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120)]
# A reference to a record's id. Not pattern-checked: every reference is looked up
# among the ids (which are), and a regex on each of a million references costs seconds.
Ref = Annotated[str, Field(min_length=1, max_length=120)]
Text = Annotated[str, Field(min_length=1, max_length=300)]
LongText = Annotated[str, Field(min_length=1, max_length=5000)]

LocationKind = Literal[
    "country",
    "region",
    "city",
    "town",
    "village",
    "venue",
    "studio",
    "airport",
    "railway",
    "quarry",
    "bridge",
    "lake",
    "valley",
    "mountain",
    "park",
    "desert",
    "sea",
    "vessel",
    "building",
    "other",
]

# "history" is background the source tells that predates the film (a bridge built in
# 1912): not a stage of the making, so it is kept out of pre-production.
Phase = Literal[
    "history",
    "development",
    "casting",
    "pre-production",
    "filming",
    "post-production",
    "music",
    "marketing",
    "release",
    "home-media",
    "box-office",
    "reception",
    "awards",
    "politics",
    "sequel",
    "other",
]

PHASES: tuple[Phase, ...] = Phase.__args__  # type: ignore[attr-defined]
#: Phases that tell background rather than the making of the film: the date filter
#: opens on the making, and reaches back to these only when widened.
BACKGROUND_PHASES: tuple[Phase, ...] = ("history",)

MAX_RECORDS = 200_000
#: Longest milestone label: it is written on the chart, where space is short.
MILESTONE_MAX = 24

Unit = Literal["USD", "GBP", "percent", "rating", "count", "rank"]


class Strict(BaseModel):
    """Base for every record: unknown fields are errors and records never change.

    Empty lists use ``default_factory``: a literal ``[]`` default is deep-copied for
    every record, which costs seconds on a large file.

    Numbers are strict too (``"12"`` or ``true`` is not a latitude); dates stay lax
    so that ISO strings from JSON are read as dates.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


Url = Annotated[str, Field(pattern=r"^https?://[^\s<>]+$", max_length=2000)]


class Section(Strict):
    """A section of a source, cited by events through its ``id``."""

    id: Slug
    title: Text
    url: Url | None = None


class Source(Strict):
    """A document the dataset was built from, with its licence and sections."""

    id: Slug
    title: Text
    url: Url | None = None
    license: Text | None = None
    sections: Annotated[list[Section], Field(min_length=1)]


class Film(Strict):
    """The work the timeline is about."""

    title: Text
    year: Annotated[int, Field(strict=True, ge=1870, le=2200)]
    sources: Annotated[list[Source], Field(min_length=1)]


class Location(Strict):
    """A place, real or as a story setting; ``parent`` nests it (village → region → country)."""

    id: Slug
    name: Text
    lat: Annotated[float, Field(strict=True, ge=-90, le=90, allow_inf_nan=False)]
    lon: Annotated[float, Field(strict=True, ge=-180, le=180, allow_inf_nan=False)]
    kind: LocationKind
    parent: Ref | None = None


class Person(Strict):
    """A real person: cast, crew, executive or anyone else the source names."""

    id: Slug
    name: Text
    roles: list[Text] = Field(default_factory=list)


class Character(Strict):
    """A fictional character and the people who play or voice them."""

    id: Slug
    name: Text
    played_by: Annotated[list[Ref], Field(min_length=1)]
    description: LongText | None = None


class Measure(Strict):
    """A number worth charting (a gross, a score, a budget), typed rather than left in prose."""

    metric: Slug
    label: Text
    value: Annotated[float, Field(strict=True, allow_inf_nan=False)]
    unit: Unit
    out_of: Annotated[float, Field(strict=True, gt=0, allow_inf_nan=False)] | None = None
    basis: Text | None = None
    region: Text | None = None


class EventBase(Strict):
    """What every event has: a stable id, a title, a summary and the section it comes from."""

    id: Slug
    title: Text
    summary: LongText
    source: Ref
    locations: list[Ref] = Field(default_factory=list)


class StoryEvent(EventBase):
    """A plot beat, placed by its narrative ``order`` (1..N across the story)."""

    chronology: Literal["story"]
    order: Annotated[int, Field(strict=True, ge=1)]
    characters: list[Ref] = Field(default_factory=list)


class ProductionEvent(EventBase):
    """Something that happened in the making or life of the film, on an EDTF date."""

    chronology: Literal["production"]
    phase: Phase
    date: Annotated[
        str,
        Field(
            min_length=4,
            max_length=100,
            description=(
                "EDTF: a day 2019-01-14, month 2019-09, season 2021-22 or year 2019; an "
                "interval 2021-04/2021-06; a one-of range [2019-01..2021-07] or list "
                "[2021-22,2022-22]; separate periods {2021-22,2022-22}; open ends "
                "[..2020-07], [2020-07..], ../2020-07, 2020-07/.."
            ),
        ),
    ]
    date_text: Text
    people: list[Ref] = Field(default_factory=list)
    story_events: list[Ref] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    planned_date: dt.date | None = None
    tags: list[Text] = Field(default_factory=list)
    milestone: (
        Annotated[
            str,
            Field(
                min_length=1,
                max_length=MILESTONE_MAX,
                description=(
                    'A short label ("Filming begins") for one of the film\'s key '
                    "milestones: the production timeline writes it on the chart."
                ),
            ),
        ]
        | None
    ) = None

    @field_validator("date")
    @classmethod
    def _edtf(cls, value: str) -> str:
        try:
            dates.parse(value)
        except dates.DateError as exc:
            raise PydanticCustomError("edtf", str(exc)) from None
        return value


Event = Annotated[StoryEvent | ProductionEvent, Field(discriminator="chronology")]


Loc = tuple[str | int, ...]


class Problem(Exception):
    """A cross-record rule broken at ``loc`` (as Pydantic locates errors: ``("events", 3)``)."""

    def __init__(self, loc: Loc, message: str) -> None:
        super().__init__(message)
        self.loc = loc
        self.message = message


class Dataset(Strict):
    """A whole events file. Cross-record rules run after each record has validated."""

    film: Film
    # Caps far above any film, so a hostile file of a million records is refused early.
    locations: list[Location] = Field(default_factory=list, max_length=MAX_RECORDS)
    people: list[Person] = Field(default_factory=list, max_length=MAX_RECORDS)
    characters: list[Character] = Field(default_factory=list, max_length=MAX_RECORDS)
    events: list[Event] = Field(default_factory=list, max_length=MAX_RECORDS)

    @model_validator(mode="after")
    def _cross_records(self) -> Dataset:
        problems = cross_record_problems(self)
        if problems:
            raise ValidationError.from_exception_data(
                "Dataset",
                [
                    InitErrorDetails(
                        type=PydanticCustomError("reference", p.message),
                        loc=p.loc,
                        input=None,
                    )
                    for p in problems
                ],
            )
        return self


def cross_record_problems(ds: Dataset) -> list[Problem]:
    """Every broken reference, duplicate id and ordering rule in ``ds``, each located."""
    problems: list[Problem] = []
    for kind, records in (
        ("locations", ds.locations),
        ("people", ds.people),
        ("characters", ds.characters),
        ("events", ds.events),
    ):
        first: dict[str, int] = {}
        for i, rec in enumerate(records):
            if rec.id in first:
                problems.append(
                    Problem(
                        (kind, i, "id"),
                        f"duplicate id {rec.id!r} (first at {kind}[{first[rec.id]}])",
                    )
                )
            first.setdefault(rec.id, i)

    sections = {s.id for src in ds.film.sources for s in src.sections}
    locations = {loc.id for loc in ds.locations}
    people = {p.id for p in ds.people}
    characters = {c.id for c in ds.characters}
    story_ids = {e.id for e in ds.events if isinstance(e, StoryEvent)}

    def refs(loc: Loc, values: list[str], known: set[str], what: str) -> None:
        if known.issuperset(values):  # the usual case, checked in C
            return
        for i, value in enumerate(values):
            if value not in known:
                problems.append(Problem((*loc, i), f"unknown {what} {value!r}"))

    for i, place in enumerate(ds.locations):
        if place.parent is not None and place.parent not in locations:
            problems.append(
                Problem(("locations", i, "parent"), f"unknown location {place.parent!r}")
            )
    problems.extend(_parent_cycles(ds.locations))
    for i, ch in enumerate(ds.characters):
        refs(("characters", i, "played_by"), ch.played_by, people, "person")
    for i, ev in enumerate(ds.events):
        if ev.source not in sections:
            problems.append(Problem(("events", i, "source"), f"unknown section {ev.source!r}"))
        refs(("events", i, "locations"), ev.locations, locations, "location")
        if isinstance(ev, StoryEvent):
            refs(("events", i, "characters"), ev.characters, characters, "character")
        else:
            refs(("events", i, "people"), ev.people, people, "person")
            refs(("events", i, "story_events"), ev.story_events, story_ids, "story event")
    problems.extend(_order_problems(ds.events))
    return problems


def _parent_cycles(locations: list[Location]) -> list[Problem]:
    """Places that end up inside themselves; a place merely below a cycle is not one."""
    parent = {loc.id: loc.parent for loc in locations}
    problems = []
    for i, loc in enumerate(locations):
        seen = {loc.id}
        current = loc.parent
        while current is not None and current in parent and current not in seen:
            seen.add(current)
            current = parent[current]
        if current == loc.id:
            problems.append(
                Problem(("locations", i, "parent"), f"{loc.id!r} ends up inside itself (a cycle)")
            )
    return problems


def _order_problems(events: list[StoryEvent | ProductionEvent]) -> list[Problem]:
    story = [(i, e) for i, e in enumerate(events) if isinstance(e, StoryEvent)]
    problems = []
    first_at: dict[int, int] = {}
    for i, ev in story:
        if ev.order in first_at:
            problems.append(
                Problem(
                    ("events", i, "order"),
                    f"order {ev.order} is already used by events[{first_at[ev.order]}]",
                )
            )
        first_at.setdefault(ev.order, i)
    for i, ev in story:
        if ev.order > len(story):
            problems.append(
                Problem(
                    ("events", i, "order"),
                    f"order {ev.order} leaves a gap: story orders must run 1..{len(story)}",
                )
            )
    return problems
