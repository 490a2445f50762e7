"""The floor the app is measured against: the same page, drawn by Streamlit, no logic.

A bare Streamlit script. It reads the shapes the benchmark took from the real app
(``$BENCH_BASELINE_SPEC``, written by ``python -m bench.run``) and draws them with
plain values: no data loading, no filtering, no hover text, no table. The frame
mirrors the app's so the browser draws the same amount: a wide page, a "Chronology"
radio in the sidebar bound to ``?view=`` (so the same clicks drive both apps), the
same tabs, the same charts with the same points in a 3:1.25 main column, and the
app's other widgets (the spec's ``widgets``: the same kinds, labels and numbers of
options, in the sidebar or the main area) doing nothing.

    BENCH_BASELINE_SPEC=bench/results/baseline_spec.json streamlit run bench/baseline_app.py

With ``BENCH_BASELINE_CHARTS_ONLY=1`` it leaves those widgets out (only the radio and
the charts): the bench reports that ratio too, to show what the widgets alone cost.
"""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import streamlit as st

WIDGETS = os.environ.get("BENCH_BASELINE_CHARTS_ONLY") != "1"
SPEC_PATH = Path(
    os.environ.get("BENCH_BASELINE_SPEC")
    or Path(__file__).resolve().parent / "results" / "baseline_spec.json"
)
CONFIG = {"topojsonURL": "/app/static/", "displaylogo": False, "scrollZoom": False}
DAY_MS = 86_400_000
FIRST_DAY = date(2020, 1, 1)


def _trace(shape: dict[str, Any], date_axis: bool) -> Any:
    n = shape["points"]
    xs = list(range(n))
    days = [(FIRST_DAY + timedelta(days=3 * i)).isoformat() for i in xs]
    ys = [i % 17 for i in xs]
    if shape["type"] == "scattergeo":
        lats = [-60 + (i * 7) % 130 for i in xs]
        lons = [-170 + (i * 13) % 340 for i in xs]
        return go.Scattergeo(lat=lats, lon=lons, mode=shape["mode"])
    if shape["type"] == "bar":
        if shape["orientation"] == "h" and date_axis:
            return go.Bar(base=days, x=[20 * DAY_MS] * n, y=ys, orientation="h")
        if shape["orientation"] == "h":
            return go.Bar(x=[1 + i % 5 for i in xs], y=ys, orientation="h")
        return go.Bar(x=days if date_axis else xs, y=[1 + i % 5 for i in xs])
    # scatter, and any other type: as many plain points
    return go.Scatter(x=days if date_axis else xs, y=ys, mode=shape["mode"] or "markers")


def figure(chart: dict[str, Any]) -> go.Figure:
    fig = go.Figure([_trace(t, chart["date_axis"]) for t in chart["traces"]])
    fig.update_layout(height=chart["height"], showlegend=False, barmode="overlay")
    if chart["date_axis"]:
        fig.update_xaxes(type="date")
    if chart["geo"]:
        fig.update_layout(geo=chart["geo"])
    return fig


def widget(where: Any, shape: dict[str, Any], n: int) -> None:
    """One of the app's widgets, inert: same kind, label and number of options."""
    kind, label, key = shape["kind"], shape["label"], f"w{n}"
    options = [f"{label} {i}" for i in range(shape["options"])]
    if kind == "slider":
        where.slider(label, 1, 30, 30, key=key)
    elif kind == "multiselect":
        where.multiselect(label, options, key=key)
    elif kind == "date_input":
        where.date_input(label, (FIRST_DAY, FIRST_DAY + timedelta(days=2000)), key=key)
    elif kind == "text_input":
        where.text_input(label, key=key)
    elif kind == "selectbox":
        where.selectbox(label, options, index=None, key=key)
    elif kind == "select_slider" and options:
        where.select_slider(label, options, key=key)
    elif kind == "button_group" and options:
        where.segmented_control(label, options, default=options[0], key=key)
    elif kind == "toggle":
        where.toggle(label, value=True, key=key)
    elif kind == "file_uploader":
        where.file_uploader(label, type=["json"], key=key)
    elif kind == "popover":
        with where.popover(label):
            st.code("http://127.0.0.1/", language=None)


def draw(charts: list[dict[str, Any]]) -> None:
    for chart in charts:
        st.plotly_chart(figure(chart), key=chart["name"], config=CONFIG)


spec = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
views = list(spec["views"])

st.set_page_config(page_title="Baseline", layout="wide")
view = st.sidebar.radio(
    "Chronology",
    views,
    index=views.index("Both"),
    key="view",
    bind="query-params",
    horizontal=True,
)
charts = spec["views"][view or "Both"]
shapes = spec.get("widgets", []) if WIDGETS else []
for n, shape in enumerate(shapes):
    if shape["where"] == "sidebar":
        widget(st.sidebar, shape, n)
main, side = st.columns([3, 1.25], gap="medium")
for n, shape in enumerate(shapes):
    if shape["where"] == "main":
        widget(side, shape, n)
with main:
    draw(charts.get("", []))  # charts the app draws outside any tab
    for tab, name in zip(st.tabs(spec["tabs"]), spec["tabs"], strict=True):
        with tab:
            draw(charts.get(name, []))
