"""Plain-text tables of a results document, for the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bench.budgets import Check
from bench.common import MB


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell; the first left-aligned, the rest right-aligned."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            str(c).ljust(w) if i == 0 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def secs(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def _kb(value: float | None) -> str:
    return "—" if value is None else f"{value / 1024:.1f} kB"


def mb(value: float | None) -> str:
    return "—" if value is None else f"{value / MB:.2f} MB"


def _median(result: dict[str, Any], key: str) -> float | None:
    stats = result.get(key)
    return stats.get("median") if isinstance(stats, dict) else None


def shipped_section(results: dict[str, Any]) -> str:
    load = results["shipped_load"]
    return "\n".join(
        [
            f"Shipped data ({load['bytes'] / 1024:.0f} kB): load + validate",
            f"  fresh process {secs(load['fresh_process_s']['median'])}"
            f" (interpreter + imports alone {secs(load['interpreter_and_imports_s']['median'])});"
            f" first load in it {secs(load['fresh_load_s'])};"
            f" warm (in-process) {secs(load['warm_load_s']['median'])}",
        ]
    )


def _chart_cell(chart: dict[str, Any]) -> str:
    if "timed_out_s" in chart:
        return f"> {chart['timed_out_s']:g} s (stopped)"
    if "skipped" in chart:
        return "skipped"
    if "payload_bytes" not in chart:
        return "—"
    build = secs(_median(chart, "build_s"))
    return f"{build} / {mb(chart['payload_bytes'])}"


def _rerun_cell(by_tab: dict[str, float | None], tab: str) -> str:
    if tab not in by_tab:
        return "—"
    value = by_tab[tab]
    return "> chart timeout" if value is None else secs(value)


def _table_cell(size: dict[str, Any]) -> str:
    if "table" not in size:
        return "—"
    return f"{secs(_median(size['table'], 'build_s'))} / {mb(size['table']['payload_bytes'])}"


def _problem(size: dict[str, Any]) -> str:
    problems = [size["error"]] if "error" in size else []
    if "stopped_after_s" in size:
        problems.append(f"stopped after {size['stopped_after_s']:g} s")
    return "; ".join(problems)


def synthetic_section(results: dict[str, Any]) -> str:
    sizes = results.get("synthetic", {})
    if not sizes:
        return ""
    names = list(sizes)
    header = ["synthetic events", *(f"{int(n):,}" for n in names)]
    rows: list[list[str]] = [
        ["file size", *(mb(sizes[n].get("bytes")) for n in names)],
        ["load + validate", *(secs(_median(sizes[n], "load_validate_s")) for n in names)],
        ["build_index", *(secs(_median(sizes[n], "build_index_s")) for n in names)],
        ["build columns", *(secs(_median(sizes[n], "build_columns_s")) for n in names)],
    ]
    filter_names = list(next(iter(sizes.values())).get("filters", {}))
    for f in filter_names:
        rows.append(
            [
                f"filter {f[:38]}",
                *(secs(_median(sizes[n]["filters"].get(f, {}), "seconds")) for n in names),
            ]
        )
    chart_names = list(dict.fromkeys(c for n in names for c in sizes[n].get("figures", {})))
    for c in chart_names:
        rows.append(
            [f"{c}: build / payload", *(_chart_cell(sizes[n]["figures"].get(c, {})) for n in names)]
        )
        rows.append(
            [
                f"{c}: serialize",
                *(secs(_median(sizes[n]["figures"].get(c, {}), "serialize_s")) for n in names),
            ]
        )
    rows.append(["table: build / payload", *(_table_cell(sizes[n]) for n in names)])
    tabs = list(dict.fromkeys(t for n in names for t in sizes[n].get("rerun_by_tab_s", {})))
    for tab in tabs:
        rows.append(
            [
                f"rerun, {tab} tab open",
                *(_rerun_cell(sizes[n].get("rerun_by_tab_s", {}), tab) for n in names),
            ]
        )
    rows.append(
        [
            "peak RSS (one session's work)",
            *(mb(sizes[n].get("memory", {}).get("peak_rss_bytes")) for n in names),
        ]
    )
    notes = [f"  size {int(n):,}: {_problem(sizes[n])}" for n in names if _problem(sizes[n])]
    return "\n".join([table(header, rows), *notes])


def _pair(
    label: str, app: dict[str, Any], base: dict[str, Any], key: str, ratio: float
) -> list[str]:
    return [label, secs(_median(app, key)), secs(_median(base, key)), f"{ratio:.2f}x"]


# (measure, row label, short label for its breakdown rows)
BROWSER_MEASURES = (
    ("navigation", "open -> drawn (returning visitor)", "open"),
    ("filter_change", "filter -> updated", "filter"),
    ("first_visit", "open -> drawn (first visit, nothing cached)", "first visit"),
)


def ratio_section(results: dict[str, Any]) -> str:
    rows: list[list[str]] = []
    apptest = results.get("apptest", {})
    if "app" in apptest:
        app, base, ratios = apptest["app"], apptest["baseline"], apptest["ratios"]
        rows += [
            _pair("AppTest first run", app, base, "first_run_s", ratios["first_run"]),
            _pair("AppTest rerun, view not seen before", app, base, "rerun_s", ratios["rerun"]),
            *(
                [
                    _pair(
                        "AppTest rerun, view seen before",
                        app,
                        base,
                        "rerun_seen_view_s",
                        ratios["rerun_seen_view"],
                    )
                ]
                if "rerun_seen_view" in ratios
                else []
            ),
            *(
                [
                    _pair(
                        "  rerun, vs charts only (no widgets)",
                        app,
                        apptest["charts_only"],
                        "rerun_s",
                        apptest["ratios_to_charts_only"]["rerun"],
                    )
                ]
                if "charts_only" in apptest
                else []
            ),
            ["AppTest first run, cold cache", secs(_median(app, "first_run_cold_cache_s")), "", ""],
            [
                "AppTest rerun (phase multiselect)",
                secs(_median(app, "rerun_phase_multiselect_s")),
                "",
                "",
            ],
        ]
    browser = results.get("browser", {})
    if "app" in browser:
        app, base, ratios = browser["app"], browser["baseline"], browser["ratios"]
        charts_only = browser.get("charts_only")
        for what, label, short in BROWSER_MEASURES:
            key = f"{what}_s"
            if key not in ratios:
                continue
            rows.append(_pair(f"browser: {label}", app, base, key, ratios[key]))
            if charts_only is not None and key in browser.get("ratios_to_charts_only", {}):
                rows.append(
                    _pair(
                        "  vs charts only (no widgets)",
                        app,
                        charts_only,
                        key,
                        browser["ratios_to_charts_only"][key],
                    )
                )
            for phase in ("wait", "script", "draw"):
                found = f"{what}_phases_s"
                rows.append(
                    [
                        f"  {short}: {phase}",
                        secs(app.get(found, {}).get(phase)),
                        secs(base.get(found, {}).get(phase)),
                        "",
                    ]
                )
            sent = f"{what}_bytes_received"
            rows.append([f"  {short}: bytes received", _kb(app.get(sent)), _kb(base.get(sent)), ""])
        for what in ("idle", "one_session"):
            key = f"server_rss_{what}_bytes"
            rows.append([f"server RSS, {what.replace('_', ' ')}", mb(app[key]), mb(base[key]), ""])
    if not rows:
        return ""
    out = table(["shipped data (medians)", "app", "baseline", "ratio"], rows)
    profile = apptest.get("rerun_profile_per_run")
    if profile:
        out += "\n\nwhere the app's rerun goes (sampled, per rerun; project code only):\n"
        out += table(
            ["function", "inclusive", "self"],
            [
                [str(r["function"]), secs(float(r["inclusive_s"])), secs(float(r["self_s"]))]
                for r in profile[:8]
            ],
        )
    return out


def budget_section(checks: Sequence[Check]) -> str:
    rows = [
        [
            c.name,
            "—" if c.measured is None else f"{c.measured:g} {c.unit}",
            f"<= {c.limit:g} {c.unit}",
            c.status.upper(),
            c.detail,
        ]
        for c in checks
    ]
    return table(["budget", "measured", "limit", "status", "note"], rows)


def render(results: dict[str, Any], checks: Sequence[Check]) -> str:
    parts = [
        shipped_section(results) if "shipped_load" in results else "",
        synthetic_section(results),
        ratio_section(results),
        budget_section(checks),
    ]
    return "\n\n".join(p for p in parts if p)
