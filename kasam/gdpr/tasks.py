"""Background work of the GDPR app (ADR 006): the daily retention job as a thin task around
kasam.gdpr.retention, and what decides when it is due (`kasam tick`)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from kasam.gdpr.models import PurgeRun
from kasam.gdpr.retention import anything_past_retention, run_purge

# After a run started (and perhaps failed), the next waits this long before trying again.
RETRY_AFTER = timedelta(hours=1)


@task()
def purge_past_retention() -> dict:
    """Delete what is past retention; returns the counts (also in the PurgeRun and the audit log)."""
    return run_purge().result


def is_purge_due() -> bool:
    """Due once a day (local time), when something is past retention: not when a run finished today,
    one started within RETRY_AFTER (a failing run is retried hourly, not at every tick), or one is
    queued."""
    now = timezone.localtime()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    runs = PurgeRun.objects.all()
    if runs.filter(status=PurgeRun.Status.FINISHED, finished_at__gte=midnight).exists():
        return False
    if runs.filter(started_at__gte=now - RETRY_AFTER).exists():
        return False
    if _is_purge_queued():
        return False
    return anything_past_retention()


def _is_purge_queued() -> bool:
    if settings.KASAM_TASKS_BACKEND != "database":
        return False
    from django_tasks_db.models import DBTaskResult

    waiting = [TaskResultStatus.READY, TaskResultStatus.RUNNING]
    path = purge_past_retention.module_path
    return DBTaskResult.objects.filter(task_path=path, status__in=waiting).exists()
