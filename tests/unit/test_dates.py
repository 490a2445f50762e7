"""EDTF parsing: the fast path against the ``edtf`` reference, precision, labels, errors."""

from __future__ import annotations

import calendar
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from timeline import dates
from timeline.dates import DateError, FuzzyDate

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "data" / "events.json"
EXAMPLE = ROOT / "data" / "examples" / "lighthouse.json"

# Every form the fast path handles, plus qualified and unspecified forms that go to edtf.
FORMS = [
    "2019",
    "2019-09",
    "2019-01-14",
    "2020-02",
    "2020-02-29",
    "2021-21",
    "2021-22",
    "2021-23",
    "2021-24",
    "2021-33",
    "2021-34",
    "2021-35",
    "2021-36",
    "2021-40",
    "2021-41",
    "2021-04/2021-06",
    "2021-04-20/2021-06",
    "2021-22/2022-22",
    "2021-24/2022-21",
    "2019-01-14/2021-07-23",
    "2019/2020",
    "2021/2021-03",
    "2019-12/2020-01-05",
    "2021-05/2021-05-01",
    "2019-09~",
    "2019?",
    "2019~",
    "2019-09-15?",
    "2019-09-01%",
    "2020-05-XX",
    "2019-09~/2020",
    "2021-25",
    "2021-29",
    "2021-37",
    "[2019-05..2019-07]",
    "[2019..2020]",
    "[2019-05-01..2019-05-10]",
    "[2019-05-01..2019-05-01]",
    "[2019-05,2019-07]",
    "{2021,2022}",
    "{2022,2021}",
    "{2021, 2022}",
    "{2021-06,2022-06}",
    "{2021-06-01,2021-07}",
    "{2021-06..2021-08,2022-06}",
    "{2019,2020,2021-05-02}",
    "[2021-06,2022-06]",
    "[2021-06-01..2021-06-03,2021-07]",
]


def bounds(value: FuzzyDate) -> tuple[date, date, date, date]:
    """The four bounds the two parsers must agree on."""
    return (value.earliest, value.latest, value.fuzzy_earliest, value.fuzzy_latest)


def closed_bound(text: str) -> date:
    """What ``edtf`` itself gives for the known end of an open date (it has none for the other)."""
    from edtf import parse_edtf, struct_time_to_date

    value = parse_edtf(text)
    open_start = text.startswith(("[..", "../"))
    return struct_time_to_date(value.upper_strict() if open_start else value.lower_strict())


def items_of(text: str) -> list[str]:
    """The items of a set ``{a,b}`` or list ``[a,b]``, as written."""
    return [item.strip() for item in text[1:-1].split(",")]


def reference_view(text: str) -> object:
    """What the reference says about ``text``, as far as it can read it.

    Most forms: its four bounds. Open ends: the known end (``edtf`` parses them but
    has no day for the open side). Sets and lists with seasons (``edtf`` refuses them):
    each item on its own, read by the reference, with the hull of them all.
    """
    parsed = dates.parse(text)
    if not dates.beyond_reference(parsed):
        return bounds(dates.parse_with_edtf(text))
    if parsed.is_open:
        return closed_bound(text)
    periods = sorted((p.earliest, p.latest) for p in map(dates.parse_with_edtf, items_of(text)))
    return periods, periods[0][0], max(b for _, b in periods)


def our_view(text: str) -> object:
    """:func:`reference_view`, from the fast path."""
    parsed = dates.parse(text)
    if not dates.beyond_reference(parsed):
        return bounds(parsed)
    if parsed.is_open:
        return parsed.latest if parsed.open_start else parsed.earliest
    return sorted(parsed.periods), parsed.earliest, parsed.latest


def dates_in(path: Path) -> list[str]:
    """Every distinct ``date`` of the events in an events file, sorted."""
    document = json.loads(path.read_text(encoding="utf-8"))
    return sorted({ev["date"] for ev in document["events"] if "date" in ev})


@pytest.mark.parametrize("text", FORMS)
def test_fast_path_agrees_with_edtf(text: str) -> None:
    assert bounds(dates.parse(text)) == bounds(dates.parse_with_edtf(text))


