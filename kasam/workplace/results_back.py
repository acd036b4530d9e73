"""Results back to everyone after each round (docs/employee-page.md "Results back after each round").

When a pulse round has closed, everyone invited to it who still works here gets a short message –
e-mail when Kasam has an address, else SMS – with a new personal link to the employee page, where
their group's results are. Everyone invited gets the same message, answered or not: nothing sent or
stored here tells anyone who answered. A round is announced once (ResultsNotice, written before the
first message, so that a second tick never sends twice), and only while its close is recent: the
rounds of a demo's or a restored installation's past are never announced.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from kasam.org.models import Employment
from kasam.pulse.messaging import SmsError, SmsProvider, sms_provider
from kasam.pulse.models import Invitation, Round
from kasam.workplace import links
from kasam.workplace.models import ResultsNotice

logger = logging.getLogger(__name__)

# A round that closed longer ago than this is not announced any more.
RECENT_DAYS = 7


def link_url(token: str) -> str:
    return settings.KASAM_BASE_URL.rstrip("/") + reverse("workplace:link", args=[token])


def due_rounds(day: date) -> list[Round]:
    """Closed rounds with a recent close that have not been announced."""
    announced = ResultsNotice.objects.values("round_id")
    return list(
        Round.objects.filter(status=Round.Status.CLOSED, closes_on__gte=day - timedelta(days=RECENT_DAYS))
        .filter(closes_on__lte=day)
        .exclude(pk__in=announced)
        .order_by("closes_on", "pk")
    )


def _texts(url: str, closes_on: date, expires_on: date) -> tuple[str, str, str]:
    """(subject, e-mail body, SMS) in the organisation's language."""
    with translation.override(settings.LANGUAGE_CODE):
        closed = formats.date_format(closes_on, "j F")
        until = formats.date_format(expires_on, "j F")
        subject = _("The pulse results for your workplace are ready")
        intro = _(
            "Hi! The pulse that closed on %(date)s has been put together. Here you can see how your "
            "workplace is doing, what you have agreed on and what comes next:"
        ) % {"date": closed}
        closing = _(
            "The link is personal and works until %(date)s. It shows your workplace's answers together, "
            "never what anyone answered."
        ) % {"date": until}
        sms = _("The pulse results for your workplace are ready:")
    return str(subject), f"{intro}\n\n{url}\n\n{closing}\n", f"{sms} {url}"


def _reachable(round: Round, day: date):
    """The invited who still work here and have an e-mail address or a phone number."""
    working = Employment.objects.filter(start_date__lte=day).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day)
    )
    return (
        Invitation.objects.filter(round=round, person__in=working.values("person_id"))
        .exclude(person__email="", person__phone="")
        .select_related("person")
        .order_by("person_id")
    )


def announce(round: Round, day: date, sms: SmsProvider | None = None) -> ResultsNotice | None:
    """Send the round's results back to everyone invited (see the module); None if already announced."""
    try:
        with transaction.atomic():
            notice = ResultsNotice.objects.create(round=round)
    except IntegrityError:
        return None
    invitations = list(_reachable(round, day))
    tokens = links.issue_many([i.person_id for i in invitations], day)
    expires_on = day + timedelta(days=links.LIFETIME_DAYS)
    with get_connection() as connection:
        for invitation in invitations:
            person = invitation.person
            subject, body, text = _texts(link_url(tokens[person.pk]), round.closes_on, expires_on)
            try:
                if person.email:
                    send_mail(subject, body, None, [person.email], fail_silently=False, connection=connection)
                    notice.email += 1
                else:
                    (sms or sms_provider()).send(person.phone, text)
                    notice.sms += 1
            except (SmsError, OSError) as error:
                notice.failed += 1
                logger.warning(
                    "pulse results not sent to invitation %s: %s", invitation.pk, type(error).__name__
                )
    notice.save(update_fields=["email", "sms", "failed"])
    return notice


def tick(day: date) -> list[str]:
    """`kasam tick`: announce the rounds due, and remove personal links that have ended."""
    done = [f"results of round {round.pk}" for round in due_rounds(day) if announce(round, day)]
    links.purge_expired(day)
    return done
