"""From the employee survey to the health plan in a real browser: the survey is imported through the
real import, the unit manager finds the unit's largest gap on the survey page, makes it an area to
strengthen with one click, adds an activity with all six parts, follows it up – and the health
strategist's overview counts it. Every page is checked with axe."""

import pytest
from playwright.sync_api import expect
from test_health_plan import follow_up_and_count, in_english

from kasam.metrics.survey import ITEMS
from kasam.plans.models import Activity, PlanArea
from kasam.survey.actions import import_survey

pytestmark = pytest.mark.browser


def import_demo_survey():
    """Hemtjänst Norr's 6 answer 2 on appreciation from the manager (hme4), Solgården's 6 answer 4:
    the gap is hme4."""
    lines = ["respondent_id,unit_id,item,value"]
    for number in range(12):
        unit = "AO-HT1" if number < 6 else "AO-SB1"
        for item in ITEMS:
            value = (
                2 if (item == "hme4" and unit == "AO-HT1") else (8 if item.startswith(("nmi", "enps")) else 4)
            )
            lines.append(f"R{number},{unit},{item},{value}")
    result = import_survey(("\n".join(lines) + "\n").encode(), "enkat.csv", name="Medarbetarenkät", year=2026)
    assert result.ok, result.errors


def test_a_unit_manager_plans_from_a_survey_gap_and_the_overview_counts_it(
    transactional_db, personas, live_server, new_page, login, assert_accessible
):
    import_demo_survey()
    page = new_page()
    login(page, "enhetschef")
    in_english(page)

    # 1. The survey: the unit's row, then its page with the gap analysis.
    page.get_by_role("link", name="Employee survey").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Employee survey")
    assert_accessible(page)
    page.get_by_role("link", name="Hemtjänst Norr").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Medarbetarenkät 2026 – Hemtjänst Norr")
    gaps = page.locator("#gaps-table")
    expect(gaps.locator("tr[data-item]").first).to_contain_text("Appreciation from the manager")
    assert_accessible(page)

    # 2. One click: the gap becomes an area to strengthen in this year's plan.
    gaps.get_by_role("button", name="Strengthen in our plan – Appreciation from the manager").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Health plan 2026 – Hemtjänst Norr")
    expect(page.locator("#strengthen-title + ul")).to_contain_text("Uppskattning från chefen")
    # The plan's snapshot carries the survey's figures of its day.
    expect(page.locator(".snapshot")).to_contain_text("Medarbetarenkät 2026")
    assert_accessible(page)
    area = PlanArea.objects.get()
    assert (area.source, area.source_ref) == ("survey", "hme4")

    # 3. An activity with all six parts.
    page.get_by_role("link", name="Add an activity for this").click()
    page.get_by_label("What will we do?").fill("Vi säger vad som gick bra, på varje APT")
    page.get_by_label("How will we do it?").fill("Fem minuter i början av mötet.")
    page.get_by_label("Why? What do we want to achieve?").fill("Så att alla känner sig sedda.")
    page.get_by_label("Who is responsible, and who takes part?").fill("Enhetschefen, alla deltar")
    page.get_by_label("When will it happen?").fill("Varje APT i vår")
    page.get_by_label("How will we follow it up?").fill("Vi frågar gruppen i maj.")
    page.get_by_label("Date of the follow-up").fill("2026-12-15")
    page.get_by_role("button", name="Save the activity").click()
    expect(page.get_by_role("status")).to_contain_text("has been added")
    activity = Activity.objects.get()
    assert activity.area == area

    # 4. and 5. The follow-up; the health strategist's overview counts it as done.
    follow_up_and_count(page, activity, new_page, login, assert_accessible)
