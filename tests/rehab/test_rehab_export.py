"""The article-15 export (kasam.gdpr.person_export) and rehabilitation cases: the person's cases, with
everything under them, are in an export made by HR over the person's unit and in the administrator's
command; an export made by the health strategist leaves them out and says – for every person alike,
so that it reveals nothing – that rehabilitation documentation, if any, is exported by HR."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from rehab_rows import UNDER_CASE, case_with_everything

from kasam.audit.models import AuditEntry, record
from kasam.gdpr import person_export
from kasam.org.models import Person, Role, RoleAssignment

REHAB_TABLES = {"rehab.Case", *UNDER_CASE}


@pytest.fixture
def case(personas):
    """Alva Testsson's (P1) open case, worked by her unit manager and delegated to the area manager;
    the manager looked at it once alone and once in the list beside another case."""
    chef = personas["enhetschef"]
    found = case_with_everything("P1", date(2026, 10, 5), None, by=chef, delegate=personas["omradeschef"])
    other = case_with_everything("P2", date(2026, 10, 12), None, unit_id="AO-HT1-A", by=chef, note="Om Bo")
    record(chef, AuditEntry.Action.VIEW_REHAB_CASE, "AO-HT1", case=found.pk)
    record(chef, AuditEntry.Action.VIEW_REHAB_CASE, "", cases=[other.pk, found.pk])
    return found


def export(person_id: str, made_by) -> dict:
    made = person_export.build_export(Person.objects.get(pk=person_id), made_by)
    return json.loads(person_export.dumps(made))


def without_time(made: dict) -> dict:
    made["about"].pop("made_at")
    return made


def test_hrs_export_holds_the_case_and_everything_under_it(case, personas):
    made = export("P1", personas["hr"])
    tables = made["tables"]
    assert set(tables) >= REHAB_TABLES
    assert [row["id"] for row in tables["rehab.Case"]] == [case.pk]
    assert tables["rehab.Case"][0]["person"] == "P1" and tables["rehab.Case"][0]["opened_by"] is None
    for label in UNDER_CASE:
        assert [row["case"] for row in tables[label]] == [case.pk], label
    assert tables["rehab.StepDone"][0]["note"] == "Samtal om arbetstiderna"
    assert tables["rehab.ReturnPlan"][0]["work_ability"] == "Kan arbeta halvtid"
    # The delegate saw the person's data: named. Other users are left out as everywhere.
    delegation = tables["rehab.Delegation"][0]
    assert delegation["user_name"] == "omradeschef" and delegation["granted_by"] is None
    # Who looked at the case is listed without their name, and of the list only this case.
    views = [row for row in tables["audit.AuditEntry"] if row["action"] == "view_rehab_case"]
    assert [row["detail"] for row in views] == [{"case": case.pk}, {"cases": [case.pk]}]
    assert all(row["username"] is None and row["user"] is None for row in views)
    assert "Om Bo" not in json.dumps(made)
    assert made["about"]["notes"][-1] == person_export.rehab_note(True)


def test_the_strategists_export_leaves_them_out_and_says_the_same_for_everyone(org, personas):
    strategist = personas["halsostrateg"]
    before = without_time(export("P1", strategist))
    case_with_everything("P1", date(2026, 10, 5), None, by=personas["enhetschef"], delegate=personas["hr"])
    after = without_time(export("P1", strategist))
    assert after == before  # nothing in it tells that a case came
    assert not REHAB_TABLES & set(after["tables"])
    assert not [row for row in after["searched"] if row["table"].startswith("rehab.")]
    assert after["about"]["notes"][-1] == person_export.rehab_note(False)
    # Another person, never a case: the same notes.
    assert without_time(export("P3", strategist))["about"]["notes"] == after["about"]["notes"]


def test_an_hr_role_over_another_part_does_not_bring_them(case, django_user_model):
    """HR over Individ- och familjeomsorg, besides the strategist's role over everything: handles
    every person's request, but Alva's cases (Äldreomsorg) are not HR's there."""
    handler = django_user_model.objects.create_user("hr-ifo")
    RoleAssignment.objects.create(user=handler, role=Role.HEALTH_STRATEGIST, unit_id="SOC")
    RoleAssignment.objects.create(user=handler, role=Role.HR, unit_id="IFO")
    assert not REHAB_TABLES & set(export("P1", handler)["tables"])
    case_with_everything("P4", date(2026, 9, 7), None, unit_id="IFO-BU")
    assert "rehab.Case" in export("P4", handler)["tables"]


def test_the_administrators_command_includes_them(case):
    out = StringIO()
    call_command("gdpr", "export", "--person", "P1", stdout=out)
    made = json.loads(out.getvalue())
    assert set(made["tables"]) >= REHAB_TABLES and made["about"]["made_by"] == "system"


def test_a_manager_as_the_person_what_they_did_in_others_cases(case, personas):
    """The unit manager's own request: their acts in Alva's case are theirs, Alva's case is not. HR's
    export lists the acts and their days only; the strategist's nothing of them, nor the audit entries
    of the manager's views of cases."""
    Person.objects.filter(pk="P3").update(user=personas["enhetschef"])
    made = export("P3", personas["hr"])
    text = json.dumps(made)
    assert "Samtal om arbetstiderna" not in text and "Kan arbeta halvtid" not in text
    steps = {row["id"]: row for row in made["tables"]["rehab.StepDone"]}
    assert steps[case.steps_done.get().pk] == {
        "id": case.steps_done.get().pk,
        "done_by": personas["enhetschef"].pk,
        "done_on": "2026-10-08",
    }
    mine = [row for row in made["tables"]["audit.AuditEntry"] if row["action"] == "view_rehab_case"]
    assert [row["detail"] for row in mine] == [{"case": None}, {"cases": []}]
    assert {row["id"]: row for row in made["tables"]["rehab.Case"]}[case.pk] == {
        "id": case.pk,
        "person": None,
        "opened_by": personas["enhetschef"].pk,
        "closed_by": None,
        "opened_on": "2026-10-05",
    }
    by_strategist = export("P3", personas["halsostrateg"])
    assert not REHAB_TABLES & set(by_strategist["tables"])
    actions = {row["action"] for row in by_strategist["tables"]["audit.AuditEntry"]}
    assert not actions & {"view_rehab_case", "open_rehab_case", "change_rehab_case"}


def test_the_page_and_the_download(client, case, personas):
    client.force_login(personas["hr"])
    response = client.get(reverse("gdpr:export", kwargs={"person_id": "P1"}))
    assert "rehab.Case" in json.loads(response.content)["tables"]
    page = client.get(reverse("gdpr:person"), {"person": "P1"}).content.decode()
    assert "rehab.Case.person" in page
    client.force_login(personas["halsostrateg"])
    response = client.get(reverse("gdpr:export", kwargs={"person_id": "P1"}))
    assert "rehab.Case" not in json.loads(response.content)["tables"]
    page = client.get(reverse("gdpr:person"), {"person": "P1"}).content.decode()
    other = client.get(reverse("gdpr:person"), {"person": "P3"}).content.decode()
    assert "rehab." not in page
    note = 'id="rehab-note">Eventuell rehabiliteringsdokumentation lämnas ut av HR.</p>'
    assert note in page and note in other
