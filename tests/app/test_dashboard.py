"""The dashboard under AppTest: filters narrow the table, URL seeds widgets, clicks open details."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from tests.app.conftest import EXAMPLE, SHIPPED, RunApp, chart, clickable_ids, table_ids

EXAMPLE_IDS = [e["id"] for e in json.loads(EXAMPLE.read_text())["events"]]


def test_runs_without_exception_and_shows_every_event(run_app: RunApp) -> None:
    at = run_app()
    assert not at.exception
    assert sorted(table_ids(at)) == sorted(EXAMPLE_IDS)
    assert "Showing **9** of 9 events" in at.markdown[0].value


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"view": "Story"}, ["storm-warning", "boat-in-trouble", "the-rescue"]),
        (
            {"view": "Production"},
            [
                "script-written",
                "stone-cast",
                "carr-cast",
                "shoot-orkney",
                "tank-glasgow",
                "premiere",
            ],
        ),
        # Orkney is a region: it brings in Stromness inside it, both chronologies.
        ({"location": "Orkney"}, ["storm-warning", "the-rescue", "shoot-orkney"]),
        ({"location": ["Glasgow", "North Sea"]}, ["boat-in-trouble", "tank-glasgow"]),
        # A character brings in the production events of the person who plays them...
        (
            {"who": "Tam"},
            ["boat-in-trouble", "the-rescue", "carr-cast", "tank-glasgow", "premiere"],
        ),
        # ...and a person brings in their character's beats.
        (
            {"who": "Ada Stone"},
            ["storm-warning", "the-rescue", "stone-cast", "shoot-orkney", "premiere"],
        ),
        ({"phase": "Casting", "view": "Production"}, ["stone-cast", "carr-cast"]),
        (
            {"dates": ["2023-05-01", "2023-12-31"], "view": "Production"},
            ["shoot-orkney", "tank-glasgow"],
        ),
        ({"q": "HARBOUR"}, ["boat-in-trouble", "the-rescue"]),
    ],
    ids=[
        "story",
        "production",
        "region",
        "places",
        "character",
        "actor",
        "phase",
        "dates",
        "search",
    ],
)
def test_url_parameter_narrows_the_table(
    run_app: RunApp, params: dict[str, str], expected: list[str]
) -> None:
    at = run_app(params)
    assert not at.exception
    assert table_ids(at) == expected


def test_url_parameters_seed_the_widgets(run_app: RunApp) -> None:
    at = run_app({"view": "Story", "location": "Orkney", "who": "Morag", "q": "storm"})
    assert at.radio(key="view").value == "Story"
    assert at.multiselect(key="location").value == ["Orkney"]
    assert at.multiselect(key="who").value == ["Morag"]
    assert at.text_input(key="q").value == "storm"


def test_changing_a_widget_narrows_the_table(run_app: RunApp) -> None:
    at = run_app()
    at.multiselect(key="phase").select("Filming").run()
    at.radio(key="view").set_value("Production").run()
    assert table_ids(at) == ["shoot-orkney", "tank-glasgow"]


@pytest.mark.parametrize(
    "params",
    [
        {"view": "Sideways"},
        {"location": "Atlantis"},
        {"who": "Nobody"},
        {"phase": "Catering"},
        {"dates": "2023-13-45"},
        {"dates": ["2023-01-01", "2023-02-01", "2023-03-01"]},
        {"event": "no-such-event"},
        {"nonsense": "1"},
        {"q": "x" * 5000},
    ],
    ids=[
        "view",
        "location",
        "who",
        "phase",
        "bad-date",
        "three-dates",
        "event",
        "unknown-key",
        "long-q",
    ],
)
def test_bad_parameters_are_dropped_with_a_notice(run_app: RunApp, params: dict[str, str]) -> None:
    at = run_app(params)
    assert not at.exception
    assert len(at.toast) == 1
    assert any(word in at.toast[0].value for word in ("Ignored", "cut", "not one or two"))
    # The view falls back to the defaults (the long search is cut, not dropped).
    if "q" not in params:
        assert sorted(table_ids(at)) == sorted(EXAMPLE_IDS)


def test_event_parameter_opens_the_details(run_app: RunApp) -> None:
    at = run_app({"event": "shoot-orkney"})
    text = " ".join(m.value for m in at.markdown)
    assert "Filming on Orkney" in text
    assert "Stromness" in text
    # The linked story beats are offered as buttons.
    labels = [b.label for b in at.button]
    assert r"1\. A storm warning reaches the light" in labels  # Markdown-escaped label


def test_clicking_a_linked_event_selects_it(run_app: RunApp) -> None:
    at = run_app({"event": "shoot-orkney"})
    at.button(key="linked_shoot-orkney_the-rescue").click().run()
    assert at.query_params["event"] == "the-rescue"
    text = " ".join(m.value for m in at.markdown)
    assert r"Morag \(Ada Stone\)" in text  # Markdown-escaped: data is never markup


def test_picking_an_event_from_the_list_shows_it(run_app: RunApp) -> None:
    at = run_app()
    at.selectbox(key="event_picker_None").select("premiere").run()
    assert at.query_params["event"] == "premiere"
    assert any("Premiere in Edinburgh" in m.value for m in at.markdown)


def test_empty_result_shows_a_hint(run_app: RunApp) -> None:
    at = run_app({"q": "zebra"})
    assert table_ids(at) == []
    assert "Nothing matches" in at.info[0].value


def test_every_chart_is_drawn_with_its_points(run_app: RunApp) -> None:
    at = run_app({"tab": "Timelines"})
    assert clickable_ids(chart(at, "story_chart")) == {
        "storm-warning",
        "boat-in-trouble",
        "the-rescue",
    }
    production = [e for e in json.loads(EXAMPLE.read_text())["events"] if "phase" in e]
    assert clickable_ids(chart(at, "production_chart")) == {e["id"] for e in production}
    place_map = chart(run_app({"tab": "Map"}), "map_chart")
    assert {t["type"] for t in place_map["data"]} == {"scattergeo"}


def test_a_broken_events_file_is_reported_not_raised(run_app: RunApp, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    doc = json.loads(EXAMPLE.read_text())
    doc["events"][3]["date"] = "2022-13"
    bad.write_text(json.dumps(doc))
    at = run_app(data=bad)
    assert not at.exception
    assert "could not be loaded" in at.error[0].value
    assert "events[3].date" in at.code[0].value


@pytest.mark.skipif(not SHIPPED.exists(), reason="shipped dataset not written yet")
def test_shipped_dataset_renders(run_app: RunApp) -> None:
    at = run_app(data=SHIPPED)
    assert not at.exception
    assert len(table_ids(at)) > 90


def test_only_the_open_tab_is_built(run_app: RunApp) -> None:
    at = run_app({"tab": "Map"})
    assert chart(at, "map_chart")
    for key in ("story_chart", "production_chart", "storylines_chart", "fortunes_release"):
        with pytest.raises(KeyError):
            chart(at, key)
    assert not at.dataframe


def test_a_long_table_lists_the_first_rows_and_says_so(
    run_app: RunApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = table_ids(run_app())
    assert len(everything) > 3
    monkeypatch.setattr("ui.panels.MAX_TABLE_ROWS", 3)
    at = run_app()
    assert not at.exception
    assert table_ids(at) == everything[:3]  # the first, in timeline order
    (caption,) = [c.value for c in at.caption if "first 3 of" in c.value]
    assert f"first 3 of the {len(everything)} events" in caption


def test_both_downloads_of_a_long_table_hold_every_event(
    run_app: RunApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The files are made when a button is pressed: record what each button would make
    # (the app's own callables, called here as Streamlit would on a click).
    from streamlit.delta_generator import DeltaGenerator

    made: dict[str, bytes] = {}
    original = DeltaGenerator.download_button

    def recording(self: DeltaGenerator, label: str, data: Any, *args: Any, **kwargs: Any) -> Any:
        made[label] = data() if callable(data) else data
        return original(self, label, data, *args, **kwargs)

    everything = table_ids(run_app())
    monkeypatch.setattr("ui.panels.MAX_TABLE_ROWS", 3)
    monkeypatch.setattr(DeltaGenerator, "download_button", recording)
    at = run_app()
    assert not at.exception
    assert len(table_ids(at)) == 3
    rows = list(csv.reader(io.StringIO(made["Download CSV"].decode("utf-8"))))
    assert rows[0][0] == "id"
    assert [row[0] for row in rows[1:]] == everything
    exported = json.loads(made["Download events file (JSON)"])
    assert sorted(e["id"] for e in exported["events"]) == sorted(everything)


@pytest.mark.parametrize("params", [{}, {"q": "storm"}, {"view": "Production"}])
def test_the_headline_counts_story_and_production_events_shown(
    run_app: RunApp, params: dict[str, str]
) -> None:
    at = run_app(params)
    shown = set(table_ids(at))
    events = json.loads(EXAMPLE.read_text())["events"]
    story = sum(e["chronology"] == "story" for e in events if e["id"] in shown)
    expected = (
        f"Showing **{len(shown)}** of {len(events)} events "
        f"({story} story, {len(shown) - story} production)."
    )
    assert expected in [m.value for m in at.markdown]
    assert shown


def test_a_charts_note_is_a_caption_above_it(
    run_app: RunApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline.charts import story
    from timeline.charts.rows import ROW_LABEL
    from ui.state import clear_figure_cache

    monkeypatch.setattr(story, "MAX_STORY_BEATS", 2)
    clear_figure_cache()  # built with the usual cap by earlier tests
    try:
        at = run_app({"tab": "Timelines", "view": "Story"})
    finally:
        clear_figure_cache()
    assert not at.exception
    story = [e for e in json.loads(EXAMPLE.read_text())["events"] if e["chronology"] == "story"]
    captions = [c.value for c in at.caption]
    assert any(c.startswith(f"Showing 2 of {len(story)} beats") for c in captions), captions
    # Told above the chart, not inside it: the only text inside is each row's label.
    annotations = chart(at, "story_chart")["layout"].get("annotations", [])
    assert {a.get("name") for a in annotations} == {ROW_LABEL}
