"""What releases contribute to the site (kasam.core.contrib): the demo's published periods."""

from kasam.core.contrib import DemoRun, DemoStep
from kasam.releases.demo import ensure_demo_releases


def _demo(run: DemoRun) -> None:
    ensure_demo_releases()  # every ended period the data covers, as the health strategist publishes


DEMO_STEPS = (DemoStep(110, _demo),)
