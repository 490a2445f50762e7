"""Charts in words: every chart's description follows what it shows (island dataset)."""

from __future__ import annotations

import pytest

from tests.builders import shown
from tests.unit.island import PRODUCTION_IDS, STORY_IDS
from timeline.charts import describe as d
from timeline.charts.registry import BY_NAME, CHARTS
from timeline.filters import Filters
from timeline.index import DatasetIndex
from timeline.selection import Selection, select


def _text(index: DatasetIndex, name: str, selection: Selection) -> str:
    chart = BY_NAME[name]
    assert chart.describe is not None
    fig = chart.build(index, selection, **dict(chart.defaults))
    return chart.describe(index, selection, fig)


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.name)
def test_every_chart_has_a_description_naming_the_table(
    island_index: DatasetIndex, chart: object
) -> None:
    assert getattr(chart, "describe", None) is not None
    text = _text(island_index, chart.name, shown(island_index))  # type: ignore[attr-defined]
    assert text.endswith(d.TABLE_HINT)
    assert ": " in text.removesuffix(d.TABLE_HINT)  # a name, then what it shows


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.name)
def test_with_nothing_shown_every_description_says_so(
    island_index: DatasetIndex, chart: object
) -> None:
    text = _text(island_index, chart.name, shown(island_index, []))  # type: ignore[attr-defined]
    assert text.split(": ", 1)[1].startswith("no") or "none" in text, text
    assert text.endswith(d.TABLE_HINT)


def test_story_counts_beats_characters_and_settings(island_index: DatasetIndex) -> None:
    text = _text(island_index, "story", shown(island_index))
    assert f"{len(STORY_IDS)} story beats in narrative order" in text
    assert "from beat 1 (A storm warning reaches the light) to beat 4 (Epilogue)" in text
    # Morag and Tam; Stromness and the North Sea.
    assert "2 characters in 2 settings" in text


def test_story_follows_the_spoiler_shield(island_index: DatasetIndex) -> None:
    text = _text(island_index, "story", select(island_index, Filters(until=1)))
    assert "1 story beat in narrative order, beat 1 (A storm warning" in text
    assert "Epilogue" not in text and "rescue" not in text
    assert "1 character in 1 setting" in text


def test_production_gives_span_phases_and_filming(island_index: DatasetIndex) -> None:
    text = _text(island_index, "production", shown(island_index))
    # 2022 (the script) to summer 2024 (the box office); six phases; filming from
    # April 2023 (Orkney) to the end of summer 2023 (the Glasgow tank).
    assert f"{len(PRODUCTION_IDS)} events from January 2022 to August 2024 in 6 phases" in text
    assert "filming from April 2023 to August 2023" in text


def test_production_follows_the_filters(island_index: DatasetIndex) -> None:
    only_casting = select(island_index, Filters(phases=("casting",)))
    text = _text(island_index, "production", only_casting)
    assert "2 events from January 2023 to February 2023 in 1 phase" in text
    assert "no filming among them" in text


def test_map_counts_settings_and_real_places(island_index: DatasetIndex) -> None:
    text = _text(island_index, "map", shown(island_index))
    # Settings: Stromness, North Sea. Real places: Stromness, Glasgow, Paris.
    assert "2 story settings and 3 real places" in text
    # Stromness: two beats set there and two filming events.
    assert "most events at Stromness (4)" in text


def test_map_follows_a_narrowed_selection(island_index: DatasetIndex) -> None:
    text = _text(island_index, "map", shown(island_index, ["premiere"]))
    assert "0 story settings and 1 real place" in text
    assert "most events at Paris (1)" in text


def test_storylines_counts_lines(island_index: DatasetIndex) -> None:
    text = _text(island_index, "storylines", shown(island_index))
    assert "one line for each of 2 characters through 4 story beats" in text


def test_fortunes_descriptions_give_the_figures(island_index: DatasetIndex) -> None:
    release = _text(island_index, "release", shown(island_index))
    assert release.startswith("Release dates: ")
    box = _text(island_index, "box_office", shown(island_index))
    assert "1 amount from 1 box-office event" in box
    assert "Worldwide gross, $54.7M" in box
    reception = _text(island_index, "reception", shown(island_index))
    # 96% and 8 out of 10 (= 80): two scores on one scale.
    assert "2 review and audience scores on one scale of 100, from 80 to 96" in reception


def test_notes_are_joined_without_doubled_stops_or_arrows() -> None:
    said = d._said("Chart", "moved twice: 1 Jan 2020 \u2192 2 Feb 2021.", "", "a note.")
    assert said == f"Chart: moved twice: 1 Jan 2020 to 2 Feb 2021; a note. {d.TABLE_HINT}"
