"""Reading an events file into a :class:`~timeline.models.Dataset`, with readable errors.

Every way in (a path on disk, an uploaded file, raw bytes in a test) ends in
:func:`load_bytes`, which either returns a validated dataset or raises
:class:`DatasetError` holding one :class:`Issue` per problem: the file, the JSON
path (``events[12].date``) and what was wrong. Nothing here prints a traceback.
"""

from __future__ import annotations

import gc
import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from timeline.models import Dataset

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
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


def decode(data: bytes, name: str) -> str:
    """UTF-8 text of a file (a leading BOM is tolerated), or raise :class:`DatasetError`."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DatasetError(
            name, [Issue("$", f"the file is not UTF-8 text (bad byte at offset {exc.start})")]
        ) from None
    if not text.strip():
        raise DatasetError(name, [Issue("$", "the file is empty")])
    return text


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_json(data: bytes, name: str) -> object:
    """Decode and parse any JSON document (used for imports), or raise :class:`DatasetError`."""
    text = decode(data, name)
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise DatasetError(name, [Issue("$", f"not valid JSON at {where}: {exc.msg}")]) from None
    except RecursionError:
        raise DatasetError(name, [Issue("$", "JSON nested too deeply")]) from None
    except ValueError as exc:
        raise DatasetError(name, [Issue("$", f"not valid JSON: {exc}")]) from None


_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    int: "a number",
    float: "a number",
    type(None): "null",
}


def _message(err: ErrorDetails) -> str:
    """One error in words a person can act on."""
    kind, message = err["type"], err["msg"]
    if kind == "json_invalid":
        detail = str(err.get("ctx", {}).get("error", message))
        if "recursion limit" in detail:
            return "JSON nested too deeply"
        return f"not valid JSON: {detail}"
    if kind == "model_type" and not err["loc"]:
        found = _JSON_TYPES.get(type(err.get("input")), "something else")
        return f"expected a JSON object at the top, found {found}"
    if kind == "extra_forbidden":
        return "unknown field (not part of the events format)"
    if kind == "missing":
        return "required field is missing"
    if kind not in {"reference", "edtf", "too_long", "too_short"} and "input" in err:
        found = repr(err["input"])
        if len(found) > 60:
            found = found[:57] + "..."
        return f"{message} (found {found})"
    return message


def issues_from(error: ValidationError) -> list[Issue]:
    """Turn Pydantic's errors into issues a person can act on."""
    return [
        Issue(json_path(tuple(err["loc"])), _message(err))
        for err in error.errors(include_url=False)
    ]


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
    text = decode(data, name)
    # Parsing and validating in one pass (in pydantic-core) is several times faster
    # than json.loads followed by model_validate on a large file, and bounds nesting.
    # A large file makes millions of small objects: with the collector running, each
    # full collection rescans them all. Pause it while building, then freeze what was
    # built (a dataset is immutable) so later collections skip it.
    enabled = gc.isenabled()
    gc.disable()
    try:
        dataset = Dataset.model_validate_json(text)
    except ValidationError as exc:
        raise DatasetError(name, issues_from(exc)) from None
    finally:
        if enabled:
            gc.enable()
    # Frozen objects are never collected, so first collect the young generation (all
    # that was made during the pause): validating can leave reference cycles behind
    # (the reference EDTF parser raises and catches exceptions, whose tracebacks hold
    # frames), and garbage frozen with a dataset would outlive it, once per upload.
    gc.collect(0)
    gc.freeze()
    return dataset


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
