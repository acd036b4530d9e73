"""`kasam db_worker`: django-tasks-db's worker, which exits on any database error other than a locked
SQLite database, wrapped so that it outlives a database outage (docs/operations.md, "Faults that heal
themselves"): an OperationalError or InterfaceError from the queue (a restarted PostgreSQL, a dropped
connection, a full disk) is logged, the connections are closed, and the worker tries again after a pause
that doubles from one second up to --max-backoff. A healthy spell as long as the longest pause starts
the pauses from one second again. Any other error still ends the process, for systemd to restart it.

A task that was running when the database went away may stay "running" in the queue table: tasks are
idempotent (ADR 006), and `kasam tick` enqueues what is due again (a refill's row no longer holds the
nightly refill back once it is stale: kasam.absence.tasks)."""

import logging
import os
import time

from django.core.management.base import CommandError
from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker as library

logger = logging.getLogger("django_tasks_db")

FIRST_PAUSE = 1.0
DEFAULT_MAX_BACKOFF = 60.0


class ResilientWorker(library.Worker):
    def __init__(self, *, max_backoff: float, **options):
        super().__init__(**options)
        self.max_backoff = max_backoff

    def run(self) -> None:
        failures = 0
        while self.running:
            started = time.monotonic()
            try:
                return super().run()
            except (OperationalError, InterfaceError) as error:
                if time.monotonic() - started >= self.max_backoff:
                    failures = 0  # it worked for a while: this is a new outage
                pause = min(FIRST_PAUSE * 2**failures, self.max_backoff)
                failures += 1
                logger.warning(
                    "The database is not reachable (%s: %s); worker_id=%s tries again in %.0f s",
                    type(error).__name__,
                    str(error).strip().splitlines()[0] if str(error).strip() else "",
                    self.worker_id,
                    pause,
                )
                _forget_connections()
                self.startup_delay = False
                time.sleep(pause)


def _forget_connections() -> None:
    """Close every connection, broken ones included, so that the next try opens new ones."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except Exception:  # closing a dead connection may fail; it is gone either way
            connection.connection = None


class Command(library.Command):
    help = (
        "Run the background worker of the database queue; it waits out database outages (docs/operations.md)."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--max-backoff",
            type=library.valid_interval,
            default=DEFAULT_MAX_BACKOFF,
            help="The longest pause (seconds) between tries while the database is not reachable "
            "(default: %(default)r)",
        )

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        max_backoff: float,
        **options,
    ) -> None:
        """The library's handle() (django-tasks-db 0.13), with the worker that waits out outages."""
        self.configure_logging(verbosity)
        if reload and batch:
            logger.warning(
                "Warning: --reload and --batch cannot be specified together. Disabling autoreload."
            )
            reload = False
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            max_backoff=max_backoff,
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded_queue_names,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the reloaded child handles signals
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
