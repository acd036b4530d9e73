"""The health plan in a real browser: the unit manager rates the health factors with one to
strengthen, makes it an area to strengthen with one click, adds an activity with all six parts,
follows it up with a reflection – and the health strategist's overview counts it as done. Every page
is checked with axe. The pages are read in English (the footer's language switch), so the test does
not depend on the Swedish catalogue's wording."""

import pytest
from playwright.sync_api import expect

from kasam.plans.factors import FACTORS
from kasam.plans.models import Activity, HealthFactorRating, PlanArea

pytestmark = pytest.mark.browser


def in_english(page):
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Byt").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_a_unit_manager_plans_from_a_health_factor_and_the_overview_counts_it(
    transactional_db, personas, live_server, new_page, login, assert_accessible
):
    page = new_page()
    login(page, "enhetschef")
    in_english(page)

    # 1. The health factors: record a rating with "Communication and feedback" to strengthen.
    page.goto("/halsoplaner/enheter/AO-HT1/friskfaktorer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Health factors – Hemtjänst Norr")
    assert_accessible(page)
    page.get_by_role("link", name="Record a new rating").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rate the health factors")
    assert_accessible(page)
    for factor in FACTORS:
        page.locator(f'input[name="score_{factor.value}"][value="4"]').check()
    page.locator('input[name="score_communication"][value="2"]').check()
    page.locator('input[name="choice_communication"][value="strengthen"]').check()
    page.locator('input[name="note_communication"]').fill("Vi får sällan höra hur det gick")
    page.locator('input[name="choice_leadership"][value="keep"]').check()
    page.get_by_role("button", name="Save the rating").click()
    expect(page.get_by_role("status")).to_contain_text("Your rating has been saved.")
    assert HealthFactorRating.objects.count() == 1
    expect(page.locator("#factor-communication")).to_contain_text("Vi får sällan höra hur det gick")
    assert_accessible(page)

    # 2. One click: the weak factor becomes an area to strengthen in this year's plan.
    page.get_by_role("button", name="Make it an area to strengthen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Health plan 2026 – Hemtjänst Norr")
    expect(page.get_by_role("status")).to_contain_text("is now an area to strengthen in the plan")
    expect(page.locator("#strengthen-title + ul")).to_contain_text("Communication and feedback")
    # The snapshot opens the plan, with the rating as it was.
    expect(page.locator(".snapshot")).to_contain_text("Our figures on 25 November 2026")
    assert_accessible(page)
    area = PlanArea.objects.get()
    assert (area.source, area.source_ref) == ("health_factor", "communication")

    # 3. An activity: without "why" it is not saved and the summary says so; with all six it is.
    page.get_by_role("link", name="Add an activity for this").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New activity")
    assert_accessible(page)
    page.get_by_label("What will we do?").fill("Fem minuter återkoppling på varje APT")
    page.get_by_label("How will we do it?").fill("Chefen berättar vad som hänt sedan förra APT.")
    page.get_by_label("Who is responsible, and who takes part?").fill("Enhetschefen, alla deltar")
    page.get_by_label("When will it happen?").fill("Varje APT i vår")
    page.get_by_label("How will we follow it up?").fill("Vi frågar gruppen i maj.")
    page.get_by_label("Date of the follow-up").fill("2026-12-15")
    page.get_by_label("A pulse statement to follow (optional)").select_option(index_value(page))
    page.get_by_role("button", name="Save the activity").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Write why you are doing it.")
    assert_accessible(page)
    assert not Activity.objects.exists()
    page.get_by_label("Why? What do we want to achieve?").fill("Så att alla vet hur det gick.")
    page.get_by_role("button", name="Save the activity").click()
    expect(page.get_by_role("status")).to_contain_text("has been added")
    activity = Activity.objects.get()
    assert activity.area == area and activity.why == "Så att alla vet hur det gick."
    article = page.locator(f"#activity-{activity.pk}")
    expect(article).to_contain_text("planned")
    assert_accessible(page)

    # 4. and 5. The follow-up with a reflection; the health strategist's overview counts it as done.
    follow_up_and_count(page, activity, new_page, login, assert_accessible)


def follow_up_and_count(page, activity, new_page, login, assert_accessible):
    """The follow-up with a reflection makes the activity done, and the health strategist's overview
    of the health plans counts it as done for Hemtjänst Norr."""
    article = page.locator(f"#activity-{activity.pk}")
    article.get_by_role("link", name="Follow up").click()
    # The follow-up page has replaced the plan before axe reads it (axe on a page mid-navigation
    # finds no document).
    expect(page.get_by_label("Our reflection")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Our reflection").fill(
        "Vi gjorde det på fyra APT. Vi märkte att frågorna blev färre. Vi fortsätter, men skriftligt."
    )
    page.get_by_role("button", name="Save the follow-up").click()
    expect(page.get_by_role("status")).to_contain_text("has been followed up")
    expect(page.locator(f"#activity-{activity.pk}")).to_contain_text("Vi märkte att frågorna blev färre.")
    expect(page.locator(f"#activity-{activity.pk} .status")).to_contain_text("done")
    assert_accessible(page)
    assert Activity.objects.get().status == "done"

    strategist = new_page()
    login(strategist, "halsostrateg")
    in_english(strategist)
    strategist.goto("/halsoplaner/")
    expect(strategist.get_by_role("heading", level=1)).to_have_text("Health plans")
    expect(strategist.locator("#total-done")).to_have_text("1")
    expect(strategist.locator("#total-overdue")).to_have_text("0")
    row = strategist.locator("#unit-AO-HT1")
    expect(row).to_contain_text("Yes")
    expect(row.locator("td.number").nth(1)).to_have_text("1")
    assert_accessible(strategist)


def index_value(page) -> str:
    """The first statement offered to track (the select's second option; the first is "none")."""
    return page.locator('select[name="tracked_statement"] option').nth(1).get_attribute("value")
