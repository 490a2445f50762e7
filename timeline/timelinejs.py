"""Importing a Knight Lab TimelineJS3 JSON file as an events file.

TimelineJS (https://timeline.knightlab.com) describes a timeline as a title slide,
a list of events on calendar dates and optional eras. Its events carry dates but
no narrative order, so each one becomes a *production* event here: the date keeps
its precision (a year, a month or a day; a span when there is an ``end_date``),
``group`` becomes the phase when it names one, and the HTML in headlines and text
is reduced to plain text, because our titles and summaries are always text.

:func:`convert` is pure: it takes the parsed JSON and returns the validated
:class:`~timeline.models.Dataset` plus report lines (``events[3]: time of day
dropped``) naming everything that could not be carried over, each with its path
in the *input*. ``python -m timeline import-timelinejs IN OUT`` wraps it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from timeline import dates
from timeline.loading import issues_from
from timeline.models import PHASES, Dataset, Film, Phase
from timeline.plaintext import ID_MAX, cut, shorten_at_word, slugify, strip_html
from timeline.style import PHASE_LABELS

SOURCE_ID = "timelinejs"
SECTION_ID = "timeline"
DEFAULT_TITLE = "Imported timeline"

# Limits of the events format (models.Text, models.LongText, models.Slug); cutting
# here keeps one over-long headline from failing the whole import.
TEXT_MAX = 300
LONG_TEXT_MAX = 5000
# A title made from an event's text (when it has no headline) should read as a title.
DERIVED_TITLE_MAX = 100
# Aggregated report lines list at most this many paths, then a count of the rest.
PATHS_SHOWN = 10

_INTEGER = re.compile(r"^[+-]?\d+$")

_TOP_KEYS = {"title", "events", "eras", "scale"}
_SLIDE_KEYS = {
    "start_date", "end_date", "display_date", "text", "media", "group", "background",
    "unique_id", "autolink",
}  # fmt: skip
_TITLE_KEYS = {"text", "media", "background", "unique_id", "autolink", "display_date"}
_TEXT_KEYS = {"headline", "text"}
_TIME_KEYS = ("hour", "minute", "second", "millisecond")
_DATE_KEYS = {"year", "month", "day", *_TIME_KEYS, "display_date"}


class ConversionError(Exception):
    """Input that cannot become an events file at all; ``report`` holds lines gathered so far."""

    def __init__(self, message: str, report: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.report = list(report)


# Phase names as slugs: "Box office", "box-office" and "BOX OFFICE" all slugify alike.
_PHASE_BY_SLUG: dict[str, Phase] = {phase: phase for phase in PHASES}
_PHASE_BY_SLUG.update({slugify(label): phase for phase, label in PHASE_LABELS.items()})


def phase_for(group: str) -> Phase | None:
    """The phase a TimelineJS ``group`` names (by label or slug, any case), else None."""
    return _PHASE_BY_SLUG.get(slugify(group))


def _film_year_bounds() -> tuple[int, int]:
    # Read from the model so that a change to Film.year cannot make imports invalid.
    low, high = 1, 9999
    for rule in Film.model_fields["year"].metadata:
        low = int(getattr(rule, "ge", low))
        high = int(getattr(rule, "le", high))
    return low, high


class _Unusable(Exception):
    """A value that makes one event impossible to convert; the event is skipped."""


@dataclass(frozen=True, slots=True)
class _Date:
    """One TimelineJS date at the precision it was given."""

    year: int
    month: int | None
    day: int | None
    has_time: bool
    display: str

    @property
    def edtf(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text


def _is_empty(value: object) -> bool:
    # Spreadsheet exports fill every column, so "" and {"url": ""} mean "not given".
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, dict):
        return all(_is_empty(v) for v in value.values())
    if isinstance(value, list):
        return all(_is_empty(v) for v in value)
    return False


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(repr(name) for name in names)


def _paths(paths: Sequence[str]) -> str:
    shown = ", ".join(paths[:PATHS_SHOWN])
    rest = len(paths) - PATHS_SHOWN
    return f"{shown} and {rest} more" if rest > 0 else shown


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _integer(value: object, name: str) -> int | None:
    """A whole number given as a JSON number or a numeric string; None when not given."""
    if _is_empty(value):
        return None
    if isinstance(value, bool):
        raise _Unusable(f"{name} {value!r} is not a number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise _Unusable(f"{name} {value!r} is not a whole number")
    if isinstance(value, str) and _INTEGER.match(value.strip()):
        return int(value.strip())
    raise _Unusable(f"{name} {value!r} is not a number")


class _Converter:
    """State of one conversion: used ids and what was left behind, for the report."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.ids: set[str] = set()
        self.media: list[str] = []
        self.backgrounds: list[str] = []
        self.autolinks: list[str] = []
        self.years: list[int] = []

    # --- small readers ---------------------------------------------------------

    def unknown_keys(self, obj: dict[str, object], known: set[str], path: str) -> None:
        extra = sorted(str(key) for key in obj if key not in known)
        if extra:
            noun = "key" if len(extra) == 1 else "keys"
            self.lines.append(f"{path}: unknown {noun} not carried over: {_quoted(extra)}")

    def text(self, value: object, path: str) -> str:
        """Plain text of a string field; a number is read as its digits, anything else ignored."""
        if value is None:
            return ""
        if isinstance(value, str):
            return strip_html(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        self.lines.append(f"{path}: not text ({type(value).__name__}); ignored")
        return ""

    def obj(self, value: object, path: str) -> dict[str, object] | None:
        if value is None:
            return None
        if isinstance(value, dict):
            return value
        self.lines.append(f"{path}: expected an object, found {type(value).__name__}; ignored")
        return None

    def unique_id(self, base: str, fallback: str) -> str:
        base = slugify(base) or fallback
        candidate, n = base, 2
        while candidate in self.ids:
            suffix = f"-{n}"
            candidate = base[: ID_MAX - len(suffix)].rstrip("-") + suffix
            n += 1
        self.ids.add(candidate)
        return candidate

    # --- dates -----------------------------------------------------------------

    def date(self, value: object, path: str) -> _Date | None:
        """Read a ``start_date`` or ``end_date``: None when absent; raises when unusable."""
        if _is_empty(value):
            return None
        if not isinstance(value, dict):
            raise _Unusable(f"{path} is not an object")
        year = _integer(value.get("year"), "year")
        month = _integer(value.get("month"), "month")
        day = _integer(value.get("day"), "day")
        if year is None:
            raise _Unusable(f"{path} has no year")
        if year < 1:
            era = " (BCE)" if year < 0 else ""
            raise _Unusable(f"year {year}{era} cannot be represented (years 1-9999 only)")
        if year > 9999:
            raise _Unusable(f"year {year} cannot be represented (years 1-9999 only)")
        if month is not None and not 1 <= month <= 12:
            raise _Unusable(f"month {month} is not a month")
        if day is not None and month is None:
            self.lines.append(f"{path}: day given without a month; kept the year only")
            day = None
        if day is not None and month is not None:
            try:
                dates.parse(f"{year:04d}-{month:02d}-{day:02d}")
            except dates.DateError:
                raise _Unusable(f"{year:04d}-{month:02d} has no day {day}") from None
        self.unknown_keys(value, _DATE_KEYS, path)
        has_time = any(not _is_empty(value.get(key)) for key in _TIME_KEYS)
        display = self.text(value.get("display_date"), f"{path}.display_date")
        return _Date(year, month, day, has_time, display)

    def when(self, raw: dict[str, object], path: str) -> tuple[str, str, int]:
        """The EDTF date, its ``date_text`` and the start year of one event."""
        start = self.date(raw.get("start_date"), f"{path}.start_date")
        if start is None:
            raise _Unusable("no start_date")
        end = self.date(raw.get("end_date"), f"{path}.end_date")
        if start.has_time or (end is not None and end.has_time):
            self.lines.append(f"{path}: time of day dropped")
        edtf = start.edtf
        if end is not None and end.edtf != start.edtf:
            try:
                dates.parse(f"{start.edtf}/{end.edtf}")
                edtf = f"{start.edtf}/{end.edtf}"
            except dates.DateError:
                self.lines.append(
                    f"{path}.end_date: ends before start_date; kept the start date only"
                )
                end = None
        display = self.text(raw.get("display_date"), f"{path}.display_date")
        if not display and start.display:
            display = start.display
            # TimelineJS shows both ends of a span; so does date_text when both are worded.
            if end is not None and end.display:
                display = f"{start.display} \u2013 {end.display}"
        date_text = cut(display or dates.parse(edtf).label, TEXT_MAX)
        return edtf, date_text, start.year

    # --- slides ----------------------------------------------------------------

    def title_slide(self, value: object) -> str:
        """The film title from the title slide, reporting what the slide loses."""
        slide = self.obj(value, "title")
        if slide is None:
            return DEFAULT_TITLE
        text = self.obj(slide.get("text"), "title.text") or {}
        headline = self.text(text.get("headline"), "title.text.headline")
        if not _is_empty(text.get("text")):
            self.lines.append("title.text.text: the title slide's text is not carried over")
        if not _is_empty(slide.get("media")):
            self.lines.append("title.media: the title slide's media is not carried over")
        if not _is_empty(slide.get("background")):
            self.lines.append("title.background: background not carried over")
        if "autolink" in slide:
            self.lines.append("title.autolink: autolink setting not carried over")
        self.unknown_keys(slide, _TITLE_KEYS, "title")
        self.unknown_keys(text, _TEXT_KEYS, "title.text")
        return cut(headline, TEXT_MAX) if headline else DEFAULT_TITLE

    def event(self, raw: object, index: int) -> dict[str, object] | None:
        """One production event as a dict for the models, or None (reported) when skipped."""
        path = f"events[{index}]"
        if not isinstance(raw, dict):
            self.lines.append(f"{path}: skipped: not an object ({type(raw).__name__})")
            return None
        # A skipped event gets one line saying why, not also the details read before that.
        mark = len(self.lines)
        text = self.obj(raw.get("text"), f"{path}.text") or {}
        headline = self.text(text.get("headline"), f"{path}.text.headline")
        body = self.text(text.get("text"), f"{path}.text.text")
        if not headline and not body:
            del self.lines[mark:]
            self.lines.append(f"{path}: skipped: no headline and no text")
            return None
        try:
            edtf, date_text, year = self.when(raw, path)
        except _Unusable as exc:
            del self.lines[mark:]
            self.lines.append(f"{path}: skipped: {exc}")
            return None

        if not headline:
            self.lines.append(f"{path}: no headline; title taken from the text")
            title = shorten_at_word(body, DERIVED_TITLE_MAX)
        elif len(headline) > TEXT_MAX:
            self.lines.append(f"{path}.text.headline: cut to {TEXT_MAX} characters")
            title = cut(headline, TEXT_MAX)
        else:
            title = headline
        summary = body or headline
        if len(summary) > LONG_TEXT_MAX:
            self.lines.append(f"{path}.text: cut to {LONG_TEXT_MAX} characters")
            summary = cut(summary, LONG_TEXT_MAX)

        group = self.text(raw.get("group"), f"{path}.group")
        phase = phase_for(group) if group else None
        tags = [cut(group, TEXT_MAX)] if group and phase is None else []

        id_base = self.text(raw.get("unique_id"), f"{path}.unique_id") or headline or title
        event_id = self.unique_id(id_base, fallback=f"event-{index + 1}")

        if not _is_empty(raw.get("media")):
            self.media.append(path)
        if not _is_empty(raw.get("background")):
            self.backgrounds.append(path)
        if "autolink" in raw:
            self.autolinks.append(path)
        self.unknown_keys(raw, _SLIDE_KEYS, path)
        self.unknown_keys(text, _TEXT_KEYS, f"{path}.text")
        self.years.append(year)
        return {
            "chronology": "production",
            "id": event_id,
            "title": title,
            "summary": summary,
            "source": SECTION_ID,
            "phase": phase or "other",
            "date": edtf,
            "date_text": date_text,
            "tags": tags,
        }

    def eras(self, value: object) -> None:
        if _is_empty(value):
            return
        if not isinstance(value, list):
            self.lines.append(f"eras: expected a list, found {type(value).__name__}; ignored")
            return
        names = []
        for era in value:
            text = era.get("text") if isinstance(era, dict) else None
            headline = text.get("headline") if isinstance(text, dict) else None
            names.append(strip_html(headline) if isinstance(headline, str) else "")
        shown = ", ".join(f'"{name}"' if name else "(untitled)" for name in names)
        self.lines.append(f"eras: {_plural(len(names), 'era')} not carried over: {shown}")

    def left_behind(self) -> None:
        """The per-event losses, one line each with a count rather than one per event."""
        for paths, what in (
            (self.media, "media"),
            (self.backgrounds, "background"),
            (self.autolinks, "autolink setting"),
        ):
            if paths:
                n = _plural(len(paths), "event")
                self.lines.append(f"events: {what} on {n} not carried over ({_paths(paths)})")

    def film_year(self) -> int:
        low, high = _film_year_bounds()
        earliest = min(self.years)
        year = min(max(earliest, low), high)
        if year != earliest:
            self.lines.append(
                f"$: the earliest event is in {earliest}; film.year set to {year} "
                f"(the events format allows {low}-{high})"
            )
        return year


def _events_of(doc: object) -> tuple[dict[str, object], list[object]]:
    """The document and its ``events`` list; :class:`ConversionError` if it is not TimelineJS."""
    if not isinstance(doc, dict):
        raise ConversionError(
            f'expected a TimelineJS object ({{"events": [...]}}) at the top, '
            f"found {type(doc).__name__}"
        )
    if "events" not in doc:
        if "film" in doc:
            raise ConversionError('this is already an events file (it has "film"), not TimelineJS')
        raise ConversionError('no "events" list: not a TimelineJS file')
    events = doc["events"]
    if not isinstance(events, list):
        raise ConversionError(f'"events" must be a list, found {type(events).__name__}')
    return doc, events


def event_count(doc: object) -> int:
    """How many events a TimelineJS document lists (0 when it is not one)."""
    try:
        return len(_events_of(doc)[1])
    except ConversionError:
        return 0


def convert(doc: object) -> tuple[Dataset, list[str]]:
    """Convert a parsed TimelineJS3 document into a validated dataset and report lines.

    Each report line is ``path: message``, the path pointing into the input (``$`` for
    the whole document). Raises :class:`ConversionError` when the input is not a
    TimelineJS object or not one of its events can be converted.
    """
    top, events = _events_of(doc)
    state = _Converter()
    state.unknown_keys(top, _TOP_KEYS, "$")
    scale = top.get("scale")
    if isinstance(scale, str) and scale.strip().lower() == "cosmological":
        # Cosmological years count back from the present in millions: no calendar date fits.
        raise ConversionError(
            'scale is "cosmological": its dates are not calendar dates, so no event can be '
            "converted",
            state.lines,
        )
    if not _is_empty(scale) and scale != "human":
        state.lines.append(f'scale: unknown scale {scale!r}; read as "human"')
    film_title = state.title_slide(top.get("title"))

    converted = [e for i, raw in enumerate(events) if (e := state.event(raw, i)) is not None]
    state.left_behind()
    state.eras(top.get("eras"))
    if not converted:
        what = "the list is empty" if not events else f"none of {len(events)} could be converted"
        raise ConversionError(f"no events to import: {what}", state.lines)

    suffix = " (TimelineJS import)"
    document = {
        "film": {
            "title": film_title,
            "year": state.film_year(),
            "sources": [
                {
                    "id": SOURCE_ID,
                    "title": cut(film_title, TEXT_MAX - len(suffix)) + suffix,
                    "sections": [{"id": SECTION_ID, "title": "Timeline"}],
                }
            ],
        },
        "events": converted,
    }
    try:
        dataset = Dataset.model_validate(document)
    except ValidationError as exc:
        # Everything above is built to fit the models; reaching this is an importer bug,
        # still reported as a message rather than a traceback.
        problems = "; ".join(str(issue) for issue in issues_from(exc))
        raise ConversionError(
            f"the converted document does not validate: {problems}", state.lines
        ) from None
    return dataset, state.lines


def to_json(dataset: Dataset) -> str:
    """The dataset as an events file: UTF-8-ready JSON, indented, defaults left out."""
    data = dataset.model_dump(mode="json", exclude_defaults=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
