"""The view as a URL: parameter names, the options each accepts, notices, share links.

Streamlit binds most widgets to the URL itself (``bind="query-params"``) and
silently drops values it cannot use. This module says which values those were,
so the app can tell the person, and builds the link to the current view.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from timeline.filters import Filters, View
from timeline.index import DatasetIndex, derived
from timeline.models import BACKGROUND_PHASES
from timeline.months import production_months
from timeline.selection import everything
from timeline.style import CHRONOLOGY_LABELS, PHASE_LABELS

VIEW_PARAM = "view"
LOCATION_PARAM = "location"
WHO_PARAM = "who"
PHASE_PARAM = "phase"
DATES_PARAM = "dates"
TEXT_PARAM = "q"
EVENT_PARAM = "event"
TAB_PARAM = "tab"
LANES_PARAM = "lanes"
ZOOM_PARAM = "zoom"
UNTIL_PARAM = "until"
LINKS_PARAM = "links"
MONTH_PARAM = "month"
ALL_MONTHS = "All"

VIEW_BY_LABEL: dict[str, View] = {label: view for view, label in CHRONOLOGY_LABELS.items()}  # type: ignore[misc]
TABS = ("Timelines", "Storylines", "Set vs shot", "Map", "Fortunes", "Table")
LANE_LABELS = {"character": "Character", "setting": "Setting"}
ZOOM_LABELS = ("All places", "Focus")
MAX_TEXT = 200
# Parameters that hold one value; repeating one is reported.
SINGLE_VALUED = (
    VIEW_PARAM,
    TEXT_PARAM,
    EVENT_PARAM,
    TAB_PARAM,
    LANES_PARAM,
    ZOOM_PARAM,
    UNTIL_PARAM,
    LINKS_PARAM,
    MONTH_PARAM,
)


@dataclass(frozen=True)
class Options:
    """The values each URL parameter accepts for one dataset."""

    views: tuple[str, ...]
    locations: tuple[str, ...]
    who: tuple[str, ...]
    phases: tuple[str, ...]
    span: tuple[date, date] | None
    story_length: int = 0
    months: tuple[str, ...] = ()
    #: The date filter's default: the making of the film, background phases left out
    #: (``span`` itself when there are none, or nothing else).
    making: tuple[date, date] | None = None

    @property
    def default_span(self) -> tuple[date, date] | None:
        """The date range the filter opens on."""
        return self.making or self.span

    @classmethod
    def for_index(cls, index: DatasetIndex) -> Options:
        """Options from a dataset (computed once per dataset): only phases and places that
        occur are offered."""
        return derived(index, ("url options", cls), lambda: cls._of(index))

    @classmethod
    def _of(cls, index: DatasetIndex) -> Options:
        used_phases = {e.phase for e in index.production}
        return cls(
            views=tuple(CHRONOLOGY_LABELS.values()),
            locations=tuple(sorted(index.location_by_name, key=str.casefold)),
            who=tuple(sorted(index.who_labels, key=str.casefold)),
            phases=tuple(label for phase, label in PHASE_LABELS.items() if phase in used_phases),
            span=index.date_span,
            story_length=len(index.story),
            months=tuple(production_months(index, everything(index))),
            making=_making_span(index),
        )


def _making_span(index: DatasetIndex) -> tuple[date, date] | None:
    """First and last day of the production events outside the background phases."""
    dates = [index.dates[e.id] for e in index.production if e.phase not in BACKGROUND_PHASES]
    if not dates:
        return None
    return min(d.earliest for d in dates), max(d.latest for d in dates)


def _is_iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def url_notices(
    params: Mapping[str, Sequence[str]], options: Options, index: DatasetIndex
) -> list[str]:
    """One short sentence for each parameter value the app had to ignore."""
    notices: list[str] = []
    choices = {
        VIEW_PARAM: ("view", options.views),
        LOCATION_PARAM: ("place", options.locations),
        WHO_PARAM: ("character or person", options.who),
        PHASE_PARAM: ("phase", options.phases),
        TAB_PARAM: ("tab", TABS),
        LANES_PARAM: ("lane choice", tuple(LANE_LABELS.values())),
        ZOOM_PARAM: ("map zoom", ZOOM_LABELS),
        MONTH_PARAM: ("month of the production", (ALL_MONTHS, *options.months)),
    }
    known = {*choices, DATES_PARAM, TEXT_PARAM, EVENT_PARAM, UNTIL_PARAM, LINKS_PARAM}
    for key, values in params.items():
        if key not in known:
            notices.append(f"Ignored the unknown URL parameter {_short(key)}.")
        elif key in choices:
            what, allowed = choices[key]
            notices.extend(
                f"Ignored {_short(v)}: no such {what} in this dataset."
                for v in values
                if v and v not in allowed
            )
        elif key == DATES_PARAM:
            notices.extend(_date_notices([v for v in values if v], options.span))
        elif key == EVENT_PARAM and values and values[-1] not in index.events:
            notices.append(f"Ignored event {_short(values[-1])}: no event has that id.")
        elif key == UNTIL_PARAM and values and not _in_story(values[-1], options.story_length):
            notices.append(
                f"Ignored until={_short(values[-1])}: give a beat number from 1 to "
                f"{options.story_length}."
            )
        elif key == LINKS_PARAM and values and values[-1].lower() not in ("true", "false"):
            notices.append(f"Ignored links={_short(values[-1])}: use true or false.")
        elif key == TEXT_PARAM and values and len(values[-1]) > MAX_TEXT:
            notices.append(f"The search text was cut to {MAX_TEXT} characters.")
    for key in SINGLE_VALUED:
        if len(params.get(key, ())) > 1:
            notices.append(f"{key} was given more than once: only one value is used.")
    return notices


def _date_notices(values: list[str], span: tuple[date, date] | None) -> list[str]:
    """What is wrong with a ``dates`` range from the URL, if anything."""
    if len(values) > 2 or not all(_is_iso_date(v) for v in values):
        # Streamlit may still read some of these (2023-1-1, 2023/01/01, the first two):
        # say what is wrong, not what happened.
        return ["The date range in the link is not one or two YYYY-MM-DD dates: check it."]
    days = [date.fromisoformat(v) for v in values]
    if span is not None and any(not span[0] <= d <= span[1] for d in days):
        return [
            f"Ignored the date range: dates must fall between {span[0].isoformat()} "
            f"and {span[1].isoformat()}."
        ]
    if len(days) == 2 and days[0] > days[1]:
        return ["The date range was given end first: it is read the other way round."]
    return []


def _in_story(value: str, length: int) -> bool:
    return value.isdecimal() and 1 <= int(value) <= length


def _short(value: str, limit: int = 40) -> str:
    value = value if len(value) <= limit else value[: limit - 1] + "…"
    return repr(value)


def share_query(
    filters: Filters,
    options: Options,
    index: DatasetIndex,
    *,
    event: str | None = None,
    tab: str = TABS[0],
    lanes: str = "character",
    zoom: str = ZOOM_LABELS[0],
    links: bool = True,
    month: str = ALL_MONTHS,
) -> str:
    """The query string that reproduces this view, defaults left out as Streamlit does."""
    pairs: list[tuple[str, str]] = []
    if filters.view != "both":
        pairs.append((VIEW_PARAM, CHRONOLOGY_LABELS[filters.view]))
    pairs += [(LOCATION_PARAM, index.location_labels[loc]) for loc in filters.locations]
    pairs += [(WHO_PARAM, label) for label in filters.who]
    pairs += [(PHASE_PARAM, PHASE_LABELS[phase]) for phase in filters.phases]
    # No date filter is the whole span: a link says so when that is not the default.
    chosen = filters.span or options.span
    if chosen is not None and chosen != options.default_span:
        pairs += [(DATES_PARAM, d.isoformat()) for d in chosen]
    if filters.text:
        pairs.append((TEXT_PARAM, filters.text))
    if tab != TABS[0]:
        pairs.append((TAB_PARAM, tab))
    if lanes != "character":
        pairs.append((LANES_PARAM, LANE_LABELS[lanes]))
    if zoom != ZOOM_LABELS[0]:
        pairs.append((ZOOM_PARAM, zoom))
    if not links:
        pairs.append((LINKS_PARAM, "false"))
    if month != ALL_MONTHS:
        pairs.append((MONTH_PARAM, month))
    if filters.until is not None and filters.until < options.story_length:
        pairs.append((UNTIL_PARAM, str(filters.until)))
    if event:
        pairs.append((EVENT_PARAM, event))
    return urlencode(pairs)
