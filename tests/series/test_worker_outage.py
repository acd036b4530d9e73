"""`kasam db_worker` outlives a database outage (kasam.worker): the queue's fetch fails with
OperationalError a few times, the worker pauses with a growing backoff, then takes the task and runs it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.utils import OperationalError
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from kasam.absence.models import SeriesRefill
from kasam.absence.tasks import refill_sick_leave_series
from kasam.worker.management.commands import db_worker


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.KASAM_TASKS_BACKEND = "database"


@pytest.fixture
def outage(monkeypatch):
    """The first `failures` fetches from the queue fail as with PostgreSQL restarting; the pauses the
    worker takes are recorded instead of slept."""
    state = {"failures": 0, "pauses": []}
    fetch = DBTaskResultQuerySet.get_locked

    def failing_fetch(self):
        if state["failures"]:
            state["failures"] -= 1
            raise OperationalError("server closed the connection unexpectedly")
        return fetch(self)

    monkeypatch.setattr(DBTaskResultQuerySet, "get_locked", failing_fetch)
    monkeypatch.setattr(db_worker.time, "sleep", state["pauses"].append)
    return state


# The worker closes its database connections, which a test transaction does not survive.
@pytest.mark.django_db(transaction=True)
def test_the_worker_waits_out_a_database_outage_and_runs_the_task(org, database_queue, outage, caplog):
    refill_sick_leave_series.enqueue()
    outage["failures"] = 5
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--max-backoff",
        "3",
        stdout=StringIO(),
        stderr=StringIO(),
    )

    assert outage["failures"] == 0
    assert outage["pauses"] == [1, 2, 3, 3, 3]  # doubling from a second, up to --max-backoff
    assert caplog.text.count("The database is not reachable") == 5
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert SeriesRefill.objects.get().status == SeriesRefill.Status.FINISHED


def test_the_worker_refuses_a_negative_backoff():
    with pytest.raises(Exception, match="max-backoff"):
        call_command("db_worker", "--max-backoff", "-1")
