"""Accessibility in a real browser: axe-core on every tab, charts with words, keyboard only.

axe-core (bundled by axe-playwright-python, injected into the page: nothing is fetched)
runs its WCAG 2.0-2.2 A and AA rules and best practices, plus ``target-size`` (WCAG 2.2
AA, off by default in axe), on every tab at desktop and phone widths, with and without
an event open, and with the sidebar open on a phone. Any serious or critical finding
fails; moderate and minor ones are Streamlit's own and listed in the README.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import Page, ViewportSize, expect

from tests.conftest import wait_for_app
from timeline.charts.describe import TABLE_HINT
from timeline.urlstate import TABS

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = json.loads((ROOT / "data" / "events.json").read_text(encoding="utf-8"))
STORY = sorted(
    (e for e in SHIPPED["events"] if e["chronology"] == "story"), key=lambda e: e["order"]
)
EVENT = STORY[1]["id"]  # any beat: its details open beside (or, on a phone, under) the charts
TIMEOUT_MS = 30_000
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": [
            "wcag2a",
            "wcag2aa",
            "wcag21a",
            "wcag21aa",
            "wcag22a",
            "wcag22aa",
            "best-practice",
        ],
    },
    "rules": {"target-size": {"enabled": True}},
}
BLOCKING = ("serious", "critical")
PHONE: ViewportSize = {"width": 390, "height": 844}
# No skeleton is left and every chart on show has drawn (a map its land, fetched apart).
DRAWN_JS = """
() => !document.querySelector('[data-testid="stSkeleton"]')
  && [...document.querySelectorAll('.js-plotly-plot')]
  .filter((el) => el.getBoundingClientRect().width > 0)
  .every((el) => el.querySelector('.main-svg')
    && (!el._fullLayout?.geo
        || [...el.querySelectorAll('.geo path')]
             .some((p) => (p.getAttribute('d') || '').length > 200)))
"""
# The element that has focus, described for a failure message and for matching.
FOCUSED_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const panel = el.closest('[data-testid=stSidebar]') ? 'sidebar'
    : el.closest('[class*="st-key-details_panel"]') ? 'details' : 'main';
  return {
    tag: el.tagName, role: el.getAttribute('role') || '',
    name: (el.getAttribute('aria-label') || el.innerText || el.value || '').trim().slice(0, 60),
    panel,
    widget: el.closest('[data-testid^=st]')?.dataset.testid || '',
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    ring: style.boxShadow !== 'none',
  };
}
"""


def _settle(page: Page) -> None:
    wait_for_app(page)
    page.wait_for_function(DRAWN_JS, timeout=TIMEOUT_MS)


def _open_tab(page: Page, name: str) -> None:
    tab = page.get_by_role("tab", name=name, exact=True)
    if tab.get_attribute("aria-selected") != "true":
        tab.click()
        expect(tab).to_have_attribute("aria-selected", "true", timeout=TIMEOUT_MS)
    _settle(page)


