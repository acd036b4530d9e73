"""Reading the four import files into Frames (kasam.metrics.frames.read_import_dir): the files Kasam
writes, the variants docs/import-formats.md allows (BOM, semicolon, decimal comma, header case and
order, blanks), and one-line errors naming file, line and column."""

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from kasam.metrics.frames import ImportDirError, read_import_dir

FILES = {
    "units": (
        "unit_id,parent_id,name,kind,activity\nR,,Förvaltningen,förvaltning,\nU1,R,Enhet 1,enhet,hemtjänst\n"
    ),
    "people": "person_id,birth_year,gender,first_name\nP1,1980,K,Alva\nP2,1999,m,Bo\nP3,1970,,Cilla\n",
    "employments": (
        "person_id,unit_id,start_date,end_date,rate,weekly_hours,pay\n"
        "P1,U1,2024-01-01,,75,38.25,monthly\n"
        "P2,U1,2024-03-01,2025-06-30,100,,monthly\n"
        "P3,R,2024-01-01,,50,40,hourly\n"
    ),
    "absences": (
        "person_id,start_date,end_date,extent,kind\n"
        "P1,2025-01-10,2025-01-12,50,sjuk\n"
        "P2,2025-02-01,2025-02-03,,\n"
        "P2,2025-03-01,2025-03-05,100,VAB\n"
    ),
}


def write(directory: Path, files: dict[str, str | bytes]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for kind, text in files.items():
        path = directory / f"{kind}.csv"
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return directory


def test_the_files_kasam_writes(tmp_path):
    frames = read_import_dir(write(tmp_path, FILES))
    assert frames.units.to_dicts()[0] == {
        "unit_id": "R",
        "parent_id": None,
        "name": "Förvaltningen",
        "kind": "förvaltning",
        "activity": None,
    }
    # Gender: "m" is M as the import reads it; empty counts in totals only (null).
    assert frames.people.rows() == [("P1", 1980, "K"), ("P2", 1999, "M"), ("P3", 1970, None)]
    assert frames.employments.row(0) == ("P1", "U1", date(2024, 1, 1), None, 75.0, 38.25, "monthly")
    assert frames.employments.row(1)[5] is None  # empty weekly_hours: the engine reads 40
    absences = frames.absences.sort("person_id", "start_date")
    assert absences.rows() == [
        ("P1", date(2025, 1, 10), date(2025, 1, 12), 50.0, "sjuk"),
        ("P2", date(2025, 2, 1), date(2025, 2, 3), None, None),
        ("P2", date(2025, 3, 1), date(2025, 3, 5), 100.0, "vab"),
    ]


def test_bom_semicolons_decimal_commas_blanks_and_header_order_read_the_same(tmp_path):
    plain = read_import_dir(write(tmp_path / "plain", FILES))
    variant = {
        "units": (
            "\ufeffUnit_ID;Parent_ID;Name;Kind;Activity\n"
            "R;;Förvaltningen;förvaltning;\nU1;R;Enhet 1;enhet;hemtjänst\n"
        ),
        "people": "PERSON_ID;GENDER;BIRTH_YEAR\nP1;K;1980\nP2;m;1999\nP3;;1970\n",
        "employments": (
            "pay;person_id;unit_id;start_date;end_date;rate;weekly_hours\n"
            "Monthly ; P1 ;U1;2024-01-01;;75;38,25\n"
            "monthly;P2;U1;2024-03-01;2025-06-30;100,0;\n"
            "hourly;P3;R;2024-01-01;;50;40\n"
        ),
        "absences": (
            "person_id;start_date;end_date;extent;kind\n"
            "P1; 2025-01-10 ;2025-01-12;50,00; Sjuk\n"
            "P2;2025-02-01;2025-02-03;;\n"
            "P2;2025-03-01;2025-03-05;100;VAB\n"
        ),
    }
    other = read_import_dir(write(tmp_path / "variant", variant))
    for kind in ("units", "people", "employments"):
        assert getattr(other, kind).equals(getattr(plain, kind)), kind
    assert other.absences.sort("person_id", "start_date").equals(
        plain.absences.sort("person_id", "start_date")
    )


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        ("absences", "person_id,start_date,end_date,extent\n", "absences.csv:1: missing column kind"),
        (
            "absences",
            "person_id,start_date,end_date,extent,kind\nP1,2025-01-10,2025-13-01,50,sjuk\n",
            "absences.csv:2: end_date '2025-13-01' is not valid",
        ),
        (
            "absences",
            "person_id,start_date,end_date,extent,kind\nP1,2025-01-10,2025-01-11,50,sjuk\nP1,2025-02-10,2025-02-11,0,sjuk\n",
            "absences.csv:3: extent '0' must be above 0 and at most 100",
        ),
        (
            "absences",
            "person_id,start_date,end_date,extent,kind\nP9,2025-01-10,2025-01-11,50,sjuk\n",
            "absences.csv: person_id 'P9' is not in people.csv",
        ),
        (
            "employments",
            "person_id,unit_id,start_date,end_date,rate,weekly_hours,pay\nP1,X,2024-01-01,,75,40,monthly\n",
            "employments.csv: unit_id 'X' is not in units.csv",
        ),
        (
            "employments",
            "person_id,unit_id,start_date,end_date,rate,weekly_hours,pay\nP1,U1,2024-01-01,,75,40,weekly\n",
            "employments.csv:2: pay 'weekly' must be monthly or hourly",
        ),
        (
            "units",
            "unit_id,parent_id,name,kind,activity\nR,,A,förvaltning,\nS,,B,förvaltning,\n",
            "units.csv: 2 units without parent_id; exactly one root",
        ),
    ],
)
def test_one_line_errors(tmp_path, kind, text, message):
    write(tmp_path, {**FILES, kind: text})
    with pytest.raises(ImportDirError) as raised:
        read_import_dir(tmp_path)
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_a_missing_file_or_directory(tmp_path):
    with pytest.raises(ImportDirError, match="is not a directory"):
        read_import_dir(tmp_path / "nowhere")
    write(tmp_path, {kind: text for kind, text in FILES.items() if kind != "people"})
    with pytest.raises(ImportDirError, match="people.csv: file not found"):
        read_import_dir(tmp_path)


def test_dtypes(tmp_path):
    frames = read_import_dir(write(tmp_path, FILES))
    assert frames.employments.schema == pl.Schema(
        {
            "person_id": pl.String,
            "unit_id": pl.String,
            "start_date": pl.Date,
            "end_date": pl.Date,
            "rate": pl.Float64,
            "weekly_hours": pl.Float64,
            "pay": pl.String,
        }
    )
    assert frames.people.schema["birth_year"] == pl.Int64
