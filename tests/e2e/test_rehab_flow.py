"""The rehabilitation flow in Chromium: the unit manager opens a case from an early signal, writes the
plan for the return to work with two adjustments together with the employee and prints it; the
employee reads the plan on their own page, on a phone; after the return the case closes by itself
(time moved). axe on every page of the flow."""

import subprocess
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from kasam.absence.models import Absence
from kasam.rehab import cases
from kasam.rehab.models import Case

pytestmark = pytest.mark.browser

FIRST_DAY, LAST_DAY = date(2026, 11, 1), date(2027, 1, 10)  # 71 days: a plan by day 30 is needed


def add_adjustment(page, kind: str, what: str) -> None:
    page.get_by_role("link", name="Lägg till en anpassning").first.click()
    page.locator(f"#kind-{kind}").check()
    page.locator('[name="description"]').fill(what)
    page.locator('[name="responsible"]').fill("Enhetschefen")
    page.locator('[name="starts_on"]').fill("2026-11-26")
    page.get_by_role("button", name="Spara anpassningen").click()
    expect(page.locator("body")).to_contain_text(what)


def test_a_manager_makes_the_plan_with_the_employee_who_reads_it_and_the_case_closes_after_the_return(
    transactional_db, personas, settings, live_server, new_page, login, assert_accessible
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Alva (P1, the persona "medarbetare") in Hemtjänst Norr is sick from 1 November, 71 days recorded.
    Absence.objects.create(person_id="P1", start_date=FIRST_DAY, end_date=LAST_DAY)

    page = new_page()
    login(page, "enhetschef")
    page.goto(live_server.url + "/sjukfranvaro/signaler/AO-HT1/")
    page.get_by_role("link", name="Stöd återgång i arbete – Alva Testsson").click()
    assert_accessible(page)
    page.get_by_role("button", name="Öppna ärendet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Återgång i arbete – Alva Testsson")
    expect(page.locator("#step-return_plan")).to_contain_text("30 november 2026")
    assert_accessible(page)

    add_adjustment(page, "working_hours", "Förmiddagspass, börjar kl. 9")
    add_adjustment(page, "schedule", "Inga kvällspass efter dagpass")

    page.get_by_role("link", name="Skriv planen").first.click()
    page.locator('[name="work_ability"]').fill("Jag klarar korta pass och dokumentation.")
    page.locator('[name="limits"]').fill("Långa pass ger för lite återhämtning.")
    page.locator('[name="expected_return"]').fill("2027-01-11")
    page.locator('[name="return_steps"]').fill("Halvtid i fyra veckor, sedan heltid.")
    page.locator('[name="follow_up_on"]').fill("2027-02-08")
    page.locator('[name="contacts"]').fill("Enhetschefen, HR-konsulten")
    page.locator('[name="made_with_person"]').check()
    assert_accessible(page)
    page.get_by_role("button", name="Spara en ny version").click()
    expect(page.locator("#step-return_plan")).to_contain_text("Gjort")

    with page.expect_download() as download:
        page.get_by_role("link", name="Skriv ut planen (PDF)").click()
    text = subprocess.run(["pdftotext", download.value.path(), "-"], capture_output=True, check=True)
    pdf = text.stdout.decode()
    assert "Plan för återgång i arbete" in pdf and "Alva Testsson" in pdf
    assert "Förmiddagspass, börjar kl. 9" in pdf and "Inga kvällspass efter dagpass" in pdf

    # The employee signs in on a phone and reads the plan made together.
    phone = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    login(phone, "medarbetare")
    phone.goto(live_server.url + "/rehabilitering/min-plan/")
    expect(phone.locator("main")).to_contain_text("Jag klarar korta pass och dokumentation.")
    expect(phone.locator("main")).to_contain_text("Inga kvällspass efter dagpass")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(phone)

    # The other steps were done; the employee is back on 11 January. The tick's refresh closes the case
    # once 28 days have passed without a sick day and the follow-up's own day is over.
    case = Case.objects.get(person_id="P1")
    for step in ("first_contact", "certificate", "fk_report"):
        cases.mark_done(case, step, date(2026, 11, 5), personas["enhetschef"])
    settings.KASAM_TODAY = LAST_DAY + timedelta(days=30)
    cases.refresh(settings.KASAM_TODAY)
    page.reload()
    expect(page.locator("#case-status")).to_contain_text("Avslutat av sig självt efter återgången")
    expect(page.locator("#step-follow_up")).to_contain_text("Inte gjort")
