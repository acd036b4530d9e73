"""What leadership contributes to the site (kasam.core.contrib): the demo's trainings."""

from kasam.core.contrib import DemoRun, DemoStep
from kasam.leadership.demo import ensure_demo_leadership


def _demo(run: DemoRun) -> None:
    ensure_demo_leadership()  # trainings of the demo's leaders; nothing when there are trainings


DEMO_STEPS = (DemoStep(80, _demo),)
