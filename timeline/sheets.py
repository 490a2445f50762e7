"""An events file as a spreadsheet (.xlsx) and back, for people who edit in Excel or Sheets.

One sheet per table: ``events``, ``locations``, ``people``, ``characters``, with
``measures`` (one row per measure, by event id), and ``film``, ``sources`` and
``sections`` so that nothing is lost. The first row names the columns; lists are
``;``-separated cells (a ``;`` inside an item is written ``\\;``). Empty cells are
fields left out.

:func:`read_workbook` checks every sheet and cell and raises
:class:`~timeline.loading.DatasetError` whose issues name the sheet, row and column
(``events, row 5, column date (D5)``). A file written by :func:`events_file_json`
goes through :func:`workbook_bytes` and :func:`read_workbook` byte for byte unchanged.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import types
import typing
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from pydantic import BaseModel, ValidationError

from timeline.loading import DEFAULT_MAX_BYTES, DatasetError, Issue, check_size, issues_from
from timeline.models import (
    MAX_RECORDS,
    Character,
    Dataset,
    Location,
    Measure,
    Person,
    ProductionEvent,
    Section,
    Source,
    StoryEvent,
)

# Column orders: the order of the keys in the events files this project writes.
_ORDER: dict[str, tuple[str, ...]] = {
    "film": ("title", "year"),
    "sources": ("id", "title", "url", "license"),
    "sections": ("source", "id", "title", "url"),
    "locations": ("id", "name", "lat", "lon", "kind", "parent"),
    "people": ("id", "name", "roles"),
    "characters": ("id", "name", "played_by", "description"),
    "events": (
        "id",
        "chronology",
        "order",
        "phase",
        "date",
        "date_text",
        "planned_date",
        "title",
        "summary",
        "source",
        "characters",
        "people",
        "locations",
        "story_events",
        "tags",
    ),
    "measures": ("event", "metric", "label", "value", "unit", "out_of", "basis", "region"),
}
_MODELS: dict[str, tuple[type[BaseModel], ...]] = {
    "film": (),
    "sources": (Source,),
    "sections": (Section,),
    "locations": (Location,),
    "people": (Person,),
    "characters": (Character,),
    "events": (StoryEvent, ProductionEvent),
    "measures": (Measure,),
}
SHEETS = tuple(_ORDER)
# Fields that are not columns of their sheet: nested tables of their own.
_NESTED = {"sources", "sections", "measures"}
# Numbers kept as decimals even when whole (the files write ``54.0``).
_DECIMALS = {"lat", "lon"}
_SPLIT = re.compile(r"(?<!\\);")


def _kind(annotation: object) -> str:
    """``list``, ``int``, ``float``, ``date`` or ``text`` for a model field's type."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _kind(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _kind(args[0]) if args else "text"
    if origin is list or annotation is list:
        return "list"
    if annotation is bool:
        return "bool"
    if annotation is int:
        return "int"
    if annotation is float:
        return "float"
    if annotation is dt.date:
        return "date"
    return "text"


def columns(sheet: str) -> list[tuple[str, str]]:
    """The (column, kind) pairs of ``sheet``: the known order, then any newer model field."""
    kinds: dict[str, str] = {"event": "text", "source": "text"}
    if sheet == "film":
        kinds.update(title="text", year="int")
    for model in _MODELS[sheet]:
        for name, info in model.model_fields.items():
            if name not in _NESTED or sheet == "sections":
                kinds.setdefault(name, _kind(info.annotation))
    names = [c for c in _ORDER[sheet] if c in kinds]
    names += [c for c in kinds if c not in names and c not in _NESTED and sheet != "film"]
    if sheet == "film":
        names = list(_ORDER["film"])
    return [(name, kinds[name]) for name in names]


def _cell(value: object, kind: str) -> object:
    if value is None:
        return None
    if kind == "list":
        return "; ".join(str(v).replace(";", "\\;") for v in value)  # type: ignore[attr-defined]
    return value


