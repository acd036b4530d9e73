"""The page of GDPR requests (/gdpr/, HANDLE_PERSONAL_DATA): HR and the health strategist find a person
of their scope – former staff included – and download the export; both are audited. Everyone else is
refused; a person outside the scope is "not found"."""

import json

import pytest
from django.urls import reverse
from personas import ALL_PERSONAS

from kasam.audit.models import AuditEntry
from kasam.org.models import Role, RoleAssignment

ALL = ALL_PERSONAS  # every persona's username (tests/personas.py)
HANDLERS = {"halsostrateg", "hr"}


def export_url(person_id: str) -> str:
    return reverse("gdpr:export", kwargs={"person_id": person_id})


@pytest.mark.parametrize("url", [reverse("gdpr:person"), export_url("P5")])
def test_only_hr_and_the_health_strategist_handle_requests(client, personas, url):
    for username in ALL:
        client.force_login(personas[username])
        assert client.get(url).status_code == (200 if username in HANDLERS else 403), (url, username)
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_hr_finds_a_former_employee_and_downloads_the_export(client, personas):
    client.force_login(personas["hr"])
    page = client.get(reverse("gdpr:person"), {"person": "P5"})
    html = page.content.decode()
    assert "Eva Slutat" in html and export_url("P5") in html
    assert "org.Employment.person" in html
    looked_up = AuditEntry.objects.get(action=AuditEntry.Action.VIEW_PERSON_DATA)
    assert (looked_up.username, looked_up.detail) == ("hr", {"person_id": "P5"})

    response = client.get(export_url("P5"))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert 'filename="kasam-person-P5-2026-11-25.json"' in response["Content-Disposition"]
    export = json.loads(response.content)
    assert export["person"]["id"] == "P5" and export["about"]["made_by"] == "hr"
    downloaded = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT_PERSON)
    assert (downloaded.username, downloaded.detail) == ("hr", {"person_id": "P5"})


def test_a_person_outside_the_scope_is_not_found(client, personas, django_user_model):
    handler = django_user_model.objects.create_user("strateg-ifo", password="test-password-1")
    RoleAssignment.objects.create(user=handler, role=Role.HEALTH_STRATEGIST, unit_id="IFO")
    client.force_login(handler)
    assert client.get(export_url("P4")).status_code == 200  # employed in IFO-BU
    assert client.get(export_url("P1")).status_code == 404  # employed in AO-HT1
    assert client.get(export_url("NOBODY")).status_code == 404
    page = client.get(reverse("gdpr:person"), {"person": "P1"})
    assert page.status_code == 200 and 'id="not-found"' in page.content.decode()
    assert not AuditEntry.objects.filter(
        action__in=["view_person_data", "export_person"], detail__person_id="P1"
    )


def test_the_audit_log_links_to_the_page_for_handlers(client, personas):
    client.force_login(personas["hr"])
    assert reverse("gdpr:person") in client.get(reverse("audit:log")).content.decode()
