"""The demo's dialogs: a staggered roll-out of KASAM på APT – the demo manager's unit early, through
all ten themes in order and with its own evaluation – never in the future, never in July, never more
participants than staff; running it again adds nothing."""

from datetime import date

from kasam.dialogs.access import staff_on
from kasam.dialogs.demo import StaffCounter, ensure_demo_dialogs
from kasam.dialogs.models import DialogRecord, Evaluation, PlannedMeeting
from kasam.org.models import Unit
from kasam.plans.actions import get_or_create_plan
from kasam.plans.models import Activity

ACTION = {
    "what": "Fem minuter återkoppling",
    "how": "Chefen börjar varje APT med det.",
    "why": "Så att alla vet hur det gick.",
    "who": "Enhetschefen",
    "when": "Varje APT",
    "follow_up": "Vi frågar gruppen.",
    "follow_up_on": date(2026, 10, 15),
}


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


def test_the_demo_managers_unit_has_what_it_agreed_and_its_next_meeting_planned(org, personas):
    unit = Unit.objects.get(pk="AO-HT1")
    plan, _ = get_or_create_plan(unit, 2026)
    done = Activity.objects.create(plan=plan, **ACTION, status=Activity.Status.DONE)
    running = Activity.objects.create(
        plan=plan, **{**ACTION, "what": "Anslagstavla", "follow_up_on": date(2026, 11, 20)}
    )
    ensure_demo_dialogs(seed=1)
    agreed = DialogRecord.objects.filter(unit_id="AO-HT1", programme__slug="samtalskort").order_by("held_on")
    # Four weeks before each first follow-up, on a weekday: 15 October → Thursday 17 September.
    assert [(r.held_on, list(r.activities.all())) for r in agreed] == [
        (date(2026, 9, 17), [done]),
        (date(2026, 10, 23), [running]),  # 20 November − 28 days is a Friday
    ]
    meeting = PlannedMeeting.objects.get()
    assert meeting.unit_id == "AO-HT1" and meeting.record is None
    assert date(2026, 12, 2) <= meeting.held_on <= date(2026, 12, 4) and meeting.held_on.weekday() < 5
    assert meeting.theme.programme.slug == "triogrupper"


def test_the_staff_counted_in_memory_are_the_staff_on_the_day(org):
    counter = StaffCounter()
    for unit in Unit.objects.all():
        for day in (date(2019, 1, 1), date(2024, 3, 15), date(2025, 7, 1), date(2026, 11, 24)):
            assert counter(unit, day) == staff_on(unit, day), (unit.pk, day)
