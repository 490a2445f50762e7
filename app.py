"""Streamlit entry point (placeholder while the dashboard is built)."""

import streamlit as st

st.set_page_config(page_title="Film timeline explorer", layout="wide")
st.title("Film timeline explorer")
