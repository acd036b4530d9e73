"""A risk that became a plan action is closed when the action is done (kasam.plans marks it)."""

from kasam.core.dates import today
from kasam.plans.models import Activity
from kasam.sam.models import Risk


def close_risks_of_done_action(sender, instance: Activity, raw: bool = False, **kwargs) -> None:
    if raw or instance.status != Activity.Status.DONE:
        return
    Risk.objects.filter(activity=instance, closed_on__isnull=True).update(closed_on=today())
