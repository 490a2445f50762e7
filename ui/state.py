"""Streamlit glue for loading data and for the state that is not a plain widget.

The selected event lives in ``st.session_state`` and in the ``event`` URL
parameter (Streamlit cannot bind a chart click to the URL); chart clicks arrive
through callbacks, which run before the script reruns.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import streamlit as st
from streamlit.errors import StreamlitAPIException

from timeline.charts.registry import BY_NAME, Chart
from timeline.columns import columns_of
from timeline.filters import Filters
from timeline.index import DatasetIndex, build_index
from timeline.loading import DatasetError, check_size, load_bytes, load_path
from timeline.models import Dataset
from timeline.selection import Selection
from timeline.sheets import read_workbook
from timeline.text import markdown_escape
from timeline.urlstate import (
    ALL_MONTHS,
    DATES_PARAM,
    EVENT_PARAM,
    LANE_LABELS,
    LANES_PARAM,
    LINKS_PARAM,
    LOCATION_PARAM,
    MONTH_PARAM,
    PHASE_PARAM,
    TAB_PARAM,
    TABS,
    TEXT_PARAM,
    UNTIL_PARAM,
    VIEW_PARAM,
    WHO_PARAM,
    ZOOM_LABELS,
    ZOOM_PARAM,
    Options,
    share_query,
    url_notices,
)

SELECTED = "selected_event"
UPLOAD = "upload"
_NOTICES_SHOWN = "_url_notices_checked"
_UPLOADED = "_uploaded_dataset"
_UPLOAD_ERROR = "_upload_error"


@st.cache_resource(max_entries=4, show_spinner="Loading events…")
def _index_for(path: str, mtime_ns: int, size: int) -> DatasetIndex:
    # The index is frozen and never mutated, so one copy can serve every session;
    # mtime and size in the key reload the file when it changes on disk.
    return _indexed(load_path(path))


def _indexed(dataset: Dataset) -> DatasetIndex:
    """The dataset's index, with its columns built now, while the loading spinner shows,
    rather than in the middle of the first page."""
    index = build_index(dataset)
    columns_of(index)
    return index


def load_index(path: Path) -> DatasetIndex:
    """The validated dataset at ``path`` and its lookups (raises ``DatasetError``)."""
    try:
        stat = path.stat()
    except OSError:
        return _index_for(str(path), 0, 0)
    return _index_for(str(path), stat.st_mtime_ns, stat.st_size)


def current_dataset(default: Path) -> tuple[str, DatasetIndex, bool]:
    """The dataset this session shows: its name, its index, and whether it was uploaded.

    Uploads live in this session's state only: never on disk, never in a shared cache.
    """
    uploaded = st.session_state.get(_UPLOADED)
    if uploaded is not None:
        name, index = uploaded
        return name, index, True
    return default.name, load_index(default), False


def upload_error() -> DatasetError | None:
    """Why the last upload was refused, if it was."""
    error = st.session_state.get(_UPLOAD_ERROR)
    return error if isinstance(error, DatasetError) else None


def on_upload(max_bytes: int, default: Path) -> None:
    """Uploader callback: switch to a valid file, keep the current data on a bad one.

    Clearing the uploader goes back to the default dataset.
    """
    file = st.session_state.get(UPLOAD)
    st.session_state.pop(_UPLOAD_ERROR, None)
    if file is None:
        if st.session_state.pop(_UPLOADED, None) is not None:
            _reset_view(load_index(default))
        return
    try:
        check_size(file.size, file.name, max_bytes)
        index = _indexed(_read_upload(file.getvalue(), file.name, max_bytes))
    except DatasetError as exc:
        st.session_state[_UPLOAD_ERROR] = exc
        return
    st.session_state[_UPLOADED] = (file.name, index)
    _reset_view(index)


def _read_upload(data: bytes, name: str, max_bytes: int) -> Dataset:
    """An uploaded events file (.json) or workbook (.xlsx), validated."""
    if name.lower().endswith(".xlsx"):
        return read_workbook(data, name, max_bytes=max_bytes)[0]
    return load_bytes(data, name, max_bytes=max_bytes)


def use_dataset(name: str, dataset: Dataset) -> None:
    """Show ``dataset`` (a draft) in this session only, as an upload is shown."""
    st.session_state.pop(_UPLOAD_ERROR, None)
    index = _indexed(dataset)
    st.session_state[_UPLOADED] = (name, index)
    _reset_view(index)


def _reset_view(index: DatasetIndex) -> None:
    """Put every filter back to its default for a newly loaded dataset (this clears the URL)."""
    defaults: dict[str, object] = {
        VIEW_PARAM: "Both",
        LOCATION_PARAM: [],
        WHO_PARAM: [],
        PHASE_PARAM: [],
        TEXT_PARAM: "",
        LANES_PARAM: LANE_LABELS["character"],
        ZOOM_PARAM: ZOOM_LABELS[0],
        LINKS_PARAM: True,
        MONTH_PARAM: ALL_MONTHS,
    }
    for key, value in defaults.items():
        st.session_state[key] = value
    if len(index.story) >= 2:
        st.session_state[UNTIL_PARAM] = len(index.story)
    else:
        st.session_state.pop(UNTIL_PARAM, None)
    span = index.date_span
    if span is not None:
        st.session_state[DATES_PARAM] = span
    else:
        st.session_state.pop(DATES_PARAM, None)
    select_event(None)


def raw_params() -> dict[str, list[str]]:
    """Every URL parameter with all its values, as the browser sent them."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def show_url_notices(index: DatasetIndex, options: Options, params: dict[str, list[str]]) -> None:
    """Once per session, say which URL values were ignored (Streamlit drops them silently)."""
    if st.session_state.get(_NOTICES_SHOWN):
        return
    st.session_state[_NOTICES_SHOWN] = True
    for notice in url_notices(params, options, index):
        # Notices quote what the URL said: text, never Markdown.
        st.toast(markdown_escape(notice), icon=":material/link_off:")


