"""Who reaches the reports: both are the committee's view of the whole organisation, so only a role
with MAKE_REPORTS over the whole organisation makes, lists and downloads them. Played as an outside
tester did: leadership assigned over one area opened the reports page and downloaded the reports
others had made by counting their ids up from 1."""

import re

import pytest
from django.urls import reverse

from kasam.org.models import Role, RoleAssignment
from kasam.reports.models import Report


@pytest.fixture
def reports(personas):
    return [
        Report.objects.create(
            kind=kind,
            year=2025,
            format=fmt,
            status=Report.Status.DONE,
            content=b"%PDF-1.7 report",
            requested_by=personas["hr"],
        )  # fmt: skip
        for kind, fmt in (("health", "pdf"), ("annual", "xlsx"))
    ]


@pytest.fixture
def area_leadership(django_user_model, org):
    user = django_user_model.objects.create_user(username="ledning-ao", password="test-password-1")
    RoleAssignment.objects.create(user=user, role=Role.LEADERSHIP, unit_id="AO")
    return user


def _download(client, report_id: int):
    return client.get(reverse("reports:download", kwargs={"report_id": report_id}))


def test_leadership_over_one_area_neither_reaches_nor_guesses_the_organisations_reports(
    client, personas, reports, area_leadership
):
    client.force_login(area_leadership)
    assert client.get(reverse("reports:list")).status_code == 403
    for report_id in range(1, max(r.pk for r in reports) + 3):
        assert _download(client, report_id).status_code == 404, report_id


@pytest.mark.parametrize("username", ["ledning", "halsostrateg", "hr", "politiker"])
def test_the_roles_over_the_whole_organisation_download_every_report(client, personas, reports, username):
    client.force_login(personas[username])
    assert client.get(reverse("reports:list")).status_code == 200
    for report in reports:
        assert _download(client, report.pk).content == b"%PDF-1.7 report"


@pytest.mark.parametrize("username", ["medarbetare", "enhetschef", "omradeschef", "dialogcoach"])
def test_a_report_not_ones_own_to_read_is_not_found_exactly_like_a_missing_one(
    client, personas, reports, username
):
    client.force_login(personas[username])
    hidden, missing = _download(client, reports[0].pk), _download(client, 999999)
    assert hidden.status_code == missing.status_code == 404
    token = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    address = reverse("reports:download", kwargs={"report_id": reports[0].pk}).encode()
    hidden_page = token.sub(b"", hidden.content).replace(address, b"")
    missing_page = token.sub(b"", missing.content)
    assert hidden_page == missing_page.replace(
        reverse("reports:download", kwargs={"report_id": 999999}).encode(), b""
    )
