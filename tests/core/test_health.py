"""The health check /halsa/ for load balancers and monitoring (docs/operations.md)."""

from datetime import timedelta
from importlib.metadata import version

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from kasam.core import health

URL = "/halsa/"


def test_the_url_is_named_core_health():
    assert reverse("core:health") == URL


def test_it_answers_ok_without_login(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["version"] == version("kasam")
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["tasks"] == {"status": "ok", "backend": "immediate"}


def test_it_answers_head_and_refuses_post(client, db):
    head = client.head(URL)
    assert head.status_code == 200 and head.content == b""
    assert client.post(URL).status_code == 405


def test_it_reports_the_task_queue_with_the_database_backend(client, db, settings):
    from django_tasks_db.models import DBTaskResult

    settings.KASAM_TASKS_BACKEND = "database"
    assert client.get(URL).json()["checks"]["tasks"] == {
        "status": "ok",
        "backend": "database",
        "waiting": 0,
        "oldest_waiting_seconds": None,
    }
    for _ in range(2):
        DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {}},
            task_path="kasam.absence.tasks.refill_sick_leave_series",
            queue_name="default",
            backend_name="default",
            run_after=timezone.now(),
        )
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=2))
    response = client.get(URL)
    assert response.status_code == 200
    tasks = response.json()["checks"]["tasks"]
    assert tasks["waiting"] == 2
    assert 7190 <= tasks["oldest_waiting_seconds"] <= 7300


class BrokenConnection:
    def cursor(self):
        raise OperationalError('could not connect to server at "db.internal" (password=hunter2)')


def test_a_database_that_does_not_answer_gives_503_without_details(client, db, monkeypatch, caplog):
    monkeypatch.setattr(health, "connection", BrokenConnection())
    response = client.get(URL)
    assert response.status_code == 503
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "error" and body["database"] == "error"
    assert body["checks"] == {"database": {"status": "error"}}
    assert "db.internal" not in response.content.decode() and "hunter2" not in response.content.decode()
    assert "OperationalError" in caplog.text and "hunter2" not in caplog.text


def test_an_unreadable_task_queue_is_an_error(client, db, settings, monkeypatch):
    settings.KASAM_TASKS_BACKEND = "database"

    def broken():
        raise OperationalError("no such table: django_tasks_database_dbtaskresult")

    from django_tasks_db.models import DBTaskResult

    monkeypatch.setattr(DBTaskResult.objects, "filter", lambda *a, **k: broken())
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json()["checks"]["tasks"] == {"status": "error", "backend": "database"}


@pytest.mark.parametrize("username", ["halsostrateg", "politiker"])
def test_it_holds_no_personal_data_whoever_asks(client, personas, username):
    client.force_login(personas[username])
    text = client.get(URL).content.decode()
    assert "@" not in text and username not in text
    assert set(client.get(URL).json()) == {"status", "database", "version", "checks"}
