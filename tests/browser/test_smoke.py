"""Smoke tests against the real app in headless Chromium."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable

from playwright.sync_api import Page, expect


def test_app_renders_title_without_exceptions(
    streamlit_server: str, open_app: Callable[..., Page]
) -> None:
    page = open_app(streamlit_server)  # returns once the script run has finished
    main_text = page.locator('[data-testid="stMain"]').inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0, main_text
    h1 = page.locator("h1").first
    expect(h1).to_be_visible(timeout=5_000)
    assert h1.inner_text().strip(), "page title (h1) is empty"


def test_static_map_outline_is_served(streamlit_server: str) -> None:
    # Plotly geo charts load this via config={"topojsonURL": "/app/static/"}.
    no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with no_proxy.open(f"{streamlit_server}/app/static/world_110m.json", timeout=10) as resp:
        assert resp.status == 200
        topology = json.load(resp)
    assert "objects" in topology
