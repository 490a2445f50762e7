"""Bytes and paths in, a Dataset or a DatasetError with JSON-path issues out."""

from __future__ import annotations

import gc
import json
import time
import weakref
from pathlib import Path

import pytest

from tests.builders import make_dataset, to_bytes, with_change
from tests.unit.conftest import WriteJson
from timeline import dates
from timeline.loading import (
    DatasetError,
    Issue,
    json_path,
    load_bytes,
    load_path,
)


def issues_of(data: bytes, *, max_bytes: int | None = 5 * 1024 * 1024) -> list[Issue]:
    """The issues ``load_bytes`` raises for ``data`` (fails the test if it loads)."""
    with pytest.raises(DatasetError) as caught:
        load_bytes(data, "test.json", max_bytes=max_bytes)
    return caught.value.issues


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        pytest.param(b"", "the file is empty", id="empty"),
        pytest.param(b" \n\t\r\n", "the file is empty", id="whitespace"),
        pytest.param(b"\xef\xbb\xbf", "the file is empty", id="bom-only"),
        pytest.param(b"[1, 2]", "expected a JSON object at the top, found an array", id="list"),
        pytest.param(b'"events"', "expected a JSON object at the top, found a string", id="string"),
        pytest.param(b"42", "expected a JSON object at the top, found a number", id="number"),
        pytest.param(b"null", "expected a JSON object at the top, found null", id="null"),
        pytest.param(
            b'{\n  "film": {\n',
            "not valid JSON: EOF while parsing an object at line 3",
            id="truncated",
        ),
        pytest.param(
            b'{"film": {}} trailing',
            "not valid JSON: trailing characters at line 1 column 14",
            id="trailing-text",
        ),
        pytest.param(
            b'{"film": "caf\xe9"}',
            "the file is not UTF-8 text (bad byte at offset 13)",
            id="latin-1",
        ),
        pytest.param(b"\xff\xfe{\x00}\x00", "not UTF-8", id="utf-16"),
    ],
)
def test_unreadable_documents_give_one_whole_file_issue(data: bytes, phrase: str) -> None:
    found = issues_of(data)
    assert [issue.path for issue in found] == ["$"]
    assert phrase in found[0].message


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_nan_and_infinity_are_refused_where_they_stand(value: float) -> None:
    data = to_bytes(with_change(make_dataset(), "locations[0].lat", value))
    assert b"NaN" in data or b"Infinity" in data
    (issue,) = issues_of(data)
    assert issue.path == "locations[0].lat"
    assert "finite number" in issue.message


def test_a_number_too_large_for_a_float_is_not_a_valid_latitude() -> None:
    data = to_bytes(make_dataset()).replace(b"56.49", b"1e400")
    assert [issue.path for issue in issues_of(data)] == ["locations[0].lat"]


def test_a_bom_prefixed_file_loads_like_the_plain_one() -> None:
    data = to_bytes(make_dataset())
    assert load_bytes(b"\xef\xbb\xbf" + data, "test.json") == load_bytes(data, "test.json")


def test_very_deep_nesting_is_refused_quickly() -> None:
    started = time.perf_counter()
    found = issues_of(b"[" * 100_000)
    elapsed = time.perf_counter() - started
    assert found == [Issue("$", "JSON nested too deeply")]
    assert elapsed < 2.0


@pytest.mark.parametrize(
    ("depth", "too_deep"),
    [(50, False), (5_000, True)],
    ids=["shallow", "deep"],
)
def test_nesting_depth(depth: int, too_deep: bool) -> None:
    data = b"[" * depth + b"]" * depth
    (issue,) = issues_of(data)
    assert ("nested too deeply" in issue.message) is too_deep
    if not too_deep:
        assert issue.message == "expected a JSON object at the top, found an array"


@pytest.mark.parametrize(
    "title",
    [
        pytest.param("[" * 200, id="brackets"),
        pytest.param('quote \\" then ' + "{" * 200, id="escaped-quote-then-braces"),
    ],
)
def test_brackets_inside_strings_do_not_count_as_nesting(title: str) -> None:
    data = to_bytes(make_dataset()).replace(b"The Lighthouse Keeper", title.encode())
    assert load_bytes(data, "test.json").film.title == json.loads(f'"{title}"')


def test_file_over_max_bytes_is_refused_before_parsing() -> None:
    data = to_bytes(make_dataset())
    found = issues_of(data, max_bytes=len(data) - 1)
    assert [issue.path for issue in found] == ["$"]
    assert "the limit is" in found[0].message


def test_file_of_exactly_max_bytes_loads() -> None:
    data = to_bytes(make_dataset())
    assert load_bytes(data, "test.json", max_bytes=len(data)).film.title


