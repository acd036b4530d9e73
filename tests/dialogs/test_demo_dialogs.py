"""The demo's dialogs: a staggered roll-out of KASAM på APT – the demo manager's unit early, through
all ten themes in order and with its own evaluation – never in the future, never in July, never more
participants than staff; running it again adds nothing."""

from datetime import date

from kasam.dialogs.access import staff_on
from kasam.dialogs.demo import StaffCounter, ensure_demo_dialogs
from kasam.dialogs.models import DialogRecord, Evaluation
from kasam.org.models import Unit


def test_the_demo_runs_kasam_pa_apt_staggered_and_adds_nothing_the_second_time(org):
    ensure_demo_dialogs(seed=1)
    records = DialogRecord.objects.select_related("theme", "unit").order_by("held_on")
    ht1 = [r for r in records if r.unit_id == "AO-HT1"]
    assert [r.theme.position for r in ht1] == list(range(10))
    assert ht1[0].held_on < date(2025, 4, 1)
    assert Evaluation.objects.filter(unit_id="AO-HT1", programme__slug="kasam-pa-apt").count() == 1
    for record in records:
        assert record.held_on < date(2026, 11, 25) and record.held_on.month != 7
        assert record.held_on.weekday() < 5
        assert 1 <= record.participants <= staff_on(record.unit, record.held_on)
    # Only units of kind "unit" hold the series: never a team or an area.
    assert {r.unit.kind for r in records} == {"unit"}
    count = records.count()
    ensure_demo_dialogs(seed=1)
    assert DialogRecord.objects.count() == count


def test_the_staff_counted_in_memory_are_the_staff_on_the_day(org):
    counter = StaffCounter()
    for unit in Unit.objects.all():
        for day in (date(2019, 1, 1), date(2024, 3, 15), date(2025, 7, 1), date(2026, 11, 24)):
            assert counter(unit, day) == staff_on(unit, day), (unit.pk, day)
