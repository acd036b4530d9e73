"""Sending pulse links: e-mail invitations, SMS through 46elks' HTTP API against a
local fake server (nothing reaches the internet), phone numbers in E.164, reminders on fixed dates,
and the printable QR sheet."""

import base64
import io
import json
import threading
import urllib.parse
import xml.etree.ElementTree as ET
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import segno
from django.core import mail
from django.utils import timezone

from kasam.org.models import Person
from kasam.pulse import actions, messaging, qr, question_bank, tokens
from kasam.pulse.messaging import (
    ConsoleSmsProvider,
    FortySixElksProvider,
    SmsError,
    normalise_phone,
    remind,
    send_invitations,
)
from kasam.pulse.models import Invitation, Participation, Programme, Round

STATEMENTS = ["beg1", "han1", "men1", question_bank.HEALTH_ID]
OPENS, CLOSES = date(2026, 11, 23), date(2026, 11, 30)  # Monday to Monday
MONDAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _pulse_settings(pulse_settings):
    settings = pulse_settings
    settings.KASAM_PULSE_K = 3
    settings.KASAM_BASE_URL = "https://kasam.example.invalid/"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def pulse(org):
    programme = Programme.objects.create(name="Puls", root_unit_id="SOC", window_days=7)
    round = Round.objects.create(
        programme=programme, number=1, opens_on=OPENS, closes_on=CLOSES, statement_ids=STATEMENTS
    )
    return round, actions.open_round(round, day=OPENS)


# ------------------------------------------------------------------------------- a fake 46elks


class FakeElks:
    """46elks on 127.0.0.1, a random port, in a thread: records each request and answers with the next
    status of `statuses` (then 200 with a JSON id)."""

    def __init__(self, statuses=()):
        self.statuses = list(statuses)
        self.requests: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                fake.requests.append(
                    {
                        "path": self.path,
                        "auth": self.headers.get("Authorization"),
                        "type": self.headers.get("Content-Type"),
                        "form": urllib.parse.parse_qs(self.rfile.read(length).decode()),
                    }
                )
                status = fake.statuses.pop(0) if fake.statuses else 200
                body = json.dumps({"id": f"s{len(fake.requests)}", "status": "created"}).encode()
                if status != 200:
                    body = b"busy"
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/a1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


def elks(fake, **options):
    sleeps = []
    provider = FortySixElksProvider(
        "u123", "secret", "Kasam", base_url=fake.url, timeout=5, sleep=sleeps.append, **options
    )
    return provider, sleeps


def test_46elks_gets_a_form_post_with_basic_auth_and_returns_the_id():
    with FakeElks() as fake:
        provider, sleeps = elks(fake)
        message_id = provider.send("070-123 45 67", "Hej! Din länk: https://x/svara/abc/")
    assert message_id == "s1" and sleeps == []
    (request,) = fake.requests
    assert request["path"] == "/a1/sms"
    assert request["auth"] == "Basic " + base64.b64encode(b"u123:secret").decode()
    assert request["type"] == "application/x-www-form-urlencoded"
    assert request["form"] == {
        "from": ["Kasam"],
        "to": ["+46701234567"],
        "message": ["Hej! Din länk: https://x/svara/abc/"],
    }


def test_46elks_is_retried_on_503_and_429_with_backoff():
    with FakeElks([503, 429]) as fake:
        provider, sleeps = elks(fake)
        assert provider.send("+46701234567", "Hej") == "s3"
    assert len(fake.requests) == 3
    assert sleeps == [1.0, 2.0]


def test_46elks_gives_up_after_three_attempts():
    with FakeElks([503, 503, 503, 503]) as fake:
        provider, sleeps = elks(fake)
        with pytest.raises(SmsError, match="503"):
            provider.send("+46701234567", "Hej")
    assert len(fake.requests) == 3 and len(sleeps) == 2


def test_46elks_is_not_retried_on_a_client_error():
    with FakeElks([401]) as fake:
        provider, sleeps = elks(fake)
        with pytest.raises(SmsError, match="401"):
            provider.send("+46701234567", "Hej")
    assert len(fake.requests) == 1 and sleeps == []


def test_46elks_unreachable_is_an_sms_error():
    with FakeElks() as fake:
        url = fake.url
    provider = FortySixElksProvider("u", "p", "Kasam", base_url=url, timeout=1, sleep=lambda s: None)
    with pytest.raises(SmsError, match="could not be reached"):
        provider.send("+46701234567", "Hej")


