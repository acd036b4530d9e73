"""The committee's sick-leave pages read releases only (docs/anonymity.md "Sick leave"): the overview
and a unit's page the latest release, the annual-report page and a unit's years the year's release,
each named on the page. HR (and every manager's role) keeps the live figures."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from test_sick_leave_pages import PERSONS, hand_release, series  # noqa: F401 (the fixture)

from kasam.absence.models import SickLeavePeriod

ROLLING = (date(2025, 11, 1), date(2026, 10, 31))


pytestmark = pytest.mark.usefixtures("english")


def get(client, user, name, *args, **params) -> str:
    client.force_login(user)
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200
    return response.content.decode()


def overview_figures(html: str) -> dict[str, str]:
    """Unit → its sick leave as the overview's table shows it ("not shown" when hidden)."""
    table = html.split('class="units"')[1].split("</table>")[0]
    found = {}
    for unit, row in re.findall(r'href="/sjukfranvaro/enheter/([\w-]+)/">.*?</th>(.*?)</tr>', table, re.S):
        cells = re.findall(r'<td class="number[^"]*"[^>]*>(.*?)</td>', row, re.S)
        found[unit] = "not shown" if "not shown" in row else cells[1]
    return found


@pytest.fixture
def released(series):  # noqa: F811
    """The interim report January–August 2026 and the annual report 2025, shown units only."""
    shown = {u: 5.0 for u in PERSONS if u not in {"AO-SB1", "AO-HT1"}}
    t2 = hand_release("2026-T2", shown)
    groups = {"K": dict(persons=85, ordinary_hours=85000.0, sick_hours=4250.0, long_sick_hours=0.0,
                        occasions=1, ha_persons=85, ha_healthy_0=20, ha_healthy_5=40)}  # fmt: skip
    year = hand_release("2025", {**shown, "SOC": 4.0}, groups={"SOC": groups})
    return t2, year


def test_the_committees_overview_shows_the_latest_release_and_names_it(client, personas, released):
    html = get(client, personas["politiker"], "absence:overview")
    figures = overview_figures(html)
    assert figures["AO-SB1"] == figures["AO-HT1"] == "not shown"
    assert figures["IFO-BU"] == "5,0\u00a0%" and figures["SOC"] == "5,0\u00a0%"  # the release's, not 6.0 live
    assert "Interim report January–August 2026" in html and "1 January 2026 to 31 August 2026" in html
    assert "The last 12 months" not in html and "not published yet" not in html
    assert overview_figures(get(client, personas["hr"], "absence:overview"))["IFO-BU"] == "6,0\u00a0%"


def test_a_live_change_reaches_hr_and_not_the_committee(client, personas, released):
    before = overview_figures(get(client, personas["politiker"], "absence:overview"))
    # A late absence file raises Barn och unga's stored rolling figure (as the next refill would).
    SickLeavePeriod.objects.filter(unit_id="IFO-BU", start=ROLLING[0], group="all").update(
        sick_hours=25 * 90.0
    )
    assert overview_figures(get(client, personas["politiker"], "absence:overview")) == before
    assert overview_figures(get(client, personas["hr"], "absence:overview"))["IFO-BU"] == "9,0\u00a0%"
    unit = get(client, personas["politiker"], "absence:unit", "IFO-BU")
    assert "5,0\u00a0%" in unit and "9,0\u00a0%" not in unit


def test_the_unit_page_shows_the_release_and_the_released_years(client, personas, released):
    html = get(client, personas["politiker"], "absence:unit", "IFO-BU")
    assert "<h2>Interim report January–August 2026</h2>" in html
    years = html.split("Year by year")[1]
    assert '<th scope="row">2025</th>' in years and "2026" not in years.split("</table>")[0]
    hidden = get(client, personas["politiker"], "absence:unit", "AO-SB1")
    assert "too few employees" in hidden and "%" not in hidden.split("Sick leave – Solgården</h1>")[1]


def test_the_annual_report_page_reads_the_years_release(client, personas, released):
    html = get(client, personas["politiker"], "absence:annual-report")
    assert re.findall(r'<option value="(\d+)"', html) == ["2025"]  # released years only
    rows = dict(re.findall(r'<tr><th scope="row">(.*?)</th><td class="number">(.*?)</td>', html))
    assert rows["Total sick leave as a share of ordinary working time"] == "4,0\u00a0%"
    assert rows["Sick leave, women"] == "5,0\u00a0%"
    assert rows["Sick leave, men"] == "not shown"  # not in the release
    assert "Annual report 2025" in html
    live = get(client, personas["hr"], "absence:annual-report")
    assert re.findall(r'<option value="(\d+)"', live) == ["2025"]  # the stored years, live
    assert "Annual report 2025" not in live


def test_an_ended_period_not_yet_published_is_named(client, personas, series):  # noqa: F811
    hand_release("2026-T1", {u: 5.0 for u in PERSONS})
    html = get(client, personas["politiker"], "absence:overview")
    assert "Interim report January–April 2026" in html
    assert "The figures for interim report January–August 2026 are not published yet" in html


def test_without_a_release_the_committee_gets_a_message_and_no_figure(client, personas, series):  # noqa: F811
    for name, args in (
        ("absence:overview", ()),
        ("absence:unit", ("IFO-BU",)),
        ("absence:annual-report", ()),
    ):
        html = get(client, personas["politiker"], name, *args)
        assert "No sick-leave figures have been published yet" in html, name
        assert "%</td>" not in html and "\u00a0%" not in html.split("<main")[-1], name


def test_the_swedish_page_names_the_release(client, personas, released, settings):
    settings.LANGUAGE_CODE = "sv"
    with translation.override("sv"):
        html = get(client, personas["politiker"], "absence:overview")
    assert "Delårsrapport januari–augusti 2026" in html


def test_the_overview_is_cached_per_role_and_refreshed_by_a_refill_in_every_worker(
    client, personas, released, monkeypatch
):
    from kasam.absence.series import GENERATION
    from kasam.core import generations

    workers = [type(generations._held)(), type(generations._held)()]
    for held in workers:
        monkeypatch.setattr(generations, "_held", held)
        assert overview_figures(get(client, personas["hr"], "absence:overview"))["IFO-BU"] == "6,0\u00a0%"
        # The committee over the same unit is another view: never the live figure HR's request cached.
        assert (
            overview_figures(get(client, personas["politiker"], "absence:overview"))["IFO-BU"] == "5,0\u00a0%"
        )
    SickLeavePeriod.objects.filter(unit_id="IFO-BU", start=ROLLING[0], group="all").update(
        sick_hours=25 * 90.0
    )
    for held in workers:
        monkeypatch.setattr(generations, "_held", held)
        assert overview_figures(get(client, personas["hr"], "absence:overview"))["IFO-BU"] == "6,0\u00a0%"
    generations.bump(GENERATION)  # what every refill does in its transaction (tests/core/test_generations.py)
    for held in workers:
        monkeypatch.setattr(generations, "_held", held)
        assert overview_figures(get(client, personas["hr"], "absence:overview"))["IFO-BU"] == "9,0\u00a0%"
