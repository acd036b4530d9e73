"""The demo's planted effect: after a unit's first KASAM dialog a share of its staff's sick spells
never happen; spells before the start, and other units' spells, are untouched."""

from datetime import timedelta

from kasam.absence.models import Absence
from kasam.dialogs.demo import ensure_demo_dialogs
from kasam.evaluation.demo import PLANTED_SHARE, plant_demo_effect
from kasam.evaluation.panels import starts_of


def test_the_planted_effect_removes_a_share_of_the_spells_after_the_start(org):
    assert ensure_demo_dialogs(seed=1) is True
    start = starts_of("dialog:kasam-pa-apt")["AO-HT1"]
    before = [start - timedelta(days=3 * n + 3) for n in range(20)]
    after = [start + timedelta(days=3 * n) for n in range(200)]
    Absence.objects.bulk_create(
        Absence(person_id="P1", start_date=day, end_date=day, kind="sjuk") for day in before + after
    )
    removed = plant_demo_effect(seed=1)
    left = set(Absence.objects.filter(person_id="P1").values_list("start_date", flat=True))
    assert set(before) <= left
    gone = 200 - len(left & set(after))
    assert gone == removed
    assert abs(gone / 200 - PLANTED_SHARE) < 0.1
    assert ensure_demo_dialogs(seed=1) is False  # a second demo plants nothing more
