"""Background work of the absence app (ADR 006): thin task wrappers around kasam.absence.series,
and what decides when they are due."""

import time
from datetime import date, timedelta

import polars as pl
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from kasam.absence.models import SeriesRefill
from kasam.absence.series import (
    abandoned_refills,
    refill_pending,
    refill_series,
    request_refill,
    run_queued_refill,
    stale_after,
)

# After a refill started (and perhaps failed), the nightly one waits this long before trying again.
RETRY_AFTER = timedelta(hours=1)
# An import of these changes what the series hold; absences and employments from their first month.
REFILLED_BY = {"units": False, "people": False, "employments": True, "absences": True}


@task()
def refill_sick_leave_series(from_month_iso: str | None = None) -> dict:
    """Refill the stored sick-leave series from the month given (YYYY-MM-DD), or everything."""
    refill = refill_series(date.fromisoformat(from_month_iso) if from_month_iso else None)
    from_month = refill.from_month.isoformat() if refill.from_month else None
    return {"refill": refill.pk, "from_month": from_month, "rows": refill.rows}


@task()
def refill_queued_series() -> dict:
    """Run the refill an import asked for; nothing when it has already run (`kasam import --wait`, or
    another refill took it on)."""
    refill = run_queued_refill()
    if refill is None:
        return {"refill": None, "from_month": None, "rows": 0}
    from_month = refill.from_month.isoformat() if refill.from_month else None
    return {"refill": refill.pk, "from_month": from_month, "rows": refill.rows}


def enqueue_refill_after_import(kind: str, frame: pl.DataFrame) -> bool:
    """Ask for a refill once the import's transaction has committed: from the earliest month an
    absence or employment file touches; everything after units (the tree changed) or people (birth
    years and genders regroup every period). The refill runs in the background queue (with the
    immediate backend: at once); when one already waits, it takes on these months instead of a second
    one being queued. Returns whether a refill was asked for."""
    if kind not in REFILLED_BY:
        return False
    first = frame["start_date"].min() if REFILLED_BY[kind] and frame.height else None
    from_month = date(first.year, first.month, 1) if first else None

    def enqueue() -> None:
        if request_refill(from_month):
            refill_queued_series.enqueue()

    transaction.on_commit(enqueue)
    return True


def wait_for_refill(poll_seconds: float = 1.0) -> None:
    """Run here the refill an import queued, or wait for the one a worker runs (`kasam import --wait`).
    A failed refill raises its error."""
    run_queued_refill()
    while refill_pending():
        time.sleep(poll_seconds)


def is_refill_due() -> bool:
    """The nightly refill is due when none finished today (local time), none started within
    RETRY_AFTER (so a failing one is retried hourly, not at every tick), and none is queued.
    A refill left running by a killed process (its heartbeat older than KASAM_REFILL_STALE_SECONDS)
    holds nothing back: the next refill takes it over (kasam.absence.series)."""
    now = timezone.localtime()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    refills = SeriesRefill.objects.exclude(id__in=abandoned_refills().values("id"))
    if refills.filter(status=SeriesRefill.Status.FINISHED, finished_at__gte=midnight).exists():
        return False
    if refills.filter(started_at__gte=now - RETRY_AFTER).exists():
        return False
    if refills.filter(status=SeriesRefill.Status.RUNNING).exists():  # beating: a long refill
        return False
    return not _is_refill_queued()


def _is_refill_queued() -> bool:
    """A refill waiting in the database queue, or taken from it within the stale time (a worker
    killed while it ran one leaves it "running" for good); other backends keep no queue."""
    if settings.KASAM_TASKS_BACKEND != "database":
        return False
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.filter(task_path=refill_sick_leave_series.module_path)
    if queued.filter(status=TaskResultStatus.READY).exists():
        return True
    recently = timezone.now() - stale_after()
    return queued.filter(status=TaskResultStatus.RUNNING, started_at__gte=recently).exists()
