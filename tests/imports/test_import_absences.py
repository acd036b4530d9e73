"""Absence imports (docs/import-formats.md, absences): row-level errors, merging of overlapping sick
records, and the file as the whole truth for its persons and date range."""

from datetime import date
from decimal import Decimal

import pytest
from import_helpers import counts, errors, run, warnings, xlsx

from kasam.absence.models import Absence

HEADER = "person_id,start_date,end_date,extent,kind\n"
pytestmark = pytest.mark.django_db


def stored(person="P1"):
    return sorted(
        (a.start_date.isoformat(), a.end_date.isoformat(), a.extent, a.kind)
        for a in Absence.objects.filter(person_id=person)
    )


def test_a_good_file_imports_and_importing_it_again_changes_nothing(org):
    text = HEADER + (
        "P1,2025-01-07,2025-01-09,100,sjuk\nP2,2025-02-01,2025-02-28,50,\nP3,2025-03-03,2025-03-03,,VAB\n"
    )
    assert counts(run("absences", text)) == (3, 0, 0, 0)
    assert stored("P2") == [("2025-02-01", "2025-02-28", Decimal("50"), "sjuk")]
    assert stored("P3") == [("2025-03-03", "2025-03-03", Decimal("100"), "vab")]
    again = run("absences", text)
    assert again.ok and counts(again) == (0, 0, 3, 0)


def test_three_bad_rows_are_all_named_and_nothing_is_written(org):
    Absence.objects.create(person_id="P1", start_date=date(2024, 5, 1), end_date=date(2024, 5, 2))
    text = HEADER + (
        "P1,2025-01-07,2025-01-09,100,sjuk\n"
        "NOPE,2025-01-07,2025-01-09,100,sjuk\n"
        "P2,2025-02-10,2025-02-01,100,sjuk\n"
        "P3,2025-03-01,2025-03-02,150,sjuk\n"
    )
    result = run("absences", text)
    assert errors(result) == [
        "absences.csv:3:person_id: There is no person NOPE in Kasam. Import the persons first.",
        "absences.csv:4:end_date: The end date 2025-02-01 is before the start date 2025-02-10.",
        "absences.csv:5:extent: Extent must be above 0 and at most 100, not 150.",
    ]
    assert counts(result) == (0, 0, 0, 0)
    assert Absence.objects.count() == 1


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "P1,2025-13-01,2025-12-31,100,sjuk",
            "absences.csv:2:start_date: "
            "Write the date as YYYY-MM-DD, for example 2025-03-31, not 2025-13-01.",
        ),
        ("P1,2025-01-01,,100,sjuk", "absences.csv:2:end_date: This cell is empty, but a value is required."),
        (
            "P1,0205-01-01,2025-01-02,100,sjuk",
            "absences.csv:2:start_date: Check the year: 0205-01-01 is not between 1900 and 2100.",
        ),
        (
            "P1,2025-01-01,2025-01-02,0,sjuk",
            "absences.csv:2:extent: Extent must be above 0 and at most 100, not 0.",
        ),
        (
            "P1,2025-01-01,2025-01-02,abc,sjuk",
            "absences.csv:2:extent: Extent must be above 0 and at most 100, not abc.",
        ),
        (
            "P/1,2025-01-01,2025-01-02,100,sjuk",
            "absences.csv:2:person_id: An id cannot contain “/”, since ids are used in web addresses: P/1.",
        ),
        (
            ",2025-01-01,2025-01-02,100,sjuk",
            "absences.csv:2:person_id: This cell is empty, but a value is required.",
        ),
        (  # stored before as an absence that silently did not count
            "P1,2025-01-01,2025-01-02,100,Sjukdom",
            "absences.csv:2:kind: There is no kind of absence Sjukdom. Use one of: sjuk, semester, vab, "
            "föräldraledig, tjänstledig, komp, utbildning, annan.",
        ),
    ],
)
def test_a_bad_cell_is_named_by_line_and_column(org, row, expected):
    assert errors(run("absences", HEADER + row + "\n")) == [expected]


def test_the_same_key_twice_is_a_duplicate_for_other_kinds_than_sick(org):
    text = HEADER + (
        "P1,2025-01-01,2025-01-02,100,vab\nP2,2025-01-01,2025-01-02,100,vab\nP1,2025-01-01,2025-01-05,50,VAB\n"
    )
    assert errors(run("absences", text)) == [
        "absences.csv:4:start_date: Duplicate: line 2 has the same person, start date and kind."
    ]


