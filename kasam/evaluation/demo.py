"""The demo's evaluation: a planted effect of the staggered KASAM roll-out, so that the evaluation
page has something real to find in Exempelkommun. Once a unit has had its first dialog of "KASAM på
APT", a share of its staff's sick spells that begin afterwards never happen (they are removed from
the demo's absences), and the sick-leave series are refilled. The generator's own sick leave knows
nothing of the dialogs, so without this the demo would (rightly) find no effect.

Only ever run on the demo, right after its dialogs are recorded; deterministic for a seed."""

import random

from django.db import transaction

from kasam.absence.models import Absence
from kasam.absence.series import refill_series
from kasam.evaluation.panels import starts_of
from kasam.org.models import Employment, Unit

PLANTED_SHARE = 0.35  # of the sick spells beginning after the unit's start


@transaction.atomic
def plant_demo_effect(seed: int = 1, programme: str = "kasam-pa-apt") -> int:
    """Removes the planted share of sick spells; returns how many."""
    rng = random.Random(seed)
    paths = dict(Unit.objects.values_list("pk", "path"))
    removed, first = [], None
    for unit, started in sorted(starts_of(f"dialog:{programme}").items()):
        persons = Employment.objects.filter(unit__path__startswith=paths[unit]).values("person_id")
        spells = Absence.objects.filter(person_id__in=persons, start_date__gte=started, kind="sjuk")
        for pk, start in spells.order_by("pk").values_list("pk", "start_date"):
            if rng.random() < PLANTED_SHARE:
                removed.append(pk)
                first = start if first is None else min(first, start)
    Absence.objects.filter(pk__in=removed).delete()
    if first is not None:  # the months from the first removed spell on (the refill widens it for cases)
        refill_series(from_month=first)
    return len(removed)
