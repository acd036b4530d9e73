"""Delegated work-environment tasks (uppgiftsfördelning, docs/definitions.md "Delegated work-environment
tasks"): where a delegation stands on a day, who may be given a unit's tasks and
telling the one above when tasks are returned (returnering).

A delegation's status on `day`, in this order:

    returned   returned on or before `day` (returnering): no longer current, whatever else holds
    ended      its last day (`ends_on`, "until", inclusive) is before `day`
    waiting    given, but not accepted on or before `day`
    current    accepted on or before `day`, not returned and not ended

The pure core (kasam.metrics.sam) has no definition of a delegation's status; this is the one."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kasam.org.models import Role, RoleAssignment, Unit

logger = logging.getLogger(__name__)

WAITING = "waiting"
CURRENT = "current"
RETURNED = "returned"
ENDED = "ended"
STATUSES = (WAITING, CURRENT, RETURNED, ENDED)

STATUS_LABELS = {
    WAITING: _("Waiting for an answer"),
    CURRENT: _("In force"),
    RETURNED: _("Returned"),
    ENDED: _("Has ended"),
}


def status(delegation, day) -> str:
    """The delegation's status on `day` (see the module): 'waiting', 'current', 'returned' or 'ended'.
    Reads only the dates `returned_on`, `ends_on` and `accepted_on` of `delegation`."""
    if delegation.returned_on is not None and delegation.returned_on <= day:
        return RETURNED
    if delegation.ends_on is not None and delegation.ends_on < day:
        return ENDED
    if delegation.accepted_on is None or delegation.accepted_on > day:
        return WAITING
    return CURRENT


def _ancestor_paths(path: str) -> list[str]:
    """`path` and the paths of the units above it ("/A/B/" → /A/B/, /A/)."""
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[:n]) + "/" for n in range(len(parts), 0, -1)]


def holders_for(unit: Unit, giver) -> list:
    """The users who may be given the unit's work-environment tasks: the unit managers whose role covers
    the unit, never the giver themself (nobody gives tasks to themself), by name."""
    found = RoleAssignment.objects.filter(
        role=Role.UNIT_MANAGER, unit__path__in=_ancestor_paths(unit.path)
    ).select_related("user")
    users = {a.user.pk: a.user for a in found if a.user.pk != giver.pk and a.user.is_active}
    return sorted(users.values(), key=lambda u: (display_name(u).lower(), u.pk))


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def returned_texts(unit_name: str, url: str) -> tuple[str, str]:
    """(subject, body) of the message to the one who gave the tasks, in the organisation's language:
    the unit's name, that the task was returned with a reason, and where to read it. Nothing else –
    not the reason itself, nor anything about a person: the reason is read in Kasam after logging in."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("A work-environment task has been returned")
        body = gettext(
            "Hi! The work-environment task you gave for %(unit)s has been returned, with a reason. "
            "You can read the reason when you have logged in to Kasam:"
        ) % {"unit": unit_name}
        closing = gettext(
            "The task is back with you until you give it to someone who has the knowledge, authority and "
            "resources it needs."
        )
    return str(subject), f"{body}\n\n{url}\n\n{closing}\n"


def tell_giver(delegation) -> bool:
    """Tell the one who gave the task that it was returned (returnering): one e-mail; True when it
    went. One without an e-mail address, or a delegation whose giver is gone, is told nothing here (the
    page shows it)."""
    giver = delegation.given_by
    if giver is None or not giver.email:
        return False
    url = settings.KASAM_BASE_URL.rstrip("/") + reverse("sam:delegation", args=[delegation.pk])
    subject, body = returned_texts(delegation.unit.name, url)
    try:
        send_mail(subject, body, None, [giver.email], fail_silently=False)
    except OSError as error:
        logger.warning("delegation %s: the giver was not told: %s", delegation.pk, type(error).__name__)
        return False
    return True
