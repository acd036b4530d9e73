"""What targets contribute to the site (kasam.core.contrib): the demo's targets."""

from kasam.core.contrib import DemoRun, DemoStep
from kasam.targets.demo import ensure_demo_targets


def _demo_targets(run: DemoRun) -> None:
    ensure_demo_targets()  # the project plan's targets (måltal); nothing when there are targets


# After the evaluation's planted effect (100), which changes the sick leave of the base year: the
# targets are set against the figures the pages show.
DEMO_STEPS = (DemoStep(105, _demo_targets),)
