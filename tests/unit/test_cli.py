"""``python -m timeline validate|schema`` and where the app finds its data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builders import make_dataset, with_change
from tests.unit.conftest import WriteJson
from timeline import settings
from timeline.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_validate_a_good_file(write_json: WriteJson, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_json(make_dataset())
    assert main(["validate", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    (line,) = out.splitlines()
    assert line.startswith(f"{path}: ok: ")


@pytest.mark.parametrize(
    "count",
    [
        "4 events",
        "2 story",
        "2 production",
        "casting 1",
        "filming 1",
        "3 locations",
        "2 people",
        "1 character",
    ],
)
def test_validate_summary_names_the_counts(
    count: str, write_json: WriteJson, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["validate", str(write_json(make_dataset()))])
    assert count in capsys.readouterr().out


def test_validate_a_bad_file(write_json: WriteJson, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_json(with_change(make_dataset(), "events[0].date", "2021-13"))
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    (line,) = err.splitlines()
    assert line.startswith(f"{path}: events[0].date: ")
    assert "Traceback" not in err


def test_validate_lists_every_problem(
    write_json: WriteJson, capsys: pytest.CaptureFixture[str]
) -> None:
    document = with_change(make_dataset(), "events[0].date", "2021-13")
    document = with_change(document, "locations[1].lat", 91)
    path = write_json(document)
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert [line.removeprefix(f"{path}: ").split(": ")[0] for line in lines] == [
        "locations[1].lat",
        "events[0].date",
    ]


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        pytest.param(b"", "the file is empty", id="empty"),
        pytest.param(
            b'{"film": ', "not valid JSON: EOF while parsing a value at line 1", id="truncated"
        ),
        pytest.param(b"\xff\xfe", "not UTF-8", id="binary"),
    ],
)
def test_validate_an_unreadable_file(
    content: bytes, phrase: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "events.json"
    path.write_bytes(content)
    assert main(["validate", str(path)]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"{path}: $: ")
    assert phrase in line


def test_validate_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.json"
    assert main(["validate", str(missing)]) == 1
    assert (
        capsys.readouterr().err
        == f"{missing}: $: cannot read the file (No such file or directory)\n"
    )


def test_validate_defaults_to_data_events_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "events.json").write_text(json.dumps(make_dataset()), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("data/events.json: ok: ")


def test_schema_prints_a_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "$defs" in schema
    assert {"film", "locations", "people", "characters", "events"} <= set(schema["properties"])
    assert {"StoryEvent", "ProductionEvent"} <= set(schema["$defs"])


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([])
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_module_entry_point_reports_a_bad_file_without_a_traceback(write_json: WriteJson) -> None:
    path = write_json(with_change(make_dataset(), "events[0].date", "2021-13"))
    result = subprocess.run(
        [sys.executable, "-m", "timeline", "validate", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith(f"{path}: events[0].date: ")


# --- settings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        pytest.param(["--data", "x.json"], {}, Path("x.json"), id="flag"),
        pytest.param(["--data=x.json"], {}, Path("x.json"), id="flag-with-equals"),
        pytest.param([], {"TIMELINE_DATA": "y.json"}, Path("y.json"), id="env"),
        pytest.param(
            ["--data", "x.json"], {"TIMELINE_DATA": "y.json"}, Path("x.json"), id="flag-beats-env"
        ),
        pytest.param([], {}, Path("data/events.json"), id="default"),
        pytest.param([], {"TIMELINE_DATA": ""}, Path("data/events.json"), id="empty-env"),
        pytest.param(["--other", "1"], {}, Path("data/events.json"), id="other-args-ignored"),
    ],
)
def test_data_path(argv: list[str], env: dict[str, str], expected: Path) -> None:
    assert settings.data_path(argv, env) == expected


MB = 1024 * 1024


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        pytest.param({}, 5 * MB, id="default"),
        pytest.param({"TIMELINE_MAX_UPLOAD_MB": "20"}, 20 * MB, id="whole"),
        pytest.param({"TIMELINE_MAX_UPLOAD_MB": "0.5"}, MB // 2, id="fraction"),
        pytest.param({"TIMELINE_MAX_UPLOAD_MB": "lots"}, 5 * MB, id="not-a-number"),
        pytest.param({"TIMELINE_MAX_UPLOAD_MB": "0"}, 5 * MB, id="zero"),
        pytest.param({"TIMELINE_MAX_UPLOAD_MB": "-3"}, 5 * MB, id="negative"),
        pytest.param({"TIMELINE_MAX_UPLOAD_MB": "5000"}, 5 * MB, id="too-large"),
        pytest.param({"TIMELINE_MAX_UPLOAD_MB": "nan"}, 5 * MB, id="nan"),
    ],
)
def test_max_upload_bytes(env: dict[str, str], expected: int) -> None:
    assert settings.max_upload_bytes(env) == expected


SHIPPED = str(ROOT / "data" / "events.json")


def test_storylines_on_the_shipped_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["storylines", SHIPPED]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    (line,) = out.splitlines()
    assert line.startswith(f"{SHIPPED}: ")
    for word in ("crossings", "wiggles", " s, ", "optimal", "engine"):
        assert word in line


def test_storylines_json_is_one_object_the_counter_agrees_with(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from timeline.cli import storylines_report
    from timeline.loading import load_path

    assert main(["storylines", SHIPPED, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {
        "path",
        "crossings",
        "wiggles",
        "seconds",
        "optimal",
        "engine",
        "lower_bound",
    }
    assert report["engine"] in ("heuristic", "exact")
    assert isinstance(report["optimal"], bool)
    assert 0 <= report["lower_bound"] <= report["crossings"]
    again = storylines_report(load_path(SHIPPED)).measure
    assert (report["crossings"], report["wiggles"]) == (again.crossings, again.wiggles)


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_storylines_on_a_bad_file_fails_as_validate_does(
    extra: list[str], write_json: WriteJson, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(write_json(with_change(make_dataset(), "events[0].date", "2021-13")))
    assert main(["validate", path]) == 1
    expected = capsys.readouterr()
    assert main(["storylines", path, *extra]) == 1
    got = capsys.readouterr()
    assert got.out == ""
    assert got.err == expected.err != ""


def test_storylines_on_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["storylines", str(tmp_path / "nope.json")]) == 1
    assert "cannot read the file" in capsys.readouterr().err