def test_no_size_cap_when_max_bytes_is_none() -> None:
    padded = to_bytes(make_dataset()) + b" " * (6 * 1024 * 1024)
    assert load_bytes(padded, "test.json", max_bytes=None).film.title


def test_load_path_reads_a_valid_file(write_json: WriteJson) -> None:
    path = write_json(make_dataset())
    assert load_path(path) == load_bytes(to_bytes(make_dataset()), "other-name.json")


def test_load_path_names_the_file_in_errors(write_json: WriteJson) -> None:
    path = write_json(with_change(make_dataset(), "events[1].date", "2021-13"))
    with pytest.raises(DatasetError) as caught:
        load_path(path)
    assert caught.value.name == str(path)
    assert caught.value.lines()[0].startswith(f"{path}: events[1].date: ")


def test_load_path_on_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    with pytest.raises(DatasetError) as caught:
        load_path(missing)
    assert caught.value.issues == [Issue("$", "cannot read the file (No such file or directory)")]


# --- the error's lines ------------------------------------------------------------------


@pytest.fixture
def five_problems() -> DatasetError:
    """A DatasetError from a document with five located problems."""
    document = make_dataset()
    for where, value in [
        ("locations[0].kind", "planet"),
        ("locations[1].kind", "planet"),
        ("locations[2].kind", "planet"),
        ("events[2].title", ""),
        ("events[3].title", ""),
    ]:
        document = with_change(document, where, value)
    with pytest.raises(DatasetError) as caught:
        load_bytes(to_bytes(document), "test.json")
    assert len(caught.value.issues) == 5
    return caught.value


def test_lines_are_name_path_message(five_problems: DatasetError) -> None:
    assert five_problems.lines() == [
        f"test.json: {issue.path}: {issue.message}" for issue in five_problems.issues
    ]


def test_lines_with_a_limit_count_the_rest(five_problems: DatasetError) -> None:
    lines = five_problems.lines(limit=2)
    assert lines[:2] == five_problems.lines()[:2]
    assert lines[2:] == ["test.json: ... and 3 more problems"]


def test_lines_with_a_limit_above_the_count_add_nothing(five_problems: DatasetError) -> None:
    assert five_problems.lines(limit=100) == five_problems.lines()


def test_the_error_message_is_all_the_lines(five_problems: DatasetError) -> None:
    assert str(five_problems) == "\n".join(five_problems.lines())


# --- JSON paths ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("loc", "path"),
    [
        pytest.param((), "$", id="empty"),
        pytest.param(("film",), "film", id="top-level-key"),
        pytest.param(("events", 3, "date"), "events[3].date", id="index-then-key"),
        pytest.param(
            ("events", 3, "production", "date"), "events[3].date", id="drops-production-tag"
        ),
        pytest.param(
            ("events", 0, "story", "characters", 1),
            "events[0].characters[1]",
            id="drops-story-tag",
        ),
        pytest.param(
            ("events", 1, "production", "measures", 0, "value"),
            "events[1].measures[0].value",
            id="tag-then-nested-list",
        ),
        pytest.param(("events", 2), "events[2]", id="event-index-only"),
        pytest.param(
            ("events", 2, "story", "story"), "events[2].story", id="a-field-named-story-is-kept"
        ),
        pytest.param(("locations", 2, "story"), "locations[2].story", id="tag-kept-outside-events"),
        pytest.param(
            ("film", "sources", 0, "sections", 1, "url"),
            "film.sources[0].sections[1].url",
            id="nested",
        ),
    ],
)
def test_json_path(loc: tuple[str | int, ...], path: str) -> None:
    assert json_path(loc) == path


def test_a_dropped_dataset_is_freed_after_dates_the_reference_parser_read() -> None:
    # Qualified dates take the slow path (edtf and pyparsing), whose exceptions hold
    # frames of the validation in progress. Loading freezes what it built; had that
    # garbage been frozen with it, every dataset loaded would stay in memory for good.
    texts = ["2021-03?", "2020~"]
    assert all(dates._fast(t) is None for t in texts)
    doc = with_change(make_dataset(), "events[0].date", texts[0])
    doc = with_change(doc, "events[1].date", texts[1])
    dates._parse_once.cache_clear()  # so this load asks the slow parser
    dataset = load_bytes(to_bytes(doc), "qualified.json")
    assert [dates.parse(t).label for t in texts] == ["2021-03? (uncertain)", "2020~ (approximate)"]
    gone = weakref.ref(dataset.events[0])
    del dataset
    dates._parse_once.cache_clear()
    dates.parse("2019-05?")  # a later slow parse: nothing of the old load may remain
    gc.collect()
    assert gone() is None
