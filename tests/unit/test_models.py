"""The events schema, rule by rule: one change to a valid document, one located problem.

Each case changes exactly one value of :func:`tests.builders.make_dataset` (see its
docstring for what sits at which index) and checks the JSON path and the reason the
loader gives.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.builders import (
    DELETE,
    make_dataset,
    make_measure,
    make_production,
    make_story,
    to_bytes,
    with_change,
)
from timeline.loading import DatasetError, Issue, load_bytes
from timeline.models import Dataset, ProductionEvent, StoryEvent


def problems(document: dict[str, Any]) -> list[Issue]:
    """The issues the loader reports for ``document`` (fails the test if it loads)."""
    with pytest.raises(DatasetError) as caught:
        load_bytes(to_bytes(document), "test.json")
    return caught.value.issues


def test_default_builder_dataset_is_valid() -> None:
    ds = load_bytes(to_bytes(make_dataset()), "test.json")
    assert [type(e) for e in ds.events] == [
        ProductionEvent,
        ProductionEvent,
        StoryEvent,
        StoryEvent,
    ]


@pytest.mark.parametrize(
    "record",
    [
        pytest.param(make_story(), id="story"),
        pytest.param(make_production(), id="production"),
        pytest.param(make_production(measures=[make_measure()]), id="production-with-measure"),
    ],
)
def test_each_builder_event_is_valid_on_its_own(record: dict[str, Any]) -> None:
    ds = load_bytes(to_bytes(make_dataset(events=[record])), "test.json")
    assert ds.events[0].id == record["id"]


RULES = [
    # (change at, new value, expected issue path, phrase of the message)
    pytest.param(
        "events[1].date", "2021-13", "events[1].date", "not a valid EDTF date", id="bad-date"
    ),
    pytest.param(
        "events[1].date",
        "2021-06/2021-04",
        "events[1].date",
        "ends before it starts",
        id="reversed-interval",
    ),
    pytest.param(
        "events[1].date", DELETE, "events[1].date", "required field is missing", id="no-date"
    ),
    pytest.param(
        "events[0].people[0]",
        "nobody",
        "events[0].people[0]",
        "unknown person 'nobody'",
        id="unknown-person-on-event",
    ),
    pytest.param(
        "locations[2].parent",
        "atlantis",
        "locations[2].parent",
        "unknown location 'atlantis'",
        id="unknown-parent",
    ),
    pytest.param(
        "characters[0].played_by[0]",
        "nobody",
        "characters[0].played_by[0]",
        "unknown person 'nobody'",
        id="unknown-actor",
    ),
    pytest.param(
        "characters[0].played_by",
        [],
        "characters[0].played_by",
        "at least 1 item",
        id="character-played-by-no-one",
    ),
    pytest.param(
        "events[1].id",
        "stone-cast",
        "events[1].id",
        "duplicate id 'stone-cast' (first at events[0])",
        id="duplicate-event-id",
    ),
    pytest.param(
        "people[1].id",
        "ada-stone",
        "people[1].id",
        "duplicate id 'ada-stone' (first at people[0])",
        id="duplicate-person-id",
    ),
    pytest.param("events[3].order", 3, "events[3].order", "leaves a gap", id="story-order-gap"),
    pytest.param(
        "events[3].order",
        1,
        "events[3].order",
        "order 1 is already used by events[2]",
        id="story-order-duplicate",
    ),
    pytest.param(
        "events[2].order", 0, "events[2].order", "greater than or equal to 1", id="order-zero"
    ),
    pytest.param(
        "events[1].story_events[0]",
        "no-such-beat",
        "events[1].story_events[0]",
        "unknown story event 'no-such-beat'",
        id="unknown-story-event",
    ),
    pytest.param(
        "events[1].story_events[0]",
        "stone-cast",
        "events[1].story_events[0]",
        "unknown story event 'stone-cast'",
        id="story-event-is-a-production-event",
    ),
    pytest.param(
        "events[0].source",
        "trivia",
        "events[0].source",
        "unknown section 'trivia'",
        id="unknown-section",
    ),
    pytest.param(
        "events[2].locations[0]",
        "atlantis",
        "events[2].locations[0]",
        "unknown location 'atlantis'",
        id="unknown-location-on-event",
    ),
    pytest.param(
        "events[2].characters[0]",
        "tam",
        "events[2].characters[0]",
        "unknown character 'tam'",
        id="unknown-character",
    ),
    pytest.param(
        "events[0].budget", 1, "events[0].budget", "unknown field", id="unknown-field-on-event"
    ),
    pytest.param(
        "locations[1].population",
        5,
        "locations[1].population",
        "unknown field",
        id="unknown-field-on-location",
    ),
    pytest.param("notes", "hi", "notes", "unknown field", id="unknown-top-level-field"),
    pytest.param(
        "events[2].title", DELETE, "events[2].title", "required field is missing", id="no-title"
    ),
    pytest.param("film", DELETE, "film", "required field is missing", id="no-film"),
    pytest.param(
        "events[2].title", "", "events[2].title", "at least 1 character", id="empty-title"
    ),
    pytest.param(
        "events[2].summary", "", "events[2].summary", "at least 1 character", id="empty-summary"
    ),
    pytest.param(
        "locations[0].lat", 91, "locations[0].lat", "less than or equal to 90", id="lat-91"
    ),
    pytest.param(
        "locations[0].lat", -91, "locations[0].lat", "greater than or equal to -90", id="lat--91"
    ),
    pytest.param(
        "locations[0].lon",
        -181,
        "locations[0].lon",
        "greater than or equal to -180",
        id="lon--181",
    ),
    pytest.param(
        "locations[0].lon", 181, "locations[0].lon", "less than or equal to 180", id="lon-181"
    ),
    pytest.param(
        "locations[0].kind", "planet", "locations[0].kind", "Input should be", id="unknown-kind"
    ),
    pytest.param(
        "events[0].chronology",
        "trivia",
        "events[0]",
        "does not match any of the expected tags",
        id="wrong-chronology-tag",
    ),
    pytest.param(
        "events[0].chronology",
        DELETE,
        "events[0]",
        "Unable to extract tag using discriminator 'chronology'",
        id="no-chronology-tag",
    ),
    pytest.param(
        "events[2].phase", "filming", "events[2].phase", "unknown field", id="phase-on-a-story-beat"
    ),
    pytest.param(
        "events[0].phase", "catering", "events[0].phase", "Input should be", id="unknown-phase"
    ),
    pytest.param(
        "events[3].id", "The Rescue", "events[3].id", "should match pattern", id="id-not-a-slug"
    ),
    pytest.param(
        "film.year", 1800, "film.year", "greater than or equal to 1870", id="film-year-too-early"
    ),
    pytest.param("film.sources", [], "film.sources", "at least 1 item", id="film-without-sources"),
    pytest.param(
        "film.sources[0].sections[0].url",
        "ftp://example.org",
        "film.sources[0].sections[0].url",
        "should match pattern",
        id="section-url-not-http",
    ),
    pytest.param(
        "film.sources[0].url",
        "https://example.org/a film",
        "film.sources[0].url",
        "should match pattern",
        id="source-url-with-a-space",
    ),
    pytest.param(
        "events[1].date", "201", "events[1].date", "at least 4 characters", id="date-too-short"
    ),
    pytest.param(
        "events[0].tags", [""], "events[0].tags[0]", "at least 1 character", id="empty-tag"
    ),
    pytest.param(
        "events[1].planned_date",
        "2021-13-01",
        "events[1].planned_date",
        "valid date",
        id="bad-planned-date",
    ),
    pytest.param(
        "events[0].measures",
        [make_measure(unit="rating", out_of=0)],
        "events[0].measures[0].out_of",
        "greater than 0",
        id="measure-out-of-zero",
    ),
    pytest.param(
        "events[0].measures",
        [make_measure(unit="EUR")],
        "events[0].measures[0].unit",
        "Input should be",
        id="measure-unknown-unit",
    ),
]


@pytest.mark.parametrize(("where", "value", "path", "phrase"), RULES)
def test_one_broken_rule_gives_one_located_problem(
    where: str, value: Any, path: str, phrase: str
) -> None:
    found = problems(with_change(make_dataset(), where, value))
    assert [issue.path for issue in found] == [path]
    assert phrase in found[0].message


@pytest.mark.parametrize(
    ("where", "value"),
    [
        pytest.param("locations[0].lat", "56.49", id="lat-as-string"),
        pytest.param("locations[0].lat", True, id="lat-as-boolean"),
        pytest.param("events[2].order", "1", id="order-as-string"),
    ],
)
def test_values_of_the_wrong_json_type_are_rejected(where: str, value: Any) -> None:
    # The models are documented as strict and the published JSON Schema (``python -m
    # timeline schema``) types these as number/integer: a string or boolean must not pass.
    found = problems(with_change(make_dataset(), where, value))
    assert [issue.path for issue in found] == [where]


def test_a_parent_cycle_is_reported_on_each_place_in_it() -> None:
    # scotland → stromness → orkney → scotland
    found = problems(with_change(make_dataset(), "locations[0].parent", "stromness"))
    assert [issue.path for issue in found] == [
        "locations[0].parent",
        "locations[1].parent",
        "locations[2].parent",
    ]
    assert all("cycle" in issue.message for issue in found)


def test_a_place_below_a_cycle_is_not_said_to_be_inside_itself() -> None:
    # scotland ↔ orkney form the cycle; stromness (parent orkney) only hangs below it.
    found = problems(with_change(make_dataset(), "locations[0].parent", "orkney"))
    assert [issue.path for issue in found] == ["locations[0].parent", "locations[1].parent"]


def test_a_place_that_is_its_own_parent_is_a_cycle() -> None:
    found = problems(with_change(make_dataset(), "locations[2].parent", "stromness"))
    assert [issue.path for issue in found] == ["locations[2].parent"]
    assert "cycle" in found[0].message


def test_every_field_problem_is_reported_in_document_order() -> None:
    document = with_change(make_dataset(), "events[3].title", "")
    document = with_change(document, "locations[0].lat", 91)
    document = with_change(document, "events[1].date", "2021-13")
    found = problems(document)
    assert [issue.path for issue in found] == [
        "locations[0].lat",
        "events[1].date",
        "events[3].title",
    ]


def test_every_cross_record_problem_is_reported_in_document_order() -> None:
    document = with_change(make_dataset(), "events[3].order", 7)
    document = with_change(document, "events[0].people[0]", "nobody")
    document = with_change(document, "locations[2].parent", "atlantis")
    found = problems(document)
    assert [issue.path for issue in found] == [
        "locations[2].parent",
        "events[0].people[0]",
        "events[3].order",
    ]


def test_cross_record_rules_wait_until_every_record_is_valid() -> None:
    # Documented on Dataset: references are checked only once each record has validated.
    document = with_change(make_dataset(), "events[0].people[0]", "nobody")
    document = with_change(document, "locations[0].lat", 91)
    assert [issue.path for issue in problems(document)] == ["locations[0].lat"]


def test_the_message_quotes_the_bad_value_cut_short() -> None:
    found = problems(with_change(make_dataset(), "events[2].title", "x" * 400))
    assert found[0].message.endswith(f"(found '{'x' * 56}...)")


def test_reference_problems_do_not_repeat_the_input() -> None:
    found = problems(with_change(make_dataset(), "events[0].people[0]", "nobody"))
    assert found[0].message == "unknown person 'nobody'"


@pytest.mark.parametrize("records", ["locations", "people", "characters", "events"])
def test_records_are_frozen(records: str) -> None:
    ds = load_bytes(to_bytes(make_dataset()), "test.json")
    record = getattr(ds, records)[0]
    with pytest.raises(ValueError, match="frozen"):
        record.id = "changed"


def test_schema_names_both_event_kinds() -> None:
    schema = Dataset.model_json_schema()
    assert {"StoryEvent", "ProductionEvent", "Location", "Measure"} <= set(schema["$defs"])