def init_selected(index: DatasetIndex, params: dict[str, list[str]]) -> None:
    """Take the selected event from the URL on the first run of a session."""
    if SELECTED in st.session_state:
        return
    values = params.get(EVENT_PARAM) or []
    wanted = values[-1] if values else None
    st.session_state[SELECTED] = wanted if wanted in index.events else None
    if wanted is not None and wanted not in index.events:
        del st.query_params[EVENT_PARAM]


def select_event(event_id: str | None) -> None:
    """Make ``event_id`` the selected event, in session state and in the URL."""
    st.session_state[SELECTED] = event_id
    if event_id is None:
        st.query_params.pop(EVENT_PARAM, None)
    else:
        st.query_params[EVENT_PARAM] = event_id


def selected_event(index: DatasetIndex, hidden: frozenset[str] = frozenset()) -> str | None:
    """The selected event id, if it exists in this dataset and the spoiler shield shows it."""
    event_id = st.session_state.get(SELECTED)
    if event_id in hidden:
        st.toast(
            "The selected event is behind the spoiler shield.", icon=":material/visibility_off:"
        )
        return None
    return event_id if event_id in index.events else None


def _clicked(chart_key: str) -> Iterable[str]:
    state = st.session_state.get(chart_key)
    points = state["selection"]["points"] if state else []
    for point in points:
        custom = point.get("customdata")
        if custom:
            yield str(custom[0] if isinstance(custom, list) else custom)


def on_event_click(chart_key: str) -> None:
    """Chart callback: open the details of the clicked event."""
    for event_id in _clicked(chart_key):
        select_event(event_id)
        return


def on_place_click(chart_key: str, names: dict[str, str]) -> None:
    """Map callback: filter to the clicked place (its bound widget updates the URL)."""
    for location_id in _clicked(chart_key):
        if location_id in names:
            st.session_state[LOCATION_PARAM] = [names[location_id]]
        return


def view_query(
    filters: Filters,
    options: Options,
    index: DatasetIndex,
    *,
    event: str | None,
) -> str:
    """This view's query string, for its share link and embed snippet (:mod:`ui.share`)."""
    query = share_query(
        filters,
        options,
        index,
        event=event,
        tab=st.session_state.get(TAB_PARAM) or TABS[0],
        lanes="setting"
        if st.session_state.get(LANES_PARAM) == LANE_LABELS["setting"]
        else "character",
        zoom=st.session_state.get(ZOOM_PARAM) or ZOOM_LABELS[0],
        links=bool(st.session_state.get(LINKS_PARAM, True)),
        month=st.session_state.get(MONTH_PARAM) or ALL_MONTHS,
    )
    return query


# Figures are cached by what they show, not by their inputs' contents: an index by
# its token (unique to it), a selection by its key (the dataset's token and the filters
# that chose it). Neither is hashed event by event.
_HASH_FUNCS: dict[str | type[Any], Callable[[Any], Any]] = {
    DatasetIndex: lambda index: index.token,
    Selection: lambda shown: shown.key,
}


@st.cache_resource(max_entries=24, show_spinner=False, hash_funcs=_HASH_FUNCS)
def _shared_figure(
    name: str, index: DatasetIndex, shown: Selection, options: tuple[tuple[str, Any], ...]
) -> go.Figure:
    # The app's own datasets: one copy for every session. Figures are never mutated
    # (st.plotly_chart only reads them).
    return BY_NAME[name].build(index, shown, **dict(options))


@st.cache_resource(max_entries=24, show_spinner=False, hash_funcs=_HASH_FUNCS, scope="session")
def _session_figure(
    name: str, index: DatasetIndex, shown: Selection, options: tuple[tuple[str, Any], ...]
) -> go.Figure:
    # An upload's figures stay in its session, as the upload does (dropped with it).
    return BY_NAME[name].build(index, shown, **dict(options))


def figure(chart: Chart, index: DatasetIndex, shown: Selection, **options: Any) -> go.Figure:
    """``chart`` built once per dataset, selection and options (per session for an upload)."""
    uploaded = st.session_state.get(_UPLOADED)
    cache = _session_figure if uploaded is not None and uploaded[1] is index else _shared_figure
    return cache(chart.name, index, shown, tuple(sorted(options.items())))


def clear_figure_cache() -> None:
    """Forget every built chart (the benchmark times reruns that must build them)."""
    _shared_figure.clear()
    # Outside a running session (a test, the benchmark) there is no session cache.
    with contextlib.suppress(StreamlitAPIException):
        _session_figure.clear()
