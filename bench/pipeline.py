"""Section 2 for one dataset size, in a process of its own.

    python -m bench.pipeline --data FILE --repeat N [--chart-timeout S] [--skip a,b]

Times what one server session does with a dataset: load + validate, build the
index, the typical filter changes, every chart the app draws (build, payload
size, Streamlit's serialization) and the table. Each result is printed as one
JSON line as soon as it is known, so the parent keeps what finished even if it
has to stop a run that takes too long; the last line holds the memory figures
(peak RSS of this process, the closest stand-in for "memory for one session").

A chart build that outlives ``--chart-timeout`` is abandoned (SIGALRM) and
reported as timed out; the parent skips it at larger sizes.
"""

from __future__ import annotations

import argparse
import json
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

import plotly.graph_objects as go
import plotly.io
import plotly.tools

from bench.common import Stats, timed
from tests.harness import proc_status
from timeline import dates
from timeline.charts.registry import BY_NAME, CHARTS
from timeline.columns import build_columns, columns_of
from timeline.filters import Filters, filter_events
from timeline.index import DatasetIndex, build_index
from timeline.loading import load_bytes
from timeline.models import Dataset
from timeline.selection import Selection, select
from timeline.table import MAX_TABLE_ROWS, events_frame

# Repeats stop early once a measurement has used this long (after its minimum runs):
# a 10 s chart build needs no fifth run to show it is 20 times over budget.
MEASURE_BUDGET_S = 12.0
Ids = tuple[str, ...]
Builder = Callable[[DatasetIndex, Selection], go.Figure]


def adaptive(
    fn: Callable[[], object], times: int, *, min_runs: int = 1, first: float | None = None
) -> Stats:
    """Median of up to ``times`` runs, fewer (not under ``min_runs``) for slow ones.

    ``first`` is the time of a run already made, counted as the first.
    """
    runs = [] if first is None else [first]
    while len(runs) < times and (len(runs) < min_runs or sum(runs) < MEASURE_BUDGET_S):
        runs.append(timed(fn))
    return Stats.of(runs)


def clear_caches(module: ModuleType) -> None:
    """Empty every ``functools`` cache defined at the top of ``module``."""
    for value in vars(module).values():
        clear = getattr(value, "cache_clear", None)
        if callable(clear):
            clear()


def emit(**record: Any) -> None:
    print(json.dumps(record), flush=True)


def chart_builders() -> dict[str, Builder]:
    """Every chart the app draws (the registry), by name, with the options it draws by default."""
    return {chart.name: partial(chart.build, **chart.defaults) for chart in CHARTS}


def streamlit_serialize(fig: go.Figure) -> str:
    """What ``st.plotly_chart`` does to a figure before sending it (streamlit 1.67)."""
    checked = plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True)
    spec: str = plotly.io.to_json(checked, validate=False)
    return spec


