"""Importing an employee survey: the three layouts, counted into per-unit
distributions at import; every kind of bad input named by file, line and column with nothing stored;
the same survey twice refused."""

import pytest
from survey_helpers import MAPPING, answers, long_csv, long_rows, wide_csv, wide_xlsx

from kasam.metrics.survey import NMI_DEFINITION
from kasam.survey.actions import import_survey
from kasam.survey.imports import detect_format
from kasam.survey.models import Distribution, Survey, UnitRespondents

pytestmark = pytest.mark.django_db


def run(data: bytes, filename: str = "enkat.csv", layout: str | None = "items", **options):
    options = {
        "name": "Medarbetarenkät",
        "year": 2026,
        "mapping": MAPPING if layout == "items" else "",
    } | options
    return import_survey(data, filename, layout=layout, **options)


def messages(result) -> list[str]:
    return [str(message) for message in result.errors]


def nothing_stored():
    return (
        not Survey.objects.exists()
        and not Distribution.objects.exists()
        and not UnitRespondents.objects.exists()
    )


def stored_counts(survey) -> dict:
    return {
        (d.unit_id, d.gender, d.item, d.value): d.count for d in Distribution.objects.filter(survey=survey)
    }


def stored_respondents(survey) -> dict:
    return {(r.unit_id, r.gender): r.respondents for r in UnitRespondents.objects.filter(survey=survey)}


# ------------------------------------------------------------------------------------ happy paths


def test_a_vendor_export_is_counted_per_reporting_group_and_gender_with_a_mapping(org):
    rows = (
        [("AO-HT1", "Kvinna", answers())] * 3
        + [("AO-HT1", "K", answers({"hme1": 5}))]
        + [("AO-HT1", "K", answers())] * 2
        + [("AO-HT1", "Man", answers({"hme1": 2}))]
        + [("AO-HT1", "M", answers())] * 4
        + [("AO-SB1", "vill ej uppge", answers({"enps": ""}))] * 4  # four skipped eNPS
        + [("AO-SB1", "", answers())]
    )
    result = run(wide_csv(rows))
    assert result.ok, messages(result)
    survey = Survey.objects.get()
    assert (survey.name, survey.year, survey.source, survey.k) == ("Medarbetarenkät", 2026, "items", 5)
    assert survey.hme_definition == "skr-hme-9-items-1-5" and survey.nmi_definition == NMI_DEFINITION
    assert result.survey_id == survey.pk
    assert (result.units, result.respondents, result.rows) == (2, 16, 16)
    # Hemtjänst Norr keeps its women and men apart (6 and 5); Solgården's five are one cell.
    assert stored_respondents(survey) == {("AO-HT1", "K"): 6, ("AO-HT1", "M"): 5, ("AO-SB1", "*"): 5}
    counts = stored_counts(survey)
    assert counts[("AO-HT1", "K", "hme1", 4)] == 5 and counts[("AO-HT1", "K", "hme1", 5)] == 1
    assert counts[("AO-HT1", "M", "hme1", 2)] == 1
    assert counts[("AO-HT1", "K", "enps", 9)] == 6
    # Solgården's one eNPS answer is fewer than five: not stored, and the report says so.
    assert ("AO-SB1", "*", "enps", 9) not in counts
    assert result.answers == 16 * 13 - 4 and sum(counts.values()) == result.answers - 1
    assert result.dropped_answers == 1 and result.as_json()["dropped_answers"] == 1
    assert "1 answers were not kept" in str(result.warnings[-1])
    assert survey.tree["AO-HT1-A"] == "AO-HT1" and "AO-HT1" in survey.decision["split"]


def test_a_file_named_with_kasams_ids_needs_no_mapping(org):
    result = run(wide_csv([("AO-HT1", "", answers())] * 5, vendor=False), mapping="")
    assert result.ok, messages(result)
    assert stored_respondents(Survey.objects.get()) == {("AO-HT1", "*"): 5}


