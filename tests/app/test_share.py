"""Share this view under AppTest: the link and snippet use the configured public address."""

from __future__ import annotations

from html import unescape

import pytest

from tests.app.conftest import RunApp

PUBLIC = "https://news.example.org/dead-reckoning/"


def _codes(at: object) -> list[str]:
    return [c.value for c in at.code]  # type: ignore[attr-defined]


def test_the_share_panel_uses_the_public_url_setting(
    run_app: RunApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pasted from the browser on Community Cloud, frame path and all.
    monkeypatch.setenv("TIMELINE_PUBLIC_URL", PUBLIC + "~/+/")
    at = run_app({"view": "Story", "tab": "Map"})
    assert not at.exception
    link, snippet = _codes(at)[:2]
    assert link == f"{PUBLIC}?view=Story&tab=Map"
    assert f'src="{PUBLIC}?embed=true&amp;view=Story&amp;tab=Map"' in snippet
    assert unescape(snippet).count("<iframe") == 1
    assert 'title="' in snippet and "Map" in snippet.split('title="')[1]


def test_a_bad_public_url_is_said_and_not_used(
    run_app: RunApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIMELINE_PUBLIC_URL", "news.example.org")
    at = run_app({"view": "Story"})
    assert not at.exception
    link = _codes(at)[0]
    assert "news.example.org" not in link and link.endswith("?view=Story&tab=Table")
    # Shown as Markdown, so its underscores are escaped.
    assert any("TIMELINE\\_PUBLIC\\_URL" in w.value for w in at.warning), at.warning
