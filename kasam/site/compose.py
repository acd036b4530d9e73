"""The site composes what every app contributes through its contrib.py (kasam.core.contrib): the
background work `kasam tick` enqueues or does, and the steps of `kasam demo`, each in its order. The
import kinds are composed in kasam.site.imports."""

from operator import attrgetter

from kasam.absence import contrib as absence
from kasam.accounts import contrib as accounts
from kasam.dialogs import contrib as dialogs
from kasam.economy import contrib as economy
from kasam.evaluation import contrib as evaluation
from kasam.gdpr import contrib as gdpr
from kasam.kolada import contrib as kolada
from kasam.leadership import contrib as leadership
from kasam.plans import contrib as plans
from kasam.pulse import contrib as pulse
from kasam.rehab import contrib as rehab
from kasam.releases import contrib as releases
from kasam.sam import contrib as sam
from kasam.survey import contrib as survey
from kasam.targets import contrib as targets
from kasam.workplace import contrib as workplace

by_order = attrgetter("order")

TICK_TASKS = sorted((*absence.TICK_TASKS, *gdpr.TICK_TASKS), key=by_order)
TICK_STEPS = sorted(
    (*pulse.TICK_STEPS, *plans.TICK_STEPS, *workplace.TICK_STEPS, *rehab.TICK_STEPS, *sam.TICK_STEPS),
    key=by_order,
)
DEMO_STEPS = sorted(
    (
        *pulse.DEMO_STEPS,
        *survey.DEMO_STEPS,
        *economy.DEMO_STEPS,
        *kolada.DEMO_STEPS,
        *targets.DEMO_STEPS,
        *plans.DEMO_STEPS,
        *accounts.DEMO_STEPS,
        *leadership.DEMO_STEPS,
        *dialogs.DEMO_STEPS,
        *evaluation.DEMO_STEPS,
        *releases.DEMO_STEPS,
        *gdpr.DEMO_STEPS,
        *workplace.DEMO_STEPS,
        *rehab.DEMO_STEPS,
        *sam.DEMO_STEPS,
    ),
    key=by_order,
)
