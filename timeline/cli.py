"""Command line: ``python -m timeline validate [PATH]``, ``schema``, ``import-timelinejs``,
``draft``, ``import-sheet`` and ``storylines``."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from timeline import authoring, settings, timelinejs, timelinejs_legacy
from timeline.loading import DatasetError, load_path, parse_json
from timeline.models import Dataset, ProductionEvent, StoryEvent
from timeline.storyline_layout import Layout, lay_out

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


def storylines_report(ds: Dataset) -> Layout:
    """The storylines layout of every story beat of ``ds``, as the chart lays it out."""
    story = sorted((e for e in ds.events if isinstance(e, StoryEvent)), key=lambda e: e.order)
    return lay_out([(e.order, list(e.characters)) for e in story])


def storylines_line(path: str, layout: Layout, *, as_json: bool) -> str:
    """What ``storylines`` prints: one line of text, or one JSON object."""
    m = layout.measure
    fields = {
        "crossings": m.crossings,
        "wiggles": m.wiggles,
        "seconds": round(layout.seconds, 3),
        "optimal": layout.optimal,
        "engine": layout.engine,
        "lower_bound": layout.lower_bound,
    }
    if as_json:
        return json.dumps({"path": path, **fields})
    proof = (
        "proven optimal"
        if layout.optimal
        else f"not proven optimal (lower bound {layout.lower_bound})"
    )
    return (
        f"{path}: {m.crossings} crossings, {m.wiggles} wiggles, {layout.seconds:.2f} s, "
        f"{proof}, engine {layout.engine}"
    )


def import_timelinejs(source: str, target: str) -> int:
    """Convert the TimelineJS file ``source`` into the events file ``target``; the exit code.

    Report lines and errors go to stderr as ``SOURCE: path: message``; the summary to stdout.
    """
    try:
        document = parse_json(Path(source).read_bytes(), source)
        dataset, report = timelinejs_legacy.convert(document)
    except OSError as exc:
        print(f"{source}: $: cannot read the file ({exc.strerror})", file=sys.stderr)
        return 1
    except DatasetError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return 1
    except timelinejs.ConversionError as exc:
        for line in [*exc.report, f"$: {exc.message}"]:
            print(f"{source}: {line}", file=sys.stderr)
        return 1
    for line in report:
        print(f"{source}: {line}", file=sys.stderr)
    try:
        Path(target).write_text(timelinejs.to_json(dataset), encoding="utf-8")
    except OSError as exc:
        print(f"{target}: cannot write the file ({exc.strerror})", file=sys.stderr)
        return 1
    total = timelinejs_legacy.event_count(document)
    print(f"{source}: converted {len(dataset.events)} of {total} events into {target}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 invalid data, 2 usage)."""
    parser = argparse.ArgumentParser(prog="python -m timeline", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check an events file")
    validate.add_argument("path", nargs="?", default=DEFAULT_DATA)
    commands.add_parser("schema", help="print the JSON Schema of the events file")
    importer = commands.add_parser(
        "import-timelinejs",
        help="convert a TimelineJS (3, or legacy 2) JSON file into an events file",
    )
    importer.add_argument("source", metavar="IN.json", help="the TimelineJS file to read")
    importer.add_argument("target", metavar="OUT.json", help="the events file to write")
    drafter = commands.add_parser("draft", help="draft an events file from an article's text")
    drafter.add_argument("source", metavar="ARTICLE.txt", help="plain text with == Headings ==")
    drafter.add_argument("target", metavar="OUT.json", help="the events file to write")
    sheet = commands.add_parser(
        "import-sheet", help="convert an .xlsx workbook into an events file"
    )
    sheet.add_argument("source", metavar="BOOK.xlsx", help="a workbook as the app exports it")
    sheet.add_argument("target", metavar="OUT.json", help="the events file to write")
    storylines = commands.add_parser(
        "storylines", help="lay out a file's storylines; print crossings, wiggles, seconds"
    )
    storylines.add_argument("path", metavar="FILE", help="the events file to lay out")
    storylines.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)

    if args.command == "schema":
        sys.stdout.write(schema_json())
        return 0
    if args.command == "import-timelinejs":
        if Path(args.source).resolve() == Path(args.target).resolve():
            # Writing over the input would destroy the only copy of what was not carried over.
            importer.error("OUT.json must be a different file from IN.json")
        return import_timelinejs(args.source, args.target)
    if args.command in ("draft", "import-sheet"):
        if Path(args.source).resolve() == Path(args.target).resolve():
            parser.error("OUT.json must be a different file from the input")
        run = authoring.draft_command if args.command == "draft" else authoring.import_sheet_command
        return run(args.source, args.target)
    try:
        ds = load_path(args.path)
    except DatasetError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return 1
    if args.command == "storylines":
        print(storylines_line(args.path, storylines_report(ds), as_json=args.json))
        return 0
    print(f"{args.path}: ok: {summary(ds)}")
    return 0
