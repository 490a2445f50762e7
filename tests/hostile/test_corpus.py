"""The bad-file corpus through every way in: the loader, the CLI and the app's uploader.

Each case of :mod:`tests.hostile.corpus` must be refused with its JSON path and phrase
(the BOM case must load), never with a traceback, and the app must keep its data.
The cases in :data:`~tests.hostile.corpus.BOUNDED` run in worker processes, with the
time and memory limits of :mod:`tests.hostile.conftest` (10 s, 1 GiB).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from tests.builders import make_dataset
from tests.hostile.conftest import (
    KILL_AFTER_S,
    PEAK_LIMIT_BYTES,
    PYTHON,
    ROOT,
    SMALL_HEAP_LIMIT_BYTES,
    TIME_LIMIT_S,
    RunApp,
    WorkerTimeout,
    observe_upload,
    run_worker,
)
from tests.hostile.corpus import (
    BOUNDED,
    CLI_SUBPROCESS,
    Case,
    case,
    case_ids,
    path_matches,
)
from timeline.cli import main
from timeline.loading import DEFAULT_MAX_BYTES, DatasetError, Issue, human_size, load_bytes

ORDINARY = [c for c in case_ids() if c not in BOUNDED]
CLI_IN_PROCESS = [c for c in case_ids() if c not in CLI_SUBPROCESS]
MIB = 1024 * 1024
# What a person must never be shown: Python's own wording, internals, tracebacks.
INTERNALS = re.compile(r"Traceback|sys\.\w+\(|pydantic|errors\.pydantic\.dev|object at 0x")
LISTED = 12  # the sidebar lists this many problems, then "... and N more problems"
SHOWN_PROBLEMS = re.compile(r"\((\d+) problems?\)")


def _matches(expected: Case, issues: list[Issue]) -> bool:
    return expected.path is not None and any(
        path_matches(expected.path, i.path) and expected.phrase.lower() in i.message.lower()
        for i in issues
    )


def _line_matches(expected: Case, name: str, line: str) -> bool:
    """A ``NAME: path: message`` line naming ``expected``'s path and phrase."""
    prefix = f"{name}: "
    if expected.path is None or not line.startswith(prefix):
        return False
    rest = line[len(prefix) :]
    if expected.path.endswith("*"):
        return rest.startswith(expected.path[:-1]) and expected.phrase.lower() in rest.lower()
    head = f"{expected.path}: "
    return rest.startswith(head) and expected.phrase.lower() in rest[len(head) :].lower()


def _mb(size: float) -> str:
    return f"{size / MIB:.0f} MB"


def _assert_bounded(case_id: str, seconds: float, peak: int, heap: int | None = None) -> None:
    """Within :data:`TIME_LIMIT_S` and :data:`PEAK_LIMIT_BYTES` (RSS, and heap if traced)."""
    measured = f"{case_id}: {seconds:.1f} s, peak RSS {_mb(peak)}" + (
        f", Python heap peak {_mb(heap)}" if heap is not None else ""
    )
    assert seconds < TIME_LIMIT_S, f"too slow: {measured}"
    assert peak < PEAK_LIMIT_BYTES, f"too much memory: {measured}"
    assert heap is None or heap < PEAK_LIMIT_BYTES, f"too much memory: {measured}"


# --- the corpus itself -------------------------------------------------------------------


def test_the_corpus_covers_every_kind_of_bad_file() -> None:
    ids = case_ids()
    assert len(ids) >= 30
    assert len(set(ids)) == len(ids)
    for wanted in (
        "not-json",
        "truncated-json",
        "bom-valid",
        "non-utf8-latin1",
        "top-level-list",
        "top-level-string",
        "top-level-number",
        "top-level-null",
        "missing-film",
        "extra-event-field",
        "string-lat",
        "boolean-order",
        "list-title",
        "empty-title",
        "duplicate-event-ids",
        "unknown-location-ref",
        "unknown-person-ref",
        "unknown-character-ref",
        "unknown-story-event-ref",
        "unknown-section",
        "story-order-gap",
        "story-order-duplicate",
        "edtf-month-13",
        "edtf-reversed-interval",
        "lat-out-of-range",
        "lon-out-of-range",
        "parent-cycle",
        "title-10mb",
        "nesting-100k-deep",
        "events-1m-array",
        "nan",
        "infinity",
        "minus-infinity",
        "huge-int-lat",
        "events-10k-invalid",
    ):
        assert wanted in ids
    assert len(case("title-10mb").data) > 10 * MIB
    assert case("nesting-100k-deep").data.count(b"[") >= 100_000
    assert case("events-1m-array").data.count(b"{}") == 1_000_000
    # Big enough to matter, small enough to be uploaded: the point of the 1M case.
    assert len(case("events-1m-array").data) < DEFAULT_MAX_BYTES


