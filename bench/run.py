"""The performance benchmark: one command, a table, ``bench/results/results.json``.

    .venv/bin/python -m bench.run [--quick] [--sizes 1000,10000,100000] [--repeat N]
                                  [--no-apptest] [--no-browser] [--out PATH]

1. Load + validate the shipped ``data/events.json``: in a fresh process (minus the
   interpreter and imports, timed the same way) and warm.
2. Seeded synthetic datasets (:mod:`bench.synth`) per size, each in a process of
   its own (:mod:`bench.pipeline`): load + validate, index, typical filter
   changes, every chart (build time, payload, serialization), the table, peak RSS.
3. The app and a bare baseline app (same charts, same points, no logic) under
   ``AppTest`` on the shipped data, interleaved: first run and a filter-change rerun.
4. Both served by ``streamlit run`` and driven in headless Chromium, interleaved:
   navigation until every chart is drawn, a filter change until they are updated,
   and the app server's memory for one session.

Medians of ``--repeat`` runs (default 5, ``--quick`` 2). The exit status is 3 when
a budget (see :mod:`bench.budgets`) is missed, 4 when a section could not run,
else 0.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from bench import budgets, report
from bench.common import DATA_DIR, RESULTS, ROOT
from bench.synth import dataset_file

EXIT_BUDGET_MISSED = 3
EXIT_SECTION_FAILED = 4
DEFAULT_SIZES = (1_000, 10_000, 100_000)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description="Benchmark the app against its budgets."
    )
    parser.add_argument("--quick", action="store_true", help="2 runs per measurement")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="every section once, on a 200-event dataset, no profile: checks that the "
        "benchmark runs (the test suite's smoke test), not how fast the app is",
    )
    parser.add_argument(
        "--sizes",
        type=lambda s: [int(n) for n in s.split(",") if n.strip()],
        default=list(DEFAULT_SIZES),
        help="synthetic dataset sizes in events, comma-separated (default 1000,10000,100000)",
    )
    parser.add_argument("--repeat", type=int, help="runs per measurement (default 5; quick 2)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic data")
    parser.add_argument("--no-apptest", action="store_true", help="skip section 3 (AppTest)")
    parser.add_argument("--no-browser", action="store_true", help="skip section 4 (Chromium)")
    parser.add_argument(
        "--chart-timeout",
        type=float,
        default=30.0,
        help="stop a chart build after this many seconds (and skip it at larger sizes)",
    )
    parser.add_argument(
        "--size-timeout", type=float, default=300.0, help="stop one size's run after this long"
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "results.json")
    args = parser.parse_args(argv)
    if args.smoke:
        args.repeat, args.sizes = 1, [200]
    if args.repeat is None:
        args.repeat = 2 if args.quick else 5
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return ""
    return done.stdout.strip()


def meta(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "repeat": args.repeat,
        "quick": args.quick,
        "sizes": args.sizes,
        "seed": args.seed,
        "commit": _git("rev-parse", "--short", "HEAD"),
        # Other people edit the code while it is measured: say which files differed.
        "uncommitted": _git("status", "--porcelain", "--untracked-files=no").splitlines(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average_at_start": list(os.getloadavg()),
        "versions": {p: version(p) for p in ("streamlit", "plotly", "pydantic", "pandas")},
    }


def section(results: dict[str, Any], key: str, run: Callable[[], Any]) -> bool:
    """Run one section into ``results[key]``; on an exception record it and go on."""
    log(f"{key} ...")
    start = time.perf_counter()
    try:
        results[key] = run()
    except Exception as exc:
        traceback.print_exc()
        results[key] = {"error": f"{type(exc).__name__}: {exc}"}
        log(f"{key} FAILED: {exc}")
        return False
    log(f"{key} done in {time.perf_counter() - start:.1f} s")
    return True


class _BareModeNoise(logging.Filter):
    """Drops what Streamlit logs when scripts run under AppTest rather than a server."""

    NOISE = ("missing ScriptRunContext", "No runtime found")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(noise in message for noise in self.NOISE)


def _quiet_streamlit() -> None:
    # Streamlit's loggers do not propagate and get their level reset from its config,
    # so the filter goes on each of them.
    import streamlit.logger
    import streamlit.testing.v1  # creates the loggers that complain

    for logger in getattr(streamlit.logger, "_loggers", {}).values():
        logger.addFilter(_BareModeNoise())


def synthetic(args: argparse.Namespace) -> dict[str, Any]:
    from bench.data import run_size

    out: dict[str, Any] = {}
    too_slow: set[str] = set()
    for n in sorted(args.sizes):
        path = dataset_file(n, DATA_DIR, seed=args.seed)
        log(f"  {n:,} events ({path.stat().st_size / 1e6:.1f} MB)")
        result = run_size(
            path,
            args.repeat,
            chart_timeout=args.chart_timeout,
            skip=too_slow,
            timeout=args.size_timeout,
        )
        too_slow |= {name for name, c in result["figures"].items() if "timed_out_s" in c}
        out[str(n)] = result
    return out


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.chdir(ROOT)
    started = time.perf_counter()
    results: dict[str, Any] = {"meta": meta(args)}
    ok = True

    from bench import data

    ok &= section(results, "shipped_load", lambda: data.shipped_load(args.repeat))
    if args.sizes:
        ok &= section(results, "synthetic", lambda: synthetic(args))

    if not (args.no_apptest and args.no_browser):
        _quiet_streamlit()
        from bench import apptest, browser, charts

        spec_path = args.out.parent / "baseline_spec.json"
        found: dict[str, Any] = {}

        def discover() -> dict[str, Any]:
            layout, tabs, widgets = apptest.app_layout()
            charts.write_baseline_spec(layout, tabs, spec_path, widgets)
            found.update(layout=layout, tabs=tabs)
            return {
                view: {
                    tab: [
                        {"name": c.name, "points": c.points, "payload_bytes": c.payload_bytes}
                        for c in shapes
                    ]
                    for tab, shapes in by_tab.items()
                }
                for view, by_tab in layout.items()
            }

        if section(results, "app_charts", discover):
            if not args.no_apptest:
                ok &= section(
                    results,
                    "apptest",
                    lambda: apptest.measure(args.repeat, spec_path, profile=not args.smoke),
                )
            if not args.no_browser:
                points = {
                    view: charts.visible_points(found["layout"], view, found["tabs"])
                    for view in (apptest.START_VIEW, apptest.CHANGED_VIEW)
                }
                ok &= section(
                    results, "browser", lambda: browser.measure(args.repeat, spec_path, points)
                )
        else:
            ok = False

    checks = budgets.check(results)
    results["budgets"] = [c.as_dict() for c in checks]
    missed = [c for c in checks if c.status == "fail"]
    results["passed"] = ok and not missed
    results["meta"]["duration_s"] = round(time.perf_counter() - started, 1)
    results["meta"]["load_average_at_end"] = list(os.getloadavg())

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    print(report.render(results, checks))
    print(f"\nresults: {args.out} ({results['meta']['duration_s']} s)")
    if missed:
        print(f"\n{len(missed)} budget(s) missed:")
        for c in missed:
            shown = "not measured" if c.measured is None else f"{c.measured:g} {c.unit}"
            print(f"  - {c.name}: {shown} (limit {c.limit:g} {c.unit}) {c.detail}")
    if not ok:
        print("\nsome sections failed to run: see 'error' in the results")
        return EXIT_SECTION_FAILED
    return EXIT_BUDGET_MISSED if missed else 0


if __name__ == "__main__":
    sys.exit(main())
