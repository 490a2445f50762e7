"""Set vs shot, storylines and the spoiler shield, on the shipped dataset."""

from __future__ import annotations

import json

import pytest

from tests.app.conftest import SHIPPED, RunApp, chart, clickable_ids, table_ids

DATA = json.loads(SHIPPED.read_text())
STORY = sorted((e for e in DATA["events"] if e["chronology"] == "story"), key=lambda e: e["order"])
PRODUCTION = [e for e in DATA["events"] if e["chronology"] == "production"]
ORDER = {e["id"]: e["order"] for e in STORY}


def _hidden_after(until: int) -> set[str]:
    """What the shield must hide, worked out from the file itself."""
    beats = {e["id"] for e in STORY if e["order"] > until}
    tied = {
        e["id"] for e in PRODUCTION if e.get("story_events") and beats >= set(e["story_events"])
    }
    return beats | tied


@pytest.mark.parametrize("until", [1, 8, 20])
def test_the_spoiler_shield_hides_later_beats_in_the_table(run_app: RunApp, until: int) -> None:
    at = run_app({"until": str(until)}, data=SHIPPED)
    shown = set(table_ids(at))
    assert shown.isdisjoint(_hidden_after(until))
    assert {e["id"] for e in STORY if e["order"] <= until} <= shown


@pytest.mark.parametrize(
    ("key", "tab"),
    [
        ("story_chart", "Timelines"),
        ("production_chart", "Timelines"),
        ("storylines_chart", "Storylines"),
        ("map_chart", "Map"),
    ],
)
def test_the_spoiler_shield_hides_later_beats_in_every_chart(
    run_app: RunApp, key: str, tab: str
) -> None:
    at = run_app({"until": "8", "tab": tab}, data=SHIPPED)
    figure = chart(at, key)
    if key == "map_chart":
        hover = " ".join(" ".join(t.get("hovertext") or []) for t in figure["data"])
        for event_id in _hidden_after(8):
            title = next(e["title"] for e in DATA["events"] if e["id"] == event_id)
            assert title not in hover
    else:
        assert clickable_ids(figure).isdisjoint(_hidden_after(8))


def test_the_spoiler_shield_hides_later_beats_in_set_vs_shot(run_app: RunApp) -> None:
    at = run_app({"until": "8", "tab": "Set vs shot"}, data=SHIPPED)
    text = " ".join(m.value for m in at.markdown)
    for beat in STORY:
        if beat["order"] > 8:
            assert beat["title"] not in text


def test_an_event_behind_the_shield_is_not_shown(run_app: RunApp) -> None:
    last = STORY[-1]
    at = run_app({"until": "3", "event": last["id"]}, data=SHIPPED)
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert last["title"] not in text
    assert any("spoiler shield" in t.value for t in at.toast)


def test_details_of_a_beat_do_not_link_to_hidden_production(run_app: RunApp) -> None:
    # The first beat linked to filming, with the shield set right at that beat.
    beat = next(b for b in STORY if any(b["id"] in p.get("story_events", []) for p in PRODUCTION))
    at = run_app({"until": str(beat["order"]), "event": beat["id"]}, data=SHIPPED)
    labels = [b.label for b in at.button]
    hidden = _hidden_after(beat["order"])
    for event in PRODUCTION:
        if event["id"] in hidden:
            assert not any(event["title"] in label for label in labels)


def test_set_vs_shot_lists_the_train_beats_with_their_filming(run_app: RunApp) -> None:
    at = run_app({"tab": "Set vs shot"}, data=SHIPPED)
    text = " ".join(m.value for m in at.markdown)
    linked = {s for p in PRODUCTION if p["phase"] == "filming" for s in p.get("story_events", [])}
    for beat in STORY:
        if beat["id"] in linked:
            assert beat["title"].split()[0] in text
    assert "North Yorkshire" in text


def test_a_beat_shows_where_and_when_it_was_filmed(run_app: RunApp) -> None:
    beat = next(
        b
        for b in STORY
        if any(b["id"] in p.get("story_events", []) and p["phase"] == "filming" for p in PRODUCTION)
    )
    at = run_app({"event": beat["id"]}, data=SHIPPED)
    text = " ".join(m.value for m in at.markdown)
    assert "Where and when it was filmed" in text


def test_storylines_draw_one_line_per_character_of_the_shown_beats(run_app: RunApp) -> None:
    at = run_app({"tab": "Storylines"}, data=SHIPPED)
    figure = chart(at, "storylines_chart")
    names = {c["id"]: c["name"] for c in DATA["characters"]}
    in_story = {names[c] for b in STORY for c in b["characters"]}
    lines = {t["name"].split(" (")[0] for t in figure["data"] if t.get("mode") == "lines+markers"}
    assert lines == in_story


def test_map_links_join_settings_to_filming_places_and_can_be_hidden(run_app: RunApp) -> None:
    shown = run_app({"tab": "Map"}, data=SHIPPED)
    names = [t.get("name") for t in chart(shown, "map_chart")["data"]]
    assert "Set → filmed at" in names
    hidden = run_app({"links": "false", "tab": "Map"}, data=SHIPPED)
    names = [t.get("name") for t in chart(hidden, "map_chart")["data"]]
    assert "Set → filmed at" not in names


def test_the_map_steps_through_the_production_by_month(run_app: RunApp) -> None:
    at = run_app({"month": "2020-09", "tab": "Map"}, data=SHIPPED)
    figure = chart(at, "map_chart")
    hover = " ".join(" ".join(t.get("hovertext") or []) for t in figure["data"])
    assert "Norway" in hover
    # Stepping shows where the production was that month, not the story's settings.
    assert "Story setting" not in [t.get("name") for t in figure["data"]]
    # The caption counts the events of that month, in words that agree with the count.
    (caption,) = [c.value for c in at.caption if "with a place" in c.value]
    count = int(caption.split()[0])
    assert count > 0
    noun = "production event " if count == 1 else "production events "
    verb = " overlaps 2020-09." if count == 1 else " overlap 2020-09."
    assert caption == f"{count} {noun}with a place{verb}"
