"""Sending pulse links: invitations by e-mail or SMS, and reminders.

The raw tokens exist only in memory, between kasam.pulse.actions (open_round/invite/reissue_token) and
the message sent here: they are never written to the database, the task queue or a log. A person
with an e-mail address gets an e-mail; one without, but with a phone number, an SMS through the
configured provider (`KASAM_SMS_PROVIDER`); one with neither gets a printed QR code (kasam.pulse.qr).

SMS providers implement `SmsProvider.send(to, text) -> message id` and raise `SmsError`. Three exist:
`OutboxSmsProvider` (the default: keeps the message in the demo's outbox, kasam.core.outbox, and sends
nothing anywhere else), `ConsoleSmsProvider` (development with DEBUG only: prints to standard output;
a system check refuses it elsewhere) and `FortySixElksProvider`, 46elks' HTTP API
(`POST {base}/sms`, basic auth, form fields from/to/message, JSON with `id`), through urllib with a
timeout and up to three attempts with backoff on 5xx and 429.
"""

import base64
import json
import logging
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from kasam.pulse import actions
from kasam.pulse.models import Invitation, Participation, Round

logger = logging.getLogger(__name__)

# Reminders: at least this many days after the invitation was sent, and never on these weekdays.
REMIND_AFTER_DAYS = 3
WEEKEND = (5, 6)


# ------------------------------------------------------------------------------------------- links


def answer_url(token: str) -> str:
    """The absolute link of the answer page for a token (KASAM_BASE_URL + /svara/<token>/)."""
    return settings.KASAM_BASE_URL.rstrip("/") + reverse("pulse_answer:answer", args=[token])


# ---------------------------------------------------------------------------------------------- SMS


class SmsError(Exception):
    """An SMS could not be sent (bad number, refused credentials, the provider down after retries)."""


class SmsProvider(ABC):
    """Sends one SMS and returns the provider's message id; raises SmsError on failure."""

    @abstractmethod
    def send(self, to: str, text: str) -> str: ...


class OutboxSmsProvider(SmsProvider):
    """The default: on the demo's database, keeps the message in the outbox for the health strategist's
    outbox page; anywhere else it sends nothing and fails (production sets KASAM_SMS_PROVIDER=46elks)."""

    def send(self, to: str, text: str) -> str:
        from kasam.core.models import OutboxMessage, is_demo_database
        from kasam.core.outbox import keep

        to = normalise_phone(to)
        if not is_demo_database():
            raise SmsError("no SMS provider is configured (KASAM_SMS_PROVIDER)")
        keep(OutboxMessage.Channel.SMS, [to], "", text)
        return "outbox"


class ConsoleSmsProvider(SmsProvider):
    """For development with DEBUG (and tests, with a stream of their own): writes the message to a
    stream (standard output) instead of sending it."""

    def __init__(self, stream=None):
        self.stream = stream
        self.sent: list[tuple[str, str]] = []

    def send(self, to: str, text: str) -> str:
        to = normalise_phone(to)
        self.sent.append((to, text))
        stream = self.stream or sys.stdout
        stream.write(f"SMS to {to}:\n{text}\n\n")
        return f"console-{len(self.sent)}"


