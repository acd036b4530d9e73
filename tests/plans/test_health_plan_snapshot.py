"""The plan opens with the unit's figures as a dated snapshot, taken once when the plan is made: later
figures (a refill of the sick-leave series, a new health-factor rating, a new pulse round) change the
other pages, never the plan."""

import re
from datetime import date

import pytest
from django.urls import reverse
from plan_helpers import add_staff, closed_round, make_plan, rating, sick_leave, sick_leave_release

from kasam.plans import pdf, snapshot
from kasam.plans.models import HealthPlan

# Every unit large enough for the sick-leave disclosure gate to show it …
PERSONS = {"SOC": 110, "AO": 50, "AO-HT1": 30, "AO-HT1-A": 14, "AO-SB1": 20, "IFO": 40, "IFO-BU": 25}
# … and here Solgården (8) is too small; AO minus Hemtjänst Norr would give it away, so the gate hides
# Hemtjänst Norr as well.
SMALL = {**PERSONS, "AO": 38, "AO-SB1": 8, "SOC": 98}
SMALL_HIDDEN = {"AO-SB1", "AO-HT1"}  # the gate's decision the refill would store


pytestmark = pytest.mark.usefixtures("english", "pulse_settings")


def plan_page(client, user, unit_id="AO-HT1", year=2026):
    client.force_login(user)
    return client.get(reverse("plans:plan", kwargs={"unit_id": unit_id, "year": year}))


def test_the_snapshot_holds_sick_leave_pulse_and_health_factors(personas):
    sick_leave(PERSONS, sick_per_person=60.0)
    rating(score=4, strengthen=("communication",))
    add_staff()
    closed_round(["beg1", "han1", "halsa"], value=4)
    plan = make_plan()
    taken = plan.snapshot
    assert taken["version"] == 1 and taken["taken_on"] == "2026-11-25"
    assert plan.snapshot_taken_on == date(2026, 11, 25)
    assert taken["sick_leave"] == {
        "period_start": "2025-11-01",
        "period_end": "2026-10-31",
        "persons": 30,
        "sick_leave_pct": 6.0,
        "long_term_share_pct": 16.67,
        "healthy_attendance_pct": 23.33,
        "gate_hidden": False,
    }
    pulse = taken["pulse"]
    assert pulse["shown"] is True and pulse["respondents"] == 11
    assert pulse["dimensions"]["begriplighet"] == {"index": 75.0, "favourable_pct": 100.0}
    assert taken["health_factors"]["rated_on"] == "2026-11-02"
    assert taken["health_factors"]["scores"]["communication"] == {
        "score": 4,
        "choice": "strengthen",
        "note": "Anteckning communication",
    }
    assert taken["survey"] is None


def test_the_snapshot_does_not_change_when_later_figures_change(client, personas):
    sick_leave(PERSONS, sick_per_person=60.0)
    rating(score=2)
    plan = make_plan()
    before = plan.snapshot
    first = plan_page(client, personas["enhetschef"]).content.decode()
    assert 'id="snapshot-sick-leave">6,0\u00a0%<' in first

    # A refill doubles sick leave, the unit rates again, and a pulse round closes.
    sick_leave(PERSONS, sick_per_person=120.0, healthy_share=0.5)
    rating(day=date(2026, 11, 20), score=5)
    add_staff()
    closed_round(["beg1", "halsa"], value=2)

    plan.refresh_from_db()
    assert plan.snapshot == before
    page = plan_page(client, personas["enhetschef"])
    content = page.content.decode()
    assert page.context["snapshot"].sick_leave.sick_leave_pct == 6.0
    assert page.context["snapshot"].factors[0].score == 2
    assert page.context["snapshot"].pulse is None
    # Today's doubled figure is named apart from the plan's, never in its place.
    snapshot_part, now_part = content.split('id="sick-leave-now"')
    assert "12,0" not in snapshot_part.split('id="snapshot-title"')[1] and "12,0" in now_part.split("</p>")[0]
    # The figures today are different: the snapshot is not a live view.
    assert snapshot.sick_leave_section(plan.unit)["sick_leave_pct"] == 12.0
    assert snapshot.health_factors_section(plan.unit, date(2026, 11, 25))["rated_on"] == "2026-11-20"


