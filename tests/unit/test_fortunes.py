"""The film's fortunes: release-date slips, box-office run, reception, month by month.

Datasets are built small, from :mod:`tests.builders`, so that each test changes a value
and sees the figure change; one test runs every builder on the shipped data.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest

from tests.builders import make_dataset, make_measure, make_production, shown
from timeline import dates, datewords, measures
from timeline import months as month_steps
from timeline.charts import base, box_office, rows
from timeline.charts import reception as reception_chart
from timeline.charts import release as release_chart
from timeline.index import DatasetIndex, build_index
from timeline.loading import load_bytes
from timeline.models import Measure, ProductionEvent

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "<b>Bold</b> & co"
ESCAPED = "&lt;b&gt;Bold&lt;/b&gt; &amp; co"


# --- building blocks ------------------------------------------------------------------------


def index_of(*events: dict[str, Any], year: int = 2024) -> DatasetIndex:
    """A dataset holding the default records plus ``events``, loaded and indexed for real."""
    document = make_dataset()
    document["film"]["year"] = year
    document["events"] = [*document["events"], *events]
    return build_index(load_bytes(json.dumps(document).encode(), "test.json"))


def all_ids(index: DatasetIndex) -> tuple[str, ...]:
    """Every event id: the builders must pick out what they draw themselves."""
    return tuple(index.events)


def release(event_id: str, when: str, planned: str | None, **overrides: Any) -> dict[str, Any]:
    """A release event announced ``when`` (EDTF) for ``planned`` (ISO day)."""
    fields: dict[str, Any] = {
        "id": event_id,
        "phase": "release",
        "date": when,
        "date_text": f"announced {when}",
        "title": f"Release set for {planned}",
        "summary": "The studio announces a release date.",
        "source": "release",
        "locations": [],
        "story_events": [],
        **overrides,
    }
    if planned is not None:
        fields["planned_date"] = planned
    return make_production(**fields)


def event(event_id: str, phase: str, when: str, *measures: dict[str, Any], **overrides: Any) -> Any:
    """A production event of ``phase`` carrying ``measures``."""
    return make_production(
        id=event_id,
        phase=phase,
        date=when,
        date_text=f"on {when}",
        title=overrides.pop("title", event_id.replace("-", " ").capitalize()),
        summary="Figures reported.",
        source="release",
        locations=overrides.pop("locations", []),
        story_events=[],
        measures=list(measures),
        **overrides,
    )


def usd(metric: str, label: str, value: float, **overrides: Any) -> dict[str, Any]:
    """An amount in US dollars."""
    return make_measure(metric=metric, label=label, value=value, unit="USD", **overrides)


def trace(fig: go.Figure, name: str) -> Any:
    """The one trace called ``name``."""
    (found,) = [t for t in fig.data if t.name == name]
    return found


def clicked_ids(fig: go.Figure) -> list[str]:
    """Every id a click on the figure can return, once per drawn point."""
    return [row[0] for t in fig.data if t.customdata is not None for row in t.customdata]


def hover_texts(fig: go.Figure) -> list[str]:
    """Every hover text of every trace."""
    return [text for t in fig.data if t.hovertext is not None for text in t.hovertext]


def is_empty(fig: go.Figure) -> bool:
    """An :func:`timeline.base.empty_figure`: no traces, one message."""
    return len(fig.data) == 0 and len(fig.layout.annotations) == 1


def plain(markup: str) -> str:
    """Plotly markup as the text it shows, lines joined by spaces."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup.replace("<br>", " ")))


def labels_of(fig: go.Figure, yref: str = "y") -> list[Any]:
    """The row-label annotations on axis ``yref``, top to bottom."""
    found = [a for a in fig.layout.annotations if a.name == rows.ROW_LABEL and a.yref == yref]
    return sorted(found, key=lambda a: a.y)


def row_labels(fig: go.Figure, yref: str = "y") -> list[str]:
    """Every row label on axis ``yref`` as plain text, top to bottom."""
    return [plain(a.text) for a in labels_of(fig, yref)]


def label_over(fig: go.Figure, yref: str, y: float) -> Any:
    """The label of the mark centred at ``y``: the nearest one whose top is above it."""
    return max((a for a in labels_of(fig, yref) if a.y < y), key=lambda a: a.y)


def labelled(fig: go.Figure, name: str) -> list[tuple[str, Any]]:
    """Each mark of the trace ``name`` as (its label in plain text, its x)."""
    t = trace(fig, name)
    return [
        (plain(label_over(fig, t.yaxis or "y", y).text), x) for x, y in zip(t.x, t.y, strict=True)
    ]


def arrows(fig: go.Figure) -> list[Any]:
    """The annotations that are arrows (the rest are labels)."""
    return [a for a in fig.layout.annotations if a.showarrow]


