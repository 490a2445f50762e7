"""The Fortunes tab: drawn from the shipped data, and a plain sentence when data lacks it."""

from __future__ import annotations

import pytest

from tests.app.conftest import EXAMPLE, SHIPPED, RunApp, chart, clickable_ids

KEYS = ("fortunes_release", "fortunes_box_office", "fortunes_reception")


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


def test_the_views_follow_the_filters(run_app: RunApp) -> None:
    at = run_app({"tab": "Fortunes", "phase": "Release"}, data=SHIPPED)
    assert clickable_ids(chart(at, "fortunes_release"))
    assert not clickable_ids(chart(at, "fortunes_box_office"))
