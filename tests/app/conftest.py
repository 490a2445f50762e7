"""AppTest helpers: run app.py on a chosen events file, with URL parameters."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
EXAMPLE = ROOT / "data" / "examples" / "lighthouse.json"
SHIPPED = ROOT / "data" / "events.json"

RunApp = Callable[..., AppTest]


@pytest.fixture
def run_app(monkeypatch: pytest.MonkeyPatch) -> RunApp:
    """Run the app on ``data`` (default: the example dataset) with ``params`` in the URL."""
    monkeypatch.chdir(ROOT)

    def run(
        params: Mapping[str, str | Sequence[str]] | None = None,
        *,
        data: Path = EXAMPLE,
    ) -> AppTest:
        monkeypatch.setenv("TIMELINE_DATA", str(data))
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in (params or {}).items():
            at.query_params[key] = value if isinstance(value, str) else list(value)
        return at.run()

    return run


def table_ids(at: AppTest) -> list[str]:
    """The ``id`` column of the events table, as shown."""
    (table,) = at.dataframe
    frame = table.value
    return list(frame["id"])
