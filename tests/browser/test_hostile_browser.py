"""Hostile input in a real browser: markup shown not run, sessions apart, nothing leaves.

* **No injection**: a dataset with HTML, Markdown and Plotly tags in every text field
  (:func:`tests.hostile.corpus.hostile_document`), a file of it uploaded under a
  hostile name, and crafted URL values: no script runs (``window.__pwned``, dialogs),
  no injected element exists, no markup is interpreted, and ``<script>`` is visible
  as text.
* **Sessions at once**: :data:`SESSIONS` browser contexts against one server, each
  with its own filters (one uploading a file), see only their own view; the server's
  RSS stays under :data:`RSS_LIMIT_BYTES`. CI runs 4; 8 were run by hand with
  ``HOSTILE_SESSIONS=8 .venv/bin/python -m pytest tests/browser/test_hostile_browser.py``.
* **No outbound network**: every tab visited with everything but 127.0.0.1 refused;
  nothing was refused, and every chart still draws (the map with its land outlines).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import LOCAL_HOSTS, StartStreamlit, wait_for_app
from tests.harness import proc_status
from tests.hostile.corpus import (
    BOLD_MD,
    BOLD_TAG,
    COLOUR_MD,
    HOSTILE_FILE_NAME,
    IMAGE_MD,
    LINK_MD,
    MATH_MD,
    SCRIPT,
    hostile_document,
)
from timeline.charts.registry import CHARTS
from timeline.urlstate import TABS
from ui.state import UPLOAD

# The sidebar's events uploader (the article uploader sits in the sidebar too).
EVENTS_UPLOADER = f'[data-testid="stSidebar"] .st-key-{UPLOAD} input[type="file"]'

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Dialog, Page, Request, Route

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_PATH = ROOT / "data" / "events.json"
EXAMPLE_PATH = ROOT / "data" / "examples" / "lighthouse.json"
SHIPPED = json.loads(SHIPPED_PATH.read_text(encoding="utf-8"))
EXAMPLE = json.loads(EXAMPLE_PATH.read_text(encoding="utf-8"))
SESSIONS = int(os.environ.get("HOSTILE_SESSIONS", "4"))
RSS_LIMIT_BYTES = 600 * 1024 * 1024
TIMEOUT_MS = 30_000
HEADLINE = re.compile(r"Showing (\d+) of (\d+) events")
EXCEPTION = '[data-testid="stException"]'
ACTIVE_TAB = '[role="tabpanel"]'  # Streamlit mounts only the active tab's panel

# What the page must not contain: each key a kind of injection, each value what was found.
INJECTED_JS = """
() => {
  // Where an element is: the innermost keyed Streamlit block, and what renders it.
  const where = (el) => {
    const keyed = el.closest('[class*="st-key-"]');
    const key = keyed ? (keyed.className.match(/st-key-(\\S+)/) || [])[1] : null;
    const kinds = [['[data-testid="stToast"]', 'toast'], ['.js-plotly-plot', 'plotly'],
      ['h1', 'title'], ['button', 'button'], ['[data-testid="stCaptionContainer"]', 'caption'],
      ['[data-testid="stMarkdownContainer"]', 'markdown']];
    const kind = (kinds.find(([selector]) => el.closest(selector)) || [null, el.tagName])[1];
    return (key ? key + ' ' : '') + kind;
  };
  const short = (el) => `[${where(el)}] ${el.outerHTML.slice(0, 110)}`;
  const own = (el) => (el.textContent || '').trim();
  const href = (a) => a.getAttribute('href') || a.getAttribute('xlink:href')
    || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || '';
  const all = [...document.querySelectorAll('*')];
  return {
    'window.__pwned is set': typeof window.__pwned === 'undefined' ? [] : [String(window.__pwned)],
    'img elements from the data': [...document.querySelectorAll('img')]
      .filter((i) => ['x', 'evil'].some((bad) => (i.getAttribute('src') || '').startsWith(bad)
        || (i.getAttribute('src') || '').includes('evil.example')))
      .map(short),
    'script elements from the data': [...document.querySelectorAll('script')]
      .filter((s) => (s.textContent || '').includes('__pwned')).map(short),
    'event-handler attributes': all
      .filter((e) => [...e.attributes].some((a) => a.name.startsWith('on')
        && a.value.includes('__pwned'))).map(short),
    'links from the data': [...document.querySelectorAll('a')]
      .filter((a) => (href(a).startsWith('javascript:') || href(a).includes('evil.example')
        || ['link', 'evil-link'].includes(own(a))) && !own(a).startsWith('https://'))
      .map(short),
    'bare URLs in the data made live links (GFM autolink)': [...document.querySelectorAll('a')]
      .filter((a) => href(a).includes('evil.example') && own(a).startsWith('https://'))
      .map(short),
    'bold from the data': all
      .filter((e) => ['bold-mark', 'bold-tag'].includes(own(e)) && (
        ['STRONG', 'B'].includes(e.tagName)
        || (e.tagName === 'tspan' && /bold/.test(e.getAttribute('style') || ''))))
      .map(short),
    'coloured text from the data': all
      .filter((e) => own(e) === 'red-mark' && e.tagName === 'SPAN').map(short),
    'maths from the data': [...document.querySelectorAll('.katex, math')].map(short),
    'headings or lists from the data': all
      .filter((e) => /^(H[1-6]|LI)$/.test(e.tagName)
        && ['heading-mark', 'list-mark'].includes(own(e))).map(short),
  };
}
"""

# Per chart in the active tab: its traces, the data points drawn (non-empty SVG paths
# with a size), whether it is a map, and the longest land outline.
CHARTS_JS = """
(scope) => [...document.querySelectorAll(scope + ' .js-plotly-plot')].map((el) => {
  const sized = (p) => {
    const d = p.getAttribute('d');
    const r = p.getBoundingClientRect();
    return d && d !== 'M0,0Z' && (r.width > 0 || r.height > 0);
  };
  const points = [...el.querySelectorAll(
    '.scatterlayer path.point, .scatterlayer path.js-line, .barlayer .point > path, '
    + '.geo path.point, .geo .scatterlayer path')].filter(sized).length;
  const land = Math.max(0, ...[...el.querySelectorAll('.geo .layer.land path')]
    .map((p) => (p.getAttribute('d') || '').length));
  const traces = (el._fullData || []).filter((t) => t.visible !== false
    && ((t.x || []).some((v) => v !== null) || (t.lat || []).length > 0)).length;
  return {traces, points, geo: !!el.querySelector('.geo'), land,
          width: el.getBoundingClientRect().width};
})
"""
# True once every chart Streamlit put in the active tab is laid out and drawn.
DRAWN_JS = f"""
(scope) => {{
  const panel = document.querySelector(scope);
  // Streamlit shows a skeleton until a chart's code has loaded.
  if (!panel || panel.querySelector('[data-testid="stSkeleton"]')) return false;
  const wanted = panel.querySelectorAll('[data-testid="stPlotlyChart"]').length;
  const charts = ({CHARTS_JS})(scope);
  return charts.length === wanted && charts.every((c) => c.width > 0
    && (c.traces === 0 || c.points > 0) && (!c.geo || c.land > 1000));
}}
"""


# --- helpers -----------------------------------------------------------------------------


class Guard:
    """A browser context that refuses and records every request off 127.0.0.1, and
    records every dialog (an ``alert`` from injected script would open one)."""

    def __init__(self, browser: Browser) -> None:
        self.refused: list[str] = []
        self.requested: list[str] = []
        self.dialogs: list[str] = []
        self.context: BrowserContext = browser.new_context(viewport={"width": 1400, "height": 900})
        self.context.route(re.compile(r"^https?://"), self._route)
        self.context.on("request", self._request)

    def _route(self, route: Route) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.refused.append(route.request.url)
            route.abort()

    def _request(self, request: Request) -> None:
        self.requested.append(request.url)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def new_page(self) -> Page:
        page = self.context.new_page()
        page.on("dialog", self._dialog)
        return page

    def off_host(self) -> list[str]:
        """Everything requested (or refused) that was not for 127.0.0.1."""
        found = [u for u in self.requested if urlsplit(u).hostname not in LOCAL_HOSTS]
        return sorted({*found, *self.refused})


@pytest.fixture
def guard(browser: Browser) -> Iterator[Guard]:
    found = Guard(browser)
    yield found
    found.context.close()


def _main_text(page: Page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def _assert_no_exception(page: Page) -> None:
    assert page.locator(EXCEPTION).count() == 0, _main_text(page)[:2000]


def _headline(page: Page) -> tuple[int, int]:
    text = _main_text(page)
    match = HEADLINE.search(text)
    assert match, f"no 'Showing N of M events' headline in:\n{text[:500]}"
    return int(match[1]), int(match[2])


def _title(page: Page) -> str:
    return page.locator("h1").first.inner_text()


# Charts each tab shows on the shipped data with no filter (the "Both" chronology): every
# registry entry, so a chart added to the registry is checked here with no other edit.
CHARTS_PER_TAB = Counter(chart.tab for chart in CHARTS if "both" in chart.views)


def _open_tab(page: Page, name: str) -> None:
    tab = page.get_by_role("tab", name=name, exact=True)
    tab.click()
    page.wait_for_function(
        "(name) => [...document.querySelectorAll('[role=tab]')].some("
        "(t) => t.textContent.trim() === name && t.getAttribute('aria-selected') === 'true')",
        arg=name,
        timeout=TIMEOUT_MS,
    )
    wait_for_app(page)


def _charts(page: Page) -> list[dict[str, Any]]:
    charts: list[dict[str, Any]] = page.evaluate(CHARTS_JS, ACTIVE_TAB)
    return charts


def _wait_for_drawn_charts(page: Page, at_least: int = 0) -> list[dict[str, Any]]:
    """The active tab's charts once each has drawn (what there is, if that never happens).

    Tabs are built lazily: a newly opened tab's charts arrive with the rerun, so wait
    for ``at_least`` of them to exist before waiting for them to draw.
    """
    with contextlib.suppress(PlaywrightTimeout):  # the callers say what was missing
        page.wait_for_function(
            "([scope, n]) => document.querySelectorAll(scope + ' .js-plotly-plot').length >= n",
            arg=[ACTIVE_TAB, at_least],
            timeout=TIMEOUT_MS,
        )
        page.wait_for_function(DRAWN_JS, arg=ACTIVE_TAB, timeout=TIMEOUT_MS)
    return _charts(page)


class Findings:
    """Injection findings gathered over the steps of a test, reported all at once."""

    def __init__(self, guard: Guard) -> None:
        self.guard = guard
        # kind -> {what was found: the step after which it was first seen}
        self.found: dict[str, dict[str, str]] = {}

    def check(self, page: Page, step: str) -> None:
        found: dict[str, list[str]] = page.evaluate(INJECTED_JS)
        found["dialogs opened"] = self.guard.dialogs
        found["requests off 127.0.0.1"] = self.guard.off_host()
        for kind, items in found.items():
            for item in items:
                self.found.setdefault(kind, {}).setdefault(item, step)

    def assert_none(self) -> None:
        lines = []
        for kind, items in self.found.items():
            lines.append(f"{kind}: {len(items)} distinct, e.g.")
            lines += [f"    {item} (from: {step})" for item, step in list(items.items())[:8]]
        assert not self.found, "injected markup took effect:\n" + "\n".join(lines)


def _server_pid(base_url: str) -> int:
    """The pid listening on ``base_url``'s port, from /proc (the fixture does not expose it)."""
    port = urlsplit(base_url).port
    assert port is not None
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:
                inodes.add(f"socket:[{inode}]")
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if any(os.readlink(fd) in inodes for fd in (proc / "fd").iterdir()):
                return int(proc.name)
        except OSError:
            continue
    raise AssertionError(f"no process listens on port {port}")


