"""What dialogs contribute to the site (kasam.core.contrib): the demo's dialogs; whether they were
made now is kept as "dialogs_made" for the evaluation's step (kasam.evaluation.contrib)."""

from kasam.core.contrib import DemoRun, DemoStep
from kasam.dialogs.demo import ensure_demo_dialogs


def _demo(run: DemoRun) -> None:
    # Two years of staggered KASAM dialogs (after the logins: the coach and manager lead some).
    run.kept["dialogs_made"] = ensure_demo_dialogs(seed=run.seed)


DEMO_STEPS = (DemoStep(90, _demo),)
