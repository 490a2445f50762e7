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


def _where_things_live() -> list[tuple[list[str], str]]:
    """Each row of the table: the paths in its first column, and its description."""
    rows = []
    for line in _section("Where things live").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and "`" in cells[0]:
            rows.append((re.findall(r"`([^`]+)`", cells[0]), cells[1]))
    return rows


def test_where_things_live_points_at_real_paths() -> None:
    paths = [p for names, _ in _where_things_live() for p in names]
    assert paths
    missing = [p for p in paths if not (ROOT / p.rstrip("/")).exists()]
    assert not missing, f"README names missing paths: {missing}"


def test_where_things_live_names_every_module() -> None:
    # The other way round: every module of timeline/ and ui/ is in the table, as a path
    # of its own or as ``name.py`` in the description of its folder's row.
    rows = _where_things_live()
    named = {p for names, _ in rows for p in names}
    in_folder = {
        f"{folder.rstrip('/')}/{module}"
        for names, text in rows
        for folder in names
        if folder.endswith("/")
        for module in re.findall(r"`([\w.]+\.py)`", text)
    }
    modules = [
        path.relative_to(ROOT).as_posix()
        for folder in ("timeline", "ui")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.name not in ("__init__.py", "__main__.py")
    ]
    unnamed = [m for m in modules if m not in named and m not in in_folder]
    assert not unnamed, f"README's Where things live does not name: {unnamed}"


def test_committed_json_schema_is_in_sync_with_the_models() -> None:
    committed = (ROOT / "schema" / "events.schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(), (
        "schema/events.schema.json is stale: run "
        "`.venv/bin/python -m timeline schema > schema/events.schema.json`"
    )
