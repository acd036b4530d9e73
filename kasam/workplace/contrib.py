"""What the employee page contributes to the site (kasam.core.contrib): for `kasam tick`, the results
of a closed round back to everyone invited (kasam.workplace.results_back) and the month's draft of the
health column (kasam.workplace.column)."""

from kasam.core.contrib import DemoRun, DemoStep, TickStep
from kasam.workplace import column, results_back
from kasam.workplace.demo import ensure_demo_column

# After the pulse's own steps (20: rounds plan, open and close), so that a round closed by this tick
# is announced by it.
TICK_STEPS = (TickStep(25, results_back.tick), TickStep(40, column.tick))


def _demo(run: DemoRun) -> None:
    # This month's health column, published (after the releases, whose figure it quotes).
    ensure_demo_column()


DEMO_STEPS = (DemoStep(115, _demo),)
