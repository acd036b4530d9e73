"""The committee may not work out a hidden unit's cost of sick leave from /ekonomi/ by subtraction:
the units it sees follow the remainder rule decided when the series are refilled (docs/anonymity.md).

The organisation (the shared test tree, filled by a refill of the stored series):
- Äldreomsorg (AO) has 2 staff of its own, never sick;
- Solgården (AO-SB1) has 9 persons, one of whom holds nearly all of its sick days: hidden;
- Hemtjänst Norr (AO-HT1) has 20 staff of its own, each sick a little, and Grupp Lärkan (AO-HT1-A)
  its one person: Lärkan is hidden, Hemtjänst Norr passes on its own;
- Barn och unga (IFO-BU) has 12 persons, each sick a little, so IFO and IFO-BU pass.
AO minus Hemtjänst Norr is AO's own 2 staff and Solgården: 11 persons, but one holds more than half
of the sick hours, so Hemtjänst Norr must be hidden too.
"""

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse
from staff_helpers import hire, sick

from kasam.absence.figures import hidden_units
from kasam.absence.models import SickLeavePeriod
from kasam.absence.series import refill_series
from kasam.releases.publish import publish

# The conftest's tree, unit → parent.
PARENT = {
    "SOC": None,
    "AO": "SOC",
    "AO-HT1": "AO",
    "AO-HT1-A": "AO-HT1",
    "AO-SB1": "AO",
    "IFO": "SOC",
    "IFO-BU": "IFO",
}


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def dominated(personas):
    for number in range(2):
        hire(f"AO-OWN{number}", "AO")
    for number in range(8):
        hire(f"SB{number}", "AO-SB1")
    sick("P3", date(2026, 3, 2), 20)  # days 1–14 and 15–20 of one case
    sick("SB0", date(2026, 4, 6), 2)
    for number in range(19):
        hire(f"HT{number}", "AO-HT1")
    for index, person in enumerate(["P1", *(f"HT{n}" for n in range(19))]):
        sick(person, date(2026, 1 + index % 9, 5), 3)
    for number in range(11):
        hire(f"BU{number}", "IFO-BU")
    for index, person in enumerate(["P4", *(f"BU{n}" for n in range(11))]):
        sick(person, date(2026, 1 + index % 9, 12), 2)
    refill_series()
    return personas


def cost_cells(client, user) -> dict[str, list[float]]:
    """Unit → (sick days 1–14, sick days 15–90, cost, one point lower is worth) as the page shows them."""
    client.force_login(user)
    html = client.get(reverse("economy:overview")).content.decode()
    table = html.split('id="sick-leave-costs"')[1].split("</table>")[0]
    found = {}
    for unit, row in re.findall(r'<tr data-unit="([\w-]+)">(.*?)</tr>', table, re.S):
        cells = [unescape(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        numbers = [float(re.sub(r"[\s\u202f\xa0]", "", c).replace(",", ".")) for c in cells[1:6]]
        found[unit] = [numbers[0], numbers[1], numbers[3], numbers[4]]
    return found


def nearest_shown_below(unit: str, shown: set[str]) -> list[str]:
    found, stack = [], [u for u, parent in PARENT.items() if parent == unit]
    while stack:
        current = stack.pop()
        if current in shown:
            found.append(current)
        else:
            stack.extend(u for u, parent in PARENT.items() if parent == current)
    return found


def test_the_committee_cannot_subtract_its_way_to_a_hidden_units_cost(client, dominated):
    """On the old gate (a head count of the remainder), the committee saw AO and Hemtjänst Norr: AO
    minus Hemtjänst Norr gave 16.0 sick days 1–14, 6.0 days 15–90, 59 500 kr and the worth of one
    point lower of Solgården, whose sick days are one person's: exactly its hidden figures."""
    publish("sick-leave", "2026-T2")  # the committee reads the release of January–August 2026
    everything = cost_cells(client, dominated["hr"])
    hidden = everything["AO-SB1"]
    # P3's 20 days (14 + 6) and SB0's 2: 16 × 10 % and 6 × 2.5 % of 34 000 kr.
    assert hidden[:3] == [16.0, 6.0, 59_500.0]
    seen = cost_cells(client, dominated["politiker"])
    assert "AO-SB1" not in seen and "SOC" in seen and "AO" in seen
    for unit, cells in seen.items():
        below = nearest_shown_below(unit, set(seen))
        if not below:
            continue
        remainder = [cells[i] - sum(seen[b][i] for b in below) for i in range(4)]
        assert not all(abs(r - h) <= 1 for r, h in zip(remainder, hidden, strict=True)), (unit, below)


def test_the_refill_stores_the_gates_decision_for_every_stored_period(dominated):
    """The decision needs each person's hours, so the refill makes it and stores it with the rows."""
    stored = SickLeavePeriod.objects.filter(group="all")
    periods = set(stored.values_list("start", "end"))
    assert (date(2025, 11, 1), date(2026, 10, 31)) in periods and (
        date(2026, 1, 1),
        date(2026, 11, 25),
    ) in periods
    for start, end in periods:
        rows = stored.filter(start=start, end=end)
        hidden = set(rows.filter(gated_hidden=True).values_list("unit_id", flat=True))
        assert hidden == {"AO-HT1", "AO-HT1-A", "AO-SB1"}, (start, end)
        assert hidden_units(start, end) == hidden
    # Everyone here is a woman of 46. The split rule hides the women of the two small units from every
    # viewer; Hemtjänst Norr's 21 women are hidden from the committee only, with their unit.
    women = SickLeavePeriod.objects.filter(group="K", kind="rolling12")
    assert set(women.filter(split_hidden=True).values_list("unit_id", flat=True)) == {"AO-HT1-A", "AO-SB1"}
    assert set(women.filter(gated_hidden=True).values_list("unit_id", flat=True)) == hidden


def test_the_committees_sick_leave_overview_hides_the_same_units(client, dominated):
    """On the old gate the committee's /sjukfranvaro/ showed Hemtjänst Norr's figures beside AO's:
    the same pair whose costs gave Solgården away on /ekonomi/. The committee now reads releases,
    whose builder makes the same decision."""
    publish("sick-leave", "2026-T2")
    client.force_login(dominated["politiker"])
    html = client.get(reverse("absence:overview")).content.decode()
    rows = dict(re.findall(r'href="/sjukfranvaro/enheter/([\w-]+)/">.*?</th>(.*?)</tr>', html, re.S))
    assert {u for u, row in rows.items() if "not shown" in row} == {"AO-HT1", "AO-HT1-A", "AO-SB1"}
