"""Set vs shot in a real browser: map link lines draw, and the train beat shows its filming."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from tests.browser.test_dashboard import (
    ACTIVE_TAB,
    DETAILS,
    SHIPPED,
    TIMEOUT_MS,
    _assert_no_exception,
    _plots,
    _wait_for_charts,
)
from tests.conftest import wait_for_app

if TYPE_CHECKING:
    from playwright.sync_api import Page

LINKS = "Set → filmed at"

# Path data of the map's link lines as drawn in the SVG, trace by trace name.
LINK_PATHS_JS = """
(name) => {
  const el = document.querySelector('[data-testid="stTabs"] [role="tabpanel"] .js-plotly-plot');
  const out = [];
  for (const g of el.querySelectorAll('.trace')) {
    const trace = g.__data__ && g.__data__[0] && g.__data__[0].trace;
    if (trace && trace.name === name) {
      out.push(...[...g.querySelectorAll('path')].map((p) => p.getAttribute('d') || ''));
    }
  }
  return out;
}
"""


def _train_beat() -> dict[str, object]:
    """A beat set in the Alps whose filming the data records at more than one place."""
    filming = [e for e in SHIPPED["events"] if e.get("phase") == "filming"]
    places = {loc["id"]: loc["name"] for loc in SHIPPED["locations"]}
    for beat in sorted(
        (e for e in SHIPPED["events"] if e["chronology"] == "story"), key=lambda e: e["order"]
    ):
        shots = [f for f in filming if beat["id"] in f.get("story_events", [])]
        if "austrian-alps" in beat["locations"] and len(shots) > 1:
            return {
                **beat,
                "filmed_at": [places[loc] for shot in shots for loc in shot["locations"]],
            }
    raise AssertionError("the shipped data has no Alpine train beat with filming")


def test_map_link_lines_are_drawn(streamlit_server: str, open_app: Callable[..., Page]) -> None:
    page = open_app(streamlit_server, "tab=Map")
    _assert_no_exception(page)
    (plot,) = _wait_for_charts(page, 1)
    assert any(t["name"] == LINKS for t in plot["traces"]), [t["name"] for t in plot["traces"]]
    paths = page.evaluate(LINK_PATHS_JS, LINKS)
    drawn = [d for d in paths if d and d != "M0,0Z" and "L" in d]
    assert drawn, f"no link line drawn: {paths[:3]}"

    # Switching the links off takes them off the map and puts links=false in the URL.
    page.get_by_text("Join story settings to where they were filmed").click()
    page.wait_for_url(re.compile(r"[?&]links=false(&|$)"), timeout=TIMEOUT_MS)
    wait_for_app(page)
    # The rerun redraws the map as a new chart (the old one stays on the page until the
    # run ends): wait for a single map, without the line trace, rather than racing it.
    page.wait_for_function(
        "(name) => { const els = document.querySelectorAll("
        '\'[data-testid="stTabs"] [role="tabpanel"] .js-plotly-plot\');'
        " return els.length === 1 && els[0]._fullData"
        " && !els[0]._fullData.some((t) => t.name === name); }",
        arg=LINKS,
        timeout=TIMEOUT_MS,
    )
    wait_for_app(page)
    (plot,) = _plots(page, ACTIVE_TAB)
    assert not any(t["name"] == LINKS for t in plot["traces"])


def test_the_train_beat_shows_where_it_was_filmed(
    streamlit_server: str, open_app: Callable[..., Page]
) -> None:
    beat = _train_beat()
    page = open_app(streamlit_server, "tab=Set+vs+shot")
    _assert_no_exception(page)
    # Streamlit gives a keyed element the class st-key-<key>.
    button = page.locator(f".st-key-setshot_{beat['id']} button")
    assert str(beat["title"]) in page.locator(ACTIVE_TAB).inner_text()
    button.click()
    page.wait_for_url(re.compile(rf"[?&]event={re.escape(str(beat['id']))}(&|$)"))
    wait_for_app(page)
    details = page.locator(DETAILS)
    details.wait_for(timeout=TIMEOUT_MS)
    text = details.inner_text()
    assert "Where and when it was filmed" in text
    for place in beat["filmed_at"]:  # type: ignore[attr-defined]
        assert place in text
