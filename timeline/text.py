"""Making data safe to show: event text is always text, never markup.

Streamlit renders Markdown and Plotly renders a small set of HTML tags in hover
labels; titles and summaries come from files anyone can upload, so both are
escaped before they reach either.
"""

from __future__ import annotations

import re
import textwrap

_JOINER = "\u2060"
_AUTOLINKS = (("://", f":{_JOINER}//"), ("www.", f"www{_JOINER}."), ("@", f"@{_JOINER}"))
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<&$:])")


def markdown_escape(value: str) -> str:
    """Escape ``value`` so that Streamlit's Markdown shows it literally."""
    # GitHub-style autolinks turn a bare https://..., www. or e-mail address into a live
    # link even when escaped: an invisible word joiner inside each breaks the pattern.
    for pattern, broken in _AUTOLINKS:
        value = value.replace(pattern, broken)
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", value)
    # Line breaks would start new Markdown blocks (headings, lists): keep one paragraph.
    return " ".join(escaped.split())


def hover_escape(value: str) -> str:
    """Escape ``value`` for a Plotly hover label, where ``<b>`` and ``<a>`` would render."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def hover_block(value: str, *, width: int = 60, max_lines: int = 6) -> str:
    """Escape and wrap long text into a few ``<br>``-separated lines for a hover label."""
    lines = textwrap.wrap(" ".join(value.split()), width=width) or [""]
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1] + " …"]
    return "<br>".join(hover_escape(line) for line in lines)


def join_names(names: list[str], *, limit: int = 6) -> str:
    """``a, b, c and 3 more``: short lists for hover labels and table cells."""
    if len(names) <= limit:
        return ", ".join(names)
    return f"{', '.join(names[:limit])} and {len(names) - limit} more"


def markdown_link(label: str, url: str) -> str:
    """A Markdown link whose label is escaped and whose URL cannot close the link early."""
    safe_url = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{markdown_escape(label)}]({safe_url})"
