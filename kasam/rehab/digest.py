"""The week's digest of rehabilitation steps (`kasam tick`): once per ISO week, every user who sees
open cases (kasam.rehab.access.cases_for) – the person's manager, HR, a delegate – and has steps due in
the coming seven days (today … today + 6) gets one e-mail saying how many steps are due this week and
how many are overdue, with a link to the list of cases. Nothing of any case leaves in it: no name, no
person id, no unit – what the steps are about is for the page behind a login.

Only open steps count: a step done, not needed or not done is never reminded of. An overdue step is
counted in the digest and nowhere else, never sent on its own. A user without an e-mail address, or
inactive, gets none. What was sent is written (DigestSent, one a user and week) before the mail goes,
so that a second tick never sends twice; a mail that could not be sent gives its week back, so a later
tick tries again."""

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import get_connection, send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kasam.metrics import rehab
from kasam.org.models import RoleAssignment
from kasam.org.roles import Capability, roles_with
from kasam.rehab import cases
from kasam.rehab.access import cases_for
from kasam.rehab.models import Case, Delegation, DigestSent

logger = logging.getLogger(__name__)

WEEK_DAYS = 7


@dataclass(frozen=True)
class Due:
    """Steps of the cases one user sees: due in the coming seven days, and overdue."""

    this_week: int = 0
    overdue: int = 0

    def __add__(self, other: "Due") -> "Due":
        return Due(self.this_week + other.this_week, self.overdue + other.overdue)


def monday(day: date) -> date:
    """The Monday of the ISO week of `day`."""
    return day - timedelta(days=day.weekday())


def due_of(case: Case, day: date) -> Due:
    """The case's open steps due in day … day + 6, and those due before `day`."""
    due = overdue = 0
    for step in cases.steps(case):
        if step.status != rehab.OPEN or step.due is None:
            continue
        if step.due < day:
            overdue += 1
        elif step.due < day + timedelta(days=WEEK_DAYS):
            due += 1
    return Due(due, overdue)


def _open_cases_due(day: date) -> dict[int, Due]:
    """Every open case's steps due (computed once for all readers). A case whose steps cannot be
    computed is logged and left out, so that one case does not stop everyone's digest."""
    found = {}
    for case in Case.objects.filter(closed_on__isnull=True).prefetch_related("steps_done"):
        try:
            found[case.pk] = due_of(case, day)
        except ValueError:
            logger.exception("rehab digest: the steps of case %s cannot be computed", case.pk)
    return found


def _readers(day: date) -> list:
    """The active users with an e-mail address who may see a case: the roles that handle cases, and
    users with a delegation running today."""
    roles = {*roles_with(Capability.HANDLE_REHAB_CASES), *roles_with(Capability.CLOSE_REHAB_CASES)}
    ids = set(RoleAssignment.objects.filter(role__in=roles).values_list("user_id", flat=True))
    ids |= set(Delegation.objects.filter(ends_on__gte=day).values_list("user_id", flat=True))
    users = get_user_model().objects.filter(pk__in=ids, is_active=True).exclude(email="")
    return list(users.order_by("pk"))


def list_url() -> str:
    return settings.KASAM_BASE_URL.rstrip("/") + reverse("rehab:list")


def message(due: Due) -> tuple[str, str]:
    """(subject, body) in the organisation's language: counts and a link, nothing of any case."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Rehabilitation: steps to take this week")
        counts = ngettext(
            "In the rehabilitation cases you follow, %(count)d step is due in the coming seven days.",
            "In the rehabilitation cases you follow, %(count)d steps are due in the coming seven days.",
            due.this_week,
        ) % {"count": due.this_week}
        if due.overdue:
            counts += " " + ngettext(
                "%(count)d step is overdue.", "%(count)d steps are overdue.", due.overdue
            ) % {"count": due.overdue}
        lines = [
            _("Hi!"),
            "",
            counts,
            "",
            _("See which cases and steps in Kasam:"),
            list_url(),
            "",
            _("This message names no one on purpose. Log in to see the cases."),
        ]
    return str(subject), "\n".join(str(line) for line in lines) + "\n"


def send_digests(day: date) -> int:
    """Send this week's digest to everyone it is due for (see the module); the number sent."""
    week = monday(day)
    readers = [u for u in _readers(day) if not DigestSent.objects.filter(user=u, week=week).exists()]
    if not readers:
        return 0
    per_case = _open_cases_due(day)
    sent = 0
    with get_connection() as connection:
        for user in readers:
            seen = cases_for(user, day).filter(closed_on__isnull=True).values_list("pk", flat=True)
            due = sum((per_case.get(pk, Due()) for pk in seen), Due())
            if not due.this_week:
                continue
            try:
                with transaction.atomic():
                    marker = DigestSent.objects.create(user=user, week=week)
            except IntegrityError:  # another tick sent it meanwhile
                continue
            subject, body = message(due)
            try:
                send_mail(subject, body, None, [user.email], fail_silently=False, connection=connection)
            except OSError as error:
                marker.delete()
                logger.warning("rehab digest not sent to user %s: %s", user.pk, type(error).__name__)
                continue
            sent += 1
    logger.info("rehab digest: %d e-mail(s) for the week of %s", sent, week.isoformat())
    return sent


def tick(day: date) -> list[str]:
    """For `kasam tick`: ["rehab_digest"] when digests went out, else []."""
    return ["rehab_digest"] if send_digests(day) else []
