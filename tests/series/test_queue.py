"""Refills are enqueued after imports and by `kasam tick`; the task backend comes from the environment."""

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from kasam.absence.models import SeriesRefill, SickLeaveMonth
from kasam.absence.series import refill_series
from kasam.absence.tasks import is_refill_due, refill_queued_series
from kasam.core import gunicorn_conf
from kasam.site.imports import import_file

ABSENCES = "person_id,start_date,end_date,extent,kind\n"


def absences(*rows: str) -> bytes:
    return (ABSENCES + "".join(f"{row}\n" for row in rows)).encode()


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.KASAM_TASKS_BACKEND = "database"


def test_an_absence_import_refills_from_its_earliest_month(org, engine, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert import_file("absences", absences("P1,2026-03-02,2026-03-06,100,sjuk"), "a.csv").ok
    first = SeriesRefill.objects.get()
    assert first.status == SeriesRefill.Status.FINISHED and first.from_month is None  # nothing stored yet
    assert SickLeaveMonth.objects.filter(unit_id="SOC", month=date(2026, 3, 1)).get().sick_hours > 0

    data = absences("P3,2026-08-10,2026-08-12,50,sjuk", "P4,2026-09-01,2026-09-02,100,sjuk")
    with django_capture_on_commit_callbacks(execute=True):
        assert import_file("absences", data, "b.csv").ok
    second = SeriesRefill.objects.latest("id")
    assert second.status == SeriesRefill.Status.FINISHED
    assert second.from_month == date(2026, 8, 1)


def test_units_refill_everything_and_dry_runs_or_unchanged_files_nothing(
    org, engine, django_capture_on_commit_callbacks
):
    refill_series()
    units = b"unit_id,parent_id,name,kind,activity\nIFO-BU2,IFO,Unga vuxna,unit,IFO\n"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_file("units", units, "u.csv", dry_run=True)
        import_file("absences", absences("P1,2026-03-02,2026-03-06,100,sjuk"), "a.csv", dry_run=True)
    assert callbacks == []
    with django_capture_on_commit_callbacks(execute=True):
        import_file("units", units, "u.csv")
    assert SeriesRefill.objects.latest("id").from_month is None
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert import_file("units", units, "u.csv").unchanged == 1
    assert callbacks == []


def test_tick_enqueues_the_nightly_refill_once_a_day(org, engine):
    import_file("absences", absences("P1,2026-03-02,2026-03-06,100,sjuk"), "a.csv")
    out = StringIO()
    call_command("tick", stdout=out)
    assert out.getvalue().strip() == "Enqueued: refill_sick_leave_series."
    assert SeriesRefill.objects.get().status == SeriesRefill.Status.FINISHED

    out = StringIO()
    call_command("tick", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == {"enqueued": [], "failed": []}
    assert SeriesRefill.objects.count() == 1

    # Yesterday's refill does not count; one started within the hour holds the next one back.
    yesterday = timezone.now() - timedelta(days=1)
    SeriesRefill.objects.update(started_at=yesterday, finished_at=yesterday)
    assert is_refill_due()
    SeriesRefill.objects.create(started_at=timezone.now(), status=SeriesRefill.Status.FAILED)
    assert not is_refill_due()


def test_tick_fails_loudly_when_the_refill_fails(org, engine, monkeypatch):
    import_file("absences", absences("P1,2026-03-02,2026-03-06,100,sjuk"), "a.csv")
    monkeypatch.setattr(engine, "monthly_series", lambda *args, **kwargs: 1 / 0)
    with pytest.raises(Exception, match="refill_sick_leave_series"):
        call_command("tick", stdout=StringIO())
    assert SeriesRefill.objects.get().status == SeriesRefill.Status.FAILED


# The worker closes its database connection after a task, which a test transaction does not survive.
@pytest.mark.django_db(transaction=True)
def test_with_the_database_queue_tick_enqueues_once_and_a_worker_runs_it(org, engine, database_queue):
    from django_tasks_db.models import DBTaskResult

    import_file("absences", absences("P1,2026-03-02,2026-03-06,100,sjuk"), "a.csv")
    call_command("tick", stdout=StringIO())
    call_command("tick", stdout=StringIO())
    queued = DBTaskResult.objects.get()  # the import's refill; the ticks see it waiting
    assert queued.task_path == refill_queued_series.module_path
    assert SeriesRefill.objects.get().status == SeriesRefill.Status.QUEUED

    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())
    assert SeriesRefill.objects.get().status == SeriesRefill.Status.FINISHED
    assert not is_refill_due()


def test_the_backend_is_chosen_by_the_environment():
    run = [
        sys.executable,
        "-c",
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.TASKS['default']['BACKEND'])",
    ]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kasam.settings"}
    for value, backend in [("", "ImmediateBackend"), ("database", "DatabaseBackend")]:
        done = subprocess.run(run, env={**env, "KASAM_TASKS_BACKEND": value}, capture_output=True, text=True)
        assert done.stdout.strip().endswith(backend), done.stderr
    done = subprocess.run(run, env={**env, "KASAM_TASKS_BACKEND": "celery"}, capture_output=True, text=True)
    assert done.returncode != 0 and "KASAM_TASKS_BACKEND must be one of immediate, database" in done.stderr


def test_serve_keeps_tick_going_in_a_subprocess(monkeypatch):
    calls = []

    class Stop(Exception):
        pass

    def run(argv, **kwargs):
        calls.append(argv)
        return subprocess.CompletedProcess(argv, 1, "", "no database")

    def sleep(seconds):
        assert seconds == gunicorn_conf.TICK_SECONDS
        raise Stop

    class Log:
        errors = []

        def error(self, *args):
            self.errors.append(args)

    monkeypatch.setattr(gunicorn_conf.subprocess, "run", run)
    monkeypatch.setattr(gunicorn_conf.time, "sleep", sleep)
    log = Log()
    with pytest.raises(Stop):
        gunicorn_conf._tick_forever(log)
    assert calls == [[sys.executable, "-m", "kasam", "tick"]]
    assert "no database" in log.errors[0][1]


def test_a_spell_that_makes_an_earlier_case_long_refills_from_the_case_start(
    org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        data = absences("P3,2026-01-12,2026-01-14,100,sjuk", "P1,2026-05-20,2026-07-10,100,sjuk")
        import_file("absences", data, "a.csv")
    may = SickLeaveMonth.objects.get(unit_id="SOC", month=date(2026, 5, 1))
    assert may.sick_hours > 0 and may.long_sick_hours == 0  # 52 days: not yet long-term

    # Four days later: the same case, now 62 days long, so May's hours are long-term too.
    with django_capture_on_commit_callbacks(execute=True):
        import_file("absences", absences("P1,2026-07-14,2026-07-20,100,sjuk"), "b.csv")
    assert SeriesRefill.objects.latest("id").from_month == date(2026, 5, 1)
    may = SickLeaveMonth.objects.get(unit_id="SOC", month=date(2026, 5, 1))
    assert may.long_sick_hours == pytest.approx(may.sick_hours)
