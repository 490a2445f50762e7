"""A results document (``bench/results/results.json``) read into typed values, once.

The benchmark's sections write plain JSON as they go (a section that fails or times out
leaves its part missing); :meth:`Results.parse` is the one place that copes with missing
parts, so the budgets read attributes, not chains of ``.get()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def _median(stats: object) -> float | None:
    value = stats.get("median") if isinstance(stats, Mapping) else None
    return float(value) if isinstance(value, int | float) else None


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _section(doc: Mapping[str, Any], *keys: str) -> Mapping[str, Any]:
    found: object = doc
    for key in keys:
        found = found.get(key) if isinstance(found, Mapping) else None
    return found if isinstance(found, Mapping) else {}


@dataclass(frozen=True)
class ChartResult:
    """One chart at one size: its payload, or why it has none."""

    payload_bytes: int | None = None
    timed_out_s: float | None = None
    skipped: str | None = None

    @classmethod
    def parse(cls, doc: Mapping[str, Any]) -> ChartResult:
        payload = doc.get("payload_bytes")
        skipped = doc.get("skipped")
        return cls(
            payload_bytes=int(payload) if isinstance(payload, int | float) else None,
            timed_out_s=_number(doc.get("timed_out_s")),
            skipped=str(skipped) if skipped is not None else None,
        )


@dataclass(frozen=True)
class SizeResult:
    """One synthetic dataset size: medians of what the budgets check."""

    load_validate_s: float | None = None
    #: filter name -> median seconds, in the order they ran (the first is "no filter")
    filters: dict[str, float] = field(default_factory=dict)
    #: tab -> seconds to build and serialize its charts (None: a build timed out)
    rerun_by_tab_s: dict[str, float | None] = field(default_factory=dict)
    figures: dict[str, ChartResult] = field(default_factory=dict)
    peak_rss_bytes: int | None = None

    @classmethod
    def parse(cls, doc: Mapping[str, Any]) -> SizeResult:
        filters = {
            name: seconds
            for name, found in _section(doc, "filters").items()
            if (
                seconds := _median(
                    _section(found, "seconds") if isinstance(found, Mapping) else None
                )
            )
            is not None
        }
        peak = _number(_section(doc, "memory").get("peak_rss_bytes"))
        return cls(
            load_validate_s=_median(doc.get("load_validate_s")),
            filters=filters,
            rerun_by_tab_s={t: _number(v) for t, v in _section(doc, "rerun_by_tab_s").items()},
            figures={
                name: ChartResult.parse(found)
                for name, found in _section(doc, "figures").items()
                if isinstance(found, Mapping)
            },
            peak_rss_bytes=int(peak) if peak is not None else None,
        )


@dataclass(frozen=True)
class Results:
    """What the budgets read from a results document; None where it was not measured."""

    apptest_rerun_ratio: float | None = None
    #: navigation_s, first_visit_s, filter_change_s: app ÷ baseline
    browser_ratios: dict[str, float] = field(default_factory=dict)
    server_rss_one_session_bytes: int | None = None
    sizes: dict[int, SizeResult] = field(default_factory=dict)

    @classmethod
    def parse(cls, doc: Mapping[str, Any]) -> Results:
        rss = _number(_section(doc, "browser", "app").get("server_rss_one_session_bytes"))
        return cls(
            apptest_rerun_ratio=_number(_section(doc, "apptest", "ratios").get("rerun")),
            browser_ratios={
                k: float(v)
                for k, v in _section(doc, "browser", "ratios").items()
                if isinstance(v, int | float)
            },
            server_rss_one_session_bytes=int(rss) if rss is not None else None,
            sizes={
                int(n): SizeResult.parse(found)
                for n, found in _section(doc, "synthetic").items()
                if isinstance(found, Mapping)
            },
        )
