"""The dashboard in a real browser: charts drawn, offline map, clicks, filters in the URL.

Most tests run against the small fictional dataset (``data/examples/lighthouse.json``),
whose expected counts are computed here from the JSON itself; the last one checks the
shipped dataset. Plot contents are read twice: from Plotly's own ``_fullData`` (what it
was asked to draw) and from the SVG (what it actually drew).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import StartStreamlit, wait_for_app
from timeline.models import BACKGROUND_PHASES

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request, Route

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_PATH = "data/examples/lighthouse.json"
EXAMPLE = json.loads((ROOT / EXAMPLE_PATH).read_text(encoding="utf-8"))
SHIPPED = json.loads((ROOT / "data" / "events.json").read_text(encoding="utf-8"))
TIMEOUT_MS = 30_000
DAY_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # a plain day: drawn as a diamond
MONTH_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")  # a plain month: a square mid-month
HEADLINE = re.compile(r"Showing (\d+) of (\d+) events")
EXCEPTION = '[data-testid="stException"]'
ACTIVE_TAB = '[data-testid="stTabs"] [role="tabpanel"]'
DETAILS = '[class*="st-key-details_panel"]'

# Every Plotly chart on the page: size, whether it is a map, and per trace the ids it
# carries (customdata[0]) and how many of its points the SVG really has (non-empty paths).
PLOTS_JS = """
(scope) => {
  const root = scope ? document.querySelector(scope) : document;
  if (!root) return [];
  return [...root.querySelectorAll('.js-plotly-plot')].map((el, position) => {
    const box = el.getBoundingClientRect();
    const traces = (el._fullData || []).map((t) => ({
      uid: t.uid,
      type: t.type,
      name: t.name,
      mode: t.mode || null,
      symbol: (t.marker && typeof t.marker.symbol === 'string') ? t.marker.symbol : null,
      ids: (t.customdata || []).map((c) => String(Array.isArray(c) ? c[0] : c)),
      drawn: 0,
    }));
    const byUid = Object.fromEntries(traces.map((t) => [t.uid, t]));
    for (const g of el.querySelectorAll('.trace')) {
      const trace = g.__data__ && g.__data__[0] && g.__data__[0].trace;
      if (!trace || !byUid[trace.uid]) continue;
      const paths = trace.type === 'bar'
        ? g.querySelectorAll('.point > path')
        : g.querySelectorAll('path.point');
      byUid[trace.uid].drawn += [...paths].filter((p) => {
        const d = p.getAttribute('d');
        const r = p.getBoundingClientRect();
        // A bar only a few days long may be 0px wide yet drawn: its outline shows.
        return d && d !== 'M0,0Z' && (r.width > 0 || r.height > 0);
      }).length;
    }
    return {
      position,
      width: box.width,
      height: box.height,
      geo: !!el.querySelector('.geo'),
      traces,
    };
  });
}
"""

# True once `count` charts in scope are laid out and each has drawn at least one point.
CHARTS_DRAWN_JS = """
([scope, count]) => {
  const root = document.querySelector(scope);
  if (!root) return false;
  const plots = [...root.querySelectorAll('.js-plotly-plot')].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && el._fullData
      && el.querySelector('.scatterlayer path.point, .barlayer .point > path, .geo path.point');
  });
  return plots.length >= count;
}
"""


# --- expectations from the dataset JSON ---------------------------------------------


def _story(dataset: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in dataset["events"] if e["chronology"] == "story"]


def _production(dataset: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in dataset["events"] if e["chronology"] == "production"]


def _periods(edtf: str) -> int:
    """How many separate periods an EDTF date is: ``{a,b}`` (all of) is one per member;
    ``[a,b]`` (one of) is a single period, not known which."""
    if edtf.startswith("{") and edtf.endswith("}"):
        return len(edtf[1:-1].split(","))
    return 1


def _story_markers(dataset: dict[str, Any]) -> Counter[str]:
    """Story marker ids: one marker per character lane, or one in the no-name lane."""
    return Counter({e["id"]: max(1, len(e.get("characters", []))) for e in _story(dataset)})


def _places_with_descendants(dataset: dict[str, Any], name: str) -> set[str]:
    by_name = {loc["name"]: loc["id"] for loc in dataset["locations"]}
    found = {by_name[name]}
    grew = True
    while grew:
        more = {loc["id"] for loc in dataset["locations"] if loc.get("parent") in found}
        grew = not more <= found
        found |= more
    return found


# --- page helpers ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_server(start_streamlit: StartStreamlit) -> str:
    """A server showing the fictional example dataset."""
    return start_streamlit(args=["--", "--data", EXAMPLE_PATH])


def _plots(page: Page, scope: str | None = ACTIVE_TAB) -> list[dict[str, Any]]:
    plots: list[dict[str, Any]] = page.evaluate(PLOTS_JS, scope)
    return plots


def _wait_for_charts(page: Page, count: int, scope: str = ACTIVE_TAB) -> list[dict[str, Any]]:
    page.wait_for_function(CHARTS_DRAWN_JS, arg=[scope, count], timeout=TIMEOUT_MS)
    return _plots(page, scope)


def _story_plot(plots: list[dict[str, Any]]) -> dict[str, Any]:
    found = [p for p in plots if any(t["name"] == "Story beat" for t in p["traces"])]
    assert len(found) == 1, f"expected one story chart, got {len(found)}"
    return found[0]


def _story_trace(plot: dict[str, Any]) -> dict[str, Any]:
    return next(t for t in plot["traces"] if t["name"] == "Story beat")


def _production_plot(plots: list[dict[str, Any]]) -> dict[str, Any]:
    found = [p for p in plots if any(t["type"] == "bar" for t in p["traces"])]
    assert len(found) == 1, f"expected one production chart, got {len(found)}"
    return found[0]


def _clickable(plot: dict[str, Any]) -> list[dict[str, Any]]:
    """Traces whose points carry an event or place id (not legend or decoration)."""
    return [t for t in plot["traces"] if t["ids"]]


def _main_text(page: Page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def _headline(page: Page) -> tuple[int, int]:
    text = _main_text(page)
    match = HEADLINE.search(text)
    assert match, f"no 'Showing N of M events' headline in:\n{text[:500]}"
    return int(match[1]), int(match[2])


def _assert_no_exception(page: Page) -> None:
    assert page.locator(EXCEPTION).count() == 0, _main_text(page)


def _table_ids(page: Page) -> list[str]:
    """Ids in the table, read from the data grid's (hidden) accessible table."""
    grid = '[data-testid="stDataFrame"] table[role="grid"]'
    page.wait_for_selector(f"{grid} tbody tr", state="attached", timeout=TIMEOUT_MS)
    rows: list[list[str]] = page.evaluate(
        """(grid) => [...document.querySelectorAll(grid + ' tr')]
             .map((r) => [...r.children].map((c) => c.textContent))""",
        grid,
    )
    assert rows and rows[0][0] == "id", f"unexpected table header: {rows[:1]}"
    return [row[0] for row in rows[1:]]


