"""Sharing a view: its link, an embed snippet for articles, and names for its pictures.

Links are built from the address the app sees (``st.context.url``) unless a public
base URL is configured (``TIMELINE_PUBLIC_URL``, see :mod:`timeline.settings`). On
Streamlit Community Cloud the app itself runs in a frame at
``https://<app>.streamlit.app/~/+/``, so the address it sees carries that frame path
(Streamlit issue #5084): it is dropped, since a link or an iframe must point at the
public page. The snippet is plain text for the person to copy, never rendered.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from timeline.plaintext import slugify

#: The path segments of Community Cloud's inner frame (``/~/+/``).
FRAME_SEGMENTS = ("~", "+")
#: The query parameter Streamlit reads to draw an app for embedding (no menu, no
#: padding); ``st.context.is_embedded`` is then true. It never reaches ``st.query_params``.
EMBED_QUERY = "embed=true"
EMBED_HEIGHT = 720


class PublicUrlError(ValueError):
    """A configured public base URL that is not an http(s) address."""


def _without_frame(path: str) -> str:
    """``path`` with the ``/~/+`` frame segments taken out, ending in ``/``."""
    parts = path.split("/")
    for k in range(len(parts) - 1):
        if (parts[k], parts[k + 1]) == FRAME_SEGMENTS:
            parts = parts[:k] + parts[k + 2 :]
            break
    joined = "/".join(p for p in parts if p)
    return f"/{joined}/" if joined else "/"


def public_base(current: str | None, *, configured: str | None = None) -> str:
    """The app's public address, ending in ``/``, with no query, fragment or frame path.

    ``configured`` (the ``TIMELINE_PUBLIC_URL`` setting) wins over ``current`` (the
    address the app was reached at). Raises :class:`PublicUrlError` for a configured
    value that is not an http(s) URL with a host. Without either, ``/`` (a relative
    link to this app's root).
    """
    if configured:
        parts = urlsplit(configured.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise PublicUrlError(
                f"TIMELINE_PUBLIC_URL is {configured[:80]!r}: give an http:// or https:// "
                "address, such as https://films.example.org/timeline/."
            )
    elif current:
        parts = urlsplit(current.strip())
    else:
        return "/"
    return urlunsplit((parts.scheme, parts.netloc, _without_frame(parts.path), "", ""))


def view_link(base: str, query: str) -> str:
    """The link to a view: ``base`` and the view's query string (none: just ``base``)."""
    return f"{base}?{query}" if query else base


def embed_src(base: str, query: str) -> str:
    """The address an article's iframe loads: the view in Streamlit's embed mode."""
    return f"{base}?{EMBED_QUERY}" + (f"&{query}" if query else "")


def embed_snippet(src: str, *, title: str, height: int = EMBED_HEIGHT) -> str:
    """An ``<iframe>`` for an article, every attribute value escaped for HTML.

    ``title`` names the frame for screen readers (WCAG 4.1.2). The result is text to
    copy; the app shows it as code, never as HTML.
    """
    return (
        f'<iframe src="{html.escape(src, quote=True)}" title="{html.escape(title, quote=True)}" '
        f'width="100%" height="{int(height)}" style="border:0" loading="lazy"></iframe>'
    )


def view_title(film: str, year: int, view: str) -> str:
    """``Mission: Impossible (2023): Map``, naming an embedded view."""
    return f"{film} ({year}): {view}"


def picture_name(film: str, year: int, view: str) -> str:
    """A file name (no extension) for a chart's picture: ``film-2023-view``."""
    return "-".join(p for p in (slugify(film, 60), str(year), slugify(view, 40)) if p)


@dataclass(frozen=True)
class ShareLinks:
    """What "Share this view" offers: the link, the iframe's address and its snippet.

    ``problem`` says why a configured public URL was not used (links then use the
    address the app was reached at).
    """

    link: str
    embed_src: str
    snippet: str
    problem: str | None = None


def share_links(
    current: str | None, query: str, *, configured: str | None, title: str
) -> ShareLinks:
    """The link and embed snippet for a view with query string ``query``."""
    problem = None
    try:
        base = public_base(current, configured=configured)
    except PublicUrlError as exc:
        problem = str(exc)
        base = public_base(current)
    src = embed_src(base, query)
    return ShareLinks(view_link(base, query), src, embed_snippet(src, title=title), problem)
