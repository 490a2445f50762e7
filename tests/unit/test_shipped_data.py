"""Checks on the shipped events file, data/events.json (Dead Reckoning Part One).

The file is hand-built from the film's Wikipedia article; these tests pin down what the
timeline explorer relies on: it validates, it cites the article's sections, the story runs
1..N, every place and character is wired up, and the headline facts are present.
"""

from __future__ import annotations

import calendar
import math
import re
from pathlib import Path

import pytest

from timeline import dates
from timeline.index import build_index
from timeline.models import Dataset, Location, ProductionEvent, StoryEvent
from timeline.months import events_in_month
from timeline.selection import everything

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "events.json"
# The article the data was built from (a copy, so the tests need nothing outside the repo).
ARTICLE = ROOT / "tests" / "fixtures" / "dead-reckoning-part-one.txt"
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
    assert 70 <= len(production(ds)) <= 110


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


# --- what the article says, and no more (issue 15) -----------------------------------------
# Each check below reads the article and fails if a claim it does not make comes back.


@pytest.fixture(scope="module")
def article() -> str:
    return ARTICLE.read_text(encoding="utf-8")


def section_of(article: str, heading: str) -> str:
    """The text under one ``== heading ==`` of the article, up to the next heading."""
    found = re.search(rf"^=+ {re.escape(heading)} =+$(.*?)(?=^=+ |\Z)", article, re.M | re.S)
    assert found, heading
    return found.group(1)


def event(ds: Dataset, event_id: str) -> StoryEvent | ProductionEvent:
    (found,) = [e for e in ds.events if e.id == event_id]
    return found


def texts(ds: Dataset) -> str:
    """Every title, summary and date_text in the file, one per line."""
    return "\n".join(f"{e.title}\n{e.summary}\n{getattr(e, 'date_text', '')}" for e in ds.events)


MONTH_NUMBERS = {name: n for n, name in enumerate(calendar.month_name) if name}


def days_in(article: str) -> set[str]:
    """Every exact day the article writes out ("December 19, 2022"), as ISO dates."""
    pattern = rf"({'|'.join(MONTH_NUMBERS)}) (\d{{1,2}}), (\d{{4}})"
    return {
        f"{year}-{MONTH_NUMBERS[month]:02d}-{int(day):02d}"
        for month, day, year in re.findall(pattern, article)
    }


def test_a_date_of_two_separate_summers_is_two_periods(ds: Dataset, article: str) -> None:
    # "in the summer of 2021 and 2022": two summers, not one 15-month span.
    assert "in the summer of 2021 and 2022" in article
    worded = [
        e for e in production(ds) if re.search(r"summer of (\d{4}) and (\d{4})", e.date_text, re.I)
    ]
    assert worded
    for e in worded:
        first, second = re.findall(r"\d{4}", e.date_text)[:2]
        want = (dates.parse(f"{first}-22").periods[0], dates.parse(f"{second}-22").periods[0])
        assert dates.parse(e.date).periods == want, e.id


def test_the_month_slider_skips_the_months_between_the_summers(ds: Dataset) -> None:
    index = build_index(ds)
    buttermere = "filming-lake-district-parachute-speed-flying"
    in_month = {
        m: buttermere in events_in_month(index, everything(index), m).ids
        for m in ("2021-07", "2021-10", "2022-01", "2022-04", "2022-07")
    }
    assert in_month == {
        "2021-07": True,
        "2021-10": False,
        "2022-01": False,
        "2022-04": False,
        "2022-07": True,
    }


def test_the_train_wreck_is_linked_only_from_the_quarry(ds: Dataset, article: str) -> None:
    # The wreck was shot at the quarry; Levisham had the train racing toward the bridge.
    assert "propelled off the cliff into the quarry" in article
    linking = [e for e in production(ds) if "climb-through-falling-cars" in e.story_events]
    assert linking
    assert all(e.locations == ["stoney-middleton-quarry"] for e in linking), [e.id for e in linking]


def test_levisham_is_not_linked_to_the_sabotage(ds: Dataset, article: str) -> None:
    # The Filming section says nothing of the engine crew, throttle or brake.
    assert "throttle" not in section_of(article, "Filming")
    yorkshire = event(ds, "filming-north-yorkshire-moors-railway")
    assert isinstance(yorkshire, ProductionEvent)
    assert "gabriel-sabotages-the-train" not in yorkshire.story_events
    assert yorkshire.story_events  # still tied to the bridge it raced toward


