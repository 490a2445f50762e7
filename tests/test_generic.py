"""Nothing in the code may know about the shipped film: its names live only in the data."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = [
    ROOT / "app.py",
    *sorted((ROOT / "timeline").rglob("*.py")),
    *sorted((ROOT / "ui").rglob("*.py")),
]
SHIPPED = json.loads((ROOT / "data" / "events.json").read_text(encoding="utf-8"))
# Words that would be ordinary in any code: a place or name that is also a common word.
ORDINARY = {"Paris", "Grace", "Marie", "Degas", "London", "Rome", "Venice", "Sydney"}


def _names() -> set[str]:
    names = {SHIPPED["film"]["title"]}
    for kind in ("locations", "people", "characters"):
        names |= {record["name"] for record in SHIPPED[kind]}
    return {n for n in names if n not in ORDINARY and len(n) > 3}


def test_code_names_no_character_person_or_place_of_the_shipped_film() -> None:
    names = _names()
    assert len(names) > 50  # the check is only as good as the list
    found = []
    for path in CODE:
        text = path.read_text(encoding="utf-8")
        for name in names:
            if re.search(rf"\b{re.escape(name)}\b", text):
                found.append(f"{path.relative_to(ROOT)}: {name}")
    assert not found, "\n".join(found)


def test_code_names_no_common_word_of_the_film_as_a_name() -> None:
    # The common words are checked as whole capitalised words inside string literals.
    found = []
    for path in CODE:
        for literal in re.findall(r"\"([^\"\n]*)\"", path.read_text(encoding="utf-8")):
            for word in ORDINARY:
                if re.search(rf"\b{word}\b", literal):
                    found.append(f"{path.relative_to(ROOT)}: {literal!r}")
    assert not found, "\n".join(found)