def test_46elks_needs_credentials():
    with pytest.raises(SmsError):
        FortySixElksProvider("", "", "Kasam")


def test_the_provider_comes_from_the_settings(settings):
    settings.KASAM_SMS_PROVIDER = "46elks"
    settings.KASAM_SMS_USERNAME, settings.KASAM_SMS_PASSWORD = "u", "p"
    settings.KASAM_SMS_BASE_URL = "http://127.0.0.1:9/a1"
    provider = messaging.sms_provider()
    assert isinstance(provider, FortySixElksProvider) and provider.base_url == "http://127.0.0.1:9/a1"
    settings.KASAM_SMS_PROVIDER = "console"
    assert isinstance(messaging.sms_provider(), ConsoleSmsProvider)
    settings.KASAM_SMS_PROVIDER = "pigeon"
    with pytest.raises(SmsError):
        messaging.sms_provider()


@pytest.mark.parametrize(
    ("written", "e164"),
    [
        ("070-123 45 67", "+46701234567"),
        ("0701234567", "+46701234567"),
        ("070 123 45 67", "+46701234567"),
        ("+46 70 123 45 67", "+46701234567"),
        ("+46 (0)70-123 45 67", "+46701234567"),
        ("0046701234567", "+46701234567"),
        ("46701234567", "+46701234567"),
        ("08-123 456 78", "+46812345678"),
        ("+358 40 1234567", "+358401234567"),
    ],
)
def test_swedish_phone_numbers_become_e164(written, e164):
    assert normalise_phone(written) == e164


@pytest.mark.parametrize("bad", ["", "abc", "070-12", "+46 70 123 45 67 89 01 23", None])
def test_a_bad_phone_number_is_an_sms_error(bad):
    with pytest.raises(SmsError):
        normalise_phone(bad)


# --------------------------------------------------------------------------------------- invitations


def test_invitations_go_by_email_with_the_absolute_link_and_never_store_the_token(pulse):
    round, pairs = pulse
    result = send_invitations(round, pairs, sms=ConsoleSmsProvider(io.StringIO()))
    assert (result.email, result.sms, result.failed, result.no_address) == (4, 0, 0, [])
    assert len(mail.outbox) == 4
    by_address = {message.to[0]: message for message in mail.outbox}
    for invitation, token in pairs:
        message = by_address[invitation.person.email]
        assert f"https://kasam.example.invalid/svara/{token}/" in message.body
        assert message.subject
    # The tokens live nowhere in the database: only their keyed hashes.
    hashes = set(Invitation.objects.values_list("token_hash", flat=True))
    assert hashes == {tokens.invitation_hash(token) for _, token in pairs}
    assert Invitation.objects.filter(sent_at__isnull=True).count() == 0


def test_without_email_an_sms_and_without_either_a_qr_card(pulse):
    round, pairs = pulse
    Person.objects.filter(pk="P2").update(email="", phone="070-123 45 67")
    Person.objects.filter(pk="P3").update(email="", phone="")
    console = ConsoleSmsProvider(io.StringIO())
    result = send_invitations(round, pairs, sms=console)
    assert (result.email, result.sms) == (2, 1)
    tokens_by_person = {invitation.person_id: token for invitation, token in pairs}
    ((to, text),) = console.sent
    assert to == "+46701234567" and f"/svara/{tokens_by_person['P2']}/" in text
    assert [invitation.person_id for invitation, _ in result.no_address] == ["P3"]
    assert Invitation.objects.get(person_id="P3").sent_at is None


def test_a_failed_sms_is_counted_and_not_marked_sent(pulse):
    round, pairs = pulse
    Person.objects.filter(pk="P2").update(email="", phone="070-123 45 67")

    class Down(messaging.SmsProvider):
        def send(self, to, text):
            raise SmsError("down")

    result = send_invitations(round, pairs, sms=Down())
    assert (result.email, result.sms, result.failed) == (3, 0, 1)
    assert Invitation.objects.get(person_id="P2").sent_at is None


# ----------------------------------------------------------------------------------------- reminders


def sent_on(day):
    Invitation.objects.update(sent_at=timezone.make_aware(datetime(day.year, day.month, day.day, 9)))


