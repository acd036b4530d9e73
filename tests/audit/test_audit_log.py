"""The audit log (kasam.audit): who may read it, its filters and pages, its CSV export (itself audited),
the entries that role changes and downloads write, and that the application can only append to it."""

import csv
import io
from datetime import date, datetime

import pytest
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from personas import ALL_PERSONAS

from kasam.audit.actor import acting_as
from kasam.audit.models import AppendOnlyError, AuditEntry, purge_before, record
from kasam.audit.views import HEADER
from kasam.org.models import Role, RoleAssignment, Unit
from kasam.pulse.models import Programme, Round
from kasam.reports.models import Report
from kasam.survey.models import Survey

ALL = ALL_PERSONAS  # every persona's username (tests/personas.py)
READERS = {"halsostrateg", "hr"}
VIEWS = ["audit:log", "audit:export"]


def at(entry: AuditEntry, moment: datetime) -> AuditEntry:
    """Back-date an entry (a plain queryset: the application's manager refuses updates)."""
    models.QuerySet(AuditEntry).filter(pk=entry.pk).update(at=moment)
    entry.refresh_from_db()
    return entry


def local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


# ------------------------------------------------------------------------------------------ access


@pytest.mark.parametrize("view", VIEWS)
def test_only_the_health_strategist_hr_and_superusers_read_the_log(client, personas, django_user_model, view):
    url = reverse(view)
    for username in ALL:
        client.force_login(personas[username])
        assert client.get(url).status_code == (200 if username in READERS else 403), (view, username)
    admin = django_user_model.objects.create_superuser("tekniker", password="test-password-1")
    client.force_login(admin)
    assert client.get(url).status_code == 200
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_the_navigation_lists_the_log_for_its_readers_only(client, personas):
    link = f'href="{reverse("audit:log")}"'
    for username in ALL:
        client.force_login(personas[username])
        assert (link in client.get(reverse("core:home")).content.decode()) == (username in READERS), username


def test_a_reader_over_part_of_the_tree_sees_the_entries_of_its_units_only(
    client, personas, django_user_model
):
    strategist = django_user_model.objects.create_user("strateg-ao", password="test-password-1")
    RoleAssignment.objects.create(user=strategist, role=Role.HEALTH_STRATEGIST, unit_id="AO")
    inside = record(personas["enhetschef"], AuditEntry.Action.VIEW_EARLY_SIGNALS, "AO-HT1")
    outside = record(personas["hr"], AuditEntry.Action.VIEW_EARLY_SIGNALS, "IFO-BU")
    nowhere = record(personas["hr"], AuditEntry.Action.DOWNLOAD_REPORT, report=1)
    client.force_login(strategist)
    page = client.get(reverse("audit:log")).content.decode()
    assert f'data-entry="{inside.pk}"' in page
    assert f'data-entry="{outside.pk}"' not in page and f'data-entry="{nowhere.pk}"' not in page
    client.force_login(personas["hr"])  # over the root: everything
    page = client.get(reverse("audit:log")).content.decode()
    assert all(f'data-entry="{e.pk}"' in page for e in (inside, outside, nowhere))


# ----------------------------------------------------------------------------- filters and pages


@pytest.fixture
def entries(personas):
    """Four entries on known days, besides the personas' role assignments."""
    chef, hr = personas["enhetschef"], personas["hr"]
    return {
        "old": at(record(chef, AuditEntry.Action.VIEW_EARLY_SIGNALS, "AO-HT1"), local(2026, 3, 1, 9)),
        "march": at(record(hr, AuditEntry.Action.VIEW_EARLY_SIGNALS, "AO-SB1"), local(2026, 3, 31, 23, 59)),
        "april": at(
            record(hr, AuditEntry.Action.EXPORT_SURVEY, survey=1, format="csv"), local(2026, 4, 1, 0)
        ),
        "may": at(record(chef, AuditEntry.Action.VIEW_EARLY_SIGNALS, "AO-HT1"), local(2026, 5, 2, 12)),
    }


def shown(client, **query) -> list[int]:
    response = client.get(reverse("audit:log"), query)
    assert response.status_code == 200
    return [row.pk for row in response.context["page"].object_list]


