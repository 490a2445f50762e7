"""Plain text from markup, slugs, and text cut to a limit: for anything imported.

Importers (TimelineJS, article drafts, spreadsheets) turn outside text into the events
format, whose titles and summaries are always plain text within length limits.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

#: The longest id the events format takes (models.Slug).
ID_MAX = 120

# Tags whose boundaries do not separate words (``<b>bold</b>er``); every other tag
# (``<p>``, ``<br>``, ``<li>``...) becomes a space so that paragraphs do not run together.
_INLINE_TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
}  # fmt: skip
# Elements whose content is code or metadata, never words a reader sees.
_HIDDEN_TAGS = {"script", "style", "template", "noscript", "head", "title"}


class _TextOnly(HTMLParser):
    """Collects the text a browser would show: tags dropped, entities decoded, scripts skipped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden += 1
        elif tag not in _INLINE_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag not in _INLINE_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def strip_html(value: str) -> str:
    """Plain text of an HTML fragment: tags and scripts removed, entities decoded, spaces collapsed.

    Link text is kept (``<a href="...">the trailer</a>`` → ``the trailer``); the URL is not.
    """
    parser = _TextOnly()
    parser.feed(value)
    parser.close()
    return " ".join("".join(parser.parts).split())


def slugify(value: str, limit: int = ID_MAX) -> str:
    """A lowercase ASCII slug (``Box office`` → ``box-office``); empty when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-")


def cut(value: str, limit: int) -> str:
    """``value`` shortened to at most ``limit`` characters, marked with an ellipsis when cut."""
    if len(value) <= limit:
        return value
    return value[: limit - 1].rstrip() + "\u2026"


def shorten_at_word(value: str, limit: int) -> str:
    """``value`` cut at a word near ``limit`` characters, with an ellipsis (as is if short)."""
    if len(value) <= limit:
        return value
    head = value[: limit - 1]
    # Break at the last space when one is reasonably near the end; else mid-word.
    space = head.rfind(" ")
    if space >= limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:.-") + "\u2026"
