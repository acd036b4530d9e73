"""`GET /halsa/`: the health check for load balancers and monitoring (docs/operations.md).

No login, no personal data, no secrets, never cached. 200 with `"status": "ok"` when every check is
ok, 503 with `"status": "error"` otherwise (the database does not answer, or the task queue cannot be
read). With KASAM_TASKS_BACKEND=database it also says how many background tasks wait to run and how
old the oldest is, so that monitoring can notice a queue without workers; a long queue does not
change the status (a long refill is normal), the monitoring decides what is too old.

    {"status": "ok", "database": "ok", "version": "0.1.0",
     "checks": {"database": {"status": "ok", "milliseconds": 0.4},
                "tasks": {"status": "ok", "backend": "database", "waiting": 0,
                          "oldest_waiting_seconds": null}}}
"""

import logging
import time
from functools import cache
from importlib.metadata import PackageNotFoundError, version

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@cache
def kasam_version() -> str:
    try:
        return version("kasam")
    except PackageNotFoundError:
        return "unknown"


def check_database() -> dict:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure to reach the database is "error", its text stays in the log
        logger.error("Health check: the database did not answer (%s)", type(error).__name__)
        return {"status": "error"}
    return {"status": "ok", "milliseconds": round((time.perf_counter() - started) * 1000, 1)}


def check_tasks() -> dict:
    backend = settings.KASAM_TASKS_BACKEND
    if backend != "database":
        return {"status": "ok", "backend": backend}
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    try:
        waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        count = waiting.count()
        oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    except Exception as error:
        logger.error("Health check: the task queue could not be read (%s)", type(error).__name__)
        return {"status": "error", "backend": backend}
    age = round((timezone.now() - oldest).total_seconds()) if oldest else None
    return {"status": "ok", "backend": backend, "waiting": count, "oldest_waiting_seconds": age}


@never_cache
@require_safe
def health(request):
    database = check_database()
    checks = {"database": database}
    if database["status"] == "ok":
        checks["tasks"] = check_tasks()
    status = "ok" if all(check["status"] == "ok" for check in checks.values()) else "error"
    body = {"status": status, "database": database["status"], "version": kasam_version(), "checks": checks}
    response = JsonResponse(body, status=200 if status == "ok" else 503)
    if request.method == "HEAD":
        # A load balancer's HEAD probe: the status says it all (gunicorn warns about a HEAD body).
        response.content = b""
    return response
