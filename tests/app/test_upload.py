"""Uploading an events file: a good one switches this session only, a bad one changes nothing."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from streamlit.elements.lib import policies
from streamlit.testing.v1 import AppTest

from tests.app.conftest import EXAMPLE, SHIPPED, RunApp, table_ids
from timeline.loading import human_size


def _example_bytes(**changes: object) -> bytes:
    doc = json.loads(EXAMPLE.read_text())
    doc.update(changes)
    return json.dumps(doc).encode()


def test_a_good_upload_switches_the_session(run_app: RunApp) -> None:
    at = run_app(data=SHIPPED)
    assert len(table_ids(at)) > 90
    at.file_uploader(key="upload").set_value(
        ("lighthouse.json", EXAMPLE.read_bytes(), "application/json")
    ).run()
    assert not at.exception
    assert len(table_ids(at)) == 9
    assert "Lighthouse Keeper" in at.title[0].value
    # Markdown-escaped: a file name is data, never markup.
    assert any(r"lighthouse\.json" in c.value and "upload" in c.value for c in at.sidebar.caption)


def test_a_bad_upload_keeps_the_data_and_lists_the_problems(run_app: RunApp) -> None:
    doc = json.loads(EXAMPLE.read_text())
    doc["events"][3]["date"] = "2022-13"
    doc["locations"][0]["lat"] = 123
    at = run_app(data=SHIPPED)
    before = table_ids(at)
    at.file_uploader(key="upload").set_value(
        ("broken.json", json.dumps(doc).encode(), "application/json")
    ).run()
    assert not at.exception
    assert table_ids(at) == before
    assert r"broken\.json was not loaded (2 problems)" in at.sidebar.error[0].value
    listed = at.sidebar.code[0].value
    assert "broken.json: locations[0].lat:" in listed
    assert "broken.json: events[3].date: '2022-13' is not a valid EDTF date" in listed


def test_an_upload_that_is_not_json_is_refused(run_app: RunApp) -> None:
    at = run_app()
    at.file_uploader(key="upload").set_value(("x.json", b"\xff\xfe{", "application/json")).run()
    assert not at.exception
    assert "not UTF-8" in at.sidebar.code[0].value
    assert len(table_ids(at)) == 9


def test_an_upload_over_the_size_cap_is_refused(run_app: RunApp, monkeypatch) -> None:
    monkeypatch.setenv("TIMELINE_MAX_UPLOAD_MB", "0.001")
    at = run_app()
    at.file_uploader(key="upload").set_value(
        ("big.json", EXAMPLE.read_bytes(), "application/json")
    ).run()
    assert (
        f"big.json: $: the file is {human_size(len(EXAMPLE.read_bytes()))}; the limit is 1.0 kB"
        in at.sidebar.code[0].value
    )
    assert len(table_ids(at)) == 9


def test_removing_the_upload_goes_back_to_the_default(run_app: RunApp) -> None:
    at = run_app(data=SHIPPED)
    uploader = at.file_uploader(key="upload")
    uploader.set_value(("lighthouse.json", EXAMPLE.read_bytes(), "application/json")).run()
    assert len(table_ids(at)) == 9
    at.file_uploader(key="upload").set_value(None).run()
    assert len(table_ids(at)) > 90


def test_uploads_stay_in_their_own_session(run_app: RunApp) -> None:
    first = run_app(data=SHIPPED)
    second = run_app(data=SHIPPED)
    first.file_uploader(key="upload").set_value(
        ("lighthouse.json", EXAMPLE.read_bytes(), "application/json")
    ).run()
    renamed = _example_bytes(film={**json.loads(EXAMPLE.read_text())["film"], "title": "Other"})
    second.file_uploader(key="upload").set_value(("other.json", renamed, "application/json")).run()
    first.run()
    assert "Lighthouse Keeper" in first.title[0].value
    assert second.title[0].value.startswith("Other")
    third = run_app(data=SHIPPED)
    assert len(table_ids(third)) > 90


def test_filters_reset_when_a_new_dataset_is_loaded(run_app: RunApp) -> None:
    at = run_app({"view": "Story", "q": "train"}, data=SHIPPED)
    at.file_uploader(key="upload").set_value(
        ("lighthouse.json", EXAMPLE.read_bytes(), "application/json")
    ).run()
    assert at.radio(key="view").value == "Both"
    assert at.text_input(key="q").value == ""
    assert len(table_ids(at)) == 9


@pytest.mark.parametrize(
    "params",
    [
        {"tab": "Timelines", "view": "Story", "until": "5", "lanes": "Setting"},
        {"tab": "Map", "zoom": "Focus", "links": "false", "dates": ["2021-01-01", "2021-12-31"]},
    ],
)
def test_an_upload_resets_the_filters_without_a_streamlit_warning(
    run_app: RunApp, monkeypatch: pytest.MonkeyPatch, params: dict[str, str | list[str]]
) -> None:
    # Streamlit logs (once per process, with a stack trace) when a widget is given a
    # default while its value is also set through Session State. The upload's reset does
    # that on purpose (the defaults must stay, or they would no longer be left out of the
    # URL), so .streamlit/config.toml turns the warning off.
    monkeypatch.setattr(policies, "_shown_default_value_warning", False)
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger(policies.__name__)
    logger.addHandler(handler)
    try:
        at = run_app(params, data=SHIPPED)
        before = {w.key: w.value for w in _defaulted(at)}
        at.file_uploader(key="upload").set_value(
            ("lighthouse.json", EXAMPLE.read_bytes(), "application/json")
        ).run()
    finally:
        logger.removeHandler(handler)
    assert not at.exception
    assert "Lighthouse Keeper" in at.title[0].value
    after = {w.key: w.value for w in _defaulted(at)}
    assert before != after  # the reset happened: the filters are back to their defaults
    assert [r.getMessage() for r in records if "default value" in r.getMessage()] == []


def _defaulted(at: AppTest) -> list[Any]:
    """The widgets of the page that take a default (and that an upload resets)."""
    kinds = ("radio", "slider", "date_input", "button_group", "select_slider", "toggle")
    return [w for kind in kinds for w in at.get(kind) if getattr(w, "key", None)]
