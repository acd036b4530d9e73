"""The demo's evaluation: a planted effect of the staggered KASAM roll-out, so that the evaluation
page has something real to find in Exempelkommun. Once a unit has had its first dialog of "KASAM på
APT", a share of its staff's sick spells that begin afterwards never happen (they are removed from
the demo's absences), and the sick-leave series are refilled. The generator's own sick leave knows
nothing of the dialogs, so without this the demo would (rightly) find no effect.

Only ever run on the demo, right after its dialogs are recorded; deterministic for a seed."""

import random
from datetime import date

from django.db import transaction

from kasam.absence.models import Absence
from kasam.absence.series import refill_series
from kasam.evaluation.panels import starts_of
from kasam.org.models import Employment, Unit

PLANTED_SHARE = 0.35  # of the sick spells beginning after the unit's start


@transaction.atomic
def plant_demo_effect(seed: int = 1, programme: str = "kasam-pa-apt") -> int:
    """Removes the planted share of sick spells; returns how many. Each unit (in id order) draws for the
    sick spells, in id order, that begin on or after its start and belong to a person ever employed in
    its subtree. The employments and spells are read once, not per unit: at 50,000 employees a query
    per unit took two minutes."""
    rng = random.Random(seed)
    starts = sorted(starts_of(f"dialog:{programme}").items())
    if not starts:
        return 0
    paths = dict(Unit.objects.values_list("pk", "path"))
    employed: dict[str, set[str]] = {}  # unit path → persons with an employment there
    for person_id, path in Employment.objects.values_list("person_id", "unit__path"):
        employed.setdefault(path, set()).add(person_id)
    earliest = min(started for _unit, started in starts)
    spells: dict[str, list[tuple[int, date]]] = {}  # person → (spell id, start)
    rows = Absence.objects.filter(start_date__gte=earliest, kind="sjuk").values_list(
        "pk", "person_id", "start_date"
    )
    for pk, person_id, start in rows:
        spells.setdefault(person_id, []).append((pk, start))
    removed, first = [], None
    for unit, started in starts:
        top = paths[unit]
        persons = set().union(*(found for path, found in employed.items() if path.startswith(top)))
        theirs = sorted(
            spell for person in persons for spell in spells.get(person, ()) if spell[1] >= started
        )
        for pk, start in theirs:
            if rng.random() < PLANTED_SHARE:
                removed.append(pk)
                first = start if first is None else min(first, start)
    Absence.objects.filter(pk__in=removed).delete()
    if first is not None:  # the months from the first removed spell on (the refill widens it for cases)
        refill_series(from_month=first)
    return len(removed)