@pytest.mark.parametrize(
    "path",
    [pytest.param(SHIPPED, id="events.json"), pytest.param(EXAMPLE, id="lighthouse.json")],
)
def test_fast_path_agrees_with_edtf_on_every_date_in_the_data(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path.relative_to(ROOT)} does not exist yet")
    found = dates_in(path)
    assert found, f"no dates in {path}"
    both = {text: (our_view(text), reference_view(text)) for text in found}
    assert {text: pair for text, pair in both.items() if pair[0] != pair[1]} == {}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("[2021-22..2021-23]", id="one-of-seasons"),
        pytest.param("[2021-24..2022-21]", id="one-of-seasons-over-new-year"),
        pytest.param("[2021-33..2021-34]", id="one-of-quarters"),
        pytest.param("2021-33/2021-34", id="interval-of-quarters"),
        pytest.param("2021-40/2021-41", id="interval-of-halves"),
    ],
)
def test_fast_path_refuses_what_edtf_refuses(text: str) -> None:
    # Both paths must accept and refuse the same strings, or whether a date is valid
    # would depend on which path happened to read it.
    with pytest.raises(DateError):
        dates.parse_with_edtf(text)
    with pytest.raises(DateError):
        dates.parse(text)


@pytest.mark.parametrize(
    ("text", "precision", "label"),
    [
        ("2019", "year", "2019"),
        ("2019-09", "month", "September 2019"),
        ("2019-01-14", "day", "14 January 2019"),
        ("2021-21", "season", "spring 2021"),
        ("2021-22", "season", "summer 2021"),
        ("2021-23", "season", "autumn 2021"),
        ("2021-24", "season", "winter 2021"),
        ("2021-33", "season", "first quarter 2021"),
        ("2021-36", "season", "fourth quarter 2021"),
        ("2021-40", "season", "first half 2021"),
        ("2021-41", "season", "second half 2021"),
        ("2021-04/2021-06", "interval", "April 2021 \u2013 June 2021"),
        ("2021-04-20/2021-06", "interval", "20 April 2021 \u2013 June 2021"),
        ("2021-22/2022-22", "interval", "summer 2021 \u2013 summer 2022"),
        ("2019-01-14/2021-07-23", "interval", "14 January 2019 \u2013 23 July 2021"),
        ("2019-09~", "other", "2019-09~ (approximate)"),
        ("2019?", "other", "2019? (uncertain)"),
        ("2019-09-01%", "other", "1 September 2019 (approximate)"),
        ("2020-05-XX", "other", "2020-05-XX"),
        ("[2019-05..2019-07]", "within", "some time between May 2019 and July 2019"),
        ("[2019..2020]", "within", "some time between 2019 and 2020"),
    ],
)
def test_precision_and_label(text: str, precision: str, label: str) -> None:
    parsed = dates.parse(text)
    assert (parsed.precision, parsed.label) == (precision, label)


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2019", date(2019, 1, 1), date(2019, 12, 31)),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29)),
        ("2019-02", date(2019, 2, 1), date(2019, 2, 28)),
        ("2019-01-14", date(2019, 1, 14), date(2019, 1, 14)),
        ("2021-21", date(2021, 3, 1), date(2021, 5, 31)),
        ("2021-22", date(2021, 6, 1), date(2021, 8, 31)),
        ("2021-23", date(2021, 9, 1), date(2021, 11, 30)),
        ("2021-24", date(2021, 12, 1), date(2021, 12, 31)),
        ("2021-34", date(2021, 4, 1), date(2021, 6, 30)),
        ("2021-41", date(2021, 7, 1), date(2021, 12, 31)),
        ("2021-04-20/2021-06", date(2021, 4, 20), date(2021, 6, 30)),
        ("2021-22/2022-22", date(2021, 6, 1), date(2022, 8, 31)),
    ],
)
def test_strict_bounds(text: str, earliest: date, latest: date) -> None:
    parsed = dates.parse(text)
    assert (parsed.earliest, parsed.latest) == (earliest, latest)


@pytest.mark.parametrize(
    ("text", "is_point", "is_fuzzy"),
    [
        ("2019-01-14", True, False),
        ("2019-09", False, True),
        ("2021-04/2021-06", False, True),
        ("2019-09-01%", True, True),
    ],
)
def test_point_and_fuzzy(text: str, is_point: bool, is_fuzzy: bool) -> None:
    parsed = dates.parse(text)
    assert (parsed.is_point, parsed.is_fuzzy) == (is_point, is_fuzzy)


