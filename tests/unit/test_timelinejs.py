"""The TimelineJS importer: dates, phases, text, ids, reports, bad input and the CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.cli import main
from timeline.loading import load_bytes, load_path
from timeline.models import Dataset, ProductionEvent
from timeline.plaintext import slugify, strip_html
from timeline.timelinejs import ConversionError, convert, phase_for, to_json

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "timelinejs_sample.json"
PYTHON = ROOT / ".venv" / "bin" / "python"
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ENTITY = re.compile(r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
EN_DASH = "\u2013"


def sample() -> dict[str, Any]:
    """A fresh copy of the sample TimelineJS document."""
    document: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return document


def tl_event(headline: str = "Something happens", text: str = "", **fields: Any) -> dict[str, Any]:
    """A TimelineJS event: year 2020 unless ``start_date`` is given."""
    return {"start_date": {"year": 2020}, "text": {"headline": headline, "text": text}, **fields}


def converted(*events: dict[str, Any], **top: Any) -> tuple[list[ProductionEvent], list[str]]:
    """Convert a document holding ``events``; the production events and the report."""
    dataset, report = convert({"events": list(events), **top})
    production = [e for e in dataset.events if isinstance(e, ProductionEvent)]
    assert len(production) == len(dataset.events)
    return production, report


def one(event: dict[str, Any]) -> tuple[ProductionEvent, list[str]]:
    """Convert a single event that must survive."""
    events, report = converted(event)
    assert len(events) == 1
    return events[0], report


# --- the realistic sample ----------------------------------------------------------


def test_sample_converts_into_a_valid_dataset() -> None:
    dataset, report = convert(sample())

    assert len(dataset.events) == 9
    assert dataset.film.title == "The Making of Harbour Lights"
    assert dataset.film.year == 2016
    [source] = dataset.film.sources
    assert (source.id, source.title) == (
        "timelinejs",
        "The Making of Harbour Lights (TimelineJS import)",
    )
    assert [(s.id, s.title) for s in source.sections] == [("timeline", "Timeline")]
    assert {e.source for e in dataset.events} == {"timeline"}
    assert {e.chronology for e in dataset.events} == {"production"}
    ids = [e.id for e in dataset.events]
    assert len(set(ids)) == len(ids)
    assert all(ID.match(i) for i in ids)
    # What is written reads back as the same dataset through the ordinary loader.
    assert load_bytes(to_json(dataset).encode("utf-8"), "out.json") == dataset
    assert report


# id, phase, date, date_text, tags: one row per sample event that survives, in order.
SAMPLE_EVENTS = [
    ("first-draft", "development", "2016", "2016", []),
    ("financing-secured", "development", "2017-03", "March 2017", []),
    ("lead-cast-announced", "casting", "2017-09-14", "14 September 2017", []),
    (
        "principal-photography",
        "filming",
        "2018-04-03/2018-06",
        f"3 April 2018 {EN_DASH} June 2018",
        [],
    ),
    ("wrap-party", "other", "2018-06-30", "30 June 2018", ["Crew life"]),
    ("test-screening-in-leeds", "post-production", "2018-11", "Late autumn 2018", []),
    ("festival-screening", "release", "2019-05-18", "18 May 2019", []),
    ("festival-screening-2", "release", "2019-09-07", "7 September 2019", []),
    ("uk-opening-weekend", "box-office", "2019-10-04", "4 Oct 2019", []),
]


@pytest.mark.parametrize(("position", "row"), list(enumerate(SAMPLE_EVENTS)))
def test_sample_event_fields(position: int, row: tuple[str, str, str, str, list[str]]) -> None:
    dataset, _ = convert(sample())
    event = dataset.events[position]
    assert isinstance(event, ProductionEvent)
    assert (event.id, event.phase, event.date, event.date_text, event.tags) == row


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        ("title slide media", "title.media: the title slide's media is not carried over"),
        ("time of day", "events[4]: time of day dropped"),
        ("BCE year", "events[9]: skipped: year -3100 (BCE) cannot be represented"),
        ("no headline or text", "events[10]: skipped: no headline and no text"),
        ("media count", "events: media on 4 events not carried over"),
        ("backgrounds", "events: background on 2 events not carried over (events[3], events[7])"),
        ("autolink", "events: autolink setting on 1 event not carried over (events[6])"),
        ("eras with headlines", 'eras: 2 eras not carried over: "Development", "Production"'),
        ("unknown keys", "events[3]: unknown key not carried over: 'location'"),
    ],
)
def test_sample_report_has_every_category(category: str, expected: str) -> None:
    _, report = convert(sample())
    assert any(line.startswith(expected) for line in report), (category, report)


def test_sample_report_lines_point_into_the_input() -> None:
    _, report = convert(sample())
    assert all(re.match(r"^(\$|title|eras|events)(\[\d+\])?[.\w\[\]]*: \S", ln) for ln in report)


def test_sample_text_is_plain() -> None:
    dataset, _ = convert(sample())
    texts = [dataset.film.title]
    for event in dataset.events:
        assert isinstance(event, ProductionEvent)
        texts += [event.title, event.summary, event.date_text]
    for text in texts:
        assert "<" not in text and ">" not in text, text
        assert not ENTITY.search(text), text
        assert text == " ".join(text.split()), text
    joined = " ".join(texts)
    assert "trackScreening" not in joined  # the <script> body is code, not text
    assert "Read the press release" in joined  # link text kept
    assert "Screen Fund & North Sea Films back the project with \u00a32.1m." in joined
    assert "Directors\u2019 Fortnight" in joined


# --- dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "date", "date_text"),
    [
        ({"year": 1999}, None, "1999", "1999"),
        ({"year": "1999"}, None, "1999", "1999"),
        ({"year": " 1999 "}, None, "1999", "1999"),
        ({"year": 1999.0}, None, "1999", "1999"),
        ({"year": 850}, None, "0850", "850"),
        ({"year": 2021, "month": 3}, None, "2021-03", "March 2021"),
        ({"year": "2021", "month": "03"}, None, "2021-03", "March 2021"),
        ({"year": 2021, "month": "", "day": ""}, None, "2021", "2021"),
        ({"year": 2021, "month": 3, "day": 9}, None, "2021-03-09", "9 March 2021"),
        ({"year": "2020", "month": "2", "day": "29"}, None, "2020-02-29", "29 February 2020"),
        ({"year": 2021, "month": 3, "day": 9, "hour": 14}, None, "2021-03-09", "9 March 2021"),
        ({"year": 2019}, {"year": 2021}, "2019/2021", f"2019 {EN_DASH} 2021"),
        (
            {"year": 2018, "month": 4, "day": 3},
            {"year": 2018, "month": 6},
            "2018-04-03/2018-06",
            f"3 April 2018 {EN_DASH} June 2018",
        ),
        (
            {"year": 2021, "month": 12, "day": 30},
            {"year": 2022, "month": 1, "day": 2, "hour": 6},
            "2021-12-30/2022-01-02",
            f"30 December 2021 {EN_DASH} 2 January 2022",
        ),
        ({"year": 2019, "month": 5}, {"year": 2019, "month": 5}, "2019-05", "May 2019"),
        ({"year": 2019}, {"year": "", "month": ""}, "2019", "2019"),
        ({"year": 2019}, {}, "2019", "2019"),
    ],
)
def test_date_forms(
    start: dict[str, Any], end: dict[str, Any] | None, date: str, date_text: str
) -> None:
    fields: dict[str, Any] = {"start_date": start}
    if end is not None:
        fields["end_date"] = end
    event, _ = one(tl_event(**fields))
    assert (event.date, event.date_text) == (date, date_text)


@pytest.mark.parametrize(
    ("fields", "date_text"),
    [
        ({"display_date": "Spring 2020"}, "Spring 2020"),
        ({"start_date": {"year": 2020, "display_date": "Early 2020"}}, "Early 2020"),
        (
            {"display_date": "Spring 2020", "start_date": {"year": 2020, "display_date": "x"}},
            "Spring 2020",
        ),
        (
            {
                "start_date": {"year": 2020, "display_date": "Early 2020"},
                "end_date": {"year": 2021, "display_date": "late 2021"},
            },
            f"Early 2020 {EN_DASH} late 2021",
        ),
        ({"display_date": "<b>Spring</b> 2020"}, "Spring 2020"),
        ({"display_date": "   "}, "2020"),
    ],
)
def test_date_text_prefers_the_display_date(fields: dict[str, Any], date_text: str) -> None:
    event, _ = one(tl_event(**fields))
    assert event.date_text == date_text


def test_time_of_day_is_reported_once_per_event() -> None:
    start = {"year": 2020, "month": 1, "day": 1, "hour": 9, "minute": 30}
    end = {"year": 2020, "month": 1, "day": 2, "hour": 18}
    _, report = converted(tl_event(start_date=start, end_date=end), tl_event("Other"))
    assert report == ["events[0]: time of day dropped"]


def test_an_end_before_the_start_keeps_the_start() -> None:
    event, report = one(tl_event(start_date={"year": 2021}, end_date={"year": 2019}))
    assert event.date == "2021"
    assert report == ["events[0].end_date: ends before start_date; kept the start date only"]


def test_a_day_without_a_month_keeps_the_year() -> None:
    event, report = one(tl_event(start_date={"year": 2021, "day": 4}))
    assert event.date == "2021"
    assert report == ["events[0].start_date: day given without a month; kept the year only"]


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"start_date": {"year": -500}}, "year -500 (BCE) cannot be represented"),
        ({"start_date": {"year": "-44", "month": "3"}}, "year -44 (BCE) cannot be represented"),
        ({"start_date": {"year": 0}}, "year 0 cannot be represented"),
        ({"start_date": {"year": 10000}}, "year 10000 cannot be represented"),
        ({"start_date": {"year": 2020}, "end_date": {"year": 12000}}, "year 12000"),
        ({"start_date": {"year": "circa 1990"}}, "year 'circa 1990' is not a number"),
        ({"start_date": {"year": True}}, "year True is not a number"),
        ({"start_date": {"year": 2020.5}}, "year 2020.5 is not a whole number"),
        ({"start_date": {"year": 2020, "month": 13}}, "month 13 is not a month"),
        ({"start_date": {"year": 2021, "month": "March"}}, "month 'March' is not a number"),
        ({"start_date": {"year": 2021, "month": 2, "day": 29}}, "2021-02 has no day 29"),
        ({"start_date": {"month": 5}}, "has no year"),
        ({"start_date": None}, "no start_date"),
        ({"start_date": "2020-05-01"}, "is not an object"),
    ],
)
def test_unusable_dates_skip_the_event(fields: dict[str, Any], reason: str) -> None:
    events, report = converted(tl_event("Bad date", **fields), tl_event("Good date"))
    assert [e.title for e in events] == ["Good date"]
    assert len(report) == 1
    assert report[0].startswith("events[0]: skipped: ") and reason in report[0], report


def test_cosmological_timelines_cannot_be_converted() -> None:
    with pytest.raises(ConversionError, match="cosmological"):
        convert({"events": [tl_event()], "scale": "cosmological"})


def test_an_unknown_scale_is_read_as_human() -> None:
    _, report = converted(tl_event(), scale="geological")
    assert report == ["scale: unknown scale 'geological'; read as \"human\""]


# --- groups and phases -------------------------------------------------------------


@pytest.mark.parametrize(
    ("group", "phase", "tags"),
    [
        ("Filming", "filming", []),
        ("FILMING", "filming", []),
        ("  filming  ", "filming", []),
        ("box office", "box-office", []),
        ("Box Office", "box-office", []),
        ("box-office", "box-office", []),
        ("Home media", "home-media", []),
        ("Pre-production", "pre-production", []),
        ("post production", "post-production", []),
        ("Other", "other", []),
        ("Crew life", "other", ["Crew life"]),
        ("Festivals", "other", ["Festivals"]),
        ("<i>Awards</i>", "awards", []),
        ("", "other", []),
        (None, "other", []),
    ],
)
def test_group_becomes_phase_or_tag(group: str | None, phase: str, tags: list[str]) -> None:
    event, _ = one(tl_event(group=group))
    assert (event.phase, event.tags) == (phase, tags)


@pytest.mark.parametrize(("group", "phase"), [("Release", "release"), ("premiere", None)])
def test_phase_for(group: str, phase: str | None) -> None:
    assert phase_for(group) == phase


# --- text --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>One.</p><p>Two.</p>", "One. Two."),
        ('See <a href="https://example.org">the trailer</a>.', "See the trailer."),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("Caf&eacute; &#8217;n&#x2019; more", "Caf\u00e9 \u2019n\u2019 more"),
        ("a&nbsp;b", "a b"),
        ("<b>bold</b>er", "bolder"),
        ("line<br>break<br/>again", "line break again"),
        ("before<script>alert('<b>hi</b>')</script> after", "before after"),
        ("<style>p { color: red }</style>Styled", "Styled"),
        ("<ul><li>one</li><li>two</li></ul>", "one two"),
        ("  lots \n of\t space  ", "lots of space"),
        ("<!-- a comment -->Visible", "Visible"),
        ("<img src='x.jpg'>", ""),
        ("No markup at all", "No markup at all"),
    ],
)
def test_strip_html(html: str, text: str) -> None:
    assert strip_html(html) == text


@given(st.text(alphabet=st.characters(blacklist_characters="<&")))
def test_strip_html_only_collapses_spaces_in_plain_text(text: str) -> None:
    assert strip_html(text) == " ".join(text.split())


def test_empty_text_makes_the_headline_the_summary() -> None:
    event, _ = one(tl_event("Wrap party", ""))
    assert (event.title, event.summary) == ("Wrap party", "Wrap party")


def test_no_headline_takes_the_title_from_the_text() -> None:
    body = "The crew spends a week rehearsing the storm sequence " * 5
    event, report = one(tl_event("", body))
    assert event.title.endswith("\u2026") and len(event.title) <= 100
    assert event.title.startswith("The crew spends a week")
    assert event.summary == body.strip()
    assert report == ["events[0]: no headline; title taken from the text"]


@pytest.mark.parametrize(
    ("headline", "text", "field", "limit"),
    [("H" * 400, "", "title", 300), ("Long", "word " * 1200, "summary", 5000)],
)
def test_long_text_is_cut_to_fit(headline: str, text: str, field: str, limit: int) -> None:
    event, report = one(tl_event(headline, text))
    value = getattr(event, field)
    assert len(value) == limit and value.endswith("\u2026")
    assert any("cut to" in line for line in report)


def test_markup_only_headline_without_text_is_skipped() -> None:
    events, report = converted(tl_event("<img src='still.jpg'>"), tl_event("Kept"))
    assert [e.title for e in events] == ["Kept"]
    assert report == ["events[0]: skipped: no headline and no text"]


@given(headline=st.text(max_size=400), text=st.text(max_size=200))
@settings(max_examples=150, deadline=None)
def test_any_text_converts_or_is_skipped(headline: str, text: str) -> None:
    document = {"events": [tl_event(headline, text)]}
    try:
        dataset, _ = convert(document)
    except ConversionError as exc:
        assert "no events to import" in exc.message
        assert not strip_html(headline) and not strip_html(text)
        return
    Dataset.model_validate(dataset.model_dump())
    assert all(ID.match(e.id) for e in dataset.events)


# --- ids ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("events", "ids"),
    [
        (
            [tl_event("Premiere"), tl_event("Premiere"), tl_event("Premiere")],
            ["premiere", "premiere-2", "premiere-3"],
        ),
        ([tl_event("A"), tl_event("A"), tl_event("A-2")], ["a", "a-2", "a-2-2"]),
        ([tl_event("Ignored", unique_id="Teaser Trailer #1")], ["teaser-trailer-1"]),
        ([tl_event("x", unique_id="dup"), tl_event("y", unique_id="dup")], ["dup", "dup-2"]),
        ([tl_event("x", unique_id=42)], ["42"]),
        ([tl_event("Premi\u00e8re \u00e0 Cannes!")], ["premiere-a-cannes"]),
        ([tl_event("\u6771\u4eac"), tl_event("\u5927\u962a")], ["event-1", "event-2"]),
        ([tl_event("x", unique_id="   ")], ["x"]),
    ],
)
def test_ids_are_slugs_without_duplicates(events: list[dict[str, Any]], ids: list[str]) -> None:
    converted_events, _ = converted(*events)
    assert [e.id for e in converted_events] == ids


def test_long_ids_stay_within_the_limit_when_deduplicated() -> None:
    headline = "A very long headline about the shoot " * 10
    events, _ = converted(tl_event(headline), tl_event(headline))
    assert all(len(e.id) <= 120 and ID.match(e.id) for e in events)
    assert events[1].id.endswith("-2")


@given(st.text())
def test_slugify_always_gives_a_slug_or_nothing(value: str) -> None:
    slug = slugify(value)
    assert slug == "" or (ID.match(slug) and len(slug) <= 120)


# --- title slide, film year, leftovers ---------------------------------------------


@pytest.mark.parametrize(
    ("title", "film_title"),
    [
        (None, "Imported timeline"),
        ({"text": {"headline": "", "text": "Only text"}}, "Imported timeline"),
        ({"text": {"headline": "<h1>Harbour &amp; Lights</h1>"}}, "Harbour & Lights"),
        ({"text": {"headline": "T" * 400}}, "T" * 299 + "\u2026"),
    ],
)
def test_film_title_comes_from_the_title_slide(title: Any, film_title: str) -> None:
    document: dict[str, Any] = {"events": [tl_event()]}
    if title is not None:
        document["title"] = title
    dataset, _ = convert(document)
    assert dataset.film.title == film_title
    assert dataset.film.sources[0].title.endswith(" (TimelineJS import)")
    assert len(dataset.film.sources[0].title) <= 300


def test_film_year_is_the_earliest_events_year() -> None:
    dataset, _ = convert(
        {"events": [tl_event(start_date={"year": 2021}), tl_event(start_date={"year": 2003})]}
    )
    assert dataset.film.year == 2003


def test_a_film_year_outside_the_format_is_clamped_and_reported() -> None:
    dataset, report = convert({"events": [tl_event(start_date={"year": 1503})]})
    assert dataset.film.year == 1870
    assert report == [
        "$: the earliest event is in 1503; film.year set to 1870 (the events format allows "
        "1870-2200)"
    ]


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"events": [tl_event()], "type": "x"}, "$: unknown key not carried over: 'type'"),
        (
            {"events": [tl_event(start_date={"year": 2020, "format": "yyyy"})]},
            "events[0].start_date: unknown key not carried over: 'format'",
        ),
        (
            {"events": [{"start_date": {"year": 2020}, "text": {"headline": "h", "x": 1}}]},
            "events[0].text: unknown key not carried over: 'x'",
        ),
        (
            {"events": [tl_event()], "title": "Just a string"},
            "title: expected an object, found str; ignored",
        ),
        (
            {"events": [tl_event(group=["a", "b"])]},
            "events[0].group: not text (list); ignored",
        ),
        (
            {"events": [tl_event()], "eras": [{"start_date": {"year": 2020}, "text": {}}]},
            "eras: 1 era not carried over: (untitled)",
        ),
        (
            {
                "events": [tl_event()],
                "title": {"text": {"headline": "T"}, "background": {"color": "#000"}},
            },
            "title.background: background not carried over",
        ),
    ],
)
def test_other_losses_are_reported(document: dict[str, Any], expected: str) -> None:
    _, report = convert(document)
    assert expected in report, report


def test_empty_spreadsheet_columns_are_not_reported() -> None:
    blank = {"url": "", "caption": "", "credit": ""}
    _, report = converted(tl_event(media=blank, background={"url": "", "color": ""}, group=""))
    assert report == []


def test_long_path_lists_are_shortened() -> None:
    events = [
        tl_event(f"Event {i}", media={"url": f"https://example.org/{i}.jpg"}) for i in range(14)
    ]
    _, report = converted(*events)
    assert report == [
        "events: media on 14 events not carried over (events[0], events[1], events[2], "
        "events[3], events[4], events[5], events[6], events[7], events[8], events[9] "
        "and 4 more)"
    ]


# --- unusable input ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([tl_event()], "expected a TimelineJS object"),
        ("events", "expected a TimelineJS object"),
        (None, "found NoneType"),
        ({}, 'no "events" list'),
        ({"title": {"text": {"headline": "Only a title"}}}, 'no "events" list'),
        ({"film": {"title": "x"}, "events_": []}, "already an events file"),
        ({"events": {"0": tl_event()}}, '"events" must be a list'),
        ({"events": []}, "the list is empty"),
        ({"events": [1, "two", None]}, "none of 3 could be converted"),
        ({"events": [tl_event(""), tl_event(start_date={"year": -10})]}, "none of 2"),
    ],
)
def test_unusable_input_raises(document: object, message: str) -> None:
    with pytest.raises(ConversionError, match=re.escape(message)):
        convert(document)


def test_conversion_error_keeps_the_report() -> None:
    with pytest.raises(ConversionError) as caught:
        convert({"events": [tl_event(start_date={"year": -10})]})
    assert caught.value.report == [
        "events[0]: skipped: year -10 (BCE) cannot be represented (years 1-9999 only)"
    ]


# --- command line ------------------------------------------------------------------


def test_cli_converts_the_sample(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "events.json"
    assert main(["import-timelinejs", str(SAMPLE), str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == f"{SAMPLE}: converted 9 of 11 events into {out}"
    report = captured.err.splitlines()
    assert f"{SAMPLE}: events[4]: time of day dropped" in report
    assert all(line.startswith(f"{SAMPLE}: ") for line in report)
    assert len(report) == len(convert(sample())[1])

    text = out.read_text(encoding="utf-8")
    assert text.startswith('{\n  "film": {\n')
    assert "\u00a3410,000" in text  # ensure_ascii=False: written as UTF-8, not \u escapes
    assert load_path(out) == convert(sample())[0]

    assert main(["validate", str(out)]) == 0
    assert "ok: 9 events" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"", "the file is empty"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"[1, 2]", "expected a TimelineJS object"),
        (b'{"events": []}', "no events to import"),
        (b'{"events": [{"text": {"headline": "BCE"}, "start_date": {"year": -9}}]}', "none of 1"),
        (b'{"events": [{"text": {"headline": "x"}, "start_date": {"year": 1}}], "scale": '
         b'"cosmological"}', "cosmological"),
    ],
)  # fmt: skip
def test_cli_bad_input_exits_1_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    source, out = tmp_path / "in.json", tmp_path / "out.json"
    source.write_bytes(content)
    assert main(["import-timelinejs", str(source), str(out)]) == 1
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.err.startswith(f"{source}: ")
    assert "Traceback" not in captured.out + captured.err
    assert not out.exists()


def test_cli_missing_input_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.json"
    assert main(["import-timelinejs", str(missing), str(tmp_path / "out.json")]) == 1
    assert "cannot read the file" in capsys.readouterr().err


def test_cli_unwritable_output_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "no-such-dir" / "out.json"
    assert main(["import-timelinejs", str(SAMPLE), str(out)]) == 1
    assert "cannot write the file" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [
        ["import-timelinejs"],
        ["import-timelinejs", "in.json"],
        ["import-timelinejs", "a.json", "b.json", "c.json"],
        ["import-timelinejs", "same.json", "./same.json"],
    ],
)
def test_cli_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(args)
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_module_entry_point_reports_bad_input_without_a_traceback(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text('{"events": "not a list"}', encoding="utf-8")
    python = str(PYTHON if PYTHON.exists() else sys.executable)
    result = subprocess.run(
        [python, "-m", "timeline", "import-timelinejs", str(source), str(tmp_path / "o.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == f'{source}: $: "events" must be a list, found str\n'
