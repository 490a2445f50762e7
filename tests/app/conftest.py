"""AppTest helpers: run app.py on a chosen events file, with URL parameters."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
EXAMPLE = ROOT / "data" / "examples" / "lighthouse.json"
SHIPPED = ROOT / "data" / "events.json"

RunApp = Callable[..., AppTest]


@pytest.fixture
def run_app(monkeypatch: pytest.MonkeyPatch) -> RunApp:
    """Run the app on ``data`` (default: the example dataset) with ``params`` in the URL.

    Only the open tab is built, so unless ``params`` names a tab the Table tab is opened:
    most tests read the table.
    """
    monkeypatch.chdir(ROOT)

    def run(
        params: Mapping[str, str | Sequence[str]] | None = None,
        *,
        data: Path = EXAMPLE,
    ) -> AppTest:
        monkeypatch.setenv("TIMELINE_DATA", str(data))
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in {"tab": "Table", **(params or {})}.items():
            at.query_params[key] = value if isinstance(value, str) else list(value)
        return at.run()

    return run


def table_ids(at: AppTest) -> list[str]:
    """The ``id`` column of the events table, as shown."""
    (table,) = at.dataframe
    frame = table.value
    return list(frame["id"])


def chart(at: AppTest, key: str) -> dict[str, Any]:
    """The figure JSON of the Plotly chart with widget ``key``."""
    for element in at.get("plotly_chart"):
        if element.proto.id.endswith(f"-{key}"):
            figure: dict[str, Any] = json.loads(element.proto.spec)
            return figure
    raise KeyError(key)


def clickable_ids(figure: dict[str, Any]) -> set[str]:
    """Every event id a chart's points carry (their ``customdata``)."""
    return {
        cd[0] for trace in figure["data"] if "customdata" in trace for cd in trace["customdata"]
    }
