"""A round's page for those who run the pulse: invited, reached and reminded, the share answered so
far (rounded, never who), reminders from the web and the QR cards for those without e-mail or phone."""

import subprocess
from datetime import date, datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kasam.org.models import Person
from kasam.pulse import actions, question_bank, tokens
from kasam.pulse.models import Invitation, Programme, Round
from kasam.pulse.round_views import rounded_rate

STATEMENTS = ["beg1", "han1", "men1", question_bank.HEALTH_ID]
MONDAY = date(2026, 11, 23)


@pytest.fixture
def pulse(org, pulse_settings):
    pulse_settings.KASAM_PULSE_K = 3
    pulse_settings.KASAM_BASE_URL = "https://kasam.example.invalid/"
    pulse_settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Person.objects.filter(pk="P4").update(email="", phone="")  # Dan: a QR card
    Person.objects.filter(pk="P1").update(email="", phone="070-123 45 67")  # Alva: an SMS
    programme = Programme.objects.create(name="Puls", root_unit_id="SOC", window_days=7)
    round = Round.objects.create(
        programme=programme, number=1, opens_on=MONDAY, closes_on=date(2026, 11, 30), statement_ids=STATEMENTS
    )
    pairs = actions.open_round(round, day=MONDAY)
    sent = timezone.make_aware(datetime(2026, 11, 20, 9))  # the Friday before: a reminder is due today
    Invitation.objects.exclude(person_id="P4").update(sent_at=sent)
    token = {invitation.person_id: raw for invitation, raw in pairs}
    assert actions.submit(token["P1"], {s: 4 for s in STATEMENTS}, None, "key-00000001", day=MONDAY).stored
    return round, token


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def url(round, name="pulse:round"):
    return reverse(name, kwargs={"programme_id": round.programme_id, "round_id": round.pk})


@pytest.mark.parametrize(
    ("answered", "invited", "rate"), [(1, 4, 25), (1, 3, 35), (2, 3, 65), (3, 3, 100), (0, 2, None)]
)
def test_the_share_answered_is_rounded_to_five_and_not_shown_below_k(answered, invited, rate):
    # 1 of 3 = 33.3 → 35; 2 of 3 = 66.7 → 65; fewer than k = 3 invited: nothing.
    assert rounded_rate(answered, invited, 3) == rate


def test_the_strategist_follows_the_round_reminds_and_prints_the_qr_cards(client, personas, pulse):
    round, token = pulse
    client.force_login(personas["halsostrateg"])
    programmes = client.get(reverse("pulse:programmes")).content.decode()
    assert f'href="{url(round)}">Den öppna omgången</a>' in programmes
    page = client.get(url(round)).content.decode()
    assert 'id="round-rate">ungefär 25 %' in page  # 1 of the 4 invited
    assert "Öppen nu." in page and ". open." not in page  # the status in words, not the stored value
    assert "Utan e-post eller telefon (en QR-kod)</dt><dd>1</dd>" in page
    # The invitations sent, by channel: e-mail when there is an address, else SMS.
    assert 'id="round-sent-email">2</dd>' in page and 'id="round-sent-sms">1</dd>' in page

    response = client.post(url(round, "pulse:round-remind"))
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["p2@example.invalid", "p3@example.invalid"]
    assert "2 påminnelser skickade." in client.get(url(round)).content.decode()

    sheet = client.post(url(round, "pulse:round-qr"), {"enhet": "IFO-BU"})
    assert sheet.status_code == 200 and sheet["Cache-Control"] == "private, no-store"
    assert sheet["Content-Type"] == "application/pdf" and sheet.content.startswith(b"%PDF-")
    assert sheet["Content-Disposition"] == 'attachment; filename="qr-koder-Barn-och-unga.pdf"'
    text = pdf_text(sheet.content)
    assert "Dan Fiktiv" in text and "Alva Testsson" not in text and "Skanna koden" in text
    # A new personal link: the card printed before (the one issued at open) no longer opens it.
    assert not Invitation.objects.filter(token_hash=tokens.invitation_hash(token["P4"])).exists()
    assert Invitation.objects.get(person_id="P4").token_hash is not None


def test_a_unit_manager_without_the_pulse_to_run_gets_no_round_page(client, personas, pulse):
    round, _token = pulse
    client.force_login(personas["enhetschef"])
    assert client.get(url(round)).status_code == 403
    assert client.post(url(round, "pulse:round-remind")).status_code == 403
    assert mail.outbox == []


def test_neither_the_page_nor_the_cards_tell_whether_the_one_without_an_address_answered(
    client, personas, pulse
):
    """A sheet of the unanswered only, or a count of them, would name who has answered once the one
    without an address answers."""
    round, token = pulse
    client.force_login(personas["halsostrateg"])

    def seen():
        page = client.get(url(round)).content.decode()
        count = page.split("Utan e-post eller telefon (en QR-kod)</dt><dd>")[1].split("<")[0]
        sheet = pdf_text(client.post(url(round, "pulse:round-qr"), {"enhet": "IFO-BU"}).content)
        return count, sheet.count("Skanna koden"), "Dan Fiktiv" in sheet

    before = seen()
    assert before == ("1", 1, True)
    invitation = Invitation.objects.get(person_id="P4")
    fresh = actions.reissue_token(invitation)  # the card's code, as Dan would scan it
    assert actions.submit(fresh, {s: 3 for s in STATEMENTS}, None, "key-00000004", day=MONDAY).stored
    assert seen() == before