def test_an_excel_export_is_read_like_a_csv(org):
    result = run(wide_xlsx([("IFO-BU", "M", answers())] * 5), filename="enkat.xlsx")
    assert result.ok, messages(result)
    assert stored_respondents(Survey.objects.get()) == {("IFO-BU", "*"): 5}


def test_a_row_without_any_answer_is_not_a_respondent(org):
    result = run(wide_csv([("AO-HT1", "K", answers())] * 5 + [("AO-HT1", "K", {})]))
    assert result.ok
    assert [str(m) for m in result.warnings] == [
        "enkat.csv:7:Enhet: This row answers none of the questions, so it is not counted as a respondent."
    ]
    assert stored_respondents(Survey.objects.get()) == {("AO-HT1", "*"): 5}


def test_fewer_than_k_respondents_are_not_imported(org):
    result = run(wide_csv([("AO-HT1", "K", answers())] * 4))
    assert messages(result) == [
        "enkat.csv: Only 4 answered in this file. Answers are kept only when at least 5 have answered, so "
        "nothing was imported."
    ]
    assert nothing_stored()


def test_small_units_are_pooled_into_the_group_above(org):
    """Grupp Lärkan's 2 pass up to Hemtjänst Norr (5 of its own); Barn och unga's 3 pass up to
    Individ- och familjeomsorg and on to the root, which, still below five, takes the smallest group
    below it – Solgården's 6, against Hemtjänst Norr's 7 – into its own."""
    rows = [("AO-HT1", "K", answers())] * 5 + [("AO-HT1-A", "K", answers())] * 2
    rows += [("AO-SB1", "K", answers())] * 6 + [("IFO-BU", "K", answers())] * 3
    result = run(wide_csv(rows))
    assert result.ok, messages(result)
    assert stored_respondents(Survey.objects.get()) == {("AO-HT1", "*"): 7, ("SOC", "*"): 9}


def test_the_long_format_of_the_analyst_command(org):
    people = {f"r{n}": "AO-HT1" for n in range(1, 6)} | {f"r{n}": "IFO-BU" for n in range(6, 11)}
    result = run(long_csv(long_rows(people), gender={"r1": "K", "r2": "M"}), layout="long")
    assert result.ok, messages(result)
    survey = Survey.objects.get()
    assert stored_respondents(survey) == {("AO-HT1", "*"): 5, ("IFO-BU", "*"): 5}
    assert stored_counts(survey)[("IFO-BU", "*", "nmi2", 8)] == 5


def test_per_unit_distributions(org):
    data = (
        b"unit_id;item;value;count;gender\n"
        b"AO-HT1;respondents;;7;K\n"
        b"AO-HT1;hme1;4;5;K\n"
        b"AO-HT1;hme1;5;2;K\n"
        b"AO-HT1;enps;10;6;K\n"
        b"AO-HT1;respondents;;3;M\n"
        b"AO-HT1;HME1;3;3;M\n"
        b"AO-SB1;respondents;;0;\n"
        b"AO-SB1;nmi1;7;0;\n"
    )
    result = run(data, layout="distributions")
    assert result.ok, messages(result)
    survey = Survey.objects.get()
    assert survey.source == "distributions"
    assert survey.hme_definition == "skr-hme-9-items-1-5" and survey.nmi_definition == ""
    # Three men are fewer than five: the group keeps no gender split.
    assert stored_respondents(survey) == {("AO-HT1", "*"): 10}
    assert stored_counts(survey) == {
        ("AO-HT1", "*", "enps", 10): 6,
        ("AO-HT1", "*", "hme1", 3): 3,
        ("AO-HT1", "*", "hme1", 4): 5,
        ("AO-HT1", "*", "hme1", 5): 2,
    }


def test_the_layout_is_told_by_the_header(org):
    assert detect_format(b"unit_id,item,value,count\nAO-HT1,respondents,,5\n") == "distributions"
    assert detect_format(long_csv(long_rows({"r1": "AO-HT1"}))) == "long"
    assert detect_format(wide_csv([("AO-HT1", "", answers())])) == "items"
    five = {f"r{n}": "AO-HT1" for n in range(5)}
    result = import_survey(long_csv(long_rows(five)), "a.csv", name="X", year=2026)
    assert result.ok and result.layout == "long"


