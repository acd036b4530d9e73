"""The unit manager's weekly work-environment reminder (`kasam tick`, docs/definitions.md "The yearly
follow-up"): once per ISO week, each unit manager with a unit whose safety round is due within a
month (`sam.round_due_within_a_month`), or with plan actions of risks past their follow-up date, gets
one e-mail naming those units and counts, with a link to the work-environment pages. Nothing done is
reminded of: a signed round moves the next one a year on, a done or cancelled action is not overdue."""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kasam.metrics import sam
from kasam.org.models import Role, RoleAssignment, Unit
from kasam.plans.models import Activity
from kasam.sam.models import ReminderSent, Risk, SafetyRound

logger = logging.getLogger(__name__)
OPEN = (Activity.Status.PLANNED, Activity.Status.ONGOING)


def _last_signed(unit_ids: list[str]) -> dict[str, date]:
    found: dict[str, date] = {}
    for held in SafetyRound.objects.filter(unit_id__in=unit_ids).exclude(manager_signed_on=None):
        if held.signed_on and held.signed_on > found.get(held.unit_id, date.min):
            found[held.unit_id] = held.signed_on
    return found


def due_for(units: list[Unit], day: date) -> list[tuple[Unit, bool, int]]:
    """Per unit that asks for something: (unit, round due within a month, plan actions overdue)."""
    ids = [unit.pk for unit in units]
    last = _last_signed(ids)
    overdue: dict[str, int] = {}
    for unit_id in Risk.objects.filter(
        unit_id__in=ids, activity__status__in=OPEN, activity__follow_up_on__lt=day
    ).values_list("unit_id", flat=True):
        overdue[unit_id] = overdue.get(unit_id, 0) + 1
    found = []
    for unit in units:
        round_due = sam.round_due_within_a_month(last.get(unit.pk), day)
        if round_due or overdue.get(unit.pk):
            found.append((unit, round_due, overdue.get(unit.pk, 0)))
    return found


def message(rows: list[tuple[Unit, bool, int]]) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        lines = [_("Hi!"), "", _("In the work-environment work of your units this week:"), ""]
        for unit, round_due, overdue in rows:
            parts = []
            if round_due:
                parts.append(_("the safety round is due within a month"))
            if overdue:
                parts.append(_("%(count)d actions from risks are past their date") % {"count": overdue})
            lines.append(f"– {unit.name}: {', '.join(parts)}")
        lines += ["", settings.KASAM_BASE_URL.rstrip("/") + reverse("sam:overview")]
        return str(_("Work environment: what is due")), "\n".join(str(line) for line in lines) + "\n"


def send_reminders(day: date) -> int:
    """Send this week's reminder to every unit manager it is due for; the number sent."""
    week = day - timedelta(days=day.weekday())
    units_of: dict = {}
    for assignment in RoleAssignment.objects.filter(role=Role.UNIT_MANAGER).select_related("user", "unit"):
        if assignment.user.is_active and assignment.user.email:
            units_of.setdefault(assignment.user, []).append(assignment.unit)
    due = []
    for user, units in sorted(units_of.items(), key=lambda item: item[0].pk):
        if not ReminderSent.objects.filter(user=user, week=week).exists():
            rows = due_for(sorted(units, key=lambda u: u.path), day)
            if rows:
                due.append((user, rows))
    if not due:  # no mail connection is opened for nothing
        return 0
    sent = 0
    with get_connection() as connection:
        for user, rows in due:
            try:
                with transaction.atomic():
                    marker = ReminderSent.objects.create(user=user, week=week)
            except IntegrityError:
                continue
            subject, body = message(rows)
            try:
                send_mail(subject, body, None, [user.email], fail_silently=False, connection=connection)
            except OSError as error:
                marker.delete()
                logger.warning(
                    "work-environment reminder not sent to user %s: %s", user.pk, type(error).__name__
                )
                continue
            sent += 1
    return sent


def tick(day: date) -> list[str]:
    """For `kasam tick`: ["sam_reminders"] when reminders went out, else []."""
    return ["sam_reminders"] if send_reminders(day) else []
