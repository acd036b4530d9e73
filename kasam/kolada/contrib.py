"""What Kolada contributes to the site (kasam.core.contrib): the demo's comparison."""

from kasam.core.contrib import DemoRun, DemoStep
from kasam.kolada.demo import ensure_demo_kolada


def _demo(run: DemoRun) -> None:
    ensure_demo_kolada()  # Kalix's published Kolada comparison of 2023; nothing when there is a fetch


DEMO_STEPS = (DemoStep(40, _demo),)
