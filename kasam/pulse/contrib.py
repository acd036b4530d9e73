"""What the pulse contributes to the site (kasam.core.contrib): for `kasam tick` the spooled answers
and the rounds that plan, open and close by themselves; for `kasam demo` a year of rounds."""

from datetime import date

from kasam.core.contrib import DemoRun, DemoStep, TickStep
from kasam.pulse import schedule, spool
from kasam.pulse.demo import ensure_demo_pulse


def _drain_spool(day: date) -> list[str]:
    # Pulse answers that met a locked database and wait in the spool (kasam.pulse.spool).
    spool.drain_quietly()
    return []


def _demo(run: DemoRun) -> None:
    # The pulse programme with a year of rounds; nothing when it exists already.
    ensure_demo_pulse(seed=run.seed)


# Rounds plan, open and close by themselves (kasam.pulse.schedule); idempotent.
TICK_STEPS = (TickStep(10, _drain_spool), TickStep(20, schedule.tick))
DEMO_STEPS = (DemoStep(10, _demo),)
