"""Share and embed in a real browser: the snippet inside an article, and chart pictures.

The article is a local HTML page served on 127.0.0.1 by a server started here, on
another port than the app's: the iframe loads the app cross-origin, as a newspaper's
page would.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import FrameLocator, Page, Request, expect

from tests.conftest import wait_for_app
from tests.harness import free_port
from timeline.sharing import picture_name

TIMEOUT_MS = 30_000
FILM = "Mission: Impossible \u2013 Dead Reckoning Part One"
VIEW = "view=Production&phase=Filming&tab=Table"


@pytest.fixture
def article_dir(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder served over HTTP on 127.0.0.1 (its base URL), stopped after the test."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _share_panel_texts(page: Page) -> list[str]:
    page.get_by_role("button", name=re.compile("Share this view")).click()
    codes = page.get_by_test_id("stPopoverBody").get_by_test_id("stCode")
    expect(codes).to_have_count(2, timeout=TIMEOUT_MS)
    return [codes.nth(k).inner_text().strip() for k in range(2)]


def _table_rows(frame: FrameLocator | Page) -> int:
    headline = frame.get_by_text(re.compile(r"Showing \d+ of \d+ events")).inner_text()
    found = re.search(r"Showing (\d+) of", headline)
    assert found, headline
    return int(found.group(1))


def test_the_embed_snippet_shows_the_shared_view_inside_an_article(
    streamlit_server: str, page: Page, article_dir: tuple[Path, str]
) -> None:
    page.goto(f"{streamlit_server}/?{VIEW}")
    wait_for_app(page)
    shown = _table_rows(page)
    link, snippet = _share_panel_texts(page)
    assert link == f"{streamlit_server}/?{VIEW}"
    assert snippet.startswith("<iframe ") and snippet.endswith("></iframe>")
    title = re.search(r'title="([^"]+)"', snippet)
    assert title and "Table" in title.group(1)

    folder, base = article_dir
    (folder / "article.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>An article</title>"
        "</head><body><h1>How the film was made</h1><p>The shoot, in one view:</p>"
        f"{snippet}<p>More words.</p></body></html>",
        encoding="utf-8",
    )
    page.goto(f"{base}/article.html")
    iframe = page.locator("iframe")
    expect(iframe).to_have_count(1)
    src = iframe.get_attribute("src") or ""
    assert dict(parse_qsl(urlsplit(src).query))["embed"] == "true"
    frame = page.frame_locator("iframe")
    expect(frame.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=TIMEOUT_MS
    )
    expect(frame.get_by_role("tab", name="Table", exact=True)).to_have_attribute(
        "aria-selected", "true", timeout=TIMEOUT_MS
    )
    expect(frame.get_by_test_id("stDataFrame")).to_be_visible(timeout=TIMEOUT_MS)
    assert _table_rows(frame) == shown  # the same filters: the same events
    # Inside an article: no share panel and no upload, but the way to the full app.
    expect(frame.get_by_role("button", name=re.compile("Share this view"))).to_have_count(0)
    expect(frame.get_by_test_id("stFileUploader")).to_have_count(0)
    full = frame.get_by_role("link", name=re.compile("Open the full app"))
    expect(full).to_have_attribute("href", link)
    expect(full).to_have_attribute("target", "_blank")


def test_an_embedded_view_keeps_its_url_state_when_changed(
    streamlit_server: str, page: Page
) -> None:
    page.goto(f"{streamlit_server}/?embed=true&view=Story&tab=Storylines")
    wait_for_app(page)
    page.get_by_role("tab", name="Map", exact=True).click()
    expect(page.get_by_role("tab", name="Map", exact=True)).to_have_attribute(
        "aria-selected", "true", timeout=TIMEOUT_MS
    )
    wait_for_app(page)
    query = dict(parse_qsl(urlsplit(page.url).query))
    assert query.get("tab") == "Map" and query.get("view") == "Story", page.url
    full = page.get_by_role("link", name=re.compile("Open the full app"))
    # The link is redrawn by the rerun the tab change starts: wait for it, not just idle.
    expect(full).to_have_attribute("href", re.compile(r"[?&]tab=Map(&|$)"), timeout=TIMEOUT_MS)
    href = full.get_attribute("href") or ""
    assert "embed" not in href and "view=Story" in href, href


def test_a_charts_camera_button_saves_a_named_png_offline(
    streamlit_server: str, page: Page
) -> None:
    off_host: list[str] = []

    def record(request: Request) -> None:
        if urlsplit(request.url).hostname not in ("127.0.0.1", "localhost"):
            off_host.append(request.url)

    page.on("request", record)
    page.goto(f"{streamlit_server}/?view=Production")
    wait_for_app(page)
    chart = page.get_by_role("figure", name=re.compile(r"^Production timeline"))
    expect(chart.locator(".main-svg").first).to_be_visible(timeout=TIMEOUT_MS)
    chart.hover()
    with page.expect_download(timeout=TIMEOUT_MS) as download:
        chart.get_by_role("button", name="Download plot as a PNG").click()
    saved = download.value
    assert saved.suggested_filename == picture_name(FILM, 2023, "Production") + ".png"
    data = Path(saved.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    assert off_host == []