# --- the loader ----------------------------------------------------------------------------


@pytest.mark.parametrize("case_id", ORDINARY)
def test_load_bytes_reports_the_path_and_phrase(case_id: str) -> None:
    expected = case(case_id)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        if expected.path is None:
            loaded = load_bytes(expected.data, "case.json", max_bytes=None)
            assert loaded == load_bytes(
                json.dumps(make_dataset()).encode(), "case.json", max_bytes=None
            )
            return
        with pytest.raises(DatasetError) as caught:
            load_bytes(expected.data, "case.json", max_bytes=None)
    finally:
        elapsed = time.perf_counter() - started
        heap = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    issues = caught.value.issues
    assert _matches(expected, issues), [str(i) for i in issues[:10]]
    assert caught.value.name == "case.json"
    leaked = [str(i) for i in issues if INTERNALS.search(i.message)]
    assert not leaked, f"messages show Python internals: {leaked}"
    assert elapsed < 2.0
    assert heap < SMALL_HEAP_LIMIT_BYTES, f"{heap / MIB:.0f} MiB of Python heap"


@pytest.mark.parametrize("case_id", BOUNDED)
def test_load_bytes_is_bounded_on_big_files(case_id: str) -> None:
    expected = case(case_id)
    try:
        (result,) = run_worker(["load", case_id])
    except WorkerTimeout:
        pytest.fail(
            f"load_bytes on {case_id} ({len(expected.data) / MIB:.1f} MB) ran past "
            f"{KILL_AFTER_S:.0f} s (limit {TIME_LIMIT_S:.0f} s)",
            pytrace=False,
        )
    assert "crash" not in result, result["crash"]
    assert result["loaded"] is False
    assert result["matched"], result["first"]
    _assert_bounded(case_id, result["elapsed"], result["peak_rss_growth"], result.get("heap_peak"))


# --- the CLI -------------------------------------------------------------------------------


def _check_cli(expected: Case, path: Path, code: int, out: str, err: str) -> None:
    assert "Traceback" not in err + out
    if expected.path is None:
        assert code == 0
        assert out.startswith(f"{path}: ok: ")
        assert err == ""
        return
    assert code == 1
    # Everything goes to stderr, one problem a line, each naming the file.
    assert out == "", f"stdout should be empty, got: {out[:300]!r}"
    lines = err.splitlines()
    assert lines
    strays = [line for line in lines if not line.startswith(f"{path}: ")]
    assert not strays, strays[:5]
    assert any(_line_matches(expected, str(path), line) for line in lines), lines[:10]


