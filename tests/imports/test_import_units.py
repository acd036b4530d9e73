"""Unit imports: row checks, the tree (one root, no cycles, known parents) and stored paths."""

import pytest
from import_helpers import counts, errors, run

from kasam.org.models import Unit

HEADER = "unit_id,parent_id,name,kind,activity\n"
TOP = "Only one unit can be at the top (with an empty parent_id). Also at the top:"
pytestmark = pytest.mark.django_db


def paths() -> dict[str, str]:
    return dict(Unit.objects.values_list("id", "path"))


def test_a_whole_tree_imports_into_an_empty_database_and_again_changes_nothing(db):
    text = HEADER + (
        "SOC,,Socialförvaltningen,Förvaltning,\n"
        "AO-HT1,AO,Hemtjänst Norr,enhet,hemtjänst\n"  # the parent comes later in the file
        "AO,SOC,Äldreomsorg,OMRÅDE,\n"
        "T1,AO-HT1,Lärkan,team,hemtjänst\n"
    )
    assert counts(run("units", text)) == (4, 0, 0, 0)
    assert paths() == {
        "SOC": "/SOC/",
        "AO": "/SOC/AO/",
        "AO-HT1": "/SOC/AO/AO-HT1/",
        "T1": "/SOC/AO/AO-HT1/T1/",
    }
    assert Unit.objects.get(pk="AO").kind == Unit.Kind.AREA
    assert counts(run("units", text)) == (0, 0, 4, 0)


def test_moving_a_unit_recomputes_the_paths_of_its_whole_subtree(org):
    text = HEADER + "AO-HT1,IFO,Hemtjänst Norr,enhet,hemtjänst\nNEW,AO-HT1,Ny grupp,arbetsgrupp,hemtjänst\n"
    assert counts(run("units", text)) == (1, 1, 0, 0)
    assert paths()["AO-HT1-A"] == "/SOC/IFO/AO-HT1/AO-HT1-A/"  # not in the file, moved with its parent
    assert paths()["NEW"] == "/SOC/IFO/AO-HT1/NEW/"
    assert Unit.objects.count() == 8  # units are never deleted by an import


def test_three_bad_rows_are_all_named_and_nothing_is_written(org):
    text = HEADER + (
        "AO-HT2,AO,Hemtjänst Syd,enhet,hemtjänst\n"
        "AO/HT3,AO,Hemtjänst Väst,enhet,hemtjänst\n"
        "AO-HT4,AO,,enhet,hemtjänst\n"
        "AO-HT5,AO,Hemtjänst Öst,avdelning,hemtjänst\n"
    )
    result = run("units", text)
    assert errors(result) == [
        "units.csv:3:unit_id: An id cannot contain “/”, since ids are used in web addresses: AO/HT3.",
        "units.csv:4:name: This cell is empty, but a value is required.",
        "units.csv:5:kind: Kind must be förvaltning, område, enhet or arbetsgrupp (or administration, area, "
        "unit, team), not avdelning.",
    ]
    assert counts(result) == (0, 0, 0, 0)
    assert Unit.objects.count() == 7


def test_a_second_root_is_an_error_on_its_row(org):
    result = run("units", HEADER + "AO-HT2,AO,Hemtjänst Syd,enhet,\nKS,,Kommunstyrelsen,förvaltning,\n")
    assert errors(result) == [f"units.csv:3:parent_id: {TOP} SOC."]


def test_two_roots_in_one_file_name_each_other(db):
    result = run("units", HEADER + "A,,A,förvaltning,\nB,,B,förvaltning,\n")
    assert errors(result) == [f"units.csv:2:parent_id: {TOP} B.", f"units.csv:3:parent_id: {TOP} A."]


def test_a_cycle_is_named_on_the_rows_in_it(org):
    result = run("units", HEADER + "AO,AO-HT1,Äldreomsorg,område,\nX,X,Själv,enhet,\n")
    assert errors(result) == [
        "units.csv:2:parent_id: The parents go round in a circle: AO → AO-HT1 → AO. Each unit must lead up "
        "to the top unit.",
        "units.csv:3:parent_id: The parents go round in a circle: X → X. Each unit must lead up to the top "
        "unit.",
    ]
    assert paths()["AO"] == "/SOC/AO/"


def test_an_unknown_parent_is_named(org):
    assert errors(run("units", HEADER + "AO-HT2,AO-XX,Hemtjänst Syd,enhet,\n")) == [
        "units.csv:2:parent_id: There is no unit AO-XX, neither in this file nor in Kasam."
    ]


def test_a_duplicate_unit_id_names_both_lines(org):
    result = run("units", HEADER + "AO-HT2,AO,Hemtjänst Syd,enhet,\nAO-HT2,AO,Hemtjänst Syd 2,enhet,\n")
    assert errors(result) == ["units.csv:3:unit_id: Unit AO-HT2 is already on line 2."]


def test_an_id_longer_than_64_characters_is_refused(db):
    result = run("units", HEADER + f"{'X' * 65},,Lång,förvaltning,\n")
    assert errors(result) == ["units.csv:2:unit_id: This can be at most 64 characters long, but it has 65."]


def test_a_dry_run_counts_but_writes_nothing(org):
    text = HEADER + "AO-HT1,IFO,Hemtjänst Norr,enhet,hemtjänst\nNEW,AO,Ny,enhet,\n"
    result = run("units", text, dry_run=True)
    assert result.ok and counts(result) == (1, 1, 0, 0)
    assert Unit.objects.count() == 7 and paths()["AO-HT1"] == "/SOC/AO/AO-HT1/"
