"""Property tests with hostile generators (hypothesis, derandomized, modest example counts).

What ``tests/unit`` already covers is not repeated here: its date properties draw valid
fast-path forms in 1900-2100, and its filter laws run on the fixed island dataset with
known labels. These go wider:

* dates: *any* text (and EDTF-shaped text, valid or not, years 1-9999, every month,
  day, season and qualifier) only ever raises ``DateError``; when it parses, the fuzzy
  bounds contain the strict ones and the fast path agrees with the ``edtf`` reference
  on acceptance and on all four bounds;
* filters: on generated datasets (random place trees, casts, links, unicode text) with
  filter values that are partly junk: the result is a duplicate-free subset of the
  events, filtering it again changes nothing, the order of values does not matter, and
  a text search only ever narrows;
* JSON round trip: a generated dataset → ``model_dump(mode="json")`` → ``load_bytes``
  is equal to itself, and the app's export of any filtered view loads back with
  exactly the events shown.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.builders import make_dataset, make_film, make_measure, make_production, make_story
from timeline import dates
from timeline.export import export_json
from timeline.filters import Filters, filter_events, hidden_by_shield
from timeline.index import DatasetIndex, build_index
from timeline.loading import load_bytes
from timeline.models import PHASES, Dataset, StoryEvent

BASE = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def examples(count: int) -> settings:
    """Derandomized settings with ``count`` examples."""
    return settings(BASE, max_examples=count)


FILTER_FIELDS = {f.name for f in dataclasses.fields(Filters)}

# --- text --------------------------------------------------------------------------------

# Any character a JSON file can carry in a string (lone surrogates cannot be UTF-8).
ANY_CHAR = st.characters(exclude_categories=("Cs",))
HOSTILE_TEXT = st.one_of(
    st.text(ANY_CHAR, min_size=1, max_size=30),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "**bold** [x](javascript:alert(1)) :red[x] $x$",
            "\u202eevil\u202c",
            "\x00",
            "🎬" * 20,
            " ",
            "a\nb",
        ]
    ),
)

# --- dates -------------------------------------------------------------------------------


@st.composite
def edtf_part(draw: st.DrawFn) -> str:
    """A year, year-month or day, with any month (00-99) or day (00-39), maybe unspecified."""
    year = draw(st.one_of(st.integers(1, 9999), st.integers(1900, 2100)))
    kind = draw(st.sampled_from(["year", "month", "day", "x-day", "x-month"]))
    if kind == "year":
        return f"{year:04d}"
    month = draw(st.one_of(st.integers(0, 99), st.integers(1, 12), st.integers(21, 41)))
    if kind == "x-month":
        return f"{year:04d}-XX"
    if kind == "month":
        return f"{year:04d}-{month:02d}"
    if kind == "x-day":
        return f"{year:04d}-{month:02d}-XX"
    return f"{year:04d}-{month:02d}-{draw(st.integers(0, 39)):02d}"


@st.composite
def edtf_text(draw: st.DrawFn) -> str:
    """EDTF-shaped strings: single dates, intervals and one-of ranges, maybe qualified."""
    qualifier = draw(st.sampled_from(["", "", "~", "?", "%"]))
    form = draw(st.sampled_from(["single", "interval", "one-of", "junk"]))
    if form == "single":
        return draw(edtf_part()) + qualifier
    if form == "interval":
        return f"{draw(edtf_part())}{qualifier}/{draw(edtf_part())}"
    if form == "one-of":
        return f"[{draw(edtf_part())}..{draw(edtf_part())}]"
    return draw(st.text(st.sampled_from("0123456789-/~?%X.[]{},^ "), min_size=1, max_size=14))


def _bounds(value: dates.FuzzyDate) -> tuple[date, date, date, date]:
    return (value.earliest, value.latest, value.fuzzy_earliest, value.fuzzy_latest)


@examples(300)
@given(st.text(ANY_CHAR, max_size=40))
def test_any_text_parses_or_raises_date_error(text: str) -> None:
    try:
        parsed = dates.parse(text)
    except dates.DateError:
        return
    assert parsed.fuzzy_earliest <= parsed.earliest <= parsed.latest <= parsed.fuzzy_latest


@examples(200)
@given(edtf_text())
def test_edtf_shaped_text_fuzzy_contains_strict_and_agrees_with_the_reference(
    text: str,
) -> None:
    try:
        parsed = dates.parse(text)
    except dates.DateError:
        parsed = None
    try:
        reference = dates.parse_with_edtf(text)
    except dates.DateError:
        reference = None
    if parsed is not None and reference is None and dates.beyond_reference(parsed):
        return  # an open end or a season in a set: read here, refused by the reference
    assert (parsed is None) == (reference is None), (text, parsed, reference)
    if parsed is None or reference is None:
        return
    assert parsed.fuzzy_earliest <= parsed.earliest <= parsed.latest <= parsed.fuzzy_latest
    assert _bounds(parsed) == _bounds(reference)
    assert parsed.label


# --- datasets ----------------------------------------------------------------------------

VALID_DATES = st.one_of(
    st.dates(date(1895, 1, 1), date(2199, 12, 31)).map(date.isoformat),
    st.integers(1895, 2199).map(str),
    st.tuples(st.integers(1895, 2199), st.integers(1, 12)).map(lambda ym: f"{ym[0]}-{ym[1]:02d}"),
    st.tuples(st.integers(1895, 2199), st.sampled_from([21, 22, 23, 24, 33, 36, 40, 41])).map(
        lambda ys: f"{ys[0]}-{ys[1]}"
    ),
    st.lists(st.dates(date(1990, 1, 1), date(2030, 12, 31)), min_size=2, max_size=2)
    .map(sorted)
    .map(lambda ds: f"{ds[0].isoformat()}/{ds[1].isoformat()}"),
    st.sampled_from(["2021-04/2021-06", "[2019-05..2019-07]", "2019-09~", "2020?"]),
)


def _unique(names: list[str]) -> list[str]:
    """Distinct names (labels must not collide), each still hostile."""
    return [f"{name} #{i}" for i, name in enumerate(names)]


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid events document: random place tree, cast, beats, production, links, text."""
    n_places = draw(st.integers(0, 6))
    names = _unique(draw(st.lists(HOSTILE_TEXT, min_size=n_places, max_size=n_places)))
    places = []
    for i, name in enumerate(names):
        place: dict[str, Any] = {
            "id": f"place-{i}",
            "name": name[:300],
            "lat": draw(st.floats(-90, 90)),
            "lon": draw(st.floats(-180, 180)),
            "kind": draw(st.sampled_from(["country", "region", "city", "sea", "other"])),
        }
        if i and draw(st.booleans()):
            place["parent"] = f"place-{draw(st.integers(0, i - 1))}"  # a forest: no cycles
        places.append(place)
    place_ids = [p["id"] for p in places]
    n_people = draw(st.integers(0, 4))
    people = [
        {"id": f"person-{i}", "name": name[:300], "roles": draw(st.lists(HOSTILE_TEXT, max_size=2))}
        for i, name in enumerate(
            _unique(draw(st.lists(HOSTILE_TEXT, min_size=n_people, max_size=n_people)))
        )
    ]
    person_ids = [p["id"] for p in people]
    characters = []
    if person_ids:
        n_chars = draw(st.integers(0, 3))
        for i, name in enumerate(
            _unique(draw(st.lists(HOSTILE_TEXT, min_size=n_chars, max_size=n_chars)))
        ):
            played = draw(
                st.lists(st.sampled_from(person_ids), min_size=1, max_size=2, unique=True)
            )
            characters.append({"id": f"char-{i}", "name": name[:300], "played_by": played})
    char_ids = [c["id"] for c in characters]

    def some(ids: list[str]) -> list[str]:
        return draw(st.lists(st.sampled_from(ids), unique=True, max_size=3)) if ids else []

    n_story = draw(st.integers(0, 6))
    orders = draw(st.permutations(list(range(1, n_story + 1))))
    story = [
        make_story(
            id=f"beat-{i}",
            order=orders[i],
            title=draw(HOSTILE_TEXT)[:300],
            summary=draw(HOSTILE_TEXT),
            characters=some(char_ids),
            locations=some(place_ids),
        )
        for i in range(n_story)
    ]
    story_ids = [e["id"] for e in story]
    production = []
    for i in range(draw(st.integers(0, 6))):
        event = make_production(
            id=f"event-{i}",
            phase=draw(st.sampled_from(PHASES)),
            date=draw(VALID_DATES),
            date_text=draw(HOSTILE_TEXT)[:300],
            title=draw(HOSTILE_TEXT)[:300],
            summary=draw(HOSTILE_TEXT),
            people=some(person_ids),
            locations=some(place_ids),
            story_events=some(story_ids),
        )
        if draw(st.booleans()):
            event["measures"] = [
                make_measure(
                    label=draw(HOSTILE_TEXT)[:300],
                    value=draw(st.floats(allow_nan=False, allow_infinity=False)),
                )
            ]
        if draw(st.booleans()):
            event["tags"] = draw(st.lists(HOSTILE_TEXT.map(lambda t: t[:300]), max_size=2))
        production.append(event)
    events = draw(st.permutations(story + production))
    film = make_film(title=draw(HOSTILE_TEXT)[:300], year=draw(st.integers(1870, 2200)))
    return make_dataset(
        film=film, locations=places, people=people, characters=characters, events=events
    )


