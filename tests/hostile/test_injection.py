"""No injection (AppTest): data, file names and URL values reach Markdown and Plotly escaped.

The hostile dataset (:func:`tests.hostile.corpus.hostile_document`) puts HTML,
Markdown and Plotly tags in every text field. Streamlit renders Markdown in bodies,
headings, alerts, toasts, button and widget labels; Plotly renders ``<b>``, ``<a>``,
``<br>`` and friends in hover text, trace names, category labels and titles. So:

* no Markdown source may contain a payload as written (escaping inserts backslashes,
  so the raw text of, say, ``**bold-mark**`` can only survive unescaped);
* no Plotly figure may contain a tag payload (``<b>bold-tag</b>``...) as written.

Code blocks, the data table and select options are plain text and are not checked.
The real browser check is ``tests/browser/test_hostile_browser.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.conftest import RunApp, table_ids
from tests.hostile.corpus import (
    BOLD_MD,
    BOLD_TAG,
    COLOUR_MD,
    HOSTILE_FILE_NAME,
    IMAGE_MD,
    IMG,
    LINK_MD,
    LINK_TAG,
    MATH_MD,
    PAYLOADS,
    SCRIPT,
    hostile_document,
)
from timeline.urlstate import TABS

# Proto fields Streamlit renders as Markdown.
MARKDOWN_FIELDS = ("body", "label", "help", "placeholder")
# Plain-text elements: what they hold is shown as text whatever it contains.
PLAIN = {"code", "dataframe", "selectbox", "multiselect", "text_input", "json", "file_uploader"}


@pytest.fixture
def hostile_path(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(hostile_document()), encoding="utf-8")
    return path


def _nodes(at: Any) -> Iterator[Any]:
    yield from at._tree  # every element and block, depth first


def markdown_leaks(at: Any) -> list[str]:
    """``type.field: text`` for every Markdown source holding a payload as written."""
    leaks = []
    for node in _nodes(at):
        kind = getattr(node, "type", "")
        proto = getattr(node, "proto", None)
        if proto is None or kind in PLAIN:
            continue
        texts = [(f, getattr(proto, f)) for f in MARKDOWN_FIELDS if hasattr(proto, f)]
        # Radio and segmented-control options are Markdown too.
        if kind in ("radio", "button_group") and hasattr(proto, "options"):
            texts += [("options", getattr(o, "content", o)) for o in proto.options]
        for name, text in texts:
            if isinstance(text, str) and any(p in text for p in PAYLOADS):
                leaks.append(f"{kind}.{name}: {text[:90]!r}")
    return leaks


def _strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _strings(inner, f"{where}.{key}")
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _strings(inner, f"{where}[{i}]")


def plotly_leaks(at: Any) -> list[str]:
    """``chart key path: text`` for every figure string holding a data tag as written.

    The app's own tags (``<b>`` around an escaped title) are fine; a tag is a leak only
    where the same string carries the payload's marker text unescaped.
    """
    leaks = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        for where, text in _strings(spec, chart.key or chart.proto.id):
            if any(p in text for p in (SCRIPT, IMG, BOLD_TAG, LINK_TAG)):
                leaks.append(f"{where}: {text[:90]!r}")
    return leaks


def _assert_clean(at: Any) -> None:
    assert not at.exception, [e.message for e in at.exception]
    found = markdown_leaks(at) + plotly_leaks(at)
    assert not found, "markup from the data reaches a renderer unescaped:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "params",
    [
        # Only the open tab is built: open each, with an event's details beside it.
        *(
            pytest.param({"tab": tab, "event": "shoot"}, id=f"tab-{tab.replace(' ', '-')}")
            for tab in TABS
        ),
        pytest.param({"tab": "Timelines", "event": "storm-warning"}, id="story-beat-details"),
        pytest.param({"tab": "Timelines", "lanes": "Setting"}, id="story-lanes-by-setting"),
        pytest.param({"until": "1", "event": "stone-cast"}, id="spoiler-shield"),
        pytest.param({"tab": "Map", "zoom": "Focus"}, id="map-focus"),
    ],
)
def test_hostile_data_is_escaped_everywhere(
    run_app: RunApp, hostile_path: Path, params: dict[str, str]
) -> None:
    at = run_app(params, data=hostile_path)
    assert "Showing" in at.markdown[0].value, "the hostile dataset is valid and should show"
    _assert_clean(at)


def test_a_hostile_upload_and_its_file_name_are_escaped(run_app: RunApp) -> None:
    at = run_app()
    data = json.dumps(hostile_document()).encode()
    at.file_uploader(key="upload").set_value((HOSTILE_FILE_NAME, data, "application/json")).run()
    assert len(table_ids(at)) == 4, "the hostile file is valid and should load"
    _assert_clean(at)


def test_a_refused_upload_with_a_hostile_name_is_escaped(run_app: RunApp) -> None:
    at = run_app()
    doc = hostile_document()
    doc["events"][0]["date"] = f"2021-13 {SCRIPT}"
    at.file_uploader(key="upload").set_value(
        (HOSTILE_FILE_NAME, json.dumps(doc).encode(), "application/json")
    ).run()
    assert at.sidebar.error, "the upload should be refused"
    _assert_clean(at)


def test_hostile_url_values_are_escaped_in_notices(run_app: RunApp) -> None:
    # One payload per parameter: notices quote only the first 40 characters of a value.
    at = run_app(
        {
            "who": IMAGE_MD,
            "location": LINK_MD,
            "phase": BOLD_MD,
            "view": COLOUR_MD,
            "event": SCRIPT,
            "tab": MATH_MD,
            "zoom": BOLD_TAG,
            IMG: "1",
        }
    )
    assert len(at.toast) >= 8, "every one of these values should be noticed"
    _assert_clean(at)
