"""What the work-environment cycle contributes to the site (kasam.core.contrib): the unit managers'
weekly reminder for `kasam tick`, and the demo's rounds, risks and delegated tasks."""

from kasam.core.contrib import DemoRun, DemoStep, TickStep
from kasam.sam import reminders
from kasam.sam.demo import ensure_demo_sam


def _demo(run: DemoRun) -> None:
    # After the demo logins (70) and the health plans (60), before the releases (110).
    ensure_demo_sam(seed=run.seed)


DEMO_STEPS = (DemoStep(78, _demo),)

# After the plans' own reminders (30) and the rehabilitation digest (34).
TICK_STEPS = (TickStep(36, reminders.tick),)
