"""Section 4: the app and the baseline app served by ``streamlit run``, in headless Chromium.

Three servers on free 127.0.0.1 ports: the app on the shipped data; the baseline
(``bench/baseline_app.py``: the app's charts, points and widgets, no logic), the
floor the budgets are measured against; and the baseline without the widgets
(charts only), reported to show what Streamlit's widgets alone cost. One
Chromium, one browser context per server, so each keeps its own HTTP cache, as a
returning visitor has. Nothing intercepts requests (Playwright's routing would
turn that cache off): Chromium resolves no host name but 127.0.0.1, and a request
to any other host fails the run. Per round, for each server in turn (each goes
first in turn):

* navigation: ``goto ?view=Story`` until every chart a visitor sees has drawn
  SVG points, each with its expected number of points, and Streamlit's
  ``stApp`` says the script is ``notRunning``;
* filter change: click ``Production`` on the sidebar's Chronology radio until
  the charts shown are the Production ones, drawn, and the run has finished;
* first visit: the same navigation in a new browser context, nothing cached, as
  for someone opening a shared link for the first time.

A warm-up round is not counted; right after its page is drawn, the server's
RSS (``/proc/<pid>/status`` VmRSS) is the memory for one session.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Mapping
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from bench.apptest import CHANGED_VIEW, START_VIEW, VIEW_KEY
from bench.charts import BASELINE_SPEC_ENV, CHARTS_ONLY_ENV
from bench.common import RESULTS, ROOT, Stats, clean_env
from tests.harness import RESOLVE_LOCAL_ONLY, Server, launch_chromium, serve

if TYPE_CHECKING:
    from playwright.sync_api import (
        Browser,
        BrowserContext,
        Page,
        Request,
        ViewportSize,
        WebSocket,
    )

LOCAL_HOSTS = ("127.0.0.1", "localhost")
# Page loads and filter changes vary by a tenth or more from one to the next on a
# busy machine: take the median of more rounds than --repeat (each takes ~4 s).
ROUNDS_PER_REPEAT = 2
DRAW_TIMEOUT_MS = 90_000
BASELINE_SCRIPT = ROOT / "bench" / "baseline_app.py"
VIEWPORT: ViewportSize = {"width": 1400, "height": 900}
# Returning visitor (HTTP cache warm): open, then change a filter; first-time visitor.
MEASURES = ("navigation", "filter_change", "first_visit")
RATIOS = tuple(f"{what}_s" for what in MEASURES)

# True once the run has finished and the charts a visitor sees (laid out, not in a
# hidden tab) have drawn points and carry exactly the expected point counts.
DRAWN_JS = """
(expected) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const counted = ['x', 'y', 'lat', 'lon', 'base'];
  const totals = [];
  for (const el of document.querySelectorAll('.js-plotly-plot')) {
    const box = el.getBoundingClientRect();
    if (!(box.width > 0 && box.height > 0) || !el._fullData) continue;
    totals.push(el._fullData.reduce(
      (n, t) => n + Math.max(0, ...counted.map((k) => (t[k] && t[k].length) || 0)), 0));
    const drawn = el.querySelector(
      '.scatterlayer path.point, .barlayer .point > path, .geo path.point, path.js-line');
    if (totals[totals.length - 1] > 0 && !drawn) return false;
  }
  totals.sort((a, b) => a - b);
  const done = totals.length === expected.length && totals.every((v, i) => v === expected[i]);
  if (done) window.__benchDrawn = performance.now();
  return done;
}
"""
# Installed before any page script: every change of Streamlit's script-run state,
# with its time (ms since navigation start), checked once per animation frame.
STATES_JS = """
(() => {
  window.__benchStates = [];
  let last;
  const tick = () => {
    const el = document.querySelector('[data-testid="stApp"]');
    const state = el ? el.getAttribute('data-test-script-state') : null;
    if (state !== last) {
      window.__benchStates.push([state, performance.now()]);
      last = state;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""
PHASES_JS = "() => ({states: window.__benchStates || [], drawn: window.__benchDrawn})"
SHOWN_JS = """
() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter((el) => { const b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0; })
  .map((el) => (el._fullData || []).reduce((n, t) => n + Math.max(0,
     ...['x', 'y', 'lat', 'lon', 'base'].map((k) => (t[k] && t[k].length) || 0)), 0))
"""


def _serve(name: str, script: Path, env: Mapping[str, str]) -> AbstractContextManager[Server]:
    """``streamlit run script`` for one of the three servers, its log in the results."""
    return serve(
        RESULTS / f"streamlit-{name}.log",
        script=str(script.relative_to(ROOT)),
        env=env,
        name=name,
    )


def is_off_host(url: str) -> bool:
    """Whether a page's request goes over the network to anything but the local servers."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS


class OffHostRequest(RuntimeError):
    """A page asked for something from a host other than the local servers."""


Phases = dict[str, float]


def phases(since: float, states: list[list[Any]], drawn: float) -> Phases:
    """Split ``since`` → drawn (ms on the page's clock) at the script run's start and end.

    ``wait``: until the script starts (for a navigation: page, bundle, connection);
    ``script``: while Streamlit says it runs (server work and streaming the result);
    ``draw``: from the end of the run until every chart is drawn.
    """
    times = [(state, at) for state, at in states if at >= since]
    started = next((at for state, at in times if state == "running"), since)
    ended = max((at for state, at in times if state == "notRunning"), default=drawn)
    ended = min(max(ended, started), drawn)
    return {
        "wait": (started - since) / 1000,
        "script": (ended - started) / 1000,
        "draw": (drawn - ended) / 1000,
    }


class Visitor:
    """One browser context on one server: navigations and filter changes, timed.

    Besides the wall-clock time of each, it records where the time went (see
    :func:`phases`) and how many bytes the server sent over the websocket.
    """

    def __init__(self, server: Server, context: BrowserContext, points: Mapping[str, list[int]]):
        self.server = server
        context.add_init_script(STATES_JS)
        self.page: Page = context.new_page()
        self.page.on("websocket", self._on_websocket)
        self.off_host: list[str] = []
        self.page.on("request", self._on_request)
        self.points = points
        self.received = 0
        self.times: dict[str, list[float]] = {what: [] for what in MEASURES}
        self.phases: dict[str, list[Phases]] = {what: [] for what in MEASURES}
        self.bytes: dict[str, list[int]] = {what: [] for what in MEASURES}

    def _on_request(self, request: Request) -> None:
        if is_off_host(request.url):
            self.off_host.append(request.url)

    def check_offline(self) -> None:
        """Fail if the page asked any other host for anything (it must work offline)."""
        if self.off_host:
            raise OffHostRequest(
                f"{self.server.name}: requests off 127.0.0.1: {sorted(set(self.off_host))[:5]}"
            )

    def _on_websocket(self, ws: WebSocket) -> None:
        ws.on("framereceived", self._count)

    def _count(self, payload: str | bytes) -> None:
        self.received += len(payload)

    def _wait_drawn(self, view: str, what: str) -> None:
        try:
            self.page.wait_for_function(
                DRAWN_JS, arg=self.points[view], timeout=DRAW_TIMEOUT_MS, polling="raf"
            )
        except Exception as exc:
            shown = self.page.evaluate(SHOWN_JS)
            raise RuntimeError(
                f"{self.server.name}: {what} never drew the {view} charts "
                f"(expected points {self.points[view]}, shown {shown})"
            ) from exc

    def _record(self, what: str, seconds: float, since_ms: float, received: int) -> float:
        found = self.page.evaluate(PHASES_JS)
        self.times[what].append(seconds)
        self.phases[what].append(phases(since_ms, found["states"], found["drawn"]))
        self.bytes[what].append(received)
        return seconds

    def navigate(self) -> float:
        self.received = 0
        start = time.perf_counter()
        self.page.goto(f"{self.server.url}/?{VIEW_KEY}={START_VIEW}", wait_until="commit")
        self._wait_drawn(START_VIEW, "navigation")
        return self._record("navigation", time.perf_counter() - start, 0.0, self.received)

    def change_filter(self) -> float:
        sidebar = self.page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]')
        option = sidebar.get_by_text(CHANGED_VIEW, exact=True)
        option.wait_for(timeout=DRAW_TIMEOUT_MS)
        clicked_at = float(self.page.evaluate("performance.now()"))
        self.received = 0
        start = time.perf_counter()
        option.click()
        self._wait_drawn(CHANGED_VIEW, "the filter change")
        seconds = time.perf_counter() - start
        return self._record("filter_change", seconds, clicked_at, self.received)

    def first_visit(self, browser: Browser) -> float:
        """A navigation in a new browser context: nothing cached, as for someone opening
        a shared link for the first time. Recorded as ``first_visit``."""
        context = browser.new_context(viewport=VIEWPORT)
        try:
            fresh = Visitor(self.server, context, self.points)
            seconds = fresh.navigate()
            fresh.check_offline()
        finally:
            context.close()
        self.times["first_visit"].append(seconds)
        self.phases["first_visit"].append(fresh.phases["navigation"][0])
        self.bytes["first_visit"].append(fresh.bytes["navigation"][0])
        return seconds

    def round(self, browser: Browser) -> None:
        self.navigate()
        self.change_filter()
        self.first_visit(browser)

    def forget(self) -> None:
        """Drop what was recorded so far (the warm-up)."""
        for records in (self.times, self.phases, self.bytes):
            for values in records.values():
                values.clear()

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for what, values in self.times.items():
            out[f"{what}_s"] = Stats.of(values).as_dict()
            out[f"{what}_phases_s"] = {
                phase: round(statistics.median(p[phase] for p in self.phases[what]), 4)
                for phase in ("wait", "script", "draw")
            }
            out[f"{what}_bytes_received"] = int(statistics.median(self.bytes[what]))
        return out


def measure(times: int, spec_path: Path, points: Mapping[str, list[int]]) -> dict[str, Any]:
    """Interleaved navigations and filter changes on the three servers; ratios of the app
    to the baseline (the budgets) and to the charts-only baseline."""
    from playwright.sync_api import sync_playwright

    base_env = {k: v for k, v in clean_env().items() if k != "TIMELINE_DATA"}
    with ExitStack() as stack:
        spec_env = {**base_env, BASELINE_SPEC_ENV: str(spec_path)}
        app = stack.enter_context(_serve("app", ROOT / "app.py", base_env))
        baseline = stack.enter_context(_serve("baseline", BASELINE_SCRIPT, spec_env))
        charts_only = stack.enter_context(
            _serve("charts_only", BASELINE_SCRIPT, {**spec_env, CHARTS_ONLY_ENV: "1"})
        )
        servers = (app, baseline, charts_only)
        idle = {s.name: s.rss() for s in servers}
        pw = stack.enter_context(sync_playwright())
        browser = launch_chromium(pw, RESOLVE_LOCAL_ONLY)
        stack.callback(browser.close)
        visitors = []
        for server in servers:
            context = browser.new_context(viewport=VIEWPORT)
            visitors.append(Visitor(server, context, points))
        one_session = {}
        for visitor in visitors:  # warm-up, not counted
            visitor.navigate()
            one_session[visitor.server.name] = visitor.server.rss()
            visitor.change_filter()
            visitor.first_visit(browser)
            visitor.forget()
        for i in range(ROUNDS_PER_REPEAT * times):
            for visitor in visitors[i % 3 :] + visitors[: i % 3]:  # each goes first in turn
                visitor.round(browser)
        end = {s.name: s.rss() for s in servers}
        for visitor in visitors:
            visitor.check_offline()

    summary = {v.server.name: v.summary() for v in visitors}
    return {
        "scenario": f"goto ?{VIEW_KEY}={START_VIEW}; click {CHANGED_VIEW} on the radio; "
        f"first visit: goto ?{VIEW_KEY}={START_VIEW} in a new browser context",
        "expected_points": dict(points),
        **{
            name: {
                **found,
                "server_rss_idle_bytes": idle[name],
                "server_rss_one_session_bytes": one_session[name],
                "server_rss_end_bytes": end[name],
            }
            for name, found in summary.items()
        },
        "ratios": {
            key: round(summary["app"][key]["median"] / summary["baseline"][key]["median"], 3)
            for key in RATIOS
        },
        "ratios_to_charts_only": {
            key: round(summary["app"][key]["median"] / summary["charts_only"][key]["median"], 3)
            for key in RATIOS
        },
    }
