"""The unit manager's weekly work-environment reminder: a round due within a month and plan actions of
risks past their date, once a week; nothing for what is done."""

from datetime import date

from django.core import mail

from kasam.plans.models import Activity, HealthPlan
from kasam.sam import reminders
from kasam.sam.models import Risk, SafetyRound

MONDAY = date(2026, 11, 23)


def test_the_manager_hears_of_a_round_due_once_a_week_and_nothing_once_it_is_signed(personas, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    manager = personas["enhetschef"]
    manager.email = "chef@example.invalid"
    manager.save()
    assert reminders.send_reminders(MONDAY) == 1  # Hemtjänst Norr has never signed a round
    assert reminders.send_reminders(date(2026, 11, 25)) == 0  # the same week
    [message] = mail.outbox
    assert message.to == ["chef@example.invalid"] and "Hemtjänst Norr" in message.body
    assert "skyddsronden ska göras inom en månad" in message.body
    SafetyRound.objects.create(
        unit_id="AO-HT1", held_on=date(2026, 11, 25), manager_signed_on=date(2026, 11, 25),
        representative_signed_on=date(2026, 11, 26),
    )  # fmt: skip
    assert reminders.send_reminders(date(2026, 11, 30)) == 0  # signed: the next is due in a year


def test_an_overdue_action_is_reminded_until_it_is_done(personas, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    manager = personas["enhetschef"]
    manager.email = "chef@example.invalid"
    manager.save()
    SafetyRound.objects.create(
        unit_id="AO-HT1", held_on=date(2026, 6, 1), manager_signed_on=date(2026, 6, 1),
        representative_signed_on=date(2026, 6, 1),
    )  # fmt: skip
    plan = HealthPlan.objects.create(
        unit_id="AO-HT1", year=2026, snapshot={}, snapshot_taken_on=date(2026, 6, 1)
    )
    action = Activity.objects.create(
        plan=plan, what="Färre besök", how="Hur", why="Risk", who="Chefen", when="Juli", follow_up="APT",
        follow_up_on=date(2026, 7, 1),
    )  # fmt: skip
    Risk.objects.create(
        unit_id="AO-HT1", area="workload", description="Stress", likelihood=3, consequence=3,
        found_on=date(2026, 6, 1), due_on=date(2026, 7, 1), decision="action", activity=action,
    )  # fmt: skip
    assert reminders.send_reminders(MONDAY) == 1
    assert "1 åtgärder från risker har passerat sitt datum" in mail.outbox[0].body
    action.status = Activity.Status.DONE
    action.save()
    assert reminders.send_reminders(date(2026, 11, 30)) == 0
