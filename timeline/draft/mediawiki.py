"""Fetching an article's plain text by title through the MediaWiki API.

The request is ``action=query&prop=extracts&explaintext=1&exsectionformat=wiki``, which
returns the text with ``== Heading ==`` lines, the form :mod:`timeline.draft.article`
reads. The fetch is a function argument, so tests pass a recorded response and never
touch the network; without a network the error says so plainly.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable

DEFAULT_API = "https://en.wikipedia.org/w/api.php"
#: Another wiki's API (or a local copy in tests): ``TIMELINE_WIKI_API=http://127.0.0.1:8000/api.php``.
API_ENV_VAR = "TIMELINE_WIKI_API"
TIMEOUT_SECONDS = 10.0
MAX_RESPONSE_BYTES = 5 * 1024 * 1024
USER_AGENT = "film-timeline-explorer/1.0 (drafting an events file from an article)"

#: ``fetch(url, timeout)`` → the response body.
Fetch = Callable[[str, float], bytes]


class FetchError(Exception):
    """The article could not be fetched; ``str()`` says why in words a person can act on."""


def query_url(title: str, api: str = DEFAULT_API) -> str:
    """The API address that returns ``title``'s plain text with wiki-style headings."""
    params = {
        "action": "query",
        "prop": "extracts",
        "explaintext": "1",
        "exsectionformat": "wiki",
        "redirects": "1",
        "titles": title,
        "format": "json",
        "formatversion": "2",
    }
    return f"{api}?{urllib.parse.urlencode(params)}"


def http_fetch(url: str, timeout: float) -> bytes:
    """GET ``url`` with a timeout and a size cap (the default :data:`Fetch`)."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        body: bytes = response.read(MAX_RESPONSE_BYTES + 1)
    if len(body) > MAX_RESPONSE_BYTES:
        raise FetchError("the article is larger than 5 MB")
    return body


def extract(body: bytes, title: str) -> tuple[str, str]:
    """The (normalised title, plain text) of the page in an API response."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise FetchError("the wiki's answer was not JSON") from None
    pages = data.get("query", {}).get("pages") if isinstance(data, dict) else None
    if isinstance(pages, dict):  # formatversion=1: pages keyed by page id
        pages = list(pages.values())
    if not isinstance(pages, list) or not pages:
        raise FetchError(f"no page in the wiki's answer for {title!r}")
    page = pages[0]
    if not isinstance(page, dict) or "missing" in page or "invalid" in page:
        raise FetchError(f"the wiki has no article called {title!r}")
    text = page.get("extract")
    if not isinstance(text, str) or not text.strip():
        raise FetchError(f"the wiki returned no text for {title!r}")
    return str(page.get("title") or title), text


def fetch_article(
    title: str,
    *,
    fetch: Fetch = http_fetch,
    api: str = DEFAULT_API,
    timeout: float = TIMEOUT_SECONDS,
) -> tuple[str, str]:
    """Fetch ``title``: its normalised title and plain text, or :class:`FetchError`."""
    title = " ".join(title.split())
    if not title or len(title) > 255:
        raise FetchError("give an article title (at most 255 characters)")
    try:
        body = fetch(query_url(title, api), timeout)
    except FetchError:
        raise
    except TimeoutError:
        raise FetchError(
            f"the wiki did not answer within {timeout:g} s; try again, or paste the text"
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(
            f"could not reach the wiki ({reason}): this server may be offline; "
            "paste the article's text or upload it as a .txt file instead"
        ) from None
    return extract(body, title)
