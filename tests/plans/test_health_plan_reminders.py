"""When an activity's follow-up date is reached and it is not followed up, its unit's managers get
one e-mail, once (Activity.reminded_on); `kasam tick` sends them."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from plan_helpers import add_activity, make_plan

from kasam.plans import reminders
from kasam.plans.models import Activity


@pytest.fixture
def managers(personas):
    personas["enhetschef"].email = "chef@example.invalid"
    personas["enhetschef"].save()
    # Readers above the unit get no reminders, with or without an address.
    personas["omradeschef"].email = "omrade@example.invalid"
    personas["omradeschef"].save()
    return personas


def test_a_reminder_goes_out_once_when_the_follow_up_date_is_reached(managers):
    plan = make_plan("AO-HT1")
    due = add_activity(plan, what="Återhämtningspaus", follow_up_on=date(2026, 11, 25))
    later = add_activity(plan, what="Senare", follow_up_on=date(2026, 11, 26))
    add_activity(plan, what="Klar", follow_up_on=date(2026, 11, 1), status="done")
    add_activity(plan, what="Inställd", follow_up_on=date(2026, 11, 1), status="cancelled")
    assert reminders.send_reminders(date(2026, 11, 25)) == 1
    [message] = mail.outbox
    assert message.to == ["chef@example.invalid"]
    assert "Återhämtningspaus" in message.body and "Senare" not in message.body and "Klar" not in message.body
    assert f"/halsoplaner/enheter/AO-HT1/2026/#activity-{due.pk}" in message.body
    assert Activity.objects.get(pk=due.pk).reminded_on == date(2026, 11, 25)
    # Once: the next tick the same day or later sends nothing more for it.
    assert reminders.send_reminders(date(2026, 11, 25)) == 0
    assert reminders.send_reminders(date(2026, 11, 26)) == 1
    assert "Senare" in mail.outbox[1].body and "Återhämtningspaus" not in mail.outbox[1].body
    assert Activity.objects.get(pk=later.pk).reminded_on == date(2026, 11, 26)
    assert len(mail.outbox) == 2


def test_no_reminder_without_a_manager_address_and_it_waits_until_there_is_one(personas):
    activity = add_activity(make_plan("AO-HT1"), follow_up_on=date(2026, 11, 20))
    assert reminders.send_reminders(date(2026, 11, 25)) == 0
    assert Activity.objects.get(pk=activity.pk).reminded_on is None
    personas["enhetschef"].email = "chef@example.invalid"
    personas["enhetschef"].save()
    assert reminders.send_reminders(date(2026, 11, 25)) == 1


def test_a_team_s_plan_reminds_the_manager_above_it(managers):
    add_activity(make_plan("AO-HT1-A"), what="Teamets aktivitet", follow_up_on=date(2026, 11, 20))
    assert reminders.send_reminders(date(2026, 11, 25)) == 1
    assert mail.outbox[0].to == ["chef@example.invalid"] and "Grupp Lärkan" in mail.outbox[0].body


def test_kasam_tick_sends_the_reminders(managers):
    add_activity(make_plan("AO-HT1"), follow_up_on=date(2026, 11, 25))
    out = StringIO()
    call_command("tick", "--format", "json", stdout=out)
    assert "plan_reminders" in json.loads(out.getvalue())["enqueued"]
    out = StringIO()
    call_command("tick", "--format", "json", stdout=out)
    assert "plan_reminders" not in json.loads(out.getvalue())["enqueued"]
    # The plans' reminder, once (the tick also sends the manager's work-environment reminder).
    assert len([m for m in mail.outbox if not m.subject.startswith("Arbetsmiljö")]) == 1
