"""Dates of several periods (``{2021-22,2022-22}``) and open ends (``[..2020-07]``) wherever
a date is used: the date filter, the map's months, the production timeline, details,
the CSV and JSON exports, and errors with their JSON path."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from tests.builders import make_dataset, shown, to_bytes, with_change
from tests.unit.island import index_of
from timeline import months
from timeline.charts import production
from timeline.datewords import when_text
from timeline.export import export_json
from timeline.filters import Filters, filter_events
from timeline.index import DatasetIndex
from timeline.loading import DatasetError, load_bytes
from timeline.table import events_frame

TWO_SUMMERS = "{2021-22,2022-22}"
BY_JULY = "[..2020-07]"


def index_with(date_text: str) -> DatasetIndex:
    """The default dataset with the filming event ``shoot`` (at Stromness) on ``date_text``."""
    return index_of(with_change(make_dataset(), "events[1].date", date_text))


def kept(index: DatasetIndex, first: date, last: date) -> bool:
    """Whether the date filter from ``first`` to ``last`` keeps ``shoot``."""
    return "shoot" in filter_events(index, Filters(span=(first, last)))


@pytest.mark.parametrize(
    ("text", "first", "last", "expected"),
    [
        pytest.param(TWO_SUMMERS, date(2021, 10, 1), date(2022, 4, 30), False, id="gap-between"),
        pytest.param(TWO_SUMMERS, date(2021, 8, 31), date(2021, 9, 30), True, id="last-day-1st"),
        pytest.param(TWO_SUMMERS, date(2022, 5, 1), date(2022, 6, 1), True, id="first-day-2nd"),
        pytest.param(TWO_SUMMERS, date(2020, 1, 1), date(2021, 5, 31), False, id="before"),
        pytest.param(TWO_SUMMERS, date(2022, 9, 1), date(2023, 1, 1), False, id="after"),
        pytest.param(TWO_SUMMERS, date(2020, 1, 1), date(2023, 1, 1), True, id="around"),
        # The interval these summers once were (2021-22/2022-22) kept the gap: the bug.
        pytest.param(
            "2021-22/2022-22", date(2021, 10, 1), date(2022, 4, 30), True, id="interval-gap"
        ),
        pytest.param(BY_JULY, date(2019, 1, 1), date(2019, 2, 1), True, id="open-start-early"),
        pytest.param(BY_JULY, date(2020, 7, 31), date(2020, 8, 1), True, id="open-start-end"),
        pytest.param(BY_JULY, date(2020, 8, 1), date(2021, 1, 1), False, id="open-start-after"),
        pytest.param("2020-07/..", date(2030, 1, 1), date(2030, 2, 1), True, id="open-end-late"),
        pytest.param("2020-07/..", date(2020, 1, 1), date(2020, 6, 30), False, id="open-end-pre"),
    ],
)
def test_the_date_filter_matches_each_period(
    text: str, first: date, last: date, expected: bool
) -> None:
    assert kept(index_with(text), first, last) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            TWO_SUMMERS,
            {"2021-05": False, "2021-06": True, "2021-08": True, "2021-09": False,
             "2022-01": False, "2022-05": False, "2022-06": True, "2022-08": True},
            id="two-summers",
        ),
        pytest.param(
            "2021-22/2022-22",
            {"2021-05": False, "2021-06": True, "2022-01": True, "2022-08": True},
            id="interval",
        ),
        pytest.param(
            BY_JULY, {"2019-01": True, "2020-07": True, "2020-08": False}, id="open-start"
        ),
    ],
)  # fmt: skip
def test_the_map_month_shows_an_event_only_in_the_months_of_its_periods(
    text: str, expected: dict[str, bool]
) -> None:
    index = index_with(text)
    got = {m: "shoot" in months.events_in_month(index, shown(index), m).ids for m in expected}
    assert got == expected


def test_the_months_to_step_through_still_span_both_summers() -> None:
    index = index_with(TWO_SUMMERS)
    stepped = months.production_months(index, shown(index))
    assert (stepped[0], stepped[-1]) == ("2021-06", "2022-08")
    assert "2022-01" in stepped  # the slider steps through the gap; the event is not shown there


def bars_of(fig: Any, event_id: str) -> list[tuple[str, float]]:
    """(base, width in ms) of every clickable bar drawn for ``event_id``."""
    return [
        (base, width)
        for t in fig.data
        if t.type == "bar" and t.customdata is not None
        for base, width, row in zip(t.base, t.x, t.customdata, strict=True)
        if row[0] == event_id
    ]


def test_the_timeline_draws_each_period_and_joins_them() -> None:
    index = index_with(TWO_SUMMERS)
    fig = production.production_timeline(index, shown(index, ("stone-cast", "shoot")))
    day = 24 * 3600 * 1000
    assert sorted(bars_of(fig, "shoot")) == [("2021-06-01", 92 * day), ("2022-06-01", 92 * day)]
    (join,) = [t for t in fig.data if t.type == "scatter" and t.mode == "lines"]
    assert list(join.x) == ["2021-08-31", "2022-06-01", None]


def test_the_timeline_fades_an_open_start_out_to_an_arrow() -> None:
    index = index_with(BY_JULY)
    fig = production.production_timeline(index, shown(index, ("stone-cast", "shoot")))
    (arrow,) = [
        t
        for t in fig.data
        if t.type == "scatter"
        and t.name is None
        and t.mode == "markers"
        and "triangle-left" in list(t.marker.symbol or [])
    ]
    (tip,) = arrow.x
    assert date.fromisoformat(tip) < date(2020, 7, 1)
    fades = [t for t in fig.data if t.type == "bar" and t.customdata is None and t.hovertext]
    assert len(fades) >= 2
    assert all(date.fromisoformat(t.base[0]) < date(2020, 7, 1) for t in fades)
    opacities = [t.marker.opacity for t in fades]
    assert opacities == sorted(opacities, reverse=True)  # fainter the further from July
    assert any("by July 2020" in text for t in fades for text in t.hovertext)
    assert "Open end (no date given)" in [t.name for t in fig.data]


def test_no_open_end_legend_without_an_open_end() -> None:
    index = index_with(TWO_SUMMERS)
    fig = production.production_timeline(index, shown(index, ("stone-cast", "shoot")))
    assert "Open end (no date given)" not in [t.name for t in fig.data]


@pytest.mark.parametrize(
    ("text", "label", "words"),
    [
        (TWO_SUMMERS, "summer 2021 and summer 2022", "Jun\u2013Aug 2021 and Jun\u2013Aug 2022"),
        (BY_JULY, "by July 2020", "by Jul 2020"),
        ("../2020-07", "until July 2020", "until Jul 2020"),
    ],
)
def test_hover_and_table_say_what_the_date_is(text: str, label: str, words: str) -> None:
    index = index_with(text)
    assert index.dates["shoot"].label == label
    assert when_text(index.dates["shoot"]) == words
    fig = production.production_timeline(index, shown(index, ("stone-cast", "shoot")))
    assert any(label in h for t in fig.data if t.hovertext is not None for h in t.hovertext)
    frame = events_frame(index, ("shoot",))
    assert frame.loc[0, "when"] == label


@pytest.mark.parametrize("text", [TWO_SUMMERS, "[2021-22,2022-22]", BY_JULY, "2020-07/.."])
def test_the_json_export_keeps_the_date_and_loads_back(text: str) -> None:
    index = index_with(text)
    data = export_json(index, ("stone-cast", "shoot"))
    (shoot,) = [e for e in json.loads(data)["events"] if e["id"] == "shoot"]
    assert shoot["date"] == text
    again = index_of(json.loads(data))
    assert again.dates["shoot"] == index.dates["shoot"]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        pytest.param("{2021-22}", "not a valid EDTF date", id="set-of-one"),
        pytest.param("{2021-22,2022-99}", "not a valid EDTF date", id="season-99"),
        pytest.param("{2021-08..2021-06,2022}", "ends before it starts", id="reversed-range"),
        pytest.param("../..", "cannot place on a timeline", id="open-both-ends"),
    ],
)
def test_an_invalid_date_is_reported_with_its_path(text: str, phrase: str) -> None:
    with pytest.raises(DatasetError) as caught:
        load_bytes(to_bytes(with_change(make_dataset(), "events[1].date", text)), "t.json")
    (issue,) = caught.value.issues
    assert issue.path == "events[1].date"
    assert phrase in issue.message and repr(text) in issue.message