def test_no_filming_event_links_a_beat_the_filming_sections_do_not_name(
    ds: Dataset, article: str
) -> None:
    # The article names "the parachute and speed flying sequence", never the paraglider.
    filming_text = section_of(article, "Filming") + section_of(article, "Polish bridge controversy")
    unnamed = {
        e.id
        for e in story(ds)
        if "paraglider" in e.summary.casefold() and "paraglid" not in filming_text.casefold()
    }
    assert unnamed  # the escape by paraglider is such a beat
    linked = {s for e in production(ds) if e.phase == "filming" for s in e.story_events}
    assert linked & unnamed == set()


def test_no_event_is_dated_to_a_day_that_was_only_scheduled(ds: Dataset) -> None:
    # The Venice start was scheduled for February 20, 2020; the halt is dated "February 2020".
    scheduled = [
        e.id
        for e in production(ds)
        if e.planned_date is not None
        and e.date == e.planned_date.isoformat()
        and "scheduled" in e.date_text.casefold()
    ]
    assert scheduled == []
    halted = event(ds, "filming-italy-start-halted")
    assert isinstance(halted, ProductionEvent)
    assert dates.parse(halted.date).precision == "month"


def test_what_predates_the_film_is_history_not_its_making(ds: Dataset) -> None:
    first_step = min(
        dates.parse(e.date).earliest for e in production(ds) if e.phase == "development"
    )
    older = {e.id: e.phase for e in production(ds) if dates.parse(e.date).latest < first_step}
    assert older  # the 1912 opening of the bridge
    assert set(older.values()) <= {"history", "other"}, older


# Places the article names in other words than the place's name.
PLACE_WORDING = {
    "switzerland": "Swiss government",
    "austrian-alps": "the Alps in Austria",
    "stoney-middleton-quarry": "quarry in the Peak District National Park in Stoney Middleton",
    "lake-pilchowickie-bridge": "bridge on Lake Pilchowickie",
}


def test_every_place_is_named_in_the_article(ds: Dataset, article: str) -> None:
    # No Las Vegas: the article never says where CinemaCon was held.
    unnamed = [
        loc.id
        for loc in ds.locations
        if loc.name not in article
        and loc.name.split(" (")[0] not in article
        and PLACE_WORDING.get(loc.id, "\0") not in article
    ]
    assert unnamed == []


def test_every_person_is_named_in_the_article(ds: Dataset, article: str) -> None:
    assert [p.name for p in ds.people if p.name not in article] == []


# Named in the article, but neither took part: a style reference and an idea dropped.
NOT_PEOPLE_OF_THE_FILM = {
    "Tony Scott": 'akin to "Tony Scott\u2019s Mission: Impossible"',
    "Julia Roberts": "featuring Julia Roberts as the girlfriend",
}


@pytest.mark.parametrize(("name", "wording"), NOT_PEOPLE_OF_THE_FILM.items())
def test_a_reference_or_a_dropped_idea_is_not_a_person_of_an_event(
    ds: Dataset, article: str, name: str, wording: str
) -> None:
    assert wording in article
    assert name not in [p.name for p in ds.people]


def test_every_person_of_an_event_is_named_in_its_summary(ds: Dataset) -> None:
    names = {p.id: p.name for p in ds.people}
    missing = [
        (e.id, names[p])
        for e in production(ds)
        for p in e.people
        if names[p] not in e.summary and names[p].split()[-1] not in e.summary
    ]
    assert missing == []


# Characters the Plot calls by what they are; the Cast section says who that is.
PLOT_WORDING = {
    "jasper-briggs": ("US agents", "US Intelligence agent assigned to hunting Ethan"),
    "degas": ("US agents", "assigned to track down Ethan"),
}


def test_every_character_of_a_beat_is_named_in_the_plot(ds: Dataset, article: str) -> None:
    # The Cast section's four agency heads are not in the Plot section's briefing.
    plot, cast = section_of(article, "Plot"), section_of(article, "Cast")
    generic = {"the", "head", "captain", "second", "command"}
    names = {c.id: c.name for c in ds.characters}

    def in_plot(character_id: str) -> bool:
        words = [
            w for w in re.findall(r"[A-Za-z]{3,}", names[character_id]) if w.lower() not in generic
        ]
        if character_id in PLOT_WORDING:
            plot_words, cast_words = PLOT_WORDING[character_id]
            return plot_words in plot and cast_words in cast
        return any(re.search(rf"\b{w}\b", plot) for w in words)

    unnamed = sorted({c for e in story(ds) for c in e.characters if not in_plot(c)})
    assert unnamed == []


