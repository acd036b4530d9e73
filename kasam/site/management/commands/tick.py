"""`kasam tick`: enqueue whatever background work is due. Safe to call every few minutes: what was
done today, or is waiting in the queue, is not enqueued again (docs/operations.md)."""

import json

from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from kasam.core.dates import today
from kasam.site.compose import TICK_STEPS, TICK_TASKS

# What is due comes from the apps' contrib.py (kasam.site.compose): the tasks, each enqueued when it
# is due (the refill of the sick-leave series before the retention job, which freezes the stored
# series' months before its floor), then the steps (the pulse's spool and rounds, the health plans'
# follow-up reminders, the daily renewal of rehabilitation cases and the week's digest of their steps).


class Command(BaseCommand):
    help = (
        "Enqueue what is due: the nightly refill of the sick-leave series; plan, open and close pulse "
        "rounds; mail follow-up reminders of health-plan activities; renew rehabilitation cases and mail "
        "the week's digest of their steps; delete what is past retention."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["table", "json"], default="table", help="Output format.")

    def handle(self, *args, format="table", **options):
        enqueued, failed = [], []
        for due in TICK_TASKS:
            if not due.is_due():
                continue
            result = due.task.enqueue()
            enqueued.append(due.name)
            # With the immediate backend the task has already run here.
            if result.status == TaskResultStatus.FAILED:
                failed.append(due.name)
        for step in TICK_STEPS:
            enqueued += step.run(today())
        if format == "json":
            self.stdout.write(json.dumps({"enqueued": enqueued, "failed": failed}))
        else:
            self.stdout.write(f"Enqueued: {', '.join(enqueued)}." if enqueued else "Nothing is due.")
        if failed:
            raise CommandError(f"Failed: {', '.join(failed)} (see the log and the series refills in admin).")
