"""The demo's health column: the demo manager's unit offers its done activity as a good example, and
this month's column is drafted from the demo's own figures and published, as the health strategist
would. Nothing happens when a column exists already."""

from datetime import datetime, time

from django.contrib.auth import get_user_model
from django.utils import timezone

from kasam.accounts.demo import plan_demo_logins
from kasam.core.dates import today
from kasam.plans.models import Activity
from kasam.workplace import column
from kasam.workplace.models import HealthColumn


def ensure_demo_column() -> HealthColumn | None:
    if HealthColumn.objects.exists():
        return None
    day = today()
    logins = {login.username: login for login in plan_demo_logins()}
    unit = logins["enhetschef"].units[0]
    done = (
        Activity.objects.filter(plan__unit=unit, status=Activity.Status.DONE).order_by("follow_up_on").first()
    )
    if done is not None:
        Activity.objects.filter(pk=done.pk).update(shared_on=day)
    made = column.draft(day, day)
    if made is not None:
        strategist = get_user_model().objects.filter(username="halsostrateg").first()
        # Published on the demo's day, not the day the demo was built.
        column.publish(made, strategist, at=timezone.make_aware(datetime.combine(day, time(9))))
    return made
