"""The story in a real browser: the tour by keyboard alone, and a phone-wide Timelines tab."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from tests.conftest import wait_for_app

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = json.loads((ROOT / "data" / "events.json").read_text(encoding="utf-8"))
STORY = sorted(
    (e for e in SHIPPED["events"] if e["chronology"] == "story"), key=lambda e: e["order"]
)
MAX_TABS = 120  # Tab presses allowed to reach a control: far more than the page has

# The focused button's own words (Material icons are ligature text: dropped).
FOCUSED_LABEL_JS = """() => {
  const el = document.activeElement;
  if (!el || el.tagName !== 'BUTTON') return '';
  const words = [...el.querySelectorAll('p')].map((p) => p.innerText.trim());
  return words.join(' ');
}"""


def tab_to(page: Page, label: str) -> None:
    """Press Tab (only) until the focused element is the button ``label``."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_LABEL_JS) == label:
            return
    raise AssertionError(f"{label!r} is not reachable with Tab")


def wait_for_event(page: Page, event_id: str) -> None:
    """Wait until the URL's ``event`` is ``event_id`` (the app rewrites it in place)."""
    page.wait_for_function(
        "id => new URLSearchParams(location.search).get('event') === id", arg=event_id
    )
    wait_for_app(page)


def event_in_url(page: Page) -> str | None:
    values = parse_qs(urlsplit(page.url).query).get("event")
    return values[-1] if values else None


def test_the_tour_steps_by_keyboard_alone(
    streamlit_server: str, open_app: Callable[..., Page]
) -> None:
    page = open_app(streamlit_server, f"event={STORY[0]['id']}")
    tab_to(page, "Next beat")
    page.keyboard.press("Enter")
    wait_for_event(page, STORY[1]["id"])
    assert page.get_by_text(f"Story beat 2 of {len(STORY)}").is_visible()
    tab_to(page, "Next beat")
    page.keyboard.press("Enter")
    wait_for_event(page, STORY[2]["id"])
    tab_to(page, "Previous beat")
    page.keyboard.press("Enter")
    wait_for_event(page, STORY[1]["id"])
    assert event_in_url(page) == STORY[1]["id"]
    # The focused control shows it has focus: a visible outline or ring.
    tab_to(page, "Next beat")
    ring = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"
    )
    assert ring[0] != "none" or ring[2] != "none", ring


def test_the_timelines_tab_fits_a_phone_without_sideways_scrolling(
    streamlit_server: str, open_app: Callable[..., Page]
) -> None:
    page = open_app(streamlit_server, "tab=Timelines&view=Both")
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(500)  # Plotly redraws at the new width
    wait_for_app(page)
    widths = page.evaluate(
        """() => {
          const main = document.querySelector('[data-testid=stMain]');
          const plots = [...document.querySelectorAll('.js-plotly-plot')];
          return {
            doc: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
            main: [main.scrollWidth, main.clientWidth],
            plots: plots.map((p) => p.getBoundingClientRect().right),
          };
        }"""
    )
    assert widths["doc"][0] <= widths["doc"][1], widths
    assert widths["main"][0] <= widths["main"][1], widths
    assert len(widths["plots"]) == 2 and all(right <= 390 for right in widths["plots"]), widths
    # Every title is drawn as text inside the story chart at this width.
    drawn = page.locator(".js-plotly-plot").first.inner_text()
    missing = [b["title"] for b in STORY if b["title"].split()[0] not in drawn]
    assert not missing


def test_on_a_phone_the_map_fills_its_box_without_blank_bands(
    streamlit_server: str, open_app: Callable[..., Page]
) -> None:
    page = open_app(streamlit_server, "tab=Map")
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(500)
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot .geo")
    boxes = page.evaluate(
        """() => {
          const plot = document.querySelector('.js-plotly-plot');
          const land = plot.querySelector('.geo .bg rect, .geo .bg path')
            || plot.querySelector('.geo');
          const a = plot.getBoundingClientRect(), b = land.getBoundingClientRect();
          return {plot: [a.top, a.bottom, a.width], map: [b.top, b.bottom, b.width]};
        }"""
    )
    above = boxes["map"][0] - boxes["plot"][0]
    below = boxes["plot"][1] - boxes["map"][1]
    assert boxes["plot"][2] <= 390
    assert above < 24 and below < 24, boxes


# Each drawn name on the storylines chart: its text and the box the browser gives it.
NAME_BOXES_JS = """() => {
  const plot = [...document.querySelectorAll('.js-plotly-plot')]
    .find((el) => el.getBoundingClientRect().width > 0);
  return [...plot.querySelectorAll('.annotation text')]
    .map((t) => {
      const r = t.getBoundingClientRect();
      return [t.textContent, r.left, r.top, r.right, r.bottom];
    })
    .filter((b) => b[0].trim() && b[3] > b[1]);
}"""


def test_the_storylines_names_never_overlap_on_desktop_or_phone(
    streamlit_server: str, open_app: Callable[..., Page]
) -> None:
    characters = {c for b in STORY for c in b["characters"]}
    names = {c["name"] for c in SHIPPED["characters"] if c["id"] in characters}
    page = open_app(streamlit_server, "tab=Storylines")
    for width, height in ((1400, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(500)  # Plotly redraws at the new width
        wait_for_app(page)
        page.wait_for_selector(".js-plotly-plot .annotation text")
        boxes = page.evaluate(NAME_BOXES_JS)
        assert names <= {b[0] for b in boxes}, f"{width}px: names missing"
        clashes = [
            (a[0], b[0])
            for i, a in enumerate(boxes)
            for b in boxes[i + 1 :]
            # Overlapping by more than a pixel each way (anti-aliased edges may touch).
            if a[1] < b[3] - 1 and b[1] < a[3] - 1 and a[2] < b[4] - 1 and b[2] < a[4] - 1
        ]
        assert clashes == [], f"names overlap at {width}px: {clashes}"