def test_overlapping_sick_records_are_kept_with_a_warning(org):
    text = HEADER + (
        "P1,2025-01-01,2025-01-10,50,sjuk\nP1,2025-01-05,2025-01-20,100,sjuk\nP1,2025-01-21,2025-01-22,100,\n"
    )
    result = run("absences", text)
    assert result.ok and counts(result) == (3, 0, 0, 0)
    assert warnings(result) == [
        "absences.csv:3:start_date: This sick period overlaps the one on line 2. Both are kept; each day "
        "counts with the highest extent."
    ]
    assert len(stored()) == 3


def test_sick_records_with_the_same_start_are_merged_day_by_day(org):
    text = HEADER + (
        "P1,2025-01-01,2025-01-10,50,sjuk\n"
        "P1,2025-01-01,2025-01-05,100,sjuk\n"
        "P1,2025-01-06,2025-01-12,30,sjuk\n"  # starts where a merged run would: merged with the cluster
        "P1,2025-02-01,2025-02-02,100,sjuk\n"  # not overlapping: kept as given
    )
    result = run("absences", text)
    assert result.ok
    assert stored() == [
        ("2025-01-01", "2025-01-05", Decimal("100"), "sjuk"),
        ("2025-01-06", "2025-01-10", Decimal("50"), "sjuk"),
        ("2025-01-11", "2025-01-12", Decimal("30"), "sjuk"),
        ("2025-02-01", "2025-02-02", Decimal("100"), "sjuk"),
    ]
    assert warnings(result) == [
        "absences.csv:3:start_date: This sick period starts on the same day as the one on line 2. They are "
        "merged; each day counts with the highest extent.",
        "absences.csv:4:start_date: This sick period overlaps the one on line 2. Both are kept; each day "
        "counts with the highest extent.",
    ]
    assert counts(run("absences", text)) == (0, 0, 4, 0)


def test_the_file_is_the_whole_truth_for_its_persons_and_range(org):
    for person, start, end in [
        ("P1", date(2024, 12, 1), date(2024, 12, 3)),  # before the range: kept
        ("P1", date(2025, 2, 1), date(2025, 2, 3)),  # in the range, not in the file: removed
        ("P1", date(2025, 1, 10), date(2025, 1, 12)),  # in the file with another end: updated
        ("P1", date(2025, 4, 1), date(2025, 4, 3)),  # after the range: kept
        ("P2", date(2025, 2, 1), date(2025, 2, 3)),  # another person: kept
    ]:
        Absence.objects.create(person_id=person, start_date=start, end_date=end)
    text = HEADER + "P1,2025-01-10,2025-01-20,100,sjuk\nP1,2025-03-01,2025-03-31,100,sjuk\n"
    assert counts(run("absences", text)) == (1, 1, 0, 1)
    assert [row[:2] for row in stored()] == [
        ("2024-12-01", "2024-12-03"),
        ("2025-01-10", "2025-01-20"),
        ("2025-03-01", "2025-03-31"),
        ("2025-04-01", "2025-04-03"),
    ]
    assert stored("P2") == [("2025-02-01", "2025-02-03", Decimal("100"), "sjuk")]


def test_a_dry_run_counts_but_writes_nothing(org):
    Absence.objects.create(person_id="P1", start_date=date(2025, 1, 2), end_date=date(2025, 1, 3))
    result = run("absences", HEADER + "P1,2025-01-01,2025-01-05,100,sjuk\n", dry_run=True)
    assert result.ok and result.dry_run and counts(result) == (1, 0, 0, 1)
    assert stored() == [("2025-01-02", "2025-01-03", Decimal("100"), "sjuk")]


def test_semicolon_csv_with_bom_and_decimal_comma(org):
    text = "\ufeffPerson_ID;Kind;start_date;end_date;extent\nP1;SJUK;2025-01-01;2025-01-03;50,5\n"
    result = run("absences", text.encode("utf-8"))
    assert result.ok, errors(result)
    assert stored() == [("2025-01-01", "2025-01-03", Decimal("50.5"), "sjuk")]


def test_xlsx_with_date_cells(org):
    data = xlsx(
        [
            ["person_id", "start_date", "end_date", "extent", "kind"],
            ["P1", date(2025, 1, 1), date(2025, 1, 3), 25, "sjuk"],
            ["P1", date(2025, 2, 1), "2025-01-03", 25.5, "sjuk"],
        ]
    )
    result = run("absences", data, filename="absences.xlsx")
    assert errors(result) == [
        "absences.xlsx:3:end_date: The end date 2025-01-03 is before the start date 2025-02-01."
    ]
