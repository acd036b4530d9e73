"""Imports do not wait for the refill of the sick-leave series: `kasam import` and the import page
hand it to the background queue (here the dummy backend, which runs nothing), `--wait` runs it before
the command ends, and a second import while one waits queues no second refill."""

import importlib
import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks import default_task_backend

from kasam.absence.models import SeriesRefill, SickLeaveMonth
from kasam.absence.tasks import refill_queued_series
from kasam.cli import main

# Transactional: `kasam import` closes the database connection when it ends (see test_import_command).
pytestmark = pytest.mark.django_db(transaction=True)
HEADER = "person_id,start_date,end_date,extent,kind\n"
MARCH = HEADER + "P1,2026-03-02,2026-03-06,100,sjuk\n"
JANUARY = HEADER + "P2,2026-01-12,2026-01-14,100,sjuk\n"
command_module = importlib.import_module("kasam.site.management.commands.import")


@pytest.fixture
def dummy_queue(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    default_task_backend.clear()
    return default_task_backend


def queued_tasks(queue) -> list[str]:
    return [result.task.module_path for result in queue.results]


def kasam_json(capsys, tmp_path, content: str, *flags: str) -> dict:
    path = tmp_path / "franvaro.csv"
    path.write_text(content)
    main(["import", "absences", str(path), "--format", "json", *flags])
    return json.loads(capsys.readouterr().out)


def test_the_command_queues_the_refill_and_returns(org, dummy_queue, capsys, tmp_path):
    out = kasam_json(capsys, tmp_path, MARCH)
    assert out["ok"] and out["created"] == 1 and out["refill"] == "queued"
    assert queued_tasks(dummy_queue) == [refill_queued_series.module_path]
    assert SeriesRefill.objects.get().status == SeriesRefill.Status.QUEUED
    assert not SickLeaveMonth.objects.exists()


def test_the_command_says_so_in_text(org, dummy_queue, capsys, tmp_path):
    (tmp_path / "a.csv").write_text(MARCH)
    main(["import", "absences", str(tmp_path / "a.csv"), "--lang", "en"])
    assert capsys.readouterr().out.splitlines() == [
        "created 1, updated 0, unchanged 0, deleted 0",
        "The figures are being recomputed in the background.",
    ]


def test_with_wait_the_refill_has_run_when_the_command_ends(org, dummy_queue, capsys, tmp_path):
    out = kasam_json(capsys, tmp_path, MARCH, "--wait")
    assert out["refill"] == "done"
    assert SeriesRefill.objects.get().status == SeriesRefill.Status.FINISHED
    assert SickLeaveMonth.objects.filter(unit_id="SOC", month=date(2026, 3, 1)).get().sick_hours > 0
    # The queued task finds nothing left to do when a worker runs it.
    assert refill_queued_series.call() == {"refill": None, "from_month": None, "rows": 0}
    assert SeriesRefill.objects.count() == 1


def test_a_failing_refill_with_wait_is_one_line_and_a_non_zero_exit(
    org, dummy_queue, capsys, tmp_path, monkeypatch
):
    from kasam.metrics import sickleave

    monkeypatch.setattr(sickleave, "monthly_series", lambda *args, **kwargs: 1 / 0)
    (tmp_path / "a.csv").write_text(MARCH)
    with pytest.raises(SystemExit) as exit_:
        main(["import", "absences", str(tmp_path / "a.csv"), "--wait", "--lang", "en"])
    assert exit_.value.code != 0
    last = capsys.readouterr().err.splitlines()[-1]  # after the refill's own log entry
    assert last == (
        "CommandError: The file was imported, but recomputing the figures failed: "
        "ZeroDivisionError: division by zero"
    )
    assert SeriesRefill.objects.get().status == SeriesRefill.Status.FAILED


def test_a_second_import_while_one_waits_queues_no_second_refill(org, dummy_queue, capsys, tmp_path):
    assert kasam_json(capsys, tmp_path, MARCH)["refill"] == "queued"
    assert kasam_json(capsys, tmp_path, JANUARY)["refill"] == "queued"
    assert queued_tasks(dummy_queue) == [refill_queued_series.module_path]
    waiting = SeriesRefill.objects.get()
    assert waiting.status == SeriesRefill.Status.QUEUED
    assert waiting.from_month == date(2026, 1, 1)  # the earlier of the two files' first months

    # The one refill takes on both files.
    refill_queued_series.call()
    assert SeriesRefill.objects.get().status == SeriesRefill.Status.FINISHED
    for month in (date(2026, 1, 1), date(2026, 3, 1)):
        assert SickLeaveMonth.objects.get(unit_id="SOC", month=month).sick_hours > 0


def test_a_waiting_refill_takes_on_the_earlier_month(org, dummy_queue, capsys, tmp_path):
    kasam_json(capsys, tmp_path, MARCH, "--wait")  # the first refill: everything
    kasam_json(capsys, tmp_path, HEADER + "P1,2026-08-03,2026-08-04,100,sjuk\n")
    kasam_json(capsys, tmp_path, JANUARY)
    assert SeriesRefill.objects.filter(status=SeriesRefill.Status.QUEUED).get().from_month == date(2026, 1, 1)
    assert queued_tasks(dummy_queue) == [refill_queued_series.module_path] * 2  # one per refill


def test_with_the_immediate_backend_the_refill_is_done_at_once(org, capsys, tmp_path):
    out = kasam_json(capsys, tmp_path, MARCH)
    assert out["refill"] == "done"
    assert SeriesRefill.objects.get().status == SeriesRefill.Status.FINISHED


def test_no_refill_after_a_dry_run(org, dummy_queue, capsys, tmp_path):
    assert kasam_json(capsys, tmp_path, MARCH, "--dry-run", "--wait")["refill"] is None
    assert queued_tasks(dummy_queue) == [] and not SeriesRefill.objects.exists()


def upload(client, content: str):
    data = {"kind": "absences", "file": SimpleUploadedFile("franvaro.csv", content.encode(), "text/csv")}
    return client.post(reverse("org:import-file"), data).content.decode()


def test_the_import_page_queues_the_refill_and_says_so(client, personas, dummy_queue):
    client.force_login(personas["hr"])
    html = upload(client, MARCH)
    assert "franvaro.csv har importerats" in html
    assert "Sjukfrånvarosiffrorna räknas nu om med de nya uppgifterna" in html
    assert queued_tasks(dummy_queue) == [refill_queued_series.module_path]
    assert SeriesRefill.objects.get().status == SeriesRefill.Status.QUEUED

    upload(client, JANUARY)  # a second import while the refill waits
    assert queued_tasks(dummy_queue) == [refill_queued_series.module_path]


def test_the_import_page_says_nothing_when_the_refill_is_done(client, personas):
    client.force_login(personas["hr"])
    html = upload(client, MARCH)
    assert "har importerats" in html
    assert "räknas nu om" not in html
    assert SeriesRefill.objects.get().status == SeriesRefill.Status.FINISHED


def test_wait_waits_for_a_refill_a_worker_runs(org, monkeypatch):
    from django.utils import timezone

    from kasam.absence import tasks

    now = timezone.now()
    running = SeriesRefill.objects.create(started_at=now, heartbeat_at=now)  # a worker took it
    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        running.status = SeriesRefill.Status.FINISHED
        running.save()

    monkeypatch.setattr(tasks.time, "sleep", sleep)
    tasks.wait_for_refill(poll_seconds=0.5)
    assert sleeps == [0.5]
    assert SeriesRefill.objects.count() == 1  # it ran no refill of its own
