"""The demo's outbox (kasam.core.outbox): on a database made by `kasam demo` pulse links and addresses
are kept for the health strategist's outbox page instead of being printed; anywhere else Kasam's default
backends send for real or fail, and never print. A console backend is refused outside DEBUG and the demo."""

from datetime import date

import pytest
from django.core.checks import Error
from django.urls import reverse

from kasam.core.deploy_checks import nothing_secret_printed
from kasam.core.models import DemoDatabase, OutboxMessage
from kasam.org.models import Person
from kasam.pulse import actions, messaging, question_bank
from kasam.pulse.messaging import OutboxSmsProvider, SmsError, send_invitations
from kasam.pulse.models import Programme, Round

ALL = [
    "medarbetare",
    "enhetschef",
    "omradeschef",
    "ledning",
    "halsostrateg",
    "hr",
    "politiker",
    "dialogcoach",
]
CONSOLE = "django.core.mail.backends.console.EmailBackend"


@pytest.fixture(autouse=True)
def _kasams_own_backends(settings):
    """What an installation gets without EMAIL_BACKEND or KASAM_SMS_PROVIDER (the test runner would
    otherwise collect mail in memory). SMTP points at a closed port: nothing leaves the machine."""
    settings.EMAIL_BACKEND = "kasam.core.outbox.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    settings.KASAM_SMS_PROVIDER = "outbox"
    settings.KASAM_PULSE_K = 3
    settings.KASAM_TOKEN_KEY = "test-token-key"


@pytest.fixture
def opened(org):
    """A round over the test organisation, opened, its links sent; P2 has only a phone number."""
    Person.objects.filter(pk="P2").update(email="", phone="070-174 00 01")
    programme = Programme.objects.create(name="Puls", root_unit_id="SOC", window_days=7)
    round = Round.objects.create(
        programme=programme,
        number=1,
        opens_on=date(2026, 11, 23),
        closes_on=date(2026, 11, 30),
        statement_ids=["beg1", "han1", "men1", question_bank.HEALTH_ID],
    )
    pairs = actions.open_round(round, day=date(2026, 11, 23))

    def send():
        return send_invitations(round, pairs, sms=messaging.sms_provider()), dict(
            (invitation.person_id, token) for invitation, token in pairs
        )

    return send


def test_on_the_demo_database_links_go_to_the_outbox_and_nothing_is_printed(opened, capfd):
    DemoDatabase.objects.create()
    sent, tokens = opened()
    assert (sent.email, sent.sms, sent.failed) == (3, 1, 0)
    out, err = capfd.readouterr()
    assert "/svara/" not in out + err and "@" not in out + err and "+4670" not in out + err
    by_channel = {(m.channel, m.recipients): m for m in OutboxMessage.objects.all()}
    assert f"/svara/{tokens['P1']}/" in by_channel[("email", "p1@example.invalid")].body
    assert f"/svara/{tokens['P2']}/" in by_channel[("sms", "+46701740001")].body


def test_elsewhere_the_default_backends_send_or_fail_and_never_keep_or_print(opened, capfd):
    """No demo mark: e-mail goes to SMTP (here a closed port: refused) and SMS have no provider."""
    with pytest.raises(OSError):
        opened()
    with pytest.raises(SmsError):
        OutboxSmsProvider().send("070-174 00 01", "https://kasam.example.invalid/svara/secret/")
    assert not OutboxMessage.objects.exists()
    out, err = capfd.readouterr()
    assert "/svara/" not in out + err and "@" not in out + err and "+4670" not in out + err


def test_the_default_sms_provider_is_the_outbox(settings):
    assert isinstance(messaging.sms_provider(), OutboxSmsProvider)


def test_the_outbox_page_shows_the_links_to_the_health_strategist_only(client, personas, opened):
    DemoDatabase.objects.create()
    _sent, tokens = opened()
    url = reverse("core:outbox")
    for username in ALL:
        client.force_login(personas[username])
        response = client.get(url)
        if username != "halsostrateg":
            assert response.status_code == 404, username
            assert tokens["P1"] not in response.content.decode()
            continue
        page = response.content.decode()
        assert response.status_code == 200
        assert "Utkorg" in page and "Demon skickar ingen e-post" in page
        assert f"/svara/{tokens['P1']}/" in page and "p1@example.invalid" in page
        assert "+46701740001" in page


def test_the_outbox_is_in_the_strategists_navigation_on_the_demo_only(client, personas):
    client.force_login(personas["halsostrateg"])
    outbox = f'href="{reverse("core:outbox")}"'
    assert outbox not in client.get("/").content.decode()
    page = client.get(reverse("core:outbox")).content.decode()
    assert "Här skickar Kasam e-post och sms på riktigt" in page and "Utkorgen är tom." in page
    DemoDatabase.objects.create()
    assert outbox in client.get("/").content.decode()
    client.force_login(personas["hr"])
    assert outbox not in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("email", "sms"),
    [(CONSOLE, "outbox"), ("kasam.core.outbox.EmailBackend", "console"), (CONSOLE, "console")],
)
def test_printing_backends_are_an_error_outside_debug_and_the_demo(db, settings, email, sms):
    settings.EMAIL_BACKEND, settings.KASAM_SMS_PROVIDER = email, sms
    settings.DEBUG = False
    [error] = nothing_secret_printed(None)
    assert isinstance(error, Error) and error.id == "kasam.E010"
    settings.DEBUG = True
    assert nothing_secret_printed(None) == []
    settings.DEBUG = False
    DemoDatabase.objects.create()
    assert nothing_secret_printed(None) == []


def test_kasams_own_backends_pass(db, settings):
    settings.DEBUG = False
    assert nothing_secret_printed(None) == []
