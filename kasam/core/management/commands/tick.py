"""`kasam tick`: enqueue whatever background work is due. Safe to call every few minutes: what was
done today, or is waiting in the queue, is not enqueued again (docs/operations.md)."""

import json

from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from kasam.absence.tasks import is_refill_due, refill_sick_leave_series
from kasam.core.dates import today
from kasam.gdpr.tasks import is_purge_due, purge_past_retention
from kasam.plans import reminders
from kasam.pulse import schedule, spool

# name → (is it due?, the task to enqueue without arguments)
# The refill runs before the retention job, which freezes the stored series' months before its floor.
DUE = {
    "refill_sick_leave_series": (is_refill_due, refill_sick_leave_series),
    "purge_past_retention": (is_purge_due, purge_past_retention),
}


class Command(BaseCommand):
    help = (
        "Enqueue what is due: the nightly refill of the sick-leave series; plan, open and close pulse "
        "rounds; mail follow-up reminders of health-plan activities; delete what is past retention."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["table", "json"], default="table", help="Output format.")

    def handle(self, *args, format="table", **options):
        enqueued, failed = [], []
        for name, (is_due, job) in DUE.items():
            if not is_due():
                continue
            result = job.enqueue()
            enqueued.append(name)
            # With the immediate backend the task has already run here.
            if result.status == TaskResultStatus.FAILED:
                failed.append(name)
        # Pulse answers that met a locked database and wait in the spool (kasam.pulse.spool).
        spool.drain_quietly()
        # Pulse rounds plan, open and close by themselves (kasam.pulse.schedule); idempotent.
        enqueued += schedule.tick(today())
        # Follow-up reminders of health-plan activities (kasam.plans.reminders); each is sent once.
        enqueued += reminders.tick(today())
        if format == "json":
            self.stdout.write(json.dumps({"enqueued": enqueued, "failed": failed}))
        else:
            self.stdout.write(f"Enqueued: {', '.join(enqueued)}." if enqueued else "Nothing is due.")
        if failed:
            raise CommandError(f"Failed: {', '.join(failed)} (see the log and the series refills in admin).")
