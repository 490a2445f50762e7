"""The benchmark runs and writes the results it promises; nothing here asserts on speed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench import budgets
from bench.charts import array_length
from bench.synth import dataset_bytes, make_dataset
from timeline.loading import load_bytes

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"


def test_synthetic_data_is_valid_seeded_and_has_every_date_form() -> None:
    data = dataset_bytes(400, seed=3)
    assert data == dataset_bytes(400, seed=3)
    assert data != dataset_bytes(400, seed=4)
    ds = load_bytes(data, "synthetic", max_bytes=None)
    assert len(ds.events) == 400
    stamps = [e.date for e in ds.events if e.chronology == "production"]
    forms = {
        "day": r"^\d{4}-\d{2}-\d{2}$",
        "month": r"^\d{4}-(0[1-9]|1[0-2])$",
        "season": r"^\d{4}-(2[1-4]|3[3-6]|4[01])$",
        "year": r"^\d{4}$",
        "interval": r"^[^\[]+/.+$",
        "one-of range": r"^\[.+\.\..+\]$",
        "qualified": r"[~?]$",
    }
    missing = [name for name, form in forms.items() if not any(re.search(form, d) for d in stamps)]
    assert not missing, f"no {missing} dates among {len(stamps)}"


def test_synthetic_places_nest_and_story_orders_run_from_one() -> None:
    doc = make_dataset(200)
    kinds = {loc["kind"] for loc in doc["locations"]}
    assert {"country", "region"} <= kinds
    assert len(doc["locations"]) >= 200
    orders = sorted(e["order"] for e in doc["events"] if e["chronology"] == "story")
    assert orders == list(range(1, len(orders) + 1))


def test_typed_arrays_are_counted_like_lists() -> None:
    assert array_length([1, 2, 3]) == 3
    # Plotly's typed array for three float64 values.
    assert array_length({"dtype": "f8", "bdata": "AAAAAAAA8D8AAAAAAAAAQAAAAAAAAAhA"}) == 3
    assert array_length(None) == 0


@pytest.mark.parametrize(
    ("url", "off"),
    [
        ("http://127.0.0.1:8501/static/js/index.js", False),
        ("ws://localhost:8501/_stcore/stream", False),
        ("data:image/png;base64,AAAA", False),
        ("blob:http://127.0.0.1:8501/0a1b", False),
        ("https://cdn.plot.ly/world_110m.json", True),
        ("http://8.8.8.8/", True),
        ("wss://example.org/socket", True),
    ],
)
def test_the_browser_bench_tells_off_host_requests(url: str, off: bool) -> None:
    from bench.browser import is_off_host

    assert is_off_host(url) is off


def test_budgets_pass_fail_and_skip() -> None:
    results: dict[str, Any] = {
        "apptest": {"ratios": {"rerun": 1.2}},
        "browser": {
            "ratios": {"navigation_s": 1.5, "filter_change_s": 1.0, "first_visit_s": 1.29},
            "app": {"server_rss_one_session_bytes": 100 * 1024 * 1024},
        },
        "synthetic": {
            "100000": {
                "load_validate_s": {"median": 1.0},
                "filters": {"q=x": {"seconds": {"median": 0.7}}},
                "rerun_by_tab_s": {"Timelines": 0.8},
                "figures": {"a": {"payload_bytes": 10}, "b": {"timed_out_s": 30.0}},
                "memory": {"peak_rss_bytes": 700 * 1024 * 1024},
            }
        },
    }
    status = {c.name: c.status for c in budgets.check(results)}
    assert status["shipped: AppTest rerun / baseline"] == "pass"
    assert status["shipped: browser page load / baseline"] == "fail"
    assert status["shipped: browser first visit / baseline"] == "pass"
    assert status["shipped: browser filter update / baseline"] == "pass"
    assert status["100k: slowest filter change (filter + open tab's charts)"] == "fail"
    assert status["100k: payload of a"] == "pass"
    assert status["100k: payload of b"] == "fail"  # too slow to measure is not a pass
    assert status["100k: memory, one session"] == "fail"
    assert budgets.check({})[0].status == "skipped"


def _filter_change(filters: dict[str, float], by_tab: dict[str, float | None]) -> Any:
    size = {
        "filters": {name: {"seconds": {"median": s}} for name, s in filters.items()},
        "rerun_by_tab_s": by_tab,
    }
    checks = budgets.check({"synthetic": {"100000": size}})
    (found,) = [c for c in checks if c.name.startswith("100k: slowest filter")]
    return found


def test_a_filter_change_counts_the_slowest_filter_and_the_dearest_tab() -> None:
    # by_tab includes the first (no-filter) filter's time: swap in the slowest filter.
    found = _filter_change({"none": 0.1, "q=x": 0.3}, {"Timelines": 0.25, "Map": 0.35})
    assert found.measured == pytest.approx(0.55)
    assert found.status == "fail"
    assert "q=x, then the Map tab" in found.detail
    assert _filter_change({"none": 0.1, "q=x": 0.2}, {"Map": 0.35}).status == "pass"
    assert _filter_change({"none": 0.1}, {"Map": None}).status == "fail"


@pytest.mark.parametrize("flag", ["--repeat=0"])
def test_bad_arguments_are_refused(flag: str) -> None:
    python = str(PYTHON if PYTHON.exists() else sys.executable)
    done = subprocess.run(
        [python, "-m", "bench.run", flag], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "--repeat" in done.stderr


def test_the_baseline_mirrors_the_apps_widgets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    from bench import apptest, charts

    monkeypatch.delenv("TIMELINE_DATA", raising=False)
    layout, tabs, widgets = apptest.app_layout()
    kinds = {w["kind"] for w in widgets}
    assert kinds >= {"multiselect", "date_input", "file_uploader", "button_group"}
    spec = tmp_path / "spec.json"
    charts.write_baseline_spec(layout, tabs, spec, widgets)
    monkeypatch.setenv(charts.BASELINE_SPEC_ENV, str(spec))
    monkeypatch.delenv(charts.CHARTS_ONLY_ENV, raising=False)
    at = AppTest.from_file(str(ROOT / "bench" / "baseline_app.py"), default_timeout=60).run()
    assert not at.exception
    mirrored = charts.widget_shapes(at)
    assert [(w["where"], w["kind"], w["options"]) for w in mirrored] == [
        (w["where"], w["kind"], w["options"]) for w in widgets
    ]

    monkeypatch.setenv(charts.CHARTS_ONLY_ENV, "1")
    bare = AppTest.from_file(str(ROOT / "bench" / "baseline_app.py"), default_timeout=60).run()
    assert not bare.exception
    assert charts.widget_shapes(bare) == []
    assert [r.label for r in bare.radio] == ["Chronology"]
    assert len(bare.get("plotly_chart")) == len(at.get("plotly_chart")) > 0


def test_results_read_missing_parts_as_not_measured() -> None:
    from bench.results import Results

    parsed = Results.parse(
        {"browser": {"ratios": {"navigation_s": 1.1, "odd": "x"}}, "synthetic": {"10": {}}}
    )
    assert parsed.apptest_rerun_ratio is None
    assert parsed.browser_ratios == {"navigation_s": 1.1}
    assert parsed.server_rss_one_session_bytes is None
    size = parsed.sizes[10]
    assert (size.load_validate_s, size.filters, size.figures, size.peak_rss_bytes) == (
        None,
        {},
        {},
        None,
    )
