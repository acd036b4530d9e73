"""The health strategist runs an open pulse round in Chromium: the round's page (axe), a reminder,
and the QR cards (a PDF) for the one without e-mail or phone."""

import subprocess
from datetime import date, datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kasam.org.models import Person
from kasam.pulse import actions, question_bank
from kasam.pulse.models import Invitation, Programme, Round

pytestmark = pytest.mark.browser

STATEMENTS = ["beg1", "han1", "men1", question_bank.HEALTH_ID]


def test_the_strategist_reminds_and_prints_the_qr_cards(
    transactional_db, personas, pulse_settings, live_server, new_page, login, assert_accessible
):
    pulse_settings.KASAM_PULSE_K = 3
    pulse_settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Person.objects.filter(pk="P4").update(email="", phone="")
    programme = Programme.objects.create(name="Puls Socialförvaltningen", root_unit_id="SOC", window_days=7)
    round = Round.objects.create(
        programme=programme, number=1, opens_on=date(2026, 11, 23), closes_on=date(2026, 11, 30),
        statement_ids=STATEMENTS,
    )  # fmt: skip
    actions.open_round(round, day=date(2026, 11, 23))
    Invitation.objects.exclude(person_id="P4").update(sent_at=timezone.make_aware(datetime(2026, 11, 20, 9)))

    page = new_page()
    login(page, "halsostrateg")
    page.goto(live_server.url + "/puls/program/")
    page.get_by_role("link", name="Den öppna omgången").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Omgång 1 – Puls Socialförvaltningen")
    assert_accessible(page)
    page.get_by_role("button", name="Skicka påminnelser nu").click()
    expect(page.locator(".messages")).to_contain_text("påminnelser skickade")
    with page.expect_download() as download:
        page.get_by_role("button", name="Skriv ut QR-korten (PDF)").click()
    sheet = download.value
    assert sheet.suggested_filename == "qr-koder-Barn-och-unga.pdf"  # Dan's unit, the first listed
    text = subprocess.run(["pdftotext", sheet.path(), "-"], capture_output=True, check=True).stdout.decode()
    assert "Dan Fiktiv" in text and text.count("Skanna koden") == 1
