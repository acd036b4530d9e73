"""An activity always states what, how, why, who, when and how it is followed up: a form without any
one of them saves nothing and says what is missing; the database refuses an empty part as well. The
follow-up closes the activity with its reflection; status changes are POSTs."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from plan_helpers import SIX, activity_post, add_activity, make_plan

from kasam.plans.models import Activity

MESSAGES = {
    "what": "Write what you will do.",
    "how": "Write how you will do it.",
    "why": "Write why you are doing it.",
    "who": "Write who is responsible.",
    "when": "Write when it will happen.",
    "follow_up": "Write how you will follow it up.",
}


pytestmark = pytest.mark.usefixtures("english")


def url(name, plan, **kwargs):
    return reverse(f"plans:{name}", kwargs={"unit_id": plan.unit_id, "year": plan.year, **kwargs})


@pytest.mark.parametrize("part", list(SIX))
@pytest.mark.parametrize("blank", ["", "   "])
def test_an_activity_without_one_of_its_six_parts_is_not_saved(client, personas, part, blank):
    plan = make_plan()
    client.force_login(personas["enhetschef"])
    response = client.post(url("activity-new", plan), activity_post(**{part: blank}))
    assert response.status_code == 200
    assert not Activity.objects.exists()
    content = response.content.decode()
    # Said once in the summary at the top (a link to the field) and once at the field itself.
    assert content.count(MESSAGES[part]) == 2
    assert 'role="alert"' in content
    others = set(MESSAGES) - {part}
    assert not any(MESSAGES[other] in content for other in others)


def test_all_six_missing_lists_all_six_messages(client, personas):
    plan = make_plan()
    client.force_login(personas["enhetschef"])
    response = client.post(url("activity-new", plan), activity_post(**dict.fromkeys(SIX, "")))
    content = response.content.decode()
    assert all(message in content for message in MESSAGES.values())
    assert not Activity.objects.exists()


def test_the_database_refuses_an_activity_with_an_empty_part(personas):
    plan = make_plan()
    for part in SIX:
        with pytest.raises(IntegrityError), transaction.atomic():
            add_activity(plan, **{part: ""})
    assert not Activity.objects.exists()


def test_a_complete_activity_is_saved_and_shown_on_the_plan(client, personas):
    plan = make_plan()
    area = plan.areas.create(kind="strengthen", title="Återhämtning")
    client.force_login(personas["enhetschef"])
    post = activity_post(area=str(area.pk), tracked_statement="ate1")
    response = client.post(url("activity-new", plan), post)
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#activity-{activity.pk}")
    assert (activity.what, activity.area, activity.tracked_statement) == (SIX["what"], area, "ate1")
    assert activity.status == "planned" and activity.follow_up_on == date(2027, 3, 1)
    page = client.get(url("plan", plan)).content.decode()
    assert "Återhämtningspaus på APT" in page and "Varje APT under våren" in page


def test_the_health_question_cannot_be_tracked(client, personas):
    plan = make_plan()
    client.force_login(personas["enhetschef"])
    response = client.post(url("activity-new", plan), activity_post(tracked_statement="halsa"))
    assert response.status_code == 200 and not Activity.objects.exists()


def test_a_new_follow_up_date_gets_a_new_reminder(client, personas):
    plan = make_plan()
    activity = add_activity(plan, reminded_on=date(2026, 11, 1))
    client.force_login(personas["enhetschef"])
    client.post(url("activity-edit", plan, activity_id=activity.pk), activity_post(follow_up_on="2027-03-01"))
    activity.refresh_from_db()
    assert activity.reminded_on == date(2026, 11, 1)  # the date did not change
    client.post(url("activity-edit", plan, activity_id=activity.pk), activity_post(follow_up_on="2027-04-01"))
    activity.refresh_from_db()
    assert activity.reminded_on is None and activity.follow_up_on == date(2027, 4, 1)


def test_the_follow_up_needs_a_reflection_and_then_the_activity_is_done(client, personas):
    plan = make_plan()
    activity = add_activity(plan)
    client.force_login(personas["enhetschef"])
    follow_up = url("activity-follow-up", plan, activity_id=activity.pk)
    response = client.post(follow_up, {"followed_up_on": "2026-11-20", "reflection": ""})
    assert "Write your reflection" in response.content.decode()
    assert Activity.objects.get().status == "planned"
    response = client.post(follow_up, {"followed_up_on": "2026-12-24", "reflection": "Bra"})
    assert "The date cannot be later than today." in response.content.decode()
    reflection = "Vi gjorde pauserna. Vi märkte mer skratt. Vi fortsätter, men kortare."
    response = client.post(follow_up, {"followed_up_on": "2026-11-20", "reflection": reflection})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.status, activity.followed_up_on, activity.reflection) == (
        "done",
        date(2026, 11, 20),
        reflection,
    )
    page = client.get(url("plan", plan)).content.decode()
    assert "Vi märkte mer skratt" in page and "Plan the next step" in page


def test_plan_the_next_step_starts_from_the_followed_up_activity(client, personas):
    plan = make_plan()
    area = plan.areas.create(kind="strengthen", title="Återhämtning")
    activity = add_activity(plan, area=area, status="done", tracked_statement="ate2")
    client.force_login(personas["enhetschef"])
    form = client.get(url("activity-new", plan) + f"?next_after={activity.pk}").context["form"]
    assert form.initial["area"] == area.pk and form.initial["tracked_statement"] == "ate2"
    assert SIX["what"] in form.initial["why"]


def test_status_changes_by_post_but_done_only_through_the_follow_up(client, personas):
    plan = make_plan()
    activity = add_activity(plan)
    client.force_login(personas["enhetschef"])
    status = url("activity-status", plan, activity_id=activity.pk)
    assert client.get(status).status_code == 405
    client.post(status, {"status": "ongoing"})
    assert Activity.objects.get().status == "ongoing"
    client.post(status, {"status": "done"})
    assert Activity.objects.get().status == "ongoing"
    client.post(status, {"status": "cancelled"})
    assert Activity.objects.get().status == "cancelled"


def test_areas_are_added_changed_and_removed(client, personas):
    plan = make_plan()
    client.force_login(personas["enhetschef"])
    response = client.post(url("area-new", plan), {"kind": "keep", "title": "", "note": ""})
    assert "Write a few words about it." in response.content.decode()
    client.post(url("area-new", plan), {"kind": "keep", "title": "Vi hjälper varandra", "note": ""})
    area = plan.areas.get()
    assert area.kind == "keep"
    client.post(
        url("area-edit", plan, area_id=area.pk), {"kind": "keep", "title": "Vi hjälps åt", "note": ""}
    )
    assert plan.areas.get().title == "Vi hjälps åt"
    activity = add_activity(plan, area=area)
    client.post(url("area-delete", plan, area_id=area.pk))
    assert not plan.areas.exists()
    activity.refresh_from_db()
    assert activity.area is None
