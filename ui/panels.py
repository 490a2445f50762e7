"""The main area: headline and share link, charts, details panel and table."""

from __future__ import annotations

import streamlit as st

from timeline.charts.base import aspect_of, notes_of
from timeline.charts.registry import Chart, charts_in
from timeline.charts.story import StoryLanes
from timeline.datewords import plural
from timeline.details import describe, event_label
from timeline.export import export_json
from timeline.filters import Filters
from timeline.index import DatasetIndex
from timeline.links import filmed, places_of, set_vs_shot
from timeline.loading import DatasetError
from timeline.months import events_in_month, production_months
from timeline.selection import Selection
from timeline.sharing import ShareLinks, picture_name
from timeline.table import MAX_TABLE_ROWS, events_frame, to_csv
from timeline.text import markdown_escape, markdown_link
from timeline.tour import tour_stop
from timeline.urlstate import (
    ALL_MONTHS,
    LANE_LABELS,
    LANES_PARAM,
    LINKS_PARAM,
    MONTH_PARAM,
    TAB_PARAM,
    TABS,
    ZOOM_LABELS,
    ZOOM_PARAM,
)
from ui import a11y, authoring, share
from ui.state import figure, on_event_click, on_place_click, select_event

# Lists of widgets past these sizes slow every rerun; narrowing the filters shows the rest.
MAX_CARDS = 100
MAX_PICKER = 1000
# Phones (static CSS, no data in it). The film's title is smaller, so a chart shows on
# the first screen. The columns stack, which puts the details panel below every chart,
# out of sight of the point just tapped: there the open event's panel becomes a sheet
# along the bottom of the screen (and the page gets room to scroll past it).
PHONE_CSS = """<style>
@media (max-width: 640px) {
  .stMain h1 { font-size: 1.9rem; }
  .st-key-details_panel {
    position: fixed; left: 0.5rem; right: 0.5rem; bottom: 0.5rem; z-index: 100;
    width: auto; max-height: 45vh; overflow-y: auto; background: #FFFFFF;
    box-shadow: 0 -4px 16px rgba(31, 35, 40, 0.25);
  }
  .stMain:has(.st-key-details_panel) .block-container { padding-bottom: 50vh; }
}
</style>"""
PLOT_CONFIG = {"topojsonURL": "/app/static/", "displaylogo": False, "scrollZoom": False}


def headline(
    index: DatasetIndex,
    shown: Selection,
    shared: ShareLinks,
    *,
    uploaded: bool = False,
    embedded: bool = False,
) -> None:
    """Film title, how many events are shown, and the share button (embedded: a link to
    the full app)."""
    film = index.dataset.film
    st.html(PHONE_CSS)
    a11y.styles()
    st.title(markdown_escape(f"{film.title} ({film.year})"), anchor=False)
    story = shown.story_count
    left, right = st.columns([4, 1], vertical_alignment="center")
    left.markdown(
        f"Showing **{len(shown)}** of {len(index.events)} events "
        f"({story} story, {len(shown) - story} production)."
    )
    share.control(right, shared, uploaded=uploaded, inside=embedded)


def no_results() -> None:
    """A friendly hint instead of empty axes."""
    st.info(
        "Nothing matches these filters. Try removing a place or a person, widening "
        "the dates, or clearing the search.",
        icon=":material/filter_alt_off:",
    )


def load_error(error: DatasetError) -> None:
    """Say why the events file could not be loaded, one line per problem."""
    st.error("The events file could not be loaded.", icon=":material/error:")
    st.code("\n".join(error.lines(limit=20)), language=None, wrap_lines=True)


def credits(index: DatasetIndex) -> None:
    """Where the data comes from, with its licence."""
    for source in index.dataset.film.sources:
        licence = f", {source.license}" if source.license else ""
        title = (
            markdown_link(source.title, source.url) if source.url else markdown_escape(source.title)
        )
        st.caption(f"Source: {title}{markdown_escape(licence)}")


