"""Event text stays text: Markdown and hover-label escaping, wrapping, short name lists."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.text import hover_block, hover_escape, join_names, markdown_escape, markdown_link


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        pytest.param("**bold**", r"\*\*bold\*\*", id="bold"),
        pytest.param("_italic_", r"\_italic\_", id="italic"),
        pytest.param("[link](http://x)", "\\[link\\]\\(http\\:\u2060//x\\)", id="link"),
        pytest.param("# heading", r"\# heading", id="heading"),
        pytest.param("<b>", r"\<b\>", id="html-tag"),
        pytest.param(":red[x]", r"\:red\[x\]", id="streamlit-colour"),
        pytest.param("$x$", r"\$x\$", id="latex"),
        pytest.param("`code`", r"\`code\`", id="code"),
        pytest.param("~~gone~~", r"\~\~gone\~\~", id="strikethrough"),
        pytest.param("> quote", r"\> quote", id="blockquote"),
        pytest.param("1. item", r"1\. item", id="ordered-list"),
        pytest.param("- item", r"\- item", id="bullet-list"),
        pytest.param("| a | b |", r"\| a \| b \|", id="table"),
        pytest.param("&amp;", r"\&amp;", id="entity"),
        pytest.param("back\\slash", r"back\\slash", id="backslash"),
        pytest.param("Plain words, 2024", "Plain words, 2024", id="plain-text-unchanged"),
    ],
)
def test_markdown_escape(raw: str, escaped: str) -> None:
    assert markdown_escape(raw) == escaped


def test_markdown_escape_keeps_one_paragraph() -> None:
    assert markdown_escape("line one\n\n# two\n  - three") == r"line one \# two \- three"


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(max_size=60))
def test_markdown_escape_leaves_no_special_character_unescaped(raw: str) -> None:
    escaped = markdown_escape(raw)
    # Drop every escaped pair; what is left must hold no Markdown punctuation.
    rest = re.sub(r"\\.", "", escaped)
    assert not set(rest) & set("\\`*_{}[]()#+-.!|>~<&$:")


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        pytest.param(
            "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;", id="tag"
        ),
        pytest.param("Fish & Chips", "Fish &amp; Chips", id="ampersand"),
        pytest.param("&lt;", "&amp;lt;", id="entity-stays-literal"),
        pytest.param("plain", "plain", id="plain"),
    ],
)
def test_hover_escape(raw: str, escaped: str) -> None:
    assert hover_escape(raw) == escaped


def test_hover_block_wraps_at_the_width() -> None:
    text = " ".join(["word"] * 20)  # 99 characters
    lines = hover_block(text, width=30).split("<br>")
    assert len(lines) == 4
    assert all(len(line) <= 30 for line in lines)
    assert " ".join(lines) == text


def test_hover_block_truncates_after_max_lines() -> None:
    lines = hover_block(" ".join(["word"] * 200), width=30, max_lines=3).split("<br>")
    assert len(lines) == 3
    assert lines[-1].endswith(" …")


def test_hover_block_short_text_is_not_marked_as_cut() -> None:
    assert hover_block("A short summary.") == "A short summary."


def test_hover_block_collapses_line_breaks() -> None:
    assert hover_block("one\ntwo\n\nthree") == "one two three"


def test_hover_block_escapes() -> None:
    assert hover_block("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"


def test_hover_block_of_nothing_is_empty() -> None:
    assert hover_block("   ") == ""


@pytest.mark.parametrize(
    ("names", "joined"),
    [
        pytest.param([], "", id="none"),
        pytest.param(["A"], "A", id="one"),
        pytest.param(["A", "B", "C"], "A, B, C", id="three"),
        pytest.param(list("ABCDEF"), "A, B, C, D, E, F", id="at-the-limit"),
        pytest.param(list("ABCDEFGHI"), "A, B, C, D, E, F and 3 more", id="over-the-limit"),
    ],
)
def test_join_names(names: list[str], joined: str) -> None:
    assert join_names(names) == joined


@pytest.mark.parametrize(
    ("label", "url", "link"),
    [
        pytest.param(
            "Wikipedia",
            "https://en.wikipedia.org/wiki/X",
            "[Wikipedia](https://en.wikipedia.org/wiki/X)",
            id="plain",
        ),
        pytest.param(
            "Film (2023)",
            "https://example.org/Film_(2023)",
            r"[Film \(2023\)](https://example.org/Film_%282023%29)",
            id="parentheses",
        ),
        pytest.param(
            "**a** [b]", "https://x.org/a b", r"[\*\*a\*\* \[b\]](https://x.org/a%20b)", id="markup"
        ),
    ],
)
def test_markdown_link(label: str, url: str, link: str) -> None:
    assert markdown_link(label, url) == link


@pytest.mark.parametrize("raw", ["https://evil.example/x", "www.example.com", "me@example.com"])
def test_markdown_escape_breaks_bare_links(raw: str) -> None:
    escaped = markdown_escape(raw)
    assert "://" not in escaped
    assert "www." not in escaped
    assert "@" not in escaped or "@\u2060" in escaped
    assert escaped.replace("\u2060", "").replace("\\", "") == raw
