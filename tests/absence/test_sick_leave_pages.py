"""The sick-leave pages read the stored series; managers, HR and leadership see every unit, the
committee only what passes the disclosure gate."""

from datetime import date

import pytest
from django.urls import reverse

from kasam.absence.models import SickLeaveMonth, SickLeavePeriod

ROLLING = (date(2025, 11, 1), date(2026, 10, 31))
YEAR = (date(2025, 1, 1), date(2025, 12, 31))
# unit: persons. AO (38) = Hemtjänst Norr (30) + Solgården (8); Solgården is too small, and AO minus
# Hemtjänst Norr would give it away, so Hemtjänst Norr is hidden from the committee as well.
PERSONS = {"SOC": 100, "AO": 38, "AO-HT1": 30, "AO-HT1-A": 14, "AO-SB1": 8, "IFO": 40, "IFO-BU": 25}
# The gate's decision the refill stores with the rows (these rows are written by hand).
COMMITTEE_HIDDEN = {"AO-SB1", "AO-HT1"}


def period_row(
    unit_id, start, end, kind, group="all", persons=None, sick_per_person=60.0, split_hidden=False
):
    persons = PERSONS[unit_id] if persons is None else persons
    gated_hidden = unit_id in COMMITTEE_HIDDEN or split_hidden
    return SickLeavePeriod(
        unit_id=unit_id, start=start, end=end, kind=kind, group=group, persons=persons,
        ordinary_hours=1000.0 * persons, sick_hours=sick_per_person * persons,
        long_sick_hours=20.0 * persons, max_person_sick_hours=sick_per_person * 2,
        occasions=persons, repeated_short_term_persons=1, ha_persons=persons, ha_healthy_0=persons // 4,
        ha_healthy_5=persons // 2, split_hidden=split_hidden, gated_hidden=gated_hidden,
    )  # fmt: skip


@pytest.fixture
def series(org):
    rows = []
    for unit_id in PERSONS:
        rows.append(period_row(unit_id, *ROLLING, "rolling12"))
        rows.append(period_row(unit_id, *YEAR, "year"))
    # The groups of SOC in 2025: women 85, men 15, ≤ 29: 9 (hidden), 30–49: 50, ≥ 50: 41 (its partner).
    for group, persons in (("K", 85), ("M", 15), ("-29", 9), ("30-49", 50), ("50-", 41)):
        rows.append(
            period_row(
                "SOC", *YEAR, "year", group=group, persons=persons, split_hidden=group in {"-29", "50-"}
            )
        )
    SickLeavePeriod.objects.bulk_create(rows)
    months = []
    for unit_id, persons in PERSONS.items():
        for index in range(24):
            month = date(2024 + (10 + index) // 12, (10 + index) % 12 + 1, 1)  # Nov 2024 … Oct 2026
            months.append(
                SickLeaveMonth(
                    unit_id=unit_id, month=month, persons=persons, ordinary_hours=100.0 * persons,
                    sick_hours=(8.0 if month < ROLLING[0] else 6.0) * persons, long_sick_hours=2.0 * persons,
                    sick_hours_1_14=2.0 * persons, sick_hours_15_59=2.0 * persons, sick_hours_60_89=persons,
                    sick_hours_90_179=persons, sick_hours_180_364=0.0, sick_hours_365=0.0, occasions=1,
                )
            )  # fmt: skip
    SickLeaveMonth.objects.bulk_create(months)


OVERVIEW = {"omradeschef": 200, "ledning": 200, "halsostrateg": 200, "hr": 200, "politiker": 200}


@pytest.mark.parametrize("username", ["medarbetare", "enhetschef", "omradeschef", "ledning", "halsostrateg",
                                      "hr", "politiker", "dialogcoach"])  # fmt: skip
def test_each_role_reaches_the_sick_leave_pages_its_role_allows(client, personas, series, username):
    client.force_login(personas[username])
    overview = client.get(reverse("absence:overview"))
    if username == "enhetschef":
        assert overview.status_code == 302 and overview["Location"] == reverse(
            "absence:unit", args=["AO-HT1"]
        )
    else:
        assert overview.status_code == OVERVIEW.get(username, 403)
    own = {"enhetschef", "omradeschef", "ledning", "halsostrateg", "hr", "politiker"}
    assert client.get(reverse("absence:unit", args=["AO-HT1"])).status_code == (
        200 if username in own else 404
    )
    other = {"ledning", "halsostrateg", "hr", "politiker"}
    assert client.get(reverse("absence:unit", args=["IFO-BU"])).status_code == (
        200 if username in other else 404
    )
    report = client.get(reverse("absence:annual-report"))
    assert report.status_code == (200 if username in OVERVIEW else 403)


def test_hr_sees_every_unit_with_its_figure_and_trend(client, personas, series):
    client.force_login(personas["hr"])
    html = client.get(reverse("absence:overview")).content.decode()
    # 60 sick hours per 1,000 ordinary hours: 6,0 %; the 12 months before had 8 per 100: −2,0 pp.
    assert "Solgården" in html and "6,0\u00a0%" in html
    assert "\u22122,0\u00a0procentenheter" in html
    assert "visas inte" not in html


def test_the_committee_sees_small_units_and_their_complement_hidden(client, personas, series):
    client.force_login(personas["politiker"])
    html = client.get(reverse("absence:overview")).content.decode()
    assert html.count("visas inte: för få anställda") == 2  # Solgården and Hemtjänst Norr
    assert "procentenheter" not in html.split("Enheter sida vid sida")[1]  # no trends for gated units
    assert "Månad för månad" not in html  # no monthly heat map for the committee
    unit = client.get(reverse("absence:unit", args=["AO-SB1"])).content.decode()
    assert "för få anställda" in unit and "6,0\u00a0%" not in unit


def test_the_annual_report_hides_a_small_age_group_and_its_partner(client, personas, series):
    client.force_login(personas["halsostrateg"])
    html = client.get(reverse("absence:annual-report"), {"year": 2025}).content.decode()
    rows = [line for line in html.splitlines() if "<tr><th" in line]
    shown = {line.split("</th>")[0].split(">")[-1]: line.split('"number">')[1].split("<")[0] for line in rows}
    assert shown["Sjukfrånvaro, 29 år eller yngre"] == "visas inte"
    assert shown["Sjukfrånvaro, 50 år eller äldre"] == "visas inte"  # the smallest partner
    assert shown["Sjukfrånvaro, 30–49 år"] == "6,0\u00a0%"
    assert shown["Total sjukfrånvaro i procent av ordinarie arbetstid"] == "6,0\u00a0%"
    assert shown["Sjukfrånvaro, män"] == "6,0\u00a0%"


def test_the_unit_page_leads_with_what_improved(client, personas, series):
    client.force_login(personas["enhetschef"])
    html = client.get(reverse("absence:unit", args=["AO-HT1"])).content.decode()
    assert "Det här har blivit bättre" in html
    assert "Sjukfrånvaron är 2,0 procentenheter lägre än de 12 månaderna innan." in html
    assert html.index("Frisknärvaro") < html.index("Sjukfrånvaro</dt>")
    assert "<svg" in html and "Visa som tabell" in html