def tabs(
    index: DatasetIndex,
    shown: Selection,
    filters: Filters,
    *,
    selected: str | None = None,
    hidden: frozenset[str] = frozenset(),
) -> None:
    """The views as tabs; only the open one is built (switching tabs reruns the script).

    ``selected`` is the open event (the map rings its places).
    """
    views = {
        "Timelines": lambda: timelines(index, shown, filters),
        "Storylines": lambda: storylines(index, shown),
        "Set vs shot": lambda: set_vs_shot_view(index, shown),
        "Map": lambda: location_map(index, shown, selected, hidden),
        "Fortunes": lambda: fortunes(index, shown),
        "Table": lambda: table(index, shown),
    }
    containers = st.tabs(TABS, key=TAB_PARAM, bind="query-params", on_change="rerun")
    for name, container in zip(TABS, containers, strict=True):
        if container.open:
            with container:
                views[name]()


def chart(
    spec: Chart,
    index: DatasetIndex,
    shown: Selection,
    options: dict[str, object] | None = None,
    *,
    on_place: dict[str, str] | None = None,
) -> None:
    """Draw one chart of the registry: its notes above it, clicks wired as it declares.

    ``options`` go to the builder over the chart's ``defaults``; ``on_place`` maps a
    clicked location id to the label the place filter shows (for a ``place`` chart).
    """
    fig = figure(spec, index, shown, **(dict(spec.defaults) | (options or {})))
    notes = notes_of(fig)
    if notes.headline:
        st.markdown(f"**{markdown_escape(notes.headline)}**")
    if notes.lines:
        # One caption, a line per note: a Markdown hard break between them.
        st.caption("  \n".join(markdown_escape(line) for line in notes.lines))
    key = spec.key
    if spec.click == "place":
        names = on_place or {}
        on_select = lambda: on_place_click(key, names)  # noqa: E731
    else:
        on_select = lambda: on_event_click(key)  # noqa: E731
    film = index.dataset.film
    # The camera button draws the PNG in the browser (no request), named for the chart.
    picture = {
        "format": "png",
        "scale": 2,
        "filename": picture_name(film.title, film.year, spec.title),
    }
    config = PLOT_CONFIG | {"toImageButtonOptions": picture}
    # Its accessible name and description, from what it shows.
    alt = spec.describe(index, shown, fig) if spec.describe else spec.title
    ratio = aspect_of(fig)
    if ratio is None:
        st.plotly_chart(
            fig, key=key, on_select=on_select, selection_mode="points", config=config, alt=alt
        )
        return
    # A chart of a fixed shape (a map) gets a box of that shape at any width: no blank
    # bands above and below it on a phone. The ratio is a number the builder computed.
    st.html(f"<style>.st-key-{key}_box {{ aspect-ratio: {ratio:.3f} / 1; }}</style>")
    with st.container(key=f"{key}_box", height="stretch"):
        st.plotly_chart(
            fig,
            key=key,
            on_select=on_select,
            selection_mode="points",
            config=config,
            alt=alt,
            height="stretch",
        )


def timelines(index: DatasetIndex, shown: Selection, filters: Filters) -> None:
    """Story and production timelines, as the chronology filter asks."""
    for spec in charts_in("Timelines"):
        if filters.view not in spec.views:
            continue
        st.header(spec.title, anchor=False)
        options: dict[str, object] = {}
        if spec.name == "story":
            lane_label = st.segmented_control(
                "Lanes",
                list(LANE_LABELS.values()),
                default=LANE_LABELS["character"],
                key=LANES_PARAM,
                bind="query-params",
                label_visibility="collapsed",
            )
            lanes: StoryLanes = "setting" if lane_label == LANE_LABELS["setting"] else "character"
            options["lanes"] = lanes
        chart(spec, index, shown, options)
    st.caption("Click a point or bar to read the event.")


def storylines(index: DatasetIndex, shown: Selection) -> None:
    """One line per character through the story; characters in a scene run together."""
    for spec in charts_in("Storylines"):
        chart(spec, index, shown)
    st.caption(
        "Each line is a character; lines run side by side when the characters share a "
        "scene, and the shaded bands name where it is set. Click a point to read the beat."
    )


