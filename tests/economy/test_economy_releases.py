"""The committee's /ekonomi/ reads the cost of sick leave from the latest release only, never live
(docs/anonymity.md "Sick leave"); HR, managers and leadership keep the live figures.

The organisation: the shared test tree with a refill of the stored series over
- Hemtjänst Norr (AO-HT1) with 20 staff of its own, each sick a little;
- Barn och unga (IFO-BU) with 12 persons, each sick a little;
- Solrosen (AO-SR), a new unit of 5 persons under Äldreomsorg, each sick 6 days: too small to show.
"""

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse
from staff_helpers import sick

from kasam.absence.series import refill_series
from kasam.org.models import Unit
from kasam.releases.publish import publish
from kasam.site.imports import import_file

PERIOD = "2026-T2"  # January–August 2026, ended on the conftest's day (25 November 2026)


pytestmark = pytest.mark.usefixtures("english")


def cost_cells(client, user) -> dict[str, list[float]]:
    """Unit → (sick days 1–14, sick days 15–90, cost, one point lower is worth) as the page shows them."""
    client.force_login(user)
    html = client.get(reverse("economy:overview")).content.decode()
    if 'id="sick-leave-costs"' not in html:
        return {}
    table = html.split('id="sick-leave-costs"')[1].split("</table>")[0]
    found = {}
    for unit, row in re.findall(r'<tr data-unit="([\w-]+)">(.*?)</tr>', table, re.S):
        cells = [unescape(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        numbers = [float(re.sub(r"[\s\u202f\xa0]", "", c).replace(",", ".")) for c in cells[1:6]]
        found[unit] = [numbers[0], numbers[1], numbers[3], numbers[4]]
    return found


def page(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("economy:overview")).content.decode()


def test_the_committee_sees_the_releases_costs_and_its_name(client, staffed):
    release = publish("sick-leave", PERIOD)
    seen = cost_cells(client, staffed["politiker"])
    assert set(seen) == set(release.figures) & set(Unit.objects.values_list("pk", flat=True))
    assert "AO-SR" not in seen  # the release does not show it
    for unit, cells in seen.items():
        stored = release.figures[unit]["cost"]
        expected = [stored["short_days"], stored["mid_days"], stored["cost_short"] + stored["cost_mid"]]
        expected.append(stored["worth_one_point"])
        assert cells == pytest.approx([round(expected[0], 1), round(expected[1], 1), *expected[2:]], abs=0.5)
    html = page(client, staffed["politiker"])
    assert "Interim report January–August 2026" in html
    assert "1 Jan 2026 – 31 Aug 2026" in html  # the release's period beside its cost model


def test_a_change_after_the_release_changes_hrs_page_but_not_the_committees(client, staffed):
    publish("sick-leave", PERIOD)
    committee, hr = cost_cells(client, staffed["politiker"]), cost_cells(client, staffed["hr"])
    sick("BU0", date(2026, 3, 20), 10)  # a late absence in the released period
    refill_series()
    assert cost_cells(client, staffed["politiker"]) == committee
    assert cost_cells(client, staffed["hr"])["IFO-BU"] != hr["IFO-BU"]


def test_before_the_first_release_the_committee_is_told_and_sees_no_cost(client, staffed):
    html = page(client, staffed["politiker"])
    assert "No sick-leave figures have been published yet" in html
    assert 'id="sick-leave-costs"' not in html
    assert 'id="sick-leave-costs"' in page(client, staffed["hr"])  # live, as before


def test_a_later_ended_period_not_yet_published_is_named(client, staffed, settings):
    publish("sick-leave", "2026-T1")
    html = page(client, staffed["politiker"])
    assert "Interim report January–April 2026" in html
    assert "The figures for interim report January–August 2026 are not published yet" in html


def test_sick_leave_after_a_reorganisation(client, staffed):
    """Sick leave after a reorganisation: the committee saw /ekonomi/ live, through the gate's stored
    decision, with each unit's cost computed on today's tree. Moving the hidden 5-person Solrosen
    from Äldreomsorg to Individ- och familjeomsorg (`kasam import units`) raised IFO's sick days 1–14
    by exactly Solrosen's 30 and its cost by exactly Solrosen's 102 000 kr (and lowered Äldreomsorg's
    as much) until the next refill: the committee read five persons' sick leave off the difference.
    Now the committee reads the release, so before and after the move it sees the identical
    figures."""
    publish("sick-leave", PERIOD)
    hr_before = cost_cells(client, staffed["hr"])
    before = cost_cells(client, staffed["politiker"])
    assert "AO-SR" not in before and {"SOC", "AO", "IFO"} <= set(before)
    moved = "unit_id,parent_id,name,kind,activity\nAO-SR,IFO,Solrosen,unit,särskilt boende\n"
    result = import_file("units", moved.encode(), "units.csv")
    assert not result.errors and result.updated == 1
    assert cost_cells(client, staffed["politiker"]) == before
    # The live figures move by the hidden unit's (HR sees them unsuppressed, by duty) with the refill
    # the import enqueues: the stored cost of sick leave is written with the series.
    refill_series()
    assert cost_cells(client, staffed["politiker"]) == before
    hr_after = cost_cells(client, staffed["hr"])
    assert hr_after["IFO"][0] - hr_before["IFO"][0] == pytest.approx(hr_before["AO-SR"][0], abs=0.1)
