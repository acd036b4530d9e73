"""The average of units with the same activity cannot be used to read a hidden unit's sick leave.

The attack, on the old code: Hemtjänst Norr's unit manager sees the own unit live (6.0 %) and, beside
it, the average of all hemtjänst units, hours pooled: 6.6 %. The only other hemtjänst unit is
Hemtjänst Syd, four persons the gate hides from everyone else. With the own unit's hours (30 persons ×
1,000) the manager solved the pool for Hemtjänst Syd: (0.066 × 34,000 − 1,800) / 4,000 = 11.1 %, its
exact sick leave. Now the average pools the units the gate shows and the viewer's own live units only.
"""

from datetime import date

import pytest
from django.urls import reverse

from kasam.absence.models import SickLeavePeriod
from kasam.org.models import Unit

ROLLING = (date(2025, 11, 1), date(2026, 10, 31))
# unit: (persons, sick hours per person of 1,000 ordinary hours, hidden by the gate)
ROWS = {
    "SOC": (100, 60.0, False),
    "AO": (50, 60.0, False),
    "AO-HT1": (30, 60.0, False),
    "AO-HT1-A": (14, 60.0, False),
    "AO-HT2": (4, 111.0, True),
    "AO-SB1": (8, 60.0, True),
    "IFO": (40, 60.0, False),
    "IFO-BU": (25, 50.0, False),
}


@pytest.fixture
def stored(org):
    Unit.objects.create(
        id="AO-HT2", parent_id="AO", name="Hemtjänst Syd", kind="unit", activity="hemtjänst",
        path=f"{org['AO'].path}AO-HT2/",
    )  # fmt: skip
    SickLeavePeriod.objects.bulk_create(
        SickLeavePeriod(
            unit_id=unit_id,
            start=ROLLING[0],
            end=ROLLING[1],
            kind="rolling12",
            group="all",
            persons=persons,
            ordinary_hours=1000.0 * persons,
            sick_hours=sick * persons,
            long_sick_hours=0.0,
            max_person_sick_hours=sick * 2,
            occasions=persons,
            repeated_short_term_persons=0,
            ha_persons=persons,
            ha_healthy_0=0,
            ha_healthy_5=0,
            split_hidden=False,
            gated_hidden=hidden,
        )  # fmt: skip
        for unit_id, (persons, sick, hidden) in ROWS.items()
    )


def average_on_unit_page(client, user, unit_id="AO-HT1"):
    client.force_login(user)
    response = client.get(reverse("absence:unit", args=[unit_id]))
    assert response.status_code == 200
    return response.context["activity_pct"]


def average_on_overview(client, user):
    client.force_login(user)
    response = client.get(reverse("absence:overview"))
    assert response.status_code == 200
    return {row.activity: row.sick_leave_pct for row in response.context["activities"]}


def test_the_manager_cannot_take_the_own_unit_out_of_the_average(client, personas, stored):
    average = average_on_unit_page(client, personas["enhetschef"])
    # Only Hemtjänst Norr is pooled: its own figure, nothing of Hemtjänst Syd.
    assert average == pytest.approx(6.0)


def test_the_area_manager_sees_its_hidden_unit_in_the_average_as_it_sees_it_live(client, personas, stored):
    # Hemtjänst Syd is in Äldreomsorg: the area manager sees it live, so the pool may hold it.
    pooled = (60.0 * 30 + 111.0 * 4) / (1000.0 * 34) * 100
    assert average_on_unit_page(client, personas["omradeschef"]) == pytest.approx(pooled)
    assert average_on_overview(client, personas["omradeschef"])["hemtjänst"] == pytest.approx(pooled)


def test_hr_over_the_organisation_pools_every_unit_of_the_activity(client, personas, stored):
    pooled = (60.0 * 30 + 111.0 * 4) / (1000.0 * 34) * 100
    assert average_on_unit_page(client, personas["hr"]) == pytest.approx(pooled)