class FortySixElksProvider(SmsProvider):
    """46elks (https://46elks.com/docs/send-sms): POST {base_url}/sms with HTTP basic auth and the form
    fields `from`, `to`, `message`; the JSON answer holds the message's `id`."""

    def __init__(
        self,
        username: str,
        password: str,
        sender: str,
        base_url: str = "https://api.46elks.com/a1",
        timeout: float = 10.0,
        attempts: int = 3,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ):
        if not username or not password:
            raise SmsError("46elks needs KASAM_SMS_USERNAME and KASAM_SMS_PASSWORD")
        self.username, self.password, self.sender = username, password, sender
        self.base_url = base_url.rstrip("/")
        self.timeout, self.attempts, self.backoff, self.sleep = timeout, max(1, attempts), backoff, sleep

    def send(self, to: str, text: str) -> str:
        body = urllib.parse.urlencode(
            {"from": self.sender, "to": normalise_phone(to), "message": text}
        ).encode()
        credentials = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
        request = urllib.request.Request(  # noqa: S310 (the configured https base URL, or a test's)
            f"{self.base_url}/sms",
            data=body,
            method="POST",
            headers={
                "Authorization": f"Basic {credentials}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
            },
        )
        for attempt in range(1, self.attempts + 1):
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                    payload = response.read()
            except urllib.error.HTTPError as error:
                retry = error.code == 429 or error.code >= 500
                if retry and attempt < self.attempts:
                    self.sleep(self._delay(attempt, error))
                    continue
                raise SmsError(f"46elks answered {error.code}") from None
            except (urllib.error.URLError, TimeoutError, OSError) as error:
                if attempt < self.attempts:
                    self.sleep(self._delay(attempt))
                    continue
                raise SmsError(f"46elks could not be reached: {type(error).__name__}") from None
            try:
                message_id = json.loads(payload)["id"]
            except (ValueError, KeyError, TypeError):
                raise SmsError("46elks answered without a message id") from None
            return str(message_id)
        raise SmsError("46elks: no attempt made")  # pragma: no cover - attempts >= 1

    def _delay(self, attempt: int, error: urllib.error.HTTPError | None = None) -> float:
        """Exponential backoff (1, 2, 4 … × backoff seconds), or the server's Retry-After (at most 30 s)."""
        retry_after = error.headers.get("Retry-After") if error is not None and error.headers else None
        if retry_after and retry_after.isdecimal():
            return min(float(retry_after), 30.0)
        return self.backoff * 2 ** (attempt - 1)


def sms_provider() -> SmsProvider:
    """The provider named by KASAM_SMS_PROVIDER ("outbox", "console" or "46elks")."""
    name = settings.KASAM_SMS_PROVIDER
    if name == "outbox":
        return OutboxSmsProvider()
    if name == "console":
        return ConsoleSmsProvider()
    if name == "46elks":
        return FortySixElksProvider(
            settings.KASAM_SMS_USERNAME,
            settings.KASAM_SMS_PASSWORD,
            settings.KASAM_SMS_FROM,
            base_url=settings.KASAM_SMS_BASE_URL,
        )
    raise SmsError(f"unknown SMS provider {name!r}: use outbox, console or 46elks")


_SEPARATORS = re.compile(r"[\s\-–()./]")


def normalise_phone(number: str) -> str:
    """A phone number in E.164 (+46…) from the ways Swedes write them: "070-123 45 67",
    "0046 70 123 45 67", "+46 (0)70-1234567", "46701234567". SmsError when it is not a number."""
    raw = _SEPARATORS.sub("", str(number or "")).replace("+46(0)", "+46")
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    elif raw.startswith("0"):
        raw = "+46" + raw[1:]
    elif raw.startswith("46") and len(raw) >= 10:
        raw = "+" + raw
    if raw.startswith("+460"):
        raw = "+46" + raw[4:]
    if not re.fullmatch(r"\+[1-9]\d{6,14}", raw):
        raise SmsError("not a phone number")
    return raw


# -------------------------------------------------------------------------------------- messages


def _invitation_text(url: str, closes_on: date, reminder: bool) -> tuple[str, str]:
    """(subject, body) in the organisation's language: short and warm, the link on its own line."""
    with translation.override(settings.LANGUAGE_CODE):
        when = formats.date_format(closes_on, "j F")
        if reminder:
            subject = _("A reminder: how are things at work right now?")
            intro = _(
                "Hi! You have not answered this pulse yet – there is still time. It takes about a minute. "
                "This new link replaces the one you got before:"
            )
        else:
            subject = _("How are things at work right now?")
            intro = _(
                "Hi! Here is this round's pulse: a few short questions about your workplace. It takes about "
                "a minute, and your answers are anonymous – they are never stored with your name."
            )
        closing = _("You can answer until %(date)s. The link is personal; please do not forward it.") % {
            "date": when
        }
        thanks = _("Thank you for helping to make our workplace a good one!")
    return str(subject), f"{intro}\n\n{url}\n\n{closing}\n\n{thanks}\n"


def _sms_text(url: str, reminder: bool) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        if reminder:
            text = _("Reminder: a one-minute anonymous pulse about your workplace. New personal link:")
        else:
            text = _("A one-minute anonymous pulse about your workplace. Your personal link:")
    return f"{text} {url}"