def _load(document: dict[str, Any], *, ascii_only: bool = True) -> Dataset:
    data = json.dumps(document, ensure_ascii=ascii_only).encode("utf-8")
    return load_bytes(data, "generated.json", max_bytes=None)


@examples(60)
@given(documents(), st.booleans())
def test_json_round_trip_gives_the_same_dataset(document: dict[str, Any], ascii_only: bool) -> None:
    dataset = _load(document)
    dumped = dataset.model_dump(mode="json")
    assert _load(dumped, ascii_only=ascii_only) == dataset


# --- filters -----------------------------------------------------------------------------


@st.composite
def filters_for(draw: st.DrawFn, index: DatasetIndex) -> Filters:
    """Filters mixing the dataset's own values with junk ones."""
    junk = st.one_of(HOSTILE_TEXT, st.sampled_from(["", "atlantis", "Nobody", "beat-0 "]))
    locations = list(index.location_names) + draw(st.lists(junk, max_size=2))
    who = list(index.who_labels) + draw(st.lists(junk, max_size=2))
    titles = [e.title for e in index.events.values()]
    text_pool = [t[: len(t) // 2] for t in titles] + ["", "the", "#", "\x00"]

    def pick(pool: list[str]) -> tuple[str, ...]:
        if not pool:
            return ()
        return tuple(draw(st.lists(st.sampled_from(pool), unique=True, max_size=3)))

    values: dict[str, Any] = {
        "view": draw(st.sampled_from(["story", "production", "both"])),
        "locations": pick(locations),
        "who": pick(who),
        "phases": pick(list(PHASES)),
        "span": draw(
            st.none()
            | st.lists(st.dates(date(1890, 1, 1), date(2210, 1, 1)), min_size=2, max_size=2)
            .map(sorted)
            .map(tuple)
        ),
        "text": draw(st.one_of(st.sampled_from(text_pool), junk)),
    }
    if "until" in FILTER_FIELDS:
        values["until"] = draw(st.none() | st.integers(1, max(1, len(index.story))))
    return Filters(**values)


def _restricted(index: DatasetIndex, ids: tuple[str, ...]) -> DatasetIndex:
    keep = set(ids)
    events = [e for e in index.dataset.events if e.id in keep]
    return build_index(index.dataset.model_copy(update={"events": events}))


@examples(80)
@given(documents(), st.data())
def test_filter_laws_on_generated_datasets(document: dict[str, Any], data: st.DataObject) -> None:
    index = build_index(_load(document))
    filters = data.draw(filters_for(index))
    ids = filter_events(index, filters)
    # A subset of the events, each once.
    assert set(ids) <= set(index.events)
    assert len(set(ids)) == len(ids)
    # Idempotent: filtering the result again changes nothing.
    assert filter_events(_restricted(index, ids), filters) == ids
    # The order of the values inside each constraint does not matter.
    shuffled = dataclasses.replace(
        filters,
        locations=tuple(data.draw(st.permutations(filters.locations))),
        who=tuple(data.draw(st.permutations(filters.who))),
        phases=tuple(data.draw(st.permutations(filters.phases))),
    )
    assert filter_events(index, shuffled) == ids
    # A text search only ever narrows.
    assert set(ids) <= set(filter_events(index, dataclasses.replace(filters, text="")))


def _plain_filter(index: DatasetIndex, filters: Filters) -> tuple[str, ...]:
    """The filters' rules read plainly, one event at a time (the app uses NumPy columns)."""
    places: set[str] = set()
    for loc in filters.locations:
        places |= index.location_within.get(loc, frozenset())
    characters: set[str] = set()
    people: set[str] = set()
    for label in filters.who:
        chars, persons = index.who_labels.get(label, (frozenset(), frozenset()))
        characters |= chars
        people |= persons
    needle = filters.text.strip().casefold()
    hidden = hidden_by_shield(index, filters.until)

    def shown(ev: Any, linked: tuple[str, ...]) -> bool:
        return (
            ev.id not in hidden
            and not (filters.locations and places.isdisjoint(ev.locations))
            and not (filters.who and (characters | people).isdisjoint(linked))
            and needle in f"{ev.title}\n{ev.summary}".casefold()
        )

    out = []
    if filters.view != "production":
        out += [b.id for b in index.story if shown(b, b.characters)]
    if filters.view != "story":
        for ev in index.production:
            when = index.dates[ev.id]
            if filters.phases and ev.phase not in filters.phases:
                continue
            if filters.span and (when.latest < filters.span[0] or when.earliest > filters.span[1]):
                continue
            if shown(ev, ev.people):
                out.append(ev.id)
    return tuple(out)


@examples(80)
@given(documents(), st.data())
def test_the_filters_agree_with_their_plain_reading(
    document: dict[str, Any], data: st.DataObject
) -> None:
    index = build_index(_load(document))
    filters = data.draw(filters_for(index))
    assert filter_events(index, filters) == _plain_filter(index, filters)


@examples(40)
@given(documents(), st.data())
def test_the_export_of_any_view_loads_back_with_exactly_its_events(
    document: dict[str, Any], data: st.DataObject
) -> None:
    index = build_index(_load(document))
    ids = filter_events(index, data.draw(filters_for(index)))
    exported = load_bytes(export_json(index, ids), "export.json", max_bytes=None)
    assert sorted(e.id for e in exported.events) == sorted(ids)
    orders = sorted(e.order for e in exported.events if isinstance(e, StoryEvent))
    assert orders == list(range(1, len(orders) + 1))
