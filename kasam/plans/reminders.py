"""Follow-up reminders of health-plan activities, run by `kasam tick` the way the
pulse's rounds are (kasam.pulse.schedule.tick: called directly, idempotent).

When an activity's follow-up date is reached (follow_up_on ≤ today) and it is planned or ongoing
and not followed up, the users who may edit the unit's plan – the unit managers whose scope holds the
unit – get one e-mail each listing their due activities with a link to the plan. Each activity is
reminded once: `Activity.reminded_on` is set for the activities a mail went out for. An activity none
of whose managers has an e-mail address is not marked, so it is reminded once someone can receive it.
Changing the follow-up date clears `reminded_on` (kasam.plans.forms.ActivityForm), so a new date gets
a new reminder. Only what the plan page shows its editor leaves here: unit, activity and dates.
"""

import logging
from collections import defaultdict
from datetime import date

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kasam.core.formatting import format_date
from kasam.org.models import Role, RoleAssignment
from kasam.org.roles import Capability, roles_with
from kasam.plans.models import Activity

logger = logging.getLogger(__name__)

RUNNING = (Activity.Status.PLANNED, Activity.Status.ONGOING)


def due_activities(day: date):
    return (
        Activity.objects.filter(
            status__in=RUNNING, follow_up_on__lte=day, followed_up_on__isnull=True, reminded_on__isnull=True
        )
        .select_related("plan__unit")
        .order_by("plan__unit__path", "follow_up_on", "id")
    )


def plan_url(activity: Activity) -> str:
    path = reverse("plans:plan", args=[activity.plan.unit_id, activity.plan.year])
    return settings.KASAM_BASE_URL.rstrip("/") + path + f"#activity-{activity.pk}"


def _recipients(activities: list[Activity]) -> dict:
    """{user: [activities]} – the editors (EDIT_HEALTH_PLAN roles) whose scope holds each unit."""
    editors = [Role(r) for r in roles_with(Capability.EDIT_HEALTH_PLAN)]
    assignments = RoleAssignment.objects.filter(role__in=editors).select_related("user", "unit")
    found: dict = defaultdict(list)
    for assignment in assignments:
        user = assignment.user
        if not user.email or not user.is_active:
            continue
        for activity in activities:
            if activity.plan.unit.path.startswith(assignment.unit.path) and activity not in found[user]:
                found[user].append(activity)
    return found


def _message(activities: list[Activity]) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        subject = str(_("Time to follow up an activity in the health plan"))
        lines = [
            str(
                _(
                    "Hi! It is time to follow up these activities in the health plan. Talk with the team "
                    "about what you did, what you noticed and what you try next, and write it down in "
                    "Kasam."
                )
            ),
            "",
        ]
        for activity in activities:
            lines.append(f"{activity.plan.unit.name}: {activity.what}")
            lines.append(
                "  "
                + _("Follow up on %(date)s: %(how)s")
                % {"date": format_date(activity.follow_up_on), "how": activity.follow_up}
            )
            lines.append("  " + plan_url(activity))
            lines.append("")
    return subject, "\n".join(lines)


def send_reminders(day: date) -> int:
    """Mail every due activity's editors once; returns the number of e-mails sent."""
    activities = list(due_activities(day))
    if not activities:
        return 0
    recipients = _recipients(activities)
    reminded: set[int] = set()
    sent = 0
    with get_connection() as connection:
        for user, mine in sorted(recipients.items(), key=lambda pair: pair[0].pk):
            subject, body = _message(mine)
            send_mail(subject, body, None, [user.email], fail_silently=False, connection=connection)
            reminded.update(a.pk for a in mine)
            sent += 1
    if reminded:
        Activity.objects.filter(pk__in=reminded).update(reminded_on=day)
    logger.info("health plans: %d follow-up reminder(s) mailed for %d activities", sent, len(reminded))
    return sent


def tick(day: date) -> list[str]:
    """For `kasam tick`: ["plan_reminders"] when reminders went out, else []."""
    return ["plan_reminders"] if send_reminders(day) else []
