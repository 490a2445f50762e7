"""Every chart the app draws, declared once: the app, the benchmark and the tests walk it.

Adding a chart is one builder module under :mod:`timeline.charts`, one :class:`Chart`
entry here, and its tests.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import plotly.graph_objects as go

from timeline.charts import describe as d
from timeline.charts.box_office import box_office_run
from timeline.charts.map import location_map
from timeline.charts.production import production_timeline
from timeline.charts.reception import reception_scores
from timeline.charts.release import release_slips
from timeline.charts.story import story_timeline
from timeline.charts.storylines import storylines_figure
from timeline.filters import View
from timeline.index import DatasetIndex
from timeline.selection import Selection

Builder = Callable[..., go.Figure]
Describe = Callable[[DatasetIndex, Selection, go.Figure], str]
#: What a click on a point does: open the event's details, or filter to the place.
Click = Literal["event", "place"]


@dataclass(frozen=True)
class Chart:
    """One chart: what it is called, where it is shown, how it is built and clicked.

    ``build(index, shown, **options)`` makes the figure; ``defaults`` are the options
    the app draws it with when nothing is changed (the benchmark times those).
    ``views`` are the chronology filter values under which it is shown. ``describe``
    gives the chart's accessible name and description, in words, from what it shows
    (:mod:`timeline.charts.describe`); the app passes it as the chart's ``alt``.
    """

    name: str
    title: str
    tab: str
    build: Builder
    click: Click = "event"
    defaults: Mapping[str, Any] = field(default_factory=dict)
    views: tuple[View, ...] = ("story", "production", "both")
    describe: Describe | None = None
    #: The chart's widget key in the app (its click state lives under it).
    key: str = ""

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", f"{self.name}_chart")


CHARTS: tuple[Chart, ...] = (
    Chart(
        "story",
        "Story",
        "Timelines",
        story_timeline,
        views=("story", "both"),
        describe=d.describe_story,
    ),
    Chart(
        "production",
        "Production",
        "Timelines",
        production_timeline,
        views=("production", "both"),
        describe=d.describe_production,
    ),
    Chart(
        "storylines", "Storylines", "Storylines", storylines_figure, describe=d.describe_storylines
    ),
    Chart(
        "map",
        "Map",
        "Map",
        location_map,
        click="place",
        defaults={"links": True},
        describe=d.describe_map,
    ),
    Chart(
        "release",
        "Release dates",
        "Fortunes",
        release_slips,
        key="fortunes_release",
        describe=d.describe_release,
    ),
    Chart(
        "box_office",
        "Box office",
        "Fortunes",
        box_office_run,
        key="fortunes_box_office",
        describe=d.describe_box_office,
    ),
    Chart(
        "reception",
        "Reception",
        "Fortunes",
        reception_scores,
        key="fortunes_reception",
        describe=d.describe_reception,
    ),
)
BY_NAME: dict[str, Chart] = {chart.name: chart for chart in CHARTS}


def charts_in(tab: str) -> tuple[Chart, ...]:
    """The charts of one tab, in the order they are shown."""
    return tuple(chart for chart in CHARTS if chart.tab == tab)
