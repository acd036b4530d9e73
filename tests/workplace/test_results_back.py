"""Results back after each round: everyone invited who still works here gets the same short message
(e-mail, else SMS) with a new personal link to the employee page – answered or not – once per round,
only for a recent close; a failure is counted; `kasam tick` does it after the rounds close."""

import io
import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from kasam.org.models import Person
from kasam.pulse import actions, question_bank
from kasam.pulse.messaging import ConsoleSmsProvider, SmsError, SmsProvider
from kasam.pulse.models import Programme, Round
from kasam.workplace import links, results_back
from kasam.workplace.models import PersonalLink, ResultsNotice

STATEMENTS = ["beg1", "han1", "men1", question_bank.HEALTH_ID]
OPENS, CLOSES = date(2026, 11, 9), date(2026, 11, 20)
DAY = date(2026, 11, 23)
LINK = re.compile(r"https://kasam\.example\.invalid/min-arbetsplats/lank/([A-Za-z0-9_-]{43})/")


@pytest.fixture(autouse=True)
def _settings(pulse_settings):
    pulse_settings.KASAM_PULSE_K = 3
    pulse_settings.KASAM_BASE_URL = "https://kasam.example.invalid/"
    pulse_settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def closed(org):
    programme = Programme.objects.create(name="Puls", root_unit_id="SOC", window_days=7)
    round = Round.objects.create(
        programme=programme, number=1, opens_on=OPENS, closes_on=CLOSES, statement_ids=STATEMENTS
    )
    pairs = actions.open_round(round, day=OPENS)
    # Alva (P1) answers; the others do not.
    token = next(token for invitation, token in pairs if invitation.person_id == "P1")
    assert actions.submit(token, {s: 4 for s in STATEMENTS}, None, "key-0001", OPENS).stored
    actions.close_round(round)
    return Round.objects.get(pk=round.pk)


def test_everyone_invited_gets_the_same_message_answered_or_not(closed):
    notice = results_back.announce(closed, DAY, sms=ConsoleSmsProvider(io.StringIO()))
    invited = {"P1", "P2", "P3", "P4"}  # P5 left in 2025 and was never invited
    assert (notice.email, notice.sms, notice.failed) == (4, 0, 0)
    assert {message.to[0] for message in mail.outbox} == {f"{p.lower()}@example.invalid" for p in invited}
    # The same words for all: only the personal link differs (nothing says who answered).
    assert len({LINK.sub("LINK", message.body) for message in mail.outbox}) == 1
    assert len({message.subject for message in mail.outbox}) == 1
    body = mail.outbox[0].body
    assert "Pulsmätningen som stängde 20 november" in body and "till och med 22 januari" in body
    # Each link opens its own person's page, and only its hash is stored.
    for message in mail.outbox:
        token = LINK.search(message.body).group(1)
        link = links.find(token, DAY)
        assert (
            link is not None and link.person.email == message.to[0] and link.expires_on == date(2027, 1, 22)
        )
        assert not PersonalLink.objects.filter(token_hash=token).exists()


def test_without_an_address_an_sms_and_without_either_nothing(closed):
    Person.objects.filter(pk="P2").update(email="", phone="070-123 45 67")
    Person.objects.filter(pk="P3").update(email="", phone="")
    console = ConsoleSmsProvider(io.StringIO())
    notice = results_back.announce(closed, DAY, sms=console)
    assert (notice.email, notice.sms) == (2, 1)
    ((to, text),) = console.sent
    assert to == "+46701234567" and LINK.search(text)
    assert not PersonalLink.objects.filter(person_id="P3").exists()


def test_a_failed_message_is_counted_and_the_rest_still_go(closed):
    Person.objects.filter(pk="P2").update(email="", phone="070-123 45 67")

    class Down(SmsProvider):
        def send(self, to, text):
            raise SmsError("down")

    notice = results_back.announce(closed, DAY, sms=Down())
    assert (notice.email, notice.sms, notice.failed) == (3, 0, 1)
    assert ResultsNotice.objects.get(round=closed).failed == 1


def test_a_round_is_announced_once_and_only_while_its_close_is_recent(closed):
    assert results_back.due_rounds(CLOSES - timedelta(days=1)) == []
    assert results_back.due_rounds(CLOSES + timedelta(days=results_back.RECENT_DAYS + 1)) == []
    assert results_back.due_rounds(DAY) == [closed]
    assert results_back.tick(DAY) == [f"results of round {closed.pk}"]
    assert len(mail.outbox) == 4
    assert results_back.tick(DAY) == [] and results_back.announce(closed, DAY) is None
    assert len(mail.outbox) == 4


def test_the_tick_sends_them_and_removes_ended_links(closed, settings):
    from django.core.management import call_command

    old = PersonalLink.objects.create(person_id="P1", token_hash="x" * 64, expires_on=DAY - timedelta(days=1))
    settings.KASAM_TODAY = DAY
    call_command("tick", stdout=io.StringIO())
    assert ResultsNotice.objects.filter(round=closed).exists()
    assert sum(1 for message in mail.outbox if LINK.search(message.body)) == 4
    assert not PersonalLink.objects.filter(pk=old.pk).exists()


def test_the_link_in_the_message_opens_the_page(client, closed):
    results_back.announce(closed, DAY)
    token = LINK.search(mail.outbox[0].body).group(1)
    response = client.get(reverse("workplace:link", args=[token]))
    assert response.status_code == 303
