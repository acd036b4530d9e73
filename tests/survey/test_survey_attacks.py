"""Attacks on the survey's anonymity, each played against the real import, pages and export (k = 5).

The survey, imported item by item on the tree of tests/conftest.py:

    Hemtjänst Norr (AO-HT1)   6 women, 5 men
    Grupp Lärkan (AO-HT1-A)   3 women who answer hme1 = 1 and eNPS = 2 – too few to be shown
    Solgården (AO-SB1)        9 women and 1 man
    Barn och unga (IFO-BU)    6 women
"""

import csv
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from survey_helpers import MAPPING, answers, wide_csv

from kasam.survey.actions import import_survey

pytestmark = pytest.mark.django_db

K = 5
SECRET = {"hme1": 1, "enps": 2}  # Grupp Lärkan's answers, which no one may learn

UNITS_CSV = """unit_id,parent_id,name,kind,activity
SOC,,Socialförvaltningen,förvaltning,
AO,SOC,Äldreomsorg,område,
AO-HT1,AO,Hemtjänst Norr,enhet,hemtjänst
AO-HT1-A,{lärkan_parent},Grupp Lärkan,arbetsgrupp,hemtjänst
AO-SB1,AO,Solgården,enhet,särskilt boende
IFO,SOC,Individ- och familjeomsorg,område,
IFO-BU,IFO,Barn och unga,enhet,IFO
"""


def survey_file() -> bytes:
    rows = (
        [("AO-HT1", "K", answers())] * 6
        + [("AO-HT1", "M", answers({"hme1": 3}))] * 5
        + [("AO-HT1-A", "K", answers(SECRET))] * 3
        + [("AO-SB1", "K", answers())] * 9
        + [("AO-SB1", "M", answers({"hme2": 1, "hme5": 2, "nmi1": 3, "enps": 0}))]
        + [("IFO-BU", "K", answers())] * 6
    )
    return wide_csv(rows)


def imported():
    result = import_survey(survey_file(), "enkat.csv", name="Medarbetarenkät", year=2026, mapping=MAPPING)
    assert result.ok, [str(m) for m in result.errors]
    return result


def committee_export(client, user, survey_id: int) -> dict[tuple[str, str], list[str]]:
    client.force_login(user)
    response = client.get(reverse("survey:export", kwargs={"survey_id": survey_id, "fmt": "csv"}))
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    # Keyed by unit and group; the parent column is left out: it may name today's parent.
    return {(line[0], line[3]): line[4:] for line in lines[1:]}


def unit_page_figures(client, user, survey_id: int, unit_id: str) -> str:
    client.force_login(user)
    response = client.get(reverse("survey:unit", kwargs={"survey_id": survey_id, "unit_id": unit_id}))
    assert response.status_code == 200
    html = response.content.decode()
    table = html.split('id="unit-figures"')[1].split("</table>")[0] if 'id="unit-figures"' in html else ""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", table)).strip()


def move_lärkan(tmp_path, parent: str) -> None:
    path = tmp_path / f"units-{parent}.csv"
    path.write_text(UNITS_CSV.format(lärkan_parent=parent), encoding="utf-8")
    call_command("import", "units", str(path), "--lang", "en", stdout=io.StringIO())


def number(cell: str) -> float:
    return float(cell.replace(",", ".").replace("−", "-"))


def derived_sums(before: dict, after: dict) -> dict[str, dict]:
    """What the two exports give away: for a unit shown in both whose respondents changed, the
    difference of (respondents × figure) – a hidden group's sum of item indices and eNPS balance."""
    found = {}
    for key, row in before.items():
        other = after.get(key)
        if other is None or row[0] != "Yes" or other[0] != "Yes" or row[1] == other[1]:
            continue
        n0, n1 = int(row[1]), int(other[1])
        found[key[0]] = {"respondents": n1 - n0}
        for column, (x, y) in enumerate(zip(row[2:], other[2:], strict=True)):
            if x and y:
                found[key[0]][column] = round(n1 * number(y) - n0 * number(x), 1)
    return found


def test_moving_a_hidden_unit_under_a_shown_one_gives_nothing_away(client, personas, tmp_path):
    """Attack 2: the survey gate recomputed on today's tree.

    On the old code the gate ran over TODAY's tree, the hidden Grupp Lärkan carrying its stored
    counts with it. Moving it from Hemtjänst Norr to Solgården with `kasam import units` changed the
    committee's export: Solgården went from 10 to 13 respondents and Hemtjänst Norr from 14 to 11, so
    respondents × figure after minus before gave the three's exact sums – Hemtjänst Norr's HME total
    −200.1 (their three totals add up to 200.1), motivation −150.6, and an eNPS balance of −300 (all
    three answered 0–6); Solgården's page said the same with the opposite sign. Moving it back
    restored every figure: no trace. Now the survey keeps the tree it was imported on and the
    decision made then; the export and the pages are the same before and after."""
    survey_id = imported().survey_id
    committee = personas["politiker"]
    export_before = committee_export(client, committee, survey_id)
    page_before = unit_page_figures(client, committee, survey_id, "AO-SB1")

    move_lärkan(tmp_path, "AO-SB1")
    export_after = committee_export(client, committee, survey_id)
    page_after = unit_page_figures(client, committee, survey_id, "AO-SB1")

    assert derived_sums(export_before, export_after) == {}
    assert export_after == export_before
    assert page_after == page_before
    move_lärkan(tmp_path, "AO-HT1")
    assert committee_export(client, committee, survey_id) == export_before


def test_no_stored_row_describes_fewer_than_k_persons(org):
    """Attack 6: distributions stored per unit × gender with one respondent.

    On the old code the one man of Solgården had a row of his own: survey_unitrespondents held
    (AO-SB1, M, 1) and survey_distribution his whole answer vector (hme2 = 1, hme5 = 2, nmi1 = 3,
    eNPS 0 …), readable by anyone with the database; Grupp Lärkan's three women had theirs too. Now
    every stored respondents row, and every stored item of every stored group, counts at least k."""
    imported()
    with connection.cursor() as cursor:
        cursor.execute("SELECT unit_id, gender, respondents FROM survey_unitrespondents")
        respondents = cursor.fetchall()
        cursor.execute(
            "SELECT unit_id, gender, item, SUM(count) FROM survey_distribution "
            "GROUP BY survey_id, unit_id, gender, item"
        )
        items = cursor.fetchall()
    assert respondents and items
    assert [row for row in respondents if row[2] < K] == []
    assert [row for row in items if row[3] < K] == []
    # The one man's answers are nowhere on their own: no cell holds his hme2 = 1 apart from others.
    assert ("AO-SB1", "M") not in {(unit, gender) for unit, gender, _n in respondents}