def test_making_the_plan_twice_keeps_the_first_snapshot(client, personas):
    sick_leave(PERSONS, sick_per_person=60.0)
    client.force_login(personas["enhetschef"])
    create = reverse("plans:plan-create", kwargs={"unit_id": "AO-HT1", "year": 2026})
    assert client.post(create).status_code == 302
    sick_leave(PERSONS, sick_per_person=90.0)
    assert client.post(create).status_code == 302
    assert HealthPlan.objects.count() == 1
    assert HealthPlan.objects.get().snapshot["sick_leave"]["sick_leave_pct"] == 6.0


def test_a_plan_only_for_this_year_and_next(client, personas):
    client.force_login(personas["enhetschef"])
    for year, made in ((2025, False), (2026, True), (2027, True), (2028, False)):
        client.post(reverse("plans:plan-create", kwargs={"unit_id": "AO-HT1", "year": year}))
        assert HealthPlan.objects.filter(year=year).exists() is made


def test_sick_leave_the_release_hid_is_shown_only_to_those_who_see_it_unsuppressed(client, personas):
    sick_leave(SMALL, hidden=SMALL_HIDDEN)
    sick_leave_release(SMALL, hidden=SMALL_HIDDEN)
    plan = make_plan("AO-SB1")
    assert plan.snapshot["sick_leave_released"]["shown"] is False
    # (The committee, which also reads it through the gate, reads no health plan at all.)
    for username, hidden in (("omradeschef", False), ("halsostrateg", False), ("dialogcoach", True)):
        response = plan_page(client, personas[username], "AO-SB1")
        figures = response.context["snapshot"].sick_leave
        assert figures.hidden is hidden, username
        assert (figures.sick_leave_pct is None) is hidden
        assert ("Too few people to show sick-leave figures." in response.content.decode()) is hidden


def test_staff_see_their_unit_s_sick_leave_from_the_release_of_the_day(client, personas):
    sick_leave(PERSONS)
    sick_leave_release(PERSONS, pct=5.0)
    make_plan("AO-HT1")
    sick_leave_release(PERSONS, pct=9.0, code="2026-T1", hidden={"AO-HT1"})  # later: not in the plan
    response = plan_page(client, personas["medarbetare"])
    assert response.context["snapshot"].sick_leave.sick_leave_pct == 5.0  # the release's, not 6.0 live
    assert "From the published Interim report January–August 2026." in response.content.decode()
    assert plan_page(client, personas["enhetschef"]).context["snapshot"].sick_leave.sick_leave_pct == 6.0


def test_before_any_release_only_those_who_see_it_unsuppressed_get_sick_leave(client, personas):
    sick_leave(PERSONS)
    make_plan("AO-HT1")
    assert plan_page(client, personas["medarbetare"]).context["snapshot"].sick_leave is None
    assert plan_page(client, personas["enhetschef"]).context["snapshot"].sick_leave.sick_leave_pct == 6.0
    response = plan_page(client, personas["medarbetare"])
    assert response.context["can_edit"] is False


def test_the_plan_names_todays_sick_leave_beside_its_own_and_says_why_they_differ(client, personas):
    """ "7,5 % in the plan" and "5,6 % on the sick-leave page" were shown without a word of why."""
    sick_leave(PERSONS, sick_per_person=60.0)
    make_plan()
    same = plan_page(client, personas["enhetschef"]).content.decode()
    assert 'id="sick-leave-now"' not in same  # the same figure: nothing to explain

    sick_leave(PERSONS, sick_per_person=75.0)  # the refill's figure of today
    page = plan_page(client, personas["enhetschef"])
    content = page.content.decode()
    assert 'id="snapshot-sick-leave">6,0\u00a0%<' in content
    now = re.sub(r"[ \n]+", " ", content.split('id="sick-leave-now">')[1].split("</p>")[0])
    assert "Today the sick leave is 7,5\u00a0%, for 1 November 2025 – 31 October 2026." in now
    assert "The plan keeps the figure of the day it was made" in now
    assert page.context["snapshot"].sick_leave_now.sick_leave_pct == 7.5
    # The PDF says the same.
    [paragraph] = pdf._sick_leave_now(page.context["snapshot"])
    assert paragraph.text.startswith(
        "Today the sick leave is 7,5\u00a0%, for 1 November 2025 – 31 October 2026."
    )
