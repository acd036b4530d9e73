"""What the employee survey contributes to the site (kasam.core.contrib): the demo's surveys."""

from kasam.core.contrib import DemoRun, DemoStep
from kasam.survey.demo import ensure_demo_survey


def _demo(run: DemoRun) -> None:
    # The employee surveys of the last two years; nothing when there is a survey.
    ensure_demo_survey(seed=run.seed)


DEMO_STEPS = (DemoStep(20, _demo),)
