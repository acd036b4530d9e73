"""What the evaluation contributes to the site (kasam.core.contrib): the demo's planted effect."""

from kasam.core.contrib import DemoRun, DemoStep
from kasam.evaluation.demo import plant_demo_effect


def _demo(run: DemoRun) -> None:
    if run.kept.get("dialogs_made"):  # kasam.dialogs.contrib, just before
        plant_demo_effect(seed=run.seed)  # the roll-out lowers sick leave, for the evaluation to find


DEMO_STEPS = (DemoStep(100, _demo),)
