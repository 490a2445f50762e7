"""Streamlit glue for authoring: "Start from an article" and the workbook download.

The draft is built by :mod:`timeline.draft`, validated, and shown in this session only
(as an upload is: :func:`ui.state.use_dataset`), named "Draft: ..." and followed by its
report. Text is capped like uploads; a bad article leaves the current data as it was.
Fetching by title asks the MediaWiki API (``TIMELINE_WIKI_API`` points it elsewhere)
with a timeout, and says so plainly when the server is offline.
"""

from __future__ import annotations

import math
import os

import streamlit as st

from timeline import sheets
from timeline.draft import ArticleError, Draft, draft_article
from timeline.draft.mediawiki import API_ENV_VAR, DEFAULT_API, FetchError, fetch_article
from timeline.export import export_dataset
from timeline.index import DatasetIndex
from timeline.text import markdown_escape
from ui.state import use_dataset

ARTICLE_TEXT = "article_text"
ARTICLE_FILE = "article_file"
ARTICLE_TITLE = "article_title"
DRAFT_BUTTON = "article_draft"
FETCH_BUTTON = "article_fetch"
_DRAFT = "_article_draft"
_ERROR = "_article_error"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _show_draft(name: str, data: bytes | str, max_bytes: int) -> None:
    """Draft ``data``; show it in this session, or keep the current data and say why."""
    st.session_state.pop(_ERROR, None)
    try:
        draft = draft_article(data, name=name, max_bytes=max_bytes)
    except ArticleError as exc:
        st.session_state[_ERROR] = f"{name} was not drafted: {exc}. The current data stays."
        return
    label = f"Draft: {name}"
    st.session_state[_DRAFT] = (label, draft)
    use_dataset(label, draft.dataset)


def _on_draft(max_bytes: int) -> None:
    """Button callback: draft the uploaded .txt, else the pasted text."""
    file = st.session_state.get(ARTICLE_FILE)
    if file is not None:
        if file.size > max_bytes:
            st.session_state[_ERROR] = (
                f"{file.name} was not drafted: it is over the {max_bytes / 1024 / 1024:g} MB "
                "limit. The current data stays."
            )
            return
        _show_draft(file.name, file.getvalue(), max_bytes)
        return
    _show_draft("pasted text", st.session_state.get(ARTICLE_TEXT) or "", max_bytes)


def _on_fetch(max_bytes: int) -> None:
    """Button callback: fetch the titled article through the MediaWiki API, then draft it."""
    st.session_state.pop(_ERROR, None)
    title = st.session_state.get(ARTICLE_TITLE) or ""
    try:
        found, text = fetch_article(title, api=os.environ.get(API_ENV_VAR) or DEFAULT_API)
    except FetchError as exc:
        st.session_state[_ERROR] = f"Not fetched: {exc}. The current data stays."
        return
    _show_draft(found, text, max_bytes)


def _report(label: str, draft: Draft) -> None:
    """The draft's summary, report and downloads (report lines are data: shown as text)."""
    st.success(
        f"Showing {markdown_escape(label)}, kept in this session only. Check it against "
        "the report before you rely on it.",
        icon=":material/edit_note:",
    )
    st.caption(markdown_escape(draft.report.summary()))
    for title, lines in draft.report.groups():
        with st.expander(f"{title} ({len(lines)})"):
            st.code("\n".join(lines), language=None, wrap_lines=True)
    st.download_button(
        "Download the draft (JSON)",
        sheets.events_file_json(draft.dataset),
        "draft.json",
        "application/json",
        key="draft_download_json",
        icon=":material/download:",
    )
    st.download_button(
        "Download the draft as a workbook",
        lambda: sheets.workbook_bytes(draft.dataset),
        "draft.xlsx",
        XLSX,
        key="draft_download_xlsx",
        icon=":material/download:",
    )


def panel(name: str, max_bytes: int) -> None:
    """The sidebar's "Start from an article" section, under the dataset uploader."""
    saved = st.session_state.get(_DRAFT)
    draft: Draft | None = saved[1] if saved is not None and saved[0] == name else None
    showing = draft is not None
    error = st.session_state.get(_ERROR)
    with st.sidebar.expander("Start from an article", expanded=showing or error is not None):
        st.caption(
            "Paste a Wikipedia-style article (plain text with == Headings ==), or upload "
            "it as .txt: a draft events file is built from it, checked, and shown here "
            "with a report of what needs a person."
        )
        st.text_area(
            "Article text",
            key=ARTICLE_TEXT,
            max_chars=max_bytes,
            height=120,
            placeholder="Title is a 2031 film…\n\n== Plot ==\n…\n\n== Cast ==\nActor as Role",
        )
        st.file_uploader(
            "…or an article as .txt",
            type=["txt"],
            key=ARTICLE_FILE,
            max_upload_size=max(1, math.ceil(max_bytes / 1024 / 1024)),
        )
        st.button("Draft from the article", key=DRAFT_BUTTON, on_click=_on_draft,
                  args=(max_bytes,), icon=":material/auto_fix_high:")  # fmt: skip
        st.text_input("…or fetch a Wikipedia article by title", key=ARTICLE_TITLE, max_chars=255)
        st.button("Fetch and draft", key=FETCH_BUTTON, on_click=_on_fetch, args=(max_bytes,))
        if error is not None:
            st.error(markdown_escape(error), icon=":material/error:")
        if draft is not None:
            _report(name, draft)


def workbook_download(index: DatasetIndex, ids: tuple[str, ...]) -> None:
    """A download of the shown events as an .xlsx workbook (built only when pressed)."""
    st.download_button(
        "Download workbook (.xlsx)",
        lambda: sheets.workbook_bytes(export_dataset(index, ids)),
        "events.xlsx",
        XLSX,
        icon=":material/download:",
        help="One sheet per table; edit it and load it back with the uploader.",
    )