def test_qualified_date_has_wider_fuzzy_bounds() -> None:
    parsed = dates.parse("2019-09~")
    assert parsed.fuzzy_earliest < parsed.earliest
    assert parsed.fuzzy_latest > parsed.latest


INVALID = [
    pytest.param("2021-13", id="month-13"),
    pytest.param("2019-02-30", id="30-february"),
    pytest.param("2019-02-29", id="29-february-not-leap"),
    pytest.param("2021-06/2021-04", id="reversed-interval"),
    pytest.param("2021-05-20/2021-05-10", id="reversed-days"),
    pytest.param("", id="empty"),
    pytest.param(" 2019", id="leading-space"),
    pytest.param("2019 ", id="trailing-space"),
    pytest.param("../..", id="open-at-both-ends"),
    pytest.param("[..]", id="one-of-open-at-both-ends"),
    pytest.param("[..2020-22]", id="one-of-open-season"),
    pytest.param("../2020-33", id="open-interval-quarter"),
    pytest.param("{2021}", id="set-of-one"),
    pytest.param("{}", id="empty-set"),
    pytest.param("{2021-22,}", id="set-empty-item"),
    pytest.param("{2021-13,2022}", id="set-month-13"),
    pytest.param("{2021-22..2021-23,2022}", id="set-range-of-seasons"),
    pytest.param("{2021-08..2021-06,2022}", id="set-reversed-range"),
    pytest.param("{2021-06/2021-07,2022}", id="set-with-interval"),
    pytest.param("[2021-22,2022-99]", id="list-season-99"),
    pytest.param("abc", id="letters"),
    pytest.param("2019-99", id="season-99"),
    pytest.param("2019-00", id="month-00"),
    pytest.param("[2019-07..2019-05]", id="reversed-one-of-range"),
    pytest.param("[2019-05..2019-07-01]", id="one-of-range-mixed-precision"),
    pytest.param("0000", id="year-zero"),
]


@pytest.mark.parametrize("text", INVALID)
def test_invalid_dates_raise_date_error_naming_the_input(text: str) -> None:
    with pytest.raises(DateError) as caught:
        dates.parse(text)
    assert repr(text) in str(caught.value)


@pytest.mark.parametrize(
    "text", ["2021-13", "2019-02-30", "2021-06/2021-04", "abc", "2019-99", "{2021-13,2022}"]
)
def test_edtf_also_rejects_what_the_fast_path_rejects(text: str) -> None:
    with pytest.raises(DateError):
        dates.parse_with_edtf(text)


# --- properties -------------------------------------------------------------------------

_SEASON_START = {21: 3, 22: 6, 23: 9, 24: 12}


@st.composite
def simple_dates(
    draw: st.DrawFn, kinds: tuple[str, ...] = ("year", "month", "day", "season")
) -> tuple[str, tuple[int, int, int]]:
    """A year, month, day or season 21-24 in 1900-2100, with the day it starts on."""
    year = draw(st.integers(1900, 2100))
    kind = draw(st.sampled_from(kinds))
    if kind == "year":
        return f"{year:04d}", (year, 1, 1)
    if kind == "season":
        season = draw(st.sampled_from(sorted(_SEASON_START)))
        return f"{year:04d}-{season}", (year, _SEASON_START[season], 1)
    month = draw(st.integers(1, 12))
    if kind == "month":
        return f"{year:04d}-{month:02d}", (year, month, 1)
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    return f"{year:04d}-{month:02d}-{day:02d}", (year, month, day)


@st.composite
def dates_and_intervals(draw: st.DrawFn) -> str:
    """A simple date, an interval of two, or a one-of range of two of the same precision."""
    first = draw(simple_dates())
    form = draw(st.sampled_from(["single", "interval", "one-of"]))
    if form == "single":
        return first[0]
    if form == "interval":
        second = draw(simple_dates())
        start, end = sorted([first, second], key=lambda part: part[1])
        return f"{start[0]}/{end[0]}"
    # edtf reads one-of ranges only between two years, months or days of one precision.
    kind = draw(st.sampled_from(["year", "month", "day"]))
    ends = draw(st.lists(simple_dates(kinds=(kind,)), min_size=2, max_size=2))
    start, end = sorted(ends, key=lambda part: part[1])
    return f"[{start[0]}..{end[0]}]"


