"""Share this view, and the app embedded in an article (``?embed=true``).

The links come from :mod:`timeline.sharing`; here they meet Streamlit: the address the
browser used (``st.context.url``), the public URL setting (environment or
``st.secrets``), and what the header offers: the share panel, or inside an article's
iframe a link to open the full app on the same view.
"""

from __future__ import annotations

import os

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from timeline import settings
from timeline.index import DatasetIndex
from timeline.sharing import ShareLinks, share_links, view_title
from timeline.text import markdown_escape
from timeline.urlstate import TAB_PARAM, TABS

#: Inside an article's frame (often 600-800 px wide) the film's title takes less room,
#: so the view itself starts higher, and the full-app link wraps rather than being cut
#: to "Open the ful…". Static CSS, no data in it.
EMBED_CSS = """<style>
.stMain h1 { font-size: 1.75rem; }
[data-testid="stLinkButton"] [data-testid="stMarkdownContainer"],
[data-testid="stLinkButton"] p { white-space: normal; text-overflow: clip; overflow: visible; }
</style>"""


def embedded() -> bool:
    """Whether the app is drawn inside another page (Streamlit's ``embed=true``)."""
    return bool(st.context.is_embedded)


def links(index: DatasetIndex, query: str) -> ShareLinks:
    """The link and embed snippet for the view with query string ``query``."""
    secrets = st.secrets if st.secrets.load_if_toml_exists() else {}
    film = index.dataset.film
    tab = st.session_state.get(TAB_PARAM) or TABS[0]
    return share_links(
        st.context.url,
        query,
        configured=settings.public_url(os.environ, secrets),
        title=view_title(film.title, film.year, f"{tab} (interactive timeline)"),
    )


def control(place: DeltaGenerator, shared: ShareLinks, *, uploaded: bool, inside: bool) -> None:
    """The header's share button; inside an article, a link to the full app instead."""
    if inside:
        st.html(EMBED_CSS)
        place.link_button(
            "Open the full app",
            shared.link,
            icon=":material/open_in_new:",
            help="Opens this view in a new tab, with the filters and every tool.",
        )
        return
    with place.popover("Share this view", icon=":material/link:", width="stretch"):
        panel(shared, uploaded=uploaded)


def panel(shared: ShareLinks, *, uploaded: bool) -> None:
    """The link to this view and the snippet that embeds it in an article."""
    if uploaded:
        st.warning(
            "This view shows your uploaded file, which stays in your browser session: "
            "the link opens the same filters on the app's own dataset."
        )
    else:
        st.caption("Anyone opening this link sees exactly this view.")
    st.code(shared.link, language=None, wrap_lines=True)
    st.link_button("Open the link", shared.link, icon=":material/open_in_new:")
    st.caption(
        "Embed in an article: paste this into the page's HTML. It shows this view, "
        "with a link to the full app."
    )
    st.code(shared.snippet, language="html", wrap_lines=True)
    if shared.problem:
        st.warning(markdown_escape(f"{shared.problem} Links use this page's address instead."))