# --- formatting -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "currency", "expected"),
    [
        pytest.param(54_700_000, "USD", "$54.7M", id="millions-one-decimal"),
        pytest.param(291_000_000, "USD", "$291M", id="whole-millions-without-decimal"),
        pytest.param(571_100_000, "USD", "$571.1M", id="hundreds-of-millions"),
        pytest.param(1_250_000_000, "USD", "$1.25B", id="billions"),
        pytest.param(2_000_000_000, "USD", "$2B", id="whole-billions"),
        pytest.param(950, "USD", "$950", id="small-amount"),
        pytest.param(57_000_000, "GBP", "£57M", id="pounds"),
        pytest.param(-100_000_000, "USD", "\u2212$100M", id="negative"),
    ],
)
def test_money(value: float, currency: str, expected: str) -> None:
    assert measures.money(value, currency) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param({"value": 96, "unit": "percent"}, "96%", id="percent"),
        pytest.param({"value": -65, "unit": "percent"}, "\u221265%", id="negative-percent"),
        pytest.param({"value": 8, "unit": "rating", "out_of": 10}, "8/10", id="out-of-10"),
        pytest.param({"value": 81, "unit": "rating", "out_of": 100}, "81/100", id="out-of-100"),
        pytest.param({"value": 4, "unit": "rating", "out_of": 5}, "4/5", id="stars"),
        pytest.param({"value": 8.5, "unit": "rating", "out_of": 10}, "8.5/10", id="fraction"),
        pytest.param({"value": 4, "unit": "rank"}, "#4", id="rank"),
        pytest.param({"value": 4327, "unit": "count"}, "4,327", id="count"),
        pytest.param({"value": 54_700_000, "unit": "USD"}, "$54.7M", id="money"),
    ],
)
def test_measure_text_keeps_the_original_form(fields: dict[str, Any], expected: str) -> None:
    assert measures.measure_text(Measure(metric="m", label="M", **fields)) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param({"value": 96, "unit": "percent"}, 96, id="percent-as-is"),
        pytest.param({"value": 8, "unit": "rating", "out_of": 10}, 80, id="out-of-10"),
        pytest.param({"value": 81, "unit": "rating", "out_of": 100}, 81, id="out-of-100"),
        pytest.param({"value": 4, "unit": "rating", "out_of": 5}, 80, id="stars"),
        pytest.param({"value": 3.5, "unit": "rating", "out_of": 4}, 87.5, id="fraction"),
        pytest.param({"value": 8, "unit": "rating"}, None, id="rating-without-scale"),
        pytest.param({"value": 2, "unit": "count"}, None, id="count"),
        pytest.param({"value": 1e6, "unit": "USD"}, None, id="money"),
    ],
)
def test_score_out_of_100(fields: dict[str, Any], expected: float | None) -> None:
    assert measures.score_out_of_100(Measure(metric="m", label="M", **fields)) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(date(2021, 7, 23), date(2023, 7, 12), "1 year 11 months", id="dead-reckoning"),
        pytest.param(date(2023, 7, 12), date(2021, 7, 23), "1 year 11 months", id="either-order"),
        pytest.param(date(2020, 1, 1), date(2022, 1, 1), "2 years", id="whole-years"),
        pytest.param(date(2020, 5, 10), date(2020, 9, 10), "4 months", id="whole-months"),
        pytest.param(date(2021, 1, 31), date(2021, 3, 1), "1 month", id="days-left-over-dropped"),
        pytest.param(date(2021, 1, 1), date(2021, 1, 20), "19 days", id="under-a-month"),
        pytest.param(date(2021, 1, 1), date(2021, 1, 2), "1 day", id="one-day"),
        pytest.param(date(2021, 1, 1), date(2021, 1, 1), "same day", id="no-gap"),
    ],
)
def test_duration_words(start: date, end: date, expected: str) -> None:
    assert datewords.duration_words(start, end) == expected


@pytest.mark.parametrize(
    ("edtf", "expected"),
    [
        pytest.param("2019-01-14", "14 Jan 2019", id="day"),
        pytest.param("2023-04", "Apr 2023", id="month"),
        pytest.param("2022", "2022", id="year"),
        pytest.param("2021-22", "between Jun 2021 and Aug 2021", id="season"),
        pytest.param("[2019-01..2021-07]", "between Jan 2019 and Jul 2021", id="range-of-months"),
        pytest.param(
            "[2019-01-14..2021-07-23]", "between Jan 2019 and Jul 2021", id="long-range-to-months"
        ),
        pytest.param(
            "[2023-07-01..2023-07-20]", "between 1 Jul 2023 and 20 Jul 2023", id="short-range"
        ),
    ],
)
def test_when_text(edtf: str, expected: str) -> None:
    assert datewords.when_text(dates.parse(edtf)) == expected


# --- 1. release-date slips ------------------------------------------------------------------

SLIPS = [
    release("first", "2019-01-14", "2021-07-23"),
    release("second", "[2019-01-14..2021-07-23]", "2021-11-19"),
    release("third", "[2019-01-14..2021-11-19]", "2022-05-27"),
    release("brought-forward", "2023-04", "2022-05-20"),
]


@pytest.fixture(scope="module")
def slips() -> DatasetIndex:
    """Three delays announced in one window, then a release brought forward."""
    return index_of(*SLIPS)


def slip_markers(fig: go.Figure) -> Any:
    """The trace of announced release dates."""
    return trace(fig, "Announced release date")


@pytest.mark.parametrize(
    "order",
    [
        pytest.param([0, 1, 2, 3], id="file-in-order"),
        pytest.param([3, 2, 1, 0], id="file-reversed"),
        pytest.param([2, 0, 3, 1], id="file-shuffled"),
    ],
)
def test_slips_run_in_the_order_the_dates_were_set(order: list[int]) -> None:
    index = index_of(*(SLIPS[i] for i in order))
    fig = release_chart.release_slips(index, shown(index, all_ids(index)))
    # Same earliest day (14 Jan 2019) for three: the planned date breaks the tie.
    assert [row[0] for row in slip_markers(fig).customdata] == [
        "first",
        "second",
        "third",
        "brought-forward",
    ]


def test_a_tie_on_the_earliest_day_goes_by_planned_date_not_latest_day() -> None:
    index = index_of(
        release("wide-window", "[2019-01-14..2022-12-31]", "2021-11-19"),
        release("narrow-window", "[2019-01-14..2021-12-31]", "2022-05-27"),
        release("known-day", "2019-01-14", "2021-07-23"),
    )
    fig = release_chart.release_slips(index, shown(index, all_ids(index)))
    assert clicked_ids(fig) == ["known-day", "wide-window", "narrow-window"]


def test_slip_markers_sit_at_the_planned_dates(slips: DatasetIndex) -> None:
    fig = release_chart.release_slips(slips, shown(slips, all_ids(slips)))
    assert list(slip_markers(fig).x) == ["2021-07-23", "2021-11-19", "2022-05-27", "2022-05-20"]


def test_changing_a_planned_date_moves_its_marker() -> None:
    moved = [*SLIPS[:2], release("third", "[2019-01-14..2021-11-19]", "2022-06-03"), SLIPS[3]]
    index = index_of(*moved)
    fig = release_chart.release_slips(index, shown(index, all_ids(index)))
    assert list(slip_markers(fig).x)[2] == "2022-06-03"
    assert row_labels(fig)[2].endswith("for 3 Jun 2022 (+196 days)")


def test_slip_rows_say_when_each_date_was_set_and_what_it_announced(slips: DatasetIndex) -> None:
    fig = release_chart.release_slips(slips, shown(slips, all_ids(slips)))
    assert row_labels(fig) == [
        "1. set 14 Jan 2019 for 23 Jul 2021",
        "2. set between Jan 2019 and Jul 2021 for 19 Nov 2021 (+119 days)",
        "3. set between Jan 2019 and Nov 2021 for 27 May 2022 (+189 days)",
        "4. set Apr 2023 for 20 May 2022 (\u22127 days)",
    ]


