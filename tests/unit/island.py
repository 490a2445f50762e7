"""The island dataset: a small but complete events document for the unit tier.

Built from :mod:`tests.builders`:

* places: ``scotland`` (country) → ``orkney`` (region) → ``stromness`` (town),
  ``glasgow`` (city, in Scotland), ``north-sea`` and ``paris`` (no parent);
* people: ``ada-stone`` and ``ben-carr`` (actors), ``cleo-moss`` (director);
* characters: ``morag`` (played by Ada Stone) and ``tam`` (played by Ben Carr);
* story beats 1-4 (written in the file out of order), the last with no one and nowhere;
* production events over 2022-2024 in six phases, with a day, a month, a season, a
  year and an interval, three filming events overlapping in June 2023, and measures.
"""

from __future__ import annotations

import json
from typing import Any

from tests.builders import (
    make_character,
    make_dataset,
    make_location,
    make_measure,
    make_person,
    make_production,
    make_story,
)
from timeline.index import DatasetIndex, build_index
from timeline.loading import load_bytes

STORY_IDS = ("storm-warning", "boat-in-trouble", "the-rescue", "epilogue")
# Production events sorted by (earliest, latest, id), as the index orders them.
PRODUCTION_IDS = (
    "script-written",  # 2022
    "stone-cast",  # 2023-01-10
    "carr-cast",  # 2023-02
    "shoot-orkney",  # 2023-04/2023-06
    "tank-glasgow",  # 2023-22 (June-August)
    "pickups",  # 2023-06-20
    "reviews",  # 2024-03
    "premiere",  # 2024-03-02
    "box-office",  # 2024-22
)
RESCUE_SUMMARY = 'Morag, the keeper, says "hold on"\nand keeps the lamp turning — café talk later.'


def island_document() -> dict[str, Any]:
    """The island dataset as a plain dict (a fresh copy each call)."""
    return make_dataset(
        locations=[
            make_location(),
            make_location(
                id="orkney", name="Orkney", lat=59.0, lon=-3.0, kind="region", parent="scotland"
            ),
            make_location(
                id="stromness",
                name="Stromness",
                lat=58.965,
                lon=-3.296,
                kind="town",
                parent="orkney",
            ),
            make_location(
                id="glasgow", name="Glasgow", lat=55.864, lon=-4.252, kind="city", parent="scotland"
            ),
            make_location(id="north-sea", name="North Sea", lat=56.5, lon=3.0, kind="sea"),
            make_location(id="paris", name="Paris", lat=48.857, lon=2.352, kind="city"),
        ],
        people=[
            make_person(),
            make_person(id="ben-carr", name="Ben Carr"),
            make_person(id="cleo-moss", name="Cleo Moss", roles=["director", "writer"]),
        ],
        characters=[
            make_character(),
            make_character(id="tam", name="Tam", played_by=["ben-carr"]),
        ],
        events=[
            make_story(
                id="the-rescue",
                order=3,
                title="The rescue",
                summary=RESCUE_SUMMARY,
                characters=["morag", "tam"],
                locations=["stromness"],
            ),
            make_production(
                id="script-written",
                phase="development",
                date="2022",
                date_text="during 2022",
                title="Cleo Moss writes the script",
                summary="The director writes the screenplay over a year.",
                people=["cleo-moss"],
            ),
            make_story(
                id="storm-warning",
                order=1,
                title="A storm warning reaches the light",
                summary="Morag hears on the radio that bad weather is coming.",
                characters=["morag"],
                locations=["stromness"],
            ),
            make_production(
                id="stone-cast",
                phase="casting",
                date="2023-01-10",
                date_text="on 10 January 2023",
                title="Ada Stone cast as Morag",
                summary="Ada Stone joins the cast in the lead role.",
                people=["ada-stone"],
            ),
            make_production(
                id="carr-cast",
                phase="casting",
                date="2023-02",
                date_text="in February 2023",
                title="Ben Carr cast as Tam",
                summary="Ben Carr joins the cast as the fisherman.",
                people=["ben-carr"],
            ),
            make_story(
                id="boat-in-trouble",
                order=2,
                title="A boat in trouble",
                summary="Tam's boat loses power as the STORM breaks.",
                characters=["tam"],
                locations=["north-sea"],
            ),
            make_production(
                id="shoot-orkney",
                phase="filming",
                date="2023-04/2023-06",
                date_text="from April to June 2023",
                title="Filming on Orkney",
                summary="The lighthouse scenes are shot near Stromness.",
                people=["cleo-moss", "ada-stone"],
                locations=["stromness"],
                story_events=["storm-warning", "the-rescue"],
            ),
            make_production(
                id="tank-glasgow",
                phase="filming",
                date="2023-22",
                date_text="in the summer of 2023",
                title="Storm scenes in a Glasgow water tank",
                summary="The boat sequences are filmed in a studio tank.",
                people=["ben-carr"],
                locations=["glasgow"],
                story_events=["boat-in-trouble"],
            ),
            make_production(
                id="pickups",
                phase="filming",
                date="2023-06-20",
                date_text="on 20 June 2023",
                title="Pick-up shots",
                summary="A last day of close-ups at the harbour.",
                people=["ada-stone"],
                locations=["stromness"],
            ),
            make_production(
                id="premiere",
                phase="release",
                date="2024-03-02",
                date_text="on 2 March 2024",
                title="Premiere in Paris",
                summary="The film opens a festival.",
                source="release",
                people=["cleo-moss", "ada-stone", "ben-carr"],
                locations=["paris"],
            ),
            make_production(
                id="reviews",
                phase="reception",
                date="2024-03",
                date_text="in March 2024",
                title="Reviews",
                summary="Critics praise the film.",
                source="release",
                measures=[
                    make_measure(
                        metric="critics",
                        label="Critics",
                        value=96,
                        unit="percent",
                        basis="Rotten Tomatoes",
                    ),
                    make_measure(
                        metric="score", label="Average score", value=8, unit="rating", out_of=10
                    ),
                ],
            ),
            make_production(
                id="box-office",
                phase="box-office",
                date="2024-22",
                date_text="over the summer of 2024",
                title="Box office run",
                summary="The film earns its budget back.",
                source="release",
                measures=[make_measure()],
            ),
            make_story(
                id="epilogue",
                order=4,
                title="Epilogue",
                summary="Years later the light is automated.",
            ),
        ],
    )


def index_of(document: dict[str, Any]) -> DatasetIndex:
    """Validate ``document`` through the real loader and index it."""
    return build_index(load_bytes(json.dumps(document).encode(), "test.json"))