def _blocking(page: Page, where: str) -> list[str]:
    """One line per serious or critical axe finding on the page as it is now."""
    found: dict[str, Any] = Axe().run(page, options=AXE_OPTIONS).response
    return [
        f"{where}: {v['id']} ({v['impact']}) x{len(v['nodes'])}: {v['help']}; first: "
        f"{v['nodes'][0]['html'][:160]} -- {v['nodes'][0].get('failureSummary', '')[:200]}"
        for v in found["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize(
    ("width", "state"),
    [
        (1400, "nothing open"),
        (1400, "an event open"),
        (390, "nothing open"),
        (390, "an event open"),
        (390, "the sidebar open"),
    ],
)
def test_no_serious_or_critical_axe_violation_on_any_tab(
    streamlit_server: str, page: Page, width: int, state: str
) -> None:
    if width == 390:
        page.set_viewport_size(PHONE)
    query = {
        "nothing open": "",
        "an event open": f"event={EVENT}",
        # The spoiler shield on, so its caption shows in the sidebar too.
        "the sidebar open": "until=5",
    }[state]
    problems: list[str] = []
    checked: list[str] = []
    for tab in TABS:
        if state == "the sidebar open":
            # On a phone the open sidebar covers the tabs: load each tab, then open it.
            page.goto(f"{streamlit_server}/?{query}&tab={tab.replace(' ', '+')}")
            _settle(page)
            sidebar = page.get_by_test_id("stSidebar")
            if sidebar.get_attribute("data-collapsed") == "true":  # Streamlit may remember it
                page.get_by_test_id("stExpandSidebarButton").click()
            expect(sidebar).to_have_attribute("data-collapsed", "false")
            expect(sidebar.get_by_role("heading", name="Filters")).to_be_in_viewport()
            page.wait_for_timeout(500)  # the slide-in transition
        else:
            if not checked:
                page.goto(f"{streamlit_server}/?{query}")
                _settle(page)
            _open_tab(page, tab)
        if state == "an event open":
            expect(page.locator('[class*="st-key-details_panel"]')).to_be_visible()
        checked.append(tab)
        problems += _blocking(page, f"{width}px, {state}, {tab}")
    assert checked == list(TABS)
    assert not problems, "\n".join(problems)


def test_axe_finds_a_planted_low_contrast_caption(streamlit_server: str, page: Page) -> None:
    # The check itself can fail: a caption turned back to Streamlit's faded grey is found
    # (the open event's caption, on the details panel's plain white).
    page.goto(f"{streamlit_server}/?event={EVENT}")
    _settle(page)
    assert _blocking(page, "as shipped") == []
    faded = "color: #1F2328 !important; opacity: 0.5 !important;"
    page.add_style_tag(content=f'[data-testid="stCaptionContainer"] {{ {faded} }}')
    found = _blocking(page, "planted")
    assert any("color-contrast (serious)" in line for line in found), found


# Where each chart's accessible name starts; the rest is what it shows, in words.
NAMES = {
    "Timelines": ("Story timeline: ", "Production timeline: "),
    "Storylines": ("Storylines: ",),
    "Map": ("Map of places: ",),
    "Fortunes": ("Release dates: ", "Box office: ", "Reception: "),
}


@pytest.mark.parametrize("width", [1400, 390])
def test_every_chart_has_an_accessible_name_and_description(
    streamlit_server: str, page: Page, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(streamlit_server)
    _settle(page)
    for tab, names in NAMES.items():
        _open_tab(page, tab)
        charts = page.get_by_test_id("stPlotlyChart")
        expect(charts).to_have_count(len(names), timeout=TIMEOUT_MS)
        for k, name in enumerate(names):
            chart = charts.nth(k)
            expect(chart).to_have_attribute("role", "figure")
            label = chart.get_attribute("aria-label") or ""
            assert label.startswith(name), (tab, label)
            # A description after the name: words and numbers, then the way to the Table.
            described = label.removeprefix(name).removesuffix(TABLE_HINT)
            assert re.search(r"\d", described) and len(described) > 20, (tab, label)
            assert label.endswith(TABLE_HINT), label
            expect(chart).to_have_accessible_name(label)


def test_chart_descriptions_follow_the_filters_and_the_spoiler_shield(
    streamlit_server: str, page: Page
) -> None:
    until = 5
    page.goto(f"{streamlit_server}/?view=Story&until={until}")
    _settle(page)
    story = page.get_by_role("figure", name=re.compile(r"^Story timeline: "))
    label = story.get_attribute("aria-label") or ""
    assert f"{until} story beats in narrative order" in label, label
    shown, hidden = STORY[until - 1], STORY[until]
    assert f"to beat {until} ({shown['title']})" in label, label
    assert hidden["title"] not in label
    # Chronology "Story": no production chart, so no production description either.
    expect(page.get_by_role("figure", name=re.compile(r"^Production timeline"))).to_have_count(0)


def _tab_until(
    page: Page, wanted: Callable[[dict[str, Any]], bool], limit: int
) -> list[dict[str, Any]]:
    """Press Tab until the focused element is ``wanted``; every stop on the way."""
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUSED_JS)
        if info is None:
            continue
        stops.append(info)
        if wanted(info):
            return stops
    raise AssertionError(f"not reached in {limit} Tab presses; stops: {stops}")


def test_keyboard_alone_reaches_filters_tabs_share_and_an_events_details(
    streamlit_server: str, page: Page
) -> None:
    page.goto(streamlit_server)
    _settle(page)
    page.locator("body").focus()  # the page's first Tab stop comes next

    stops = _tab_until(
        page, lambda s: s["widget"].startswith("stRadio") and s["panel"] == "sidebar", 40
    )
    stops += _tab_until(page, lambda s: s["role"] == "tab", 80)
    assert any("Share this view" in s["name"] for s in stops), stops
    # Open another tab with the arrow keys (tabs are one stop; arrows move between them).
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="Storylines", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("tab", name="Storylines", exact=True)).to_have_attribute(
        "aria-selected", "true", timeout=TIMEOUT_MS
    )
    _settle(page)

    picker = page.get_by_role("combobox", name=re.compile("Pick an event"))
    stops += _tab_until(page, lambda s: s["role"] == "combobox" and s["panel"] == "main", 150)
    expect(picker).to_be_focused()
    # Every stop on the way showed where the focus was: an outline or a focus ring.
    unseen = [s for s in stops if not (s["outline"] or s["ring"])]
    assert not unseen, unseen

    page.keyboard.press("ArrowDown")  # opens the list
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    details = page.locator('[class*="st-key-details_panel"]')
    expect(details).to_be_visible(timeout=TIMEOUT_MS)
    wait_for_app(page)
    assert "event=" in page.url
    first_title = details.locator("h3").inner_text()

    # Step the tour from the keyboard too: on to the next event's details.
    _tab_until(page, lambda s: re.search(r"\bNext\b", s["name"]) is not None, 150)
    page.keyboard.press("Enter")
    expect(details.locator("h3")).not_to_have_text(first_title, timeout=TIMEOUT_MS)


def test_the_share_link_opens_from_the_keyboard(streamlit_server: str, page: Page) -> None:
    page.goto(f"{streamlit_server}/?view=Story")
    _settle(page)
    page.locator("body").focus()
    _tab_until(page, lambda s: "Share this view" in s["name"], 80)
    page.keyboard.press("Enter")
    body = page.get_by_test_id("stPopoverBody")
    expect(body).to_be_visible(timeout=TIMEOUT_MS)
    expect(body.get_by_test_id("stCode").first).to_contain_text("view=Story")
