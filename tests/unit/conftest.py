"""Fixtures for the unit tier: the island dataset (see :mod:`tests.unit.island`) and more."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.unit.island import island_document
from timeline.index import DatasetIndex, build_index
from timeline.loading import load_bytes, load_path
from timeline.models import Dataset

WriteJson = Callable[..., Path]


@pytest.fixture(scope="session")
def island() -> Dataset:
    """The island dataset, validated (immutable, so shared by the session)."""
    return load_bytes(json.dumps(island_document()).encode(), "island.json")


@pytest.fixture(scope="session")
def island_index(island: Dataset) -> DatasetIndex:
    """The index of the island dataset."""
    return build_index(island)


@pytest.fixture(scope="session")
def shipped_index() -> DatasetIndex:
    """The index of the shipped dataset, ``data/events.json``."""
    return build_index(load_path(Path(__file__).resolve().parents[2] / "data" / "events.json"))


@pytest.fixture
def write_json(tmp_path: Path) -> WriteJson:
    """``write_json(doc, name="events.json") -> Path``: a document written to a temp file."""

    def write(document: dict[str, Any], name: str = "events.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(document), encoding="utf-8")
        return path

    return write
