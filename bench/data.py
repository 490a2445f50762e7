"""Sections 1 and 2: loading the shipped file, and the pipeline on synthetic datasets.

The fresh-process load times ``python -c "...load_path(...)"`` against the same
command without the load (interpreter + imports), interleaved; the load itself is
timed inside each fresh process (the difference of two noisy medians can even come
out negative). Each synthetic
size runs in its own process (:mod:`bench.pipeline`), which is also how its peak
memory is measured.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import PYTHON, ROOT, SHIPPED, clean_env, interleaved, repeat
from timeline.loading import load_path

IMPORT_ONLY = "from timeline.loading import load_path"
LOAD_SHIPPED = (
    f"import time; {IMPORT_ONLY}; start = time.perf_counter(); "
    "load_path('data/events.json'); print(time.perf_counter() - start)"
)


def _python_c(code: str, printed: list[float] | None = None) -> Callable[[], float]:
    """Time ``python -c code``; if ``printed`` is given, keep the number it prints last."""

    def run() -> float:
        start = time.perf_counter()
        done = subprocess.run(
            [PYTHON, "-c", code], cwd=ROOT, env=clean_env(), check=True, capture_output=True
        )
        elapsed = time.perf_counter() - start
        if printed is not None:
            printed.append(float(done.stdout.split()[-1]))
        return elapsed

    return run


def shipped_load(times: int) -> dict[str, Any]:
    """Load + validate ``data/events.json`` in a fresh process and warm, in this one."""
    inside: list[float] = []  # the load alone, as each fresh process timed it
    fresh = interleaved(
        {"load": _python_c(LOAD_SHIPPED, inside), "imports": _python_c(IMPORT_ONLY)}, times
    )
    warm = repeat(lambda: load_path(SHIPPED), max(times, 10), warmup=1)
    return {
        "bytes": SHIPPED.stat().st_size,
        "fresh_process_s": fresh["load"].as_dict(),
        "interpreter_and_imports_s": fresh["imports"].as_dict(),
        # The first load in a fresh process (imports done), timed inside it.
        "fresh_load_s": round(statistics.median(inside), 4),
        "warm_load_s": warm.as_dict(),
    }


def run_size(
    path: Path, times: int, *, chart_timeout: float, skip: set[str], timeout: float
) -> dict[str, Any]:
    """Run :mod:`bench.pipeline` on ``path`` and gather its JSON lines into one result.

    If the whole run outlives ``timeout`` it is stopped; what finished is kept and the
    result says ``"stopped_after_s"``.
    """
    cmd = [PYTHON, "-m", "bench.pipeline", "--data", str(path), "--repeat", str(times)]
    cmd += ["--chart-timeout", str(chart_timeout), "--skip", ",".join(sorted(skip))]
    result: dict[str, Any] = {"filters": {}, "figures": {}}
    start = time.perf_counter()
    try:
        done = subprocess.run(
            cmd, cwd=ROOT, env=clean_env(), capture_output=True, text=True, timeout=timeout
        )
        out, err, code = done.stdout, done.stderr, done.returncode
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        err, code = "", None
        result["stopped_after_s"] = timeout
    for line in out.splitlines():
        record = json.loads(line)
        kind = record.pop("kind")
        if kind == "filter":
            result["filters"][record.pop("name")] = record
        elif kind == "chart":
            result["figures"][record.pop("name")] = record
        elif kind in ("table", "memory"):
            result[kind] = record
        else:
            result.update(record)
    if code not in (0, None):
        sys.stderr.write(err)
        result["error"] = err.strip().splitlines()[-1] if err.strip() else f"exit {code}"
    result["wall_s"] = round(time.perf_counter() - start, 2)
    result["rerun_by_tab_s"] = rerun_by_tab(result)
    return result


def rerun_by_tab(size: dict[str, Any]) -> dict[str, float | None]:
    """Server time of one rerun with every event shown, per open tab (only it is built):
    the filter, then each of the tab's charts built and serialized (None: one timed out)."""
    no_filter = next(iter(size["filters"].values()), None)
    if no_filter is None:
        return {}
    tabs: dict[str, list[dict[str, Any]]] = {}
    for chart in size["figures"].values():
        tabs.setdefault(chart.get("tab") or "?", []).append(chart)
    if "table" in size:
        tabs["Table"] = [size["table"]]
    out: dict[str, float | None] = {}
    for tab, charts in tabs.items():
        if any("build_s" not in c for c in charts):
            out[tab] = None
            continue
        total: float = no_filter["seconds"]["median"] + sum(
            c["build_s"]["median"] + c["serialize_s"]["median"] for c in charts
        )
        out[tab] = round(total, 4)
    return out
