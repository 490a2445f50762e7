"""What the app's charts are made of, so the baseline app can draw the same amount.

The charts are read from the real app, run under ``AppTest`` for each chronology
view: every ``st.plotly_chart`` it sends, the tab it sits in, and from its spec
the *shape*: trace types and point counts, plus the few layout settings that
decide how much a browser draws (height, a date axis, the map's geography). The
baseline app (``bench/baseline_app.py``) draws exactly those shapes with plain
values and nothing else. Reading the running app rather than calling the figure
builders keeps the baseline right whatever charts the app gains or loses.
"""

from __future__ import annotations

import base64
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

BASELINE_SPEC_ENV = "BENCH_BASELINE_SPEC"
CHARTS_ONLY_ENV = "BENCH_BASELINE_CHARTS_ONLY"  # the baseline without the widgets
OUTSIDE_TABS = ""  # charts drawn outside any tab
_ITEMSIZE = {"i1": 1, "u1": 1, "i2": 2, "u2": 2, "i4": 4, "u4": 4, "f4": 4, "f8": 8}
_COUNTED = ("x", "y", "lat", "lon", "base")

Layout = dict[str, dict[str, list["ChartShape"]]]  # view label -> tab label -> charts


@dataclass(frozen=True)
class TraceShape:
    """One trace: its Plotly type, mode or orientation, and how many points it has."""

    type: str
    mode: str | None
    orientation: str | None
    points: int


@dataclass(frozen=True)
class ChartShape:
    """One chart: its traces and the layout settings that change how much is drawn."""

    name: str
    traces: tuple[TraceShape, ...]
    height: int | None
    date_axis: bool
    geo: dict[str, Any] | None
    payload_bytes: int

    @property
    def points(self) -> int:
        """Every point of every trace, counted as the browser check counts them."""
        return sum(t.points for t in self.traces)


def array_length(value: object) -> int:
    """Length of a JSON array, or of a Plotly typed array (``{"dtype", "bdata"}``)."""
    if isinstance(value, list):
        return len(value)
    if isinstance(value, dict) and "bdata" in value:
        size = _ITEMSIZE.get(str(value.get("dtype", "f8")).lstrip("<>|="), 8)
        return len(base64.b64decode(value["bdata"])) // size
    return 0


def chart_shape(name: str, spec_json: str) -> ChartShape:
    """The shape of one chart from the Plotly JSON Streamlit sends."""
    spec = json.loads(spec_json)
    traces = tuple(
        TraceShape(
            type=str(trace.get("type", "scatter")),
            mode=trace.get("mode"),
            orientation=trace.get("orientation"),
            points=max((array_length(trace.get(key)) for key in _COUNTED), default=0),
        )
        for trace in spec.get("data", [])
    )
    layout = spec.get("layout", {})
    return ChartShape(
        name=name,
        traces=traces,
        height=layout.get("height"),
        date_axis=layout.get("xaxis", {}).get("type") == "date",
        geo=layout.get("geo"),
        payload_bytes=len(spec_json),
    )


def _key(element: Any, position: int) -> str:
    # Widget ids end with the user key ("$$ID-<hash>-story_chart"); plain charts have none.
    element_id = str(getattr(element.proto, "id", ""))
    parts = element_id.split("-", 2)
    return parts[2] if len(parts) == 3 and parts[2] != "None" else f"chart{position}"


def charts_by_tab(at: AppTest) -> dict[str, list[ChartShape]]:
    """Every Plotly chart of a finished run, by the label of the tab it is in."""
    out: dict[str, list[ChartShape]] = {}
    placed: set[str] = set()
    for tab in at.tabs:
        for element in tab.get("plotly_chart"):
            placed.add(element.proto.id)
            chart = chart_shape(_key(element, len(placed)), element.proto.spec)
            out.setdefault(tab.label, []).append(chart)
    for position, element in enumerate(at.get("plotly_chart")):
        if element.proto.id not in placed:
            chart = chart_shape(_key(element, position), element.proto.spec)
            out.setdefault(OUTSIDE_TABS, []).append(chart)
    return out


# Widgets the baseline can mirror, besides the view radio it always has.
WIDGET_KINDS = (
    "slider",
    "multiselect",
    "date_input",
    "text_input",
    "selectbox",
    "select_slider",
    "toggle",
    "button_group",  # st.segmented_control and st.pills
    "file_uploader",
    "popover",
)


def widget_shapes(at: AppTest) -> list[dict[str, Any]]:
    """The app's other widgets after a run: where (sidebar or main), kind, option count."""
    out: list[dict[str, Any]] = []
    for where, block in (("sidebar", at.sidebar), ("main", at.main)):
        for kind in WIDGET_KINDS:
            for widget in block.get(kind):
                options = getattr(widget.proto, "options", None)
                out.append(
                    {
                        "where": where,
                        "kind": kind,
                        "label": str(getattr(widget, "label", None) or kind),
                        "options": len(options) if options is not None else 0,
                    }
                )
    return out


def tab_labels(at: AppTest) -> list[str]:
    """The labels of the top-level tabs, in order."""
    return [tab.label for tab in at.tabs]


def write_baseline_spec(
    layout: Layout, tabs: list[str], path: Path, widgets: list[dict[str, Any]] | None = None
) -> None:
    """Save the layout as the JSON the baseline app reads (plain dicts, no bench imports)."""
    doc = {
        "tabs": tabs,
        "widgets": widgets or [],
        "views": {
            view: {tab: [asdict(c) for c in charts] for tab, charts in by_tab.items()}
            for view, by_tab in layout.items()
        },
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")


def visible_points(layout: Layout, view: str, tabs: list[str]) -> list[int]:
    """Points per chart a browser shows first (outside tabs and in the first tab), sorted."""
    shown = [OUTSIDE_TABS, *tabs[:1]]
    return sorted(c.points for tab in shown for c in layout[view].get(tab, []))
