"""Shared helpers: paths, repeated timing with medians, process memory, free ports."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DATA_DIR = RESULTS / "data"
SHIPPED = ROOT / "data" / "events.json"
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON if VENV_PYTHON.exists() else sys.executable)
MB = 1024 * 1024


@dataclass(frozen=True)
class Stats:
    """Summary of repeated measurements (seconds, bytes, ...): the median is what is compared."""

    median: float
    low: float
    high: float
    runs: int

    @classmethod
    def of(cls, values: list[float]) -> Stats:
        if not values:
            raise ValueError("no measurements")
        return cls(statistics.median(values), min(values), max(values), len(values))

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of ``fn`` takes.

    No ``gc.collect()`` first: with 100k models alive one costs about a second, and the
    app pays for its garbage collections too.
    """
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def repeat(fn: Callable[[], object], times: int, *, warmup: int = 0) -> Stats:
    """Median and spread of ``times`` calls of ``fn`` after ``warmup`` untimed calls."""
    for _ in range(warmup):
        fn()
    return Stats.of([timed(fn) for _ in range(times)])


def interleaved(fns: Mapping[str, Callable[[], float]], times: int) -> dict[str, Stats]:
    """Run each measurement in turn, ``times`` rounds, so slow drift hits all of them alike.

    Each function does its own timing and returns seconds (or any number to summarise).
    """
    values: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(times):
        for name, fn in fns.items():
            values[name].append(fn())
    return {name: Stats.of(v) for name, v in values.items()}


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for child processes: ours, minus proxies (loopback only), plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra or {})
    return env
