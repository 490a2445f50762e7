"""The sidebar filters, each bound to its URL parameter by Streamlit."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import streamlit as st

from timeline.filters import Filters
from timeline.index import DatasetIndex
from timeline.style import PHASE_BY_LABEL
from timeline.text import markdown_escape
from timeline.urlstate import (
    DATES_PARAM,
    LOCATION_PARAM,
    MAX_TEXT,
    PHASE_PARAM,
    TEXT_PARAM,
    UNTIL_PARAM,
    VIEW_BY_LABEL,
    VIEW_PARAM,
    WHO_PARAM,
    Options,
)
from ui import authoring
from ui.state import UPLOAD, on_upload, upload_error


def _span(value: object, default: tuple[date, date]) -> tuple[date, date]:
    """The chosen range; while only the first day is picked, run it to the end."""
    picked = [d for d in value if isinstance(d, date)] if isinstance(value, tuple) else []
    if len(picked) == 2:
        return min(picked), max(picked)
    if len(picked) == 1:
        return picked[0], default[1]
    return default


def filter_widgets(index: DatasetIndex, options: Options) -> Filters:
    """Draw the filters in the sidebar and return what they select."""
    bar = st.sidebar
    bar.header("Filters")
    until = _spoiler_shield(index, options)
    view_label = bar.radio(
        "Chronology",
        options.views,
        index=options.views.index("Both"),
        key=VIEW_PARAM,
        bind="query-params",
        horizontal=True,
        help="The story in narrative order, the making of the film on real dates, or both.",
    )
    places = bar.multiselect(
        "Places",
        options.locations,
        key=LOCATION_PARAM,
        bind="query-params",
        placeholder="All places",
        help="A country or region includes every place inside it.",
    )
    who = bar.multiselect(
        "Characters and people",
        options.who,
        key=WHO_PARAM,
        bind="query-params",
        placeholder="Everyone",
        help="A character also brings in the production events of the person who plays "
        "them, and the other way round.",
    )
    phases = bar.multiselect(
        "Production phases",
        options.phases,
        key=PHASE_PARAM,
        bind="query-params",
        placeholder="All phases",
    )
    span = None
    if options.span is not None:
        chosen = bar.date_input(
            "Production dates",
            value=options.default_span,
            min_value=options.span[0],
            max_value=options.span[1],
            key=DATES_PARAM,
            bind="query-params",
            format="YYYY-MM-DD",
            help=(
                "Production events that overlap this range; story beats are not dated. "
                "It opens on the making of the film: widen it for the background before."
            ),
        )
        span = _span(chosen, options.span)
    text = bar.text_input(
        "Search titles and summaries",
        key=TEXT_PARAM,
        bind="query-params",
        max_chars=MAX_TEXT,
        placeholder="e.g. train",
    )
    return Filters(
        view=VIEW_BY_LABEL.get(view_label or "Both", "both"),
        locations=tuple(index.location_by_name[p] for p in places if p in index.location_by_name),
        who=tuple(w for w in who if w in index.who_labels),
        phases=tuple(PHASE_BY_LABEL[p] for p in phases if p in PHASE_BY_LABEL),
        span=None if span == options.span else span,
        text=(text or "")[:MAX_TEXT],
        until=until,
    )


def _spoiler_shield(index: DatasetIndex, options: Options) -> int | None:
    """A slider that hides the story after a chosen beat; None when the whole story shows."""
    if options.story_length < 2:
        return None
    until = st.sidebar.slider(
        "Spoiler shield: show the story up to beat",
        min_value=1,
        max_value=options.story_length,
        value=options.story_length,
        key=UNTIL_PARAM,
        bind="query-params",
        help="Beats after this one, and production events that concern only them, are "
        "hidden in every view.",
    )
    if until >= options.story_length:
        return None
    beat = index.story[until - 1]
    st.sidebar.caption(f"Up to beat {until}: {markdown_escape(beat.title)}")
    return int(until)


def data_source(name: str, uploaded: bool, default: Path, max_bytes: int) -> None:
    """Which dataset is shown, and an uploader for the person's own events file."""
    bar = st.sidebar
    bar.divider()
    bar.subheader("Dataset", anchor=False)
    if uploaded:
        bar.caption(
            f"Showing {markdown_escape(name)}: your upload, kept in this browser session only."
        )
    else:
        bar.caption(f"Showing {markdown_escape(name)}.")
    bar.file_uploader(
        "Load your own events file",
        type=["json", "xlsx"],
        key=UPLOAD,
        on_change=on_upload,
        args=(max_bytes, default),
        max_upload_size=max(1, math.ceil(max_bytes / 1024 / 1024)),
        help=f"JSON in this app's events format, or a workbook (.xlsx) as the Table tab "
        f"downloads it, up to {max_bytes / 1024 / 1024:g} MB. It is checked first; a file "
        "with problems is not loaded. Remove it to go back.",
    )
    error = upload_error()
    if error is not None:
        bar.error(
            f"{markdown_escape(error.name)} was not loaded ({len(error.issues)} problem"
            f"{'s' if len(error.issues) != 1 else ''}); the current data stays.",
            icon=":material/error:",
        )
        bar.code("\n".join(error.lines(limit=12)), language=None, wrap_lines=True)
    authoring.panel(name, max_bytes)
