"""The economics page: who may see it, the cost model printed beside the estimate, the committee kept
to what the sick-leave gate shows, and the cost model's form."""

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from kasam.absence.models import Absence, SickLeavePeriod
from kasam.economy.models import CostModel, UnitSalary
from kasam.org.models import Employment
from kasam.releases.models import Release

ROLLING = (date(2025, 11, 1), date(2026, 10, 31))
READERS = {"enhetschef", "omradeschef", "ledning", "halsostrateg", "hr", "politiker"}
ALL = READERS | {"medarbetare", "dialogcoach"}


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def sick(personas):
    """P1 of Hemtjänst Norr sick 1–20 March 2026 (14 days 1–14, 6 days 15–90); the stored rolling
    period makes every unit but the organisation small enough for the gate to hide from the committee."""
    Absence.objects.create(
        person_id="P1", start_date=date(2026, 3, 1), end_date=date(2026, 3, 20), extent=100, kind="sjuk"
    )
    for unit in ("SOC", "AO", "AO-HT1", "AO-HT1-A", "AO-SB1", "IFO", "IFO-BU"):
        SickLeavePeriod.objects.create(
            unit_id=unit, start=ROLLING[0], end=ROLLING[1], kind="rolling12", group="all", persons=4,
            ordinary_hours=8000, sick_hours=114.3, long_sick_hours=0, max_person_sick_hours=114.3,
            occasions=1, repeated_short_term_persons=0, ha_persons=4, ha_healthy_0=3, ha_healthy_5=3,
        )  # fmt: skip
    UnitSalary.objects.create(unit_id="AO-HT1", monthly_salary_sek=30000)
    return personas


def page(client, user, name="economy:overview"):
    client.force_login(user)
    return client.get(reverse(name))


def text(response) -> str:
    html = re.sub(r"<svg.*?</svg>", "", response.content.decode(), flags=re.S)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def cost_units(response) -> list[str]:
    table = response.content.decode().split('id="sick-leave-costs"')[1].split("</table>")[0]
    return re.findall(r'data-unit="([\w-]+)"', table)


@pytest.mark.parametrize("username", sorted(ALL))
def test_the_page_follows_the_sick_leave_scope(client, personas, username):
    assert page(client, personas[username]).status_code == (200 if username in READERS else 403)
    manage = page(client, personas[username], "economy:cost-model").status_code
    assert manage == (200 if username in {"halsostrateg", "hr"} else 403)


def test_the_cost_is_shown_with_the_model_beside_it(client, sick):
    response = page(client, sick["halsostrateg"])
    content = text(response)
    assert (
        "each sick day 1–14 of a sick case costs 10,0 % of a monthly salary, each day 15–90 2,5 %" in content
    )
    assert "or 34 000 kr a month where the unit has none" in content
    row = re.search(r'<tr data-unit="AO-HT1">(.*?)</tr>', response.content.decode(), re.S).group(1)
    cells = [unescape(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    # 14 × 10 % × 30,000 + 6 × 2.5 % × 30,000 = 46,500 SEK; one point lower removes 365 / 2,000 of
    # P1's 20 sick days' hours (ordinary 40/7 × 365): worth 46,500 × 0.1825 = 8,486.
    assert cells[1:6] == ["14,0", "6,0", "30\u202f000", "46\u202f500", "8\u202f486"]
    assert cost_units(response) == ["SOC", "AO", "AO-HT1", "AO-HT1-A", "AO-SB1", "IFO", "IFO-BU"]


def test_the_committee_sees_the_cost_only_where_the_release_shows_sick_leave(client, sick):
    """The committee reads the latest release: here one that shows the organisation only (written by
    hand: the builder is tested in tests/economy/test_economy_releases.py)."""
    quantities = dict(persons=40, ordinary_hours=8000.0, sick_hours=114.3, long_sick_hours=0.0, occasions=1,
                      ha_persons=40, ha_healthy_0=30, ha_healthy_5=35)  # fmt: skip
    cost = dict(short_days=14.0, mid_days=6.0, cost_short=47600.0, cost_mid=5100.0, worth_one_point=9000.0,
                salary=34000.0)  # fmt: skip
    Release.objects.create(
        kind="sick-leave", period="2026-T2", start=date(2026, 1, 1), end=date(2026, 8, 31),
        published_by="hr", roots=["SOC"], figures={"SOC": {**quantities, "groups": {}, "cost": cost}},
        settings={"cost": {"short_factor": 0.1, "mid_factor": 0.025, "default_salary": 34000.0}},
    )  # fmt: skip
    response = page(client, sick["politiker"])
    assert cost_units(response) == ["SOC"]
    row = re.search(r'<tr data-unit="SOC">(.*?)</tr>', response.content.decode(), re.S).group(1)
    cells = [unescape(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells == ["1,4 %", "14,0", "6,0", "34 000", "52 700", "9 000"]
    assert "6 units are not shown, so that no one's sick leave can be worked out." in text(response)
    assert "Interim report January–August 2026" in text(response)


def test_a_unit_manager_sees_the_units_of_the_scope(client, sick):
    assert cost_units(page(client, sick["enhetschef"])) == ["AO-HT1", "AO-HT1-A"]


def test_the_cost_model_is_edited_and_used(client, sick):
    client.force_login(sick["hr"])
    url = reverse("economy:cost-model")
    refused = client.post(
        url, {"short_factor_pct": "150", "mid_factor_pct": "2.5", "default_salary_sek": "34000"}
    )
    assert refused.status_code == 200 and not CostModel.objects.exists()
    client.post(url, {"short_factor_pct": "20", "mid_factor_pct": "5", "default_salary_sek": "36000"})
    assert CostModel.current().updated_by == sick["hr"]
    row = re.search(
        r'<tr data-unit="AO-HT1">(.*?)</tr>', page(client, sick["hr"]).content.decode(), re.S
    ).group(1)
    assert "93\u202f000" in unescape(row)  # doubled factors, the unit's own salary
    assert Employment.objects.exists()


def test_overtime_and_substitutes_sum_the_viewers_top_unit_subtree_per_year(client, personas):
    from kasam.site.imports import import_file

    costs = (
        "month,unit_id,overtime_sek,substitute_sek\n"
        "2025-01,AO-HT1,12000,30000\n2025-02,AO-HT1-A,11000,29000\n"
        "2026-03,AO-SB1,500,700\n2026-03,IFO-BU,99999,99999\n"
    )
    assert not import_file("costs", costs.encode(), "costs.csv").errors
    client.force_login(personas["omradeschef"])  # Äldreomsorg: not Barn och unga's costs
    html = client.get(reverse("economy:overview")).content.decode()
    table = html.split('id="yearly-costs"')[1].split("</table>")[0]
    rows = re.findall(
        r'<th scope="row">(\d+)</th><td class="number">([^<]+)</td><td class="number">([^<]+)</td>', table
    )
    assert rows == [("2025", "23\u202f000", "59\u202f000"), ("2026", "500", "700")]
    # Kept between views until costs are imported again (kasam.core.generations).
    later = "month,unit_id,overtime_sek,substitute_sek\n2026-04,AO-SB1,1000,300\n"
    assert not import_file("costs", later.encode(), "costs.csv").errors
    html = client.get(reverse("economy:overview")).content.decode()
    assert (
        '<th scope="row">2026</th><td class="number">1\u202f500</td><td class="number">1\u202f000</td>'
        in html
    )
