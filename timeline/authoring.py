"""The authoring commands: ``draft ARTICLE.txt OUT.json`` and ``import-sheet BOOK.xlsx OUT.json``.

Each reads its input, builds and validates the events file, and writes ``OUT.json`` only
when all of that worked: a bad input leaves any existing ``OUT.json`` as it was.
Problems go to stderr as ``NAME: where: what``; the summary to stdout.
"""

from __future__ import annotations

import sys
from pathlib import Path

from timeline import sheets
from timeline.draft import ArticleError, draft_article
from timeline.loading import DatasetError


def _read(path: str) -> bytes | None:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        print(f"{path}: $: cannot read the file ({exc.strerror})", file=sys.stderr)
        return None


def _write(path: str, text: str) -> bool:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"{path}: cannot write the file ({exc.strerror})", file=sys.stderr)
        return False
    return True


def draft_command(source: str, target: str) -> int:
    """Draft ``target`` from the article ``source``; the report goes to stderr. Exit code."""
    data = _read(source)
    if data is None:
        return 1
    try:
        draft = draft_article(data, name=Path(source).name)
    except ArticleError as exc:
        print(f"{source}: {exc}; nothing written", file=sys.stderr)
        return 1
    for line in draft.report.lines():
        print(f"{source}: {line}", file=sys.stderr)
    if not _write(target, sheets.events_file_json(draft.dataset)):
        return 1
    print(f"{source}: drafted {target}: {draft.report.summary()}")
    return 0


def import_sheet_command(source: str, target: str) -> int:
    """Convert the workbook ``source`` into the events file ``target``. Exit code."""
    data = _read(source)
    if data is None:
        return 1
    try:
        dataset, text = sheets.read_workbook(data, source, max_bytes=None)
    except DatasetError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        print(f"{source}: nothing written", file=sys.stderr)
        return 1
    if not _write(target, text):
        return 1
    print(f"{source}: {len(dataset.events)} events written to {target}")
    return 0
