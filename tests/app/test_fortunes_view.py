"""The Fortunes tab: drawn from the shipped data, and a plain sentence when data lacks it."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import EXAMPLE, SHIPPED, RunApp, chart, clickable_ids
from tests.builders import shown
from timeline.charts import box_office
from timeline.charts import reception as reception_chart
from timeline.charts import release as release_chart
from timeline.index import build_index
from timeline.loading import load_path
from timeline.text import markdown_escape

KEYS = ("fortunes_release", "fortunes_box_office", "fortunes_reception")
NOTES = (release_chart.release_notes, box_office.box_office_notes, reception_chart.reception_notes)
# Words from the notes of each chart (as Markdown): none may show when a chart is empty.
NOTE_WORDS = tuple(
    markdown_escape(words)
    for words in ("Release date", "Each row", "Bars:", "Dashed lines:", "Not drawn:", "Scores on")
)


def texts(at: AppTest) -> tuple[list[str], list[str]]:
    """The Markdown and the captions the app shows, as their Markdown sources."""
    return [m.value for m in at.markdown], [c.value for c in at.caption]


@pytest.mark.parametrize("key", KEYS)
def test_each_view_draws_from_the_shipped_data(run_app: RunApp, key: str) -> None:
    at = run_app({"tab": "Fortunes"}, data=SHIPPED)
    assert not at.exception
    figure = chart(at, key)
    assert clickable_ids(figure), f"{key} has no clickable events"


@pytest.mark.parametrize("key", KEYS)
def test_each_view_explains_when_there_is_nothing_to_show(run_app: RunApp, key: str) -> None:
    at = run_app({"tab": "Fortunes"}, data=EXAMPLE)
    assert not at.exception
    figure = chart(at, key)
    assert not clickable_ids(figure)
    notes = [a["text"] for a in figure["layout"].get("annotations", [])]
    assert notes and all(note.strip() for note in notes)


def test_no_headline_or_notes_when_there_is_nothing_to_show(run_app: RunApp) -> None:
    at = run_app({"tab": "Fortunes"}, data=EXAMPLE)
    markdown, captions = texts(at)
    shown = [text for text in markdown + captions if any(w in text for w in NOTE_WORDS)]
    assert not shown


def test_headline_and_notes_are_escaped_text_beside_the_charts(run_app: RunApp) -> None:
    at = run_app({"tab": "Fortunes"}, data=SHIPPED)
    assert not at.exception
    index = build_index(load_path(SHIPPED))
    ids = tuple(index.events)
    markdown, captions = texts(at)
    release = release_chart.release_notes(index, shown(index, ids))
    assert release.headline.startswith("Release date moved")
    assert f"**{markdown_escape(release.headline)}**" in markdown
    for notes_of in NOTES:
        lines = notes_of(index, shown(index, ids)).lines
        assert lines, notes_of.__name__
        assert "  \n".join(markdown_escape(line) for line in lines) in captions
    # Nothing is written into the figures that could run off a narrow screen.
    for key in KEYS:
        layout = chart(at, key)["layout"]
        assert not layout.get("title", {}).get("text")
        assert layout.get("showlegend") is False


def test_the_views_follow_the_filters(run_app: RunApp) -> None:
    at = run_app({"tab": "Fortunes", "phase": "Release"}, data=SHIPPED)
    assert clickable_ids(chart(at, "fortunes_release"))
    assert not clickable_ids(chart(at, "fortunes_box_office"))


def test_the_notes_follow_the_filters(run_app: RunApp) -> None:
    at = run_app({"tab": "Fortunes", "phase": "Box office"}, data=SHIPPED)
    markdown, captions = texts(at)
    assert not any("Release date" in text for text in markdown)
    assert any(caption.startswith(markdown_escape("Bars:")) for caption in captions)
    assert any(markdown_escape("Not drawn: 1 amount in GBP") in caption for caption in captions)
    assert not any("Scores on" in caption for caption in captions)