def set_vs_shot_view(index: DatasetIndex, shown: Selection) -> None:
    """Where each beat is set against where and when it was filmed."""
    beats = filmed(index, shown)
    rows = set_vs_shot(index, beats[:MAX_CARDS])  # only the cards shown are worked out
    if not rows:
        st.info(
            "None of the story beats shown has filming recorded in the data.",
            icon=":material/movie:",
        )
        return
    st.caption(
        f"{len(beats)} story beats with their filming recorded"
        + (f" (the first {len(rows)} shown)" if len(rows) < len(beats) else "")
        + ". Open one for its full details."
    )
    for row in rows:
        with st.container(border=True):
            left, right = st.columns(2)
            left.markdown(
                f"**{markdown_escape(f'{row.order}. {row.title}')}**  \n"
                f"Set in: {markdown_escape(', '.join(row.settings) or 'not named')}"
            )
            left.button(
                "Open the beat",
                key=f"setshot_{row.beat_id}",
                on_click=select_event,
                args=(row.beat_id,),
                type="tertiary",
                icon=":material/arrow_forward:",
            )
            for shot in row.shots:
                right.markdown(
                    f"Filmed at {markdown_escape(', '.join(shot.places) or 'an unnamed place')}"
                    f" · {markdown_escape(shot.when)}"
                )


def location_map(
    index: DatasetIndex,
    shown: Selection,
    selected: str | None = None,
    hidden: frozenset[str] = frozenset(),
) -> None:
    """Story settings and real places on one map; a click filters to that place.

    The places of the open event, ``selected``, are ringed.
    """
    zoom = st.segmented_control(
        "Map zoom",
        ZOOM_LABELS,
        default=ZOOM_LABELS[0],
        key=ZOOM_PARAM,
        bind="query-params",
        label_visibility="collapsed",
        help="Focus zooms to where most of the events are.",
    )
    months = production_months(index, shown)
    month = st.select_slider(
        "Step through the production, month by month",
        options=[ALL_MONTHS, *months],
        value=ALL_MONTHS,
        key=MONTH_PARAM,
        bind="query-params",
        help="Where were they that month? Shows the production events that overlap it.",
    )
    if month != ALL_MONTHS:
        shown = events_in_month(index, shown, month)
        n = len(shown)
        verb = "overlaps" if n == 1 else "overlap"
        st.caption(f"{plural(n, 'production event')} with a place {verb} {month}.")
    show_links = st.toggle(
        "Join story settings to where they were filmed",
        value=True,
        key=LINKS_PARAM,
        bind="query-params",
    )
    settings, filmed_at = places_of(index, selected, hidden) if selected else ((), ())
    if selected and (settings or filmed_at):
        title = markdown_escape(index.events[selected].title)
        st.caption(
            f"Ringed in black: where the open event, “{title}”, is set or was filmed "
            "(point at a ring to see which)."
        )
    for spec in charts_in("Map"):
        chart(
            spec,
            index,
            shown,
            {
                "focus": zoom == ZOOM_LABELS[1],
                "links": show_links and month == ALL_MONTHS,
                "settings": settings,
                "filmed_at": filmed_at,
            },
            on_place=index.location_names,
        )
    st.caption(
        "Circles are where the story is set; squares are real places from the making of "
        "the film. Bigger means more events. Click a place to filter to it."
    )


def fortunes(index: DatasetIndex, shown: Selection) -> None:
    """Release-date slips, the box-office run and the reception, from the events shown.

    Each chart's headline, key and notes (cached with the figure, which carries them) are
    text above it, where they wrap at any width.
    """
    for spec in charts_in("Fortunes"):
        st.header(spec.title, anchor=False)
        chart(spec, index, shown)