@dataclass
class Sent:
    """What a sending did: counts per channel, and the pairs left for the QR sheet (no address)."""

    email: int = 0
    sms: int = 0
    failed: int = 0
    no_address: list[tuple[Invitation, str]] | None = None

    @property
    def total(self) -> int:
        return self.email + self.sms


def _deliver(
    invitation: Invitation,
    token: str,
    closes_on: date,
    reminder: bool,
    sms: SmsProvider | None,
    connection=None,
) -> str | None:
    """Send one link: "email", "sms", None when the person has no address; SmsError/OSError on failure."""
    person = invitation.person
    url = answer_url(token)
    if person.email:
        subject, body = _invitation_text(url, closes_on, reminder)
        send_mail(subject, body, None, [person.email], fail_silently=False, connection=connection)
        return "email"
    if person.phone:
        (sms or sms_provider()).send(person.phone, _sms_text(url, reminder))
        return "sms"
    return None


def send_invitations(
    round: Round, pairs: Iterable[tuple[Invitation, str]], sms: SmsProvider | None = None
) -> Sent:
    """Send each (invitation, raw token) of open_round/invite its link: by e-mail when the person has an
    address, else by SMS. Marks `sent_at` on the invitations sent. Those with neither come back in
    `no_address`, for a QR sheet (kasam.pulse.qr.render_qr_sheet). A failure is counted and logged
    without the link."""
    pairs = list(pairs)
    persons = {
        invitation.pk: invitation
        for invitation in Invitation.objects.filter(pk__in=[i.pk for i, _ in pairs]).select_related("person")
    }
    result = Sent(no_address=[])
    sent_ids = []
    # One mail connection for the whole round, not one per person.
    with get_connection() as connection:
        for invitation, token in pairs:
            loaded = persons.get(invitation.pk, invitation)
            try:
                channel = _deliver(loaded, token, round.closes_on, False, sms, connection)
            except (SmsError, OSError) as error:
                result.failed += 1
                logger.warning("pulse invitation %s not sent: %s", invitation.pk, type(error).__name__)
                continue
            if channel is None:
                result.no_address.append((loaded, token))
                continue
            setattr(result, channel, getattr(result, channel) + 1)
            sent_ids.append(invitation.pk)
    if sent_ids:
        Invitation.objects.filter(pk__in=sent_ids).update(sent_at=timezone.now())
    return result


def due_for_reminder(round: Round, day: date):
    """The invitations of an open round to remind on `day`: sent at least REMIND_AFTER_DAYS days before,
    not reminded yet, not answered, and reachable by e-mail or SMS. None on a weekend."""
    if day.weekday() in WEEKEND or round.status != Round.Status.OPEN or day > round.closes_on:
        return Invitation.objects.none()
    answered = Participation.objects.filter(round=round).values("person_id")
    # Sent on day − 3 or earlier, in local time: sent on a Monday, reminded from Thursday.
    cutoff = timezone.make_aware(datetime.combine(day - timedelta(days=REMIND_AFTER_DAYS), clock.max))
    return (
        Invitation.objects.filter(round=round, reminded_at__isnull=True, sent_at__isnull=False)
        .filter(sent_at__lte=cutoff)
        .exclude(person_id__in=answered)
        .exclude(token_hash__isnull=True)
        # Without an address the link was printed (a QR code): a new token would void it.
        .exclude(person__email="", person__phone="")
        .select_related("person")
    )


def remind(round: Round, today: date, sms: SmsProvider | None = None) -> int:
    """Remind those invited to `round` who have not answered: only when at least 3 days have passed
    since the invitation was sent, never on Saturday or Sunday, at most once per invitation. Each
    reminder carries a new link (actions.reissue_token: the old token is not stored, so it cannot be
    sent again; the old link stops working). Returns how many were reminded."""
    count = 0
    for invitation in due_for_reminder(round, today):
        token = actions.reissue_token(invitation)
        if token is None:  # answered or closed in the meantime
            continue
        try:
            channel = _deliver(invitation, token, round.closes_on, reminder=True, sms=sms)
        except (SmsError, OSError) as error:
            # Not marked: the next run tries again with a new link (this one was never delivered).
            logger.warning("pulse reminder %s not sent: %s", invitation.pk, type(error).__name__)
            continue
        if channel is not None:
            Invitation.objects.filter(pk=invitation.pk).update(reminded_at=timezone.now())
            count += 1
    return count
