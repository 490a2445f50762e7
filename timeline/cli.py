"""Command line: ``python -m timeline validate [PATH]`` and ``python -m timeline schema``."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence

from timeline import settings
from timeline.loading import DatasetError, load_path
from timeline.models import Dataset, ProductionEvent, StoryEvent

DEFAULT_DATA = str(settings.DEFAULT_DATA)


def summary(ds: Dataset) -> str:
    """One line: counts per chronology and phase, places, people and characters."""
    story = sum(isinstance(e, StoryEvent) for e in ds.events)
    phases = Counter(e.phase for e in ds.events if isinstance(e, ProductionEvent))
    per_phase = ", ".join(f"{phase} {n}" for phase, n in sorted(phases.items()))
    return (
        f"{len(ds.events)} events ({story} story, {sum(phases.values())} production"
        f"{': ' + per_phase if per_phase else ''}); {len(ds.locations)} locations, "
        f"{len(ds.people)} people, {len(ds.characters)} characters"
    )


def schema_json() -> str:
    """The JSON Schema of the events file, generated from the models."""
    return json.dumps(Dataset.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 invalid data, 2 usage)."""
    parser = argparse.ArgumentParser(prog="python -m timeline", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check an events file")
    validate.add_argument("path", nargs="?", default=DEFAULT_DATA)
    commands.add_parser("schema", help="print the JSON Schema of the events file")
    args = parser.parse_args(argv)

    if args.command == "schema":
        sys.stdout.write(schema_json())
        return 0
    try:
        ds = load_path(args.path)
    except DatasetError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return 1
    print(f"{args.path}: ok: {summary(ds)}")
    return 0
