"""Section 3: the app and the baseline app under ``streamlit.testing.v1.AppTest``.

The baseline is ``bench/baseline_app.py`` (the app's charts, points and widgets, no
logic); its charts-only variant (no widgets but the radio) is timed too, for the
report. The scripts run on the shipped data in this process, interleaved: a full first
run of a new session opened at ``?view=Story`` (the shared data cache already
warm, as on a running server), then a filter change to ``Production`` on the
view radio. For the app that change is timed twice: as if nobody had asked the
server for that view before (its charts are built: the budgeted case) and for a
view seen before (its charts come from the cache). The app alone also gets a
first run with every cache cold and a change of the phase multiselect.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.charts import (
    BASELINE_SPEC_ENV,
    CHARTS_ONLY_ENV,
    Layout,
    charts_by_tab,
    tab_labels,
    widget_shapes,
)
from bench.common import ROOT, interleaved
from ui.state import clear_figure_cache

APP = ROOT / "app.py"
BASELINE = ROOT / "bench" / "baseline_app.py"
VIEWS = ("Story", "Production", "Both")
START_VIEW, CHANGED_VIEW = "Story", "Production"
VIEW_KEY = "view"  # the radio's key, also its URL parameter, in both scripts
TIMEOUT_S = 120
# A rerun takes tens of milliseconds, where a busy machine's noise is large: take the
# median of more rounds than --repeat (they are cheap).
ROUNDS_PER_REPEAT = 3


class AppFailed(RuntimeError):
    """The script raised under AppTest."""


def _checked(at: AppTest, script: Path) -> AppTest:
    if at.exception:
        messages = "; ".join(e.message for e in at.exception)
        raise AppFailed(f"{script.name} raised: {messages}")
    return at


def open_session(script: Path, view: str) -> AppTest:
    """A new session of ``script`` opened at ``?view=<view>``, run once."""
    at = AppTest.from_file(str(script), default_timeout=TIMEOUT_S)
    at.query_params[VIEW_KEY] = view
    return _checked(at.run(), script)


def app_layout() -> tuple[Layout, list[str], list[dict[str, Any]]]:
    """The charts the real app sends for each view, by tab; its tab labels; and the
    other widgets it shows at the start view."""
    layout: Layout = {}
    tabs: list[str] = []
    widgets: list[dict[str, Any]] = []
    for view in VIEWS:
        at = open_session(APP, view)
        layout[view] = charts_by_tab(at)
        tabs = tab_labels(at)
        if view == START_VIEW:
            widgets = widget_shapes(at)
    return layout, tabs, widgets


def _timed_run(at: AppTest, script: Path) -> float:
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    _checked(at, script)
    return elapsed


def _first_run(script: Path) -> float:
    at = AppTest.from_file(str(script), default_timeout=TIMEOUT_S)
    at.query_params[VIEW_KEY] = START_VIEW
    return _timed_run(at, script)


def _rerun(script: Path, *, new_view: bool = False) -> float:
    at = open_session(script, START_VIEW)
    if new_view:
        clear_figure_cache()  # the dataset stays loaded, as on a running server
    at.radio(key=VIEW_KEY).set_value(CHANGED_VIEW)
    return _timed_run(at, script)


def _charts_only_rerun() -> float:
    os.environ[CHARTS_ONLY_ENV] = "1"  # read by the baseline script on each run
    try:
        return _rerun(BASELINE)
    finally:
        os.environ.pop(CHARTS_ONLY_ENV, None)


def _cold_first_run() -> float:
    # Outside a server, clearing logs "No runtime found": mute it for the moment.
    logger = logging.getLogger("streamlit.runtime.caching")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        st.cache_data.clear()
        st.cache_resource.clear()
    finally:
        logger.setLevel(level)
    elapsed = _first_run(APP)
    open_session(APP, "Both")  # back to a running server's state: dataset and charts built
    return elapsed


def _phase_rerun() -> float:
    at = open_session(APP, "Both")
    phases = at.multiselect(key="phase")
    phases.set_value(list(phases.options[:1]))
    return _timed_run(at, APP)


def profile_rerun(times: int, *, limit: int = 12) -> list[dict[str, object]]:
    """Where the app's rerun spends its time: the project's functions by inclusive time,
    per rerun, over ``times`` reruns (evidence for what to make faster).

    yappi, unlike cProfile, sees every thread: AppTest runs the script in its own.
    """
    import yappi

    runs = max(times, 10)
    yappi.set_clock_type("wall")
    yappi.clear_stats()
    for _ in range(runs):
        at = open_session(APP, START_VIEW)
        clear_figure_cache()
        at.radio(key=VIEW_KEY).set_value(CHANGED_VIEW)
        yappi.start()
        try:
            at.run()
        finally:
            yappi.stop()
    rows: list[dict[str, object]] = []
    for stat in sorted(yappi.get_func_stats(), key=lambda s: -s.ttot):
        path = Path(stat.module)
        if not path.is_relative_to(ROOT) or path.is_relative_to(ROOT / "bench"):
            continue
        if ".venv" in path.parts:
            continue
        rows.append(
            {
                "function": f"{path.relative_to(ROOT)}:{stat.lineno}({stat.name})",
                "inclusive_s": round(stat.ttot / runs, 4),
                "self_s": round(stat.tsub / runs, 4),
            }
        )
        if len(rows) == limit:
            break
    yappi.clear_stats()
    return rows


def measure(times: int, spec_path: Path, *, profile: bool = True) -> dict[str, Any]:
    """Interleaved first runs and reruns of the app and the baseline; ratios app/baseline.

    ``profile`` adds where the app's rerun spends its time (:func:`profile_rerun`).
    """
    os.environ[BASELINE_SPEC_ENV] = str(spec_path)
    os.environ.pop("TIMELINE_DATA", None)  # the shipped dataset
    os.environ.pop(CHARTS_ONLY_ENV, None)
    for script in (APP, BASELINE):  # imports, caches: what a running server has done
        _rerun(script)
    stats = interleaved(
        {
            "app_first_run": lambda: _first_run(APP),
            "baseline_first_run": lambda: _first_run(BASELINE),
            "app_rerun": lambda: _rerun(APP, new_view=True),
            "app_rerun_seen_view": lambda: _rerun(APP),
            "baseline_rerun": lambda: _rerun(BASELINE),
            "charts_only_rerun": _charts_only_rerun,
            "app_first_run_cold_cache": _cold_first_run,
            "app_rerun_phase": _phase_rerun,
        },
        ROUNDS_PER_REPEAT * times,
    )
    return {
        "scenario": f"first run at ?view={START_VIEW}; rerun: view radio -> {CHANGED_VIEW} "
        "(app: its charts built, not cached)",
        "app": {
            "first_run_s": stats["app_first_run"].as_dict(),
            "rerun_s": stats["app_rerun"].as_dict(),
            "rerun_seen_view_s": stats["app_rerun_seen_view"].as_dict(),
            "first_run_cold_cache_s": stats["app_first_run_cold_cache"].as_dict(),
            "rerun_phase_multiselect_s": stats["app_rerun_phase"].as_dict(),
        },
        "baseline": {
            "first_run_s": stats["baseline_first_run"].as_dict(),
            "rerun_s": stats["baseline_rerun"].as_dict(),
        },
        "charts_only": {"rerun_s": stats["charts_only_rerun"].as_dict()},
        "ratios": {
            "first_run": _ratio(stats["app_first_run"].median, stats["baseline_first_run"].median),
            "rerun": _ratio(stats["app_rerun"].median, stats["baseline_rerun"].median),
            "rerun_seen_view": _ratio(
                stats["app_rerun_seen_view"].median, stats["baseline_rerun"].median
            ),
        },
        "ratios_to_charts_only": {
            "rerun": _ratio(stats["app_rerun"].median, stats["charts_only_rerun"].median),
        },
        "rerun_profile_per_run": profile_rerun(times) if profile else [],
    }


def _ratio(a: float, b: float) -> float:
    return round(a / b, 3) if b > 0 else float("inf")
