"""Helpers for the hostile tier: AppTest observations, resource limits, worker processes.

Anything that may take long or use a lot of memory (the big corpus files, the URL fuzz)
runs in a *worker* process started by :func:`run_worker`, so that it can be timed,
measured (peak RSS from ``/proc``) and killed when it overruns, without slowing or
bloating the pytest process itself. A worker runs :func:`worker_main` and prints one
``RESULT {json}`` line per observation.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.app.conftest import APP, EXAMPLE, ROOT, RunApp, run_app, table_ids
from tests.harness import PYTHON, proc_status, reset_peak_rss

__all__ = ["EXAMPLE", "ROOT", "RunApp", "run_app", "table_ids"]


# A hostile file at or under the upload cap must be answered within TIME_LIMIT_S and
# PEAK_LIMIT_BYTES. Why these numbers: an upload is checked in the Streamlit script
# thread, so the person waits (and, holding the GIL, slows every other session) the
# whole time: 10 s is already a long stall on a 2-core CI box, where the shipped
# dataset loads in ~0.1 s. Memory: a 5 MB file parses into ~100 MB of Python objects;
# 1 GiB (200x the file) leaves room for validation but not for a few such uploads to
# exhaust a small server (the four-session browser test allows 600 MB for everything).
TIME_LIMIT_S = 10.0
PEAK_LIMIT_BYTES = 1024 * 1024 * 1024
# A worker that overruns is killed this long after the limit (it has failed anyway).
KILL_AFTER_S = TIME_LIMIT_S + 5
# Python-heap peak (tracemalloc) for one ordinary corpus file.
SMALL_HEAP_LIMIT_BYTES = 64 * 1024 * 1024

RESULT = "RESULT "


# --- /proc ---------------------------------------------------------------------------


# --- AppTest observations (shared by in-process tests and workers) --------------------


def _text(values: Iterator[Any]) -> list[str]:
    return [str(v.value) for v in values]


def _title(at: Any) -> str | None:
    """The page title as shown: its Markdown source with the escapes undone."""
    return re.sub(r"\\(.)", r"\1", at.title[0].value) if at.title else None


def observe_upload(at: Any, name: str, data: bytes) -> dict[str, Any]:
    """Upload ``data`` as ``name`` into the already-run AppTest ``at``; what changed."""
    before = {"ids": table_ids(at), "title": _title(at)}
    started = time.perf_counter()
    at.file_uploader(key="upload").set_value((name, data, "application/json")).run()
    elapsed = time.perf_counter() - started
    return {
        "elapsed": elapsed,
        "exceptions": [e.message for e in at.exception],
        "before": before,
        "after": {
            "ids": table_ids(at) if at.dataframe else None,
            "title": _title(at),
        },
        "sidebar_errors": _text(iter(at.sidebar.error)),
        "sidebar_code": _text(iter(at.sidebar.code)),
        "main_errors": _text(iter(at.main.error)),
    }


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    return value


def observe_url(at: Any, keys: Sequence[str]) -> dict[str, Any]:
    """What a finished AppTest run shows for URL parameters ``keys``: widgets, notices."""
    values: dict[str, Any] = {}
    for kind in ("radio", "multiselect", "date_input", "text_input", "slider", "toggle"):
        for widget in at.get(kind):
            if widget.key in keys:
                values[widget.key] = _jsonable(widget.value)
    for widget in at.get("segmented_control"):
        if widget.key in keys:
            values[widget.key] = _jsonable(widget.value)
    state = at.session_state
    return {
        "exceptions": [e.message for e in at.exception],
        "errors": _text(iter(at.error)),
        "toasts": _text(iter(at.toast)),
        "values": values,
        "tab": state.get("tab"),
        "selected": state.get("selected_event"),
        "shown": len(table_ids(at)) if at.dataframe else None,
    }


def new_app(timeout: float = 60) -> Any:
    """A fresh AppTest of ``app.py`` (the data path comes from ``TIMELINE_DATA``)."""
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(APP, default_timeout=timeout)


# --- workers ---------------------------------------------------------------------------


class WorkerTimeout(Exception):
    """The worker overran its timeout and was killed."""


_WORKER = "import sys; from tests.hostile.conftest import worker_main; worker_main(sys.argv[1:])"


def _spawn(args: Sequence[str], data: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TIMELINE_DATA": str(data), "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [PYTHON, "-c", _WORKER, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _results(args: Sequence[str], code: int | None, out: bytes, err: bytes) -> list[dict[str, Any]]:
    results = [
        json.loads(line[len(RESULT) :])
        for line in out.decode("utf-8", "replace").splitlines()
        if line.startswith(RESULT)
    ]
    if code != 0 or not results:
        pytest.fail(
            f"worker {list(args)} exited with {code} and {len(results)} results\n"
            f"--- stderr (tail) ---\n{err.decode('utf-8', 'replace')[-3000:]}",
            pytrace=False,
        )
    return results


def run_worker(
    args: Sequence[str], *, timeout: float = KILL_AFTER_S, data: Path = EXAMPLE
) -> list[dict[str, Any]]:
    """Run ``worker_main(args)`` in a fresh Python and return its results.

    Raises :class:`WorkerTimeout` after ``timeout`` seconds (the worker is killed), and
    fails the test when the worker dies without reporting.
    """
    proc = _spawn(args, data)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise WorkerTimeout(f"worker {list(args)} killed after {timeout:.0f} s") from None
    return _results(args, proc.returncode, out, err)


def run_workers_in_parallel(
    jobs: Sequence[Sequence[str]], *, timeout: float, data: Path = EXAMPLE
) -> list[dict[str, Any]]:
    """Run several workers at once (one per core); all their results, in job order."""
    procs = [_spawn(args, data) for args in jobs]
    deadline = time.monotonic() + timeout
    results: list[dict[str, Any]] = []
    for args, proc in zip(jobs, procs, strict=True):
        try:
            out, err = proc.communicate(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            for other in procs:
                other.kill()
                other.communicate()
            pytest.fail(f"worker {list(args)} ran past {timeout:.0f} s", pytrace=False)
        results += _results(args, proc.returncode, out, err)
    return results


def _report(result: dict[str, Any]) -> None:
    result["peak_rss"] = proc_status().get("VmHWM", 0)
    sys.stdout.write(RESULT + json.dumps(result) + "\n")
    sys.stdout.flush()


def _load(case_id: str) -> dict[str, Any]:
    from tests.hostile.corpus import case, path_matches
    from timeline.loading import DatasetError, load_bytes

    found = case(case_id)
    rss_before = proc_status().get("VmRSS", 0)
    reset_peak_rss()
    started = time.perf_counter()
    outcome: dict[str, Any] = {"case": case_id, "rss_before": rss_before}
    try:
        load_bytes(found.data, "case.json", max_bytes=None)
        outcome["loaded"] = True
    except DatasetError as exc:
        outcome["loaded"] = False
        outcome["count"] = len(exc.issues)
        outcome["first"] = [str(issue) for issue in exc.issues[:5]]
        outcome["matched"] = found.path is not None and any(
            path_matches(found.path, issue.path) and found.phrase.lower() in issue.message.lower()
            for issue in exc.issues
        )
    except Exception as exc:  # the point: anything else is a crash to report
        outcome["crash"] = f"{type(exc).__name__}: {str(exc)[:500]}"
    outcome["elapsed"] = time.perf_counter() - started
    outcome["peak_rss_growth"] = proc_status().get("VmHWM", 0) - rss_before
    # A second, traced run for the Python-heap peak, when the first was quick enough
    # that tracing (which slows allocation-heavy code ~5x) cannot overrun the limit.
    if outcome["elapsed"] < TIME_LIMIT_S / 5 and "crash" not in outcome:
        tracemalloc.start()
        with contextlib.suppress(DatasetError):
            load_bytes(found.data, "case.json", max_bytes=None)
        outcome["heap_peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return outcome


def _upload(case_id: str) -> dict[str, Any]:
    from tests.hostile.corpus import case

    found = case(case_id)
    at = new_app(timeout=KILL_AFTER_S * 4)
    at.query_params["tab"] = "Table"  # only the open tab is built; the table is read
    at.run()
    rss_before = proc_status().get("VmRSS", 0)
    reset_peak_rss()
    observed = observe_upload(at, f"{case_id}.json", found.data)
    observed["case"] = case_id
    observed["peak_rss_growth"] = proc_status().get("VmHWM", 0) - rss_before
    return observed


def _urls(shard: int, shards: int) -> Iterator[dict[str, Any]]:
    from tests.hostile.test_url_fuzz import KEYS, all_url_cases

    for i, params in enumerate(all_url_cases()):
        if i % shards != shard:
            continue
        at = new_app()
        for key, values in params.items():
            at.query_params[key] = values
        started = time.perf_counter()
        at.run()
        observed = observe_url(at, KEYS)
        observed["i"] = i
        observed["elapsed"] = time.perf_counter() - started
        yield observed


def worker_main(argv: Sequence[str]) -> None:
    """``load CASE`` | ``upload CASE`` | ``urls SHARD SHARDS``: see :func:`run_worker`."""
    os.chdir(ROOT)
    command, *rest = argv
    if command == "load":
        _report(_load(rest[0]))
    elif command == "upload":
        _report(_upload(rest[0]))
    elif command == "urls":
        for observed in _urls(int(rest[0]), int(rest[1])):
            _report(observed)
    else:
        raise SystemExit(f"unknown worker command {command!r}")
