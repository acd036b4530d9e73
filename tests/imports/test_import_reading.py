"""Reading files (kasam.core.tabular): encodings, separators, headers and the line numbers that every
message carries, also when the fast reader cannot be used."""

import io
from datetime import date, datetime

import openpyxl
import pytest
from import_helpers import errors, run, warnings, xlsx

from kasam.core.tabular import read_table
from kasam.core.validation import Problems
from kasam.org.models import Person

pytestmark = pytest.mark.django_db
PEOPLE = ("person_id", "birth_year", "gender")


def read(data: bytes, required=PEOPLE) -> tuple[list | None, list[str], list[str]]:
    problems = Problems("f.csv", required)
    frame = read_table(data, problems, required)
    rows = None if frame is None else frame.rows()
    return rows, [str(m) for m in problems.errors], [str(m) for m in problems.warnings]


def test_a_file_in_another_encoding_is_named_at_its_first_bad_character(db):
    text = "person_id;birth_year;gender;last_name\nP1;1980;K;Berg\nP2;1981;K;Åberg\nP3;1982;K;Öst\n"
    result = run("people", text.encode("cp1252"))
    assert errors(result) == [
        "people.csv:3:last_name: The file is not saved as UTF-8, so this line cannot be read. "
        "Save the file as “CSV UTF-8” and try again."
    ]
    assert Person.objects.count() == 0


def test_an_empty_file_and_a_header_only_file_say_so(db):
    for data in (b"", b"\xef\xbb\xbf", b"\n \n"):
        assert errors(run("people", data)) == [
            "people.csv:1:person_id: The file is empty. It should start with a header row: person_id, "
            "birth_year, gender."
        ]
    assert errors(run("people", b"person_id,birth_year,gender\r\n\r\n")) == [
        "people.csv:1:person_id: The file has a header row but no data rows below it."
    ]


def test_a_missing_column_is_an_error_and_an_unknown_one_a_warning(db):
    result = run("people", "person_id,gender,Avdelning\nP1,K,x\n")
    assert errors(result) == [
        "people.csv:1:birth_year: The column birth_year is missing from the header row."
    ]
    assert warnings(result) == [
        "people.csv:1:Avdelning: The column Avdelning is not used by this import and was ignored."
    ]
    good = run("people", "Avdelning,GENDER,person_id,Birth_Year\nx,K,P1,1980\n")
    assert good.ok and warnings(good) and Person.objects.get(pk="P1").gender == "K"


def test_line_numbers_count_blank_lines_and_quoted_line_breaks():
    data = b'person_id,birth_year,gender\r\n\r\nP1,1980,K\r\n"P\r\n2",1981,M\r\n  P3 , 1982 ,\r\n'
    rows, problems, _warnings = read(data)
    assert rows == [(3, "P1", "1980", "K"), (4, "P\r\n2", "1981", "M"), (6, "P3", "1982", "")]
    assert problems == []


def test_a_row_with_too_many_values_is_named():
    rows, problems, _warnings = read(b"person_id,birth_year,gender\nP1,1980,K\nP2,1981,K,extra\nP3,1982,K,\n")
    assert rows == [(2, "P1", "1980", "K"), (4, "P3", "1982", "K")]
    assert problems == ["f.csv:3:gender: This row has 4 values, but the header row has only 3 columns."]


def test_xlsx_cells_become_the_text_a_csv_would_have():
    data = xlsx(
        [
            ["Person_ID", "birth_year", "gender", "start"],
            [1001, 1980.0, "K", date(2025, 1, 2)],
            [None, None, None, None],
            ["P2", 1981, "M", datetime(2025, 1, 3, 0, 0)],
            ["P3", 19.5, "M", datetime(2025, 1, 3, 12, 30)],
        ]
    )
    rows, problems, _warnings = read(data, required=("person_id", "birth_year", "gender", "start"))
    assert rows == [
        (2, "1001", "1980", "K", "2025-01-02"),
        (4, "P2", "1981", "M", "2025-01-03"),
        (5, "P3", "19.5", "M", "2025-01-03 12:30:00"),
    ]
    assert problems == []


def test_old_excel_and_damaged_files_are_refused_kindly():
    assert read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))[1] == [
        "f.csv:1:person_id: This is an old Excel file (.xls). Save it as .xlsx or as CSV UTF-8 and try again."
    ]
    assert read(b"PK\x03\x04 not really a zip")[1] == [
        "f.csv:1:person_id: The file could not be read as an Excel file (.xlsx)."
    ]


@pytest.mark.parametrize(
    "text",
    ['a;b\n1;2\n\n3;"4;5"\n', "a,b\r\n1,\r\n,2\r\n", 'a,b\n"x ""y""",2\n'],
)
def test_the_fast_and_the_exact_csv_reader_agree(text):
    from kasam.core.tabular import _polars_csv, _python_csv, _separator

    separator = _separator(text.partition("\n")[0])
    fast = _polars_csv(text.encode(), text, ["a", "b"], separator)
    exact = _python_csv(text, ["a", "b"], separator, Problems("f.csv"))
    assert fast is not None
    # The fast reader keeps blank lines as empty rows; read_table drops those afterwards.
    fast_rows = [row for row in fast.fill_null("").cast({"_line": int}).rows() if any(row[1:])]
    assert fast_rows == exact.rows()


def test_a_percentage_cell_counts_as_its_percent():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["person_id", "birth_year", "gender"])
    sheet.append(["P1", 1980, 0.625])
    sheet["C2"].number_format = "0.0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows, problems, _warnings = read(buffer.getvalue())
    assert rows == [(2, "P1", "1980", "62.5")]
    assert problems == []
