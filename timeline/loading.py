"""Reading an events file into a :class:`~timeline.models.Dataset`, with readable errors.

Every way in (a path on disk, an uploaded file, raw bytes in a test) ends in
:func:`load_bytes`, which either returns a validated dataset or raises
:class:`DatasetError` holding one :class:`Issue` per problem: the file, the JSON
path (``events[12].date``) and what was wrong. Nothing here prints a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from timeline.models import Dataset

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# JSON nested deeper than this is refused before parsing: Python's json module
# would otherwise recurse until it fails, and no events file needs it.
MAX_DEPTH = 64
_EVENT_TAGS = {"story", "production"}


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem in a file: where (a JSON path, ``$`` for the whole document) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class DatasetError(Exception):
    """A file that is not a valid events document; ``issues`` says why, each with a path."""

    def __init__(self, name: str, issues: list[Issue]) -> None:
        self.name = name
        self.issues = issues
        super().__init__("\n".join(self.lines()))

    def lines(self, limit: int | None = None) -> list[str]:
        """``NAME: path: message`` per issue; past ``limit``, a count of the rest."""
        shown = self.issues if limit is None else self.issues[:limit]
        lines = [f"{self.name}: {issue}" for issue in shown]
        if len(shown) < len(self.issues):
            lines.append(f"{self.name}: ... and {len(self.issues) - len(shown)} more problems")
        return lines


def json_path(loc: tuple[str | int, ...]) -> str:
    """Render a Pydantic location as a JSON path: ``("events", 3, "date")`` → ``events[3].date``.

    The union tag Pydantic adds after an event index (``story``/``production``) is left out:
    it names the branch, not a key of the file.
    """
    out = ""
    previous_was_event_index = False
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            previous_was_event_index = out.startswith("events")
            continue
        if previous_was_event_index and part in _EVENT_TAGS:
            previous_was_event_index = False
            continue
        previous_was_event_index = False
        out += f".{part}" if out else part
    return out or "$"


def _depth_ok(text: str) -> bool:
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_json(data: bytes, name: str) -> object:
    """Decode UTF-8 JSON (a leading BOM is tolerated), or raise :class:`DatasetError`."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DatasetError(
            name, [Issue("$", f"the file is not UTF-8 text (bad byte at offset {exc.start})")]
        ) from None
    if not text.strip():
        raise DatasetError(name, [Issue("$", "the file is empty")])
    if not _depth_ok(text):
        raise DatasetError(name, [Issue("$", f"JSON nested deeper than {MAX_DEPTH} levels")])
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise DatasetError(name, [Issue("$", f"not valid JSON at {where}: {exc.msg}")]) from None
    except ValueError as exc:
        raise DatasetError(name, [Issue("$", f"not valid JSON: {exc}")]) from None


def issues_from(error: ValidationError) -> list[Issue]:
    """Turn Pydantic's errors into issues a person can act on."""
    issues = []
    for err in error.errors(include_url=False):
        message = err["msg"]
        if err["type"] == "extra_forbidden":
            message = "unknown field (not part of the events format)"
        elif err["type"] == "missing":
            message = "required field is missing"
        elif err["type"] not in {"reference", "edtf"} and "input" in err:
            found = repr(err["input"])
            if len(found) > 60:
                found = found[:57] + "..."
            message = f"{message} (found {found})"
        issues.append(Issue(json_path(tuple(err["loc"])), message))
    return issues


def human_size(size: int) -> str:
    """``812 bytes``, ``4.2 kB``, ``5 MB``: sizes as people read them."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} kB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".0 MB", " MB")


def check_size(size: int, name: str, max_bytes: int | None) -> None:
    """Refuse a file over ``max_bytes`` before anything reads or parses it."""
    if max_bytes is not None and size > max_bytes:
        message = f"the file is {human_size(size)}; the limit is {human_size(max_bytes)}"
        raise DatasetError(name, [Issue("$", message)])


def load_bytes(data: bytes, name: str, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Dataset:
    """Validate the bytes of an events file called ``name`` (used in messages)."""
    check_size(len(data), name, max_bytes)
    document = parse_json(data, name)
    if not isinstance(document, dict):
        kind = type(document).__name__
        raise DatasetError(name, [Issue("$", f"expected a JSON object at the top, found {kind}")])
    try:
        return Dataset.model_validate(document)
    except ValidationError as exc:
        raise DatasetError(name, issues_from(exc)) from None


def load_path(path: str | Path, *, max_bytes: int | None = None) -> Dataset:
    """Read and validate an events file on disk (no size cap unless one is given)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DatasetError(
            str(path), [Issue("$", f"cannot read the file ({exc.strerror})")]
        ) from None
    return load_bytes(data, str(path), max_bytes=max_bytes)