@st.composite
def qualified(draw: st.DrawFn) -> str:
    """A year, month or day, maybe qualified with ``~``, ``?`` or ``%``."""
    text, _ = draw(simple_dates(kinds=("year", "month", "day")))
    return text + draw(st.sampled_from(["", "~", "?", "%"]))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(dates_and_intervals())
def test_property_fast_path_equals_edtf(text: str) -> None:
    assert bounds(dates.parse(text)) == bounds(dates.parse_with_edtf(text))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.one_of(dates_and_intervals(), qualified()))
def test_property_bounds_are_ordered(text: str) -> None:
    parsed = dates.parse(text)
    assert parsed.fuzzy_earliest <= parsed.earliest <= parsed.latest <= parsed.fuzzy_latest


# --- several periods and open ends --------------------------------------------------------

SUMMER_2021 = (date(2021, 6, 1), date(2021, 8, 31))
SUMMER_2022 = (date(2022, 6, 1), date(2022, 8, 31))


@pytest.mark.parametrize(
    ("text", "precision", "label", "periods"),
    [
        pytest.param(
            "{2021-22,2022-22}",
            "several",
            "summer 2021 and summer 2022",
            (SUMMER_2021, SUMMER_2022),
            id="set-of-two-summers",
        ),
        pytest.param(
            "{2022-22, 2021-22}",
            "several",
            "summer 2021 and summer 2022",
            (SUMMER_2021, SUMMER_2022),
            id="set-kept-in-date-order",
        ),
        pytest.param(
            "[2021-22,2022-22]",
            "within",
            "summer 2021 or summer 2022",
            (SUMMER_2021, SUMMER_2022),
            id="list-one-of-two-summers",
        ),
        pytest.param(
            "{2019,2020-03,2021-05-02}",
            "several",
            "2019, March 2020 and 2 May 2021",
            (
                (date(2019, 1, 1), date(2019, 12, 31)),
                (date(2020, 3, 1), date(2020, 3, 31)),
                (date(2021, 5, 2), date(2021, 5, 2)),
            ),
            id="set-of-three-precisions",
        ),
        pytest.param(
            "{2021-06..2021-08,2022-41}",
            "several",
            "June 2021 to August 2021 and second half 2022",
            ((date(2021, 6, 1), date(2021, 8, 31)), (date(2022, 7, 1), date(2022, 12, 31))),
            id="set-with-a-range-and-a-half-year",
        ),
        pytest.param(
            "[..2020-07]",
            "within",
            "by July 2020",
            ((date(2020, 7, 1), date(2020, 7, 31)),),
            id="one-of-open-start",
        ),
        pytest.param(
            "[2020-07-06..]",
            "within",
            "6 July 2020 or later",
            ((date(2020, 7, 6), date(2020, 7, 6)),),
            id="one-of-open-end",
        ),
        pytest.param(
            "../2020",
            "interval",
            "until 2020",
            ((date(2020, 1, 1), date(2020, 12, 31)),),
            id="interval-open-start",
        ),
        pytest.param(
            "2020-22/..",
            "interval",
            "from summer 2020 onward",
            ((date(2020, 6, 1), date(2020, 8, 31)),),
            id="interval-open-end",
        ),
    ],
)
def test_several_periods_and_open_ends(
    text: str, precision: str, label: str, periods: tuple[tuple[date, date], ...]
) -> None:
    parsed = dates.parse(text)
    assert (parsed.precision, parsed.label, parsed.periods) == (precision, label, periods)
    assert (parsed.earliest, parsed.latest) == (periods[0][0], max(b for _, b in periods))
    assert not parsed.is_point


@pytest.mark.parametrize(
    ("text", "open_start", "open_end"),
    [
        ("[..2020-07]", True, False),
        ("../2020-07", True, False),
        ("[2020-07..]", False, True),
        ("2020-07/..", False, True),
        ("{2021-22,2022-22}", False, False),
        ("2020-07", False, False),
    ],
)
def test_which_end_is_open(text: str, open_start: bool, open_end: bool) -> None:
    parsed = dates.parse(text)
    assert (parsed.open_start, parsed.open_end) == (open_start, open_end)


@pytest.mark.parametrize(
    "text", ["[..2020-07]", "[..2020-07-06]", "[2019..]", "../2020-07", "2020-07/..", "../2020-22"]
)
def test_open_ends_keep_the_known_end_edtf_gives(text: str) -> None:
    # edtf parses open ends but gives no day for the open side: it cannot bound them.
    with pytest.raises(DateError):
        dates.parse_with_edtf(text)
    assert our_view(text) == closed_bound(text)


