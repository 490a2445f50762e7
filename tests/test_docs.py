"""What the README promises must match the code: its example file, URL parameters and layout."""

from __future__ import annotations

import re
from pathlib import Path

from timeline import urlstate
from timeline.cli import schema_json
from timeline.loading import load_bytes
from timeline.models import PHASES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    match = re.search(rf"^##+ {re.escape(title)}\n(.*?)(?=^## )", README, re.S | re.M)
    assert match, f"README has no section {title!r}"
    return match.group(1)


def test_readme_example_events_file_validates() -> None:
    block = re.search(r"```json\n(.*?)```", _section("Load your own data"), re.S)
    assert block
    ds = load_bytes(block.group(1).encode(), "README example")
    assert {e.chronology for e in ds.events} == {"story", "production"}


def test_readme_lists_exactly_the_url_parameters_the_app_reads() -> None:
    documented = set(re.findall(r"^\| `(\w+)` \|", _section("URL parameters"), re.M))
    in_code = {value for name, value in vars(urlstate).items() if name.endswith("_PARAM")}
    assert documented == in_code


def test_readme_names_every_phase() -> None:
    text = _section("Load your own data")
    assert all(phase in text for phase in PHASES)


def test_where_things_live_points_at_real_paths() -> None:
    paths = re.findall(r"^\| `([^`]+)`", _section("Where things live"), re.M)
    assert paths
    missing = [p for p in paths if not (ROOT / p.rstrip("/")).exists()]
    assert not missing, f"README names missing paths: {missing}"


def test_committed_json_schema_is_in_sync_with_the_models() -> None:
    committed = (ROOT / "schema" / "events.schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(), (
        "schema/events.schema.json is stale: run "
        "`.venv/bin/python -m timeline schema > schema/events.schema.json`"
    )
