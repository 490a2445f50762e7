"""Checks on the shipped events file, data/events.json (Dead Reckoning Part One).

The file is hand-built from the film's Wikipedia article; these tests pin down what the
timeline explorer relies on: it validates, it cites the article's sections, the story runs
1..N, every place and character is wired up, and the headline facts are present.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from timeline import dates
from timeline.models import Dataset, Location, ProductionEvent, StoryEvent

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "events.json"
# The article the data was built from; present beside the repo when shared/ is (skip if not).
ARTICLE = ROOT.parent / "shared" / "source" / "dead-reckoning-part-one.txt"
ARTICLE_URL = "https://en.wikipedia.org/wiki/Mission:_Impossible_%E2%80%93_Dead_Reckoning_Part_One"

# (section id, heading as in the article, Wikipedia anchor); the lead has no heading.
EXPECTED_SECTIONS = [
    ("lead", "Lead", None),
    ("plot", "Plot", "Plot"),
    ("cast", "Cast", "Cast"),
    (
        "development-and-pre-production",
        "Development and pre-production",
        "Development_and_pre-production",
    ),
    ("filming", "Filming", "Filming"),
    ("polish-bridge-controversy", "Polish bridge controversy", "Polish_bridge_controversy"),
    ("post-production", "Post-production", "Post-production"),
    ("music", "Music", "Music"),
    ("marketing", "Marketing", "Marketing"),
    ("release", "Release", "Release"),
    ("home-media", "Home media", "Home_media"),
    ("box-office", "Box office", "Box_office"),
    ("critical-response", "Critical response", "Critical_response"),
    ("accolades", "Accolades", "Accolades"),
    ("political-impact", "Political impact", "Political_impact"),
    ("sequel", "Sequel", "Sequel"),
]
# Headings in the article that carry no text of their own (containers) or no content.
NON_CONTENT_HEADINGS = {"Production", "Reception", "Notes", "References", "External links"}

TRAIN_BEATS = [
    "gabriel-sabotages-the-train",
    "denlinger-meets-gabriel",
    "gabriel-kills-denlinger",
    "grace-deals-with-kittridge",
    "ethan-parachutes-onto-the-train",
    "fight-atop-the-train",
    "gabriel-blows-up-the-bridge",
    "runaway-locomotive-detached",
    "climb-through-falling-cars",
]

# The phases the shipped data uses; each must have at least one event.
EXPECTED_PHASES = [
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
]

PLANNED_RELEASE_DATES = ["2021-07-23", "2021-11-19", "2022-05-27", "2022-09-30", "2023-07-14"]
PLANNED_RELEASE_DATES += ["2023-07-12"]


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return Dataset.model_validate_json(DATA.read_text(encoding="utf-8"))


def story(ds: Dataset) -> list[StoryEvent]:
    return [e for e in ds.events if isinstance(e, StoryEvent)]


def production(ds: Dataset) -> list[ProductionEvent]:
    return [e for e in ds.events if isinstance(e, ProductionEvent)]


def ancestors_or_self(ds: Dataset, location_id: str) -> list[str]:
    by_id: dict[str, Location] = {loc.id: loc for loc in ds.locations}
    chain = []
    current: str | None = location_id
    while current is not None:
        chain.append(current)
        current = by_id[current].parent
    return chain


def test_file_validates(ds: Dataset) -> None:
    assert ds.film.title == "Mission: Impossible \u2013 Dead Reckoning Part One"
    assert ds.film.year == 2023


def test_sections_match_the_article(ds: Dataset) -> None:
    (source,) = ds.film.sources
    assert source.url == ARTICLE_URL
    assert source.license == "CC BY-SA 4.0"
    got = [(s.id, s.title, s.url) for s in source.sections]
    want = [
        (sid, title, ARTICLE_URL if anchor is None else f"{ARTICLE_URL}#{anchor}")
        for sid, title, anchor in EXPECTED_SECTIONS
    ]
    assert got == want


def test_section_titles_are_the_article_headings() -> None:
    if not ARTICLE.exists():
        pytest.skip(f"article not available at {ARTICLE}")
    text = ARTICLE.read_text(encoding="utf-8")
    headings = [h.strip() for h in re.findall(r"^=+\s*(.+?)\s*=+\s*$", text, flags=re.M)]
    content = [h for h in headings if h not in NON_CONTENT_HEADINGS]
    assert content == [title for _, title, _ in EXPECTED_SECTIONS[1:]]


def test_every_event_cites_a_section(ds: Dataset) -> None:
    sections = {sid for sid, _, _ in EXPECTED_SECTIONS}
    assert {e.source for e in ds.events} <= sections
    assert {e.source for e in story(ds)} == {"plot"}


def test_story_orders_run_one_to_n(ds: Dataset) -> None:
    orders = sorted(e.order for e in story(ds))
    assert 20 <= len(orders) <= 30
    assert orders == list(range(1, len(orders) + 1))


def test_production_event_count(ds: Dataset) -> None:
    assert 70 <= len(production(ds)) <= 100


def test_locations_have_finite_coordinates(ds: Dataset) -> None:
    for loc in ds.locations:
        assert math.isfinite(loc.lat) and -90 <= loc.lat <= 90, loc.id
        assert math.isfinite(loc.lon) and -180 <= loc.lon <= 180, loc.id


def test_every_location_is_used_or_contains_a_used_one(ds: Dataset) -> None:
    covered: set[str] = set()
    for event in ds.events:
        for location_id in event.locations:
            covered.update(ancestors_or_self(ds, location_id))
    unused = [loc.id for loc in ds.locations if loc.id not in covered]
    assert unused == []


def test_every_character_is_played_by_a_listed_person(ds: Dataset) -> None:
    people = {p.id for p in ds.people}
    for character in ds.characters:
        assert character.played_by, character.id
        assert set(character.played_by) <= people, character.id


@pytest.mark.parametrize(
    ("what", "names"),
    [
        ("locations", lambda ds: [loc.name for loc in ds.locations]),
        (
            "characters and people",
            lambda ds: [c.name for c in ds.characters] + [p.name for p in ds.people],
        ),
    ],
)
def test_display_names_are_unique(ds: Dataset, what: str, names) -> None:
    values = names(ds)
    duplicates = sorted({n for n in values if values.count(n) > 1})
    assert duplicates == [], what


def test_every_production_date_parses(ds: Dataset) -> None:
    for event in production(ds):
        parsed = dates.parse(event.date)
        assert parsed.earliest <= parsed.latest, event.id


def test_the_phases_used_are_the_expected_ones(ds: Dataset) -> None:
    assert {e.phase for e in production(ds)} == set(EXPECTED_PHASES)


@pytest.mark.parametrize("phase", EXPECTED_PHASES)
def test_each_phase_has_an_event(ds: Dataset, phase: str) -> None:
    assert any(e.phase == phase for e in production(ds))


@pytest.mark.parametrize("beat", TRAIN_BEATS)
def test_train_beats_are_set_in_the_austrian_alps(ds: Dataset, beat: str) -> None:
    (event,) = [e for e in story(ds) if e.id == beat]
    places = {a for loc in event.locations for a in ancestors_or_self(ds, loc)}
    assert "austrian-alps" in places


def test_train_beats_are_linked_to_filming_in_north_yorkshire(ds: Dataset) -> None:
    linked = [
        e
        for e in production(ds)
        if e.phase == "filming"
        and set(e.story_events) & set(TRAIN_BEATS)
        and any("north-yorkshire" in ancestors_or_self(ds, loc) for loc in e.locations)
    ]
    assert linked


@pytest.mark.parametrize("planned", PLANNED_RELEASE_DATES)
def test_announced_release_dates_are_present(ds: Dataset, planned: str) -> None:
    release_dates = {
        e.planned_date.isoformat()
        for e in production(ds)
        if e.phase == "release" and e.planned_date is not None
    }
    assert planned in release_dates
