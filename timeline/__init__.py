"""Film timeline explorer: events model, loading, filtering and figures (no Streamlit here)."""