def _rss(pid: int, field: str = "VmRSS") -> int:
    """A process's resident memory now (``VmRSS``) or at its peak (``VmHWM``), in bytes."""
    return proc_status(pid)[field]


# --- servers ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.json"
    path.write_text(json.dumps(hostile_document()), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile_server(start_streamlit: StartStreamlit, hostile_path: Path) -> str:
    """A server showing the hostile dataset."""
    return start_streamlit(args=["--", "--data", str(hostile_path)])


@pytest.fixture(scope="module")
def shipped_server(start_streamlit: StartStreamlit) -> str:
    """A server on the shipped dataset, for this module's upload, URL and network tests."""
    return start_streamlit()


# --- no injection ------------------------------------------------------------------------


def test_hostile_data_is_shown_as_text_and_never_run(hostile_server: str, guard: Guard) -> None:
    findings = Findings(guard)
    page = guard.new_page()
    page.goto(f"{hostile_server}/?event=shoot")
    wait_for_app(page)
    _assert_no_exception(page)
    # The details panel shows the payloads as text: literally, visibly.
    details = page.locator('[class*="st-key-details_panel"]')
    details.wait_for(timeout=TIMEOUT_MS)
    assert SCRIPT in details.inner_text()
    assert details.get_by_text(SCRIPT, exact=False).first.is_visible()
    charts = _wait_for_drawn_charts(page)
    assert len(charts) >= 2 and all(c["points"] > 0 for c in charts), charts
    findings.check(page, "?event=shoot")

    # Hover a story marker: the hover label shows the title as text too.
    marker = page.locator(f"{ACTIVE_TAB} .js-plotly-plot .scatterlayer path.point").first
    marker.scroll_into_view_if_needed()
    box = marker.bounding_box()
    assert box, "no story marker to hover"
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    hover = page.locator(".js-plotly-plot .hoverlayer .hovertext").first
    hover.wait_for(state="attached", timeout=TIMEOUT_MS)
    assert SCRIPT in (hover.text_content() or ""), hover.text_content()
    findings.check(page, "hovering a story marker")

    # Follow the linked story beat (a button labelled with its hostile title).
    page.locator('[class*="st-key-linked_shoot_storm-warning"] button').click()
    page.wait_for_url(re.compile(r"[?&]event=storm-warning(&|$)"), timeout=TIMEOUT_MS)
    wait_for_app(page)
    _assert_no_exception(page)
    findings.check(page, "clicking the linked beat")

    # Every tab; then the story lanes by setting (place names as chart labels).
    for name in TABS:
        _open_tab(page, name)
        _wait_for_drawn_charts(page)
        _assert_no_exception(page)
        findings.check(page, f"the {name} tab")
    page.goto(f"{hostile_server}/?lanes=Setting&until=1")
    wait_for_app(page)
    _wait_for_drawn_charts(page)
    _assert_no_exception(page)
    findings.check(page, "?lanes=Setting&until=1")
    findings.assert_none()


def test_a_hostile_upload_under_a_hostile_name_is_shown_as_text(
    shipped_server: str, guard: Guard
) -> None:
    findings = Findings(guard)
    page = guard.new_page()
    page.goto(shipped_server)
    wait_for_app(page)
    page.locator(EVENTS_UPLOADER).set_input_files(
        {
            "name": HOSTILE_FILE_NAME,
            "mimeType": "application/json",
            "buffer": json.dumps(hostile_document()).encode(),
        }
    )
    page.wait_for_function(
        "() => (document.querySelector('h1') || {}).textContent?.includes('Film')",
        timeout=TIMEOUT_MS,
    )
    wait_for_app(page)
    _wait_for_drawn_charts(page)
    _assert_no_exception(page)
    assert _headline(page) == (4, 4)
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "window.__pwned" in sidebar, "the file name should be shown, as text"
    findings.check(page, "the upload")
    findings.assert_none()


def test_crafted_url_values_are_shown_as_text_in_notices(shipped_server: str, guard: Guard) -> None:
    # The shipped dataset is clean: whatever is found here came in through the link.
    findings = Findings(guard)
    page = guard.new_page()
    query = urlencode(
        {
            "who": IMAGE_MD,
            "location": LINK_MD,
            "phase": BOLD_MD,
            "view": COLOUR_MD,
            "tab": MATH_MD,
            "zoom": BOLD_TAG,
            "event": SCRIPT,
        }
    )
    page.goto(f"{shipped_server}/?{query}")
    wait_for_app(page)
    page.locator('[data-testid="stToast"]').first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    _assert_no_exception(page)
    findings.check(page, "opening the crafted link")
    findings.assert_none()


# --- sessions at once ------------------------------------------------------------------------


def _within(dataset: dict[str, Any], name: str) -> set[str]:
    by_name = {loc["name"]: loc["id"] for loc in dataset["locations"]}
    found = {by_name[name]}
    while True:
        more = {loc["id"] for loc in dataset["locations"] if loc.get("parent") in found}
        if more <= found:
            return found
        found |= more


def _expected_count(dataset: dict[str, Any], params: dict[str, str]) -> int:
    """How many events a filter shows, computed from the JSON (the README's rules)."""
    events = dataset["events"]
    if params.get("view") == "Story":
        events = [e for e in events if e["chronology"] == "story"]
    if params.get("view") == "Production":
        events = [e for e in events if e["chronology"] == "production"]
    if "location" in params:
        places = _within(dataset, params["location"])
        events = [e for e in events if places & set(e.get("locations", []))]
    if "who" in params:
        characters = {c["id"]: c for c in dataset["characters"]}
        people = {p["id"]: p for p in dataset["people"]}
        chars = {i for i, c in characters.items() if c["name"] == params["who"]}
        persons = {i for i, p in people.items() if p["name"] == params["who"]}
        persons |= {p for c in chars for p in characters[c]["played_by"]}
        chars |= {i for i, c in characters.items() if persons & set(c["played_by"])}
        events = [
            e
            for e in events
            if chars & set(e.get("characters", [])) or persons & set(e.get("people", []))
        ]
    if "phase" in params:
        phase = params["phase"].lower().replace(" ", "-")
        events = [e for e in events if e["chronology"] == "story" or e["phase"] == phase]
    return len(events)


# One view per session, cycled for more than four; the first uploads the example file.
VIEWS: list[dict[str, str]] = [
    {"upload": "example"},
    {"view": "Story"},
    {"location": "Italy"},
    {"who": "Grace"},
    {"view": "Production"},
    {"location": "England"},
    {"who": "Tom Cruise"},
    {"phase": "Filming"},
]


def test_sessions_at_once_each_see_their_own_view(
    start_streamlit: StartStreamlit, browser: Browser
) -> None:
    shipped_server = start_streamlit()  # a server of its own: its memory is measured
    pid = _server_pid(shipped_server)
    rss_before = _rss(pid)
    views = [VIEWS[i % len(VIEWS)] for i in range(SESSIONS)]
    guards = [Guard(browser) for _ in views]
    try:
        pages = [g.new_page() for g in guards]
        # Open every session before waiting for any: the server serves them together.
        for page, view in zip(pages, views, strict=True):
            query = urlencode({k: v for k, v in view.items() if k != "upload"})
            page.goto(f"{shipped_server}/?{query}", wait_until="commit")
        # The uploader needs its session connected; the others keep loading meanwhile.
        for page, view in zip(pages, views, strict=True):
            if "upload" in view:
                wait_for_app(page)
                page.locator(EVENTS_UPLOADER).set_input_files(str(EXAMPLE_PATH))
        for page in pages:
            wait_for_app(page)
        for page, view in zip(pages, views, strict=True):
            if "upload" in view:
                page.wait_for_function(
                    "() => document.querySelector('h1')?.textContent.includes('Lighthouse')",
                    timeout=TIMEOUT_MS,
                )
                wait_for_app(page)
        # Make every other session run again after the upload: still its own view.
        for page, view in zip(pages, views, strict=True):
            if "upload" not in view:
                _open_tab(page, "Table")

        for page, view, g in zip(pages, views, guards, strict=True):
            _assert_no_exception(page)
            assert not g.off_host(), g.off_host()
            if "upload" in view:
                assert _title(page).startswith(EXAMPLE["film"]["title"])
                assert _headline(page) == (len(EXAMPLE["events"]),) * 2
            else:
                assert _title(page).startswith(SHIPPED["film"]["title"]), view
                assert _headline(page) == (
                    _expected_count(SHIPPED, view),
                    len(SHIPPED["events"]),
                ), view
        rss_after, rss_peak = _rss(pid), _rss(pid, "VmHWM")
    finally:
        for g in guards:
            g.context.close()
    measured = (
        f"{SESSIONS} sessions: server RSS {rss_before / 2**20:.0f} MB before, "
        f"{rss_after / 2**20:.0f} MB after, peak {rss_peak / 2**20:.0f} MB"
    )
    print(measured)
    assert rss_peak < RSS_LIMIT_BYTES, measured


# --- no outbound network -------------------------------------------------------------------


def test_every_tab_draws_with_nothing_leaving_the_machine(
    shipped_server: str, page: Page, capsys: pytest.CaptureFixture[str]
) -> None:
    # ``page`` comes from tests/conftest.py, whose route aborts anything off 127.0.0.1
    # and prints it; record every request as well, to be sure of what left.
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(shipped_server)
    wait_for_app(page)
    drawn: dict[str, list[dict[str, Any]]] = {}
    for name in TABS:
        _open_tab(page, name)
        drawn[name] = _wait_for_drawn_charts(page, CHARTS_PER_TAB.get(name, 0))
        _assert_no_exception(page)
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)

    blocked = [line for line in capsys.readouterr().out.splitlines() if "blocked" in line]
    off_host = [u for u in requested if urlsplit(u).hostname not in LOCAL_HOSTS]
    assert not blocked and not off_host, {"blocked": blocked, "off_host": off_host}
    assert any(urlsplit(u).path.startswith("/app/static/") for u in requested), (
        "the map outlines should come from the app's own /app/static/"
    )
    charts = [c for found in drawn.values() for c in found]
    assert len(drawn["Timelines"]) == 2, drawn["Timelines"]
    assert any(c["geo"] for c in drawn["Map"]), drawn["Map"]
    assert len(charts) >= 3
    for name, found in drawn.items():
        for chart in found:
            assert chart["traces"] == 0 or chart["points"] > 0, f"{name}: no data drawn: {chart}"
            if chart["geo"]:
                assert chart["land"] > 1000, f"{name}: the map has no land outlines ({chart})"

    # The control: an off-host request from this page is refused and logged, so the empty
    # log above means nothing tried to leave (192.0.2.1 is TEST-NET-1, never routed).
    page.evaluate("() => fetch('http://192.0.2.1/control').catch(() => null)")
    page.wait_for_timeout(500)
    logged = capsys.readouterr().out
    assert "blocked off-host request: http://192.0.2.1/control" in logged, logged
