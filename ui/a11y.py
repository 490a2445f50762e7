"""Static CSS for what WCAG 2.2 AA asks and Streamlit's defaults miss (no data in it).

- Captions: Streamlit draws them in the text colour at 60% opacity, 4.2:1 on white and
  3.9:1 on the sidebar's grey, under the 4.5:1 that small text needs (1.4.3). A solid
  grey at full opacity, #57606A, is 6.4:1 on white and 5.8:1 on the sidebar.
- The date input's month and day fields are 18 px wide targets; 2.5.8 asks for 24 px.
- Headings run h1 (the film), h2 (each chart, the details), h3 (the open event) so no
  level is skipped; these rules keep the sizes the page had with h3 and h4.
- Focus: a visible outline on whatever the keyboard reaches (2.4.7), in the theme's blue;
  inside the tab strip and the date fields, which clip what is outside them, it is drawn
  inside the control.
"""

from __future__ import annotations

import streamlit as st

MUTED_TEXT = "#57606A"
FOCUS = "#0072B2"

A11Y_CSS = f"""<style>
[data-testid="stCaptionContainer"] {{ opacity: 1; }}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] a {{
  color: {MUTED_TEXT};
}}
[data-testid="stDateInput"] [role="spinbutton"] {{
  display: inline-block; min-width: 24px; min-height: 24px; text-align: center;
}}
.stMain h2 {{ font-size: 1.75rem; }}
.stMain .st-key-details_panel h3 {{ font-size: 1.5rem; }}
:focus-visible {{ outline: 3px solid {FOCUS} !important; outline-offset: 2px; }}
[role="tab"]:focus-visible, [data-testid="stDateInput"] :focus-visible {{
  outline-offset: -3px;
}}
</style>"""


def styles() -> None:
    """Add the CSS above to the page (once per run, before anything it styles matters)."""
    st.html(A11Y_CSS)
