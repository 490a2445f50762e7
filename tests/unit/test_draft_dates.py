"""The date rules of the drafter: each form an article uses, as EDTF at the precision given."""

from __future__ import annotations

import pytest

from timeline import dates
from timeline.draft import boxoffice
from timeline.draft.when import find_dates, read_day_or_month, relative

ANCHOR_DAY = dates.parse("2020-02-20")
ANCHOR_MONTH = dates.parse("2019-02")


@pytest.mark.parametrize(
    ("sentence", "anchor", "expected"),
    [
        ("On January 14, 2019, the studio announced two films.", None, "2019-01-14"),
        ("On 14 January 2019 the studio announced two films.", None, "2019-01-14"),
        ("In September 2019, she joined the cast.", None, "2019-09"),
        ("In September, she joined the cast.", ANCHOR_MONTH, "2019-09"),
        ("In January, she joined the cast.", dates.parse("2019-12"), "2020-01"),
        ("The scene was filmed on August 20, when a locomotive fell.", ANCHOR_MONTH, "2019-08-20"),
        ("Officially opened in 1912 by the king, the bridge stood.", None, "1912"),
        ("Filming took place in the summer of 2021.", None, "2021-22"),
        ("Filming took place in the summer of 2021 and 2022.", None, "{2021-22,2022-22}"),
        ("Shooting began in the spring of 2018.", None, "2018-21"),
        ("During pre-production in late 2019, the plan failed.", None, "2019-41"),
        ("In early 2019, the plan failed.", None, "2019-40"),
        ("In mid-2019, the plan failed.", None, "[2019-04..2019-09]"),
        ("In early May 2020, the composer was confirmed.", None, "2020-05"),
        ("In late March 2020, the composer was confirmed.", None, "2020-03"),
        (
            "The shoot was moved to between April and June 2021 at a quarry.",
            None,
            "[2021-04..2021-06]",
        ),
        ("Work ran from May to July 2020 on the set.", None, "2020-05/2020-07"),
        ("By July 2020, people protested.", None, "[..2020-07]"),
        (
            "It opened on July 23, 2021, and August 5, 2022, in two parts.",
            None,
            "{2021-07-23,2022-08-05}",
        ),
        ("Three weeks later, rehearsals began.", ANCHOR_DAY, "2020-03-12"),
        ("Three weeks later, rehearsals began.", dates.parse("2020-03"), "[2020-03..2020-04]"),
        ("Five days later, it opened abroad.", dates.parse("2023-07-03"), "2023-07-08"),
        ("The following month, permission was granted.", dates.parse("2020-07-06"), "2020-08"),
        ("That same month, a fire broke out.", dates.parse("2020-08"), "2020-08"),
        ("That same day, another actor was confirmed.", dates.parse("2021-03"), "2021-03"),
        ("The next day, the trailer leaked.", dates.parse("2022-05-20"), "2022-05-21"),
        ("Two years later, a sequel followed.", dates.parse("2019"), "2021"),
    ],
)
def test_each_date_form_reads_as_edtf_at_its_precision(
    sentence: str, anchor: dates.FuzzyDate | None, expected: str
) -> None:
    found, _ = find_dates(sentence, anchor)
    assert found, sentence
    assert found[0].edtf == expected
    dates.parse(found[0].edtf)  # every date written is valid EDTF


@pytest.mark.parametrize(
    "sentence",
    [
        "It is the sequel to an earlier film (2018) with the same cast.",
        "He reprised the role for the first time since the 1996 film.",
        "She considered making it reflective of the 1989 setting.",
        "The November 2021 and May 2022 release dates were given to another film.",
        "The decision may have led to a new order.",
        "In September, she joined the cast.",  # a month without a year and no date before
        "Three weeks later, rehearsals began.",  # relative, with nothing to count from
    ],
)
def test_words_that_are_not_dates_of_the_statement_are_left_out(sentence: str) -> None:
    found, _ = find_dates(sentence, None)
    assert found == []


def test_a_relative_date_is_marked_approximate_and_anchored() -> None:
    (when,), _ = find_dates("Three weeks later, rehearsals began.", ANCHOR_DAY)
    assert when.approximate and when.anchored
    (exact,), _ = find_dates("On March 3, 2020, rehearsals began.", ANCHOR_DAY)
    assert not exact.approximate and not exact.anchored


def test_a_date_given_outright_wins_over_the_relative_words_before_it() -> None:
    found, _ = find_dates(
        "The full preview was released four days later, on December 19, 2022.",
        dates.parse("2022-09-08"),
    )
    assert [w.edtf for w in found] == ["2022-12-19"]


def test_the_phrase_is_kept_verbatim_with_its_position() -> None:
    sentence = "After a hiatus, filming began on September 6, 2020, in the north."
    (when,), _ = find_dates(sentence, None)
    assert sentence[when.start : when.end] == when.text == "September 6, 2020"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("January 14, 2019", "2019-01-14"),
        ("September 2019", "2019-09"),
        ("3 May 2021", "2021-05-03"),
    ],
)
def test_dateparser_reads_days_and_months(phrase: str, expected: str) -> None:
    assert read_day_or_month(phrase) == expected


def test_dateparser_alone_loses_seasons_which_the_rules_keep() -> None:
    # Why the rule layer exists: dateparser finds no date in these.
    assert read_day_or_month("summer 2021") is None
    assert read_day_or_month("late 2019") is None


def test_relative_shift_from_a_month_covers_the_months_it_may_fall_in() -> None:
    assert relative("two weeks later", dates.parse("2020-01")) == ("[2020-01..2020-02]", True)
    assert relative("a month earlier", dates.parse("2020-03-15")) == ("2020-02", True)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It made $15 million on its first day.", ["2023-07-12"]),
        ("It made $15 million on its opening day.", ["2023-07-12"]),
        ("It made $54 million in its opening weekend.", ["2023-07-14/2023-07-16"]),
        ("It made $19 million in its second weekend.", ["2023-07-21/2023-07-23"]),
        ("It made $78 million over its first five days.", ["2023-07-12/2023-07-16"]),
        ("After making $16 million on Friday, estimates fell.", ["2023-07-14"]),
        (
            "It made $10 million in its third weekend and $6 million in its fourth.",
            ["2023-07-28/2023-07-30", "2023-08-04/2023-08-06"],
        ),
        (
            "It made $15 million on its first day and $8 million on its second.",
            ["2023-07-12", "2023-07-13"],
        ),
        (
            "It made $15 million on its first day (with Tuesday-night preview screenings).",
            ["2023-07-11/2023-07-12"],
        ),
    ],
)
def test_box_office_periods_count_from_a_wednesday_release(
    sentence: str, expected: list[str]
) -> None:
    release = dates.parse("2023-07-12").earliest  # a Wednesday
    assert [w.edtf for w in boxoffice.find_periods(sentence, release)] == expected


def test_the_opening_weekend_of_a_friday_release_starts_that_day() -> None:
    friday = dates.parse("2024-03-01").earliest
    assert boxoffice.opening_weekend(friday) == (friday, dates.parse("2024-03-03").earliest)
