"""Share links and embed snippets: the public address, the view's query, escaping."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest

from timeline import settings
from timeline.sharing import (
    EMBED_QUERY,
    PublicUrlError,
    embed_snippet,
    picture_name,
    public_base,
    share_links,
)

QUERY = "view=Story&who=Grace&location=Venice&location=Rome"


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        # Community Cloud: the app's own frame, with and without the trailing slash.
        ("https://timeline.streamlit.app/~/+/", "https://timeline.streamlit.app/"),
        ("https://timeline.streamlit.app/~/+", "https://timeline.streamlit.app/"),
        # ...under a path (a proxy mounting the app below /films/).
        ("https://example.org/films/~/+/", "https://example.org/films/"),
        # No frame: unchanged, but always ending in a slash.
        ("http://127.0.0.1:8501", "http://127.0.0.1:8501/"),
        ("http://localhost:8501/timeline", "http://localhost:8501/timeline/"),
        # A stray query or fragment never leaks into the base.
        ("https://timeline.streamlit.app/~/+/?x=1#top", "https://timeline.streamlit.app/"),
        # A tilde or plus that is not the frame pair stays.
        ("https://example.org/~user/app/", "https://example.org/~user/app/"),
        (None, "/"),
        ("", "/"),
    ],
)
def test_public_base_drops_the_frame_path(current: str | None, expected: str) -> None:
    assert public_base(current) == expected


def test_a_configured_base_wins_over_the_address_seen() -> None:
    base = public_base(
        "https://timeline.streamlit.app/~/+/", configured="https://news.example.org/dr/"
    )
    assert base == "https://news.example.org/dr/"
    # Its own frame path, if pasted from the browser, is dropped too.
    assert (
        public_base(None, configured="https://a.streamlit.app/~/+/") == "https://a.streamlit.app/"
    )


@pytest.mark.parametrize("bad", ["ftp://example.org/", "example.org/app", "javascript:alert(1)"])
def test_a_configured_base_must_be_http(bad: str) -> None:
    with pytest.raises(PublicUrlError, match="TIMELINE_PUBLIC_URL"):
        public_base("http://127.0.0.1:8501", configured=bad)


def test_share_links_keep_the_query_and_add_embed() -> None:
    links = share_links(
        "https://timeline.streamlit.app/~/+/", QUERY, configured=None, title="A film: Map"
    )
    assert links.link == f"https://timeline.streamlit.app/?{QUERY}"
    src = urlsplit(links.embed_src)
    assert (src.scheme, src.netloc, src.path) == ("https", "timeline.streamlit.app", "/")
    pairs = parse_qsl(src.query)
    assert pairs[0] == tuple(EMBED_QUERY.split("="))
    assert pairs[1:] == parse_qsl(QUERY)  # repeated parameters kept, in order
    assert links.problem is None


def test_a_bad_setting_falls_back_and_says_why() -> None:
    links = share_links("http://127.0.0.1:8501", "", configured="nope", title="t")
    assert links.link == "http://127.0.0.1:8501/"
    assert links.problem is not None and "TIMELINE_PUBLIC_URL" in links.problem


class _Frames(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.frames: list[dict[str, str | None]] = []
        self.other: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        (self.frames if tag == "iframe" else self.other).append(dict(attrs))  # type: ignore[arg-type]


def test_the_snippet_is_one_iframe_with_every_value_escaped() -> None:
    src = 'https://example.org/?embed=true&q="><script>alert(1)</script>&who=Grace'
    title = 'Film "One" <b>& more</b>'
    snippet = embed_snippet(src, title=title)
    parser = _Frames()
    parser.feed(snippet)
    assert parser.other == []  # the script and bold tags stayed inside attribute values
    assert len(parser.frames) == 1
    frame = parser.frames[0]
    assert frame["src"] == src  # round-trips exactly
    assert frame["title"] == title
    assert "&amp;who=Grace" in snippet and "<script>" not in snippet


def test_picture_names_are_slugs_of_film_year_and_view() -> None:
    name = picture_name("Mission: Impossible \u2013 Dead Reckoning Part One", 2023, "Box office")
    assert name == "mission-impossible-dead-reckoning-part-one-2023-box-office"


@pytest.mark.parametrize(
    ("env", "secrets", "expected"),
    [
        ({}, None, None),
        ({"TIMELINE_PUBLIC_URL": " https://a.org/ "}, None, "https://a.org/"),
        ({"TIMELINE_PUBLIC_URL": "   "}, None, None),
        (
            {"TIMELINE_PUBLIC_URL": "https://env.org/"},
            {"TIMELINE_PUBLIC_URL": "https://s.org/"},
            "https://s.org/",
        ),
        ({}, {"TIMELINE_PUBLIC_URL": "https://s.org/"}, "https://s.org/"),
        (
            {"TIMELINE_PUBLIC_URL": "https://env.org/"},
            {"TIMELINE_PUBLIC_URL": 3},
            "https://env.org/",
        ),
    ],
)
def test_public_url_setting(
    env: dict[str, str], secrets: dict[str, object] | None, expected: str | None
) -> None:
    assert settings.public_url(env, secrets) == expected