@pytest.mark.parametrize("text", ["{2021-22,2022-22}", "[2021-21,2021-23]", "{2021-40,2022}"])
def test_seasons_in_sets_are_read_though_edtf_refuses_them(text: str) -> None:
    with pytest.raises(DateError):
        dates.parse_with_edtf(text)
    parsed = dates.parse(text)
    assert dates.beyond_reference(parsed)
    assert our_view(text) == reference_view(text)


@pytest.mark.parametrize(
    "text", ["2021-22", "2021-22/2022-22", "{2021,2022}", "[2019..2020]", "[2021-06,2022-06]"]
)
def test_forms_edtf_reads_are_not_beyond_it(text: str) -> None:
    assert not dates.beyond_reference(dates.parse(text))


def test_a_single_day_with_an_open_end_is_not_a_point() -> None:
    parsed = dates.parse("[..2020-07-06]")
    assert parsed.earliest == parsed.latest
    assert (parsed.is_point, parsed.is_fuzzy) == (False, True)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{2021-22,2022-22}", "Jun\u2013Aug 2021 and Jun\u2013Aug 2022"),
        ("[2021-22,2022-22]", "Jun\u2013Aug 2021 or Jun\u2013Aug 2022"),
        ("{2021-06-01,2021-06-05}", "1 Jun 2021 and 5 Jun 2021"),
        ("{2020,2022}", "2020 and 2022"),
        ("[..2020-07]", "by Jul 2020"),
        ("[2020..]", "2020 or later"),
        ("../2020-07-06", "until 6 Jul 2020"),
        ("2020-07/..", "from Jul 2020"),
        ("2021-04/2021-06", "between Apr 2021 and Jun 2021"),
        ("2019-09", "Sep 2019"),
    ],
)
def test_compact_words_for_several_periods_and_open_ends(text: str, words: str) -> None:
    from timeline.datewords import when_text

    assert when_text(dates.parse(text)) == words


@st.composite
def sets_of_dates(draw: st.DrawFn, kinds: tuple[str, ...]) -> str:
    """A set or list of two to four simple dates, in any order."""
    items = draw(st.lists(simple_dates(kinds=kinds), min_size=2, max_size=4))
    brackets = draw(st.sampled_from(["{}", "[]"]))
    return brackets[0] + ",".join(text for text, _ in items) + brackets[1]


@settings(max_examples=40, deadline=None, derandomize=True)
@given(sets_of_dates(kinds=("year", "month", "day")))
def test_property_sets_edtf_reads_have_its_bounds(text: str) -> None:
    # The reference is not asked about longer texts (it takes a large part of a second).
    assume(len(text) <= dates.MAX_SLOW_LENGTH)
    assert bounds(dates.parse(text)) == bounds(dates.parse_with_edtf(text))


@settings(max_examples=40, deadline=None, derandomize=True)
@given(sets_of_dates(kinds=("year", "month", "day", "season")))
def test_property_periods_are_the_items_read_alone_in_order(text: str) -> None:
    parsed = dates.parse(text)
    alone = sorted((p.earliest, p.latest) for p in map(dates.parse, items_of(text)))
    assert list(parsed.periods) == alone
    assert (parsed.earliest, parsed.latest) == (alone[0][0], max(b for _, b in alone))


@st.composite
def open_dates(draw: st.DrawFn) -> str:
    """A year, month or day with an open end, as a one-of range or an interval."""
    text, _ = draw(simple_dates(kinds=("year", "month", "day")))
    form = draw(st.sampled_from(["[..{}]", "[{}..]", "../{}", "{}/.."]))
    return form.format(text)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(open_dates())
def test_property_open_ends_keep_the_known_end_edtf_gives(text: str) -> None:
    assert our_view(text) == closed_bound(text)


def test_the_reference_is_not_asked_about_long_texts() -> None:
    text = "{" + ",".join(["1900-01-01"] * 4) + "}"
    assert len(text) > dates.MAX_SLOW_LENGTH
    with pytest.raises(DateError, match="longer than the 40 characters"):
        dates.parse_with_edtf(text)
    # Our own parser reads it.
    assert dates.parse(text).earliest.isoformat() == "1900-01-01"
