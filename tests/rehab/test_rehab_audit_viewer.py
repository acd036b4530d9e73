"""The audit viewer (kasam.audit.views) and the entries of rehabilitation cases (opened, viewed,
changed): shown – on the page, in the CSV file and among the filter's choices – only to a viewer who
holds HR's part in cases (CLOSE_REHAB_CASES), and of those only within HR's units; never to the health
strategist, nor to a superuser without that role."""

import csv
import io

import pytest
from django.urls import reverse

from kasam.audit.models import REHAB_ACTIONS, AuditEntry, record
from kasam.org.models import Role, RoleAssignment


@pytest.fixture
def entries(personas):
    chef = personas["enhetschef"]
    return {
        "opened": record(chef, AuditEntry.Action.OPEN_REHAB_CASE, "AO-HT1", case=7, source="manual"),
        "viewed": record(chef, AuditEntry.Action.VIEW_REHAB_CASE, "AO-HT1", case=7),
        "listed": record(chef, AuditEntry.Action.VIEW_REHAB_CASE, "", cases=[7, 8]),
        "changed": record(chef, AuditEntry.Action.CHANGE_REHAB_CASE, "AO-HT1", case=7, step="first_contact"),
        "elsewhere": record(chef, AuditEntry.Action.VIEW_REHAB_CASE, "IFO-BU", case=9),
        "signals": record(chef, AuditEntry.Action.VIEW_EARLY_SIGNALS, "AO-HT1"),
    }


def on_page(client, entries, **query) -> set[str]:
    response = client.get(reverse("audit:log"), query)
    assert response.status_code == 200
    shown = {row.pk for row in response.context["page"].object_list}
    return {name for name, entry in entries.items() if entry.pk in shown}


def in_file(client, **query) -> list[list[str]]:
    text = client.get(reverse("audit:export"), query).content.decode("utf-8")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))[1:]


def action_choices(client) -> set[str]:
    form = client.get(reverse("audit:log")).context["form"]
    return {value for value, _label in form.fields["action"].choices}


def test_hr_over_the_whole_organisation_reads_them(client, personas, entries):
    client.force_login(personas["hr"])
    assert on_page(client, entries) == set(entries)
    assert on_page(client, entries, action="view_rehab_case") == {"viewed", "listed", "elsewhere"}
    assert len(in_file(client, user="enhetschef")) == len(entries)
    assert action_choices(client) >= REHAB_ACTIONS


def test_the_health_strategist_does_not(client, personas, entries):
    client.force_login(personas["halsostrateg"])
    assert on_page(client, entries) == {"signals"}
    assert on_page(client, entries, user="enhetschef") == {"signals"}
    rows = in_file(client, user="enhetschef")
    assert [row[3] for row in rows] == ["AO-HT1"] and len(rows) == 1
    assert not REHAB_ACTIONS & action_choices(client)
    # Asking for them by the query string is a wrong choice: nothing is shown.
    response = client.get(reverse("audit:log"), {"action": "view_rehab_case"})
    assert response.context["form"].errors and not response.context["rows"]
    assert in_file(client, action="open_rehab_case") == []


def test_a_superuser_without_the_role_does_not(client, django_user_model, entries):
    admin = django_user_model.objects.create_superuser("tekniker", password="test-password-1")
    client.force_login(admin)
    assert on_page(client, entries) == {"signals"}
    assert not REHAB_ACTIONS & action_choices(client)
    assert len(in_file(client, user="enhetschef")) == 1
    RoleAssignment.objects.create(user=admin, role=Role.HR, unit_id="SOC")
    assert on_page(client, entries) == set(entries)


def test_hr_over_a_part_reads_those_of_its_units(client, django_user_model, entries):
    hr = django_user_model.objects.create_user("hr-ifo", password="test-password-1")
    RoleAssignment.objects.create(user=hr, role=Role.HR, unit_id="IFO")
    client.force_login(hr)
    assert on_page(client, entries) == {"elsewhere"}
    # The strategist's role over everything besides: every other entry, but only IFO's cases.
    RoleAssignment.objects.create(user=hr, role=Role.HEALTH_STRATEGIST, unit_id="SOC")
    client.force_login(hr)
    assert on_page(client, entries) == {"elsewhere", "signals"}
