"""A refill left "running" by a killed process is taken over once its heartbeat is stale; one whose
heartbeat is fresh still holds the nightly refill back (kasam.absence.series, kasam.absence.tasks)."""

import time
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from kasam.absence.models import SeriesRefill
from kasam.absence.series import beat, last_finished_refill, refill_series
from kasam.absence.tasks import is_refill_due, refill_sick_leave_series
from kasam.site.imports import import_file

ABSENCES = "person_id,start_date,end_date,extent,kind\nP1,2026-03-02,2026-03-06,100,sjuk\n"


@pytest.fixture
def refilled_yesterday(org):
    """Absences imported and refilled, the refill dated yesterday: tonight's refill is due."""
    assert import_file("absences", ABSENCES.encode(), "a.csv").ok
    refill_series()
    yesterday = timezone.now() - timedelta(days=1)
    SeriesRefill.objects.update(started_at=yesterday, finished_at=yesterday, heartbeat_at=yesterday)
    return last_finished_refill()


def plant_running(minutes_since_start: int, minutes_since_heartbeat: int | None, **fields) -> SeriesRefill:
    """A refill recorded as running, as a process killed in the middle of it leaves one."""
    now = timezone.now()
    heartbeat = None if minutes_since_heartbeat is None else now - timedelta(minutes=minutes_since_heartbeat)
    return SeriesRefill.objects.create(
        started_at=now - timedelta(minutes=minutes_since_start), heartbeat_at=heartbeat, **fields
    )


def test_a_refill_left_running_by_a_killed_process_is_taken_over(refilled_yesterday, settings):
    settings.KASAM_REFILL_STALE_SECONDS = 15 * 60
    # Killed 20 minutes ago while it rewrote March onwards; the old code waited an hour after its start.
    killed = plant_running(20, 20, from_month=date(2026, 3, 1), definition=refilled_yesterday.definition)
    assert is_refill_due()

    out = StringIO()
    call_command("tick", stdout=out)
    assert "refill_sick_leave_series" in out.getvalue()
    killed.refresh_from_db()
    assert killed.status == SeriesRefill.Status.FAILED and killed.finished_at is not None
    assert killed.error.startswith("Abandoned")
    newest = SeriesRefill.objects.latest("id")
    assert newest.status == SeriesRefill.Status.FINISHED and newest.heartbeat_at is not None
    assert not is_refill_due()


def test_the_refill_that_takes_over_rewrites_the_months_of_the_abandoned_one(refilled_yesterday):
    killed = plant_running(120, 100, from_month=date(2026, 6, 1), definition=refilled_yesterday.definition)
    refill = refill_series(date(2026, 10, 1))
    assert refill.status == SeriesRefill.Status.FINISHED
    assert refill.from_month == date(2026, 6, 1)  # the abandoned refill's months, not only October's
    killed.refresh_from_db()
    assert killed.status == SeriesRefill.Status.FAILED


def test_a_running_refill_with_a_fresh_heartbeat_still_holds_the_nightly_one_back(
    refilled_yesterday, settings
):
    settings.KASAM_REFILL_STALE_SECONDS = 15 * 60
    # A long refill: started two hours ago, its heartbeat a minute old.
    running = plant_running(120, 1)
    assert not is_refill_due()
    call_command("tick", stdout=StringIO())
    assert not SeriesRefill.objects.filter(id__gt=running.id).exists()

    # An import's refill still runs (it waits for the lock, not for the record), and leaves it be.
    refill_series(date(2026, 10, 1))
    running.refresh_from_db()
    assert running.status == SeriesRefill.Status.RUNNING


def test_the_heartbeat_keeps_a_long_refill_alive_and_the_start_serves_before_one(
    refilled_yesterday, settings
):
    settings.KASAM_REFILL_STALE_SECONDS = 60
    stale = plant_running(5, 5)
    assert is_refill_due()
    beat(stale.id)
    assert not is_refill_due()

    # A row from before heartbeats existed counts from its start.
    SeriesRefill.objects.filter(pk=stale.pk).update(heartbeat_at=None)
    assert is_refill_due()
    SeriesRefill.objects.filter(pk=stale.pk).update(started_at=timezone.now())
    assert not is_refill_due()


def test_a_task_left_running_by_a_killed_worker_holds_the_refill_back_only_for_the_stale_time(
    refilled_yesterday, settings
):
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.KASAM_TASKS_BACKEND = "database"
    settings.KASAM_REFILL_STALE_SECONDS = 15 * 60
    refill_sick_leave_series.enqueue()
    assert not is_refill_due()  # waiting in the queue

    queued = DBTaskResult.objects.filter(task_path=refill_sick_leave_series.module_path)
    queued.update(status=TaskResultStatus.RUNNING, started_at=timezone.now() - timedelta(minutes=5))
    assert not is_refill_due()  # a worker has it
    queued.update(started_at=timezone.now() - timedelta(minutes=30))
    assert is_refill_due()  # its worker died with it


# The heartbeat is written from a thread with a connection of its own, which sees only committed rows.
@pytest.mark.django_db(transaction=True)
def test_a_running_refill_renews_its_heartbeat_on_postgresql(org, engine, monkeypatch, settings):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("on SQLite the refill's write lock keeps the heartbeat out (kasam.absence.series)")
    settings.KASAM_REFILL_STALE_SECONDS = 1  # a heartbeat every third of a second
    assert import_file("absences", ABSENCES.encode(), "a.csv").ok
    slow = engine.period_figures

    def slowly(*args, **kwargs):
        time.sleep(0.5)
        return slow(*args, **kwargs)

    monkeypatch.setattr(engine, "period_figures", slowly)
    refill = refill_series()
    refill.refresh_from_db()
    assert refill.heartbeat_at - refill.started_at >= timedelta(seconds=1)
