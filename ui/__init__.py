"""Streamlit glue: the only package besides ``app.py`` that imports streamlit."""
