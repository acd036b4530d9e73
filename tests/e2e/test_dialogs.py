"""A dialog at the workplace meeting in a real browser: the unit manager opens a theme on the big
screen, moves through it by keyboard and runs the timer, records the dialog with an agreed action –
and the reach page counts it. axe checks the facilitator's screen and the pages."""

import pytest
from playwright.sync_api import expect
from test_health_plan import in_english

from kasam.dialogs.models import DialogRecord, Theme
from kasam.plans.models import Activity

pytestmark = pytest.mark.browser


def test_a_unit_manager_leads_a_theme_by_keyboard_records_it_and_the_reach_counts_it(
    transactional_db, personas, live_server, new_page, login, assert_accessible
):
    theme = Theme.objects.get(programme__slug="kasam-pa-apt", slug="begriplighet")
    questions = [question["en"] for question in theme.questions]
    page = new_page()
    login(page, "enhetschef")
    in_english(page)

    # 1. The library, the programme and the theme.
    page.get_by_role("link", name="Dialogs", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dialogs at the workplace meeting")
    assert_accessible(page)
    page.get_by_role("link", name=theme.programme.title_en).click()
    page.get_by_role("link", name=theme.title_en).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(theme.title_en)

    # 2. The big screen: one screen at a time, moved by the keyboard; the timer runs.
    page.get_by_role("link", name="Open on the big screen").click()
    expect(page.locator("#step-1")).to_be_visible()
    expect(page.locator("#timer-display")).to_have_text("15:00")
    assert_accessible(page)
    page.keyboard.press("ArrowRight")
    expect(page.locator("#step-2")).to_contain_text(questions[0])
    expect(page.locator("#step-1")).to_be_hidden()
    page.keyboard.press(" ")
    expect(page.locator("#step-3")).to_contain_text(questions[1])
    expect(page.locator("#position")).to_contain_text("3 of")
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#step-2")).to_be_visible()
    page.keyboard.press("t")
    expect(page.locator("#timer-display")).not_to_have_text("15:00", timeout=3000)
    expect(page.get_by_role("button", name="Pause the timer")).to_be_visible()
    assert page.url.endswith("?steg=2")
    assert_accessible(page)

    # 3. Recorded with an agreed action, which lands in the health plan.
    page.get_by_role("link", name="Close").click()
    page.get_by_role("link", name="Record the dialog").click()
    expect(page.get_by_label("What did you talk about?")).to_have_value(f"t{theme.pk}")
    assert_accessible(page)
    page.get_by_label("How many took part?").fill("2")
    page.get_by_label("The group's reflections").fill("Vi vill veta tidigare när något ändras.")
    action = page.locator("fieldset.action").first
    action.get_by_label("What will we do?").fill("Nyheter först på varje APT")
    action.get_by_label("How will we do it?").fill("Chefen berättar vad som är på gång.")
    action.get_by_label("Why? What do we want to achieve?").fill("Så att inget kommer som en överraskning.")
    action.get_by_label("Who is responsible, and who takes part?").fill("Enhetschefen")
    action.get_by_label("When will it happen?").fill("Från nästa APT")
    action.get_by_label("How will we follow it up?").fill("Vi frågar gruppen i februari.")
    action.get_by_label("Date of the follow-up").fill("2027-02-15")
    page.get_by_role("button", name="Save the dialog").click()
    expect(page.get_by_role("status")).to_contain_text("The dialog has been recorded.")
    # Saving lands on the unit's health plan, with the agreed action in it.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Health plan 2026")
    expect(page.locator("main")).to_contain_text("Nyheter först på varje APT")
    assert_accessible(page)
    page.goto("/dialoger/rackvidd/AO-HT1/")
    expect(page.locator(".themes-done")).to_contain_text(theme.title_en)
    record = DialogRecord.objects.get()
    assert record.participants == 2 and Activity.objects.get().what == "Nyheter först på varje APT"

    # 4. The reach counts it: Hemtjänst Norr and Grupp Lärkan below it, both units of the manager's scope.
    page.goto("/dialoger/rackvidd/")
    expect(page.locator('tr[data-programme="kasam-pa-apt"]')).to_contain_text("2 of 2")
    assert_accessible(page)


def test_a_unit_manager_plans_next_weeks_meeting_runs_it_and_registers_it_from_the_last_screen(
    transactional_db, personas, live_server, new_page, login, assert_accessible
):
    theme = Theme.objects.get(programme__slug="kasam-pa-apt", slug="begriplighet")
    page = new_page()
    login(page, "enhetschef")
    in_english(page)

    # 1. From the unit's plan: plan next week's workplace meeting.
    page.goto("/halsoplaner/enheter/AO-HT1/")
    page.get_by_role("link", name="Plan the next workplace meeting").click()
    assert_accessible(page)
    page.get_by_label("Date").fill("2026-12-02")
    page.get_by_label("Theme").select_option(f"t{theme.pk}")
    page.get_by_role("button", name="Plan the meeting").click()
    expect(page.get_by_role("status")).to_contain_text("The workplace meeting on 2 December is planned")
    meetings = page.locator("section.planned-meetings")
    expect(meetings).to_contain_text("Wednesday 2 December")
    expect(meetings).to_contain_text(theme.title_en)
    assert_accessible(page)

    # 2. On the day: led on the big screen to its last screen, which registers the dialog.
    meetings.get_by_role("link", name="Lead the meeting on the big screen").click()
    expect(page.locator("#step-1")).to_be_visible()
    last = page.locator(".step-reflection")
    for _ in range(20):
        if last.is_visible():
            break
        page.keyboard.press("ArrowRight")
    expect(last).to_be_visible()
    assert_accessible(page)
    last.get_by_role("link", name="Register the dialog").click()
    expect(page.get_by_label("What did you talk about?")).to_have_value(f"t{theme.pk}")
    page.get_by_label("How many took part?").fill("2")
    page.get_by_label("The group's reflections").fill("Vi vill ha en veckoplan på väggen.")
    action = page.locator("fieldset.action").first
    action.get_by_label("What will we do?").fill("Veckoplan på väggen")
    action.get_by_label("How will we do it?").fill("Samordnaren sätter upp den varje måndag.")
    action.get_by_label("Why? What do we want to achieve?").fill("Så att alla vet vad veckan bär med sig.")
    action.get_by_label("Who is responsible, and who takes part?").fill("Samordnaren")
    action.get_by_label("When will it happen?").fill("Från december")
    action.get_by_label("How will we follow it up?").fill("Vi frågar på nästa APT.")
    action.get_by_label("Date of the follow-up").fill("2027-01-20")
    page.get_by_role("button", name="Save the dialog").click()

    # 3. Back in the plan, with the new action; the meeting is no longer coming.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Health plan 2026")
    expect(page.locator("main")).to_contain_text("Veckoplan på väggen")
    expect(page.locator("section.planned-meetings")).to_contain_text("No workplace meeting with a theme")
    assert_accessible(page)
    assert DialogRecord.objects.get().planned.held_on.isoformat() == "2026-12-02"