def table(index: DatasetIndex, shown: Selection) -> None:
    """The shown events as a table; CSV of the rows and an events file of exactly those events."""
    ids = shown.ids
    if len(ids) > MAX_TABLE_ROWS:
        st.caption(
            f"The table lists the first {MAX_TABLE_ROWS:,} of the {len(ids):,} events shown, "
            "in timeline order (sorting a column sorts these). Narrow the filters to list "
            "the rest; both downloads hold every one."
        )
    frame = events_frame(index, ids[:MAX_TABLE_ROWS])
    st.dataframe(frame, hide_index=True, key="events_table", width="stretch")
    left, right = st.columns(2)
    # Files are built only when a button is pressed, not on every rerun.
    left.download_button(
        "Download CSV",
        lambda: to_csv(events_frame(index, ids)),
        "events.csv",
        "text/csv",
        icon=":material/download:",
    )
    right.download_button(
        "Download events file (JSON)",
        lambda: export_json(index, ids),
        "events.json",
        "application/json",
        icon=":material/download:",
    )
    authoring.workbook_download(index, ids)


def tour(index: DatasetIndex, shown: Selection, event_id: str, hidden: frozenset[str]) -> None:
    """Previous and Next: step through the story (or the production) from the open event."""
    stop = tour_stop(index, shown, event_id, hidden)
    if stop is None:
        return
    with st.container(horizontal=True, vertical_alignment="center", key="tour"):
        st.button(
            f"Previous {stop.noun}",
            key="tour_previous",
            on_click=select_event,
            args=(stop.previous,),
            disabled=stop.previous is None,
            icon=":material/arrow_back:",
        )
        if stop.chronology == "production":  # a beat's details already say "beat 3 of 27"
            st.caption(f"Event {stop.position} of {stop.total} by date")
        st.button(
            f"Next {stop.noun}",
            key="tour_next",
            on_click=select_event,
            args=(stop.next,),
            disabled=stop.next is None,
            icon=":material/arrow_forward:",
        )


def details(
    index: DatasetIndex, shown: Selection, event_id: str | None, hidden: frozenset[str]
) -> None:
    """The selected event in full, or a picker when none is selected."""
    ids = shown.ids
    st.header("Event details", anchor=False)
    choices = list(ids[:MAX_PICKER])
    if event_id is not None and event_id not in choices:
        choices.insert(0, event_id)
    st.selectbox(
        "Pick an event",
        choices,
        index=choices.index(event_id) if event_id in choices else None,
        format_func=lambda i: event_label(index, i),
        key=f"event_picker_{event_id}",
        on_change=lambda: select_event(st.session_state[f"event_picker_{event_id}"]),
        placeholder="Click a chart or pick an event",
    )
    if event_id is None:
        return
    d = describe(index, event_id, hidden=hidden)
    with st.container(border=True, key="details_panel"):
        with st.container(horizontal=True, horizontal_alignment="right"):
            st.button(
                "Close",
                on_click=select_event,
                args=(None,),
                key="close_details",
                icon=":material/close:",
                type="tertiary",
            )
        tour(index, shown, event_id, hidden)
        st.markdown(f"### {markdown_escape(d.title)}")
        st.caption(
            markdown_escape(f"{d.chronology} · {d.when}" + (f" · {d.phase}" if d.phase else ""))
        )
        st.markdown(markdown_escape(d.summary))
        if d.characters:
            st.markdown(
                "**Characters:** "
                + ", ".join(
                    markdown_escape(f"{name} ({actors})" if actors else name)
                    for name, actors in d.characters
                )
            )
        if d.people:
            st.markdown("**People:** " + markdown_escape(", ".join(d.people)))
        if d.places:
            st.markdown("**Places:** " + markdown_escape(", ".join(d.places)))
        for measure in d.measures:
            st.markdown("- " + markdown_escape(measure))
        if d.shots:
            st.markdown("**Where and when it was filmed**")
            for shot in d.shots:
                places = ", ".join(shot.places) or "an unnamed place"
                st.markdown("- " + markdown_escape(f"{places} · {shot.when}"))
        source = (
            markdown_link(d.source_title, d.source_url)
            if d.source_url
            else markdown_escape(d.source_title)
        )
        st.markdown(f"**Source:** {source}")
        if d.linked:
            st.markdown("**Linked events**")
            for linked_id, label in d.linked:
                st.button(
                    markdown_escape(label),
                    key=f"linked_{event_id}_{linked_id}",
                    on_click=select_event,
                    args=(linked_id,),
                    type="tertiary",
                    icon=":material/arrow_forward:",
                )
        if event_id not in ids:
            st.caption("This event is outside the current filters.")