def _records(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows of each sheet, from an events document (as JSON data)."""
    film = document["film"]
    rows: dict[str, list[dict[str, Any]]] = {
        "film": [{"title": film["title"], "year": film["year"]}],
        "sources": [{k: v for k, v in s.items() if k != "sections"} for s in film["sources"]],
        "sections": [
            {"source": s["id"], **section} for s in film["sources"] for section in s["sections"]
        ],
        "measures": [
            {"event": e["id"], **m}
            for e in document.get("events", [])
            for m in e.get("measures", [])
        ],
    }
    for table in ("locations", "people", "characters"):
        rows[table] = list(document.get(table, []))
    rows["events"] = [
        {k: v for k, v in e.items() if k != "measures"} for e in document.get("events", [])
    ]
    return rows


def key_order(sheet: str) -> list[str]:
    """The keys of a record of ``sheet`` in the order files are written: the known
    columns, then the nested table (an event's measures, a source's sections), then
    any newer field."""
    names = [c for c, _ in columns(sheet)]
    known = [c for c in names if c in _ORDER[sheet]]
    nested = {"events": ["measures"], "sources": ["sections"]}.get(sheet, [])
    return known + nested + [c for c in names if c not in known]


def _ordered(record: dict[str, Any], sheet: str) -> dict[str, Any]:
    order = key_order(sheet)
    out = {k: record[k] for k in order if k in record}
    out.update({k: v for k, v in record.items() if k not in out})
    return out


def document_of(dataset: Dataset) -> dict[str, Any]:
    """The dataset as the JSON data of an events file, in this project's key order.

    Whole measure values are written as whole numbers (``291000000``), places' points
    as decimals (``54.0``), fields at their defaults left out.
    """
    data = dataset.model_dump(mode="json", exclude_defaults=True)
    for event in data.get("events", []):
        for measure in event.get("measures", []):
            for key in ("value", "out_of"):
                if isinstance(measure.get(key), float) and measure[key].is_integer():
                    measure[key] = int(measure[key])
        if "measures" in event:
            event["measures"] = [_ordered(m, "measures") for m in event["measures"]]
    film = data["film"]
    sources = [
        {**_ordered(s, "sources"), "sections": [_ordered(x, "sections") for x in s["sections"]]}
        for s in film["sources"]
    ]
    out: dict[str, Any] = {
        "film": {"title": film["title"], "year": film["year"], "sources": sources}
    }
    for table in ("locations", "people", "characters", "events"):
        if table in data:
            out[table] = [_ordered(r, table) for r in data[table]]
    return out


def events_file_json(dataset: Dataset) -> str:
    """The dataset as the text of an events file (indented JSON, a final newline)."""
    return json.dumps(document_of(dataset), indent=2, ensure_ascii=False) + "\n"


def workbook_bytes(dataset: Dataset) -> bytes:
    """The dataset as an .xlsx workbook: one sheet per table, a header row, one row per record."""
    book = Workbook()
    book.remove(book.active)
    rows = _records(document_of(dataset))
    for sheet in SHEETS:
        ws = book.create_sheet(sheet)
        cols = columns(sheet)
        ws.append([name for name, _ in cols])
        for r, record in enumerate(rows[sheet], start=2):
            for c, (name, kind) in enumerate(cols, start=1):
                value = _cell(record.get(name), kind)
                if value is None:
                    continue
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, str):
                    # Text stays text: a summary starting with "=" is never a formula.
                    cell.data_type = "s"
        ws.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _where(sheet: str, row: int, column: str | None = None, index: int | None = None) -> str:
    if column is None:
        return f"{sheet}, row {row}"
    letter = get_column_letter(index) if index is not None else "?"
    return f"{sheet}, row {row}, column {column} ({letter}{row})"


def _value(raw: object, kind: str, name: str) -> object:
    """A cell's value for the models, or ValueError saying what was wrong."""
    if isinstance(raw, str):
        raw = raw.strip()
        if raw == "":
            return None
    if kind == "list":
        text = _text(raw)
        return [p.strip().replace("\\;", ";") for p in _SPLIT.split(text) if p.strip()]
    if kind in ("int", "float"):
        if isinstance(raw, bool) or not isinstance(raw, int | float | str):
            raise ValueError(f"expected a number, found {_what(raw)}")
        try:
            number = float(raw) if isinstance(raw, str) else raw
        except ValueError:
            raise ValueError(f"expected a number, found {raw!r}") from None
        if kind == "int":
            if float(number) != int(number):
                raise ValueError(f"expected a whole number, found {raw!r}")
            return int(number)
        if name in _DECIMALS:
            return float(number)
        return int(number) if float(number).is_integer() else float(number)
    if kind == "date":
        if isinstance(raw, dt.datetime):
            return raw.date().isoformat()
        if isinstance(raw, dt.date):
            return raw.isoformat()
        return _text(raw)
    if isinstance(raw, dt.datetime):
        # A date typed into a text column ("2021-04-20"): Excel made it a date.
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat()
    return _text(raw)


def _text(raw: object) -> str:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool):
        raise ValueError(f"expected text, found {_what(raw)}")
    if isinstance(raw, int | float):
        return str(int(raw)) if float(raw).is_integer() else str(raw)
    raise ValueError(f"expected text, found {_what(raw)}")


