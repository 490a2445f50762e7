"""TimelineJS 2 files: converted through the TimelineJS3 importer, with the same report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline import timelinejs, timelinejs_legacy
from timeline.cli import main
from timeline.loading import load_path

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "timelinejs2_sample.json"


def _doc() -> dict[str, object]:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def test_legacy_dates_become_edtf_at_their_precision() -> None:
    dataset, _ = timelinejs_legacy.convert(_doc())
    assert [(e.title, e.date) for e in dataset.events] == [
        ("A day", "1963-08-09"),
        ("A span with times", "2011-12-10/2011-12-11"),
        ("A year", "1970"),
        ("A month", "1971-05"),
    ]
    assert dataset.film.title == "A legacy timeline"
    assert dataset.events[0].phase == "release"  # the tag names a phase
    assert dataset.events[1].tags == ["This is Optional"]


def test_the_report_names_paths_of_the_legacy_input() -> None:
    _, report = timelinejs_legacy.convert(_doc())
    assert "timeline.date[1]: time of day dropped" in report
    assert "timeline.date[1]: unknown key not carried over: 'classname'" in report
    assert "timeline.date[4]: skipped: year 'not a date' is not a number" in report
    assert "timeline.date[5]: skipped: no startDate" in report
    assert 'timeline.era: 1 era not carried over: "The sixties"' in report
    assert not any("events[" in line or "start_date" in line for line in report)


def test_the_same_events_in_both_versions_convert_alike() -> None:
    legacy = {"timeline": {"headline": "T", "date": [{"startDate": "2001,2,3", "headline": "E"}]}}
    modern = {
        "title": {"text": {"headline": "T"}},
        "events": [{"start_date": {"year": 2001, "month": 2, "day": 3}, "text": {"headline": "E"}}],
    }
    assert timelinejs_legacy.convert(legacy)[0] == timelinejs.convert(modern)[0]


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"timeline": {"headline": "x"}}, "timeline.date must be a list"),
        ({"timeline": {"date": []}}, "no events to import"),
        ({"timeline": {"date": [{"headline": "no date"}]}}, "none of 1 could be converted"),
    ],
)
def test_unusable_legacy_files_are_refused(doc: dict[str, object], message: str) -> None:
    with pytest.raises(timelinejs.ConversionError, match=message):
        timelinejs_legacy.convert(doc)


def test_the_cli_imports_a_legacy_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.json"
    assert main(["import-timelinejs", str(SAMPLE), str(target)]) == 0
    out, err = capsys.readouterr()
    assert "converted 4 of 6 events" in out
    assert "timeline.date[5]: skipped: no startDate" in err
    assert len(load_path(target).events) == 4
