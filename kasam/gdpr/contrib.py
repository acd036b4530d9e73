"""What GDPR contributes to the site (kasam.core.contrib): the daily retention job for `kasam tick`,
and for `kasam demo` the deletion of what is already past retention."""

from kasam.core.contrib import DemoRun, DemoStep, TickTask
from kasam.gdpr.retention import run_purge
from kasam.gdpr.tasks import is_purge_due, purge_past_retention


def _demo(run: DemoRun) -> None:
    # What is already past retention (the pulse's first rounds closed over a year ago) goes now,
    # as the daily tick would: `kasam tick` right after the demo has nothing to do.
    if is_purge_due():
        run_purge()


# After the refill of the sick-leave series (kasam.absence.contrib, order 10).
TICK_TASKS = (TickTask(20, "purge_past_retention", is_purge_due, purge_past_retention),)
DEMO_STEPS = (DemoStep(120, _demo),)
