"""The benchmark runs end to end: ``python -m bench.run --smoke`` (every section once).

A smoke test, not a timed one: it checks that every section runs and writes the
results the report and the budgets read; whether budgets are met is the full run's
business (``python -m bench.run``, see the README's Performance section).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from bench.run import EXIT_BUDGET_MISSED
from tests.harness import PYTHON, ROOT


def test_every_section_runs_and_writes_what_the_report_reads(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    cmd = [PYTHON, "-m", "bench.run", "--smoke", "--chart-timeout", "20", "--out", str(out)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    # 0: every budget met; 3: some missed. Anything else means the bench itself broke.
    assert done.returncode in (0, EXIT_BUDGET_MISSED), done.stdout + done.stderr
    results = json.loads(out.read_text(encoding="utf-8"))
    assert "budget" in done.stdout  # the report was printed

    assert {"meta", "shipped_load", "synthetic", "app_charts", "apptest", "browser"} <= set(results)
    assert results["meta"]["repeat"] == 1
    assert {"fresh_process_s", "fresh_load_s", "warm_load_s"} <= set(results["shipped_load"])

    size = results["synthetic"]["200"]
    assert {"load_validate_s", "build_index_s", "filters", "figures", "memory"} <= set(size)
    assert "view=Story" in size["filters"]
    for chart in ("story", "production", "map", "storylines", "release", "box_office"):
        measured = size["figures"][chart]
        assert "payload_bytes" in measured or "timed_out_s" in measured, chart
    assert size["memory"]["peak_rss_bytes"] > 0

    assert {"Story", "Production", "Both"} <= set(results["app_charts"])
    assert {"first_run", "rerun"} <= set(results["apptest"]["ratios"])

    browser = results["browser"]
    for server in ("app", "baseline", "charts_only"):
        for what in ("navigation", "filter_change", "first_visit"):
            assert browser[server][f"{what}_s"]["median"] > 0, (server, what)
            assert browser[server][f"{what}_bytes_received"] > 0
    for ratios in (browser["ratios"], browser["ratios_to_charts_only"]):
        assert set(ratios) == {"navigation_s", "filter_change_s", "first_visit_s"}
        assert all(r > 0 for r in ratios.values())
    # The app sends its data; the baselines only plain values.
    assert (
        browser["app"]["navigation_bytes_received"]
        > browser["charts_only"]["navigation_bytes_received"]
    )

    budgets = {b["name"]: b for b in results["budgets"]}
    for name in (
        "shipped: AppTest rerun / baseline",
        "shipped: browser page load / baseline",
        "shipped: browser first visit / baseline",
        "shipped: browser filter update / baseline",
    ):
        assert budgets[name]["status"] in ("pass", "fail"), budgets[name]