def test_a_team_rejoined_nowhere_is_not_placed_in_rome(ds: Dataset, article: str) -> None:
    assert "Grace escapes again, while Ethan rejoins Luther, Benji, and Ilsa." in article
    rome = event(ds, "rome-rescue-and-chase")
    assert isinstance(rome, StoryEvent) and rome.locations == ["rome"]
    assert {"luther-stickell", "benji-dunn", "ilsa-faust"} & set(rome.characters) == set()


def test_only_gabriel_is_present_at_his_threat(ds: Dataset, article: str) -> None:
    assert "Gabriel proclaims that he will possess the completed key" in article
    threat = event(ds, "gabriel-issues-his-threat")
    assert isinstance(threat, StoryEvent)
    assert threat.characters == ["gabriel"]
    assert "Ilsa" in threat.summary and "Grace" in threat.summary


def test_no_break_even_figure_the_article_does_not_give(ds: Dataset, article: str) -> None:
    # Variety: a ~$100M loss "if it did not cross $600 million worldwide", not a break-even.
    assert not re.search(r"break[- ]even", article, re.I)
    metrics = [m.metric for e in production(ds) for m in e.measures]
    assert [m for m in metrics if "break-even" in m] == []
    loss = event(ds, "box-office-variety-loss-estimate")
    assert isinstance(loss, ProductionEvent)
    assert any("$600 million" in (m.basis or "") for m in loss.measures)


# Exact days in the article that belong to another film, not to an event of this one.
OTHER_FILMS_DAYS = {"2022-08-05": "the eighth film's first planned release"}


def test_every_exact_day_in_the_article_is_an_events_date(ds: Dataset, article: str) -> None:
    used = {e.planned_date.isoformat() for e in production(ds) if e.planned_date}
    for e in production(ds):
        used |= {day.isoformat() for period in dates.parse(e.date).periods for day in period}
    assert "2022-12-19" in days_in(article)
    assert sorted(days_in(article) - used - set(OTHER_FILMS_DAYS)) == []


def test_by_a_date_is_an_open_start(ds: Dataset) -> None:
    # "By July 2020" says when it had happened, not that it ran from March.
    by = [e for e in production(ds) if e.date_text.startswith("By ")]
    assert by
    for e in by:
        parsed = dates.parse(e.date)
        assert parsed.open_start and not parsed.open_end, e.id
        assert parsed.label.casefold() in e.date_text.casefold(), e.id


# Words the audit found that the article does not support (the article's own word after).
UNSUPPORTED_WORDING = {
    "calling itself": "designated",
    "picks Ethan's pocket": "steals",
    "flew a biplane": "flying in a biplane",
}


@pytest.mark.parametrize(("wording", "article_word"), UNSUPPORTED_WORDING.items())
def test_no_wording_the_article_does_not_support(
    ds: Dataset, article: str, wording: str, article_word: str
) -> None:
    assert wording not in article and article_word in article
    assert wording.casefold() not in texts(ds).casefold()


# Judgement calls on phases, each explained in the event's own summary.
PHASE_CALLS = {
    "bridge-opened-by-wilhelm-ii": ("history", "Filed under History"),
    "bridge-eksner-lawsuit": ("other", "Filed under Other"),
    "bridge-heritage-registration": ("other", "Filed under Other"),
    "budget-291-million": ("box-office", "Kept with the box office"),
    "box-office-insurance-payout": ("box-office", "Kept with the box office"),
    "filming-surrey-stunt-rehearsals": ("filming", "Kept with filming"),
}


@pytest.mark.parametrize(("event_id", "call"), PHASE_CALLS.items())
def test_phase_judgement_calls_are_explained(
    ds: Dataset, event_id: str, call: tuple[str, str]
) -> None:
    found = event(ds, event_id)
    assert isinstance(found, ProductionEvent)
    assert (found.phase, call[1] in found.summary) == (call[0], True)


def test_every_exact_day_worded_in_the_article_gets_its_own_event(ds: Dataset) -> None:
    full_preview = [e for e in production(ds) if e.date == "2022-12-19"]
    assert [e.phase for e in full_preview] == ["marketing"]
