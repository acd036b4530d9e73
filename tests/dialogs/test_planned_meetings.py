"""Planning the next workplace meeting: the unit manager chooses a day ahead, a theme and who leads it;
it shows on the unit's plan, the facilitator's last screen registers the dialog and saving lands on
the plan with the agreed action; bad input is refused and nothing outside the scope is offered."""

import re
from html import unescape

import pytest
from django.urls import reverse

from kasam.dialogs.models import DialogRecord, PlannedMeeting, Theme
from kasam.plans.models import Activity

pytestmark = pytest.mark.usefixtures("english")


def text(response) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def theme() -> Theme:
    return Theme.objects.get(programme__slug="kasam-pa-apt", slug="begriplighet")


def plan(client, user, **fields):
    client.force_login(user)
    data = {
        "unit": "AO-HT1",
        "held_on": "2026-12-03",
        "theme": f"t{theme().pk}",
        "facilitator": "me",
        **fields,
    }
    return client.post(reverse("dialogs:plan-meeting"), data)


def test_the_unit_manager_plans_the_next_meeting_and_it_shows_on_the_plan(client, personas):
    response = plan(client, personas["enhetschef"])
    assert response.status_code == 302 and response["Location"] == reverse("plans:unit", args=["AO-HT1"])
    meeting = PlannedMeeting.objects.get()
    assert (meeting.unit_id, str(meeting.held_on), meeting.theme, meeting.facilitator) == (
        "AO-HT1",
        "2026-12-03",
        theme(),
        personas["enhetschef"],
    )
    landed = client.get(response["Location"], follow=True)
    page = text(landed)
    assert "The workplace meeting on 3 December is planned" in page
    assert "Coming workplace meetings" in page and "Thursday 3 December" in page and theme().title_en in page
    lead = reverse("dialogs:facilitator", args=["kasam-pa-apt", "begriplighet"]) + f"?mote={meeting.pk}"
    assert f'href="{lead}"' in landed.content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"held_on": "2026-11-24"}, "A meeting is planned ahead: choose today or a later day."),
        ({"held_on": ""}, "Choose the date of the meeting."),
        ({"theme": ""}, "Choose a theme."),
        ({"theme": "p1"}, "Choose a theme from the list."),
        ({"unit": "IFO-BU"}, ""),
    ],
)
def test_bad_input_is_refused_and_nothing_is_planned(client, personas, fields, message):
    response = plan(client, personas["enhetschef"], **fields)
    assert response.status_code == 200 and message in text(response)
    assert not PlannedMeeting.objects.exists()


def test_an_employee_does_not_plan_meetings(client, personas):
    assert plan(client, personas["medarbetare"]).status_code == 403


def test_the_last_screen_registers_the_dialog_and_saving_lands_on_the_plan(client, personas):
    plan(client, personas["enhetschef"])
    meeting = PlannedMeeting.objects.get()
    url = reverse("dialogs:facilitator", args=["kasam-pa-apt", "begriplighet"])
    screen = client.get(url, {"mote": meeting.pk}).content.decode()
    last = screen.split('class="step step-reflection"')[1].split("</li>")[0]
    record_url = reverse("dialogs:record") + f"?mote={meeting.pk}"
    assert f'href="{record_url}"' in last and "Register the dialog" in last
    form = client.get(record_url)
    assert form.context["form"]["unit"].value() == "AO-HT1"
    assert form.context["form"]["subject"].value() == f"t{theme().pk}"
    data = {
        "mote": str(meeting.pk),
        "unit": "AO-HT1",
        "subject": f"t{theme().pk}",
        "held_on": "2026-11-25",
        "participants": "2",
        "reflections": "Vi pratade om vad som gör dagen begriplig.",
        "led_by": "me",
        "action-TOTAL_FORMS": "3",
        "action-INITIAL_FORMS": "0",
        "action-0-what": "Veckobrev från chefen",
        "action-0-how": "Varje fredag.",
        "action-0-why": "Så att alla vet vad som händer.",
        "action-0-who": "Enhetschefen",
        "action-0-when": "Från december",
        "action-0-follow_up": "Vi frågar på nästa APT.",
        "action-0-follow_up_on": "2027-01-15",
    }
    saved = client.post(reverse("dialogs:record"), data, follow=True)
    assert saved.redirect_chain[-1][0] == reverse("plans:plan", args=["AO-HT1", 2026])
    page = text(saved)
    assert "Veckobrev från chefen" in page
    record = DialogRecord.objects.get()
    meeting.refresh_from_db()
    assert meeting.record == record and record.activities.get() == Activity.objects.get(
        what="Veckobrev från chefen"
    )
    # Registered: it is no longer a coming meeting on the plan.
    assert "Coming workplace meetings No workplace meeting with a theme is planned yet." in page


def test_a_meeting_outside_the_scope_is_not_filled_in_or_registered(client, personas):
    other = PlannedMeeting.objects.create(unit_id="IFO-BU", held_on="2026-12-03", theme=theme())
    client.force_login(personas["enhetschef"])
    form = client.get(reverse("dialogs:record"), {"mote": other.pk})
    assert form.context["meeting"] is None and form.context["form"]["unit"].value() in (None, "")


def test_a_dialog_coach_sees_the_schedule_of_its_units_and_nothing_else(client, personas):
    PlannedMeeting.objects.create(unit_id="AO-SB1", held_on="2026-12-03", theme=theme())  # the coach's
    PlannedMeeting.objects.create(unit_id="AO-HT1", held_on="2026-12-04", theme=theme())  # not the coach's
    PlannedMeeting.objects.create(unit_id="IFO-BU", held_on="2026-11-20", theme=theme())  # past
    client.force_login(personas["dialogcoach"])
    page = client.get(reverse("dialogs:reach"))
    assert [m.unit_id for m in page.context["planned"]] == ["AO-SB1"]
    schedule = text(page).split("Coming workplace meetings", 1)[1]
    assert "3 December Solgården " + theme().title_en in schedule and "Hemtjänst Norr" not in schedule
