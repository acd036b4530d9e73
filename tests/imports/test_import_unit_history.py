"""Unit imports keep the tree's history (docs/import-formats.md, units.csv): a move closes the old
version the day before the row's valid_from and opens a new one; the tree must have one root and no
cycles on every day. tests/conftest.py sets today to 2026-11-25."""

from datetime import date

import pytest
from import_helpers import counts, errors, run

from kasam.org.history import FIRST_DAY, stored_history, tree_on
from kasam.org.models import Unit, UnitVersion

HEADER = "unit_id,parent_id,name,kind,activity,valid_from\n"
TODAY = date(2026, 11, 25)
pytestmark = pytest.mark.django_db


def versions(unit: str) -> list[tuple]:
    return list(
        UnitVersion.objects.filter(unit_id=unit)
        .order_by("valid_from")
        .values_list("parent_id", "name", "valid_from", "valid_to")
    )


def test_a_move_without_valid_from_closes_the_old_version_yesterday(org):
    assert counts(run("units", HEADER + "AO-HT1,IFO,Hemtjänst Norr,enhet,hemtjänst,\n")) == (0, 1, 0, 0)
    assert versions("AO-HT1") == [
        ("AO", "Hemtjänst Norr", FIRST_DAY, date(2026, 11, 24)),
        ("IFO", "Hemtjänst Norr", TODAY, None),
    ]
    assert Unit.objects.get(pk="AO-HT1").parent_id == "IFO"
    assert Unit.objects.get(pk="AO-HT1-A").path == "/SOC/IFO/AO-HT1/AO-HT1-A/"
    assert tree_on(date(2026, 11, 24))["AO-HT1"] == "AO"
    assert tree_on(TODAY)["AO-HT1"] == "IFO"


def test_the_old_file_format_without_the_column_still_imports_and_a_repeat_changes_nothing(org):
    text = "unit_id,parent_id,name,kind,activity\nAO-SB1,AO,Solgården,enhet,särskilt boende\n"
    assert counts(run("units", text)) == (0, 0, 1, 0)
    assert UnitVersion.objects.count() == 0  # the unit holds its place in Unit on every day
    assert stored_history()["AO-SB1"][0].valid_from == FIRST_DAY


def test_a_file_may_hold_a_units_history(org):
    text = HEADER + (
        "AO-HT1,AO,Hemtjänst Norr,enhet,hemtjänst,2020-01-01\n"
        "AO-HT1,IFO,Hemtjänst Norr,enhet,hemtjänst,2025-07-01\n"
        "AO-HT1,IFO,Hemtjänst Norr och Syd,enhet,hemtjänst,2026-01-01\n"
        "NY,AO,Nya enheten,enhet,hemtjänst,2026-03-01\n"
    )
    assert counts(run("units", text)) == (1, 1, 0, 0)
    assert versions("AO-HT1") == [
        ("AO", "Hemtjänst Norr", FIRST_DAY, date(2025, 6, 30)),  # joined with the stored version
        ("IFO", "Hemtjänst Norr", date(2025, 7, 1), date(2025, 12, 31)),
        ("IFO", "Hemtjänst Norr och Syd", date(2026, 1, 1), None),
    ]
    assert Unit.objects.get(pk="AO-HT1").name == "Hemtjänst Norr och Syd"
    assert versions("NY") == [("AO", "Nya enheten", date(2026, 3, 1), None)]
    assert counts(run("units", text)) == (0, 0, 2, 0)


def test_a_later_file_replaces_the_history_from_its_first_row_on(org):
    run("units", HEADER + "AO-HT1,IFO,Hemtjänst Norr,enhet,hemtjänst,2025-09-01\n")
    # The move was in July after all: the September version is replaced.
    assert counts(run("units", HEADER + "AO-HT1,IFO,Hemtjänst Norr,enhet,hemtjänst,2025-07-01\n")) == (
        0,
        1,
        0,
        0,
    )
    assert versions("AO-HT1") == [
        ("AO", "Hemtjänst Norr", FIRST_DAY, date(2025, 6, 30)),
        ("IFO", "Hemtjänst Norr", date(2025, 7, 1), None),
    ]
    # There was no move: a row from March under AO replaces it, and the history is one version again.
    run("units", HEADER + "AO-HT1,AO,Hemtjänst Norr,enhet,hemtjänst,2025-03-01\n")
    assert versions("AO-HT1") == [("AO", "Hemtjänst Norr", FIRST_DAY, None)]
    assert Unit.objects.get(pk="AO-HT1").parent_id == "AO"


def test_a_cycle_on_an_earlier_day_only_is_an_error_and_nothing_is_written(org):
    # From 2025-01-01 IFO hangs below AO-HT1 while AO-HT1 hangs below IFO; IFO goes back in June.
    text = HEADER + (
        "AO-HT1,IFO,Hemtjänst Norr,enhet,hemtjänst,2025-01-01\n"
        "IFO,AO-HT1,Individ- och familjeomsorg,område,,2025-01-01\n"
        "IFO,SOC,Individ- och familjeomsorg,område,,2025-06-01\n"
    )
    result = run("units", text)
    assert errors(result) == [
        "units.csv:2:parent_id: On 2025-01-01: The parents go round in a circle: AO-HT1 → IFO → AO-HT1. "
        "Each unit must lead up to the top unit.",
        "units.csv:3:parent_id: On 2025-01-01: The parents go round in a circle: IFO → AO-HT1 → IFO. "
        "Each unit must lead up to the top unit.",
    ]
    assert UnitVersion.objects.count() == 0
    assert Unit.objects.get(pk="AO-HT1").parent_id == "AO"


def test_a_second_root_on_an_earlier_day_is_an_error_on_its_row(org):
    text = HEADER + (
        "IFO,,Individ- och familjeomsorg,område,,2024-01-01\n"
        "IFO,SOC,Individ- och familjeomsorg,område,,2025-01-01\n"
    )
    assert errors(run("units", text)) == [
        "units.csv:2:parent_id: On 2024-01-01: Only one unit can be at the top (with an empty parent_id). "
        "Also at the top: SOC."
    ]


def test_a_row_after_today_and_two_rows_of_one_day_are_errors(org):
    text = HEADER + (
        "AO-HT1,IFO,Hemtjänst Norr,enhet,hemtjänst,2026-11-26\n"
        "AO-SB1,IFO,Solgården,enhet,,2025-01-01\n"
        "AO-SB1,AO,Solgården,enhet,,2025-01-01\n"
        "IFO-BU,IFO,Barn och unga,enhet,IFO,2025-13-01\n"
    )
    assert errors(run("units", text)) == [
        "units.csv:2:valid_from: A row cannot begin after today (2026-11-25), but this one begins on "
        "2026-11-26.",
        "units.csv:4:unit_id: Unit AO-SB1 already has a row from the same day on line 3.",
        "units.csv:5:valid_from: Write the date as YYYY-MM-DD, for example 2025-03-31, not 2025-13-01.",
    ]
