"""No medical detail in a case (kasam.rehab.medical): a text that looks like a diagnosis is shown again
with a warning naming the fragments, and saved only when the writer ticks that it holds none."""

import pytest
from django.urls import reverse
from rehab_plan_helpers import fake_medical, long_case

from kasam.rehab import medical


@pytest.fixture
def case(personas, monkeypatch):
    fake_medical(monkeypatch)
    return long_case(personas)


def test_the_plan_is_shown_again_with_a_warning_and_saved_when_the_box_is_ticked(client, personas, case):
    client.force_login(personas["enhetschef"])
    url = reverse("rehab:plan-edit", args=[case.pk])
    data = {"work_ability": "Orkar lite mer trots sin depression", "limits": ""}
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200 and case.plans.count() == 0
    assert 'id="medical-warning"' in page and "depression" in page
    assert 'name="no_medical"' in page and "Orkar lite mer trots sin depression" in page
    assert "Skriv ingen diagnos" in page  # the help text of every free-text field
    response = client.post(url, data | {"no_medical": "on"})
    assert response.status_code == 302 and case.plans.get().work_ability.endswith("depression")


def test_a_text_without_medical_detail_shows_no_warning_and_no_box(client, personas, case):
    client.force_login(personas["enhetschef"])
    page = client.get(reverse("rehab:plan-edit", args=[case.pk])).content.decode()
    assert 'name="no_medical"' not in page and "Skriv ingen diagnos" in page
    response = client.post(reverse("rehab:plan-edit", args=[case.pk]), {"work_ability": "Orkar mer"})
    assert response.status_code == 302


def test_the_adjustment_and_the_meeting_are_checked_too(client, personas, case):
    client.force_login(personas["enhetschef"])
    adjustment = {"kind": "pace", "description": "Färre besök för hennes diabetes", "starts_on": "2026-12-01"}
    response = client.post(reverse("rehab:adjustment-new", args=[case.pk]), adjustment)
    assert response.status_code == 200 and "diabetes" in response.content.decode()
    assert not case.adjustments.exists()
    response = client.post(reverse("rehab:adjustment-new", args=[case.pk]), adjustment | {"no_medical": "on"})
    assert response.status_code == 302 and case.adjustments.count() == 1
    meeting = {"held_on": "2026-11-20", "with_whom": "occupational_health", "note": "Om depression"}
    response = client.post(reverse("rehab:meeting-new", args=[case.pk]), meeting)
    assert response.status_code == 200 and not case.meetings.exists()
    response = client.post(reverse("rehab:meeting-new", args=[case.pk]), meeting | {"no_medical": "on"})
    assert response.status_code == 302 and case.meetings.count() == 1


def test_a_step_note_and_the_close_reason_are_checked_before_they_are_saved(client, personas, case):
    client.force_login(personas["enhetschef"])
    step = {"step": "first_contact", "done_on": "2026-11-25", "note": "Ringde om hennes depression"}
    response = client.post(reverse("rehab:step", args=[case.pk]), step)
    page = response.content.decode()
    assert response.status_code == 200 and not case.steps_done.exists()
    assert 'id="medical-warning"' in page and 'value="first_contact"' in page
    response = client.post(reverse("rehab:step", args=[case.pk]), step | {"no_medical": "on"})
    assert response.status_code == 302 and case.steps_done.get().note.endswith("depression")
    client.force_login(personas["hr"])
    response = client.post(reverse("rehab:close", args=[case.pk]), {"reason": "Diabetes"})
    assert response.status_code == 200 and "Diabetes" in response.content.decode()
    case.refresh_from_db()
    assert case.is_open
    client.post(reverse("rehab:close", args=[case.pk]), {"reason": "Diabetes", "no_medical": "on"})
    case.refresh_from_db()
    assert not case.is_open and case.close_reason == "Diabetes"


def test_the_real_hints_find_a_diagnosis():
    """With kasam.metrics.medical_text merged: the wrapper hands its fragments on."""
    pytest.importorskip("kasam.metrics.medical_text")
    assert medical.hints("Diagnos: depression (F32), sjukskriven av läkare")
    assert medical.hints("Kortare pass och senare start") == []