def test_reminders_wait_three_days_and_skip_weekends(pulse):
    round, pairs = pulse
    sent_on(MONDAY)
    assert remind(round, date(2026, 11, 24)) == 0  # Tuesday: 1 day
    assert remind(round, date(2026, 11, 25)) == 0  # Wednesday: 2 days
    assert remind(round, date(2026, 11, 28)) == 0  # Saturday
    assert remind(round, date(2026, 11, 29)) == 0  # Sunday
    assert mail.outbox == []
    assert remind(round, date(2026, 11, 26)) == 4  # Thursday: 3 days
    assert len(mail.outbox) == 4


def test_reminders_go_once_only_to_those_who_have_not_answered_with_a_new_link(pulse):
    round, pairs = pulse
    sent_on(MONDAY)
    old = {invitation.person_id: token for invitation, token in pairs}
    assert actions.submit(old["P1"], {s: 4 for s in STATEMENTS}, None, "key-00000001", day=MONDAY).stored
    assert remind(round, date(2026, 11, 26)) == 3
    assert remind(round, date(2026, 11, 27)) == 0  # at most once
    assert {message.to[0] for message in mail.outbox} == {
        "p2@example.invalid",
        "p3@example.invalid",
        "p4@example.invalid",
    }
    message = next(m for m in mail.outbox if m.to == ["p2@example.invalid"])
    new_token = message.body.split("/svara/")[1].split("/")[0]
    assert new_token != old["P2"] and tokens.is_well_formed(new_token)
    # The old link no longer opens the invitation; the new one does.
    assert not Invitation.objects.filter(token_hash=tokens.invitation_hash(old["P2"])).exists()
    assert Invitation.objects.get(token_hash=tokens.invitation_hash(new_token)).person_id == "P2"
    assert Invitation.objects.filter(reminded_at__isnull=False).count() == 3
    assert Participation.objects.count() == 1


def test_no_reminder_after_close_or_without_an_address(pulse):
    round, pairs = pulse
    sent_on(MONDAY)
    Person.objects.filter(pk="P3").update(email="", phone="")
    assert remind(round, date(2026, 12, 1)) == 0  # after the round's last day
    assert remind(round, date(2026, 11, 26)) == 3  # P3's printed link stays valid
    p3 = Invitation.objects.get(person_id="P3")
    assert p3.reminded_at is None
    assert p3.token_hash == tokens.invitation_hash(next(t for i, t in pairs if i.person_id == "P3"))
    actions.close_round(round, shown_nodes_fn=lambda tree, respondents, k: [])
    Invitation.objects.update(reminded_at=None)
    assert remind(round, date(2026, 11, 27)) == 0


def test_a_reminder_not_sent_is_tried_again(pulse):
    round, _pairs = pulse
    sent_on(MONDAY)
    Person.objects.update(email="", phone="070-123 45 67")

    class Down(messaging.SmsProvider):
        def send(self, to, text):
            raise SmsError("down")

    assert remind(round, date(2026, 11, 26), sms=Down()) == 0
    console = ConsoleSmsProvider(io.StringIO())
    assert remind(round, date(2026, 11, 27), sms=console) == 4
    assert len(console.sent) == 4


# ---------------------------------------------------------------------------------------------- QR


def test_qr_svg_is_svg_of_the_link():
    link = "https://kasam.example.invalid/svara/" + "A" * 43 + "/"
    svg = qr.qr_svg(link, title="Alva Testsson")
    root = ET.fromstring(svg)  # noqa: S314 (our own output)
    assert root.tag.endswith("svg")
    assert root.get("role") == "img" and root.get("aria-label") == "Alva Testsson"
    # The link is only in the code's modules, never as text; the code is exactly the link's QR code.
    assert "A" * 43 not in svg
    assert qr.qr_code(link).matrix == segno.make_qr(link, error="m", boost_error=False).matrix


def test_the_qr_sheet_has_a_card_per_person_with_name_and_code(pulse):
    _round, pairs = pulse
    html = qr.render_qr_sheet(pairs)
    assert html.count('class="card"') == 4
    assert html.count("<svg") == 4
    for name in ("Alva Testsson", "Bo Provsson", "Cilla Exempelsdotter", "Dan Fiktiv"):
        assert name in html
    for _invitation, token in pairs:
        assert token not in html
    assert "<script" not in html
