"""The view as a URL: options per dataset, notices for ignored values, share links."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, parse_qsl

import pytest

from tests.builders import make_production
from tests.unit.island import index_of, island_document
from timeline.filters import Filters
from timeline.index import DatasetIndex
from timeline.urlstate import MAX_TEXT, Options, share_query, url_notices


@pytest.fixture(scope="module")
def options(island_index: DatasetIndex) -> Options:
    """The URL options of the island dataset."""
    return Options.for_index(island_index)


def test_options_views(options: Options) -> None:
    assert options.views == ("Story", "Production", "Both")


def test_options_locations_are_every_place_name_sorted(options: Options) -> None:
    assert options.locations == (
        "Glasgow",
        "North Sea",
        "Orkney",
        "Paris",
        "Scotland",
        "Stromness",
    )


def test_options_who_are_characters_and_people_sorted(options: Options) -> None:
    assert options.who == ("Ada Stone", "Ben Carr", "Cleo Moss", "Morag", "Tam")


def test_options_phases_are_only_those_used_in_phase_order(options: Options) -> None:
    assert options.phases == (
        "Development",
        "Casting",
        "Filming",
        "Release",
        "Box office",
        "Reception",
    )


def test_options_span_is_the_dataset_span(options: Options) -> None:
    assert options.span == (date(2022, 1, 1), date(2024, 8, 31))


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({}, id="nothing"),
        pytest.param({"view": ["Story"]}, id="view"),
        pytest.param({"location": ["Stromness", "Orkney"]}, id="two-places"),
        pytest.param({"who": ["Morag", "Cleo Moss"]}, id="who"),
        pytest.param({"phase": ["Filming"]}, id="phase"),
        pytest.param({"dates": ["2023-01-01", "2023-12-31"]}, id="two-dates"),
        pytest.param({"dates": ["2023-01-01"]}, id="one-date"),
        pytest.param({"q": ["storm"]}, id="text"),
        pytest.param({"q": ["x" * MAX_TEXT]}, id="text-at-the-limit"),
        pytest.param({"event": ["the-rescue"]}, id="event"),
        pytest.param({"tab": ["Map"]}, id="tab"),
        pytest.param({"lanes": ["Setting"]}, id="lanes"),
        pytest.param({"location": [""]}, id="empty-value"),
    ],
)
def test_no_notice_for_valid_params(
    params: dict[str, list[str]], options: Options, island_index: DatasetIndex
) -> None:
    assert url_notices(params, options, island_index) == []


@pytest.mark.parametrize(
    ("params", "phrases"),
    [
        pytest.param({"colour": ["red"]}, ["unknown URL parameter 'colour'"], id="unknown-key"),
        pytest.param({"view": ["Sideways"]}, ["'Sideways'", "no such view"], id="view"),
        pytest.param({"location": ["Atlantis"]}, ["'Atlantis'", "no such place"], id="place"),
        pytest.param(
            {"location": ["stromness"]}, ["'stromness'", "no such place"], id="place-by-id"
        ),
        pytest.param({"who": ["Nobody"]}, ["'Nobody'", "no such character or person"], id="who"),
        pytest.param({"phase": ["Catering"]}, ["'Catering'", "no such phase"], id="phase"),
        pytest.param(
            {"phase": ["Awards"]}, ["'Awards'", "no such phase"], id="phase-not-in-dataset"
        ),
        pytest.param({"tab": ["Gallery"]}, ["'Gallery'", "no such tab"], id="tab"),
        pytest.param({"lanes": ["Mood"]}, ["'Mood'", "no such lane choice"], id="lanes"),
        pytest.param({"dates": ["2020-13-01"]}, ["date range"], id="malformed-date"),
        pytest.param({"dates": ["20200101"]}, ["date range"], id="compact-date"),
        pytest.param(
            {"dates": ["2020-01-01", "2020-02-01", "2020-03-01"]},
            ["date range"],
            id="three-dates",
        ),
        pytest.param({"event": ["no-such-event"]}, ["'no-such-event'", "no event"], id="event"),
        pytest.param({"q": ["x" * (MAX_TEXT + 1)]}, [f"cut to {MAX_TEXT}"], id="long-text"),
    ],
)
def test_one_notice_per_ignored_value(
    params: dict[str, list[str]],
    phrases: list[str],
    options: Options,
    island_index: DatasetIndex,
) -> None:
    (notice,) = url_notices(params, options, island_index)
    assert all(phrase in notice for phrase in phrases)


def test_a_notice_for_each_bad_value_only(options: Options, island_index: DatasetIndex) -> None:
    params = {"location": ["Stromness", "Atlantis", "Lyonesse"], "who": ["Morag"]}
    notices = url_notices(params, options, island_index)
    assert len(notices) == 2
    assert "'Atlantis'" in notices[0]
    assert "'Lyonesse'" in notices[1]


def test_long_bad_values_are_cut_in_notices(options: Options, island_index: DatasetIndex) -> None:
    (notice,) = url_notices({"location": ["A" * 500]}, options, island_index)
    assert "A" * 40 not in notice
    assert "…" in notice


# --- share links --------------------------------------------------------------------------


def test_default_view_shares_an_empty_query(options: Options, island_index: DatasetIndex) -> None:
    assert share_query(Filters(), options, island_index) == ""


def test_a_span_equal_to_the_whole_dataset_is_left_out(
    options: Options, island_index: DatasetIndex
) -> None:
    assert share_query(Filters(span=options.span), options, island_index) == ""


@pytest.mark.parametrize(
    ("filters", "kwargs", "pairs"),
    [
        pytest.param(Filters(view="story"), {}, [("view", "Story")], id="view"),
        pytest.param(
            Filters(locations=("stromness", "orkney")),
            {},
            [("location", "Stromness"), ("location", "Orkney")],
            id="places-repeated-by-name",
        ),
        pytest.param(
            Filters(who=("Morag", "Cleo Moss")),
            {},
            [("who", "Morag"), ("who", "Cleo Moss")],
            id="who",
        ),
        pytest.param(
            Filters(phases=("filming", "box-office")),
            {},
            [("phase", "Filming"), ("phase", "Box office")],
            id="phases-by-label",
        ),
        pytest.param(
            Filters(span=(date(2023, 1, 1), date(2023, 6, 30))),
            {},
            [("dates", "2023-01-01"), ("dates", "2023-06-30")],
            id="span",
        ),
        pytest.param(Filters(text="storm & sea"), {}, [("q", "storm & sea")], id="text"),
        pytest.param(Filters(), {"event": "the-rescue"}, [("event", "the-rescue")], id="event"),
        pytest.param(Filters(), {"tab": "Map"}, [("tab", "Map")], id="tab"),
        pytest.param(Filters(), {"lanes": "setting"}, [("lanes", "Setting")], id="lanes"),
    ],
)
def test_share_query(
    filters: Filters,
    kwargs: dict[str, str],
    pairs: list[tuple[str, str]],
    options: Options,
    island_index: DatasetIndex,
) -> None:
    assert parse_qsl(share_query(filters, options, island_index, **kwargs)) == pairs  # type: ignore[arg-type]


def test_share_query_repeats_multi_values_literally(
    options: Options, island_index: DatasetIndex
) -> None:
    query = share_query(Filters(locations=("stromness", "orkney")), options, island_index)
    assert query == "location=Stromness&location=Orkney"


def test_a_shared_query_raises_no_notices(options: Options, island_index: DatasetIndex) -> None:
    filters = Filters(
        view="production",
        locations=("glasgow", "north-sea"),
        who=("Tam",),
        phases=("filming",),
        span=(date(2023, 1, 1), date(2023, 12, 31)),
        text="tank",
    )
    query = share_query(filters, options, island_index, event="tank-glasgow", tab="Table")
    assert url_notices(parse_qs(query), options, island_index) == []


@pytest.mark.parametrize(
    ("dates", "phrase"),
    [
        (["2023-05-01", "2023-01-31"], "read the other way round"),
        (["2023-01-31", "9999-12-31"], "dates must fall between"),
        (["2023-13-01"], "not one or two YYYY-MM-DD dates"),
    ],
    ids=["reversed", "outside-the-data", "malformed"],
)
def test_a_bad_date_range_gets_a_notice(
    island_index: DatasetIndex, dates: list[str], phrase: str
) -> None:
    options = Options.for_index(island_index)
    (notice,) = url_notices({"dates": dates}, options, island_index)
    assert phrase in notice


def test_a_date_range_with_an_open_end_is_fine(island_index: DatasetIndex) -> None:
    options = Options.for_index(island_index)
    start = options.span[0].isoformat() if options.span else "2020-01-01"
    assert url_notices({"dates": [start, ""]}, options, island_index) == []


@pytest.mark.parametrize("key", ["view", "tab", "until", "q"])
def test_a_repeated_single_value_parameter_gets_a_notice(
    island_index: DatasetIndex, key: str
) -> None:
    options = Options.for_index(island_index)
    notices = url_notices({key: ["a", "b"]}, options, island_index)
    assert any("more than once" in n for n in notices)


def test_the_date_filter_opens_on_the_making_without_the_background() -> None:
    document = island_document()
    document["events"].append(
        make_production(id="old-quarry", phase="history", date="1850", date_text="in 1850")
    )
    index = index_of(document)
    options = Options.for_index(index)
    assert options.span is not None and options.span[0] == date(1850, 1, 1)
    assert options.default_span == Options.for_index(index_of(island_document())).span
    # The default is left out of a link; no date filter at all (the whole span) is not.
    assert share_query(Filters(span=options.default_span), options, index) == ""
    assert parse_qsl(share_query(Filters(), options, index)) == [
        ("dates", d.isoformat()) for d in options.span
    ]
