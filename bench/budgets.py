"""The budgets from the performance issue, checked against a results document.

Shipped data: AppTest rerun <= 1.5x the baseline app (``bench/baseline_app.py``: the
app's charts, points and widgets, no logic); browser page load (returning and
first-time visitor) and filter update <= 1.3x the baseline; server memory for one
session <= 250 MB.
100k events: load + validate <= 2 s; any filter change <= 0.5 s server-side
(the filter, then the open tab's charts built and serialized); each chart's payload
<= 2 MB; memory for one session
<= 600 MB (peak RSS of the process that ran the session's work).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

from bench.common import MB
from bench.results import Results, SizeResult

LARGE = 100_000
Status = Literal["pass", "fail", "skipped"]


@dataclass(frozen=True)
class Check:
    """One budget against one measurement."""

    name: str
    limit: float
    unit: str  # "x" (ratio), "s" or "MB"
    measured: float | None
    status: Status
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _check(name: str, limit: float, unit: str, measured: float | None, detail: str = "") -> Check:
    if measured is None:
        return Check(name, limit, unit, None, "skipped", detail or "not measured in this run")
    status: Status = "pass" if measured <= limit else "fail"
    return Check(name, limit, unit, round(measured, 3), status, detail)


def _large_size(results: Results) -> tuple[int, SizeResult] | None:
    sizes = sorted((n, r) for n, r in results.sizes.items() if n >= LARGE)
    return sizes[0] if sizes else None


def shipped_checks(results: Results) -> list[Check]:
    ratios = results.browser_ratios
    rss = results.server_rss_one_session_bytes
    return [
        _check("shipped: AppTest rerun / baseline", 1.5, "x", results.apptest_rerun_ratio),
        _check(
            "shipped: browser page load / baseline",
            1.3,
            "x",
            ratios.get("navigation_s"),
            "returning visitor (HTTP cache warm)",
        ),
        _check(
            "shipped: browser first visit / baseline",
            1.3,
            "x",
            ratios.get("first_visit_s"),
            "page load with nothing cached",
        ),
        _check(
            "shipped: browser filter update / baseline", 1.3, "x", ratios.get("filter_change_s")
        ),
        _check(
            "shipped: server memory, one session",
            250,
            "MB",
            rss / MB if rss is not None else None,
            "VmRSS of the streamlit process after the page is drawn",
        ),
    ]


def large_checks(results: Results) -> list[Check]:
    found = _large_size(results)
    if found is None:
        return [
            _check(f"100k: {what}", limit, unit, None, f"no size >= {LARGE:,} in --sizes")
            for what, limit, unit in (
                ("load + validate", 2.0, "s"),
                ("slowest filter change", 0.5, "s"),
                ("chart payloads", 2.0, "MB"),
                ("memory, one session", 600, "MB"),
            )
        ]
    n, size = found
    label = f"{n // 1000}k"
    checks = [_check(f"{label}: load + validate", 2.0, "s", size.load_validate_s)]
    checks.append(_filter_change_check(label, size))
    for chart, result in size.figures.items():
        name = f"{label}: payload of {chart}"
        if result.payload_bytes is not None:
            checks.append(_check(name, 2.0, "MB", result.payload_bytes / MB, "len(fig.to_json())"))
        else:
            why = (
                f"build did not finish within {result.timed_out_s:g} s"
                if result.timed_out_s is not None
                else result.skipped or "not built"
            )
            checks.append(Check(name, 2.0, "MB", None, "fail", f"not measured: {why}"))
    peak = size.peak_rss_bytes
    checks.append(
        _check(
            f"{label}: memory, one session",
            600,
            "MB",
            peak / MB if peak is not None else None,
            "peak RSS of the process loading, filtering and drawing every chart",
        )
    )
    return checks


def _filter_change_check(label: str, size: SizeResult) -> Check:
    """A filter change's server time, taken at its worst: the slowest filter, then the
    charts of the most expensive tab built with every event shown (only the open tab is
    built on a rerun)."""
    name = f"{label}: slowest filter change (filter + open tab's charts)"
    filters, by_tab = size.filters, size.rerun_by_tab_s
    if not filters or not by_tab:
        return _check(name, 0.5, "s", None)
    slowest = max(filters, key=lambda f: filters[f])
    late = [t for t, v in by_tab.items() if v is None]
    if late:
        return Check(
            name, 0.5, "s", None, "fail", f"a chart build timed out ({', '.join(late)} tab)"
        )
    built = {t: v for t, v in by_tab.items() if v is not None}
    no_filter = next(iter(filters.values()))  # included in by_tab
    tab = max(built, key=lambda t: built[t])
    worst = filters[slowest] + built[tab] - no_filter
    return _check(name, 0.5, "s", worst, f"{slowest}, then the {tab} tab")


def check(results: Mapping[str, Any]) -> list[Check]:
    """Every budget, in the order the issue lists them, from a results document."""
    parsed = Results.parse(results)
    return shipped_checks(parsed) + large_checks(parsed)
