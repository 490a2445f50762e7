"""Film timeline explorer: a thin Streamlit frame around :mod:`timeline` and :mod:`ui`."""

import os
import sys

import streamlit as st

from timeline import settings
from timeline.filters import hidden_by_shield
from timeline.loading import DatasetError
from timeline.selection import select
from timeline.urlstate import Options
from ui import panels, share, sidebar, state

embedded = share.embedded()  # inside an article: the view, without the tools around it
st.set_page_config(
    page_title="Film timeline explorer",
    page_icon="🎬",
    layout="wide",
    initial_sidebar_state="collapsed" if embedded else "auto",
)

default = settings.data_path(sys.argv[1:], os.environ)
max_upload = settings.max_upload_bytes(os.environ)
try:
    name, index, uploaded = state.current_dataset(default)
except DatasetError as exc:
    panels.load_error(exc)
    sidebar.data_source(default.name, False, default, max_upload)
    st.stop()

params = state.raw_params()
options = Options.for_index(index)
state.show_url_notices(index, options, params)
state.init_selected(index, params)
filters = sidebar.filter_widgets(index, options)
if not embedded:
    sidebar.data_source(name, uploaded, default, max_upload)
shown = select(index, filters)
hidden = hidden_by_shield(index, filters.until)
selected = state.selected_event(index, hidden)

head = st.container()
main, side = st.columns([3, 1.25], gap="medium")
with main:
    if not len(shown):
        panels.no_results()
    panels.tabs(index, shown, filters, selected=selected, hidden=hidden)
with side:
    panels.details(index, shown, selected, hidden)
with head:
    panels.headline(
        index,
        shown,
        share.links(index, state.view_query(filters, options, index, event=selected)),
        uploaded=uploaded,
        embedded=embedded,
    )
panels.credits(index)