def test_each_slip_label_sits_over_its_marker(slips: DatasetIndex) -> None:
    fig = release_chart.release_slips(slips, shown(slips, all_ids(slips)))
    assert [
        label.split(" for ")[1][:11] for label, _ in labelled(fig, "Announced release date")
    ] == [
        "23 Jul 2021",
        "19 Nov 2021",
        "27 May 2022",
        "20 May 2022",
    ]


def test_announced_dates_are_coloured_like_their_marker(slips: DatasetIndex) -> None:
    fig = release_chart.release_slips(slips, shown(slips, all_ids(slips)))
    colours = list(slip_markers(fig).marker.color)
    assert colours[1] == colours[2] != colours[3]
    for label, colour in zip(labels_of(fig), colours, strict=True):
        assert f"color:{colour}'><b>" in label.text


def test_each_move_has_an_arrow_coloured_by_its_direction(slips: DatasetIndex) -> None:
    moves = arrows(release_chart.release_slips(slips, shown(slips, all_ids(slips))))
    assert len(moves) == 3
    colours = [a.arrowcolor for a in moves]
    assert colours[0] == colours[1] != colours[2]
    assert [a.ax for a in moves] == ["2021-07-23", "2021-11-19", "2022-05-27"]
    assert [a.x for a in moves] == ["2021-11-19", "2022-05-27", "2022-05-20"]


def test_an_unchanged_date_has_no_arrow() -> None:
    index = index_of(*SLIPS[:2], release("again", "2022", "2021-11-19"))
    fig = release_chart.release_slips(index, shown(index, all_ids(index)))
    assert len(arrows(fig)) == 1
    assert row_labels(fig)[2] == "3. set 2022 for 19 Nov 2021 (same date)"


@pytest.mark.parametrize(
    ("planned", "expected"),
    [
        pytest.param(
            ["2021-07-23", "2023-07-12"],
            (date(2021, 7, 23), date(2023, 7, 12), 719),
            id="one-long-delay",
        ),
        pytest.param(
            ["2021-07-23", "2021-11-19", "2021-08-01"],
            (date(2021, 7, 23), date(2021, 8, 1), 9),
            id="last-not-latest",
        ),
        pytest.param(
            ["2022-05-01", "2022-04-01"],
            (date(2022, 5, 1), date(2022, 4, 1), -30),
            id="brought-forward",
        ),
        pytest.param(["2022-05-01"], (date(2022, 5, 1), date(2022, 5, 1), 0), id="one-date"),
    ],
)
def test_release_delay(planned: list[str], expected: tuple[date, date, int]) -> None:
    index = index_of(*(release(f"r{i}", f"{2019 + i}-01", day) for i, day in enumerate(planned)))
    assert release_chart.release_delay(index, shown(index, all_ids(index))) == expected


def test_release_delay_without_planned_dates_is_none() -> None:
    index = index_of(release("premiere", "2024-03-02", None))
    assert release_chart.release_delay(index, shown(index, all_ids(index))) is None


@pytest.mark.parametrize(
    ("planned", "headline", "summary"),
    [
        pytest.param(
            ["2021-07-23", "2021-11-19", "2023-07-12"],
            "Release date moved twice: 23 Jul 2021 → 12 Jul 2023",
            "719 days (1 year 11 months) later in all.",
            id="delayed",
        ),
        pytest.param(
            ["2022-05-01", "2022-04-01"],
            "Release date moved once: 1 May 2022 → 1 Apr 2022",
            "30 days (1 month) earlier in all.",
            id="brought-forward",
        ),
        pytest.param(
            ["2022-05-01", "2022-05-01"],
            "Release date set for 1 May 2022",
            "It never moved.",
            id="same",
        ),
        pytest.param(
            ["2022-05-01"],
            "Release date set for 1 May 2022",
            "The only announcement among the events shown.",
            id="one",
        ),
        pytest.param(
            ["2022-05-01", "2022-06-01", "2022-05-01"],
            "Release date moved twice: 1 May 2022 → 1 May 2022",
            "Back where it started.",
            id="round-trip",
        ),
    ],
)
def test_release_notes_give_the_total_delay(
    planned: list[str], headline: str, summary: str
) -> None:
    index = index_of(*(release(f"r{i}", f"{2019 + i}-01", day) for i, day in enumerate(planned)))
    notes = release_chart.release_notes(index, shown(index, all_ids(index)))
    assert (notes.headline, notes.lines[0]) == (headline, summary)


def test_release_figure_has_no_title_of_its_own(slips: DatasetIndex) -> None:
    # The headline is text in the app, where it wraps; a figure title would run off a phone.
    assert not release_chart.release_slips(slips, shown(slips, all_ids(slips))).layout.title.text


DELAY = "an orange arrow, a delay"
FORWARD = "a green arrow, a date brought forward"
REPLACED = "hollow circle marks the date it replaced"


@pytest.mark.parametrize(
    ("planned", "said", "unsaid"),
    [
        pytest.param(
            ["2021-07-23", "2021-11-19", "2021-11-01"],
            [REPLACED, DELAY, FORWARD],
            [],
            id="both-ways",
        ),
        pytest.param(["2021-07-23", "2021-11-19"], [REPLACED, DELAY], [FORWARD], id="delay"),
        pytest.param(["2021-07-23", "2021-07-01"], [REPLACED, FORWARD], [DELAY], id="forward"),
        pytest.param(["2021-07-23", "2021-07-23"], [], [REPLACED, DELAY, FORWARD], id="never"),
    ],
)
def test_release_key_names_only_the_moves_drawn(
    planned: list[str], said: list[str], unsaid: list[str]
) -> None:
    index = index_of(*(release(f"r{i}", f"{2019 + i}-01", day) for i, day in enumerate(planned)))
    key = release_chart.release_notes(index, shown(index, all_ids(index))).lines[-1]
    assert key.startswith("Each row is an announcement")
    assert all(words in key for words in said)
    assert not any(words in key for words in unsaid)


def test_release_notes_say_when_rows_are_a_sample() -> None:
    days = [date(2030, 1, 1) + timedelta(days=i) for i in range(90)]
    index = index_of(*(release(f"r{i}", "2020", day.isoformat()) for i, day in enumerate(days)))
    ids = all_ids(index)
    assert (
        f"A sample of {rows.MAX_ROWS} of 90 announcements."
        in release_chart.release_notes(index, shown(index, ids)).lines
    )
    assert (
        len(slip_markers(release_chart.release_slips(index, shown(index, ids))).x) == rows.MAX_ROWS
    )