@pytest.mark.parametrize("case_id", CLI_IN_PROCESS)
def test_cli_main_reports_each_problem_on_stderr(
    case_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = case(case_id)
    path = tmp_path / "case.json"
    path.write_bytes(expected.data)
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    _check_cli(expected, path, code, out, err)


def _run_cli(path: Path, tmp_path: Path) -> tuple[int, str, str, float, int]:
    """``python -m timeline validate PATH``: exit code, stdout, stderr, seconds, peak RSS."""
    out_path, err_path = tmp_path / "stdout", tmp_path / "stderr"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started = time.monotonic()
        proc = subprocess.Popen(
            [PYTHON, "-m", "timeline", "validate", str(path)], cwd=ROOT, stdout=out, stderr=err
        )
        # wait4 gives this child's own peak RSS (ru_maxrss), which communicate() cannot.
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > KILL_AFTER_S:
                proc.kill()
                proc.wait()
                pytest.fail(
                    f"python -m timeline validate {path.name} ran past {KILL_AFTER_S:.0f} s "
                    f"(limit {TIME_LIMIT_S:.0f} s)",
                    pytrace=False,
                )
            time.sleep(0.02)
        elapsed = time.monotonic() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return (
        proc.returncode,
        out_path.read_text("utf-8", "replace"),
        err_path.read_text("utf-8", "replace"),
        elapsed,
        usage.ru_maxrss * 1024,  # kB on Linux
    )


@pytest.mark.parametrize("case_id", CLI_SUBPROCESS)
def test_cli_subprocess_exits_1_without_a_traceback(case_id: str, tmp_path: Path) -> None:
    expected = case(case_id)
    path = tmp_path / f"{case_id}.json"
    path.write_bytes(expected.data)
    code, out, err, elapsed, peak = _run_cli(path, tmp_path)
    _check_cli(expected, path, code, out, err)
    if case_id in BOUNDED:
        _assert_bounded(case_id, elapsed, peak)


# --- the app's uploader --------------------------------------------------------------------


def _check_upload(expected: Case, observed: dict[str, Any]) -> None:
    name = f"{expected.case_id}.json"
    assert not observed["exceptions"], observed["exceptions"]
    assert not observed["main_errors"], observed["main_errors"]
    before, after = observed["before"], observed["after"]
    if expected.path is None:
        # The BOM file is valid: it replaces the example in this session.
        assert not observed["sidebar_errors"]
        assert after["title"].startswith("The Lighthouse Keeper (2024)")
        assert sorted(after["ids"]) == sorted(e["id"] for e in make_dataset()["events"])
        return
    # The current data stays, exactly as it was.
    assert after == before
    (error,) = observed["sidebar_errors"]
    assert "was not loaded" in error and "the current data stays" in error, error
    (listing,) = observed["sidebar_code"]
    lines = listing.splitlines()
    if len(expected.data) > DEFAULT_MAX_BYTES:
        # Refused by size, before anything is parsed.
        assert lines == [
            f"{name}: $: the file is {human_size(len(expected.data))}; the limit is 5 MB"
        ]
        return
    problems = SHOWN_PROBLEMS.search(error)
    assert problems, error
    count = int(problems[1])
    # The list is capped: the first problems, then how many more there are.
    assert len(lines) == min(count, LISTED) + (count > LISTED), lines[-3:]
    if count > LISTED:
        assert lines[-1] == f"{name}: ... and {count - LISTED} more problems"
    assert any(_line_matches(expected, name, line) for line in lines), lines[:LISTED]


@pytest.mark.parametrize("case_id", ORDINARY)
def test_upload_lists_the_problems_and_keeps_the_data(run_app: RunApp, case_id: str) -> None:
    expected = case(case_id)
    observed = observe_upload(run_app(), f"{case_id}.json", expected.data)
    _check_upload(expected, observed)


@pytest.mark.parametrize("case_id", BOUNDED)
def test_upload_of_a_big_file_is_bounded(case_id: str) -> None:
    expected = case(case_id)
    try:
        (observed,) = run_worker(["upload", case_id])
    except WorkerTimeout:
        pytest.fail(
            f"uploading {case_id} ({len(expected.data) / MIB:.1f} MB) ran past "
            f"{KILL_AFTER_S:.0f} s (limit {TIME_LIMIT_S:.0f} s)",
            pytrace=False,
        )
    _check_upload(expected, observed)
    _assert_bounded(case_id, observed["elapsed"], observed["peak_rss_growth"])


@pytest.mark.parametrize(
    ("padding", "refused"),
    [(0, False), (1, True)],
    ids=["exactly-the-cap-loads", "one-byte-over-is-refused"],
)
def test_the_upload_cap_is_exact(run_app: RunApp, padding: int, refused: bool) -> None:
    valid = json.dumps(make_dataset()).encode()
    data = valid + b" " * (DEFAULT_MAX_BYTES - len(valid) + padding)
    observed = observe_upload(run_app(), "padded.json", data)
    assert not observed["exceptions"]
    if refused:
        assert observed["after"] == observed["before"]
        assert observed["sidebar_code"] == [
            f"padded.json: $: the file is {human_size(len(data))}; the limit is 5 MB"
        ]
    else:
        assert not observed["sidebar_errors"]
        assert len(observed["after"]["ids"]) == 4