def typical_filters(index: DatasetIndex) -> dict[str, tuple[Filters, str]]:
    """The filter changes people make, by a name that is the same at every size, with the
    value picked from the dataset itself (returned alongside, for the record)."""
    ds = index.dataset
    country = next(loc for loc in ds.locations if loc.kind == "country")
    lead = ds.characters[0].id
    who = next(label for label, (chars, _) in index.who_labels.items() if lead in chars)
    out: dict[str, tuple[Filters, str]] = {
        "view=Both (no filter)": (Filters(), "Both"),
        "view=Story": (Filters(view="story"), "Story"),
        "view=Production": (Filters(view="production"), "Production"),
        "location=<a country>": (Filters(locations=(country.id,)), country.name),
        "who=<the lead character>": (Filters(who=(who,)), who),
        "phase=Filming,Release": (Filters(phases=("filming", "release")), "Filming, Release"),
        "q=train": (Filters(text="train"), "train"),
    }
    # A year in the thick of the production (the span's ends are outliers).
    starts = sorted(d.earliest for d in index.dates.values())
    span = None
    if starts:
        year = starts[len(starts) // 2].year
        span = (date(year, 1, 1), date(year, 12, 31))
        out["dates=<the median year>"] = (Filters(span=span), str(year))
    # The spoiler shield: the story up to its middle beat.
    half = max(1, len(index.story) // 2)
    out["until=<the middle beat>"] = (Filters(until=half), str(half))
    out["combined (5 filters)"] = (
        Filters(locations=(country.id,), who=(who,), phases=("filming",), text="the", span=span),
        "all of the above",
    )
    return out


# --- timing with a time limit --------------------------------------------------------


class ChartTimeout(Exception):
    """A chart build ran past its time limit."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise ChartTimeout


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the code inside after ``seconds`` (main thread only; 0 means no limit)."""
    if seconds <= 0:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _points(trace: Any) -> int:
    for attr in ("x", "lat", "y"):
        values = getattr(trace, attr, None)
        if values is not None:
            return len(values)
    return 0


def measure_chart(build: Callable[[], go.Figure], times: int, limit: float) -> dict[str, Any]:
    """Build time, payload size and serialization time of one chart; the first build must
    finish within ``limit`` seconds (else :class:`ChartTimeout`)."""
    with time_limit(limit):
        start = time.perf_counter()
        fig = build()
        first = time.perf_counter() - start
    payload = fig.to_json()
    return {
        "build_s": adaptive(build, times, first=first).as_dict(),
        "serialize_s": adaptive(lambda: streamlit_serialize(fig), times).as_dict(),
        "payload_bytes": len(payload),
        "traces": len(fig.data),
        "points": sum(_points(t) for t in fig.data),
        "height_px": fig.layout.height,
    }


def measure_table(index: DatasetIndex, ids: Ids, times: int) -> dict[str, Any]:
    from streamlit import dataframe_util

    ids = ids[:MAX_TABLE_ROWS]  # as the app shows it: the first rows only
    frame = events_frame(index, ids)
    arrow = dataframe_util.convert_pandas_df_to_arrow_bytes(frame)
    return {
        "build_s": adaptive(lambda: events_frame(index, ids), times).as_dict(),
        "serialize_s": adaptive(
            lambda: dataframe_util.convert_pandas_df_to_arrow_bytes(frame), times
        ).as_dict(),
        "payload_bytes": len(arrow),
        "rows": len(frame),
    }


# --- the run ------------------------------------------------------------------------


def run(path: Path, times: int, chart_timeout: float, skip: set[str]) -> None:
    # What a server process has imported before any session: Streamlit (with pyarrow,
    # for tables) and edtf (imported by the first qualified date; not timed).
    import edtf  # noqa: F401
    import streamlit.dataframe_util  # noqa: F401

    rss_start = proc_status()["VmRSS"]
    data = path.read_bytes()

    def load() -> Dataset:
        clear_caches(dates)  # a fresh server has parsed no date yet
        return load_bytes(data, path.name, max_bytes=None)

    # Checked against a budget: at least three runs however slow.
    emit(kind="load", load_validate_s=adaptive(load, times, min_runs=min(3, times)).as_dict())
    ds = load()
    emit(kind="index", build_index_s=adaptive(lambda: build_index(ds), times).as_dict())
    index = build_index(ds)
    # The arrays filters and charts use, built once per dataset on first use.
    emit(kind="columns", build_columns_s=adaptive(partial(build_columns, index), times).as_dict())
    columns_of(index)  # kept for the session, as the app keeps it
    rss_index = proc_status()["VmRSS"]
    steps: dict[str, int] = {"imports": rss_start, "load + index": rss_index}

    def memory(step: str) -> None:
        """Emit the memory so far (the parent keeps the last): peak, and RSS after each step."""
        status = proc_status()
        steps[step] = status["VmRSS"]
        emit(
            kind="memory",
            rss_after_imports_bytes=rss_start,
            rss_after_index_bytes=rss_index,
            rss_end_bytes=status["VmRSS"],
            peak_rss_bytes=status["VmHWM"],
            rss_after_step_bytes=steps,
        )

    emit(
        kind="dataset",
        events=len(ds.events),
        bytes=len(data),
        distinct_dates=len({e.date for e in index.production}),
    )

    for name, (chosen, value) in typical_filters(index).items():
        stats = adaptive(partial(filter_events, index, chosen), times, min_runs=min(3, times))
        emit(
            kind="filter",
            name=name,
            value=value,
            seconds=stats.as_dict(),
            events=len(filter_events(index, chosen)),
        )

    shown = select(index, Filters())
    ids = shown.ids
    for name, builder in chart_builders().items():
        tab = BY_NAME[name].tab
        if name in skip:
            emit(
                kind="chart",
                name=name,
                tab=tab,
                skipped="timed out at a smaller size",
            )
            continue
        try:
            result = measure_chart(partial(builder, index, shown), times, chart_timeout)
        except ChartTimeout:
            emit(kind="chart", name=name, tab=tab, timed_out_s=chart_timeout)
            continue
        emit(kind="chart", name=name, tab=tab, **result)
        memory(name)  # so far: kept if a later step has to be stopped

    emit(kind="table", **measure_table(index, ids, times))
    memory("table")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--chart-timeout", type=float, default=30.0)
    parser.add_argument("--skip", default="", help="chart names to skip, comma-separated")
    args = parser.parse_args(argv)
    run(args.data, args.repeat, args.chart_timeout, {s for s in args.skip.split(",") if s})


if __name__ == "__main__":
    main()