def test_slips_use_only_release_events_with_a_planned_date(slips: DatasetIndex) -> None:
    index = index_of(
        *SLIPS,
        release("premiere", "2023-06-19", None),
        event("filming-halted", "filming", "2020-02-20", planned_date="2020-02-20"),
    )
    fig = release_chart.release_slips(index, shown(index, all_ids(index)))
    assert clicked_ids(fig) == ["first", "second", "third", "brought-forward"]


def test_slips_follow_the_filter(slips: DatasetIndex) -> None:
    fig = release_chart.release_slips(slips, shown(slips, ("third", "first", "shoot")))
    assert clicked_ids(fig) == ["first", "third"]


def test_slip_hover_escapes_html() -> None:
    index = index_of(release("odd", "2020-01", "2021-01-01", title=HOSTILE, summary=HOSTILE))
    (text,) = slip_markers(
        release_chart.release_slips(index, shown(index, all_ids(index)))
    ).hovertext
    assert text.count(ESCAPED) == 2
    assert "<b>Bold</b>" not in text


@pytest.mark.parametrize(
    "ids",
    [
        pytest.param(None, id="dataset-without-release-dates"),
        pytest.param(("shoot", "stone-cast"), id="filter-leaves-none"),
        pytest.param((), id="no-ids"),
    ],
)
def test_slips_without_planned_dates_is_an_empty_figure(ids: tuple[str, ...] | None) -> None:
    index = index_of(release("premiere", "2024-03-02", None)) if ids is None else index_of(*SLIPS)
    fig = release_chart.release_slips(index, shown(index, all_ids(index) if ids is None else ids))
    assert is_empty(fig)
    assert "has a planned date" in plain(fig.layout.annotations[0].text)
    assert release_chart.release_notes(
        index, shown(index, all_ids(index) if ids is None else ids)
    ) == (base.ChartNotes())


# --- 2. box-office run ----------------------------------------------------------------------

RUN = [
    event(
        "budget",
        "box-office",
        "[2019-01..2023-07]",
        usd("budget", "Estimated budget", 291_000_000),
    ),
    event(
        "projections",
        "box-office",
        "2023-07-01",
        usd("projected-five-day-gross", "Projected five days", 90_000_000),
    ),
    event(
        "opening",
        "box-office",
        "2023-07-14/2023-07-16",
        usd("opening-weekend-gross", "Opening weekend", 54_700_000),
        usd("estimated-opening-weekend-gross", "Sunday estimate", 56_000_000),
        usd("mi2-five-day-gross", "An older film's five days (2000)", 78_800_000),
    ),
    event(
        "second-weekend",
        "box-office",
        "2023-07-21/2023-07-23",
        usd("weekend-gross", "Second weekend", 19_400_000, region="US & Canada"),
        make_measure(metric="weekend-change", label="Change", value=-65, unit="percent"),
        make_measure(metric="weekend-rank", label="Weekend rank", value=4, unit="rank"),
        make_measure(metric="theater-count", label="Theaters", value=4327, unit="count"),
    ),
    event(
        "final",
        "box-office",
        "2023-09",
        usd("international-gross", "Gross (other territories)", 398_500_000, region="Abroad"),
        usd("domestic-gross", "Gross (home)", 172_600_000, region="Home"),
        usd("comparison-sequel-gross", "The sequel's gross", 500_000_000),
        usd("break-even-gross", "Needed to break even", 600_000_000),
        make_measure(
            metric="franchise-rank", label="Franchise rank", value=2, unit="rank", region="Home"
        ),
        make_measure(metric="payout-gbp", label="Payout", value=57_000_000, unit="GBP"),
    ),
]


@pytest.fixture(scope="module")
def run() -> DatasetIndex:
    """A box-office run with every kind of figure, for a 2023 film."""
    return index_of(*RUN, year=2023)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param(
            "Reported",
            [
                ("Opening weekend · $54.7M", 54_700_000),
                ("Second weekend · $19.4M · \u221265% · #4", 19_400_000),
                ("Gross (other territories) · $398.5M", 398_500_000),
                ("Gross (home) · $172.6M · #2", 172_600_000),
            ],
            id="actuals",
        ),
        pytest.param(
            "Projection or estimate",
            [("Projected five days · $90M", 90_000_000), ("Sunday estimate · $56M", 56_000_000)],
            id="projections-and-estimates",
        ),
        pytest.param(
            "Another film, for comparison",
            [
                ("An older film's five days (2000) · $78.8M", 78_800_000),
                ("The sequel's gross · $500M", 500_000_000),
            ],
            id="comparisons-by-label-year-and-by-prefix",
        ),
    ],
)
def test_box_office_bars_by_kind(
    run: DatasetIndex, name: str, expected: list[tuple[str, float]]
) -> None:
    fig = box_office.box_office_run(run, shown(run, all_ids(run)))
    assert labelled(fig, name) == expected


def test_projections_are_drawn_unlike_actuals(run: DatasetIndex) -> None:
    fig = box_office.box_office_run(run, shown(run, all_ids(run)))
    actual, projected = trace(fig, "Reported"), trace(fig, "Projection or estimate")
    assert projected.marker.pattern.shape == "/"
    assert not actual.marker.pattern.shape
    assert projected.marker.color != actual.marker.color


def test_box_office_rows_follow_the_event_dates_under_the_reference_rows(
    run: DatasetIndex,
) -> None:
    fig = box_office.box_office_run(run, shown(run, all_ids(run)))
    assert row_labels(fig) == [
        "Estimated budget · $291M",
        "Needed to break even · $600M",
        "Projected five days · $90M",
        "Opening weekend · $54.7M",
        "Sunday estimate · $56M",
        "An older film's five days (2000) · $78.8M",
        "Second weekend · $19.4M · \u221265% · #4",
        "Gross (other territories) · $398.5M",
        "Gross (home) · $172.6M · #2",  # the rank goes with the figure of its region
        "The sequel's gross · $500M",
    ]


def test_box_office_values_are_in_the_labels_not_after_the_bars(run: DatasetIndex) -> None:
    fig = box_office.box_office_run(run, shown(run, all_ids(run)))
    bars = [t for t in fig.data if isinstance(t, go.Bar)]
    assert bars and all(t.text is None for t in bars)
    assert "<b>$54.7M</b>" in label_over(fig, "y", trace(fig, "Reported").y[0]).text


