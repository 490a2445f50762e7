"""The spreadsheet round trip: events file → workbook → events file, and located errors."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from timeline import sheets
from timeline.cli import main
from timeline.loading import DatasetError, load_path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "data" / "events.json"


@pytest.fixture(scope="module")
def shipped_book() -> bytes:
    return sheets.workbook_bytes(load_path(SHIPPED))


def _edit(book: bytes, change: Any) -> bytes:
    wb = load_workbook(io.BytesIO(book))
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _problems(book: bytes) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        sheets.read_workbook(book, "book.xlsx")
    return [str(issue) for issue in caught.value.issues]


def test_one_sheet_per_table_with_lists_as_semicolon_cells(shipped_book: bytes) -> None:
    wb = load_workbook(io.BytesIO(shipped_book))
    assert wb.sheetnames == list(sheets.SHEETS)
    for table in ("events", "locations", "people", "characters"):
        assert table in wb.sheetnames
    header = [c.value for c in wb["characters"][1]]
    played = wb["characters"].cell(row=2, column=header.index("played_by") + 1).value
    ds = load_path(SHIPPED)
    assert played == "; ".join(ds.characters[0].played_by)
    assert wb["events"].max_row == len(ds.events) + 1


def test_round_trip_gives_the_same_dataset(shipped_book: bytes) -> None:
    dataset, _ = sheets.read_workbook(shipped_book, "book.xlsx")
    assert dataset == load_path(SHIPPED)


def test_round_trip_of_a_written_file_is_byte_identical(shipped_book: bytes) -> None:
    canonical = sheets.events_file_json(load_path(SHIPPED))
    _, text = sheets.read_workbook(shipped_book, "book.xlsx")
    assert text == canonical
    # The shipped file is written this way but for explicit empty lists ("locations": []),
    # which a spreadsheet cannot tell from a blank cell.
    shipped = SHIPPED.read_text(encoding="utf-8")
    assert text == shipped or ('": []' in shipped and text != shipped)


def test_text_that_looks_like_a_formula_stays_text(shipped_book: bytes) -> None:
    ds = load_path(SHIPPED)
    ds = ds.model_copy(
        update={
            "events": [ds.events[0].model_copy(update={"summary": "=HYPERLINK(1)"}), *ds.events[1:]]
        }
    )
    book = sheets.workbook_bytes(ds)
    cell = next(
        c for c in load_workbook(io.BytesIO(book))["events"][2] if c.value == "=HYPERLINK(1)"
    )
    assert cell.data_type == "s"
    assert sheets.read_workbook(book, "b.xlsx")[0].events[0].summary == "=HYPERLINK(1)"


def test_a_missing_sheet_is_named(shipped_book: bytes) -> None:
    book = _edit(shipped_book, lambda wb: wb.remove(wb["people"]))
    assert _problems(book) == [
        "$: sheet 'people' is missing (a workbook needs " + ", ".join(sheets.SHEETS) + ")"
    ]


def test_a_bad_cell_is_named_by_sheet_row_and_column(shipped_book: bytes) -> None:
    def bad(wb: Workbook) -> None:
        wb["locations"]["C3"].value = "north"

    assert _problems(_edit(shipped_book, bad)) == [
        "locations, row 3, column lat (C3): expected a number, found 'north'"
    ]


def test_a_bad_date_and_an_unknown_reference_are_located(shipped_book: bytes) -> None:
    wb = load_workbook(io.BytesIO(shipped_book))
    header = [c.value for c in wb["events"][1]]
    row = next(
        r
        for r in range(2, wb["events"].max_row + 1)
        if wb["events"].cell(r, 2).value == "production"
    )
    date_col, people_col = header.index("date") + 1, header.index("people") + 1

    def bad_date(book: Workbook) -> None:
        book["events"].cell(row, date_col).value = "someday"

    def bad_person(book: Workbook) -> None:
        book["events"].cell(row, people_col).value = "nobody-at-all"

    letter = "ABCDEFGHIJKLMNOP"
    assert _problems(_edit(shipped_book, bad_date)) == [
        f"events, row {row}, column date ({letter[date_col - 1]}{row}): "
        "'someday' is not a valid EDTF date"
    ]
    # Cross-record rules (as for a JSON file) run once every cell is valid.
    assert _problems(_edit(shipped_book, bad_person)) == [
        f"events, row {row}, column people ({letter[people_col - 1]}{row}): "
        "unknown person 'nobody-at-all'"
    ]


def test_unknown_columns_and_missing_key_columns_are_refused(shipped_book: bytes) -> None:
    def bad(wb: Workbook) -> None:
        wb["people"]["D1"].value = "shoe_size"
        wb["characters"]["A1"].value = "ident"

    problems = _problems(_edit(shipped_book, bad))
    assert "people, row 1, column shoe_size (D1): unknown column 'shoe_size'" in problems
    assert "characters, row 1: column 'id' is missing" in problems


def test_not_a_workbook() -> None:
    with pytest.raises(DatasetError, match=r"not an \.xlsx workbook"):
        sheets.read_workbook(b"PK\x03\x04 not really", "x.xlsx")
    with pytest.raises(DatasetError, match="the limit is"):
        sheets.read_workbook(b"x" * 2000, "x.xlsx", max_bytes=1000)


def test_import_sheet_writes_only_a_valid_file(
    tmp_path: Path, shipped_book: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    book, target = tmp_path / "b.xlsx", tmp_path / "out.json"
    book.write_bytes(shipped_book)
    assert main(["import-sheet", str(book), str(target)]) == 0
    assert load_path(target) == load_path(SHIPPED)
    target.write_text("old", encoding="utf-8")
    book.write_bytes(_edit(shipped_book, lambda wb: wb.remove(wb["events"])))
    assert main(["import-sheet", str(book), str(target)]) == 1
    assert "sheet 'events' is missing" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "old"
