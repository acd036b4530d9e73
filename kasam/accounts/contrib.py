"""What accounts contribute to the site (kasam.core.contrib): the demo's logins, which `kasam demo`
lists at the end (kept as "logins")."""

from kasam.accounts.demo import ensure_demo_logins
from kasam.core.contrib import DemoRun, DemoStep


def _demo(run: DemoRun) -> None:
    run.kept["logins"] = ensure_demo_logins()


DEMO_STEPS = (DemoStep(70, _demo),)
