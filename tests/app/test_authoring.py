"""Start from an article (paste, .txt, fetch by title) and workbooks through the uploader."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from tests.app.conftest import EXAMPLE, RunApp, table_ids
from timeline import sheets
from timeline.draft.mediawiki import API_ENV_VAR
from timeline.loading import load_path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ARTICLE = FIXTURES / "dead-reckoning-part-one.txt"
RECORDED = FIXTURES / "mediawiki_extract.json"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sidebar_text(at: AppTest) -> str:
    parts = [e.value for e in (*at.sidebar.success, *at.sidebar.error, *at.sidebar.caption)]
    # Data in the sidebar is Markdown-escaped ("Draft\\: ..."): compare the words.
    return "\n".join(str(p) for p in parts).replace("\\", "")


def test_pasting_an_article_shows_its_draft_in_this_session(run_app: RunApp) -> None:
    at = run_app()
    example = table_ids(at)
    at.text_area(key="article_text").input(ARTICLE.read_text(encoding="utf-8"))
    at.button(key="article_draft").click().run()
    assert not at.exception
    ids = table_ids(at)
    assert ids != example and len(ids) > 80
    assert "Draft: pasted text" in _sidebar_text(at)
    assert "dated production events" in _sidebar_text(at)
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download the draft (JSON)" in labels
    assert "Download the draft as a workbook" in labels


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "the text is empty"), ("A lead and nothing else.", "no section headings")],
)
def test_a_bad_paste_keeps_the_data_and_says_why(run_app: RunApp, text: str, message: str) -> None:
    at = run_app()
    before = table_ids(at)
    at.text_area(key="article_text").input(text)
    at.button(key="article_draft").click().run()
    assert not at.exception
    assert table_ids(at) == before
    (error,) = at.sidebar.error
    assert message in error.value and "The current data stays" in error.value


@pytest.fixture
def wiki(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A MediaWiki API on 127.0.0.1 that answers every request with the recorded response."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            body = RECORDED.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv(API_ENV_VAR, f"http://127.0.0.1:{server.server_address[1]}/w/api.php")
    yield asked
    server.shutdown()
    server.server_close()


def test_fetching_by_title_drafts_the_recorded_article(run_app: RunApp, wiki: list[str]) -> None:
    at = run_app()
    at.text_input(key="article_title").input("Dead Reckoning")
    at.button(key="article_fetch").click().run()
    assert not at.exception
    assert wiki and "explaintext=1" in wiki[0] and "titles=Dead+Reckoning" in wiki[0]
    assert len(table_ids(at)) > 80
    assert "Draft: Mission: Impossible" in _sidebar_text(at)


def test_fetching_without_a_network_says_so(
    run_app: RunApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Port 9 (discard) on 127.0.0.1: nothing listens, the connection is refused at once.
    monkeypatch.setenv(API_ENV_VAR, "http://127.0.0.1:9/w/api.php")
    at = run_app()
    before = table_ids(at)
    at.text_input(key="article_title").input("Any film")
    at.button(key="article_fetch").click().run()
    assert not at.exception
    assert table_ids(at) == before
    (error,) = at.sidebar.error
    assert "could not reach the wiki" in error.value and "paste" in error.value


def test_a_workbook_upload_switches_the_session(run_app: RunApp) -> None:
    at = run_app()
    book = sheets.workbook_bytes(load_path(FIXTURES.parent.parent / "data" / "events.json"))
    at.file_uploader(key="upload").set_value(("book.xlsx", book, XLSX)).run()
    assert not at.exception
    assert len(table_ids(at)) == len(
        load_path(FIXTURES.parent.parent / "data" / "events.json").events
    )


def test_a_bad_workbook_keeps_the_data_and_names_sheet_row_and_column(run_app: RunApp) -> None:
    wb = load_workbook(io.BytesIO(sheets.workbook_bytes(load_path(EXAMPLE))))
    wb["locations"]["C2"].value = "north"
    out = io.BytesIO()
    wb.save(out)
    at = run_app()
    before = table_ids(at)
    at.file_uploader(key="upload").set_value(("bad.xlsx", out.getvalue(), XLSX)).run()
    assert not at.exception
    assert table_ids(at) == before
    assert r"bad.xlsx was not loaded" in at.sidebar.error[0].value.replace("\\", "")
    assert (
        "bad.xlsx: locations, row 2, column lat (C2): expected a number" in at.sidebar.code[0].value
    )


def test_the_table_offers_the_shown_events_as_a_workbook(run_app: RunApp) -> None:
    at = run_app()
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download workbook (.xlsx)" in labels
