"""Shared fixtures: cache isolation, real Streamlit servers and a headless Chromium.

Browser tests (everything under tests/browser/) are marked ``browser`` automatically.
They only ever talk to servers started here on 127.0.0.1.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

import pytest

from tests.harness import Server, ServerError, launch_chromium, start_server

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
BROWSER_TESTS = Path(__file__).resolve().parent / "browser"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


# --- markers and per-phase reports ------------------------------------------------


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)


_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    # Record each phase's outcome so fixtures can see in teardown whether the test failed.
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


# --- Streamlit caches ------------------------------------------------------------


@pytest.fixture(autouse=True)
def _clear_streamlit_caches() -> None:
    """Each test starts with empty st.cache_data / st.cache_resource."""
    import streamlit as st  # lazily: plain unit tests should not pay for it at import

    # Outside a running app, clearing logs "No runtime found" on every test: mute it.
    logger = logging.getLogger("streamlit.runtime.caching.cache_data_api")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        st.cache_data.clear()
        st.cache_resource.clear()
    finally:
        logger.setLevel(level)


# --- real Streamlit servers ------------------------------------------------------


class StartStreamlit(Protocol):
    def __call__(self, args: Sequence[str] = (), env: Mapping[str, str] | None = None) -> str: ...


@pytest.fixture(scope="session")
def start_streamlit() -> Iterator[StartStreamlit]:
    """Factory: ``start_streamlit(args=["--", "--data", path], env={...}) -> base_url``.

    Each call starts its own server on a free port (log in test-artifacts/); all of
    them are stopped at the end of the session.
    """
    servers: list[Server] = []

    def start(args: Sequence[str] = (), env: Mapping[str, str] | None = None) -> str:
        log_path = ARTIFACTS / f"streamlit-{len(servers)}-{os.getpid()}.log"
        try:
            server = start_server(log_path, args=args, env={**os.environ, **(env or {})})
        except ServerError as exc:
            pytest.fail(str(exc), pytrace=False)
        servers.append(server)
        return server.url

    yield start

    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def streamlit_server(start_streamlit: StartStreamlit) -> str:
    """Base URL of one app server with default arguments, shared by the session."""
    return start_streamlit()


# --- headless Chromium -----------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        yield browser
        browser.close()


def _block_off_host(route: Route) -> None:
    # Anything not on loopback would leave the machine (e.g. a CDN the app forgot to
    # replace): refuse it and say so in the captured output.
    if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
        route.continue_()
    else:
        print(f"blocked off-host request: {route.request.url}")
        route.abort()


def _screenshot_full(page: Page, path: Path) -> None:
    # Streamlit scrolls inside stMain, not the document, so full_page=True alone would
    # capture only the viewport: grow the viewport to the content height first.
    height = page.evaluate("document.querySelector('[data-testid=stMain]')?.scrollHeight ?? 0")
    viewport = page.viewport_size
    if viewport and height > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": min(height, 10_000)})
    page.screenshot(path=path, full_page=True)


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh 1400x900 page; on failure a full-page screenshot goes to test-artifacts/."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.route(re.compile(r"^https?://"), _block_off_host)
    page = context.new_page()
    yield page
    reports = request.node.stash.get(_REPORTS, {})
    if any(r.failed for r in reports.values()):
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        _screenshot_full(page, ARTIFACTS / f"{name}.png")
    context.close()


def wait_for_app(page: Page, timeout_ms: float = 30_000) -> None:
    """Wait until Streamlit has finished the current script run and painted it."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    # stApp carries the script-run state; "notRunning" only after a run completed.
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout_ms
    )
    page.wait_for_load_state("networkidle", timeout=timeout_ms)


@pytest.fixture
def open_app(page: Page) -> Callable[..., Page]:
    """``open_app(base_url, query="view=Story")``: navigate and wait for the render."""

    def open_(base_url: str, query: str = "") -> Page:
        page.goto(f"{base_url}/?{query}" if query else base_url)
        wait_for_app(page)
        return page

    return open_
