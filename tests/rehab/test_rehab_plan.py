"""The plan for the return to work (docs/rehabilitation.md "The plan for the return to work"): every
save is a new version, earlier versions never change, the measures are the adjustments of the moment,
and the first version made with the employee marks the plan step done."""

from datetime import date

import pytest
from django.urls import reverse
from rehab_plan_helpers import TODAY, fake_medical, long_case

from kasam.audit.models import AuditEntry
from kasam.rehab import cases
from kasam.rehab.models import ReturnPlan

PLAN = {
    "work_ability": "Kan ta förmiddagspass och planera dagen",
    "limits": "Långa pass utan paus blir för mycket",
    "other_measures": "Samtal med företagshälsan om arbetsdagen",
    "expected_return": "2027-02-01",
    "return_steps": "25 % i december, 50 % i januari",
    "follow_up_on": "2026-12-15",
    "contacts": "Chefen Eva, 070-000 00 00",
}


@pytest.fixture
def case(personas, monkeypatch):
    fake_medical(monkeypatch)
    return long_case(personas)


def plan_step(case):
    return next(s for s in cases.steps(case) if s.step == "return_plan")


def test_each_save_is_a_new_version_and_the_first_is_kept_as_it_was(client, personas, case):
    client.force_login(personas["enhetschef"])
    url = reverse("rehab:plan-edit", args=[case.pk])
    assert client.get(url).status_code == 200
    case.adjustments.create(kind="working_hours", description="Kortare pass", starts_on=date(2026, 12, 1))
    assert client.post(url, PLAN).status_code == 302
    case.adjustments.create(kind="aids", description="Höj- och sänkbart bord", starts_on=date(2026, 12, 5))
    second = PLAN | {"limits": "Tunga lyft ensam", "made_with_person": "on"}
    assert client.post(url, second).status_code == 302

    first, latest = ReturnPlan.objects.filter(case=case).order_by("version")
    assert (first.version, latest.version) == (1, 2)
    assert first.limits == "Långa pass utan paus blir för mycket" and latest.limits == "Tunga lyft ensam"
    assert [m["description"] for m in first.measures] == ["Kortare pass"]
    assert [m["description"] for m in latest.measures] == ["Kortare pass", "Höj- och sänkbart bord"]
    assert first.saved_on == latest.saved_on == TODAY
    assert first.saved_by == personas["enhetschef"] and not first.made_with_person
    assert first.expected_return == date(2027, 2, 1) and first.follow_up_on == date(2026, 12, 15)
    # The form starts from the latest version.
    assert "Tunga lyft ensam" in client.get(url).content.decode()
    assert AuditEntry.objects.filter(action="change_rehab_case", detail__plan=2).exists()


def test_the_first_version_made_with_the_employee_marks_the_plan_step_done(client, personas, case):
    client.force_login(personas["enhetschef"])
    url = reverse("rehab:plan-edit", args=[case.pk])
    client.post(url, PLAN)  # not together with the employee: the step stays open
    assert plan_step(case).status == "open"
    client.post(url, PLAN | {"made_with_person": "on"})
    step = plan_step(case)
    assert (step.status, step.done_on) == ("done", TODAY)
    row = case.steps_done.get(step="return_plan")
    row.done_on = date(2026, 11, 20)  # as if recorded by hand earlier
    row.save()
    client.post(url, PLAN | {"made_with_person": "on"})  # a later version does not move the day
    assert plan_step(case).done_on == date(2026, 11, 20)


def test_the_case_page_shows_the_latest_version_the_versions_and_links_to_edit_and_print(
    client, personas, case
):
    client.force_login(personas["enhetschef"])
    page = client.get(reverse("rehab:case", args=[case.pk])).content.decode()
    assert reverse("rehab:plan-edit", args=[case.pk]) in page and 'id="plan-versions"' not in page
    client.post(reverse("rehab:plan-edit", args=[case.pk]), PLAN | {"made_with_person": "on"})
    client.post(reverse("rehab:plan-edit", args=[case.pk]), PLAN)
    page = client.get(reverse("rehab:case", args=[case.pk])).content.decode()
    assert 'id="plan-versions"' in page
    assert reverse("rehab:plan-pdf", args=[case.pk, 1]) in page
    assert reverse("rehab:plan-pdf", args=[case.pk, 2]) in page
    assert "Kan ta förmiddagspass" in page and "enhetschef" in page


def test_a_closed_case_keeps_its_plan_but_takes_no_new_version(client, personas, case):
    client.force_login(personas["enhetschef"])
    client.post(reverse("rehab:plan-edit", args=[case.pk]), PLAN)
    cases.close_by_hand(case, personas["hr"], "Tillbaka i arbete", TODAY)
    response = client.post(reverse("rehab:plan-edit", args=[case.pk]), PLAN)
    assert response.status_code == 302 and case.plans.count() == 1
    assert client.get(reverse("rehab:plan-pdf", args=[case.pk, 1])).status_code == 200
