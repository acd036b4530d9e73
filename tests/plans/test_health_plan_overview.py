"""Above unit level: which units have a plan for the year, and how many activities are done or
overdue (the follow-up date has passed and the activity is neither done nor cancelled)."""

import re
from datetime import date

import pytest
from django.urls import reverse
from plan_helpers import add_activity, make_plan

from kasam.plans.access import readable_units
from kasam.plans.overview import overview_rows

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def plans(personas):
    # Today is 2026-11-25.
    ht1 = make_plan("AO-HT1")
    add_activity(ht1, follow_up_on=date(2026, 11, 24))  # overdue
    add_activity(ht1, follow_up_on=date(2026, 11, 25))  # due today: not overdue yet
    add_activity(ht1, follow_up_on=date(2026, 10, 1), status="ongoing")  # overdue
    add_activity(ht1, follow_up_on=date(2026, 10, 1), status="done")  # done, not overdue
    add_activity(ht1, follow_up_on=date(2026, 10, 1), status="cancelled")  # neither
    add_activity(ht1, follow_up_on=date(2027, 2, 1), status="done")  # done early
    bu = make_plan("IFO-BU")
    add_activity(bu, follow_up_on=date(2026, 6, 1))  # overdue
    add_activity(make_plan("AO-SB1", year=2027), follow_up_on=date(2026, 1, 1))  # another year
    return ht1


def test_the_overview_counts_plans_done_and_overdue(personas, plans):
    rows, totals = overview_rows(readable_units(personas["halsostrateg"]), 2026, date(2026, 11, 25))
    by_unit = {row.unit.pk: row for row in rows}
    # The units of kind enhet in the scope (and any other unit with a plan).
    assert list(by_unit) == ["AO-HT1", "AO-SB1", "IFO-BU"]
    assert (by_unit["AO-HT1"].activities, by_unit["AO-HT1"].done, by_unit["AO-HT1"].overdue) == (6, 2, 2)
    assert by_unit["AO-SB1"].plan is None and by_unit["AO-SB1"].overdue == 0
    assert (by_unit["IFO-BU"].done, by_unit["IFO-BU"].overdue) == (0, 1)
    assert (totals.units, totals.with_plan, totals.activities, totals.done, totals.overdue) == (3, 2, 7, 2, 3)


def test_the_overview_is_cut_to_the_viewer_s_scope(client, personas, plans):
    client.force_login(personas["omradeschef"])
    response = client.get(reverse("plans:overview"))
    assert [row.unit.pk for row in response.context["rows"]] == ["AO-HT1", "AO-SB1"]
    assert response.context["totals"].overdue == 2
    content = response.content.decode()
    assert "Barn och unga" not in content
    client.force_login(personas["dialogcoach"])
    rows = client.get(reverse("plans:overview")).context["rows"]
    assert [row.unit.pk for row in rows] == ["AO-SB1", "IFO-BU"]


def test_another_year_is_chosen_by_its_number(client, personas, plans):
    client.force_login(personas["halsostrateg"])
    response = client.get(reverse("plans:overview"), {"year": "2027"})
    assert response.context["year"] == 2027 and response.context["totals"].with_plan == 1
    assert client.get(reverse("plans:overview"), {"year": "x"}).context["year"] == 2026
    assert client.get(reverse("plans:overview"), {"year": "1900"}).status_code == 404


def test_a_team_s_plan_is_listed_beside_the_units(personas):
    make_plan("AO-HT1-A")
    rows, totals = overview_rows(readable_units(personas["enhetschef"]), 2026, date(2026, 11, 25))
    assert [row.unit.pk for row in rows] == ["AO-HT1", "AO-HT1-A"] and totals.with_plan == 1


def test_the_overview_lists_a_hundred_units_to_a_page_and_counts_them_all(client, personas, plans):
    from kasam.org.models import Unit

    Unit.objects.bulk_create(
        Unit(id=f"AO-X{i:03}", parent_id="AO", name=f"Enhet {i:03}", kind="unit", path=f"/SOC/AO/AO-X{i:03}/")
        for i in range(150)
    )
    client.force_login(personas["halsostrateg"])
    pages = [client.get(reverse("plans:overview") + query).content.decode() for query in ("", "?page=2")]
    listed = [set(re.findall(r'<tr id="unit-([\w-]+)">', html)) for html in pages]
    assert len(listed[0]) == 100 and len(listed[1]) == 53 and not listed[0] & listed[1]
    assert all("2 of 153" in html for html in pages)
    assert (
        'href="?year=2026&amp;page=2"'
        in client.get(reverse("plans:overview") + "?year=2026").content.decode()
    )
