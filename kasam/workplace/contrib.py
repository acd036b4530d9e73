"""What the employee page contributes to the site (kasam.core.contrib): for `kasam tick`, the results
of a closed round back to everyone invited (kasam.workplace.results_back)."""

from kasam.core.contrib import TickStep
from kasam.workplace import results_back

# After the pulse's own steps (20: rounds plan, open and close), so that a round closed by this tick
# is announced by it.
TICK_STEPS = (TickStep(25, results_back.tick),)