def test_budget_and_break_even_are_reference_lines(run: DatasetIndex) -> None:
    fig = box_office.box_office_run(run, shown(run, all_ids(run)))
    assert sorted(shape.x0 for shape in fig.layout.shapes) == [291_000_000, 600_000_000]
    assert all(shape.x0 == shape.x1 and shape.line.dash == "dash" for shape in fig.layout.shapes)
    assert labelled(fig, "Budget or break-even") == [
        ("Estimated budget · $291M", 291_000_000),
        ("Needed to break even · $600M", 600_000_000),
    ]
    refs = trace(fig, "Budget or break-even")
    assert [row[0] for row in refs.customdata] == ["budget", "final"]
    # Each line runs from its own row down past the last bar.
    last_bar = max(y for t in fig.data if isinstance(t, go.Bar) for y in t.y)
    for shape, y in zip(fig.layout.shapes, refs.y, strict=True):
        assert (shape.y0, shape.y1) == (y, last_bar + rows.MARK_PX // 2)


def test_a_long_label_wraps_and_keeps_its_value() -> None:
    long = "A very long description of a box-office figure that would run off a phone screen"
    index = index_of(event("long", "box-office", "2023-07", usd("gross", long, 12_300_000)))
    (label,) = labels_of(box_office.box_office_run(index, shown(index, all_ids(index))))
    lines = [plain(line) for line in label.text.split("<br>")]
    assert len(lines) > 1
    assert all(len(line) <= rows.LABEL_CHARS for line in lines)
    assert " ".join(lines).replace(" · ", " ") == f"{long} $12.3M"


def test_a_changed_value_changes_the_bar_and_its_label() -> None:
    changed = [
        *RUN[:2],
        event(
            "opening",
            "box-office",
            "2023-07-14",
            usd("opening-weekend-gross", "Opening weekend", 61_240_000),
        ),
    ]
    index = index_of(*changed, year=2023)
    fig = box_office.box_office_run(index, shown(index, all_ids(index)))
    assert labelled(fig, "Reported") == [("Opening weekend · $61.2M", 61_240_000)]


def test_box_office_hover_names_the_event_and_its_date(run: DatasetIndex) -> None:
    fig = box_office.box_office_run(run, shown(run, ("second-weekend",)))
    (text,) = trace(fig, "Reported").hovertext
    assert "Second weekend" in text
    assert "21 July 2023 \u2013 23 July 2023" in text
    assert "Theaters: 4,327" in text


def test_other_currencies_are_counted_not_drawn(run: DatasetIndex) -> None:
    fig = box_office.box_office_run(run, shown(run, all_ids(run)))
    drawn = [x for t in fig.data if isinstance(t, go.Bar) for x in t.x]
    assert 57_000_000 not in drawn
    notes = box_office.box_office_notes(run, shown(run, all_ids(run)))
    assert "Not drawn: 1 amount in GBP (no exchange rate to USD)." in notes.lines


def test_box_office_notes_explain_every_kind_drawn(run: DatasetIndex) -> None:
    notes = box_office.box_office_notes(run, shown(run, all_ids(run)))
    assert notes.headline == ""
    assert notes.lines == (
        "Bars: solid blue, a reported figure; hatched, a projection or estimate;"
        " grey, another film's figure, for comparison."
        " Dashed lines: the budget or what the film had to gross to break even.",
        "After an amount: a change or a rank reported with it.",
        "Not drawn: 1 amount in GBP (no exchange rate to USD).",
    )


def test_box_office_notes_name_only_what_is_drawn(run: DatasetIndex) -> None:
    notes = box_office.box_office_notes(run, shown(run, ("opening",)))
    assert notes.lines == (
        "Bars: solid blue, a reported figure; hatched, a projection or estimate;"
        " grey, another film's figure, for comparison.",
    )
    notes = box_office.box_office_notes(run, shown(run, ("budget", "projections")))
    assert notes.lines == ("Bars: hatched, a projection or estimate. Dashed line: the budget.",)


def test_the_shipped_box_office_key_claims_only_the_reference_lines_it_has(
    shipped_index: DatasetIndex,
) -> None:
    # The article gives a budget but no break-even gross: the key must not promise one.
    metrics = {m.metric for e in shipped_index.production for m in e.measures}
    notes = box_office.box_office_notes(shipped_index, shown(shipped_index))
    text = " ".join(notes.lines)
    assert "Dashed line" in text
    assert ("the budget" in text) == ("budget" in metrics)
    assert ("break even" in text) == ("break-even-gross" in metrics)


def test_box_office_notes_say_when_rows_are_a_sample() -> None:
    many = [
        event(
            f"day-{i}",
            "box-office",
            f"2023-{1 + i // 28:02d}-{1 + i % 28:02d}",
            usd("g", "G", i + 1),
        )
        for i in range(90)
    ]
    index = index_of(*many)
    notes = box_office.box_office_notes(index, shown(index, all_ids(index)))
    assert f"A sample of {rows.MAX_ROWS} of 90 box-office events." in notes.lines


def test_box_office_customdata_are_event_ids(run: DatasetIndex) -> None:
    fig = box_office.box_office_run(run, shown(run, ("opening", "budget")))
    assert sorted(clicked_ids(fig)) == ["budget", "opening", "opening", "opening"]


@pytest.mark.parametrize(
    ("metric", "label", "year", "expected"),
    [
        pytest.param("mi2-five-day-gross", "MI2 five-day gross (2000)", 2023, True, id="old-year"),
        pytest.param("gross", "Gross (2023)", 2023, False, id="own-year"),
        pytest.param("comparison-gross", "Another film", 2023, True, id="prefix"),
        pytest.param("weekend-gross", "Second weekend (US & Canada)", 2023, False, id="plain"),
        pytest.param("gross", "Gross (2000) in the US", 2023, False, id="year-not-at-the-end"),
    ],
)
def test_is_comparison(metric: str, label: str, year: int, expected: bool) -> None:
    measure = Measure(metric=metric, label=label, value=1.0, unit="USD")
    assert box_office.is_comparison(measure, year) is expected


@pytest.mark.parametrize(
    ("metric", "reference", "projection"),
    [
        pytest.param("budget", True, False, id="budget"),
        pytest.param("break-even-gross", True, False, id="break-even"),
        pytest.param("estimated-budget", True, True, id="estimated-budget"),
        pytest.param("projected-worldwide-debut", False, True, id="projection"),
        pytest.param("worldwide-gross", False, False, id="gross"),
    ],
)
def test_reference_and_projection_conventions(
    metric: str, reference: bool, projection: bool
) -> None:
    measure = Measure(metric=metric, label="x", value=1.0, unit="USD")
    assert (box_office.is_reference(measure), box_office.is_projection(measure)) == (
        reference,
        projection,
    )


def test_box_office_text_is_escaped() -> None:
    index = index_of(
        event("odd", "box-office", "2023-07", usd("gross", HOSTILE, 1e6), title=HOSTILE),
        event("odd-budget", "box-office", "2023-07", usd("budget", HOSTILE, 2e6)),
    )
    fig = box_office.box_office_run(index, shown(index, all_ids(index)))
    texts = [*hover_texts(fig), *(a.text for a in labels_of(fig))]
    assert len(labels_of(fig)) == 2
    assert all(ESCAPED in text for text in texts)
    assert not any("<b>Bold</b>" in text for text in texts)


@pytest.mark.parametrize(
    "events",
    [
        pytest.param([], id="no-box-office-events"),
        pytest.param(
            [event("pounds", "box-office", "2023-07", make_measure(unit="GBP"))],
            id="only-other-currencies",
        ),
        pytest.param(
            [event("rank", "box-office", "2023-07", make_measure(unit="rank", value=10))],
            id="no-amounts",
        ),
        pytest.param(
            [event("gross-at-the-festival", "release", "2023-07", make_measure())],
            id="amounts-of-other-phases",
        ),
    ],
)
def test_box_office_without_amounts_is_an_empty_figure(events: list[dict[str, Any]]) -> None:
    index = index_of(*events)
    fig = box_office.box_office_run(index, shown(index, all_ids(index)))
    assert is_empty(fig)
    assert "No box-office figures" in plain(fig.layout.annotations[0].text)
    assert box_office.box_office_notes(index, shown(index, all_ids(index))) == base.ChartNotes()


# --- 3. reception ---------------------------------------------------------------------------


def score(metric: str, value: float, unit: str, **fields: Any) -> dict[str, Any]:
    """A review score measure."""
    return make_measure(
        metric=metric, label=metric.replace("-", " ").title(), value=value, unit=unit, **fields
    )


RECEPTION = [
    event(
        "tomatometer",
        "reception",
        "2023-07-01",
        score("approval", 96, "percent", basis="433 critics' reviews"),
        score("average", 8, "rating", out_of=10, basis="433 critics' reviews"),
    ),
    event("metascore", "reception", "2023-07-02", score("metascore", 81, "rating", out_of=100)),
    event("stars", "reception", "2023-07-03", score("stars", 4, "rating", out_of=5)),
    event(
        "oscars",
        "awards",
        "2024-01",
        make_measure(
            metric="nominations", label="Academy Award nominations", value=2, unit="count"
        ),
    ),
]


@pytest.fixture(scope="module")
def reception() -> DatasetIndex:
    """Scores in every form, and a count of nominations."""
    return index_of(*RECEPTION)


def test_scores_are_rescaled_to_100_and_keep_their_form(reception: DatasetIndex) -> None:
    fig = reception_chart.reception_scores(reception, shown(reception, all_ids(reception)))
    assert labelled(fig, "Score") == [
        ("Approval · 96% 433 critics' reviews", 96),
        ("Average · 8/10 433 critics' reviews", 80),
        ("Metascore · 81/100", 81),
        ("Stars · 4/5", 80),
    ]


def test_score_labels_carry_the_basis_on_a_line_of_its_own(reception: DatasetIndex) -> None:
    labels = labels_of(
        reception_chart.reception_scores(reception, shown(reception, all_ids(reception)))
    )
    first, basis = labels[0].text.split("<br>")
    assert plain(first) == "Approval · 96%" and "<b>96%</b>" in first
    assert plain(basis) == "433 critics' reviews" and "font-size:11px" in basis
    assert "<br>" not in labels[2].text


def test_award_counts_are_a_second_group(reception: DatasetIndex) -> None:
    fig = reception_chart.reception_scores(reception, shown(reception, all_ids(reception)))
    awards = trace(fig, "Awards")
    assert labelled(fig, "Awards") == [("2 Academy Award nominations", 2)]
    assert awards.xaxis != trace(fig, "Score").xaxis
    assert row_labels(fig, awards.yaxis) == ["2 Academy Award nominations"]
    headings = [a.text for a in fig.layout.annotations if a.name != rows.ROW_LABEL]
    assert headings == ["Scores out of 100", "Awards"]


def test_a_changed_score_changes_the_bar() -> None:
    index = index_of(event("stars", "reception", "2023", score("stars", 3, "rating", out_of=5)))
    fig = reception_chart.reception_scores(index, shown(index, all_ids(index)))
    assert labelled(fig, "Score") == [("Stars · 3/5", 60)]


def test_a_rating_without_a_scale_is_left_out_with_a_note() -> None:
    index = index_of(
        event("vague", "reception", "2023", score("mystery", 7, "rating")),
        event("pct", "reception", "2023", score("approval", 50, "percent")),
    )
    fig = reception_chart.reception_scores(index, shown(index, all_ids(index)))
    assert list(trace(fig, "Score").x) == [50]
    assert reception_chart.reception_notes(index, shown(index, all_ids(index))).lines == (
        "Scores on one scale of 100: percentages as they are.",
        "Not drawn: 1 rating without a scale (out_of).",
    )


def test_reception_notes_show_how_a_rating_is_rescaled(reception: DatasetIndex) -> None:
    notes = reception_chart.reception_notes(reception, shown(reception, all_ids(reception)))
    assert notes == base.ChartNotes(
        lines=(
            "Scores on one scale of 100: percentages as they are, ratings rescaled (8/10 → 80).",
        )
    )
    stars = index_of(RECEPTION[2])
    assert reception_chart.reception_notes(stars, shown(stars, all_ids(stars))).lines == (
        "Scores on one scale of 100: ratings rescaled (4/5 → 80).",
    )


def test_only_awards_draws_one_group() -> None:
    index = index_of(RECEPTION[-1])
    fig = reception_chart.reception_scores(index, shown(index, all_ids(index)))
    assert [t.name for t in fig.data] == ["Awards"]


def test_reception_customdata_are_event_ids(reception: DatasetIndex) -> None:
    fig = reception_chart.reception_scores(reception, shown(reception, all_ids(reception)))
    assert clicked_ids(fig) == ["tomatometer", "tomatometer", "metascore", "stars", "oscars"]


def test_reception_text_is_escaped() -> None:
    index = index_of(
        event(
            "odd",
            "reception",
            "2023",
            score("approval", 50, "percent", basis=HOSTILE),
            title=HOSTILE,
        ),
        event(
            "odd-award",
            "awards",
            "2024",
            make_measure(metric="wins", label=HOSTILE, value=1, unit="count"),
            title=HOSTILE,
        ),
    )
    fig = reception_chart.reception_scores(index, shown(index, all_ids(index)))
    texts = [*hover_texts(fig), *(a.text for y in ("y", "y2") for a in labels_of(fig, y))]
    assert len(texts) == 4
    assert all(ESCAPED in text for text in texts)
    assert not any("<b>Bold</b>" in text for text in texts)


@pytest.mark.parametrize(
    "events",
    [
        pytest.param([], id="no-reception-events"),
        pytest.param(
            [event("count", "reception", "2023", make_measure(unit="count", value=3))],
            id="reception-without-scores",
        ),
        pytest.param(
            [event("pct", "box-office", "2023", make_measure(unit="percent", value=-65))],
            id="percent-of-another-phase",
        ),
    ],
)
def test_reception_without_scores_is_an_empty_figure(events: list[dict[str, Any]]) -> None:
    index = index_of(*events)
    fig = reception_chart.reception_scores(index, shown(index, all_ids(index)))
    assert is_empty(fig)
    assert "No review scores" in plain(fig.layout.annotations[0].text)
    assert reception_chart.reception_notes(index, shown(index, all_ids(index))) == base.ChartNotes()


# --- 4. month by month ----------------------------------------------------------------------

PLACED = ["stromness"]
MONTHLY = [
    event("last-day", "filming", "2021-01-31", locations=PLACED),
    event("span", "filming", "2020-12-15/2021-01-05", locations=PLACED),
    event("some-time", "filming", "[2020-11..2021-03]", locations=PLACED),
    event("a-month", "filming", "2021-02", locations=PLACED),
    event("nowhere", "filming", "2021-06"),
]


@pytest.fixture(scope="module")
def monthly() -> DatasetIndex:
    """Placed events with day, span, month and one-of-range dates, and one without a place."""
    document = make_dataset()
    document["events"] = MONTHLY  # no default events: the months are these alone
    return build_index(load_bytes(json.dumps(document).encode(), "months.json"))


def test_production_months_span_the_placed_events(monthly: DatasetIndex) -> None:
    # "nowhere" (June 2021) has no place, so the months stop in March.
    assert month_steps.production_months(monthly, shown(monthly, all_ids(monthly))) == [
        "2020-11",
        "2020-12",
        "2021-01",
        "2021-02",
        "2021-03",
    ]


def test_production_months_follow_the_filter(monthly: DatasetIndex) -> None:
    assert month_steps.production_months(monthly, shown(monthly, ("last-day", "span"))) == [
        "2020-12",
        "2021-01",
    ]
    assert month_steps.production_months(monthly, shown(monthly, ("nowhere",))) == []


def test_production_months_leave_out_a_far_earlier_outlier() -> None:
    document = make_dataset()
    document["events"] = [*MONTHLY, event("bridge", "pre-production", "1912", locations=PLACED)]
    index = build_index(load_bytes(json.dumps(document).encode(), "months.json"))
    months = month_steps.production_months(index, shown(index, all_ids(index)))
    assert (months[0], months[-1], len(months)) == ("2020-11", "2021-03", 5)


@pytest.mark.parametrize(
    ("month", "expected"),
    [
        pytest.param("2020-10", (), id="before-everything"),
        pytest.param("2020-11", ("some-time",), id="start-of-a-one-of-range"),
        pytest.param("2020-12", ("some-time", "span"), id="span-starts"),
        pytest.param("2021-01", ("some-time", "span", "last-day"), id="span-ends-day-on-last"),
        pytest.param("2021-02", ("some-time", "a-month"), id="day-before-month-not-in"),
        pytest.param("2021-03", ("some-time",), id="end-of-a-one-of-range"),
        pytest.param("2021-06", (), id="unplaced-event-never"),
    ],
)
def test_events_in_month(monthly: DatasetIndex, month: str, expected: tuple[str, ...]) -> None:
    assert (
        month_steps.events_in_month(monthly, shown(monthly, all_ids(monthly)), month).ids
        == expected
    )


def test_events_in_month_follow_the_filter(monthly: DatasetIndex) -> None:
    assert month_steps.events_in_month(
        monthly, shown(monthly, ("span", "a-month")), "2021-01"
    ).ids == ("span",)


@pytest.mark.parametrize("month", ["2021-13", "2021-1", "21-01", "2021-01-01", "", "2021-00"])
def test_events_in_month_refuses_what_is_not_a_month(monthly: DatasetIndex, month: str) -> None:
    with pytest.raises(ValueError, match="not a month"):
        month_steps.events_in_month(monthly, shown(monthly, all_ids(monthly)), month)


# --- the shipped data -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> DatasetIndex:
    """The film the app ships with."""
    path = ROOT / "data" / "events.json"
    return build_index(load_bytes(path.read_bytes(), path.name))


def production(index: DatasetIndex, phase: str) -> list[ProductionEvent]:
    """The production events of ``phase``."""
    return [e for e in index.production if e.phase == phase]


def test_shipped_release_slips(shipped: DatasetIndex) -> None:
    fig = release_chart.release_slips(shipped, shown(shipped, all_ids(shipped)))
    expected = [e.id for e in production(shipped, "release") if e.planned_date is not None]
    assert len(expected) > 1
    assert sorted(clicked_ids(fig)) == sorted(expected)
    delay = release_chart.release_delay(shipped, shown(shipped, all_ids(shipped)))
    assert delay is not None
    first, last, days = delay
    assert days == (last - first).days
    notes = release_chart.release_notes(shipped, shown(shipped, all_ids(shipped)))
    assert notes.headline.endswith(f"{datewords.short_date(first)} → {datewords.short_date(last)}")
    assert notes.lines[0].startswith(f"{abs(days)} days")
    assert len(row_labels(fig)) == len(expected)


def test_shipped_box_office_run(shipped: DatasetIndex) -> None:
    fig = box_office.box_office_run(shipped, shown(shipped, all_ids(shipped)))
    amounts = [
        (e.id, m) for e in production(shipped, "box-office") for m in e.measures if m.unit == "USD"
    ]
    references = [(i, m) for i, m in amounts if m.metric in box_office.REFERENCE_METRICS]
    assert references
    bars = [x for t in fig.data if isinstance(t, go.Bar) for x in t.x]
    assert len(bars) == len(amounts) - len(references) > 0
    assert len(fig.layout.shapes) == len(references)
    assert sorted(clicked_ids(fig)) == sorted(i for i, _ in amounts)


def test_shipped_reception_scores(shipped: DatasetIndex) -> None:
    fig = reception_chart.reception_scores(shipped, shown(shipped, all_ids(shipped)))
    scores = [
        m
        for e in production(shipped, "reception")
        for m in e.measures
        if measures.score_out_of_100(m) is not None
    ]
    counts = [m for e in production(shipped, "awards") for m in e.measures if m.unit == "count"]
    assert scores and counts
    assert len(trace(fig, "Score").x) == len(scores)
    assert len(trace(fig, "Awards").x) == len(counts)
    assert all(0 <= x <= 100 for x in trace(fig, "Score").x)


def test_shipped_months_cover_every_placed_filming_event(shipped: DatasetIndex) -> None:
    ids = all_ids(shipped)
    months = month_steps.production_months(shipped, shown(shipped, ids))
    seen = {
        i
        for month in months
        for i in month_steps.events_in_month(shipped, shown(shipped, ids), month).ids
    }
    filming = {e.id for e in production(shipped, "filming") if e.locations}
    assert filming and filming <= seen


def test_example_dataset_gives_empty_figures() -> None:
    path = ROOT / "data" / "examples" / "lighthouse.json"
    index = build_index(load_bytes(path.read_bytes(), path.name))
    for builder in (
        release_chart.release_slips,
        box_office.box_office_run,
        reception_chart.reception_scores,
    ):
        assert is_empty(builder(index, shown(index)))
    for notes in (
        release_chart.release_notes,
        box_office.box_office_notes,
        reception_chart.reception_notes,
    ):
        assert notes(index, shown(index)) == base.ChartNotes()


# --- layout: rows that fit any width ---------------------------------------------------------

BUILDERS = [
    pytest.param(release_chart.release_slips, id="release"),
    pytest.param(box_office.box_office_run, id="box-office"),
    pytest.param(reception_chart.reception_scores, id="reception"),
]
WITH_NOTES = [
    pytest.param(release_chart.release_slips, release_chart.release_notes, id="release"),
    pytest.param(box_office.box_office_run, box_office.box_office_notes, id="box-office"),
    pytest.param(reception_chart.reception_scores, reception_chart.reception_notes, id="reception"),
]


@pytest.mark.parametrize(("builder", "notes"), WITH_NOTES)
def test_each_figure_carries_its_notes(shipped: DatasetIndex, builder: Any, notes: Any) -> None:
    ids = all_ids(shipped)
    expected = notes(shipped, shown(shipped, ids))
    assert expected.lines
    assert base.notes_of(builder(shipped, shown(shipped, ids))) == expected
    # They survive the figure's JSON, as a cache or a copy might hold it.
    assert (
        base.notes_of(go.Figure(builder(shipped, shown(shipped, ids)).to_plotly_json())) == expected
    )


@pytest.mark.parametrize(("builder", "notes"), WITH_NOTES)
def test_an_empty_figure_carries_no_notes(builder: Any, notes: Any) -> None:
    index = index_of()
    assert base.notes_of(builder(index, shown(index))) == base.ChartNotes()
    assert base.notes_of(go.Figure()) == base.ChartNotes()


def mark_half_height(t: Any) -> float:
    """Half the height of a trace's marks in pixels: a bar's width, a marker's size."""
    return float(t.width) / 2 if isinstance(t, go.Bar) else float(t.marker.size) / 2


@pytest.mark.parametrize("builder", BUILDERS)
def test_one_y_unit_is_one_pixel(shipped: DatasetIndex, builder: Any) -> None:
    fig = builder(shipped, shown(shipped))
    plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    axes = [fig.layout[name] for name in fig.layout.to_plotly_json() if name.startswith("yaxis")]
    assert axes
    for axis in axes:
        low, high = axis.domain or (0, 1)
        assert axis.range[1] == 0  # counted from the top
        assert axis.range[0] == pytest.approx((high - low) * plot_px)


@pytest.mark.parametrize("builder", BUILDERS)
def test_labels_sit_between_marks_and_never_on_them(shipped: DatasetIndex, builder: Any) -> None:
    fig = builder(shipped, shown(shipped))
    for yref in ("y", "y2"):
        labels = labels_of(fig, yref)
        marks = sorted(
            (y - mark_half_height(t), y + mark_half_height(t))
            for t in fig.data
            if t.customdata is not None and (t.yaxis or "y") == yref
            for y in t.y
        )
        # Every label has its own line of marks under it; bars of one row share a line.
        assert len(labels) == len({top for top, _ in marks})
        for label in labels:
            bottom = label.y + 16 * (label.text.count("<br>") + 1)
            under = min(top for top, _ in marks if top > label.y)
            assert bottom <= under, plain(label.text)
            assert all(end <= label.y for top, end in marks if top < label.y)


@pytest.mark.parametrize("builder", BUILDERS)
def test_text_stays_inside_the_figure(shipped: DatasetIndex, builder: Any) -> None:
    fig = builder(shipped, shown(shipped))
    assert not fig.layout.title.text
    assert not fig.layout.showlegend
    assert all(t.text is None for t in fig.data)  # nothing written after a bar
    for label in labels_of(fig) + labels_of(fig, "y2"):
        assert (label.x, label.xref, label.xanchor) == (0, "paper", "left")
        lines = [plain(line) for line in label.text.split("<br>")]
        assert all(len(line) <= rows.LABEL_CHARS for line in lines), lines


def test_an_empty_chart_wraps_its_message() -> None:
    index = index_of()
    (message,) = box_office.box_office_run(index, shown(index, all_ids(index))).layout.annotations
    assert "<br>" in message.text
    assert all(len(line) <= rows.LABEL_CHARS for line in message.text.split("<br>"))
