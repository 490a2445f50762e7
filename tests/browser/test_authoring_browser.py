"""Start from an article in a real browser: paste the text, draft it, see the draft."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.conftest import wait_for_app

ARTICLE = """Testfilm is a 2031 science fiction film directed by Ada Quill.

== Plot ==
Captain Rhea Vance leaves the orbital station. Vance meets Tomas in the old port.

== Cast ==
Nora Blythe as Rhea Vance, a pilot.
Oskar Lund as Tomas, a smuggler.

== Production ==
=== Filming ===
Filming began on March 3, 2030, in the desert. Three weeks later, the crew moved to a studio.
"""


def test_a_pasted_article_becomes_the_shown_draft(
    streamlit_server: str, open_app: Callable[..., Page]
) -> None:
    page = open_app(streamlit_server)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Start from an article").click()
    box = sidebar.get_by_label("Article text")
    box.fill(ARTICLE)
    box.press("Control+Enter")  # commit the text before the button reads it
    wait_for_app(page)
    sidebar.get_by_role("button", name="Draft from the article").click()
    wait_for_app(page)
    expect(page.locator("h1").first).to_contain_text("Testfilm", timeout=20_000)
    expect(sidebar.get_by_text("Draft: pasted text", exact=False).first).to_be_visible()
    expect(sidebar.get_by_text("2 story beats", exact=False)).to_be_visible()
    assert page.get_by_test_id("stException").count() == 0
