"""Telling the person that a case was opened (docs/rehabilitation.md "What the employee sees"): one
short message – e-mail when Kasam has their address, else SMS (kasam.pulse.messaging) – saying that
their manager has started support for their return to work and where to read their plan after
logging in. Never any detail of the case: not the source, not a date, not a step. Sent once per case
(`Case.person_told_on`); a case that reopens is the same case and sends nothing."""

import logging
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kasam.core.dates import today
from kasam.pulse.messaging import SmsError, SmsProvider, sms_provider
from kasam.rehab.models import Case

logger = logging.getLogger(__name__)


def plan_url() -> str:
    return settings.KASAM_BASE_URL.rstrip("/") + reverse("rehab:mine")


def texts(url: str) -> tuple[str, str, str]:
    """(subject, e-mail body, SMS) in the organisation's language."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Support for your return to work")
        body = _(
            "Hi! Your manager has started support for your return to work. Together you will make a plan "
            "for how your work can look ahead. You can read your plan when you have logged in to Kasam:"
        )
        closing = _("If you have questions, talk to your manager.")
        sms = _(
            "Hi! Your manager has started support for your return to work. Read your plan after logging in:"
        )
    return str(subject), f"{body}\n\n{url}\n\n{closing}\n", f"{sms} {url}"


def tell_person(case: Case, day: date | None = None, sms: SmsProvider | None = None) -> bool:
    """Send the person the message about their case, once; True when it went. A person with neither
    an e-mail address nor a phone number gets nothing (their manager tells them). The day is claimed
    before sending, so that two callers never both send; it is given back if the message fails."""
    person = case.person
    if case.person_told_on is not None or not (person.email or person.phone):
        return False
    day = day or today()
    if not Case.objects.filter(pk=case.pk, person_told_on__isnull=True).update(person_told_on=day):
        return False
    subject, body, text = texts(plan_url())
    try:
        if person.email:
            send_mail(subject, body, None, [person.email], fail_silently=False)
        else:
            (sms or sms_provider()).send(person.phone, text)
    except (SmsError, OSError) as error:
        Case.objects.filter(pk=case.pk).update(person_told_on=None)
        logger.warning("rehabilitation case %s: the person was not told: %s", case.pk, type(error).__name__)
        return False
    case.person_told_on = day
    return True
