"""Older TimelineJS (version 2) files, converted through the TimelineJS3 importer.

TimelineJS 2 wrote ``{"timeline": {"headline", "type", "text", "asset", "date": [...],
"era": [...]}}``, each date item with ``startDate``/``endDate`` strings such as
``"1963,8,9"`` (year, month, day, and optionally hour, minute, second), ``headline``,
``text``, ``tag`` and an ``asset`` (media). :func:`convert` rewrites such a document in
the TimelineJS3 form and hands it to :func:`timeline.timelinejs.convert`, so both
versions get the same rules and the same report; the report's paths are translated
back to the input (``timeline.date[3].startDate``).
"""

from __future__ import annotations

import re

from timeline import timelinejs
from timeline.models import Dataset

_TOP_KEYS = {"headline", "type", "text", "asset", "date", "era", "startDate", "tag"}
_DATE_PARTS = ("year", "month", "day", "hour", "minute", "second")
# TimelineJS3 names in report lines → the TimelineJS 2 names, longest first.
_RENAMES = (
    (".start_date", ".startDate"),
    (".end_date", ".endDate"),
    ("start_date", "startDate"),
    ("end_date", "endDate"),
    (".text.headline", ".headline"),
    (".text.text", ".text"),
    (".media", ".asset"),
    (".group", ".tag"),
)


def is_legacy(document: object) -> bool:
    """Whether ``document`` is in the TimelineJS 2 form (a ``timeline`` object with ``date``)."""
    return (
        isinstance(document, dict)
        and "events" not in document
        and isinstance(document.get("timeline"), dict)
    )


def _date(value: object) -> dict[str, object] | None:
    """``"1963,8,9"`` (or ``"1963-08-09"``, ``1963``) → TimelineJS3 date parts; None if empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"year": value}
    if not isinstance(value, str):
        return {"year": value}  # reported by the importer as not a number
    text = value.strip()
    iso = re.fullmatch(r"(-?\d{1,4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ](\d{1,2}):(\d{2}).*)?", text)
    parts = [p for p in iso.groups() if p is not None] if iso else text.split(",")
    out: dict[str, object] = {}
    for name, part in zip(_DATE_PARTS, parts, strict=False):
        part = part.strip()
        if part:
            out[name] = part
    return out or {"year": text}


def _media(asset: object) -> object:
    if not isinstance(asset, dict):
        return asset
    media = {"url": asset.get("media"), "credit": asset.get("credit"),
             "caption": asset.get("caption")}  # fmt: skip
    return {k: v for k, v in media.items() if v not in (None, "")} or None


def to_timelinejs3(document: dict[str, object]) -> tuple[dict[str, object], list[str]]:
    """The TimelineJS3 form of a TimelineJS 2 document, and report lines about the top."""
    top = document["timeline"]
    assert isinstance(top, dict)
    lines: list[str] = []
    extra = sorted(str(k) for k in document if k != "timeline")
    extra_top = sorted(str(k) for k in top if k not in _TOP_KEYS)
    if extra:
        lines.append(f"$: unknown keys not carried over: {', '.join(extra)}")
    if extra_top:
        lines.append(f"timeline: unknown keys not carried over: {', '.join(extra_top)}")
    if top.get("type") not in (None, "", "default"):
        lines.append(f"timeline.type: {top.get('type')!r} is not carried over")
    title: dict[str, object] = {"text": {"headline": top.get("headline"), "text": top.get("text")}}
    if top.get("asset") not in (None, {}, ""):
        title["media"] = _media(top.get("asset"))
    items = top.get("date")
    if not isinstance(items, list):
        found = "nothing" if items is None else type(items).__name__
        raise timelinejs.ConversionError(
            f"timeline.date must be a list of dates, found {found}", lines
        )
    events: list[object] = []
    for item in items:
        if not isinstance(item, dict):
            events.append(item)
            continue
        event: dict[str, object] = {
            "text": {"headline": item.get("headline"), "text": item.get("text")},
        }
        for key, value in item.items():
            if key in ("startDate", "endDate"):
                parsed = _date(value)
                if parsed is not None:
                    event["start_date" if key == "startDate" else "end_date"] = parsed
            elif key == "asset":
                if value not in (None, {}, ""):
                    event["media"] = _media(value)
            elif key == "tag":
                event["group"] = value
            elif key not in ("headline", "text"):
                event[key] = value
        events.append(event)
    eras = []
    for era in top.get("era") or []:
        if isinstance(era, dict):
            eras.append({"text": {"headline": era.get("headline")}})
    doc: dict[str, object] = {"title": title, "events": events}
    if eras:
        doc["eras"] = eras
    return doc, lines


def _back(line: str) -> str:
    """A TimelineJS3 report line with its path in TimelineJS 2 terms."""
    line = re.sub(r"\bevents\[(\d+)\]", r"timeline.date[\1]", line)
    line = re.sub(r"^events:", "timeline.date:", line)
    line = re.sub(r"^eras:", "timeline.era:", line)
    line = re.sub(r"^title\.text\.headline", "timeline.headline", line)
    line = re.sub(r"^title\.text\.text", "timeline.text", line)
    line = re.sub(r"^title", "timeline", line)
    for old, new in _RENAMES:
        line = line.replace(old, new)
    return line


def convert(document: object) -> tuple[Dataset, list[str]]:
    """Convert a TimelineJS 2 or 3 document: the dataset and the report lines."""
    if not is_legacy(document):
        return timelinejs.convert(document)
    assert isinstance(document, dict)
    modern, lines = to_timelinejs3(document)
    try:
        dataset, report = timelinejs.convert(modern)
    except timelinejs.ConversionError as exc:
        message = _back(exc.message.replace('"events"', '"timeline.date"'))
        raise timelinejs.ConversionError(
            message, [*lines, *(_back(r) for r in exc.report)]
        ) from None
    return dataset, [*lines, *(_back(r) for r in report)]


def event_count(document: object) -> int:
    """How many events a TimelineJS 2 or 3 document lists."""
    if is_legacy(document):
        assert isinstance(document, dict)
        items = document["timeline"].get("date")
        return len(items) if isinstance(items, list) else 0
    return timelinejs.event_count(document)
