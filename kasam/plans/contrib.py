"""What health plans contribute to the site (kasam.core.contrib): the follow-up reminders for
`kasam tick`, and the demo's health plans."""

from kasam.core.contrib import DemoRun, DemoStep, TickStep
from kasam.plans import reminders
from kasam.plans.demo_plans import ensure_demo_health_plans


def _demo_plans(run: DemoRun) -> None:
    # Health-factor ratings and health plans of a few units; nothing when there are ratings.
    ensure_demo_health_plans(seed=run.seed)


# Follow-up reminders of health-plan activities (kasam.plans.reminders); each is sent once.
TICK_STEPS = (TickStep(30, reminders.tick),)
DEMO_STEPS = (DemoStep(60, _demo_plans),)
