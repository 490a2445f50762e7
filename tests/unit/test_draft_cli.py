"""``python -m timeline draft`` and the MediaWiki fetch (a recorded response, never the network)."""

from __future__ import annotations

import json
import urllib.error
from pathlib import Path

import pytest

from timeline.cli import main
from timeline.draft import draft_article
from timeline.draft.mediawiki import FetchError, extract, fetch_article, query_url
from timeline.loading import load_path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ARTICLE = FIXTURES / "dead-reckoning-part-one.txt"
RECORDED = FIXTURES / "mediawiki_extract.json"


def test_draft_writes_a_file_that_validate_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "draft.json"
    assert main(["draft", str(ARTICLE), str(target)]) == 0
    out, err = capsys.readouterr()
    assert "dated production events" in out
    assert "Statements without a date" in err
    assert main(["validate", str(target)]) == 0
    assert load_path(target).film.year == 2023


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the text is empty"),
        (b"\x00\x01\x02binary", "binary data"),
        (b"Only a lead.", "no section headings"),
    ],
)
def test_bad_input_writes_nothing_and_keeps_the_old_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    source, target = tmp_path / "a.txt", tmp_path / "out.json"
    source.write_bytes(content)
    target.write_text("old", encoding="utf-8")
    assert main(["draft", str(source), str(target)]) == 1
    assert message in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "old"


def test_query_url_asks_for_plain_text_with_wiki_headings() -> None:
    url = query_url("Some Film")
    for part in (
        "action=query",
        "prop=extracts",
        "explaintext=1",
        "exsectionformat=wiki",
        "titles=Some+Film",
        "format=json",
    ):
        assert part in url


def test_a_recorded_response_drafts_like_the_text_itself() -> None:
    calls: list[tuple[str, float]] = []

    def recorded(url: str, timeout: float) -> bytes:
        calls.append((url, timeout))
        return RECORDED.read_bytes()

    title, text = fetch_article("Mission: Impossible - Dead Reckoning Part One", fetch=recorded)
    assert calls and calls[0][1] == 10.0
    assert title == json.loads(RECORDED.read_text(encoding="utf-8"))["query"]["pages"][0]["title"]
    assert text == ARTICLE.read_text(encoding="utf-8")
    fetched = draft_article(text, gazetteer=None).dataset
    assert fetched == draft_article(ARTICLE.read_bytes(), gazetteer=None).dataset


def _raise(exc: Exception) -> object:
    def fetch(url: str, timeout: float) -> bytes:
        raise exc

    return fetch


@pytest.mark.parametrize(
    ("exc", "message"),
    [
        (urllib.error.URLError("Name or service not known"), "this server may be offline"),
        (TimeoutError(), "did not answer within 10 s"),
        (OSError("Network is unreachable"), "paste the article's text"),
    ],
)
def test_offline_and_timeouts_say_so(exc: Exception, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        fetch_article("Any", fetch=_raise(exc))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"query": {"pages": [{"title": "Nope", "missing": true}]}}', "no article called"),
        (b'{"query": {"pages": [{"title": "Empty", "extract": ""}]}}', "no text"),
        (b"<html>error</html>", "not JSON"),
        (b"{}", "no page"),
    ],
)
def test_unexpected_answers_are_clear_errors(body: bytes, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        extract(body, "Nope")


def test_an_empty_title_is_refused_before_any_request() -> None:
    with pytest.raises(FetchError, match="give an article title"):
        fetch_article("   ", fetch=_raise(AssertionError("no request")))  # type: ignore[arg-type]