def _what(raw: object) -> str:
    return {bool: "TRUE/FALSE", dt.datetime: "a date"}.get(type(raw), type(raw).__name__)


def _rows(ws: Any, sheet: str, issues: list[Issue]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each data row of ``ws`` as a dict (blank rows skipped), checking the header first."""
    expected = dict(columns(sheet))
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        issues.append(Issue(_where(sheet, 1), "the sheet is empty: it needs a header row"))
        return
    names = [str(h).strip() if h is not None else "" for h in header]
    while names and not names[-1]:
        names.pop()
    known = []
    for i, name in enumerate(names, start=1):
        if name not in expected:
            what = "a column with no name" if not name else f"unknown column {name!r}"
            issues.append(Issue(_where(sheet, 1, name or "?", i), what))
        known.append(name)
    for missing in ("id", "title", "name", "event", "metric") if sheet != "film" else ("title",):
        if missing in expected and missing not in names:
            issues.append(Issue(_where(sheet, 1), f"column {missing!r} is missing"))
    if any(i.path.startswith(f"{sheet}, row 1") for i in issues):
        return
    for r, values in enumerate(rows, start=2):
        if r > MAX_RECORDS + 1:
            issues.append(Issue(_where(sheet, r), f"more than {MAX_RECORDS:,} rows"))
            return
        record: dict[str, Any] = {}
        for i, (name, raw) in enumerate(zip(known, values, strict=False), start=1):
            if raw is None or not name:
                continue
            try:
                value = _value(raw, expected[name], name)
            except ValueError as exc:
                issues.append(Issue(_where(sheet, r, name, i), str(exc)))
                continue
            if value is not None:
                record[name] = value
        if record:
            yield r, record


def read_workbook(
    data: bytes, name: str, *, max_bytes: int | None = DEFAULT_MAX_BYTES
) -> tuple[Dataset, str]:
    """The validated dataset in an .xlsx workbook and its events-file text; or DatasetError."""
    check_size(len(data), name, max_bytes)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise DatasetError(name, [Issue("$", "not an .xlsx workbook")]) from None
    issues: list[Issue] = []
    missing = [s for s in SHEETS if s not in book.sheetnames and s != "measures"]
    if missing:
        raise DatasetError(
            name,
            [
                Issue("$", f"sheet {s!r} is missing (a workbook needs {', '.join(SHEETS)})")
                for s in missing
            ],
        )
    tables = {
        sheet: list(_rows(book[sheet], sheet, issues)) if sheet in book.sheetnames else []
        for sheet in SHEETS
    }
    book.close()
    if issues:
        raise DatasetError(name, issues)
    document, places = _document(tables, issues)
    if issues:
        raise DatasetError(name, issues)
    try:
        dataset = Dataset.model_validate(document)
    except ValidationError as exc:
        raise DatasetError(name, [_locate(i, places) for i in issues_from(exc)]) from None
    return dataset, json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# Where each record of the document came from: JSON path prefix → (sheet, row).
_Places = dict[str, tuple[str, int]]


def _document(
    tables: dict[str, list[tuple[int, dict[str, Any]]]], issues: list[Issue]
) -> tuple[dict[str, Any], _Places]:
    places: _Places = {}
    film_rows = tables["film"]
    if len(film_rows) != 1:
        issues.append(Issue("film", f"expected one row (title, year), found {len(film_rows)}"))
        return {}, places
    row, film = film_rows[0]
    places["film"] = ("film", row)
    sources = []
    for i, (row, source) in enumerate(tables["sources"]):
        places[f"film.sources[{i}]"] = ("sources", row)
        sections: list[dict[str, Any]] = []
        for row2, section in tables["sections"]:
            if section.get("source") == source.get("id"):
                places[f"film.sources[{i}].sections[{len(sections)}]"] = ("sections", row2)
                sections.append(
                    _ordered({k: v for k, v in section.items() if k != "source"}, "sections")
                )
        sources.append(_ordered({**source, "sections": sections}, "sources"))
    known_sources = {s.get("id") for _, s in tables["sources"]}
    for row, section in tables["sections"]:
        if section.get("source") not in known_sources:
            issues.append(
                Issue(
                    _where("sections", row, "source", 1),
                    f"unknown source {section.get('source')!r}",
                )
            )
    document: dict[str, Any] = {
        "film": {"title": film.get("title"), "year": film.get("year"), "sources": sources}
    }
    for table in ("locations", "people", "characters"):
        if tables[table]:
            document[table] = []
        for i, (row, record) in enumerate(tables[table]):
            places[f"{table}[{i}]"] = (table, row)
            document[table].append(_ordered(record, table))
    by_event: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for row, measure in tables["measures"]:
        by_event.setdefault(str(measure.get("event")), []).append((row, measure))
    event_ids = {str(e.get("id")) for _, e in tables["events"]}
    for event_id, found in by_event.items():
        if event_id not in event_ids:
            issues.append(
                Issue(_where("measures", found[0][0], "event", 1), f"unknown event {event_id!r}")
            )
    events = []
    for i, (row, event) in enumerate(tables["events"]):
        places[f"events[{i}]"] = ("events", row)
        measures = by_event.get(str(event.get("id")), [])
        if measures:
            for j, (row2, _) in enumerate(measures):
                places[f"events[{i}].measures[{j}]"] = ("measures", row2)
            event["measures"] = [
                _ordered({k: v for k, v in m.items() if k != "event"}, "measures")
                for _, m in measures
            ]
        events.append(_ordered(event, "events"))
    if events:
        document["events"] = events
    return document, places


def _locate(issue: Issue, places: _Places) -> Issue:
    """A JSON-path issue (``events[3].date``) as a sheet, row and column."""
    path = issue.path
    best = max(
        (p for p in places if path == p or path.startswith((p + ".", p + "["))),
        key=len,
        default=None,
    )
    if best is None:
        return issue
    sheet, row = places[best]
    rest = path[len(best) :].lstrip(".")
    column = re.split(r"[.\[]", rest, maxsplit=1)[0] if rest else None
    names = [c for c, _ in columns(sheet)]
    if column in names:
        return Issue(_where(sheet, row, column, names.index(column) + 1), issue.message)
    return Issue(_where(sheet, row), f"{rest or 'record'}: {issue.message}")


def sheet_names(data: bytes) -> Iterable[str]:
    """The sheet names of a workbook (for messages); empty when it is not one."""
    try:
        return list(load_workbook(io.BytesIO(data), read_only=True).sheetnames)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        return []