def _download_csv(page: Page) -> str:
    with page.expect_download(timeout=TIMEOUT_MS) as download:
        page.get_by_role("button", name="Download CSV").click()
    return Path(download.value.path()).read_text(encoding="utf-8")


def _csv_ids(csv_text: str) -> list[str]:
    lines = csv_text.strip().splitlines()
    assert lines and lines[0].startswith("id,"), f"unexpected CSV header: {lines[:1]}"
    return [line.split(",", 1)[0] for line in lines[1:]]


def _only_loopback(route: Route) -> None:
    if urlsplit(route.request.url).hostname in {"127.0.0.1", "localhost"}:
        route.continue_()
    else:
        print(f"blocked off-host request: {route.request.url}")
        route.abort()


@pytest.fixture
def fresh_page(browser: Browser) -> Iterator[Page]:
    """A second, independent browser context (no shared session or storage)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.route(re.compile(r"^https?://"), _only_loopback)
    yield context.new_page()
    context.close()


# --- tests -------------------------------------------------------------------------------


def test_timelines_draw_every_story_beat_and_production_event(
    example_server: str, open_app: Callable[..., Page]
) -> None:
    page = open_app(example_server)
    _assert_no_exception(page)
    plots = _wait_for_charts(page, 2)
    assert len(plots) == 2, f"Timelines tab should hold two charts, found {len(plots)}"

    # Story: one marker per (beat, character), each carrying its beat id.
    story_plot = _story_plot(plots)
    story = _story_trace(story_plot)
    expected_story = _story_markers(EXAMPLE)
    assert Counter(story["ids"]) == expected_story
    assert story["drawn"] == sum(expected_story.values())
    # The same, by plain selectors: SVG marker paths that have a shape and a size.
    marker_paths = (
        page.locator(ACTIVE_TAB)
        .locator(".js-plotly-plot")
        .nth(story_plot["position"])
        .locator(".scatterlayer .trace .points path")
    )
    assert marker_paths.count() == sum(expected_story.values())
    for i in range(marker_paths.count()):
        path = marker_paths.nth(i)
        assert path.get_attribute("d"), f"story marker {i} has no shape"
        box = path.bounding_box()
        assert box and box["width"] > 0 and box["height"] > 0, f"story marker {i}: {box}"

    # Production: every event exactly once; a diamond if dated to the day, a square if
    # dated to the month, else a bar.
    production = _production_plot(plots)
    clickable = _clickable(production)
    ids = [i for t in clickable for i in t["ids"]]
    expected_ids = [e["id"] for e in _production(EXAMPLE)]
    assert sorted(ids) == sorted(expected_ids)
    assert sum(t["drawn"] for t in clickable) == len(expected_ids) == 6
    days = {e["id"] for e in _production(EXAMPLE) if DAY_DATE.match(e["date"])}
    months = {e["id"] for e in _production(EXAMPLE) if MONTH_DATE.match(e["date"])}
    assert days and months, "the example should hold both a day and a month"
    markers = [t for t in clickable if t["type"] == "scatter"]
    diamonds = [t for t in markers if t["symbol"] == "diamond"]
    squares = [t for t in markers if t["symbol"] == "square"]
    bars = [t for t in clickable if t["type"] == "bar"]
    assert len(diamonds) + len(squares) == len(markers), [t["symbol"] for t in markers]
    assert {i for t in diamonds for i in t["ids"]} == days
    assert {i for t in squares for i in t["ids"]} == months
    assert sum(t["drawn"] for t in diamonds) == len(days)
    assert sum(t["drawn"] for t in squares) == len(months)
    assert sum(t["drawn"] for t in bars) == len(expected_ids) - len(days) - len(months)


def test_map_draws_land_outlines_offline(example_server: str, page: Page) -> None:
    requested: list[str] = []

    def record(request: Request) -> None:
        requested.append(request.url)

    page.on("request", record)
    page.goto(f"{example_server}/?tab=Map")
    wait_for_app(page)
    _assert_no_exception(page)
    plots = _wait_for_charts(page, 1)
    assert len(plots) == 1 and plots[0]["geo"], f"Map tab should hold one geo chart: {plots}"

    # Outlines come from topojson; without it these layers stay empty.
    land = page.locator(f"{ACTIVE_TAB} .js-plotly-plot .geo .layer.land path")
    land.first.wait_for(state="attached", timeout=TIMEOUT_MS)
    outlines: dict[str, int] = page.evaluate(
        """(scope) => Object.fromEntries(['land', 'countries', 'coastlines'].map((layer) => [
             layer,
             Math.max(0, ...[...document.querySelectorAll(
               `${scope} .js-plotly-plot .geo .layer.${layer} path`)]
               .map((p) => (p.getAttribute('d') || '').length)),
           ]))""",
        ACTIVE_TAB,
    )
    for layer, length in outlines.items():
        assert length > 1_000, f"{layer} outline is empty or trivial (d has {length} chars)"

    # One marker per place: story settings and real places, each set drawn in full.
    expected = {
        chronology: {loc for e in EXAMPLE["events"] if e["chronology"] == chronology
                     for loc in e.get("locations", [])}
        for chronology in ("story", "production")
    }  # fmt: skip
    traces = {t["name"]: t for t in _clickable(plots[0])}
    assert set(traces["Story setting"]["ids"]) == expected["story"]
    assert set(traces["Real place (production)"]["ids"]) == expected["production"]
    for trace in traces.values():
        assert trace["drawn"] == len(trace["ids"]), trace

    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    assert any(urlsplit(u).path.startswith("/app/static/") for u in requested), requested
    off_host = [u for u in requested if urlsplit(u).hostname not in {"127.0.0.1", "localhost"}]
    assert not off_host, f"requests left 127.0.0.1: {off_host}"


def test_clicking_a_story_marker_opens_its_details(
    example_server: str, open_app: Callable[..., Page]
) -> None:
    page = open_app(example_server)
    story_plot = _story_plot(_wait_for_charts(page, 2))
    story = _story_trace(story_plot)
    # A beat with a single marker, so the click can only mean this one.
    beat = next(e for e in _story(EXAMPLE) if story["ids"].count(e["id"]) == 1)
    position = story["ids"].index(beat["id"])
    assert page.locator(DETAILS).count() == 0, "details open before any click"

    marker = (
        page.locator(ACTIVE_TAB)
        .locator(".js-plotly-plot")
        .nth(story_plot["position"])
        .locator(".scatterlayer .trace")
        .filter(has=page.locator("path.point"))
        .locator("path.point")
        .nth(position)
    )
    box = marker.bounding_box()
    assert box, "story marker has no bounding box"
    # Plotly listens on its drag layer, above the SVG point: click where the point is.
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    details = page.locator(DETAILS)
    details.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_url(re.compile(rf"[?&]event={re.escape(beat['id'])}(&|$)"), timeout=TIMEOUT_MS)
    wait_for_app(page)
    text = details.inner_text()
    assert beat["title"] in text
    assert beat["summary"] in text
    _assert_no_exception(page)


def test_filter_changes_go_into_the_url_and_the_link_reproduces_the_table(
    example_server: str, open_app: Callable[..., Page], fresh_page: Page
) -> None:
    page = open_app(example_server)
    sidebar = page.locator('[data-testid="stSidebar"]')

    sidebar.locator('[data-testid="stRadio"]').get_by_text("Story", exact=True).click()
    page.wait_for_url(re.compile(r"[?&]view=Story(&|$)"), timeout=TIMEOUT_MS)
    wait_for_app(page)

    places = sidebar.locator('[data-testid="stMultiSelect"]').filter(has_text="Places")
    places.locator("input").click()
    page.get_by_role("option", name="Orkney", exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"[?&]location=Orkney(&|$)"), timeout=TIMEOUT_MS)
    wait_for_app(page)

    page.get_by_role("tab", name="Table").click()
    page.wait_for_url(re.compile(r"[?&]tab=Table(&|$)"), timeout=TIMEOUT_MS)
    wait_for_app(page)
    query = parse_qs(urlsplit(page.url).query)
    assert query.get("view") == ["Story"]
    assert query.get("location") == ["Orkney"]

    # What the filters should leave: story beats set in Orkney or anywhere inside it.
    orkney = _places_with_descendants(EXAMPLE, "Orkney")
    expected = {e["id"] for e in _story(EXAMPLE) if orkney & set(e.get("locations", []))}
    assert expected, "the example dataset should have story beats on Orkney"
    headline = _headline(page)
    assert headline == (len(expected), len(EXAMPLE["events"]))
    table_ids = _table_ids(page)
    csv_text = _download_csv(page)
    assert set(table_ids) == expected
    assert set(_csv_ids(csv_text)) == expected

    # The same URL in a new browser context shows exactly the same rows.
    fresh_page.goto(page.url)
    wait_for_app(fresh_page)
    _assert_no_exception(fresh_page)
    assert fresh_page.get_by_role("tab", name="Table").get_attribute("aria-selected") == "true"
    assert _headline(fresh_page) == headline
    assert _table_ids(fresh_page) == table_ids
    assert _download_csv(fresh_page) == csv_text


def test_phone_width_renders_the_charts(example_server: str, page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(example_server)
    wait_for_app(page)
    _assert_no_exception(page)
    plots = _wait_for_charts(page, 2)
    assert len(plots) == 2
    story = _story_trace(_story_plot(plots))
    assert story["drawn"] == sum(_story_markers(EXAMPLE).values())
    production = _production_plot(plots)
    assert sum(t["drawn"] for t in _clickable(production)) == len(_production(EXAMPLE))
    for plot in plots:
        assert 0 < plot["width"] <= 390, f"chart is {plot['width']}px wide on a 390px screen"


def test_shipped_dataset_renders_and_draws_both_timelines(
    streamlit_server: str, open_app: Callable[..., Page]
) -> None:
    page = open_app(streamlit_server)
    _assert_no_exception(page)
    shown, total = _headline(page)
    # The date filter opens on the making of the film: background (the bridge's history,
    # all of it before the film) is left out until the filter is widened.
    background = {e["id"] for e in SHIPPED["events"] if e.get("phase") in BACKGROUND_PHASES}
    assert background, "the shipped data should hold some background history"
    assert total == len(SHIPPED["events"])
    assert shown == total - len(background)
    assert total > 90
    plots = _wait_for_charts(page, 2)
    story = _story_trace(_story_plot(plots))
    expected_story = _story_markers(SHIPPED)
    assert Counter(story["ids"]) == expected_story
    assert story["drawn"] == sum(expected_story.values())
    clickable = _clickable(_production_plot(plots))
    # An event of several separate periods ("summer 2021 and 2022") draws each period.
    making = Counter(
        {e["id"]: _periods(e["date"]) for e in _production(SHIPPED) if e["id"] not in background}
    )
    assert any(n > 1 for n in making.values()), "expected an event of several periods"
    assert Counter(i for t in clickable for i in t["ids"]) == making
    assert sum(t["drawn"] for t in clickable) == making.total()


def test_a_long_table_lists_the_first_rows_and_says_so(
    start_streamlit: StartStreamlit, page: Page, tmp_path: Path
) -> None:
    # That both downloads still hold every event is checked under AppTest
    # (tests/app/test_dashboard.py): in the browser, the 5,150-row CSV twice never came
    # (Streamlit's button kept spinning, nothing in the server log) in full runs on a
    # fresh clone, though it always did when run alone. Smaller CSVs are downloaded in
    # the browser by the filter-to-URL test.
    from bench.synth import dataset_bytes
    from timeline.table import MAX_TABLE_ROWS

    n_events = MAX_TABLE_ROWS + 150
    path = tmp_path / "long.json"
    path.write_bytes(dataset_bytes(n_events))
    server = start_streamlit(args=["--", "--data", str(path)])
    page.goto(f"{server}/?tab=Table")
    wait_for_app(page)
    _assert_no_exception(page)
    assert f"first {MAX_TABLE_ROWS:,} of the {n_events:,} events" in _main_text(page)
    page.locator('[data-testid="stDataFrame"]').wait_for(state="attached", timeout=TIMEOUT_MS)
    for label in ("Download CSV", "Download events file (JSON)"):
        assert page.get_by_role("button", name=label).is_enabled(), label


# Scroll the n-th drawn point of a trace (by uid) of the active tab's plot into the
# middle of the screen; its centre in viewport coordinates, or null.
POINT_CENTRE_JS = """
([scope, position, uid, n]) => {
  const el = document.querySelectorAll(scope + ' .js-plotly-plot')[position];
  for (const g of el ? el.querySelectorAll('.trace') : []) {
    const trace = g.__data__ && g.__data__[0] && g.__data__[0].trace;
    if (!trace || trace.uid !== uid) continue;
    const paths = trace.type === 'bar'
      ? g.querySelectorAll('.point > path') : g.querySelectorAll('path.point');
    const point = paths[n];
    if (!point) return null;
    point.scrollIntoView({block: 'center'});
    const b = point.getBoundingClientRect();
    return {x: b.x + b.width / 2, y: b.y + b.height / 2, width: b.width};
  }
  return null;
}
"""


def test_on_a_phone_a_tapped_event_opens_on_screen(example_server: str, page: Page) -> None:
    # The columns stack on a phone, so the details panel would sit below every chart:
    # there it becomes a sheet at the bottom of the screen, wherever the page is scrolled.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(example_server)
    wait_for_app(page)
    production = _production_plot(_wait_for_charts(page, 2))
    bars = next(t for t in _clickable(production) if t["type"] == "bar")
    event_id = bars["ids"][-1]
    event = next(e for e in EXAMPLE["events"] if e["id"] == event_id)
    centre = page.evaluate(
        POINT_CENTRE_JS, [ACTIVE_TAB, production["position"], bars["uid"], len(bars["ids"]) - 1]
    )
    assert centre and centre["width"] > 0, "the production bar is not drawn"
    page.mouse.click(centre["x"], centre["y"])

    details = page.locator(DETAILS)
    details.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_url(re.compile(rf"[?&]event={re.escape(event_id)}(&|$)"), timeout=TIMEOUT_MS)
    wait_for_app(page)
    assert event["title"] in details.inner_text()
    box = details.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844, f"panel off screen: {box}"
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, f"panel off screen: {box}"
    assert box["height"] <= 844 * 0.5, f"the sheet covers most of the screen: {box}"
    # The page can still scroll past it to its end (the source credit).
    page.mouse.wheel(0, 20_000)
    page.wait_for_timeout(300)
    credit = page.get_by_text("Source:", exact=False).last.bounding_box()
    assert credit is not None and credit["y"] + credit["height"] <= box["y"], (credit, box)

    details.get_by_role("button", name="Close").click()
    details.wait_for(state="detached", timeout=TIMEOUT_MS)
    _assert_no_exception(page)


def test_on_a_wide_screen_the_details_stay_beside_the_charts(
    example_server: str, open_app: Callable[..., Page]
) -> None:
    event = _story(EXAMPLE)[0]
    page = open_app(example_server, f"event={event['id']}")
    details = page.locator(DETAILS)
    details.wait_for(timeout=TIMEOUT_MS)
    assert details.evaluate("(el) => getComputedStyle(el).position") != "fixed"
    panel = details.bounding_box()
    main = page.locator('[data-testid="stTabs"]').bounding_box()
    assert panel is not None and main is not None
    assert panel["x"] >= main["x"] + main["width"], "the panel should be right of the charts"


def test_a_filter_back_at_its_default_leaves_the_url(
    example_server: str, open_app: Callable[..., Page]
) -> None:
    # Links stay short: only what differs from the defaults is in the URL, also after
    # reruns (a widget's default must be the same on every run for that).
    page = open_app(example_server)
    radio = page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]')
    radio.get_by_text("Story", exact=True).click()
    page.wait_for_url(re.compile(r"[?&]view=Story(&|$)"), timeout=TIMEOUT_MS)
    wait_for_app(page)
    radio.get_by_text("Both", exact=True).click()
    page.wait_for_url(lambda url: "view=" not in url, timeout=TIMEOUT_MS)
    wait_for_app(page)

    for tab in ("Map", "Timelines"):  # each tab's own widgets come and go
        page.get_by_role("tab", name=tab).click()
        wait_for_app(page)
        page.wait_for_timeout(500)
    page.wait_for_url(lambda url: "tab=" not in url, timeout=TIMEOUT_MS)
    assert parse_qs(urlsplit(page.url).query) == {}, page.url


def test_on_a_phone_the_first_screen_shows_a_chart(streamlit_server: str, page: Page) -> None:
    # The shipped film's long title would fill half a phone's screen at Streamlit's size.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(streamlit_server)
    wait_for_app(page)
    _wait_for_charts(page, 2)
    title = page.locator('[data-testid="stMain"] h1').first.bounding_box()
    first = page.locator(f"{ACTIVE_TAB} .js-plotly-plot").first.bounding_box()
    assert title is not None and first is not None
    assert title["height"] < 150, f"the title takes {title['height']:.0f}px"
    assert first["y"] < 844 * 0.6, f"the first chart starts at {first['y']:.0f}px"