def test_it_filters_by_what_who_unit_and_dates(client, personas, entries):
    client.force_login(personas["hr"])
    pk = {name: entry.pk for name, entry in entries.items()}
    everything = shown(client)
    mine = [entry for entry in everything if entry in pk.values()]
    assert mine == [pk["may"], pk["april"], pk["march"], pk["old"]]  # newest first
    assert len(everything) == AuditEntry.objects.count()
    assert shown(client, action="view_early_signals") == [pk["may"], pk["march"], pk["old"]]
    assert shown(client, action="view_early_signals", user="ENHET") == [pk["may"], pk["old"]]
    assert shown(client, unit="AO-SB1", action="view_early_signals") == [pk["march"]]
    # Both ends of the range are whole days, in local time (the personas' roles were given today).
    assert shown(client, date_from="2026-03-31", date_to="2026-04-01") == [pk["april"], pk["march"]]
    assert shown(client, date_from="2026-04-02", date_to="2026-05-02") == [pk["may"]]
    assert shown(client, date_to="2026-03-01") == [pk["old"]]
    assert shown(client, user="nobody") == []


def test_a_wrong_range_is_an_error_and_shows_nothing(client, personas, entries):
    client.force_login(personas["hr"])
    response = client.get(reverse("audit:log"), {"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert response.status_code == 200
    assert response.context["form"].errors and not response.context["rows"]


def test_it_shows_fifty_a_page(client, personas):
    for _ in range(60):
        record(personas["enhetschef"], AuditEntry.Action.VIEW_EARLY_SIGNALS, "AO-HT1")
    client.force_login(personas["hr"])
    first = client.get(reverse("audit:log"), {"action": "view_early_signals"})
    assert len(first.context["rows"]) == 50 and first.context["page"].paginator.num_pages == 2
    second = client.get(reverse("audit:log"), {"action": "view_early_signals", "page": 2})
    assert len(second.context["rows"]) == 10
    assert "action=view_early_signals&amp;page=2" in first.content.decode()


# -------------------------------------------------------------------------------------- export


def test_the_export_holds_the_filtered_entries_and_is_itself_audited(client, personas, entries):
    client.force_login(personas["halsostrateg"])
    response = client.get(reverse("audit:export"), {"action": "view_early_signals", "user": "enhetschef"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    with translation.override("sv"):
        assert rows[0] == [str(column) for column in HEADER]
    assert [(row[1], row[3]) for row in rows[1:]] == [("enhetschef", "AO-HT1"), ("enhetschef", "AO-HT1")]
    assert rows[1][0].startswith("2026-05-02T12:00")

    logged = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT_AUDIT_LOG).get()
    assert logged.username == "halsostrateg"
    assert logged.detail == {"filters": {"action": "view_early_signals", "user": "enhetschef"}, "rows": 2}
    # The next export holds the previous one.
    rows = csv_rows(client.get(reverse("audit:export"), {"action": "export_audit_log"}))
    assert [row[1] for row in rows[1:]] == ["halsostrateg"]


def test_a_refused_export_writes_nothing(client, personas):
    client.force_login(personas["enhetschef"])
    assert client.get(reverse("audit:export")).status_code == 403
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT_AUDIT_LOG).exists()


# ------------------------------------------------------------------------------- role changes


def test_role_changes_are_written_with_who_made_them(org, django_user_model):
    user = django_user_model.objects.create_user("ny-chef", password="test-password-1")
    hr = django_user_model.objects.create_user("hr-person", password="test-password-1")
    assignment = RoleAssignment.objects.create(user=user, role=Role.UNIT_MANAGER, unit_id="AO-HT1")
    with acting_as(hr):
        assignment.delete()
    assigned, removed = AuditEntry.objects.order_by("id")
    assert (assigned.action, assigned.username, assigned.user, assigned.unit_id) == (
        AuditEntry.Action.ROLE_ASSIGNED,
        "system",
        None,
        "AO-HT1",
    )
    assert assigned.detail == {
        "subject_user_id": user.pk,
        "subject_username": "ny-chef",
        "role": "unit_manager",
    }
    assert (removed.action, removed.username, removed.user) == (
        AuditEntry.Action.ROLE_REMOVED,
        "hr-person",
        hr,
    )


def test_a_role_given_in_the_admin_names_the_administrator(client, org, django_user_model):
    admin = django_user_model.objects.create_superuser("tekniker", password="test-password-1")
    user = django_user_model.objects.create_user("ny-hr", password="test-password-1")
    client.force_login(admin)
    response = client.post(
        reverse("admin:org_roleassignment_add"), {"user": user.pk, "role": Role.HR.value, "unit": "SOC"}
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ROLE_ASSIGNED)
    assert (entry.username, entry.unit_id, entry.detail["subject_username"]) == ("tekniker", "SOC", "ny-hr")
    assignment = RoleAssignment.objects.get(user=user)
    response = client.post(reverse("admin:org_roleassignment_delete", args=[assignment.pk]), {"post": "yes"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ROLE_REMOVED)
    assert (entry.username, entry.detail["role"]) == ("tekniker", "hr")


def test_removing_a_user_records_the_roles_it_loses(org, django_user_model):
    user = django_user_model.objects.create_user("slutar", password="test-password-1")
    RoleAssignment.objects.create(user=user, role=Role.EMPLOYEE, unit_id="AO-HT1")
    record(user, AuditEntry.Action.VIEW_EARLY_SIGNALS, "AO-HT1")
    user.delete()
    removed = AuditEntry.objects.get(action=AuditEntry.Action.ROLE_REMOVED)
    assert removed.detail["role"] == "employee" and removed.unit_id == "AO-HT1"
    # The user's own entries stay, with the name written into them.
    assert AuditEntry.objects.get(action=AuditEntry.Action.VIEW_EARLY_SIGNALS).username == "slutar"


# ------------------------------------------------------------------------------- downloads


def test_every_download_of_a_file_is_written(client, personas):
    hr = personas["hr"]
    client.force_login(hr)
    tree = {u.pk: u.parent_id for u in Unit.objects.all()}
    programme = Programme.objects.create(name="Puls", root_unit_id="SOC")
    round = Round.objects.create(
        programme=programme, number=1, opens_on=date(2026, 11, 2), closes_on=date(2026, 11, 9),
        status=Round.Status.CLOSED, statement_ids=["beg1"], k=5, tree=tree, shown_nodes=[],
    )  # fmt: skip
    survey = Survey.objects.create(name="Enkät", year=2026, filename="s.csv", file_sha256="0" * 64)
    report = Report.objects.create(
        kind="annual", year=2025, format="pdf", status=Report.Status.DONE, content=b"%PDF-", requested_by=hr
    )
    assert (
        client.get(reverse("pulse:export", kwargs={"round_id": round.pk, "fmt": "xlsx"})).status_code == 200
    )
    assert (
        client.get(reverse("survey:export", kwargs={"survey_id": survey.pk, "fmt": "csv"})).status_code == 200
    )
    assert client.get(reverse("reports:download", kwargs={"report_id": report.pk})).status_code == 200
    written = AuditEntry.objects.exclude(action__in=[AuditEntry.Action.ROLE_ASSIGNED]).order_by("id")
    assert [(e.action, e.username, e.unit_id, e.detail) for e in written] == [
        (AuditEntry.Action.EXPORT_PULSE, "hr", "SOC", {"round": round.pk, "format": "xlsx"}),
        (AuditEntry.Action.EXPORT_SURVEY, "hr", "", {"survey": survey.pk, "format": "csv"}),
        (
            AuditEntry.Action.DOWNLOAD_REPORT,
            "hr",
            "",
            {"report": report.pk, "file": "personalredovisning-2025.pdf"},
        ),
    ]


# ------------------------------------------------------------------------------- append-only


def test_the_application_can_only_append(personas):
    entry = record(personas["hr"], AuditEntry.Action.VIEW_EARLY_SIGNALS, "SOC")
    entry.unit_id = "other"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(unit_id="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    entry.refresh_from_db()
    assert entry.unit_id == "SOC"


def test_only_the_retention_deletes_and_only_by_age(personas):
    old = at(record(None, AuditEntry.Action.RETENTION_PURGE), local(2021, 11, 24, 23, 59))
    kept = at(record(None, AuditEntry.Action.RETENTION_PURGE), local(2021, 11, 25, 0, 0))
    assert old.username == "system"
    assert purge_before(local(2021, 11, 25, 0, 0)) == 1
    assert (
        not AuditEntry.objects.filter(pk=old.pk).exists() and AuditEntry.objects.filter(pk=kept.pk).exists()
    )