def test_a_dry_run_stores_nothing(org):
    result = run(wide_csv([("AO-HT1", "K", answers())] * 5), dry_run=True)
    assert result.ok and result.respondents == 5 and result.survey_id is None
    assert nothing_stored()


# ----------------------------------------------------------------------------------------- bad input


def test_unknown_items_are_named(org):
    result = run(wide_csv([("AO-HT1", "K", answers())]), mapping="Enhet=unit_id\nFråga 1 = hme10")
    assert messages(result) == [
        "mapping:2:Fråga 1: hme10 is not an id Kasam knows. Use hme1 … hme9, nmi1 … nmi3, enps, or unit_id, "
        "gender or respondent_id."
    ]
    result = run(long_csv([("r1", "AO-HT1", "hme10", 3), ("r1", "AO-HT1", "hme1", 3)]), layout="long")
    assert messages(result) == [
        "enkat.csv:2:item: There is no item hme10. The items are hme1 … hme9, nmi1 … nmi3, enps."
    ]
    data = b"unit_id,item,value,count\nAO-HT1,respondents,,5\nAO-HT1,hme0,3,5\n"
    assert messages(run(data, layout="distributions")) == [
        "enkat.csv:3:item: There is no item hme0. The items are hme1 … hme9, nmi1 … nmi3, enps, and "
        "respondents for the number who answered."
    ]
    assert nothing_stored()


def test_values_off_the_scale_are_named_by_the_vendors_column(org):
    rows = [("AO-HT1", "K", answers({"hme1": 6})), ("AO-HT1", "K", answers({"nmi2": 0, "enps": "4.5"}))]
    result = run(wide_csv(rows))
    assert messages(result) == [
        "enkat.csv:2:Fråga 1: 6 is off the scale. Answers to hme1 go from 1 to 5.",
        "enkat.csv:3:Fråga 11: 0 is off the scale. Answers to nmi2 go from 1 to 10.",
        "enkat.csv:3:Fråga 13: 4.5 is not a whole number. Answers to enps are whole numbers from 0 to 10.",
    ]
    result = run(long_csv([("r1", "AO-HT1", "enps", 11)]), layout="long")
    assert messages(result) == ["enkat.csv:2:value: 11 is off the scale. Answers to enps go from 0 to 10."]
    assert nothing_stored()


def test_units_that_do_not_exist(org):
    result = run(wide_csv([("AO-HT1", "K", answers()), ("AO-HT9", "K", answers())]))
    assert messages(result) == [
        "enkat.csv:3:Enhet: There is no unit AO-HT9 in Kasam. Check the id, or import the units first."
    ]
    data = b"unit_id,item,value,count\nNOPE,respondents,,5\nNOPE,hme1,3,5\n"
    assert [m.split(": ", 1)[0] for m in messages(run(data, layout="distributions"))] == [
        "enkat.csv:2:unit_id",
        "enkat.csv:3:unit_id",
    ]
    assert nothing_stored()


def test_duplicates(org):
    rows = [("r1", "AO-HT1", "hme1", 3), ("r1", "AO-HT1", "hme2", 3), ("r1", "AO-HT1", "hme1", 4)]
    assert messages(run(long_csv(rows), layout="long")) == [
        "enkat.csv:4:item: Respondent r1 answers hme1 a second time (first on line 2)."
    ]
    rows = [("r1", "AO-HT1", "hme1", 3), ("r1", "AO-SB1", "hme2", 3)]
    assert messages(run(long_csv(rows), layout="long")) == [
        "enkat.csv:3:unit_id: Respondent r1 is in unit AO-HT1 on line 2; a respondent belongs to one unit."
    ]
    data = b"unit_id,item,value,count\nAO-HT1,respondents,,5\nAO-HT1,hme1,3,2\nAO-HT1,hme1,3,2\n"
    assert messages(run(data, layout="distributions")) == [
        "enkat.csv:4:item: This row repeats line 3: the same unit, item and value."
    ]
    data = b"unit_id,item,value,count\nAO-HT1,respondents,,5\nAO-HT1,respondents,,6\n"
    assert messages(run(data, layout="distributions")) == [
        "enkat.csv:3:item: This row repeats line 2: the same unit, item and value."
    ]
    assert nothing_stored()


