"""Seeded synthetic events files shaped like a real film's, at any size.

The mix follows the shipped dataset: about a quarter story beats (orders 1..N,
several characters and settings each) and the rest production events in every
phase, with every EDTF form the app reads: days, months, seasons (``2021-22``),
years, intervals (``a/b``), one-of ranges (``[a..b]``), a few qualified dates
(``2019-09~``) drawn from a small pool, as real files repeat them, and a few
far-earlier outliers. A few hundred places nest country → region → place;
people and characters grow with the size. The same ``(size, seed)`` always
gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

Doc = dict[str, Any]

SECTIONS = ("lead", "plot", "development", "filming", "release", "reception")
# Phase weights roughly as in the shipped dataset (filming and box office lead).
PHASE_WEIGHTS = {
    "development": 5,
    "casting": 11,
    "pre-production": 9,
    "filming": 25,
    "post-production": 3,
    "music": 2,
    "marketing": 7,
    "release": 11,
    "home-media": 3,
    "box-office": 14,
    "reception": 8,
    "awards": 2,
    "politics": 1,
    "sequel": 5,
    "other": 1,
}
# Date forms and how often each occurs among production events.
FORM_WEIGHTS = {
    "day": 35,
    "month": 17,
    "season": 5,
    "year": 5,
    "interval": 20,
    "within": 15,
    "qualified": 2,
    "outlier": 1,
}
SEASON_CODES = (21, 22, 23, 24, 33, 34, 35, 36, 40, 41)
START, END = date(2018, 1, 1), date(2025, 6, 30)
N_COUNTRIES, REGIONS_PER_COUNTRY, PLACES_PER_REGION = 12, 4, 5  # 300 places in all
PLACE_KINDS = ("city", "town", "village", "venue", "studio", "railway", "bridge", "lake", "park")

_SYLLABLES = (
    "ka", "lo", "mi", "ra", "ven", "tor", "sa", "bel", "dun", "ar", "is", "mon", "no", "ri",
    "ta", "ve", "zan", "cor", "ell", "fa", "gra", "hal", "ju", "kin", "lu", "mar", "ost", "pel",
)  # fmt: skip
_VERBS = (
    "Shooting", "Rehearsing", "Scouting", "Announcing", "Recording", "Building", "Testing",
    "Filming", "Staging", "Releasing", "Reviewing", "Casting", "Editing", "Screening",
)  # fmt: skip
_NOUNS = (
    "the train sequence", "the rooftop chase", "the bridge stunt", "the desert scene",
    "the car chase", "the airport scene", "the finale", "the opening", "the score",
    "the trailer", "the premiere", "the night market", "the cliff jump", "the boat scene",
)  # fmt: skip
_WORDS = (
    "crew", "camera", "stunt", "weather", "night", "second unit", "schedule", "delay",
    "location", "permit", "set", "budget", "rain", "dawn", "helicopter", "drone", "cast",
    "director", "editor", "composer", "studio", "audience", "critics", "record", "team",
)  # fmt: skip


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()


def _name(rng: random.Random, used: set[str], syllables: int, *, words: int = 1) -> str:
    """A made-up name not in ``used`` (longer names once the short ones run out)."""
    for attempt in range(1000):
        extra = attempt // 50  # 28 syllables make 784 two-syllable words: grow when crowded
        name = " ".join(_word(rng, syllables + extra) for _ in range(words))
        if name not in used:
            used.add(name)
            return name
    raise RuntimeError("ran out of names")


def _slug(name: str) -> str:
    return "-".join(name.lower().split())


def _sentence(rng: random.Random, words: int) -> str:
    picked = [rng.choice(_WORDS) for _ in range(words)]
    return " ".join(picked).capitalize() + "."


def _summary(rng: random.Random, topic: str) -> str:
    # About 150 characters, like the shipped summaries; the topic makes text search hit.
    return f"The {topic.removeprefix('the ')} took shape. " + " ".join(
        _sentence(rng, rng.randint(5, 9)) for _ in range(2)
    )


def _locations(rng: random.Random) -> list[Doc]:
    used: set[str] = set()
    out: list[Doc] = []
    for _ in range(N_COUNTRIES):
        name = _name(rng, used, 3)
        lat, lon = rng.uniform(-45, 65), rng.uniform(-150, 150)
        country = {"id": _slug(name), "name": name, "lat": round(lat, 2), "lon": round(lon, 2)}
        out.append({**country, "kind": "country"})
        for _ in range(REGIONS_PER_COUNTRY):
            region_name = _name(rng, used, 3) + " Region"
            r_lat = max(-89.0, min(89.0, lat + rng.uniform(-5, 5)))
            r_lon = max(-179.0, min(179.0, lon + rng.uniform(-6, 6)))
            out.append(
                {
                    "id": _slug(region_name),
                    "name": region_name,
                    "lat": round(r_lat, 2),
                    "lon": round(r_lon, 2),
                    "kind": "region",
                    "parent": country["id"],
                }
            )
            for _ in range(PLACES_PER_REGION):
                place_name = _name(rng, used, rng.randint(2, 3))
                out.append(
                    {
                        "id": _slug(place_name),
                        "name": place_name,
                        "lat": round(max(-89.0, min(89.0, r_lat + rng.uniform(-1, 1))), 3),
                        "lon": round(max(-179.0, min(179.0, r_lon + rng.uniform(-1, 1))), 3),
                        "kind": rng.choice(PLACE_KINDS),
                        "parent": _slug(region_name),
                    }
                )
    return out


def _season(d: date) -> int:
    # Monotonic in the date within a year (so an interval of seasons never runs backwards).
    if d.month <= 5:
        return 21
    if d.month <= 8:
        return 22
    return 23 if d.month <= 11 else 24


def _fmt(d: date, precision: str) -> str:
    if precision == "day":
        return d.isoformat()
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if precision == "season":
        return f"{d.year:04d}-{_season(d)}"
    return f"{d.year:04d}"


def _random_day(rng: random.Random, phase: str) -> date:
    # Filming clusters in the middle years; reception and box office come late.
    span = (END - START).days
    centre = {"filming": 0.45, "box-office": 0.8, "reception": 0.82, "release": 0.78}.get(
        phase, 0.5
    )
    offset = int(max(0.0, min(1.0, rng.gauss(centre, 0.22))) * span)
    return START + timedelta(days=offset)


def _qualified_pool(rng: random.Random) -> list[str]:
    pool: list[str] = []
    for _ in range(30):
        d = START + timedelta(days=rng.randrange((END - START).days))
        pool.append(_fmt(d, rng.choice(("day", "month", "year"))) + rng.choice("~?"))
    return pool


def _date(rng: random.Random, phase: str, qualified: list[str]) -> str:
    form = rng.choices(list(FORM_WEIGHTS), weights=list(FORM_WEIGHTS.values()))[0]
    start = _random_day(rng, phase)
    if form in ("day", "month", "season", "year"):
        if form == "season" and rng.random() < 0.5:
            return f"{start.year:04d}-{rng.choice(SEASON_CODES)}"
        return _fmt(start, form)
    if form == "interval":
        precision = rng.choices(("day", "month", "season"), weights=(6, 3, 1))[0]
        end = start + timedelta(days=rng.randint(1, 120 if precision == "day" else 500))
        return f"{_fmt(start, precision)}/{_fmt(end, precision)}"
    if form == "within":
        precision = rng.choices(("day", "month", "year"), weights=(5, 3, 1))[0]
        end = start + timedelta(days=rng.randint(30, 900))
        return f"[{_fmt(start, precision)}..{_fmt(end, precision)}]"
    if form == "qualified":
        return rng.choice(qualified)
    return str(rng.randint(1900, 1990))  # a far-earlier outlier: a bridge built long ago


def make_dataset(n_events: int, *, seed: int = 0) -> Doc:
    """An events document with ``n_events`` events, valid for the app's loader."""
    rng = random.Random(seed)
    locations = _locations(rng)
    places = [loc["id"] for loc in locations if loc["kind"] not in ("country", "region")]
    settings = rng.sample(places, len(places) // 2)  # story settings: a subset of the places

    used: set[str] = set()
    n_people = max(40, min(2500, n_events // 40))
    people = [
        {"id": _slug(name), "name": name, "roles": [rng.choice(("actor", "crew", "executive"))]}
        for name in (_name(rng, used, 2, words=2) for _ in range(n_people))
    ]
    n_story = max(3, n_events // 4)
    n_characters = max(12, min(600, n_story // 10))
    characters = [
        {
            "id": _slug(name) + "-character",
            "name": name,
            "played_by": [p["id"] for p in rng.sample(people, rng.choice((1, 1, 1, 2)))],
        }
        for name in (_name(rng, used, 3) for _ in range(n_characters))
    ]
    # A few leads appear in most scenes: pick characters and people with a skew.
    char_weights = [1 / (i + 1) for i in range(n_characters)]
    person_weights = [1 / (i + 1) ** 0.7 for i in range(n_people)]

    story: list[Doc] = []
    orders = list(range(1, n_story + 1))
    rng.shuffle(orders)
    for i, order in enumerate(orders):
        topic = rng.choice(_NOUNS)
        chars = {c["id"] for c in rng.choices(characters, char_weights, k=rng.randint(1, 4))}
        story.append(
            {
                "id": f"beat-{i:06d}",
                "chronology": "story",
                "order": order,
                "title": f"{rng.choice(_VERBS)} {topic}"[:300],
                "summary": _summary(rng, topic),
                "source": "plot",
                "characters": sorted(chars),
                "locations": rng.sample(settings, rng.choice((1, 1, 2, 3))),
            }
        )

    qualified = _qualified_pool(rng)
    production: list[Doc] = []
    phases, weights = list(PHASE_WEIGHTS), list(PHASE_WEIGHTS.values())
    for i in range(n_events - n_story):
        phase = rng.choices(phases, weights)[0]
        topic = rng.choice(_NOUNS)
        when = _date(rng, phase, qualified)
        event: Doc = {
            "id": f"prod-{i:06d}",
            "chronology": "production",
            "phase": phase,
            "date": when,
            "date_text": f"around {when}",
            "title": f"{rng.choice(_VERBS)} {topic} ({phase})",
            "summary": _summary(rng, topic),
            "source": rng.choice(SECTIONS),
            "people": sorted(
                {p["id"] for p in rng.choices(people, person_weights, k=rng.randint(0, 4))}
            ),
            "locations": rng.sample(places, rng.randint(0, 3)),
        }
        if phase == "filming":
            event["story_events"] = [b["id"] for b in rng.sample(story, min(len(story), 2))]
        if phase == "box-office":
            event["measures"] = [
                {
                    "metric": "gross",
                    "label": "Gross",
                    "value": float(rng.randint(1, 900) * 100_000),
                    "unit": "USD",
                }
            ]
        if phase == "release" and rng.random() < 0.3:
            event["planned_date"] = _random_day(rng, phase).isoformat()
        if rng.random() < 0.05:
            event["tags"] = [rng.choice(("IMAX", "festival", "reshoot"))]
        production.append(event)

    events = story + production
    rng.shuffle(events)
    return {
        "film": {
            "title": f"Synthetic film ({n_events} events)",
            "year": 2024,
            "sources": [
                {
                    "id": "synthetic",
                    "title": "Synthetic benchmark data",
                    "license": "CC0 1.0",
                    "sections": [{"id": s, "title": s.title()} for s in SECTIONS],
                }
            ],
        },
        "locations": locations,
        "people": people,
        "characters": characters,
        "events": events,
    }


def dataset_bytes(n_events: int, *, seed: int = 0) -> bytes:
    """The synthetic document as UTF-8 JSON, as a file on disk would hold it."""
    return json.dumps(make_dataset(n_events, seed=seed), ensure_ascii=False).encode("utf-8")


def dataset_file(n_events: int, folder: Path, *, seed: int = 0) -> Path:
    """Write the synthetic file once into ``folder`` (reused by later runs) and return it.

    The name carries a hash of this module, so editing the generator makes new files.
    """
    version = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:8]
    path = folder / f"synth-{n_events}-seed{seed}-{version}.json"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(dataset_bytes(n_events, seed=seed))
        tmp.replace(path)
    return path
