"""Employment imports: references to persons and units, dates, rate, weekly hours and pay."""

from datetime import date
from decimal import Decimal

import pytest
from import_helpers import counts, errors, run, xlsx

from kasam.org.models import Employment

HEADER = "person_id,unit_id,start_date,end_date,rate,weekly_hours,pay\n"
pytestmark = pytest.mark.django_db


def test_a_good_file_imports_and_importing_it_again_changes_nothing(org):
    text = HEADER + (
        "P1,AO-HT1,2020-01-01,,100,40,monthly\n"  # as stored: unchanged
        "P2,AO-HT1-A,2020-01-01,2026-06-30,100,40,Monthly\n"  # ended: updated
        "P3,IFO-BU,2026-01-01,,75.5,,HOURLY\n"  # new; empty weekly_hours = 40
    )
    assert counts(run("employments", text)) == (1, 1, 1, 0)
    new = Employment.objects.get(person_id="P3", unit_id="IFO-BU")
    assert (new.rate, new.weekly_hours, new.pay, new.end_date) == (Decimal("75.5"), 40, "hourly", None)
    assert Employment.objects.get(person_id="P2").end_date == date(2026, 6, 30)
    assert Employment.objects.count() == 6  # employments not in the file are kept
    assert counts(run("employments", text)) == (0, 0, 3, 0)


def test_three_bad_rows_are_all_named_and_nothing_is_written(org):
    text = HEADER + (
        "P1,AO-HT1,2026-01-01,,100,40,monthly\n"
        "P99,AO-HT1,2026-01-01,,100,40,monthly\n"
        "P2,AO-HT1,2026-01-01,2025-12-31,100,40,monthly\n"
        "P3,AO-HT1,2026-01-01,,0,40,monthly\n"
    )
    result = run("employments", text)
    assert errors(result) == [
        "employments.csv:3:person_id: There is no person P99 in Kasam. Import the persons first.",
        "employments.csv:4:end_date: The end date 2025-12-31 is before the start date 2026-01-01.",
        "employments.csv:5:rate: Rate must be above 0 and at most 100, not 0.",
    ]
    assert counts(result) == (0, 0, 0, 0)
    assert Employment.objects.count() == 5


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "P1,NOPE,2026-01-01,,100,40,monthly",
            "3:unit_id: There is no unit NOPE in Kasam. Import the units first.",
        ),
        (
            "P1,AO-HT1,1/1/2026,,100,40,monthly",
            "3:start_date: Write the date as YYYY-MM-DD, for example 2025-03-31, not 1/1/2026.",
        ),
        (
            "P1,AO-HT1,2026-01-01,,100.5,40,monthly",
            "3:rate: Rate must be above 0 and at most 100, not 100.5.",
        ),
        ("P1,AO-HT1,2026-01-01,,,40,monthly", "3:rate: This cell is empty, but a value is required."),
        (
            "P1,AO-HT1,2026-01-01,,100,81,monthly",
            "3:weekly_hours: Weekly hours must be above 0 and at most 80, not 81.",
        ),
        ("P1,AO-HT1,2026-01-01,,100,40,weekly", "3:pay: Pay must be monthly or hourly, not weekly."),
        ("P1,AO-HT1,2026-01-01,,100,40,", "3:pay: This cell is empty, but a value is required."),
        (
            "P2,AO-HT1,2026-01-01,,50,40,monthly",
            "3:start_date: Line 2 has the same person, unit and start date.",
        ),
    ],
)
def test_a_bad_cell_is_named_by_line_and_column(org, row, expected):
    text = HEADER + "P2,AO-HT1,2026-01-01,,100,40,monthly\n" + row + "\n"
    assert errors(run("employments", text)) == [f"employments.csv:{expected}"]


def test_semicolon_csv_with_bom_and_decimal_comma(org):
    text = "\ufeffperson_id;unit_id;start_date;end_date;rate;weekly_hours;pay\n"
    text += "P4;AO-SB1;2026-02-01;;62,5;38,25;monthly\n"
    result = run("employments", text.encode())
    assert result.ok, errors(result)
    employment = Employment.objects.get(person_id="P4", unit_id="AO-SB1")
    assert (employment.rate, employment.weekly_hours) == (Decimal("62.5"), Decimal("38.25"))


def test_xlsx_with_date_cells_and_numeric_ids(org):
    data = xlsx(
        [
            ["person_id", "unit_id", "start_date", "end_date", "rate", "weekly_hours", "pay"],
            ["P4", "AO-SB1", date(2026, 2, 1), None, 80.0, 37, "monthly"],
            [1001, "AO-SB1", date(2026, 2, 1), None, 80, 37, "monthly"],
        ]
    )
    result = run("employments", data, filename="anställningar.xlsx")
    assert errors(result) == [
        "anställningar.xlsx:3:person_id: There is no person 1001 in Kasam. Import the persons first."
    ]