def test_distributions_must_add_up(org):
    data = (
        b"unit_id,item,value,count\n"
        b"AO-HT1,respondents,,3\nAO-HT1,hme1,3,2\nAO-HT1,hme1,4,2\n"
        b"AO-SB1,hme1,3,9\n"
        b"IFO-BU,respondents,5,9\nIFO-BU,enps,3,x\n"
    )
    assert messages(run(data, layout="distributions")) == [
        "enkat.csv:6:value: Leave value empty on a respondents row: its count is the number who answered.",
        "enkat.csv:7:count: The count must be a whole number, 0 or more, not x.",
    ]
    data = (
        b"unit_id,item,value,count\n"
        b"AO-HT1,respondents,,3\nAO-HT1,hme1,3,2\nAO-HT1,hme1,4,2\n"
        b"AO-SB1,hme1,3,9\n"
    )
    assert messages(run(data, layout="distributions")) == [
        "enkat.csv:2:count: 4 answers to hme1, but this row says only 3 answered. An item cannot have more "
        "answers than there are respondents.",
        "enkat.csv:5:unit_id: Unit AO-SB1 has answers but no respondents row: add a row with item "
        "respondents and the number who answered in count.",
    ]
    assert nothing_stored()


def test_an_empty_file(org):
    assert messages(run(b"", layout="long")) == [
        "enkat.csv:1:respondent_id: The file is empty. It should start with a header row: respondent_id, "
        "unit_id, item, value."
    ]
    assert messages(run(b"respondent_id,unit_id,item,value\n", layout="long")) == [
        "enkat.csv:1:respondent_id: The file has a header row but no data rows below it."
    ]
    assert messages(run(wide_csv([("AO-HT1", "K", {})]))) == [
        "enkat.csv: No one has answered in this file, so there is nothing to import."
    ]
    assert nothing_stored()


def test_missing_columns_and_a_bad_mapping(org):
    result = run(wide_csv([("AO-HT1", "K", answers())]), mapping="Avdelning = unit_id")
    assert messages(result) == ["enkat.csv:1:avdelning: The column avdelning is missing from the header row."]
    result = run(wide_csv([("AO-HT1", "K", answers())]), mapping="Fråga 1 = hme1, Fråga 2 = HME1, Fråga 3")
    assert messages(result) == [
        "mapping:2:Fråga 2: hme1 is already given to the column Fråga 1 in entry 1.",
        "mapping:3:Fråga 3: Write each entry as “vendor column = item id”, for example “Fråga 1 = hme1”, "
        "not “Fråga 3”.",
    ]
    assert nothing_stored()


def test_the_same_survey_twice_is_refused(org):
    data = wide_csv([("AO-HT1", "K", answers())] * 5)
    assert run(data).ok
    again = run(data, name="Another name")
    assert messages(again) == [
        "enkat.csv: This file has already been imported, as the survey “Medarbetarenkät” 2026. Nothing was "
        "imported again."
    ]
    other_file = wide_csv([("AO-HT1", "M", answers())] * 5)
    same_name = run(other_file, filename="ny.csv", name="medarbetarenkät ")
    assert messages(same_name) == [
        "ny.csv: There is already a survey “medarbetarenkät” for 2026. Nothing was imported. If this is "
        "another survey, give it another name."
    ]
    assert run(other_file, filename="ny.csv", year=2025).ok
    assert Survey.objects.count() == 2


def test_name_year_and_k_are_checked(org):
    result = run(wide_csv([("AO-HT1", "K", answers())]), name=" ", year=1850, k=2)
    assert messages(result) == [
        "enkat.csv: Give the survey a name, for example “Medarbetarenkät”.",
        "enkat.csv: The year must be between 1900 and 2100, not 1850.",
        "enkat.csv: The anonymity threshold k must be a whole number of at least 3, not 2.",
    ]
    assert nothing_stored()
