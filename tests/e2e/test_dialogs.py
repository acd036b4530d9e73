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
    expect(page.locator(".themes-done")).to_contain_text(theme.title_en)
    assert_accessible(page)
    record = DialogRecord.objects.get()
    assert record.participants == 2 and Activity.objects.get().what == "Nyheter först på varje APT"

    # 4. The reach counts it: Hemtjänst Norr and Grupp Lärkan below it, both units of the manager's scope.
    page.goto("/dialoger/rackvidd/")
    expect(page.locator('tr[data-programme="kasam-pa-apt"]')).to_contain_text("2 of 2")
    assert_accessible(page)
